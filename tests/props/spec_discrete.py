"Specs of rpm_nb.discrete for the property-based suite (see framework.py)."
import numpy as np
import torch
import torch.distributions as td
from torch import nn
from rpm_nb import discrete as D
from rpm_nb.vae import mlp_vae
from rpm_nb.score import Centred
from props.framework import Case, Data, Int, Real, Flag, Choice, Values, fn_case


def _sbn(): return D.sigmoid_belief_net(6, sizes=(3,))
def _x(): return (torch.rand(4, 6) < 0.5).float()
def _bern(): return td.Independent(td.Bernoulli(logits=torch.randn(3, 2), validate_args=False), 1)

SEED = Int(0, optional=True)
MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('type', nn.Linear(6, 2), 'error')])
RELAXABLE_MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('gaussian', mlp_vae(6, 5, 2), 'error')])
X = Data(ndim=2, width=True, wrong_float=True)          # a batch for a float32 model of 6 binary features
DIST = Values([('type', 'not a distribution', 'error'), ('type', None, 'error'), ('type', torch.zeros(3), 'error'),
               ('family', td.Normal(0.0, 1.0), 'error')])
SHAPE = Values([('type', 2.5, 'error'), ('type', 3, 'error'), ('range', (-1,), 'error'), ('type', (2.5,), 'error'),
                ('type', 'ab', 'error'), ('type', None, 'error'), ('numpy', (np.int64(3),), 'same'), ('numpy', [3], 'same')])
MODULE = Values([('type', 'a module', 'error'), ('type', None, 'error'), ('type', 3, 'error')])
TEMPERATURE = Real(0, lo_open=True)


def _sizes(valid):
    "Spoilt layer sizes for a valid tuple `valid`."
    return Values([('type', 'ab', 'error'), ('range', (3, 0), 'error'), ('type', (2.5,), 'error'), ('empty', (), 'error'),
                   ('type', (True,), 'error'), ('type', None, 'error'), ('type', 2.5, 'error'), ('type', {3: 2}, 'error'),
                   ('numpy', np.array(valid), 'same'), ('numpy', tuple(np.int64(s) for s in valid), 'same'), ('list', list(valid), 'same')])

HIDDEN = Values([('type', 'ab', 'error'), ('range', (0,), 'error'), ('type', (2.5,), 'error'), ('type', None, 'error'),
                 ('numpy', np.array([4]), 'same'), ('int', 4, 'same'), ('numpy', np.int64(4), 'same')])


def _est(fn, build, args, label=''):
    "A case of an estimator fn(model, x, ...) on a one-layer sigmoid belief network."
    return Case(lambda: dict(model=_sbn(), x=_x(), **build()), lambda k: fn(**k), {'model': MODEL, 'x': X, **args}, label=label)


def _exact(fn, build=dict, args={}):
    return Case(lambda: dict(model=_sbn(), x=_x(), support=D.binary_support(3), **build()), lambda k: fn(**k),
                {'model': MODEL, 'x': X, 'support': Data(ndim=2, floating=False, width=True), **args})


def _layers(): return D.BernoulliLayers(torch.randn(4, 2), [nn.Linear(2, 3)], (2, 3))


def _method(make, method, build, args, label=None, names={}):
    "A case that calls `make().<method>(**build())`."
    return Case(lambda: dict(obj=make(), **build()), lambda k: getattr(k.pop('obj'), method)(**k), args, label=label or method, names=names)


def _inf_net(): return D.InferenceNetwork(D.BernoulliEncoder(6, (3,)))
def _inf_net_on_batch(): return _inf_net()(_x())
def _gen_model(): return D.GenerativeModel(D.BernoulliPrior((3,)), _sbn().decoder)
def _z(): return (torch.rand(4, 3) < 0.5).float()


def _loss(cls, build=dict, args={}):
    "A case that calls `cls(inf_net, gen_model, **options)(x)` with the options of `build`."
    def make():
        m = _sbn()
        return dict(inf_net=D.InferenceNetwork(m.encoder), gen_model=D.GenerativeModel(m.prior, m.decoder), x=_x(), **build())
    def call(k):
        k = dict(k); x = k.pop('x')
        return cls(**k)(x)
    return Case(make, call, {'inf_net': MODULE, 'gen_model': MODULE, 'x': X, **args})


