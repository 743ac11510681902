"""How the time-series RPM's cost and memory grow with the sequence length T.

The setting is the Poisson bouncing ball of 11_rpm_temporal (J = 10 pixels, a 1-D latent, one small tanh network per
pixel fed log(1 + x), a GP prior with a learnable RBF kernel, per-step marginals F_jt, the factors' own q and the
constrained auxiliary, a refresh every 10 steps), with N = 64 sequences and minibatches of B = 16, for T = 50, 100, 200,
500 and 1000 steps.

For each T: seconds per training epoch (4 steps of `fit` with Adam), and the seconds of one forward and backward pass of
each of the three parts of a step on one batch:
* `gp`: the GP posterior and its KL divergence (`gp_posterior`, `gp_kl`), whose Cholesky factorisations of B matrices
  T x T are the expected T^3 term;
* `pairwise`: the log-integrals of F_jt / h_jt against all N sequences (`temporal_log_int`), N B T J pairs, linear in T;
* `networks`: the pixel networks on the batch's B T J values, linear in T.
The crossover is the T at which the GP part overtakes the pairwise part, interpolated on the log-log scale between the
two measured lengths where their order flips.

Every T runs in a fresh process with one torch thread, so its peak resident memory (ru_maxrss) is its own; the memory of
the process after building the data and the model is reported as `baseline_mb`. Times are medians over the repeats; the
ratios are against T = 50 measured in the same run.

    python benchmarks/rpm_temporal_scale.py                       # writes benchmarks/results/rpm_temporal_scale.json
    python benchmarks/rpm_temporal_scale.py --lengths 50 200 --repeats 1   # a quick look

GP against Markov prior (`--compare`): the same model with the GP prior (`GPPrior`, RBF kernel) and with a Markov prior
(`MarkovPrior(1, A=0.9)`, Kalman filtering and smoothing, linear in T), for T = 50 ... 10,000; the GP arm only up to
`--gp-max` (default 1,000: its epoch at T = 1,000 already takes a quarter of a minute). For each T the arms are interleaved
(gp, markov, gp, markov, ...), each run a fresh process with one torch thread that times one training epoch and one
forward and backward pass of its prior's part (posterior moments and KL of one batch); the reported time is the
minimum over the repeats, the peak memory the maximum. The results go under the key `priors` of the same JSON file,
leaving the GP rows above as they are.

    python benchmarks/rpm_temporal_scale.py --compare             # updates benchmarks/results/rpm_temporal_scale.json
"""
from __future__ import annotations
import argparse, json, math, os, platform, resource, statistics, subprocess, sys, time
from pathlib import Path

HERE = Path(__file__).resolve().parent
N_SEQ, BATCH, J = 64, 16, 10


def _rss_mb() -> float:
    "Peak resident memory of this process so far, in MB."
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _model(T: int, prior: str = 'gp'):
    import torch
    from torch import nn
    from rpm_nb.data import bouncing_ball
    from rpm_nb.expfam import DiagGaussianFamily
    from rpm_nb.rpm_temporal import TemporalRPM, GPPrior, MarkovPrior
    data = bouncing_ball(N_SEQ, T=T, J=J, kind='poisson', seed=0, dtype=torch.float32)
    torch.manual_seed(0)
    nets = [nn.Sequential(nn.Linear(1, 32), nn.Tanh(), nn.Linear(32, 32), nn.Tanh(), nn.Linear(32, 2)) for _ in range(J)]
    return TemporalRPM(DiagGaussianFamily(1, validate=False), nets, data.X[..., None],
                       GPPrior(1, 3.0, 1.0) if prior == 'gp' else MarkovPrior(1, A=0.9),
                       transform=torch.log1p, refresh_every=10)


def _seconds(fn) -> float:
    t = time.perf_counter(); fn(); return time.perf_counter() - t


def _parts(model) -> dict:
    "Seconds of one forward and backward pass of each part of a step, on the first batch of sequences."
    import torch
    from rpm_nb.rpm_temporal import prior_marginals, factor_sites, gp_posterior, gp_kl, temporal_log_int
    idx = torch.arange(BATCH)
    x = model.inputs(idx)
    def networks(): model.zero_grad(); model.factor_increments(x).sum().backward()
    g = model.factor_increments(x).detach().requires_grad_()
    K = model.prior(model.times)
    eta_0 = prior_marginals(model.fam, K).detach()
    def gp():
        h, lam = factor_sites(model.fam, g)
        m, var, logdet = gp_posterior(K, h, lam)
        (gp_kl(h, lam, m, var, logdet).sum() + m.sum() + var.sum()).backward(retain_graph=True)
    nu = (0.1 * torch.randn(BATCH, model.T, model.J, 2)).abs().requires_grad_()
    def pairwise(): temporal_log_int(model.fam, eta_0[:, None] + model.table, nu).sum().backward()
    return {'gp': _seconds(gp), 'pairwise': _seconds(pairwise), 'networks': _seconds(networks)}


