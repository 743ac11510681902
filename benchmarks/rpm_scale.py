"""How the RPM's cost and memory grow with the data set size N.

Discrete RPM: seconds for the first training epoch from a fixed initialisation, and peak memory, on Fashion-MNIST
peer pairs (J=2, K=10, the small CNN of 09_rpm_discrete shared by both views, Adam), N = 1k, 10k, 60k, in three
settings (`DISCRETE_MODES`): batch 128 with 4 scheduled refreshes per epoch, without and with the `max_drift`
safeguard (whose forced refreshes are counted), and the notebook's recipe, a batch growing with N and a refresh every
15 steps; and every default (`discrete_default`), whose epoch time is compared with the recipe's, size by size.
Continuous RPM: seconds per optimiser step of the inner variational bound and peak memory at B = 128, on the same
pairs flattened, a 2-D Gaussian latent, MLP factors, an amortised q and a per-datum auxiliary (DeltaNu), chunks of
1,024 rows.

Every configuration runs in a fresh process with one torch thread, so its peak resident memory (ru_maxrss) is its own;
the memory of the process after `import torch` and loading the data is measured too and reported as `baseline_mb`.
Targets: peak memory linear in N and under 2 GB at N = 60k; cost per epoch growing no faster than N log N.

    python benchmarks/rpm_scale.py                 # all sizes, writes benchmarks/results/rpm_scale.json
    python benchmarks/rpm_scale.py --sizes 1000 10000 --repeats 2
    python benchmarks/rpm_scale.py --kinds discrete_recipe discrete_default --out rpm_defaults.json   # the defaults
"""
from __future__ import annotations
import argparse, json, math, os, platform, resource, statistics, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _rss_mb() -> float:
    "Peak resident memory of this process so far, in MB."
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _current_mb() -> float:
    with open('/proc/self/statm') as f: return int(f.read().split()[1]) * os.sysconf('SC_PAGE_SIZE') / 2**20


def _pairs(N: int, flat: bool):
    "The first N Fashion-MNIST training images, each paired with another of its class: (N, 2, 1, 28, 28) or (N, 2, 784) uint8."
    import torch
    torch.set_num_threads(1)
    from rpm_nb.data import load_fashion_mnist, peer_pairs
    imgs, labels = load_fashion_mnist('train')
    X, y = peer_pairs(imgs[:N].flatten(1) if flat else imgs[:N].unsqueeze(1), labels[:N], views=2, seed=0)
    torch.manual_seed(0)
    return X, y


DISCRETE_MODES = {
    'discrete': 'batch 128, table refreshed 4x per epoch, max_drift=None (the drift correction alone)',
    'discrete_guarded': 'batch 128, table refreshed 4x per epoch, max_drift=1 (the default: forced refreshes when too stale)',
    'discrete_recipe': 'batch N // 64 (16 at least), table refreshed every 15 steps, max_drift=1 (the recipe of 09_rpm_discrete)',
    'discrete_default': "every default: DiscreteRPM(net, X, K, transform=...), index_loader(model), fit without callbacks (batch max(128, N // 64), refresh_every=15, max_drift=1)"}


