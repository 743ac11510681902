"Specs of rpm_nb.score for the property-based suite (see framework.py)."
import numpy as np
import torch
import torch.distributions as td
from torch import nn
from rpm_nb import score as S
from props.framework import Case, Data, Int, Real, Choice, Values, fn_case

SEED = Int(0, optional=True)
DTYPE = Values([('type', 'float32', 'error'), ('dtype', torch.int64, 'error'), ('dtype', torch.bool, 'error'),
                ('type', None, 'error'), ('type', np.float32, 'error')])
SHAPE = Values([('type', 'ab', 'error'), ('range', (0,), 'error'), ('range', (-1,), 'error'), ('type', (2.5,), 'error'),
                ('type', None, 'error'), ('type', (True,), 'error'), ('numpy', (np.int64(3),), 'same'), ('int', 3, 'same'),
                ('list', [3], 'same')])
MOMENTUM = Real(0, 1, lo_open=True)
REWARD = Data(width=True)                      # (S, B) rewards for x of B rows: one more column is refused
def _x_cv(B, D):
    "Spoilt data next to rewards for B data of D features, for control variates that read only its batch size (None: no data, allowed)."
    return Values([('type', 'x', 'error'), ('type', [[1.0] * D] * B, 'error'), ('batch', torch.randn(B + 2, D), 'error'),
                   ('empty', torch.zeros(0, D), 'error'), ('scalar', torch.tensor(1.0), 'error'), ('none', None, 'same'),
                   ('numpy', np.zeros((B, D)), 'same'), ('dtype', torch.zeros(B, D, dtype=torch.long), 'same')])
X_CV = _x_cv(3, 4)
INCIDENCE = torch.tensor([[1, 0], [1, 1], [0, 1]], dtype=torch.bool)


def _cg_case(method, build, args):
    return Case(lambda: dict(m=S.ConjugateGaussian(1.5, 0.5), **build()), lambda k: getattr(k.pop('m'), method)(**k), args, label=method)


def _gs_build():
    p = torch.randn(3, dtype=torch.float64, requires_grad=True)
    return dict(estimator=lambda g: (p * torch.randn(3, generator=g, dtype=torch.float64)).sum(), params={'p': p}, n_draws=5, seed=0)

GS_ARGS = {'estimator': Values([('type', None, 'error'), ('type', 3, 'error'), ('shape', lambda g: torch.ones(2, requires_grad=True), 'error'),
                                ('nograd', lambda g: torch.tensor(1.0), 'error'), ('type', lambda g: 1.0, 'error')]),
           'params': Values([('type', 'abc', 'error'), ('type', None, 'error'), ('type', [1.0], 'error'), ('empty', {}, 'error'),
                             ('nograd', {'p': torch.zeros(3)}, 'error'), ('dtype', {'p': torch.zeros(3, dtype=torch.long)}, 'error'),
                             ('numpy', {'p': np.zeros(3)}, 'error'), ('empty', {'p': []}, 'error')]),
           'n_draws': Int(2), 'seed': SEED}


def _lrs(sched):
    "The learning rates of three steps of a scheduler."
    opt, out = sched.optimizer, []
    for _ in range(3): out.append(opt.param_groups[0]['lr']); opt.step(); sched.step()
    return out


def _cv_step(make, reward=lambda: torch.randn(2, 3), x=lambda: torch.randn(3, 4), label='step', args=None):
    "A case that calls `make().step(reward, x)`."
    return Case(lambda: dict(cv=make(), reward=reward(), x=x()), lambda k: k['cv'].step(k['reward'], k['x']),
                args or {'reward': REWARD, 'x': X_CV}, label=label)


def _gc_case(method, build, args):
    return Case(lambda: dict(m=S.GaussianChain(4), **build()), lambda k: getattr(k.pop('m'), method)(**k), args, label=method)

GC_XZ = lambda: dict(x=torch.randn(4, dtype=torch.float64), z=torch.randn(3, 4, dtype=torch.float64))
GC_ARGS = {'x': Data(ndim=1, width=True), 'z': Data(width=True)}


