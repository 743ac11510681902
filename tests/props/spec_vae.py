"Specs of rpm_nb.vae for the property-based suite (see framework.py)."
import numpy as np
import torch
from torch import nn
from rpm_nb import vae as V
from rpm_nb.score import Centred
from props.framework import Case, Data, Int, Real, Flag, Values, Result, fn_case, same_result


def _model(): return V.mlp_vae(x_dim=6, hidden=5, latent_dim=2)
def _x(): return (torch.rand(4, 6) < 0.5).float()
def _q(): return V.diag_normal(torch.randn(2, 3), torch.rand(2, 3) + 0.5)
def _mix(): return V.MixtureGaussianHead(3, 2)(torch.randn(2, 14))

def _same_dist(a, b) -> bool:
    "Distributions agree in family, shapes, mean and standard deviation."
    return type(a) is type(b) and a.batch_shape == b.batch_shape and a.event_shape == b.event_shape and \
        same_result((a.mean, a.stddev), (b.mean, b.stddev))

MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('type', nn.Linear(6, 2), 'error')])
DIST = Values([('type', 'not a distribution', 'error'), ('type', None, 'error'), ('type', torch.zeros(3), 'error')])
SHAPE = Values([('type', 2.5, 'error'), ('type', 3, 'error'), ('range', (-1,), 'error'), ('type', (2.5,), 'error'),
                ('type', 'ab', 'error'), ('type', None, 'error'), ('numpy', (np.int64(3),), 'same'), ('numpy', [3], 'same')])
SEED = Int(0, optional=True)
EVENT = Values([('type', 'a', 'error'), ('range', 0, 'error'), ('range', (), 'error'), ('range', (4, 0), 'error'), ('type', 2.5, 'error'),
                ('type', None, 'error'), ('type', True, 'error'), ('numpy', np.int64(4), 'same'), ('numpy', (np.int64(4),), 'same')])
MODULE = Values([('type', 'a module', 'error'), ('type', None, 'error'), ('type', 3, 'error')])
LAYER_IN = dict(numpy='error', nonempty=False, width=True)      # a tensor a layer maps: NumPy refused with a TypeError, an empty batch maps to an empty batch


def _draw_case(fn, build_q, label=''):
    return Case(lambda: dict(q=build_q(), sample_shape=(3,), seed=0), lambda k: fn(**k),
                {'q': DIST, 'sample_shape': SHAPE, 'seed': SEED}, label=label)


def _obs_cases(cls, kw, args, arg='logits'):
    return [fn_case(cls, lambda: dict(event_shape=4, **kw), {'event_shape': EVENT, **args}, label='init'),
            Case(lambda: {'obs': cls(4, **kw), arg: torch.randn(3, 4)}, lambda k: k['obs'](k[arg]), {arg: Data(**LAYER_IN)},
                 label='forward', same=_same_dist)]


def _indep_cases(cls, kw, args, values):
    return [fn_case(cls, lambda: dict(logits=torch.randn(3, 4), event_dims=1, **kw), {'logits': Data(numpy='error', nonempty=False),
                                                                                    'event_dims': Int(1, 2), **args}, label='init', same=_same_dist),
            Case(lambda: dict(d=cls(torch.randn(3, 4), **kw), value=values()), lambda k: k['d'].log_prob(k['value']),
                 {'value': Data(numpy='error', width=True)}, label='log_prob', names={'value': 'x'})]


ELBO_ARGS = {'model': MODEL, 'x': Data(ndim=2, width=True), 'n_samples': Int(1), 'analytic_kl': Flag(),
             'estimator': Values([('type', 'reparam', 'error'), ('type', 3, 'error')]),
             'control_variate': Values([('type', 'centred', 'error'), ('type', 3.0, 'error')]), 'seed': SEED}
def _elbo_build(): return dict(model=_model(), x=_x(), n_samples=2, analytic_kl=True, estimator=None, control_variate=None, seed=0)
def _score_build(): return dict(_elbo_build(), estimator=V.score_function, control_variate=Centred())


def _fa(k=2, D=4, B=5):
    g = torch.Generator().manual_seed(1)
    return dict(x=torch.randn(B, D, dtype=torch.float64, generator=g), W=torch.randn(D, k, dtype=torch.float64, generator=g),
                b=torch.randn(D, dtype=torch.float64, generator=g), scale=torch.rand(D, dtype=torch.float64, generator=g) + 0.5)