def discrete_worker(N: int, repeats: int, mode: str = 'discrete') -> dict:
    "Seconds per epoch of discrete-RPM training on N Fashion-MNIST pairs in one of `DISCRETE_MODES`, and memory."
    import torch
    X, y = _pairs(N, flat=False)
    from rpm_nb.rpm_discrete import DiscreteRPM, small_cnn, cluster_accuracy
    from rpm_nb.train import fit, rpm_loss, RefreshTable, index_loader
    baseline = _current_mb()
    B = max(16, N // 64) if mode == 'discrete_recipe' else 128
    times, forced, accs = [], [], []
    for r in range(repeats):                         # every repeat is the same first epoch from the same initialisation
        torch.manual_seed(0)
        if mode == 'discrete_default':
            model = DiscreteRPM(small_cnn(10), X, K=10, transform=lambda x: x.float() / 255)
            loader, callbacks, every = index_loader(model, seed=0), [], model.refresh_every
        else:
            model = DiscreteRPM(small_cnn(10), X, K=10, transform=lambda x: x.float() / 255, learn_prior=True,
                                max_drift=None if mode == 'discrete' else 1.0, refresh_every=None)
            loader = index_loader(model, batch_size=B, seed=0)
            every = 15 if mode == 'discrete_recipe' else max(1, len(loader) // 4)
            callbacks = [RefreshTable(every)]
        B = loader.batch_size
        opt = torch.optim.Adam(model.parameters(), 1e-3)
        t = time.perf_counter()
        model.refresh()
        fit(model, rpm_loss, loader, opt, epochs=1, callbacks=callbacks, progress=False)
        times.append(time.perf_counter() - t); forced.append(model.forced_refreshes)
        model.refresh(); accs.append(cluster_accuracy(model.posterior().probs.argmax(-1), y)[0])   # not timed
        del model, opt
    return {'N': N, 'B': B, 'seconds_per_epoch': times, 'min': min(times), 'median': statistics.median(times),
            'steps_per_epoch': len(loader), 'scheduled_refreshes_per_epoch': 1 + len(loader) // every,
            'forced_refreshes_per_epoch': forced, 'train_acc_after_epoch': accs, 'baseline_mb': baseline, 'peak_mb': _rss_mb()}


def inner_worker(N: int, repeats: int, B: int = 128, steps: int = 10) -> dict:
    "Seconds per optimiser step of the continuous RPM's inner bound at batch size B with N data, and memory."
    import torch
    from torch import nn
    X, _ = _pairs(N, flat=True)
    from rpm_nb.expfam import DiagGaussianFamily
    from rpm_nb.rpm_continuous import ContinuousRPM, AmortisedQ, DeltaNu
    from rpm_nb.train import rpm_loss
    fam, D = DiagGaussianFamily(2), 2
    mlp = lambda i: nn.Sequential(nn.Linear(i, 128), nn.ReLU(), nn.Linear(128, 2 * D))
    model = ContinuousRPM(fam, mlp(784), X, q=AmortisedQ(fam, mlp(2 * 784)), nu=DeltaNu(fam, N, 2), chunk_size=1024, refresh_every=None)
    model.refresh()
    baseline = _current_mb()
    opt = torch.optim.Adam(model.parameters(), 1e-3)
    g = torch.Generator().manual_seed(0)
    def step():
        idx = torch.randperm(N, generator=g)[:B]
        loss = rpm_loss(model, idx)['loss']
        opt.zero_grad(); loss.backward(); opt.step()
    step(); step()                                               # warm-up
    times = []
    for r in range(repeats):
        t = time.perf_counter()
        for _ in range(steps): step()
        times.append((time.perf_counter() - t) / steps)
    return {'N': N, 'B': B, 'seconds_per_step': times, 'min': min(times), 'median': statistics.median(times),
            'baseline_mb': baseline, 'peak_mb': _rss_mb()}


def _run_worker(kind: str, N: int, repeats: int) -> dict:
    out = subprocess.run([sys.executable, __file__, '--worker', kind, '--N', str(N), '--repeats', str(repeats)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def _growth(rows: list[dict], key: str) -> dict:
    "Exponent of cost ~ N^a between successive sizes, and the N log N allowance for the same step."
    out = []
    for a, b in zip(rows, rows[1:]):
        if 'skipped' in a or 'skipped' in b: continue
        ratio, n_ratio = b[key] / a[key], b['N'] / a['N']
        out.append({'from': a['N'], 'to': b['N'], 'cost_ratio': ratio, 'N_ratio': n_ratio,
                    'NlogN_ratio': n_ratio * math.log(b['N']) / math.log(a['N']),
                    'exponent': math.log(ratio) / math.log(n_ratio)})
    return out


def _memory_fit(rows: list[dict]) -> dict:
    "Least-squares line peak_mb = a + b N, and the largest relative deviation from it."
    rows = [r for r in rows if 'skipped' not in r]
    if len(rows) < 2: return {}
    ns, ms = [r['N'] for r in rows], [r['peak_mb'] for r in rows]
    nbar, mbar = statistics.mean(ns), statistics.mean(ms)
    b = sum((n - nbar) * (m - mbar) for n, m in zip(ns, ms)) / sum((n - nbar) ** 2 for n in ns)
    a = mbar - b * nbar
    return {'intercept_mb': a, 'mb_per_1000': 1000 * b,
            'max_rel_deviation': max(abs(m - (a + b * n)) / m for n, m in zip(ns, ms))}


def main(sizes, repeats, kinds=None, out='rpm_scale.json'):
    import torch
    result = {'machine': {'platform': platform.platform(), 'python': platform.python_version(),
                          'torch': torch.__version__, 'threads': 1, 'cpus': os.cpu_count()},
              'settings': {'sizes': sizes, 'repeats': repeats, 'discrete (all modes)': 'Fashion-MNIST pairs, J=2, K=10, small_cnn, Adam 1e-3',
                           **DISCRETE_MODES, 'inner_bound_batch': 128}}
    kinds = kinds or (*DISCRETE_MODES, 'inner')
    rows = {kind: [] for kind in kinds}
    for N in sizes:                                  # settings interleaved size by size, so that they share the machine's state
        reps = repeats if N <= 10_000 else max(1, repeats // 2)
        for kind in kinds:
            row = _run_worker(kind, N, reps); rows[kind].append(row)
            print(kind, json.dumps({k: v for k, v in row.items() if not isinstance(v, list)}), flush=True)
    for kind in kinds:
        result[kind] = {'rows': rows[kind], 'growth': _growth(rows[kind], 'min'), 'memory_fit': _memory_fit(rows[kind])}
    checks = {}
    for kind in kinds:
        rows = [r for r in result[kind]['rows'] if 'skipped' not in r]
        if not rows: continue
        checks[kind] = {'peak_mb_at_largest_N': rows[-1]['peak_mb'], 'under_2GB': rows[-1]['peak_mb'] < 2048,
                        'growth_within_NlogN': all(g['cost_ratio'] <= g['NlogN_ratio'] for g in result[kind]['growth'])}
    if 'discrete_recipe' in result and 'discrete_default' in result:       # the defaults against the recipe, size by size
        checks['defaults_vs_recipe'] = [{'N': a['N'], 'time_ratio': b['min'] / a['min'], 'within_1.5x': b['min'] / a['min'] <= 1.5,
                                         'recipe_train_acc': a['train_acc_after_epoch'], 'default_train_acc': b['train_acc_after_epoch']}
                                        for a, b in zip(result['discrete_recipe']['rows'], result['discrete_default']['rows'])]
    result['targets'] = checks
    dest = HERE/'results'/out
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(result, indent=1))
    print(json.dumps(checks, indent=1)); print(f'written {dest}')


if __name__ == '__main__':
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('--sizes', type=int, nargs='*', default=[1000, 10_000, 60_000])
    ap.add_argument('--repeats', type=int, default=3)
    ap.add_argument('--worker', choices=[*DISCRETE_MODES, 'inner'])
    ap.add_argument('--N', type=int)
    ap.add_argument('--kinds', nargs='*', choices=[*DISCRETE_MODES, 'inner'], help='a subset of the settings (default: all)')
    ap.add_argument('--out', default='rpm_scale.json', help='file name under benchmarks/results/')
    a = ap.parse_args()
    if a.worker == 'inner': print(json.dumps(inner_worker(a.N, a.repeats)))
    elif a.worker: print(json.dumps(discrete_worker(a.N, a.repeats, a.worker)))
    else: main(a.sizes, a.repeats, a.kinds, a.out)
