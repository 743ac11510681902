"""Speed of rpm_nb's importance-weighted objectives against hand-written PyTorch and Pyro, and the memory of `log_likelihood`.

Model: the one-stochastic-layer architecture of the IWAE paper, a 784-200-200-(2x50) tanh encoder (diagonal Gaussian
q(z|x), scales through softplus + 1e-4), a 50-200-200-784 tanh decoder (Bernoulli pixels), standard normal prior;
Adam at 1e-3, batch 100, binarised Fashion-MNIST images (random binary images if the data set is not installed), one
torch thread.

Arms, for K = 5 and K = 50, each timed for one epoch at a time:
  handwritten_iwae   the K-sample bound written out with torch.nn.functional, plain reparameterised gradient
  rpm_nb_iwae        `-rpm_nb.iwae.iwae_bound(model, x, K).mean()` in the same loop
  handwritten_dreg   DReG written out in one backward pass: log q with q's parameters detached, and a gradient hook
                     on the draws that multiplies what reaches them by the self-normalised weights
  handwritten_dreg_two_pass  DReG as often written: `autograd.grad` for the model's parameters with the weights and
                     again for the encoder's with the squared weights (two passes through the decoder), for reference
  rpm_nb_dreg        `-rpm_nb.iwae.iwae_dreg(model, x, K).mean()`
  pyro               `RenyiELBO(alpha=0, num_particles=K, vectorize_particles=True)` with `SVI`, when pyro-ppl is
                     installed (`pip install -e ".[bench]"`); recorded as skipped otherwise
The arms start from the same parameters and see the same batches; they are timed in turn within every repeat, the first
arm rotating, `--repeats` times. Ratios to the hand-written arm of the same estimator are measured in the same run.
Targets: rpm_nb within 1.03x of hand-written; ahead of Pyro.

Then `log_likelihood` of the untrained model at K = 5000 (data per second) and its memory at K = 500 (one chunk), 1,000
and 100,000 with the same chunk of 500 and 10 images at once, each in a fresh process on random binary images: the
resident set's high-water mark is reset just before the call (Linux, /proc/self/clear_refs) and the rise of the mark
above the resident size at that moment is reported. Target: the rise at K = 100,000 is no larger than at K = 1,000 plus
one chunk's.

    python benchmarks/iwae_speed.py                  # writes benchmarks/results/iwae_speed.json
    python benchmarks/iwae_speed.py --repeats 3 --n 1000 --out /tmp/iwae_speed.json
"""
from __future__ import annotations
import argparse, copy, json, math, os, platform, statistics, subprocess, sys, time
from pathlib import Path

import torch
import torch.nn.functional as F
from torch import nn

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from _pyro_vae import pyro_model_guide, pyro_status
N, BATCH, HIDDEN, LATENT, LR, MIN_SCALE = 2000, 100, 200, 50, 1e-3, 1e-4


def load_data(n: int, split: str = 'train') -> tuple[torch.Tensor, str]:
    "n binarised Fashion-MNIST images (n, 784), or random binary images if the data are missing."
    from rpm_nb.data import load_fashion_mnist, binarize
    try:
        imgs, _ = load_fashion_mnist(split)
        return binarize(imgs[:n].flatten(1).double() / 255, 'dynamic', seed=0).float(), 'Fashion-MNIST (binarised, seed 0)'
    except FileNotFoundError:
        return (torch.rand(n, 784, generator=torch.Generator().manual_seed(0)) < 0.3).float(), 'random binary images (Fashion-MNIST not installed)'


def make_model():
    from rpm_nb.vae import VAE, StandardNormal, DiagGaussianHead, BernoulliObs, mlp
    enc = nn.Sequential(mlp([784, HIDDEN, HIDDEN, 2 * LATENT], nn.Tanh), DiagGaussianHead(LATENT, MIN_SCALE))
    dec = nn.Sequential(mlp([LATENT, HIDDEN, HIDDEN, 784], nn.Tanh), BernoulliObs(784))
    return VAE(StandardNormal(LATENT), enc, dec)


def batches_for(X: torch.Tensor, seed: int) -> list[torch.Tensor]:
    perm = torch.randperm(len(X), generator=torch.Generator().manual_seed(seed))
    return [X[perm[i:i + BATCH]] for i in range(0, len(X), BATCH)]


# ---------------------------------------------------------------------------------------------------- the arms
def _hand_log_w(enc, dec, x, K, detach_q=False, return_z=False):
    "(K, B) log weights (and the draws z, (K, B, D)), written out by hand."
    loc, raw = enc(x).chunk(2, -1)
    scale = F.softplus(raw) + MIN_SCALE
    eps = torch.randn((K,) + loc.shape)
    z = loc + scale * eps
    ql, qs = (loc.detach(), scale.detach()) if detach_q else (loc, scale)
    log_q = (-0.5 * ((z - ql) / qs) ** 2 - qs.log() - 0.5 * math.log(2 * math.pi)).sum(-1)
    log_pz = (-0.5 * z ** 2 - 0.5 * math.log(2 * math.pi)).sum(-1)
    log_px = -F.binary_cross_entropy_with_logits(dec(z), x.expand(K, -1, -1), reduction='none').sum(-1)
    lw = log_pz + log_px - log_q
    return (lw, z) if return_z else lw


