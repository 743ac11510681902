"""Cost per pair of the continuous RPM's pairwise term, the generic path against the fused one.

Every step of the inner bound evaluates LSE_m[Phi(eta_m - nu_n) - Phi(eta_m)] for all N table rows, for each of the
B batch rows and J views: J N B pairs (`log_int_F_over_h` of rpm_nb.rpm_continuous). Two arms:
* `reference`: the generic path (`_log_int_reference`: pairwise `log_partition_of_sum`, autograd, chunks of 1,024
  rows under `torch.utils.checkpoint`), which is what `ContinuousRPM` (chunk_size=1024) ran before the fused path;
* `fused`: `log_int_F_over_h` as it is now (the fused chunked log-sum-exp with its backward pass written out; chunks
  chosen by the function, at most 1,024 rows as `ContinuousRPM` passes).

The time is one forward and backward pass (`.sum().backward()`) in float32 with J = 2 views and a batch of B = 128, on
one torch thread, reported in ns per pair (J N B pairs). Settings: diagonal Gaussian with D = 2 and 10 latent
dimensions at N = 10,000 and 60,000; the full-covariance Gaussian (D = 2) and von Mises (D = 2) at N = 10,000.
The arms are interleaved: for every setting and repeat, each arm runs once, in a fresh process (the order of the
arms alternates between repeats), after a warm-up call on 1,000 rows. The time is the process's CPU time
(`time.process_time`): with one thread on a machine shared with other work it leaves out the time spent waiting for a
core, which the wall-clock time (kept in the results too) includes. The minimum over repeats is reported with the
spread max/min. Memory: the peak resident memory of the process (`resource.getrusage(...).ru_maxrss`) after the timed
call minus its value before it (inputs built, warm-up done), in MB: what the call itself added at its peak.

The epoch estimate multiplies the time per pair by the pairs of one epoch at N = 60,000 with batches of 128 and J = 2
(469 steps of 2 x 60,000 x 128 pairs), diagonal Gaussian with D = 2: the pairwise term alone, not the networks.

    python benchmarks/rpm_continuous_scale.py              # about 10 minutes; writes benchmarks/results/rpm_continuous_scale.json
    python benchmarks/rpm_continuous_scale.py --repeats 1 --quick
"""
from __future__ import annotations
import argparse, json, math, os, platform, resource, statistics, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
J, B, CHUNK = 2, 128, 1024
SETTINGS = [('diag', 2, 10_000), ('diag', 2, 60_000), ('diag', 10, 10_000), ('diag', 10, 60_000),
            ('full', 2, 10_000), ('vonmises', 2, 10_000)]
ARMS = ('reference', 'fused')
TARGET_NS = 40.0


def _rss_mb() -> float:
    "Peak resident memory of this process so far, in MB."
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _inputs(family: str, D: int, N: int):
    "The family, factors (J, N, P) and auxiliaries (J, B, P) in float32, valid pairs, both requiring gradients."
    import torch
    from rpm_nb.expfam import DiagGaussianFamily, FullGaussianFamily, VonMisesFamily
    from rpm_nb.rpm_continuous import default_prior, increment_head
    fam = {'diag': DiagGaussianFamily, 'full': FullGaussianFamily, 'vonmises': VonMisesFamily}[family](D)
    g = torch.Generator().manual_seed(0)
    e0 = default_prior(fam)
    inc = lambda n: increment_head(fam, 0.5 * torch.randn(J, n, fam.dim, generator=g))
    return fam, (e0 + inc(N)).requires_grad_(True), (e0 - inc(B)).requires_grad_(True)


def worker(family: str, D: int, N: int, arm: str) -> dict:
    "One timed forward and backward pass of one arm, after a warm-up on 1,000 rows; time and memory."
    import torch
    torch.set_num_threads(1)
    from rpm_nb.rpm_continuous import log_int_F_over_h, _log_int_reference
    f = {'reference': _log_int_reference, 'fused': log_int_F_over_h}[arm]
    fam, ef, nu = _inputs(family, D, N)
    f(fam, ef[:, :1000], nu, CHUNK).sum().backward()                  # warm-up
    ef.grad = nu.grad = None
    before = _rss_mb()
    t, c = time.perf_counter(), time.process_time()
    f(fam, ef, nu, CHUNK).sum().backward()
    cpu, sec = time.process_time() - c, time.perf_counter() - t
    return {'cpu_seconds': cpu, 'seconds': sec, 'extra_mb': _rss_mb() - before, 'baseline_mb': before}