SPECS = {
    'BernoulliLayers': [
        fn_case(D.BernoulliLayers, lambda: dict(first_logits=torch.randn(4, 2), nets=[nn.Linear(2, 3)], sizes=(2, 3), reverse=False),
                {'first_logits': Data(nonempty=False, width=True), 'sizes': _sizes((2, 3)), 'reverse': Flag(),
                 'nets': Values([('type', 'net', 'error'), ('type', nn.Linear(2, 3), 'error'), ('count', [], 'error'), ('type', [3], 'error'),
                                 ('type', None, 'error')])}, label='init'),
        _method(_layers, 'log_prob', lambda: dict(z=(torch.rand(4, 5) < 0.5).float()),
                {'z': Data(width=True, nonempty=False, extra=[('batch', torch.zeros(3, 5), 'error')])}),
        _method(_layers, 'sample', lambda: dict(sample_shape=(3,)), {'sample_shape': SHAPE}),
    ],
    'BernoulliPrior': fn_case(D.BernoulliPrior, lambda: dict(sizes=(3, 2)), {'sizes': _sizes((3, 2))}),
    'BernoulliEncoder': [
        fn_case(D.BernoulliEncoder, lambda: dict(x_dim=6, sizes=(3, 2), hidden=(4,)), {'x_dim': Int(1), 'sizes': _sizes((3, 2)), 'hidden': HIDDEN}, label='init'),
        Case(lambda: dict(enc=D.BernoulliEncoder(6, (3, 2)), x=_x()), lambda k: k['enc'](k['x']), {'x': Data(width=True, wrong_float=True)}, label='forward'),
    ],
    'BottomLayer': [
        fn_case(D.BottomLayer, lambda: dict(n=2), {'n': Int(1)}, label='init'),
        Case(lambda: dict(layer=D.BottomLayer(2), z=torch.rand(4, 3)), lambda k: k['layer'](k['z']),
             {'z': Data(extra=[('narrow', torch.zeros(4, 1), 'error')])}, label='forward'),
    ],
    'sigmoid_belief_net': fn_case(D.sigmoid_belief_net, lambda: dict(x_dim=6, sizes=(3, 2), hidden=(4,)),
                                  {'x_dim': Int(1), 'sizes': _sizes((3, 2)), 'hidden': HIDDEN}),
    'OneHotHead': [
        fn_case(D.OneHotHead, lambda: dict(n_latents=2, n_classes=3), {'n_latents': Int(1), 'n_classes': Int(2)}, label='init'),
        Case(lambda: dict(head=D.OneHotHead(2, 3), h=torch.randn(4, 6)), lambda k: k['head'](k['h']), {'h': Data(width=True)}, label='forward'),
    ],
    'UniformOneHot': fn_case(D.UniformOneHot, lambda: dict(n_latents=2, n_classes=3), {'n_latents': Int(1), 'n_classes': Int(2)}),
    'categorical_vae': fn_case(D.categorical_vae, lambda: dict(x_dim=6, n_latents=2, n_classes=3, hidden=(4,)),
                               {'x_dim': Int(1), 'n_latents': Int(1), 'n_classes': Int(2), 'hidden': HIDDEN}),
    'binary_support': fn_case(D.binary_support, lambda: dict(D=3), {'D': Int(1, 24)}),
    'one_hot_support': fn_case(D.one_hot_support, lambda: dict(D=2, C=3), {'D': Int(1), 'C': Int(2)}),
    'enumerate_log_weights': _exact(D.enumerate_log_weights),
    'exact_log_px': _exact(D.exact_log_px),
    'exact_elbo': _exact(D.exact_elbo),
    'exact_iwae_bound': _exact(D.exact_iwae_bound, lambda: dict(K=2), {'K': Int(1)}),
    'nvil_control_variate': fn_case(D.nvil_control_variate, lambda: dict(x_dim=6, hidden=4), {'x_dim': Int(1), 'hidden': Int(1)}),
    'nvil': _est(D.nvil, lambda: dict(control_variate=D.nvil_control_variate(6, 4), seed=0),
                 {'seed': SEED, 'control_variate': Values([('type', 'centred', 'error'), ('type', 3.0, 'error'), ('class', Centred, 'error'),
                                                           ('width', D.nvil_control_variate(7, 4), 'error')])}),
    'iwae_score': _est(D.iwae_score, lambda: dict(K=3, seed=0), {'K': Int(1), 'seed': SEED}),
    'leave_one_out': fn_case(D.leave_one_out, lambda: dict(log_w=torch.randn(4, 3), mean='geometric'),
                             {'log_w': Data(extra=[('one draw', torch.randn(1, 3), 'error'), ('scalar', torch.tensor(1.0), 'error')]),
                              'mean': Choice(['geometric', 'arithmetic'])}),
    'vimco': _est(D.vimco, lambda: dict(K=3, seed=0, mean='arithmetic'), {'K': Int(2), 'seed': SEED, 'mean': Choice(['geometric', 'arithmetic'])}),
    'relax': fn_case(D.relax, lambda: dict(d=_bern(), temperature=0.5), {'d': DIST, 'temperature': TEMPERATURE}),
    'relaxed_draw': fn_case(D.relaxed_draw, lambda: dict(d=_bern(), temperature=0.5, sample_shape=(3,), seed=0),
                            {'d': DIST, 'temperature': TEMPERATURE, 'sample_shape': SHAPE, 'seed': SEED}),
    'soft_hard': fn_case(D.soft_hard, lambda: dict(d=_bern(), y=torch.randn(3, 2)),
                         {'d': DIST, 'y': Data(width=True, extra=[('batch', torch.zeros(2, 2), 'error'), ('unbatched', torch.zeros(2), 'error')])}),
    'concrete_bound': _est(D.concrete_bound, lambda: dict(temperature=0.5, prior_temperature=0.7, seed=0),
                           {'model': RELAXABLE_MODEL, 'temperature': TEMPERATURE, 'prior_temperature': Real(0, lo_open=True, optional=True), 'seed': SEED}),
    'straight_through': _est(D.straight_through, lambda: dict(temperature=0.5, seed=0),
                             {'model': RELAXABLE_MODEL, 'temperature': TEMPERATURE, 'seed': SEED}),
    'wake_p': _est(D.wake_p, lambda: dict(K=2, seed=0), {'K': Int(1), 'seed': SEED}),
    'wake_q': _est(D.wake_q, lambda: dict(K=2, seed=0), {'K': Int(1), 'seed': SEED}),
    'sleep_q': _est(D.sleep_q, lambda: dict(seed=0), {'x': Data(ndim=2, width=True), 'seed': SEED}),
    'wake_sleep': _est(D.wake_sleep, lambda: dict(seed=0), {'seed': SEED}),
    'rws': _est(D.rws, lambda: dict(K=2, sleep=True, seed=0), {'K': Int(1), 'sleep': Flag(), 'seed': SEED}),
    'InferenceNetwork': [
        fn_case(D.InferenceNetwork, lambda: dict(encoder=D.BernoulliEncoder(6, (3,))), {'encoder': MODULE}, label='init'),
        Case(lambda: dict(net=_inf_net(), x=_x()), lambda k: k['net'](k['x']).params_, {'x': X}, label='forward'),
        _method(_inf_net_on_batch, 'sample', lambda: dict(n=2, seed=0), {'n': Int(1, optional=True), 'seed': SEED}),
        _method(_inf_net_on_batch, 'log_prob', lambda: dict(z=_z()), {'z': Data(width=True, extra=[('batch', torch.zeros(5, 3), 'error')])}),
    ],
    'GenerativeModel': [
        fn_case(D.GenerativeModel, lambda: dict(prior=D.BernoulliPrior((3,)), decoder=_sbn().decoder), {'prior': MODULE, 'decoder': MODULE}, label='init'),
        Case(lambda: dict(gm=_gen_model(), x=_x(), z=_z()), lambda k: k['gm'](k['x'], k['z']).params_,
             {'x': Data(width=True, extra=[('batch', torch.zeros(5, 6), 'error')]), 'z': Data(width=True, extra=[('batch', torch.zeros(5, 3), 'error')])},
             label='forward'),
        _method(_gen_model, 'log_prob', lambda: dict(x=_x(), z=_z()),
                {'x': Data(width=True, extra=[('batch', torch.zeros(5, 6), 'error')]), 'z': Data(width=True, extra=[('batch', torch.zeros(5, 3), 'error')])}),
        _method(_gen_model, 'sample', lambda: dict(n=3, seed=0), {'n': Int(1), 'seed': SEED}),
    ],
    'Loss': Case(lambda: dict(inf_net=_inf_net(), gen_model=_gen_model()), lambda k: D.Loss(**k).model, {'inf_net': MODULE, 'gen_model': MODULE}),
    'NVILLoss': _loss(D.NVILLoss, lambda: dict(control_variate=D.nvil_control_variate(6, 4), seed=0),
                      {'control_variate': Values([('type', 'centred', 'error'), ('width', D.nvil_control_variate(7, 4), 'error')]), 'seed': SEED}),
    'IWAEScoreLoss': _loss(D.IWAEScoreLoss, lambda: dict(K=2, seed=0), {'K': Int(1), 'seed': SEED}),
    'VIMCOLoss': _loss(D.VIMCOLoss, lambda: dict(K=2, mean='geometric', seed=0), {'K': Int(2), 'mean': Choice(['geometric', 'arithmetic']), 'seed': SEED}),
    'ConcreteLoss': _loss(D.ConcreteLoss, lambda: dict(temperature=0.5, prior_temperature=0.7, seed=0),
                          {'temperature': TEMPERATURE, 'prior_temperature': Real(0, lo_open=True, optional=True), 'seed': SEED}),
    'StraightThroughLoss': _loss(D.StraightThroughLoss, lambda: dict(temperature=0.5, seed=0), {'temperature': TEMPERATURE, 'seed': SEED}),
    'WakeSleepLoss': _loss(D.WakeSleepLoss, lambda: dict(seed=0), {'seed': SEED}),
    'RWSLoss': _loss(D.RWSLoss, lambda: dict(K=2, sleep=False, seed=0), {'K': Int(1), 'sleep': Flag(), 'seed': SEED}),
}