class HandIWAE:
    def __init__(self, vae, K, name='handwritten_iwae'):
        self.name, self.K = name, K
        self.enc, self.dec = copy.deepcopy(vae.encoder[0]), copy.deepcopy(vae.decoder[0])
        self.opt = torch.optim.Adam([*self.enc.parameters(), *self.dec.parameters()], LR)
    def epoch(self, batches):
        for x in batches:
            lw = _hand_log_w(self.enc, self.dec, x, self.K)
            loss = -(torch.logsumexp(lw, 0) - math.log(self.K)).mean()
            self.opt.zero_grad(); loss.backward(); self.opt.step()


class HandDReG(HandIWAE):
    "DReG in one backward pass: q's parameters detached in log q, a hook scaling the gradient at z by the weights."
    def __init__(self, vae, K): super().__init__(vae, K, 'handwritten_dreg')
    def epoch(self, batches):
        for x in batches:
            lw, z = _hand_log_w(self.enc, self.dec, x, self.K, detach_q=True, return_z=True)
            w = torch.softmax(lw.detach(), 0)
            z.register_hook(lambda g, w=w: g * w[..., None])
            loss = -(torch.logsumexp(lw, 0) - math.log(self.K)).mean()
            self.opt.zero_grad(); loss.backward(); self.opt.step()


class HandDReGTwoPass(HandIWAE):
    "DReG as often written: `autograd.grad` for the model's parameters with the weights, again for the encoder's with their squares."
    def __init__(self, vae, K): super().__init__(vae, K, 'handwritten_dreg_two_pass')
    def epoch(self, batches):
        pe, pd = list(self.enc.parameters()), list(self.dec.parameters())
        for x in batches:
            lw = _hand_log_w(self.enc, self.dec, x, self.K, detach_q=True)
            w = torch.softmax(lw.detach(), 0)
            gd = torch.autograd.grad(-(w * lw).sum(0).mean(), pd, retain_graph=True)
            ge = torch.autograd.grad(-(w ** 2 * lw).sum(0).mean(), pe)
            for p, g in zip(pd + pe, gd + ge): p.grad = g
            self.opt.step()


class RpmArm:
    def __init__(self, vae, K, fn_name, name):
        import rpm_nb.iwae as iwae
        self.name, self.K, self.fn = name, K, getattr(iwae, fn_name)
        self.model = copy.deepcopy(vae)
        self.opt = torch.optim.Adam(self.model.parameters(), LR)
    def epoch(self, batches):
        for x in batches:
            loss = -self.fn(self.model, x, self.K).mean()
            self.opt.zero_grad(); loss.backward(); self.opt.step()


class PyroArm:
    name = 'pyro'
    def __init__(self, vae, K):
        import pyro
        from pyro.infer import SVI, RenyiELBO
        pyro.clear_param_store()
        model, guide = pyro_model_guide(copy.deepcopy(vae.encoder[0]), copy.deepcopy(vae.decoder[0]), LATENT, MIN_SCALE)
        self.svi = SVI(model, guide, pyro.optim.Adam({'lr': LR}),
                       loss=RenyiELBO(alpha=0, num_particles=K, vectorize_particles=True, max_plate_nesting=1))
    def epoch(self, batches):
        for x in batches: self.svi.step(x)


# ---------------------------------------------------------------------------------------------------- log_likelihood
def _vm(key: str) -> float:
    "A memory figure of this process from /proc/self/status (Linux), in MB."
    for line in open('/proc/self/status'):
        if line.startswith(key + ':'): return int(line.split()[1]) / 1024
    raise KeyError(key)


def ll_worker(K: int, n: int, chunk: int) -> dict:
    "One process: log_likelihood of n images at K draws, its seconds, and how far the resident memory rose above where it started."
    torch.set_num_threads(1)
    from rpm_nb.iwae import log_likelihood
    X = (torch.rand(n, 784, generator=torch.Generator().manual_seed(0)) < 0.3).float()
    torch.manual_seed(0)
    model = make_model()
    log_likelihood(model, X[:1], K=2, chunk=2, batch_size=1, progress=False)      # first-call allocations out of the way
    Path('/proc/self/clear_refs').write_text('5')                                   # reset the high-water mark to the current resident size
    start = _vm('VmRSS')
    t = time.perf_counter()
    ll = log_likelihood(model, X, K=K, chunk=chunk, batch_size=min(n, 10), progress=False)
    sec = time.perf_counter() - t
    return {'K': K, 'images': n, 'chunk': chunk, 'batch_size': min(n, 10), 'seconds': sec, 'images_per_second': n / sec,
            'rss_start_mb': start, 'peak_mb': _vm('VmHWM'), 'peak_above_start_mb': _vm('VmHWM') - start, 'median_se': float(ll.se.median())}


