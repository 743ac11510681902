"""How the cost of exact inference in chains grows with the sequence length T.

Times one forward and one backward pass of `hmm_log_partition` (K = 5 and 50 states) and of `lds_log_partition`
(D = 2 and 10 latent dimensions, full precisions J) on a batch of 8 sequences, for T = 100, 1,000 and 10,000 steps,
with one torch thread, in float32. Each setting runs `--repeats` times after one untimed warm-up. Each run is timed
twice: by the wall clock and by the CPU time of this process (`time.process_time`), which, with one thread, is the
work done, less inflated than the wall clock when other processes share the cores. The JSON keeps every time;
`seconds` is the fastest CPU time and `wall_seconds` the fastest wall-clock time.

    python benchmarks/chains_scale.py                    # writes benchmarks/results/chains_scale.json
    python benchmarks/chains_scale.py --lengths 100 1000 --repeats 1   # a quick look
"""
from __future__ import annotations
import argparse, json, os, platform, time
from pathlib import Path
import torch
from rpm_nb.chains import hmm_log_partition, lds_log_partition

HERE = Path(__file__).resolve().parent
BATCH = 8


def hmm_inputs(K: int, T: int, g: torch.Generator) -> list[torch.Tensor]:
    return [torch.randn(K, generator=g), torch.randn(K, K, generator=g).log_softmax(-1), torch.randn(BATCH, T, K, generator=g)]


def lds_inputs(D: int, T: int, g: torch.Generator) -> list[torch.Tensor]:
    X, W = torch.randn(D, D, generator=g), torch.randn(BATCH, T, D, D, generator=g)
    A = 0.9 * torch.linalg.qr(X)[0]
    return [A, 0.1 * torch.eye(D), torch.zeros(D), torch.eye(D), W @ W.mT / D, torch.randn(BATCH, T, D, generator=g)]


def seconds(fn, inputs: list[torch.Tensor]) -> tuple[float, float]:
    "CPU and wall-clock seconds of one forward and backward pass of fn with gradients for every input."
    xs = [x.clone().requires_grad_() for x in inputs]
    c, t = time.process_time(), time.perf_counter()
    fn(*xs).sum().backward()
    return time.process_time() - c, time.perf_counter() - t


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--lengths', type=int, nargs='+', default=[100, 1000, 10_000])
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--out', default=str(HERE/'results'/'chains_scale.json'))
    a = ap.parse_args()
    torch.set_num_threads(1)
    rows = []
    for chain, fn, make, sizes, what in [('HMM', hmm_log_partition, hmm_inputs, (5, 50), 'K'),
                                         ('LDS', lds_log_partition, lds_inputs, (2, 10), 'D')]:
        for size in sizes:
            for T in a.lengths:
                inputs = make(size, T, torch.Generator().manual_seed(0))
                seconds(fn, inputs)                                              # warm-up
                cpu, wall = zip(*[seconds(fn, inputs) for _ in range(a.repeats)])
                rows.append({'chain': chain, 'size': f'{what} = {size}', 'T': T, 'seconds': min(cpu), 'wall_seconds': min(wall),
                             'all_cpu_seconds': cpu, 'all_wall_seconds': wall, 'microseconds_per_step': 1e6 * min(cpu) / T})
                print(f"{chain} {what}={size} T={T}: {min(cpu):.3f} s CPU, {min(wall):.3f} s wall", flush=True)
    out = {'machine': {'cpu_count': os.cpu_count(), 'torch': torch.__version__, 'torch_threads': torch.get_num_threads(),
                       'python': platform.python_version(), 'load_average': os.getloadavg()},
           'settings': {'batch': BATCH, 'repeats': a.repeats, 'dtype': 'float32', 'lengths': a.lengths, 'seconds': 'fastest CPU time'}, 'rows': rows}
    Path(a.out).parent.mkdir(parents=True, exist_ok=True)
    Path(a.out).write_text(json.dumps(out, indent=1) + '\n')
    print('wrote', a.out)


if __name__ == '__main__': main()
