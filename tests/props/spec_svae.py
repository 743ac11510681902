"Specs of rpm_nb.svae for the property-based suite (see framework.py)."
import numpy as np
import torch
import torch.distributions as td
from torch import nn
from rpm_nb import svae as S
from rpm_nb.chains import LDSPrior
from rpm_nb.vae import GaussianObs, mlp
from props.framework import Case, Data, Int, Real, Values, Result, fn_case, same_result

f64 = torch.float64
B, D, K, XD, T = 3, 2, 4, 5, 6          # batch, latent dimension, clusters, observation width, steps (all different)
SEED = Int(0, optional=True)


def same_dist(a, b) -> bool:
    "Two distributions of the same type and shapes with the same means and variances."
    if isinstance(a, tuple): return isinstance(b, tuple) and len(a) == len(b) and all(same_dist(x, y) for x, y in zip(a, b))
    if not (isinstance(a, td.Distribution) and type(a) is type(b) and a.batch_shape == b.batch_shape and a.event_shape == b.event_shape): return False
    return same_result(a.mean, b.mean) and same_result(a.variance, b.variance)


def _prior(): return S.GMMPrior(D, K, spread=1.5, seed=0).double()
def _J(): A = torch.randn(B, D, D, dtype=f64); return A @ A.mT + 0.5 * torch.eye(D, dtype=f64)
def _h(): return torch.randn(B, D, dtype=f64)
def _enc(): return nn.Sequential(mlp([XD, 4, 2 * D], nn.Tanh), S.GaussianPotentialHead(D))
def _dec(): return nn.Sequential(mlp([D, 4, XD], nn.Tanh), GaussianObs(XD))
def _gmm(): return S.GMMSVAE(_prior(), _enc(), _dec(), n_iter=3).double()
def _lds(): return S.LDSSVAE(LDSPrior(D, A=0.8, Q=0.3), _enc(), _dec()).double()
def _x(): return torch.randn(B, XD, dtype=f64)
def _xs(): return torch.randn(B, T, XD, dtype=f64)

PRIOR = Values([('type', 'prior', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')])
MODEL = Values([('type', 'model', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')])
NET = Values([('type', 'net', 'error'), ('type', None, 'error')])
J_ARG = Data(ndim=3, width=True, wrong_float=True)
H_ARG = Data(ndim=2, width=True, wrong_float=True)
X_GMM = Data(ndim=2, width=True, wrong_float=True)
X_LDS = Data(ndim=3, width=True, wrong_float=True)


def _q():
    torch.manual_seed(1)
    r = torch.rand(B, K, dtype=f64).softmax(-1)
    return S.GMMLocal(r, torch.randn(B, D, dtype=f64), _J())

def _method(make, name, build, args, label=None, **kw):
    "A case calling `make().name(**build())`."
    return Case(lambda: dict(model=make(), **build()), lambda k: getattr(k.pop('model'), name)(**k), args, label=label or name, **kw)


SPECS = {
    'GaussianPotentialHead': [
        fn_case(S.GaussianPotentialHead, lambda: dict(D=D, min_precision=1e-4), {'D': Int(1), 'min_precision': Real(0)}, label='constructor'),
        Case(lambda: dict(mod=S.GaussianPotentialHead(D), out=torch.randn(B, 2 * D)), lambda k: k['mod'](k['out']),
             {'out': Data(width=True, numpy='error', nonempty=False)}, label='forward'),
    ],
    'GMMPrior': fn_case(S.GMMPrior, lambda: dict(D=D, K=K, spread=1.0, init_scale=1.0, seed=0),
                        {'D': Int(1), 'K': Int(1), 'spread': Real(0), 'init_scale': Real(0, lo_open=True), 'seed': SEED}),
    'gmm_expected_log_joint': fn_case(S.gmm_expected_log_joint, lambda: dict(prior=_prior(), m=_h(), S=_J()),
                                      {'prior': PRIOR, 'm': H_ARG, 'S': J_ARG}),
    'GMMLocal': Result(S.GMMLocal),
    'gmm_local_step': fn_case(S.gmm_local_step, lambda: dict(prior=_prior(), J=_J(), h=_h(), r=torch.full((B, K), 1 / K, dtype=f64)),
                              {'prior': PRIOR, 'J': J_ARG, 'h': H_ARG, 'r': Data(ndim=2, width=True, wrong_float=True)}),
    'gmm_local': fn_case(S.gmm_local, lambda: dict(prior=_prior(), J=_J(), h=_h(), n_iter=3),
                         {'prior': PRIOR, 'J': J_ARG, 'h': H_ARG, 'n_iter': Int(1)}),
    'gmm_local_elbo': fn_case(S.gmm_local_elbo, lambda: dict(prior=_prior(), J=_J(), h=_h(), q=_q()),
                              {'prior': PRIOR, 'J': J_ARG, 'h': H_ARG,
                               'q': Values([('type', 'q', 'error'), ('type', None, 'error'), ('type', tuple(_q()), 'error'),
                                            ('shape', _q()._replace(r=_q().r[:, :2]), 'error'), ('shape', _q()._replace(m=_q().m[:2]), 'error'),
                                            ('dtype', _q()._replace(S=_q().S.float()), 'error')])}),
    'MeanField': Result(S.MeanField),
    'GMMSVAE': [
        fn_case(S.GMMSVAE, lambda: dict(prior=_prior(), encoder=_enc().double(), decoder=_dec().double(), n_iter=3),
                {'prior': PRIOR, 'encoder': NET, 'decoder': NET, 'n_iter': Int(1)}, label='constructor'),
        _method(_gmm, 'potentials', lambda: dict(x=_x()), {'x': X_GMM}),
        _method(_gmm, 'local', lambda: dict(x=_x()), {'x': X_GMM}),
        _method(_gmm, 'posterior', lambda: dict(x=_x()), {'x': X_GMM}, same=same_dist),
    ],
    'gmm_svae_elbo': fn_case(S.gmm_svae_elbo, lambda: dict(model=_gmm(), x=_x(), n_samples=2, seed=0),
                             {'model': MODEL, 'x': X_GMM, 'n_samples': Int(1), 'seed': SEED}),
    'LDSSVAE': [
        fn_case(S.LDSSVAE, lambda: dict(prior=LDSPrior(D).double(), encoder=_enc().double(), decoder=_dec().double()),
                {'prior': Values([('type', 'prior', 'error'), ('type', None, 'error'), ('type', _prior(), 'error')]),
                 'encoder': NET, 'decoder': NET}, label='constructor'),
        _method(_lds, 'potentials', lambda: dict(x=_xs()), {'x': X_LDS}),
        _method(_lds, 'posterior', lambda: dict(x=_xs()), {'x': X_LDS}, same=same_dist),
        _method(_lds, 'forecast', lambda: dict(x=_xs(), steps=2), {'x': X_LDS, 'steps': Int(1)}, same=same_dist),
    ],
    'lds_svae_elbo': fn_case(S.lds_svae_elbo, lambda: dict(model=_lds(), x=_xs(), n_samples=2, seed=0),
                             {'model': MODEL, 'x': X_LDS, 'n_samples': Int(1), 'seed': SEED}),
}
