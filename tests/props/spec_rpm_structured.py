"Specs of rpm_nb.rpm_structured for the property-based suite (see framework.py)."
import numpy as np
import torch
from torch import nn
from rpm_nb import rpm_structured as rs
from props.framework import Case, Data, Int, Real, Flag, Index, Values, fn_case

f64 = torch.float64
N, T, J, K, XD = 4, 3, 2, 3, 2          # N sequences of T steps, J views of XD values, K states (all different)

lf = lambda: torch.randn(N, T, J, K, dtype=f64)                                  # (N, T, J, K) log-factors
li = lambda: torch.log_softmax(torch.randn(K, dtype=f64), 0)                      # (K,) log initial probabilities
lt = lambda: torch.log_softmax(torch.randn(K, K, dtype=f64), -1)                  # (K, K) log transitions
LOG_F, LOG_INIT, LOG_TRANS = Data(ndim=4), Data(ndim=1, width=True), Data(ndim=2, width=True)


def _marginals():
    f, a, b = lf(), li(), lt()
    pot = rs.chain_log_pot(f, rs.chain_log_F(f))
    from rpm_nb.chains import hmm_marginals, hmm_pair_marginals
    return dict(q=hmm_marginals(a, b, pot), pairs=hmm_pair_marginals(a, b, pot))


def _model(pooled=False):
    net = nn.Sequential(nn.Linear(XD, 4), nn.Tanh(), nn.Linear(4, K))
    m = rs.HMMRPM(net, torch.randn(N, T, J, XD, dtype=f64), K, pooled=pooled, refresh_every=None)
    with torch.no_grad(): m.init_logits.normal_(); m.trans_logits.normal_()
    return m


def _method(name, build, args, **kw):
    return Case(lambda: dict(model=_model(), **build()), lambda k: getattr(k.pop('model'), name)(**k), args, label=name, **kw)


VIEWS = Values([('range', [0, 2], 'error'), ('repeat', [1, 1], 'error'), ('type', 'ab', 'error'), ('type', 1.5, 'error'),
                ('type', True, 'error'), ('range', [], 'error'), ('range', [1], 'error'), ('dtype', torch.tensor([1.0, 0.0]), 'error'),
                ('numpy', np.array([1, 0]), 'same'), ('tensor', torch.tensor([1, 0]), 'same'), ('tuple', (1, 0), 'same')])

SPECS = {
    'chain_log_F': fn_case(rs.chain_log_F, lambda: dict(log_f=lf(), pooled=True), {'log_f': LOG_F, 'pooled': Flag()}),
    'chain_log_pot': fn_case(rs.chain_log_pot, lambda: (lambda f: dict(log_f=f, log_Fj=rs.chain_log_F(f)))(lf()),
                             {'log_f': LOG_F, 'log_Fj': Data(ndim=3, width=True, extra=[('steps', torch.zeros(T + 1, J, K, dtype=f64), 'error')])}),
    'chain_log_likelihood': fn_case(rs.chain_log_likelihood, lambda: dict(log_f=lf(), log_init=li(), log_trans=lt(), pooled=False),
                                    {'log_f': LOG_F, 'log_init': LOG_INIT, 'log_trans': LOG_TRANS, 'pooled': Flag()}),
    'chain_posterior': fn_case(rs.chain_posterior, lambda: dict(log_f=lf(), log_init=li(), log_trans=lt(), pooled=True),
                               {'log_f': LOG_F, 'log_init': LOG_INIT, 'log_trans': LOG_TRANS, 'pooled': Flag()}),
    'chain_m_step': fn_case(rs.chain_m_step, _marginals,
                            {'q': Data(ndim=3), 'pairs': Data(ndim=4, width=True, extra=[('steps', torch.zeros(N, T, K, K, dtype=f64), 'error')])}),
    'HMMRPM': [
        Case(lambda: dict(factors=nn.Sequential(nn.Linear(XD, 4), nn.Tanh(), nn.Linear(4, K)), X=torch.randn(N, T, J, XD), K=K,
                          learn_prior=True, pooled=False, transform=None, qbar_rows=2, max_drift=1.0, refresh_every=5, chunk_size=2),
             lambda k: rs.HMMRPM(**k),
             {'factors': Values([('type', 'net', 'error'), ('type', None, 'error'), ('type', [nn.Linear(XD, K), 'net'], 'error'),
                                 ('range', [nn.Linear(XD, K)] * 3, 'error')]),
              'X': Data(floating=False, finite=True, extra=[('unbatched', torch.zeros(T, J, XD), 'error'), ('views', torch.zeros(N, T, 1, XD), 'error'),
                                                             ('width', torch.zeros(N, T, J, XD + 1), 'error')]),
              'K': Int(2), 'learn_prior': Flag(), 'pooled': Flag(), 'transform': Values([('type', 'scale', 'error'), ('type', 3, 'error')]),
              'qbar_rows': Int(1), 'max_drift': Real(0, lo_open=True, optional=True), 'refresh_every': Int(1, optional=True),
              'chunk_size': Int(1)}, label='constructor'),
        _method('objective', lambda: dict(idx=torch.tensor([0, 2, 3])), {'idx': Index(N)}),
        _method('refresh', lambda: dict(chunk_size=3), {'chunk_size': Int(1, optional=True)}),
        _method('posterior', lambda: dict(idx=torch.tensor([0, 2, 2])), {'idx': Index(N)}),
        _method('posterior_params', lambda: dict(idx=torch.tensor([3, 1])), {'idx': Index(N)}),
        _method('factor_params', lambda: dict(idx=torch.tensor([3, 0])), {'idx': Index(N)}),
        _method('encode', lambda: dict(x=torch.randn(5, T, J, XD, dtype=f64), views=[1, 0]),
                {'x': Data(ndim=4, width=True, finite=True, extra=[('steps', torch.randn(5, T + 1, J, XD, dtype=f64), 'error')]), 'views': VIEWS}),
        _method('predict', lambda: dict(x=torch.randn(5, T, XD, dtype=f64), j=1),
                {'x': Data(ndim=3, width=True, finite=True, extra=[('steps', torch.randn(5, T + 1, XD, dtype=f64), 'error')]), 'j': Int(0, 1)}),
        _method('mean_posterior', lambda: dict(seed=0), {'seed': Int(0, optional=True)}),
    ],
}
