"Specs of rpm_nb.chains for the property-based suite (see framework.py)."
import math
import numpy as np
import torch
from rpm_nb import chains as ch
from props.framework import Bad, Case, Data, Int, Flag, Values, Result, fn_case

f64 = torch.float64
B, T, K, D = 4, 3, 5, 2               # batch, steps, states, latent dimensions (all different, so no shape passes for another)


# ---- HMM
def _hmm(**kw):
    return dict(log_init=torch.randn(K, dtype=f64), log_trans=torch.randn(K, K, dtype=f64), log_pot=torch.randn(B, T, K, dtype=f64), **kw)

HMM_ARGS = {'log_init': Data(ndim=1, width=True, wrong_float=True), 'log_trans': Data(ndim=2, width=True, wrong_float=True),
            'log_pot': Data(width=True, wrong_float=True)}
SEED, N = Int(0, optional=True), Int(1, optional=True)


# ---- LDS
def _lds(**kw):
    X, Y, W = torch.randn(D, D, dtype=f64), torch.randn(D, D, dtype=f64), torch.randn(B, T, D, D, dtype=f64)
    eye = torch.eye(D, dtype=f64)
    return dict(A=0.5 * torch.randn(D, D, dtype=f64), Q=X @ X.T + 0.3 * eye, m0=torch.randn(D, dtype=f64), P0=Y @ Y.T + 0.3 * eye,
                J=W @ W.mT, h=torch.randn(B, T, D, dtype=f64), **kw)

def _indefinite(): return torch.randn(B, T, D, D, dtype=f64) * 0 - 10 * torch.eye(D, dtype=f64)

LDS_ARGS = {'A': Data(ndim=2, width=True, wrong_float=True),
            'Q': Data(ndim=2, width=True, wrong_float=True, extra=[('range', -torch.eye(D, dtype=f64), 'error')]),
            'm0': Data(ndim=1, width=True, wrong_float=True),
            'P0': Data(ndim=2, width=True, wrong_float=True, extra=[('range', torch.zeros(D, D, dtype=f64), 'error')]),
            'J': Data(width=True, wrong_float=True, extra=[('range', _indefinite(), 'error'), ('range', torch.ones(B, T, D + 1, dtype=f64), 'error')]),
            'h': Data(width=True, wrong_float=True)}


# ---- LDSPrior
def _prior(): return ch.LDSPrior(D, A=0.8, Q=0.2, m0=0.5, P0=1.5).double()
def _JH(): return dict(J=torch.rand(B, T, D, dtype=f64), h=torch.randn(B, T, D, dtype=f64))
JH_ARGS = {'J': Data(width=True, wrong_float=True, extra=[('range', -torch.ones(B, T, D, dtype=f64), 'error')]),
           'h': Data(width=True, wrong_float=True)}

def _method(name, build, args, **kw):
    "A case calling `_prior().name(**build())`."
    return Case(lambda: dict(prior=_prior(), **build()), lambda k: getattr(k.pop('prior'), name)(**k), args, label=name, **kw)


SPECS = {
    'hmm_log_partition': fn_case(ch.hmm_log_partition, _hmm, HMM_ARGS),
    'hmm_marginals': fn_case(ch.hmm_marginals, _hmm, HMM_ARGS),
    'hmm_pair_marginals': fn_case(ch.hmm_pair_marginals, _hmm, {**HMM_ARGS, 'log_pot': Data(width=True, wrong_float=True,
                                  extra=[('range', torch.randn(B, 1, K, dtype=f64), 'error')])}),
    'hmm_sample': fn_case(ch.hmm_sample, lambda: _hmm(seed=3, n=2), {**HMM_ARGS, 'seed': SEED, 'n': N}),
    'viterbi': fn_case(ch.viterbi, _hmm, HMM_ARGS),
    'lds_log_partition': fn_case(ch.lds_log_partition, _lds, LDS_ARGS),
    'LDSMarginals': Result(ch.LDSMarginals),
    'lds_marginals': fn_case(ch.lds_marginals, _lds, LDS_ARGS),
    'lds_sample': fn_case(ch.lds_sample, lambda: _lds(seed=3, n=2), {**LDS_ARGS, 'seed': SEED, 'n': N}),
    'LDSPrior': [
        fn_case(ch.LDSPrior, lambda: dict(D=D, A=0.8, Q=0.2, m0=0.5, P0=1.5, learn=True),
                {'D': Int(1),
                 'A': Values([('range', 1.0, 'error'), ('range', -1.5, 'error'), ('range', math.nan, 'error'), ('type', 'a', 'error'),
                              ('type', None, 'error'), ('type', True, 'error'), ('type', [0.8], 'error'), ('range', torch.eye(3), 'error'),
                              ('range', torch.tensor([[0.5, 2.0], [0.0, 0.5]]), 'error'), ('numpy', np.float64(0.8), 'same'),
                              ('tensor', 0.8 * torch.eye(D), 'same'), ('numpy', 0.8 * np.eye(D), 'same')]),
                 'Q': Values([('range', -0.1, 'error'), ('range', 0.0, 'error'), ('range', torch.zeros(D, D), 'error'), ('type', 'a', 'error'),
                              ('range', math.inf, 'error'), ('range', torch.ones(D), 'error'), ('numpy', 0.2 * np.eye(D), 'same'),
                              ('tensor', torch.tensor([[0.2, 0.0], [0.0, 0.2]], dtype=f64), 'same')]),
                 'm0': Values([('type', 'a', 'error'), ('type', None, 'error'), ('type', True, 'error'), ('range', math.nan, 'error'),
                               ('range', torch.zeros(3), 'error'), ('range', torch.tensor([0.0, math.nan]), 'error'),
                               ('numpy', np.full(D, 0.5), 'same'), ('numpy', np.float64(0.5), 'same'), ('tensor', torch.full((D,), 0.5), 'same')]),
                 'P0': Values([('range', 0.0, 'error'), ('range', -1.0, 'error'), ('type', None, 'error'), ('range', torch.eye(3), 'error'),
                               ('numpy', 1.5 * np.eye(D), 'same')]),
                 'learn': Flag()}, label='constructor'),
        _method('log_prob', lambda: dict(z=torch.randn(B, T, D, dtype=f64)), {'z': Data(width=True, wrong_float=True)}),
        _method('sample', lambda: dict(T=T, n=2, seed=3), {'T': Int(1), 'n': N, 'seed': SEED}),
        _method('log_partition', _JH, JH_ARGS),
        _method('marginals', _JH, JH_ARGS),
        _method('posterior_sample', lambda: dict(**_JH(), seed=3, n=2), {**JH_ARGS, 'seed': SEED, 'n': N}),
        _method('kl', _JH, JH_ARGS),
    ],
}
