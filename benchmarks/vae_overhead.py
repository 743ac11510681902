"""Overhead of rpm_nb's ELBO training over hand-written PyTorch, and over Pyro, for the same MLP VAE.

Model: a 784-200-20 encoder (diagonal Gaussian q(z|x), scales through softplus + 1e-4) and a 20-200-784 decoder
(Bernoulli pixels), standard normal prior, one latent draw per datum, closed-form KL, Adam at 1e-3, batch 100,
10,000 binarised Fashion-MNIST images (random binary images if the data set is not installed), one torch thread.

Arms, each timed for one epoch (100 optimiser steps) at a time:
  handwritten   the same maths written out with torch.nn.functional (the reference)
  rpm_nb        `-rpm_nb.vae.elbo(model, x).mean()` in the same plain loop (including the check, which the hand-written
                arm does not make, that every pixel is 0 or 1 as the Bernoulli likelihood requires)
  rpm_nb_fit    `rpm_nb.train.fit` with an `rpm_nb.vae.Objective`, whose dict of loss, ELBO, distortion and rate fit
                records in its History (adds the loop's history and checks)
  pyro          Pyro's `Trace_ELBO` with `SVI` (Monte Carlo KL, as Trace_ELBO computes it); only when pyro-ppl is
                installed, e.g. with the `bench` extra: `pip install -e ".[bench]"`. Skipped, and recorded as
                skipped, otherwise.

Every arm starts from the same initial parameters, sees the same batches in the same order and, before each epoch,
the same torch seed, so the first three draw identical noise (the result records how far their parameters are apart
after the warm-up epoch). After that epoch the arms are timed in turn, interleaved and with the first arm rotating, so
that a change in machine load affects all of them alike, `--repeats` times. The result records every time, wall-clock
and the process's CPU time (less disturbed by other processes on a shared machine), the min and the median per arm,
and the ratios to the hand-written arm measured in the same run. Target: rpm_nb within 1.05x of hand-written.

    python benchmarks/vae_overhead.py                  # writes benchmarks/results/vae_overhead.json
    python benchmarks/vae_overhead.py --repeats 15 --out /tmp/vae_overhead.json
"""
from __future__ import annotations
import argparse, copy, json, os, platform, statistics, sys, time
from pathlib import Path

import torch
import torch.nn.functional as F

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _pyro_vae import pyro_model_guide, pyro_status
N, BATCH, HIDDEN, LATENT, LR, MIN_SCALE = 10_000, 100, 200, 20, 1e-3, 1e-4


def load_data(n: int) -> tuple[torch.Tensor, str]:
    "n binarised Fashion-MNIST training images (n, 784), or random binary images if the data are missing."
    from rpm_nb.data import load_fashion_mnist, binarize
    try:
        imgs, _ = load_fashion_mnist('train')
        return binarize(imgs[:n].flatten(1), 'dynamic', seed=0), 'Fashion-MNIST (binarised, seed 0)'
    except FileNotFoundError:
        g = torch.Generator().manual_seed(0)
        return (torch.rand(n, 784, generator=g) < 0.3).float(), 'random binary images (Fashion-MNIST not installed)'


def batches_for(X: torch.Tensor, seed: int) -> list[torch.Tensor]:
    "The batches of one epoch, in a seeded random order (built outside the timed region, the same for every arm)."
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    return [X[perm[i:i + BATCH]] for i in range(0, len(X), BATCH)]


# ---------------------------------------------------------------------------------------------------- the arms
def handwritten_loss(enc: torch.nn.Module, dec: torch.nn.Module, x: torch.Tensor) -> torch.Tensor:
    "Minus the mean ELBO of the MLP VAE, written out by hand."
    loc, raw = enc(x).chunk(2, -1)
    scale = F.softplus(raw) + MIN_SCALE
    z = loc + scale * torch.randn_like(loc)
    log_px_z = -F.binary_cross_entropy_with_logits(dec(z), x, reduction='none').sum(-1)
    kl = 0.5 * (loc ** 2 + scale ** 2 - 1).sum(-1) - scale.log().sum(-1)
    return (kl - log_px_z).mean()


