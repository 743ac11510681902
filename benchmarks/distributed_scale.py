"""Data-parallel speed-up of the RPMs with P = 1 and P = 2 processes of one thread each (torch.distributed, gloo, 127.0.0.1).

Discrete RPM: one training epoch on N = 60,000 Fashion-MNIST peer pairs with the recipe of 09_rpm_discrete (J = 2, K = 10,
the small CNN shared by both views, Adam 1e-3, a learnt prior, a refresh every 15 steps, max_drift = 1), a batch of 936
rows in all: 936 in one process, 468 in each of two. Continuous RPM: one epoch of the inner bound on N = 10,000 pairs
flattened (2-D Gaussian latent, MLP factors, amortised q, DeltaNu auxiliary, chunks of 1,024 rows, a refresh every 15
steps), a batch of 128 in all. Both settings take the same steps with P = 1 and P = 2 (the exactness tests in
tests/test_distributed.py check that the trajectories agree), so the speed-up is the ratio of epoch times.

The share of time spent communicating is the time rank 0 spends inside torch.distributed's collectives (which includes
waiting for the other process to arrive), over the epoch time. Every configuration is repeated; P = 1 and P = 2 runs
alternate. Target: a speed-up of at least 1.6x at P = 2 for both.

    python benchmarks/distributed_scale.py                  # writes benchmarks/results/distributed_scale.json
    python benchmarks/distributed_scale.py --repeats 1 --discrete-N 6000 --continuous-N 2000   # a quick look
"""
from __future__ import annotations
import argparse, json, os, platform, statistics, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
COLLECTIVES = ('all_reduce', 'all_gather', 'all_gather_object', 'broadcast', 'barrier')


def _timed_collectives() -> dict:
    "Wrap torch.distributed's collectives so that the seconds spent in them add up in the returned dict."
    import torch.distributed as dist
    spent = {'seconds': 0.0, 'calls': 0}
    for name in COLLECTIVES:
        f = getattr(dist, name)
        def timed(*a, _f=f, **k):
            t = time.perf_counter()
            try: return _f(*a, **k)
            finally: spent['seconds'] += time.perf_counter() - t; spent['calls'] += 1
        setattr(dist, name, timed)
    return spent


def _pairs(N: int, flat: bool):
    import torch
    from rpm_nb.data import load_fashion_mnist, peer_pairs
    imgs, labels = load_fashion_mnist('train')
    X, y = peer_pairs(imgs[:N].flatten(1) if flat else imgs[:N].unsqueeze(1), labels[:N], views=2, seed=0)
    return X


def _timed_epoch(model, batch_size: int) -> dict:
    "One epoch of `fit` with Adam 1e-3 on this process's share of batches; seconds, time in collectives and the last logged objective."
    import torch
    from rpm_nb.train import fit, rpm_loss, index_loader
    loader = index_loader(model, batch_size=batch_size, seed=0)
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    spent = _timed_collectives()
    t = time.perf_counter()
    hist = fit(model, rpm_loss, loader, opt, epochs=1, progress=False)
    seconds = time.perf_counter() - t
    return {'seconds': seconds, 'comm_seconds': spent['seconds'], 'collectives': spent['calls'], 'steps': len(loader),
            f'final_{model.objective_name}': hist.last(model.objective_name)}


def discrete_epoch(N: int, global_batch: int) -> dict:
    "One epoch of the discrete-RPM recipe in this process's share; seconds and time in collectives."
    import torch
    from rpm_nb.rpm_discrete import DiscreteRPM, small_cnn
    from rpm_nb.train import world
    rank, P = world()
    X = _pairs(N, flat=False)
    torch.manual_seed(0)
    model = DiscreteRPM(small_cnn(10), X, K=10, transform=lambda x: x.float() / 255, learn_prior=True, max_drift=1.0, refresh_every=15)
    return _timed_epoch(model, global_batch // P) | {'forced_refreshes': model.forced_refreshes}


def continuous_epoch(N: int, global_batch: int) -> dict:
    "One epoch of the continuous RPM's inner bound in this process's share; seconds and time in collectives."
    import torch
    from torch import nn
    from rpm_nb.expfam import DiagGaussianFamily
    from rpm_nb.rpm_continuous import ContinuousRPM, AmortisedQ, DeltaNu
    from rpm_nb.train import world
    rank, P = world()
    X = _pairs(N, flat=True)
    torch.manual_seed(0)
    fam, D = DiagGaussianFamily(2), 2
    mlp = lambda i: nn.Sequential(nn.Linear(i, 128), nn.ReLU(), nn.Linear(128, 2 * D))
    model = ContinuousRPM(fam, mlp(784), X, q=AmortisedQ(fam, mlp(2 * 784)), nu=DeltaNu(fam, N, 2), chunk_size=1024,
                          transform=lambda x: x.float() / 255, refresh_every=15)
    return _timed_epoch(model, global_batch // P)


def main(repeats: int, discrete_N: int, continuous_N: int, out: str):
    import torch
    from rpm_nb.distributed import launch
    settings = {'discrete': (discrete_epoch, discrete_N, 936), 'continuous': (continuous_epoch, continuous_N, 128)}
    result = {'machine': {'platform': platform.platform(), 'python': platform.python_version(), 'torch': torch.__version__,
                          'cpus': os.cpu_count(), 'threads_per_process': 1, 'backend': 'gloo'},
              'settings': {'repeats': repeats, 'discrete': f'N = {discrete_N}, batch 936 in all, the 09 recipe',
                           'continuous': f'N = {continuous_N}, batch 128 in all, inner bound, AmortisedQ + DeltaNu'}}
    for name, (fn, N, B) in settings.items():
        runs = {1: [], 2: []}
        for r in range(repeats):
            for P in (1, 2):
                out_p = launch(fn, P, N, B, threads=1, timeout=3600)
                runs[P].append(out_p[0])                                   # rank 0's account
                print(name, f'P={P}', json.dumps(out_p[0]), flush=True)
        t1, t2 = [x['seconds'] for x in runs[1]], [x['seconds'] for x in runs[2]]
        share = [x['comm_seconds'] / x['seconds'] for x in runs[2]]
        result[name] = {'N': N, 'global_batch': B, 'runs': {str(P): v for P, v in runs.items()},
                        'epoch_seconds_P1_min': min(t1), 'epoch_seconds_P2_min': min(t2),
                        'speedup_min': min(t1) / min(t2), 'speedup_median': statistics.median(t1) / statistics.median(t2),
                        'comm_share_P2_median': statistics.median(share),
                        'same_result': abs(runs[1][0].get('final_log_lik', runs[1][0].get('final_bound')) -
                                           runs[2][0].get('final_log_lik', runs[2][0].get('final_bound')))}
        result[name]['target_1.6x_met'] = result[name]['speedup_min'] >= 1.6
        print(name, json.dumps({k: v for k, v in result[name].items() if k != 'runs'}), flush=True)
    dest = HERE / 'results' / out
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(result, indent=1))
    print(f'written {dest}')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--repeats', type=int, default=2)
    ap.add_argument('--discrete-N', type=int, default=60_000)
    ap.add_argument('--continuous-N', type=int, default=10_000)
    ap.add_argument('--out', default='distributed_scale.json', help='file name under benchmarks/results/')
    a = ap.parse_args()
    main(a.repeats, a.discrete_N, a.continuous_N, a.out)