def _run(family, D, N, arm) -> dict:
    out = subprocess.run([sys.executable, __file__, '--worker', family, str(D), str(N), arm],
                         capture_output=True, text=True, check=True, cwd=HERE.parent)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(repeats: int, settings, out: str):
    import torch
    result = {'machine': {'platform': platform.platform(), 'python': platform.python_version(), 'torch': torch.__version__,
                          'threads': 1, 'cpus': os.cpu_count()},
              'settings': {'J': J, 'B': B, 'dtype': 'float32', 'chunk_passed': CHUNK, 'repeats': repeats,
                           'time': 'CPU seconds of the process (time.process_time) for one forward and backward pass on one thread, '
                                   'minimum over repeats; spread = max / min; the wall-clock times are kept too',
                           'memory': 'ru_maxrss after the timed call minus before it, MB, one fresh process per arm and repeat',
                           'arms': {'reference': 'generic path, chunks of 1024 rows under checkpoint (the previous default)',
                                    'fused': 'log_int_F_over_h: fused chunked log-sum-exp with a written-out backward pass'}}}
    runs = {}
    for family, D, N in settings:
        for r in range(repeats):
            for arm in (ARMS if r % 2 == 0 else ARMS[::-1]):                 # interleaved, order alternating
                res = _run(family, D, N, arm)
                runs.setdefault((family, D, N, arm), []).append(res)
                print(family, D, N, arm, json.dumps(res), flush=True)
    rows = []
    for (family, D, N, arm), rs in runs.items():
        secs, walls = [x['cpu_seconds'] for x in rs], [x['seconds'] for x in rs]
        pairs = J * N * B
        rows.append({'family': family, 'D': D, 'N': N, 'B': B, 'J': J, 'arm': arm,
                     'chunk': CHUNK if arm == 'reference' else 'auto (at most 1024)', 'cpu_seconds': secs, 'min': min(secs),
                     'median': statistics.median(secs), 'ns_per_pair': min(secs) / pairs * 1e9,
                     'spread': max(secs) / min(secs), 'wall_seconds': walls, 'wall_ns_per_pair': min(walls) / pairs * 1e9,
                     'extra_mb': max(x['extra_mb'] for x in rs),
                     'baseline_mb': min(x['baseline_mb'] for x in rs)})
    result['rows'] = rows
    key = {(r['family'], r['D'], r['N'], r['arm']): r for r in rows}
    result['speedup'] = [{'family': f, 'D': D, 'N': N,
                          'speedup': key[f, D, N, 'reference']['ns_per_pair'] / key[f, D, N, 'fused']['ns_per_pair']}
                         for f, D, N in settings]
    steps, pairs_step = math.ceil(60_000 / B), J * 60_000 * B
    ep = {}
    for arm in ARMS:
        r = key.get(('diag', 2, 60_000, arm))
        if r: ep[f'{arm}_minutes'] = r['ns_per_pair'] * 1e-9 * steps * pairs_step / 60
    result['epoch_estimate'] = {'N': 60_000, 'B': B, 'J': J, 'D': 2, 'steps': steps, 'pairs_per_step': pairs_step, **ep}
    result['targets'] = {f"{r['family']} D={r['D']} N={r['N']}": {'ns_per_pair': r['ns_per_pair'],
                                                                   'at_most_40ns': r['ns_per_pair'] <= TARGET_NS}
                         for r in rows if r['arm'] == 'fused'}
    dest = HERE/'results'/out
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(result, indent=1))
    print(json.dumps({'speedup': result['speedup'], 'epoch_estimate': result['epoch_estimate']}, indent=1))
    print(f'written {dest}')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--quick', action='store_true', help='only the diagonal Gaussian, D = 2, N = 10,000')
    ap.add_argument('--out', default='rpm_continuous_scale.json', help='file name under benchmarks/results/')
    ap.add_argument('--worker', nargs=4, metavar=('FAMILY', 'D', 'N', 'ARM'))
    a = ap.parse_args()
    if a.worker:
        fam, D, N, arm = a.worker
        print(json.dumps(worker(fam, int(D), int(N), arm)))
    else: main(a.repeats, SETTINGS[:1] if a.quick else SETTINGS, a.out)
