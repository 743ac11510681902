"Specs of rpm_nb.rpm_discrete for the property-based suite (see framework.py)."
from dataclasses import dataclass
import numpy as np
import torch
from torch import nn
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
from rpm_nb import rpm_discrete as d
from props.framework import Bad, Case, Data, Int, Real, Flag, Index, Values, fn_case


@dataclass
class OptData(Data):
    "Data where None is valid too (it gives the default, which `build` passes explicitly)."
    def bad(self, v) -> list[Bad]:
        return [b for b in super().bad(v) if not (b.kind == 'type' and b.value is None)] + [Bad('none', None, 'same')]


lf = lambda: torch.randn(4, 2, 3, dtype=torch.float64)                       # (N, J, K) log-factors
lp = lambda: torch.log_softmax(torch.randn(3, dtype=torch.float64), 0)       # (K,) log prior
qs = lambda: torch.softmax(torch.randn(4, 3, dtype=torch.float64), -1)       # (N, K) posteriors
LOG_F, LOG_PRIOR = Data(ndim=3), Data(ndim=1, width=True)

PRED = [2, 2, 0, 0, 1, 1, 0]
LABELS = [0, 0, 1, 1, 2, 2, 2]
def _states(name, valid):
    return Data(floating=False, ndim=1, extra=[('dtype', torch.tensor(valid, dtype=torch.float32), 'error'),
                                               ('dtype', torch.tensor(valid) > 0, 'error'), ('list', list(valid), 'same'),
                                               ('type', [float(v) for v in valid], 'error'), ('range', torch.tensor(valid) - 3, 'error')])


def _model(N=6):
    net = nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3))
    m = d.DiscreteRPM(net, torch.randn(N, 2, 3, dtype=torch.float64), 3, learn_prior=True, refresh_every=None)
    with torch.no_grad(): m.prior_logits.normal_()
    return m

def _method(name, build, args, **kw):
    return Case(lambda: dict(model=_model(), **build()), lambda k: getattr(k.pop('model'), name)(**k), args, label=name, **kw)

def _title(fig):
    t = fig.axes[0].get_title(); plt.close(fig)
    return t

VIEWS = Values([('range', [0, 2], 'error'), ('repeat', [1, 1], 'error'), ('type', 'ab', 'error'), ('type', 1.5, 'error'),
                ('type', [0.0, 1.0], 'error'), ('type', True, 'error'), ('range', [], 'error'), ('range', [1], 'error'),
                ('range', -1, 'error'), ('dtype', torch.tensor([1.0, 0.0]), 'error'),
                ('numpy', np.array([1, 0]), 'same'), ('tensor', torch.tensor([1, 0]), 'same'), ('tuple', (1, 0), 'same')])