FA_ARGS = {'x': Data(ndim=2, width=True), 'W': Data(ndim=2), 'b': Data(ndim=1, width=True), 'scale': Data(ndim=1, width=True)}


SPECS = {
    'diag_normal': fn_case(V.diag_normal, lambda: dict(loc=torch.randn(4, 3), scale=torch.rand(4, 3) + 0.5),
                           {'loc': Data(nonempty=False), 'scale': Data(nonempty=False, width=True)}, same=_same_dist),
    'draw': Case(lambda: dict(d=_q(), sample_shape=(3,), seed=0), lambda k: V.draw(**k), {'d': DIST, 'sample_shape': SHAPE, 'seed': SEED}),
    'StandardNormal': fn_case(V.StandardNormal, lambda: dict(latent_dim=3), {'latent_dim': Int(1)}),
    'MixturePrior': fn_case(V.MixturePrior, lambda: dict(latent_dim=2, n_components=3, spread=1.0, init_scale=1.0, seed=0),
                            {'latent_dim': Int(1), 'n_components': Int(1), 'spread': Real(0), 'init_scale': Real(0, lo_open=True), 'seed': SEED}),
    'IndependentBernoulli': _indep_cases(V.IndependentBernoulli, dict(binary=True), {'binary': Flag()}, lambda: (torch.rand(3, 4) < 0.5).float()),
    'IndependentContinuousBernoulli': _indep_cases(V.IndependentContinuousBernoulli, {}, {}, lambda: torch.rand(3, 4)),
    'BernoulliObs': _obs_cases(V.BernoulliObs, dict(binary=True), {'binary': Flag()}),
    'ContinuousBernoulliObs': _obs_cases(V.ContinuousBernoulliObs, {}, {}),
    'GaussianObs': _obs_cases(V.GaussianObs, dict(init_scale=1.0, shared_scale=False), {'init_scale': Real(0, lo_open=True), 'shared_scale': Flag()}, 'loc'),
    'StudentTObs': _obs_cases(V.StudentTObs, dict(init_scale=1.0, init_df=5.0), {'init_scale': Real(0, lo_open=True), 'init_df': Real(0, lo_open=True)}, 'loc'),
    'mlp': fn_case(V.mlp, lambda: dict(sizes=[6, 5, 3], activation=nn.Tanh),
                   {'sizes': Values([('type', 3, 'error'), ('range', [4], 'error'), ('range', [4, 0], 'error'), ('type', [4, 2.5], 'error'),
                                     ('type', None, 'error'), ('type', 'ab', 'error'), ('numpy', np.array([6, 5, 3]), 'same'), ('numpy', (6, np.int64(5), 3), 'same')]),
                    'activation': Values([('type', 'relu', 'error'), ('type', nn.Tanh(), 'error'), ('type', None, 'error'), ('type', int, 'error'),
                                          ('type', lambda: 3, 'error')])}),
    'Batched': [fn_case(V.Batched, lambda: dict(net=nn.Linear(6, 2), event_dims=1), {'net': MODULE, 'event_dims': Int(1)}, label='init'),
                Case(lambda: dict(net=V.Batched(nn.Linear(6, 2)), x=torch.randn(3, 4, 6)), lambda k: k['net'](k['x']),
                     {'x': Data(width=True, extra=[('unbatched', torch.zeros(()), 'error')])}, label='forward')],
    'conv_encoder_net': fn_case(V.conv_encoder_net, lambda: dict(out_features=3, channels=2), {'out_features': Int(1), 'channels': Int(1)}),
    'conv_decoder_net': fn_case(V.conv_decoder_net, lambda: dict(latent_dim=3, channels=2), {'latent_dim': Int(1), 'channels': Int(1)}),
    'DiagGaussianHead': [fn_case(V.DiagGaussianHead, lambda: dict(latent_dim=3, min_scale=1e-4), {'latent_dim': Int(1), 'min_scale': Real(0)}, label='init'),
                         Case(lambda: dict(head=V.DiagGaussianHead(3), h=torch.randn(5, 6)), lambda k: k['head'](k['h']), {'h': Data(**LAYER_IN)},
                              label='forward', same=_same_dist)],
    'MixtureGaussianHead': [fn_case(V.MixtureGaussianHead, lambda: dict(latent_dim=3, n_components=2, min_scale=1e-4),
                                    {'latent_dim': Int(1), 'n_components': Int(1), 'min_scale': Real(0)}, label='init'),
                            Case(lambda: dict(head=V.MixtureGaussianHead(3, 2), h=torch.randn(5, 14)), lambda k: k['head'](k['h']),
                                 {'h': Data(**LAYER_IN)}, label='forward', same=_same_dist)],
    'VAE': [fn_case(V.VAE, lambda: (lambda m: dict(prior=m.prior, encoder=m.encoder, decoder=m.decoder))(_model()),
                    {'prior': MODULE, 'encoder': MODULE, 'decoder': MODULE}, label='init'),
            Case(lambda: dict(model=_model(), n=3, seed=0), lambda k: k['model'].sample(k['n'], k['seed']), {'n': Int(1), 'seed': SEED}, label='sample'),
            Case(lambda: dict(model=_model(), x=_x()), lambda k: k['model'].reconstruct(k['x']), {'x': Data(ndim=2, width=True)}, label='reconstruct')],
    'mlp_vae': fn_case(V.mlp_vae, lambda: dict(x_dim=6, hidden=5, latent_dim=2, obs=None, prior=None, encoder_head=None),
                       {'x_dim': Int(1), 'latent_dim': Int(1),
                        'hidden': Values([('type', 2.5, 'error'), ('range', 0, 'error'), ('range', [5, 0], 'error'), ('type', 'ab', 'error'),
                                          ('type', None, 'error'), ('type', True, 'error'), ('numpy', np.int64(5), 'same'), ('numpy', np.array([5]), 'same'),
                                          ('numpy', [np.int64(5)], 'same')]),
                        'obs': Values([('type', 'bernoulli', 'error'), ('range', V.BernoulliObs(7), 'error')]),
                        'prior': Values([('type', 'normal', 'error'), ('type', 3, 'error')]),
                        'encoder_head': Values([('type', 'diag', 'error'), ('type', nn.Linear(2, 2), 'error'), ('range', V.DiagGaussianHead(3), 'error')])}),
    'LatentDraw': Result(V.LatentDraw),
    'reparam': _draw_case(V.reparam, _q),
    'score_function': _draw_case(V.score_function, _q),
    'mixture_reparam': _draw_case(V.mixture_reparam, _mix),
    'default_estimator': fn_case(V.default_estimator, lambda: dict(q=_q()), {'q': DIST}),
    'ElboTerms': Result(V.ElboTerms),
    'elbo_terms': [fn_case(V.elbo_terms, _elbo_build, ELBO_ARGS, label='reparam'), fn_case(V.elbo_terms, _score_build, ELBO_ARGS, label='score')],
    'elbo': [fn_case(V.elbo, _elbo_build, ELBO_ARGS, label='reparam'), fn_case(V.elbo, _score_build, ELBO_ARGS, label='score')],
    'linear_gaussian_params': fn_case(V.linear_gaussian_params, lambda: dict(decoder=nn.Sequential(nn.Linear(2, 4), V.GaussianObs(4))),
                                      {'decoder': Values([('type', 'a', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 4), 'error'),
                                                          ('type', nn.Sequential(nn.Linear(2, 4), V.BernoulliObs(4)), 'error')])}),
    'linear_gaussian_log_marginal': fn_case(V.linear_gaussian_log_marginal, _fa, FA_ARGS),
    'linear_gaussian_posterior': fn_case(V.linear_gaussian_posterior, _fa, FA_ARGS),
    'linear_gaussian_elbo': fn_case(V.linear_gaussian_elbo, lambda: dict(_fa(), q_loc=torch.randn(5, 2, dtype=torch.float64),
                                                                          q_scale=torch.rand(5, 2, dtype=torch.float64) + 0.5),
                                    {**FA_ARGS, 'q_loc': Data(ndim=2, width=True), 'q_scale': Data(ndim=2, width=True)}),
    'Objective': [fn_case(V.Objective, lambda: dict(terms=V.elbo_terms), {'terms': Values([('type', 'elbo', 'error'), ('type', None, 'error')])},
                          label='init', same=lambda a, b: type(a) is type(b) and a.terms is b.terms),
                  Case(lambda: dict(obj=V.Objective(seed=0), model=_model(), batch=_x()), lambda k: k['obj'](k['model'], k['batch']),
                       {'model': MODEL, 'batch': Data(ndim=2, width=True)}, label='call', names={'batch': 'x'})],
    'evaluate': fn_case(V.evaluate, lambda: dict(model=_model(), x=_x(), batch_size=3, n_samples=1, seed=0),
                        {'model': MODEL, 'x': Data(ndim=2, width=True, finite=True), 'batch_size': Int(1), 'n_samples': Int(1), 'seed': SEED}),
}