class HandwrittenArm:
    name = 'handwritten'
    def __init__(self, vae):
        self.enc, self.dec = copy.deepcopy(vae.encoder[:-1]), copy.deepcopy(vae.decoder[:-1])
        self.opt = torch.optim.Adam([*self.enc.parameters(), *self.dec.parameters()], LR)
    def epoch(self, batches):
        for x in batches:
            loss = handwritten_loss(self.enc, self.dec, x)
            self.opt.zero_grad(); loss.backward(); self.opt.step()
    def params(self): return [*self.enc.parameters(), *self.dec.parameters()]


class RpmArm:
    name = 'rpm_nb'
    def __init__(self, vae):
        from rpm_nb.vae import elbo
        self.elbo, self.model = elbo, copy.deepcopy(vae)
        self.opt = torch.optim.Adam(self.model.parameters(), LR)
    def epoch(self, batches):
        for x in batches:
            loss = -self.elbo(self.model, x).mean()
            self.opt.zero_grad(); loss.backward(); self.opt.step()
    def params(self): return [*self.model.encoder.parameters(), *self.model.decoder.parameters()]


class RpmFitArm(RpmArm):
    name = 'rpm_nb_fit'
    def __init__(self, vae):
        super().__init__(vae)
        from rpm_nb.vae import Objective
        from rpm_nb.train import fit
        self.fit, self.objective = fit, Objective()
    def epoch(self, batches):
        self.fit(self.model, self.objective, batches, self.opt, epochs=1, progress=False)


class PyroArm:
    name = 'pyro'
    def __init__(self, vae):
        import pyro
        from pyro.infer import SVI, Trace_ELBO
        pyro.clear_param_store()
        self.enc, self.dec = copy.deepcopy(vae.encoder[:-1]), copy.deepcopy(vae.decoder[:-1])
        model, guide = pyro_model_guide(self.enc, self.dec, LATENT, MIN_SCALE)
        self.svi = SVI(model, guide, pyro.optim.Adam({'lr': LR}), loss=Trace_ELBO())
    def epoch(self, batches):
        for x in batches: self.svi.step(x)
    def params(self): return [*self.enc.parameters(), *self.dec.parameters()]


# ---------------------------------------------------------------------------------------------------- the run
def machine_info() -> dict:
    return {'platform': platform.platform(), 'processor': platform.processor() or platform.machine(),
            'cpu_count': os.cpu_count(), 'python': sys.version.split()[0], 'torch': torch.__version__,
            'torch_threads': torch.get_num_threads()}


def max_param_diff(a, b) -> float:
    return max(float((p.detach() - q.detach()).abs().max()) for p, q in zip(a.params(), b.params()))


def spread(arm: list, ref: list) -> dict:
    "The ratio arm / reference within each repeat (the two timed back to back): its range and quartiles."
    r = sorted(a / b for a, b in zip(arm, ref))
    q = statistics.quantiles(r, n=4) if len(r) > 1 else [r[0]] * 3
    return {'lowest': r[0], 'lower_quartile': q[0], 'median': q[1], 'upper_quartile': q[2], 'highest': r[-1]}


def _summarise(times: dict) -> tuple[dict, dict]:
    "Min and median per arm; their ratios to the hand-written arm, with the spread of the per-repeat ratios."
    summary = {k: {'min': min(v), 'median': statistics.median(v)} for k, v in times.items()}
    ref = summary['handwritten']
    return summary, {k: {'min': s['min'] / ref['min'], 'median': s['median'] / ref['median'],
                         'per_repeat': spread(times[k], times['handwritten'])}
                     for k, s in summary.items() if k != 'handwritten'}