SPECS = {
    'exact_log_F': fn_case(d.exact_log_F, lambda: dict(log_f=lf()), {'log_f': LOG_F}),
    'implied_log_lik': fn_case(d.implied_log_lik, lambda: dict(log_f=lf()), {'log_f': LOG_F}),
    'joint_grid': fn_case(d.joint_grid, lambda: dict(log_f=lf(), log_prior=lp()), {'log_f': LOG_F, 'log_prior': LOG_PRIOR}),
    'log_weights': fn_case(d.log_weights, lambda: (lambda f: dict(log_f=f, log_prior=lp(), log_Fj=d.exact_log_F(f)))(lf()),
                           {'log_f': LOG_F, 'log_prior': LOG_PRIOR, 'log_Fj': OptData(ndim=2, width=True)}),
    'exact_posterior': fn_case(d.exact_posterior, lambda: (lambda f: dict(log_f=f, log_prior=lp(), log_Fj=d.exact_log_F(f)))(lf()),
                               {'log_f': LOG_F, 'log_prior': LOG_PRIOR, 'log_Fj': OptData(ndim=2, width=True)}),
    'exact_log_likelihood': fn_case(d.exact_log_likelihood, lambda: dict(log_f=lf(), log_prior=lp()), {'log_f': LOG_F, 'log_prior': LOG_PRIOR}),
    'free_energy': fn_case(d.free_energy, lambda: dict(q=qs(), log_f=lf(), log_prior=lp()),
                           {'q': Data(ndim=2, width=True), 'log_f': LOG_F, 'log_prior': LOG_PRIOR}),
    'm_step_prior': fn_case(d.m_step_prior, lambda: dict(q=qs()), {'q': Data(ndim=2)}),
    'm_step_tabular': fn_case(d.m_step_tabular, lambda: dict(q=qs(), J=2), {'q': Data(ndim=2), 'J': Int(2)}),
    'grad_log_f': fn_case(d.grad_log_f, lambda: dict(log_f=lf(), log_prior=lp()), {'log_f': LOG_F, 'log_prior': LOG_PRIOR}),
    'batch_log_lik': fn_case(d.batch_log_lik, lambda: dict(log_f_batch=lf(), log_prior=lp(), N=10),
                             {'log_f_batch': LOG_F, 'log_prior': LOG_PRIOR, 'N': Int(4)}),
    'minibatch_bias': fn_case(d.minibatch_bias, lambda: dict(log_f=lf(), log_prior=lp(), B=2, seed=1),
                              {'log_f': LOG_F, 'log_prior': LOG_PRIOR, 'B': Int(1, 4), 'seed': Int(0, optional=True)}),
    'DiscreteRPM': [
        Case(lambda: dict(factors=nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 3)), X=torch.randn(6, 2, 3), K=3,
                          learn_prior=True, transform=None, qbar_rows=4, max_drift=1.0, refresh_every=5, chunk_size=4),
             lambda k: d.DiscreteRPM(**k),
             {'factors': Values([('type', 'net', 'error'), ('type', None, 'error'), ('type', [nn.Linear(3, 3), 'net'], 'error'),
                                 ('range', [nn.Linear(3, 3)] * 3, 'error')]),
              'X': Data(floating=False, finite=True, extra=[('unbatched', torch.zeros(2, 3), 'error'), ('views', torch.zeros(6, 1, 3), 'error'),
                                                             ('width', torch.zeros(6, 2, 4), 'error')]),
              'K': Int(2), 'learn_prior': Flag(), 'transform': Values([('type', 'scale', 'error'), ('type', 3, 'error')]),
              'qbar_rows': Int(1), 'max_drift': Real(0, lo_open=True, optional=True), 'refresh_every': Int(1, optional=True),
              'chunk_size': Int(1)}, label='constructor'),
        _method('objective', lambda: dict(idx=torch.tensor([0, 2, 3])), {'idx': Index(6)}),
        _method('refresh', lambda: dict(chunk_size=4), {'chunk_size': Int(1, optional=True)}),
        _method('posterior', lambda: dict(idx=torch.tensor([0, 2, 2])), {'idx': Index(6)}),
        _method('posterior_params', lambda: dict(idx=torch.tensor([5, 1])), {'idx': Index(6)}),
        _method('factor_params', lambda: dict(idx=torch.tensor([4, 0])), {'idx': Index(6)}),
        _method('encode', lambda: dict(x=torch.randn(4, 2, 3, dtype=torch.float64), views=[1, 0]),
                {'x': Data(ndim=3, width=True, finite=True), 'views': VIEWS}),
        _method('predict', lambda: dict(x=torch.randn(4, 3, dtype=torch.float64), j=1),
                {'x': Data(ndim=2, width=True, finite=True), 'j': Int(0, 1)}),
        _method('factor_logits', lambda: dict(x=torch.randn(4, 3, dtype=torch.float64), j=1), {'j': Int(0, 1)}),
    ],
    'confusion': fn_case(d.confusion, lambda: dict(pred=torch.tensor(PRED), labels=torch.tensor(LABELS), K=3, C=4),
                         {'pred': _states('pred', PRED), 'labels': _states('labels', LABELS), 'K': Int(3, optional=True), 'C': Int(3, optional=True)}),
    'cluster_accuracy': fn_case(d.cluster_accuracy, lambda: dict(pred=torch.tensor(PRED), labels=torch.tensor(LABELS)),
                                {'pred': _states('pred', PRED), 'labels': _states('labels', LABELS)}),
    'plot_confusion': Case(lambda: dict(pred=torch.tensor(PRED), labels=torch.tensor(LABELS), class_names=['a', 'b', 'c'], title='t'),
                           lambda k: _title(d.plot_confusion(**k)),
                           {'pred': _states('pred', PRED), 'labels': _states('labels', LABELS),
                            'class_names': Values([('type', 'abc', 'error'), ('range', ['a'], 'error'), ('type', 3, 'error'), ('tuple', ('a', 'b', 'c'), 'same')]),
                            'ax': Values([('type', 'axes', 'error'), ('type', 3, 'error')]), 'title': Values([('type', 3, 'error'), ('type', None, 'error')])}),
    'small_cnn': fn_case(d.small_cnn, lambda: dict(K=4, channels=2), {'K': Int(1), 'channels': Int(1)}),
}