SPECS = {
    'ConjugateGaussian': [
        fn_case(lambda **k: (lambda m: (m.prior_std, m.noise_std))(S.ConjugateGaussian(**k)), lambda: dict(prior_std=1.5, noise_std=0.5),
                {'prior_std': Real(0, lo_open=True), 'noise_std': Real(0, lo_open=True)}, label='init'),
        _cg_case('sample', lambda: dict(B=3, n=4, seed=0, dtype=torch.float64), {'B': Int(1), 'n': Int(1), 'seed': SEED, 'dtype': DTYPE}),
        _cg_case('log_joint', lambda: dict(x=torch.randn(3, 4), z=torch.randn(5, 3)),
                 {'x': Data(ndim=2), 'z': Data(width=True, extra=[('scalar', torch.tensor(0.5), 'error')])}),
        _cg_case('posterior', lambda: dict(x=torch.randn(3, 4)), {'x': Data(ndim=2)}),
        _cg_case('log_evidence', lambda: dict(x=torch.randn(3, 4)), {'x': Data(ndim=2)}),
        _cg_case('elbo', lambda: dict(x=torch.randn(3, 4), q=td.Normal(torch.zeros(3), torch.ones(3))),
                 {'x': Data(ndim=2), 'q': Values([('type', 'q', 'error'), ('type', None, 'error'), ('type', td.Laplace(torch.zeros(3), 1.0), 'error'),
                                                  ('shape', td.Normal(torch.zeros(2), 1.0), 'error'), ('shape', td.Normal(0.0, 1.0), 'error')])}),
    ],
    'score_surrogate': fn_case(S.score_surrogate, lambda: dict(log_q=torch.randn(4, 3, requires_grad=True), signal=torch.randn(4, 3), sample_dim=0),
                               {'log_q': Data(numpy='error'), 'signal': Data(width=True),
                                'sample_dim': Values([('range', 2, 'error'), ('range', -3, 'error'), ('type', 0.5, 'error'), ('type', 'a', 'error'),
                                                      ('type', True, 'error'), ('numpy', np.int64(0), 'same')])}),
    'grad_samples': fn_case(S.grad_samples, _gs_build, GS_ARGS),
    'VarianceTable': fn_case(S.VarianceTable, lambda: dict(rows={'m': {'n': 1, 'snr': 0.5}}),
                             {'rows': Values([('type', 'abc', 'error'), ('type', [('m', {'n': 1})], 'error'), ('type', {'m': 3.0}, 'error'),
                                              ('type', {'m': [1, 2]}, 'error'), ('type', 3, 'error')])}),
    'variance_table': fn_case(S.variance_table, lambda: dict(draws={'m': torch.arange(10.).reshape(5, 2), 'v': torch.ones(5, 1)}),
                              {'draws': Values([('type', torch.zeros(3, 2), 'error'), ('type', 'abc', 'error'), ('type', None, 'error'),
                                                ('shape', {'m': torch.zeros(5)}, 'error'), ('one draw', {'m': torch.zeros(1, 2)}, 'error'),
                                                ('dtype', {'m': torch.zeros(5, 2, dtype=torch.long)}, 'error'), ('type', {'m': [1.0, 2.0]}, 'error'),
                                                ('empty', {'m': torch.zeros(0, 2)}, 'error'),
                                                ('numpy', {'m': np.arange(10.).reshape(5, 2), 'v': np.ones((5, 1))}, 'same')])}),
    'grad_variance': fn_case(S.grad_variance, _gs_build, GS_ARGS),
    'robbins_monro': Case(lambda: dict(optimizer=torch.optim.SGD([torch.zeros(1, requires_grad=True)], lr=0.5), t0=4.0, kappa=0.8),
                          lambda k: _lrs(S.robbins_monro(**k)),
                          {'optimizer': Values([('type', 'sgd', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')]),
                           't0': Real(0, lo_open=True), 'kappa': Real(0.5, 1, lo_open=True)}),
    'ControlVariate': [
        Case(lambda: dict(reward=torch.randn(2, 3), x=torch.randn(3, 4)), lambda k: S.ControlVariate().loss(**k), {'reward': REWARD, 'x': X_CV}, label='loss'),
        Case(lambda: dict(reward=torch.randn(2, 3), x=torch.randn(3, 4)), lambda k: S.ControlVariate().update(**k), {'reward': REWARD, 'x': X_CV}, label='update'),
    ],
    'Centred': [
        fn_case(S.Centred, lambda: dict(momentum=0.5, shape=(3,)), {'momentum': MOMENTUM, 'shape': SHAPE}, label='init'),
        _cv_step(lambda: S.Centred(shape=(3,))),
        Case(lambda: dict(cv=S.Centred(), reward=torch.randn(2, 3)), lambda k: k['cv'](k['reward']), {'reward': Data()}, label='forward without x'),
    ],
    'Scaled': [
        fn_case(S.Scaled, lambda: dict(momentum=0.5, floor=0.5, shape=(3,)), {'momentum': MOMENTUM, 'floor': Real(0, lo_open=True), 'shape': SHAPE}, label='init'),
        _cv_step(lambda: S.Scaled()),
    ],
    'SelfCritic': _cv_step(S.SelfCritic, reward=lambda: torch.randn(3, 4), x=lambda: torch.randn(4, 2),
                           args={'reward': Data(width=True, extra=[('one draw', torch.randn(1, 4), 'error')]), 'x': _x_cv(4, 2)}),
    'Baseline': [
        fn_case(S.Baseline, lambda: dict(net=nn.Linear(4, 1)), {'net': Values([('type', 'net', 'error'), ('type', 3, 'error'), ('type', lambda x: x, 'error')])}, label='init'),
        _cv_step(lambda: S.mlp_baseline(4, 5), args={'reward': REWARD, 'x': Data(ndim=2, width=True, wrong_float=True)}),
    ],
    'mlp_baseline': fn_case(S.mlp_baseline, lambda: dict(in_features=4, hidden=5), {'in_features': Int(1), 'hidden': Int(1)}),
    'Chain': [
        Case(lambda: dict(cvs=[S.Centred(), S.Scaled()]), lambda k: S.Chain(*k['cvs']),
             {'cvs': Values([('type', ['centred'], 'error'), ('type', [S.Centred], 'error'), ('type', [None], 'error'), ('type', [S.Centred(), 3], 'error')])},
             label='init'),
        _cv_step(lambda: S.Chain(S.Centred(), S.mlp_baseline(4, 5), S.Scaled()), args={'reward': REWARD, 'x': Data(ndim=2, width=True, wrong_float=True)}),
    ],
    'local_rewards': fn_case(S.local_rewards, lambda: dict(log_factors=torch.randn(5, 3), incidence=INCIDENCE.clone(), log_q=torch.randn(5, 2)),
                             {'log_factors': Data(width=True), 'log_q': Data(width=True),
                              'incidence': Values([('dtype', INCIDENCE.float(), 'error'), ('shape', torch.ones(3, 3, dtype=torch.bool), 'error'),
                                                   ('shape', torch.ones(4, 2, dtype=torch.bool), 'error'), ('type', [[True, False]], 'error'),
                                                   ('ndim', torch.ones(3, dtype=torch.bool), 'error'), ('type', None, 'error'),
                                                   ('numpy', INCIDENCE.numpy().copy(), 'same')])}),
    'GaussianChain': [
        fn_case(lambda **k: (lambda m: (m.D, m.a, m.noise_std))(S.GaussianChain(**k)), lambda: dict(D=4, a=0.5, noise_std=0.7),
                {'D': Int(2), 'a': Real(-1, 1, lo_open=True, hi_open=True), 'noise_std': Real(0, lo_open=True)}, label='init'),
        _gc_case('log_factors', GC_XZ, GC_ARGS),
        _gc_case('log_joint', GC_XZ, GC_ARGS),
        _gc_case('sample', lambda: dict(seed=0, dtype=torch.float64), {'seed': SEED, 'dtype': DTYPE}),
    ],
}
