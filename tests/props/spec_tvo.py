"Specs of rpm_nb.tvo for the property-based suite (see framework.py)."
import math
import numpy as np
import torch
from torch import nn
from rpm_nb import tvo as T, discrete as D
from rpm_nb.vae import mlp_vae
from props.framework import Case, Data, Int, Real, Values, fn_case


def _sbn(): return D.sigmoid_belief_net(6, sizes=(3,))
def _x(): return (torch.rand(4, 6) < 0.5).float()
def _betas(): return torch.tensor([0.0, 0.1, 0.4, 1.0], dtype=torch.float64)

SEED = Int(0, optional=True)
MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('type', nn.Linear(6, 2), 'error')])
# exact sums need latents to enumerate: a Gaussian VAE is refused naming model
EXACT_MODEL = Values([*MODEL.values, ('family', mlp_vae(6, 5, 2), 'error')])
X = Data(ndim=2, width=True, wrong_float=True)          # a batch for a float32 model of 6 binary features

# points beta of the integrand: any finite 1-D floating values; NumPy arrays and lists of numbers work
POINTS = Values([('type', 'betas', 'error'), ('type', None, 'error'), ('type', [0.0, 'a', 1.0], 'error'), ('type', [0.0, True], 'error'),
                 ('dtype', torch.tensor([0, 1]), 'error'), ('dtype', np.array([0, 1]), 'error'), ('ndim', torch.zeros(2, 2), 'error'),
                 ('ndim', torch.tensor(0.5), 'error'), ('empty', torch.zeros(0), 'error'),
                 ('nan', torch.tensor([0.0, math.nan, 1.0]), 'error'), ('inf', torch.tensor([0.0, math.inf]), 'error'),
                 ('numpy', _betas().numpy(), 'same'), ('list', _betas().tolist(), 'same'), ('float32', _betas().float(), 'same')])
# a partition of [0, 1]: besides the above, it must start at 0, end at 1 and increase strictly
PARTITION = Values([*POINTS.values, ('range', torch.tensor([0.1, 0.4, 1.0]), 'error'), ('range', [0.0, 0.4, 0.9], 'error'),
                    ('range', [-0.5, 0.0, 1.0], 'error'), ('order', [0.0, 0.6, 0.3, 1.0], 'error'), ('order', [0.0, 0.5, 0.5, 1.0], 'error'),
                    ('short', [1.0], 'error'), ('short', [0.0], 'error')])


def _est(fn, points=False):
    "A case of a TVO estimator fn(model, x, betas, S, seed) on a one-layer sigmoid belief network."
    return fn_case(fn, lambda: dict(model=_sbn(), x=_x(), betas=_betas(), S=3, seed=0),
                   {'model': MODEL, 'x': X, 'betas': POINTS if points else PARTITION, 'S': Int(1), 'seed': SEED})


def _exact(fn, points=False):
    "A case of an exact sum fn(model, x, betas) on a one-layer sigmoid belief network."
    return fn_case(fn, lambda: dict(model=_sbn(), x=_x(), betas=_betas()),
                   {'model': EXACT_MODEL, 'x': X, 'betas': POINTS if points else PARTITION})


SPECS = {
    'linear_schedule': fn_case(T.linear_schedule, lambda: dict(K=4), {'K': Int(1)}),
    'log_schedule': fn_case(T.log_schedule, lambda: dict(K=4, beta1=0.01), {'K': Int(2), 'beta1': Real(0, 1, lo_open=True, hi_open=True)}),
    'exact_tvo_integrand': _exact(T.exact_tvo_integrand, points=True),
    'exact_tvo': _exact(T.exact_tvo),
    'exact_tvo_upper': _exact(T.exact_tvo_upper),
    'tvo_integrand': _est(T.tvo_integrand, points=True),
    'tvo_bound': _est(T.tvo_bound),
    'tvo_upper': _est(T.tvo_upper),
}