def _ll(K, n, chunk):
    out = subprocess.run([sys.executable, __file__, '--ll-worker', str(K), str(n), str(chunk)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------------------------------- the run
def spread(arm: list, ref: list) -> dict:
    "The ratio arm / reference within each repeat (the two timed back to back): its range and quartiles."
    r = sorted(a / b for a, b in zip(arm, ref))
    q = statistics.quantiles(r, n=4) if len(r) > 1 else [r[0]] * 3
    return {'lowest': r[0], 'lower_quartile': q[0], 'median': q[1], 'upper_quartile': q[2], 'highest': r[-1]}


def _summary(times):
    return {k: {'min': min(v), 'median': statistics.median(v)} for k, v in times.items()}


def run(repeats: int, n: int) -> dict:
    torch.set_num_threads(1)
    X, data_name = load_data(n)
    has_pyro, pyro_version = pyro_status()
    res = {'benchmark': 'iwae_speed', 'machine': {'platform': platform.platform(), 'cpu_count': os.cpu_count(), 'python': sys.version.split()[0],
                                                  'torch': torch.__version__, 'torch_threads': torch.get_num_threads()},
           'settings': {'images': n, 'data': data_name, 'batch_size': BATCH, 'steps_per_epoch': len(batches_for(X, 0)),
                        'encoder': [784, HIDDEN, HIDDEN, 2 * LATENT], 'decoder': [LATENT, HIDDEN, HIDDEN, 784], 'activation': 'tanh',
                        'optimizer': f'Adam(lr={LR})', 'repeats': repeats, 'warmup_epochs': 1,
                        'order': 'arms interleaved within each repeat, the first arm rotating'},
           'pyro': {'installed': has_pyro, 'version': pyro_version,
                    **({} if has_pyro else {'skipped': 'pyro-ppl is not installed (pip install -e ".[bench]")'})}, 'K': {}}
    for K in (5, 50):
        torch.manual_seed(0)
        vae = make_model()
        arms = [HandIWAE(vae, K), RpmArm(vae, K, 'iwae_bound', 'rpm_nb_iwae'), HandDReG(vae, K), RpmArm(vae, K, 'iwae_dreg', 'rpm_nb_dreg'), HandDReGTwoPass(vae, K)] + ([PyroArm(vae, K)] if has_pyro else [])
        for arm in arms: torch.manual_seed(1); arm.epoch(batches_for(X, 1))          # warm-up
        times = {arm.name: [] for arm in arms}
        for r in range(repeats):
            batches = batches_for(X, 100 + r)
            for arm in arms[r % len(arms):] + arms[:r % len(arms)]:
                torch.manual_seed(100 + r)
                t = time.perf_counter(); arm.epoch(batches); times[arm.name].append(time.perf_counter() - t)
        s = _summary(times)
        pairs = [('rpm_nb_iwae', 'handwritten_iwae'), ('rpm_nb_dreg', 'handwritten_dreg'),
                 ('handwritten_dreg_two_pass', 'handwritten_dreg')] + ([('pyro', 'handwritten_iwae')] if has_pyro else [])
        ratios = {f'{a} / {b}': {'min': s[a]['min'] / s[b]['min'], 'median': s[a]['median'] / s[b]['median'],
                                 'per_repeat': spread(times[a], times[b])} for a, b in pairs}
        res['K'][str(K)] = {'seconds_per_epoch': times, 'summary': s, 'ratios': ratios}
        print(K, json.dumps(ratios), flush=True)
    res['log_likelihood'] = {'throughput_K5000': _ll(5000, 20, 500),
                             'memory': [_ll(K, 10, 500) for K in (500, 1000, 100_000)]}
    one_chunk, m1k, m100k = (m['peak_above_start_mb'] for m in res['log_likelihood']['memory'])
    res['log_likelihood'].update({'one_chunk_mb': one_chunk, 'peak_above_start_K1000_mb': m1k, 'peak_above_start_K100000_mb': m100k,
                                  'K100000_within_K1000_plus_one_chunk': m100k <= m1k + one_chunk})
    return res


def main(argv=None):
    if argv is None and len(sys.argv) > 1 and sys.argv[1] == '--ll-worker':
        print(json.dumps(ll_worker(*map(int, sys.argv[2:5])))); return
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--repeats', type=int, default=15, help='timed epochs per arm and K (after one warm-up epoch)')
    ap.add_argument('--n', type=int, default=N, help='number of training images')
    ap.add_argument('--out', type=Path, default=HERE / 'results' / 'iwae_speed.json')
    a = ap.parse_args(argv)
    res = run(a.repeats, a.n)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    a.out.write_text(json.dumps(res, indent=2) + '\n')
    print(json.dumps({K: v['ratios'] for K, v in res['K'].items()}, indent=1))
    print(json.dumps(res['log_likelihood'], indent=1))
    print(f'wrote {a.out}')


if __name__ == '__main__':
    main()