def run(repeats: int, n: int) -> dict:
    torch.set_num_threads(1)
    from rpm_nb.vae import mlp_vae
    X, data_name = load_data(n)
    torch.manual_seed(0)
    vae = mlp_vae(x_dim=784, hidden=HIDDEN, latent_dim=LATENT)
    has_pyro, pyro_version = pyro_status()
    arms = [HandwrittenArm(vae), RpmArm(vae), RpmFitArm(vae)] + ([PyroArm(vae)] if has_pyro else [])
    load_before = os.getloadavg()
    for arm in arms:                                                    # warm-up epoch, same seed and batches for all
        torch.manual_seed(1); arm.epoch(batches_for(X, 1))
    same_maths = {arm.name: max_param_diff(arm, arms[0]) for arm in arms[1:3]}
    times, cpu_times = {arm.name: [] for arm in arms}, {arm.name: [] for arm in arms}
    for r in range(repeats):
        batches = batches_for(X, 100 + r)
        for arm in arms[r % len(arms):] + arms[:r % len(arms)]:            # rotate which arm goes first
            torch.manual_seed(100 + r)
            t, c = time.perf_counter(), time.process_time()
            arm.epoch(batches)
            times[arm.name].append(time.perf_counter() - t); cpu_times[arm.name].append(time.process_time() - c)
    summary, ratios = _summarise(times)
    cpu_summary, cpu_ratios = _summarise(cpu_times)
    return {
        'benchmark': 'vae_overhead', 'machine': machine_info(), 'load_average_before_after': [load_before, os.getloadavg()],
        'settings': {'images': n, 'data': data_name, 'batch_size': BATCH, 'steps_per_epoch': len(batches_for(X, 0)),
                     'encoder': [784, HIDDEN, 2 * LATENT], 'decoder': [LATENT, HIDDEN, 784], 'latent_dim': LATENT,
                     'optimizer': f'Adam(lr={LR})', 'samples_per_datum': 1, 'repeats': repeats, 'warmup_epochs': 1,
                     'order': 'arms interleaved within each repeat, the first arm rotating from repeat to repeat'},
        'pyro': {'installed': has_pyro, 'version': pyro_version,
                 **({} if has_pyro else {'skipped': 'pyro-ppl is not installed (install the bench extra: pip install -e ".[bench]")'})},
        'max_abs_param_difference_after_warmup_vs_handwritten': same_maths,
        'seconds_per_epoch': times, 'summary': summary, 'ratio_to_handwritten': ratios,
        'cpu_seconds_per_epoch': cpu_times, 'cpu_summary': cpu_summary, 'cpu_ratio_to_handwritten': cpu_ratios,
        'target': {'rpm_nb_ratio_at_most': 1.05, 'met_by_min': ratios['rpm_nb']['min'] <= 1.05, 'met_by_median': ratios['rpm_nb']['median'] <= 1.05},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeats', type=int, default=15, help='timed epochs per arm (after one warm-up epoch)')
    ap.add_argument('--n', type=int, default=N, help='number of training images')
    ap.add_argument('--out', type=Path, default=HERE / 'results' / 'vae_overhead.json')
    args = ap.parse_args(argv)
    if args.repeats < 1: ap.error(f'--repeats: expected a positive integer, got {args.repeats}')
    res = run(args.repeats, args.n)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=2) + '\n')
    for label, key in [('wall-clock', ''), ('CPU time', 'cpu_')]:
        print(f'{label} seconds per epoch')
        for k, s in res[key + 'summary'].items():
            r = res[key + 'ratio_to_handwritten'].get(k)
            print(f"  {k:12s} min {s['min']:.3f}  median {s['median']:.3f}" + (f"  ratio of mins {r['min']:.3f}  median {r['median']:.3f}"
                  f"  per-repeat ratio {r['per_repeat']['lower_quartile']:.3f}-{r['per_repeat']['upper_quartile']:.3f}" if r else ''))
    if not res['pyro']['installed']: print('pyro: skipped (' + res['pyro']['skipped'] + ')')
    print(f'wrote {args.out}')


if __name__ == '__main__':
    main()
