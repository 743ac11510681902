"""Training runs for the exactness tests of data-parallel training: each runs in one process or in each of several
(under `rpm_nb.distributed.launch`) and returns the parameters after every step, in float64."""
import torch
import torch.distributions as td
from torch import nn
from torch.utils.data import TensorDataset
from rpm_nb.train import fit, index_loader, rpm_loss, distributed_loader
from rpm_nb.vae import VAE, StandardNormal, DiagGaussianHead, BernoulliObs, mlp
from rpm_nb.rpm_discrete import DiscreteRPM
from rpm_nb.rpm_continuous import ContinuousRPM, SaturatedQ, SaturatedNu, AmortisedQ, DeltaNu
from rpm_nb.expfam import DiagGaussianFamily

def _flat(model): return torch.cat([p.detach().flatten() for p in model.parameters()]).clone()

def _train(model, loss, data, epochs, lr=0.02, **kwargs):
    "The parameters after every step, and the table (for the RPMs) at the end."
    params = []
    fit(model, loss, data, torch.optim.Adam(model.parameters(), lr), epochs=epochs, progress=False,
        callbacks=[lambda st: params.append(_flat(st.model))], **kwargs)
    return {'params': torch.stack(params), 'table': getattr(model, 'table', torch.zeros(0)).clone()}

def vae(batch_size:int, epochs:int=2):
    "A small Bernoulli VAE whose reparameterised noise is a fixed table, so that each row's loss is a function of the parameters alone."
    torch.manual_seed(0)
    x = torch.bernoulli(torch.full((48, 6), 0.4, dtype=torch.float64))
    eps = torch.randn(48, 2, dtype=torch.float64)
    model = VAE(StandardNormal(2), nn.Sequential(mlp([6, 8, 4], nn.Tanh), DiagGaussianHead(2)),
                nn.Sequential(mlp([2, 8, 6], nn.Tanh), BernoulliObs(6))).double()
    def loss(m, batch):
        xb, e = batch
        q = m.encoder(xb)
        z = q.mean + q.stddev * e
        return -(m.decoder(z).log_prob(xb) - td.kl_divergence(q, m.prior())).mean()
    return _train(model, loss, distributed_loader(TensorDataset(x, eps), batch_size, seed=3), epochs)

def _discrete():
    torch.manual_seed(0)
    X = torch.randn(45, 2, 3, dtype=torch.float64)
    net = nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 4)).double()
    return DiscreteRPM(net, X, 4, learn_prior=True, refresh_every=5)

def discrete_rpm(batch_size:int, epochs:int=3):
    "A discrete RPM (K = 4, two views, 45 rows: a last batch that two processes share unequally) with a learnt prior, refreshed every 5 steps."
    model = _discrete()
    return _train(model, rpm_loss, index_loader(model, batch_size, seed=1), epochs)

def resume(batch_size:int, path:str):
    "The discrete RPM for 3 epochs straight, and the same run stopped after 7 steps and resumed from its checkpoint, with evaluations."
    straight = _discrete()
    _train(straight, rpm_loss, index_loader(straight, batch_size, seed=1), 3)
    first = _discrete()
    _train(first, rpm_loss, index_loader(first, batch_size, seed=1), 3, max_steps=7, checkpoint_path=path)
    torch.manual_seed(99)                                             # other random states: the checkpoint must restore them
    second = _discrete()
    with torch.no_grad():
        for p in second.parameters(): p.add_(1.0)
    hist = fit(second, rpm_loss, index_loader(second, batch_size, seed=1), torch.optim.Adam(second.parameters(), 0.02), epochs=3,
               resume_from=path, progress=False, eval_fn=lambda m: {'log_lik': m.log_likelihood()}, eval_every=2)
    return {'straight': _flat(straight), 'resumed': _flat(second), 'evals': len(hist.records.get('eval/log_lik', [])),
            'steps': hist.last_step()}

def continuous_rpm(batch_size:int, epochs:int=3, amortised:bool=False):
    "A continuous RPM (2-D diagonal Gaussian latent, two views), saturated q and auxiliary or amortised q with DeltaNu, refreshed every 4 steps."
    torch.manual_seed(0)
    fam, N = DiagGaussianFamily(2), 35
    X = torch.randn(N, 2, 3, dtype=torch.float64)
    nets = [nn.Sequential(nn.Linear(3, 8), nn.Tanh(), nn.Linear(8, 4)).double() for _ in range(2)]
    if amortised: q, nu = AmortisedQ(fam, nn.Sequential(nn.Linear(6, 8), nn.Tanh(), nn.Linear(8, 4))).double(), DeltaNu(fam, N, 2).double()
    else: q, nu = SaturatedQ(fam, N).double(), SaturatedNu(fam, N, 2).double()
    model = ContinuousRPM(fam, nets, X, q, nu, learn_prior=True, refresh_every=4)
    return _train(model, rpm_loss, index_loader(model, batch_size, seed=1), epochs)

def temporal_rpm(batch_size:int, epochs:int=3, pooled:bool=False):
    "A time-series RPM (1-D latent, learnable GP prior, three views of 4 steps), per-step or pooled marginals, refreshed every 4 steps."
    from rpm_nb.rpm_temporal import TemporalRPM, GPPrior
    torch.manual_seed(0)
    N = 23                                                             # the last batch of 5 splits 3 / 2 over two processes
    X = torch.randn(N, 4, 3, 2, dtype=torch.float64)
    nets = [nn.Sequential(nn.Linear(2, 6), nn.Tanh(), nn.Linear(6, 2)).double() for _ in range(3)]
    model = TemporalRPM(DiagGaussianFamily(1), nets, X, GPPrior(1, 1.5, 1.0).double(), pooled=pooled, refresh_every=4)
    return _train(model, rpm_loss, index_loader(model, batch_size, seed=1), epochs)