def worker(T: int, repeats: int) -> dict:
    import torch
    from rpm_nb.train import fit, index_loader, rpm_loss
    torch.set_num_threads(1)
    model = _model(T)
    baseline = _rss_mb()
    epochs, parts = [], []
    for r in range(repeats):
        loader = index_loader(model, BATCH, seed=r)
        opt = torch.optim.Adam(model.parameters(), 1e-2)
        epochs.append(_seconds(lambda: fit(model, rpm_loss, loader, opt, epochs=1, progress=False)))
        parts.append(_parts(model))
    med = {k: statistics.median(p[k] for p in parts) for k in parts[0]}
    return {'T': T, 'epoch_seconds': statistics.median(epochs), 'epoch_seconds_all': epochs, 'steps_per_epoch': N_SEQ // BATCH,
            'part_seconds': med, 'part_seconds_all': parts, 'baseline_mb': baseline, 'peak_mb': _rss_mb()}


def _run(T: int, repeats: int) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
    out = subprocess.run([sys.executable, __file__, '--worker', str(T), '--repeats', str(repeats)],
                         capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0: raise RuntimeError(f'worker T={T} failed:\n{out.stderr[-3000:]}')
    return json.loads(out.stdout.strip().splitlines()[-1])


def _slope(rows, key) -> list:
    "Growth exponents d log(cost) / d log(T) between consecutive lengths."
    return [round(math.log(b[key] / a[key]) / math.log(b['T'] / a['T']), 2) for a, b in zip(rows, rows[1:])]


def _crossover(rows):
    "T where the GP part overtakes the pairwise part (log-log interpolation), or None if their order never flips."
    r = [(row['T'], row['part_seconds']['gp'] / row['part_seconds']['pairwise']) for row in rows]
    for (t1, q1), (t2, q2) in zip(r, r[1:]):
        if q1 < 1 <= q2:
            return round(math.exp(math.log(t1) + (math.log(t2) - math.log(t1)) * (-math.log(q1)) / (math.log(q2) - math.log(q1))))
    return None


def main(lengths, repeats, out='rpm_temporal_scale.json'):
    rows = []
    for T in lengths:
        row = _run(T, repeats)
        rows.append(row)
        print(json.dumps({k: v for k, v in row.items() if not k.endswith('_all')}), flush=True)
    base = rows[0]
    for row in rows:
        row['epoch_ratio_to_first'] = row['epoch_seconds'] / base['epoch_seconds']
        tot = sum(row['part_seconds'].values())
        row['part_shares'] = {k: v / tot for k, v in row['part_seconds'].items()}
    summary = {'epoch_growth_exponents': _slope(rows, 'epoch_seconds'),
               'gp_growth_exponents': _slope([{'T': r['T'], 'x': r['part_seconds']['gp']} for r in rows], 'x'),
               'pairwise_growth_exponents': _slope([{'T': r['T'], 'x': r['part_seconds']['pairwise']} for r in rows], 'x'),
               'networks_growth_exponents': _slope([{'T': r['T'], 'x': r['part_seconds']['networks']} for r in rows], 'x'),
               'gp_overtakes_pairwise_at_T': _crossover(rows),
               'peak_mb': {r['T']: round(r['peak_mb']) for r in rows}}
    import torch
    result = {'setting': {'N': N_SEQ, 'batch': BATCH, 'J': J, 'D': 1, 'threads': 1, 'repeats': repeats},
              'machine': {'python': platform.python_version(), 'torch': torch.__version__, 'cpu': platform.processor() or platform.machine()},
              'rows': rows, 'summary': summary}
    dest = HERE / 'results' / out
    dest.parent.mkdir(exist_ok=True)
    dest.write_text(json.dumps(result, indent=1))
    print(json.dumps(summary, indent=1)); print(f'written {dest}')


def prior_worker(T: int, prior: str) -> dict:
    "One epoch and one pass of the prior's part, in this process: seconds and peak memory."
    import torch
    from rpm_nb.train import fit, index_loader, rpm_loss
    from rpm_nb.rpm_temporal import factor_sites
    torch.set_num_threads(1)
    model = _model(T, prior)
    baseline = _rss_mb()
    g = model.factor_increments(model.inputs(torch.arange(BATCH))).detach().requires_grad_()
    def part():
        m, var, kl = model.prior.posterior_moments(model.times, *factor_sites(model.fam, g))
        (kl.sum() + m.sum() + var.sum()).backward()
    prior_s = _seconds(part)
    opt = torch.optim.Adam(model.parameters(), 1e-2)
    epoch = _seconds(lambda: fit(model, rpm_loss, index_loader(model, BATCH, seed=0), opt, epochs=1, progress=False))
    return {'T': T, 'prior': prior, 'epoch_seconds': epoch, 'prior_seconds': prior_s, 'baseline_mb': baseline, 'peak_mb': _rss_mb()}


def _run_prior(T: int, prior: str) -> dict:
    env = dict(os.environ, OMP_NUM_THREADS='1', MKL_NUM_THREADS='1')
    out = subprocess.run([sys.executable, __file__, '--worker', str(T), '--prior', prior], capture_output=True, text=True, env=env, check=False)
    if out.returncode != 0: raise RuntimeError(f'worker T={T} prior={prior} failed:\n{out.stderr[-3000:]}')
    return json.loads(out.stdout.strip().splitlines()[-1])


def compare(lengths, repeats, gp_max, out='rpm_temporal_scale.json'):
    "GP against Markov prior, arms interleaved for each T; minimum seconds over the repeats, maximum peak memory."
    rows = []
    for T in lengths:
        arms = ['gp', 'markov'] if T <= gp_max else ['markov']
        runs = {a: [] for a in arms}
        for r in range(repeats):
            for a in (arms if r % 2 == 0 else arms[::-1]): runs[a].append(_run_prior(T, a))
        for a, rs in runs.items():
            row = {'T': T, 'prior': a, 'epoch_seconds': min(x['epoch_seconds'] for x in rs), 'prior_seconds': min(x['prior_seconds'] for x in rs),
                   'epoch_seconds_all': [x['epoch_seconds'] for x in rs], 'peak_mb': max(x['peak_mb'] for x in rs),
                   'baseline_mb': min(x['baseline_mb'] for x in rs)}
            rows.append(row)
            print(json.dumps({k: v for k, v in row.items() if not k.endswith('_all')}), flush=True)
    by = {(r['prior'], r['T']): r for r in rows}
    mk = [r for r in rows if r['prior'] == 'markov']
    summary = {'markov_epoch_growth_exponents': _slope(mk, 'epoch_seconds'),
               'markov_prior_growth_exponents': _slope([{'T': r['T'], 'x': r['prior_seconds']} for r in mk], 'x'),
               'markov_epoch_ratio_10000_to_1000': (by[('markov', 10000)]['epoch_seconds'] / by[('markov', 1000)]['epoch_seconds']
                                                    if ('markov', 10000) in by and ('markov', 1000) in by else None),
               'gp_over_markov_epoch': {T: by[('gp', T)]['epoch_seconds'] / by[('markov', T)]['epoch_seconds'] for T in lengths if ('gp', T) in by},
               'gp_over_markov_prior_part': {T: by[('gp', T)]['prior_seconds'] / by[('markov', T)]['prior_seconds'] for T in lengths if ('gp', T) in by}}
    import torch
    dest = HERE / 'results' / out
    result = json.loads(dest.read_text()) if dest.exists() else {}
    result['priors'] = {'setting': {'N': N_SEQ, 'batch': BATCH, 'J': J, 'D': 1, 'threads': 1, 'repeats': repeats, 'gp_max': gp_max,
                                    'gp': 'GPPrior(1, 3.0, 1.0), RBF kernel', 'markov': 'MarkovPrior(1, A=0.9)'},
                        'machine': {'python': platform.python_version(), 'torch': torch.__version__, 'cpu': platform.processor() or platform.machine(),
                                    'load_average_at_end': os.getloadavg()},
                        'rows': rows, 'summary': summary}
    dest.write_text(json.dumps(result, indent=1))
    print(json.dumps(summary, indent=1)); print(f'written {dest}')


if __name__ == '__main__':
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--lengths', type=int, nargs='+', default=[50, 100, 200, 500, 1000])
    p.add_argument('--repeats', type=int, default=3)
    p.add_argument('--out', default='rpm_temporal_scale.json')
    p.add_argument('--compare', action='store_true', help='GP against Markov prior, T = 50 ... 10,000 (see above)')
    p.add_argument('--gp-max', type=int, default=1000, help='longest T of the GP arm in --compare')
    p.add_argument('--worker', type=int, default=None, help=argparse.SUPPRESS)
    p.add_argument('--prior', default=None, help=argparse.SUPPRESS)
    a = p.parse_args()
    if a.worker is not None and a.prior is not None: print(json.dumps(prior_worker(a.worker, a.prior)))
    elif a.worker is not None: print(json.dumps(worker(a.worker, a.repeats)))
    elif a.compare:
        lengths = a.lengths if '--lengths' in sys.argv else [50, 100, 200, 500, 1000, 2000, 5000, 10000]
        compare(lengths, a.repeats if '--repeats' in sys.argv else 2, a.gp_max, a.out)
    else: main(a.lengths, a.repeats, a.out)
