"Specs of rpm_nb.rpm_temporal for the property-based suite (see framework.py)."
from dataclasses import dataclass
import math
import numpy as np
import torch
import torch.distributions as td
from torch import nn
from rpm_nb import rpm_temporal as rt
from rpm_nb.expfam import DiagGaussianFamily, FullGaussianFamily
from rpm_nb.rpm_continuous import precision_head
from props.framework import Bad, Case, Data, Int, Real, Flag, Index, Values, Exempt, fn_case, same_result

f64 = torch.float64
N, T, J, XD = 4, 3, 2, 2            # the models: N sequences of T steps, J views of XD values
B, TT, D = 3, 4, 2                  # the functions: B sequences, TT steps, D latent dimensions (all different, so no shape passes for another)


@dataclass
class OptData(Data):
    "Data where None is valid too (it gives the default, which `build` passes explicitly)."
    def bad(self, v) -> list[Bad]:
        return [b for b in super().bad(v) if not (b.kind == 'type' and b.value is None)] + [Bad('none', None, 'same')]


def same_dist(a, b) -> bool:
    "Two distributions of the same type, shapes, means and (co)variances."
    if not (isinstance(a, td.Distribution) and type(a) is type(b) and a.batch_shape == b.batch_shape and a.event_shape == b.event_shape): return False
    ok = same_result(a.mean, b.mean) and same_result(a.variance, b.variance)
    return ok and (not isinstance(a, td.MultivariateNormal) or same_result(a.covariance_matrix, b.covariance_matrix))


# ---- the functions' arguments
def _K(D_=D, T_=TT): return rt.rbf_kernel(torch.arange(T_, dtype=f64), torch.linspace(1.5, 3.0, D_, dtype=f64), torch.ones(D_, dtype=f64))
def _h(): return torch.randn(B, TT, D, dtype=f64)
def _lam(): return torch.rand(B, TT, D, dtype=f64) + 0.1
def _lam_full(): A = torch.randn(B, TT, D, D, dtype=f64); return A @ A.mT + 0.1 * torch.eye(D, dtype=f64)
def _eta(fam, *shape): return precision_head(fam, torch.randn(*shape, fam.dim, dtype=f64))      # valid diagonal-Gaussian factors
def _nu(*shape): return torch.cat([0.3 * torch.randn(*shape, 1, dtype=f64), 0.1 * torch.rand(*shape, 1, dtype=f64)], -1)

def _posterior_args():
    K, h, lam = _K(), _h(), _lam()
    m, var, logdet = rt.gp_posterior(K, h, lam)
    return dict(h=h, lam=lam, m=m, var=var, logdet=logdet)

def _bound_args(sites=False):
    fam, K = DiagGaussianFamily(1), _K(1)
    eta_f = rt.prior_marginals(fam, K)[:, None] + precision_head(fam, torch.randn(5, TT, J, 2, dtype=f64))
    kw = dict(fam=fam, K=K, eta_fn=eta_f[:B], nu=_nu(B, TT, J), eta_f=eta_f, pooled=False, chunk=None)
    if sites: kw['sites'] = (torch.randn(B, TT, 1, dtype=f64), torch.rand(B, TT, 1, dtype=f64) + 0.1)
    return kw

FAM = Values([('type', 'fam', 'error'), ('type', None, 'error'), ('range', DiagGaussianFamily(3), 'error')])
CHUNK = Int(1, optional=True)


# ---- the models
def _nets(P=2): return [nn.Sequential(nn.Linear(XD, 3), nn.Tanh(), nn.Linear(3, P)).double() for _ in range(J)]
def _X(): return torch.randn(N, T, J, XD, dtype=f64)
def _prior(D_=1): return rt.GPPrior(D_, 1.5, 1.0).double()

def _markov(D_=1, coupled=False):
    if coupled: return rt.MarkovPrior(D_, A=0.5 * torch.eye(D_) + 0.1, Q=0.5).double()
    return rt.MarkovPrior(D_, A=0.8, Q=0.3, m0=0.2, P0=0.7, diagonal=True).double()

def _model(q=None, full=False, markov=False):
    fam = FullGaussianFamily(2) if full else DiagGaussianFamily(1)
    return rt.TemporalRPM(fam, _nets(fam.dim), _X(), _markov(fam.D, full) if markov else _prior(fam.D), q=q, refresh_every=None)

def _method(name, build, args, model=_model, label=None, **kw):
    "A case calling `model().name(**build(model))`."
    def b():
        m = model()
        return dict(model=m, **build(m))
    return Case(b, lambda k: getattr(k.pop('model'), name)(**k), args, label=label or name, **kw)

IDX = Values([('range', torch.tensor([0, N]), 'error'), ('range', torch.tensor([-1, 0]), 'error'), ('dtype', torch.tensor([0.0, 1.0]), 'error'),
              ('empty', torch.tensor([], dtype=torch.long), 'error'), ('type', 1.5, 'error'), ('type', 'rows', 'error'),
              ('repeat', torch.tensor([1, 1]), 'error'), ('one', torch.tensor([2]), 'error'), ('one', 2, 'error'), ('type', [0.0, 2.0], 'error'),
              ('numpy', np.array([0, 2]), 'same'), ('list', [0, 2], 'same'), ('tuple', (0, 2), 'same')])
VIEWS = Values([('range', [0, 2], 'error'), ('repeat', [1, 1], 'error'), ('type', 'ab', 'error'), ('type', 1.5, 'error'),
                ('type', [0.0, 1.0], 'error'), ('type', True, 'error'), ('range', [], 'error'), ('range', -1, 'error'),
                ('dtype', torch.tensor([1.0, 0.0]), 'error'), ('views', [1], 'error'), ('views', 0, 'error'),
                ('numpy', np.array([1, 0]), 'same'), ('tensor', torch.tensor([1, 0]), 'same'), ('tuple', (1, 0), 'same')])
X_NEW = Data(ndim=4, finite=True, width=True, wrong_float=True)


def _gpvae(xd=1):
    J_ = J
    return rt.GPVAE(DiagGaussianFamily(1), [nn.Linear(xd, 2).double() for _ in range(J_)],
                    nn.Sequential(nn.Linear(1, 2 * J_), rt.GaussianPixels(J_)).double(), _prior(1), T, J_)


def _kernel_case(kernel):
    "A valid call of a kernel of rpm_nb.rpm_temporal and the arguments to spoil (the three kernels take the same)."
    return fn_case(kernel, lambda: dict(times=torch.arange(TT, dtype=f64), length_scale=torch.tensor([1.5, 3.0], dtype=f64),
                                        amplitude=torch.tensor([1.0, 0.5], dtype=f64), jitter=1e-6),
                   {'times': Data(ndim=1, finite=True),
                    'length_scale': Data(ndim=1, finite=True, width=True, extra=[('range', torch.tensor([1.0, 0.0], dtype=f64), 'error'),
                                                                                 ('range', torch.tensor([-1.0, 2.0], dtype=f64), 'error')]),
                    'amplitude': Data(ndim=1, finite=True, width=True, extra=[('range', torch.tensor([1.0, -0.5], dtype=f64), 'error')]),
                    'jitter': Real(0, lo_open=True)})


SPECS = {
    'rbf_kernel': _kernel_case(rt.rbf_kernel),
    'ou_kernel': _kernel_case(rt.ou_kernel),
    'matern32_kernel': _kernel_case(rt.matern32_kernel),
    'PathPrior': Exempt('a typing protocol: the methods TemporalRPM and GPVAE need of a prior; GPPrior and MarkovPrior implement it'),
    'MarkovPrior': [
        fn_case(rt.MarkovPrior, lambda: dict(D=2, A=0.9, Q=None, m0=0.0, P0=1.0, learn=True, diagonal=True),
                {'D': Int(1), 'learn': Flag(), 'diagonal': Flag(),
                 'A': Values([('type', 'a', 'error'), ('type', None, 'error'), ('range', 1.5, 'error'), ('range', math.nan, 'error'),
                              ('range', torch.tensor([[0.5, 0.1], [0.0, 0.5]]), 'error'), ('shape', 0.5 * torch.eye(3), 'error'),
                              ('numpy', 0.9 * np.eye(2), 'same'), ('tensor', 0.9 * torch.eye(2), 'same')]),
                 'P0': Values([('range', -1.0, 'error'), ('range', torch.tensor([[1.0, 0.5], [0.5, 1.0]]), 'error'), ('type', 'p', 'error')])},
                label='constructor'),
        fn_case(rt.MarkovPrior.from_ou, lambda: dict(D=2, length_scale=[1.5, 3.0], amplitude=1.0, learn=True, dtype=f64),
                {'D': Int(1), 'learn': Flag(),
                 'length_scale': Values([('type', 'a', 'error'), ('type', None, 'error'), ('range', [1.0, -1.0], 'error'), ('range', [1.0, 2.0, 3.0], 'error'),
                                         ('range', math.inf, 'error'), ('numpy', np.array([1.5, 3.0]), 'same'), ('tensor', torch.tensor([1.5, 3.0], dtype=f64), 'same')]),
                 'amplitude': Values([('range', 0.0, 'error'), ('type', 'a', 'error'), ('list', [1.0, 1.0], 'same')]),
                 'dtype': Values([('type', 'float64', 'error'), ('dtype', torch.int64, 'error'), ('type', 3, 'error')])}, label='from_ou'),
        fn_case(rt.MarkovPrior.from_matern32, lambda: dict(D=2, length_scale=[1.5, 3.0], amplitude=1.0, learn=True, dtype=f64),
                {'D': Int(1), 'learn': Flag(),
                 'length_scale': Values([('type', 'a', 'error'), ('type', None, 'error'), ('range', [1.0, -1.0], 'error'), ('range', [1.0, 2.0, 3.0], 'error'),
                                         ('range', math.inf, 'error'), ('numpy', np.array([1.5, 3.0]), 'same'), ('tensor', torch.tensor([1.5, 3.0], dtype=f64), 'same')]),
                 'amplitude': Values([('range', 0.0, 'error'), ('type', 'a', 'error'), ('list', [1.0, 1.0], 'same')]),
                 'dtype': Values([('type', 'float64', 'error'), ('dtype', torch.int64, 'error'), ('type', 3, 'error')])}, label='from_matern32'),
        Case(lambda: dict(prior=_markov(2), times=torch.arange(TT, dtype=f64)), lambda k: k['prior'].marginal_moments(k['times']),
             {'times': Data(ndim=1, extra=[('range', 0.5 * torch.arange(TT, dtype=f64), 'error')])}, label='marginal_moments'),
        Case(lambda: dict(prior=_markov(D), times=torch.arange(TT, dtype=f64), h=_h(), lam=_lam()), lambda k: k.pop('prior').posterior_moments(**k),
             {'times': Data(ndim=1, extra=[('range', 0.5 * torch.arange(TT, dtype=f64), 'error')]), 'h': Data(ndim=3, width=True, wrong_float=True),
              'lam': Data(ndim=3, width=True, wrong_float=True, finite=True, extra=[('range', -_lam(), 'error')])}, label='posterior_moments'),
        Case(lambda: dict(prior=_markov(D, coupled=True), times=torch.arange(TT, dtype=f64), h=_h(), lam=_lam_full()),
             lambda k: k.pop('prior').posterior_moments(**k),
             {'h': Data(ndim=3, width=True, wrong_float=True),
              'lam': Data(ndim=4, width=True, wrong_float=True, finite=True, extra=[('range', -_lam_full(), 'error')])},
             label='posterior_moments, coupled chain, full sites'),
    ],
    'GPPrior': [
        fn_case(rt.GPPrior, lambda: dict(D=2, length_scale=[1.5, 3.0], amplitude=1.0, jitter=1e-6, learn=True, kernel=rt.rbf_kernel),
                {'D': Int(1),
                 'length_scale': Values([('type', 'a', 'error'), ('type', None, 'error'), ('type', True, 'error'), ('type', [1.0, 'a'], 'error'),
                                         ('range', [1.0, -1.0], 'error'), ('range', [1.0, 2.0, 3.0], 'error'), ('range', [], 'error'),
                                         ('range', math.nan, 'error'), ('range', [1.0, math.inf], 'error'), ('range', torch.ones(2, 2), 'error'),
                                         ('numpy', np.array([1.5, 3.0]), 'same'), ('tensor', torch.tensor([1.5, 3.0]), 'same'),
                                         ('tuple', (1.5, 3.0), 'same')]),
                 'amplitude': Values([('type', 'a', 'error'), ('type', None, 'error'), ('range', 0.0, 'error'), ('range', -1.0, 'error'),
                                      ('range', math.inf, 'error'), ('range', [1.0, 1.0, 1.0], 'error'), ('numpy', np.float64(1.0), 'same'),
                                      ('list', [1.0], 'same'), ('list', [1.0, 1.0], 'same'), ('numpy', np.array(1.0), 'same')]),
                 'jitter': Real(0, lo_open=True), 'learn': Flag(),
                 'kernel': Values([('type', 'ou', 'error'), ('type', None, 'error'), ('type', 3, 'error')])}, label='constructor'),
        Case(lambda: dict(prior=_prior(2), times=torch.arange(TT, dtype=f64)), lambda k: k['prior'](k['times']),
             {'times': Data(ndim=1)}, label='forward'),
        Case(lambda: dict(prior=rt.GPPrior(2, 1.5, kernel=rt.ou_kernel).double(), times=torch.arange(TT, dtype=f64)),
             lambda k: k['prior'](k['times']), {'times': Data(ndim=1)}, label='forward, OU kernel'),
        Case(lambda: dict(prior=_prior(2), times=torch.arange(TT, dtype=f64)), lambda k: k['prior'].marginal_moments(k['times']),
             {'times': Data(ndim=1)}, label='marginal_moments'),
        Case(lambda: dict(prior=_prior(D), times=torch.arange(TT, dtype=f64), h=_h(), lam=_lam()), lambda k: k.pop('prior').posterior_moments(**k),
             {'times': Data(ndim=1), 'h': Data(ndim=3, width=True, wrong_float=True),
              'lam': Data(ndim=3, width=True, wrong_float=True, finite=True, extra=[('range', -_lam(), 'error')])}, label='posterior_moments'),
    ],
    'gp_posterior': [
        fn_case(rt.gp_posterior, lambda: dict(K=_K(), h=_h(), lam=_lam()),
                {'K': Data(ndim=3, width=True, wrong_float=True, extra=[('shape', _K()[:, :2], 'error'), ('shape', _K(3), 'error'),
                                                                        ('range', -_K(), 'error')]),
                 'h': Data(ndim=3, width=True, wrong_float=True),
                 'lam': Data(ndim=3, width=True, wrong_float=True, finite=True, extra=[('range', -_lam(), 'error')])}, label='diagonal'),
        fn_case(rt.gp_posterior, lambda: dict(K=_K(), h=_h(), lam=_lam_full()),
                {'lam': Data(ndim=4, width=True, wrong_float=True, finite=True, extra=[('range', -_lam_full(), 'error')])}, label='full'),
    ],
    'gp_kl': fn_case(rt.gp_kl, _posterior_args,
                     {'h': Data(ndim=3, width=True), 'lam': Data(ndim=3, width=True), 'm': Data(ndim=3, width=True),
                      'var': Data(ndim=3, width=True), 'logdet': Data(ndim=2, width=True)}),
    'prior_marginals': fn_case(rt.prior_marginals, lambda: dict(fam=DiagGaussianFamily(D), K=_K()),
                               {'fam': FAM, 'K': Data(ndim=3, width=True, extra=[('shape', _K(3), 'error')])}),
    'marginal_params': [
        fn_case(rt.marginal_params, lambda: dict(fam=DiagGaussianFamily(D), m=_h(), var=_lam()),
                {'fam': FAM, 'm': Data(ndim=3, width=True), 'var': Data(ndim=3, width=True)}, label='diagonal'),
        fn_case(rt.marginal_params, lambda: dict(fam=FullGaussianFamily(D), m=_h(), var=_lam_full()),
                {'var': Data(ndim=4, width=True, extra=[('range', -_lam_full(), 'error')])}, label='full'),
    ],
    'factor_sites': fn_case(rt.factor_sites, lambda: dict(fam=DiagGaussianFamily(D), g=_eta(DiagGaussianFamily(D), B, TT, J)),
                            {'fam': FAM, 'g': Data(ndim=4, width=True)}),
    'temporal_local_terms': fn_case(rt.temporal_local_terms,
                                    lambda: dict(fam=DiagGaussianFamily(1), eta_fn=_eta(DiagGaussianFamily(1), B, TT, J),
                                                 eta_q=_eta(DiagGaussianFamily(1), B, TT), nu=_nu(B, TT, J)),
                                    {'fam': Values([('type', 'fam', 'error'), ('type', None, 'error'), ('range', DiagGaussianFamily(2), 'error')]),
                                     'eta_fn': Data(ndim=4, width=True), 'eta_q': Data(ndim=3, width=True), 'nu': Data(ndim=4, width=True)}),
    'temporal_log_int': fn_case(rt.temporal_log_int,
                                lambda: dict(fam=DiagGaussianFamily(1), eta_f=_eta(DiagGaussianFamily(1), 5, TT, J), nu=_nu(B, TT, J),
                                             pooled=False, chunk=2),
                                {'fam': Values([('type', 'fam', 'error'), ('range', DiagGaussianFamily(2), 'error')]),
                                 'eta_f': Data(ndim=4, width=True), 'nu': Data(ndim=4, width=True), 'pooled': Flag(), 'chunk': CHUNK}),
    'temporal_bound': [
        fn_case(rt.temporal_bound, _bound_args,
                {'fam': FAM, 'K': Data(ndim=3, width=True, extra=[('shape', _K(2), 'error')]), 'eta_fn': Data(ndim=4, width=True),
                 'nu': Data(ndim=4, width=True), 'eta_f': Data(ndim=4, width=True), 'pooled': Flag(), 'chunk': CHUNK,
                 'sites': Values([('type', 'ab', 'error'), ('type', (torch.zeros(B, TT, 1, dtype=f64),), 'error'),
                                  ('shape', (torch.zeros(TT, 1, dtype=f64), torch.ones(TT, 1, dtype=f64)), 'error'),
                                  ('shape', (torch.zeros(B + 1, TT, 1, dtype=f64), torch.ones(B + 1, TT, 1, dtype=f64)), 'error'),
                                  ('range', (torch.zeros(B, TT, 1, dtype=f64), -torch.ones(B, TT, 1, dtype=f64)), 'error')])},
                label='own q'),
        fn_case(rt.temporal_bound, lambda: _bound_args(sites=True),
                {'sites': Values([('range', (torch.zeros(B, TT, 1, dtype=f64), torch.full((B, TT, 1), math.nan, dtype=f64)), 'error'),
                                  ('type', [torch.zeros(B, TT, 1, dtype=f64)] * 3, 'error'), ('type', (None, None), 'error'),
                                  ('dtype', (torch.zeros(B, TT, 1), torch.ones(B, TT, 1)), 'error')])}, label='given q'),
    ],
    'TemporalRPM': [
        Case(lambda: dict(fam=DiagGaussianFamily(1), factors=_nets(), X=_X(), prior=_prior(), q=None, nu=None, pooled=False,
                          times=torch.arange(T, dtype=f64), transform=None, refresh_every=5, chunk_size=None),
             lambda k: rt.TemporalRPM(**k),
             {'fam': Values([('type', 'fam', 'error'), ('type', None, 'error'), ('range', DiagGaussianFamily(2), 'error')]),
              'factors': Values([('type', 'net', 'error'), ('type', None, 'error'), ('type', [nn.Linear(XD, 2), 'net'], 'error'),
                                 ('range', [nn.Linear(XD, 2)] * 3, 'error'), ('range', [], 'error')]),
              'X': Data(floating=False, finite=True, width=True, extra=[('unbatched', torch.zeros(T, J, XD), 'error'),
                                                                         ('no steps', torch.zeros(N, 0, J, XD), 'error')]),
              'prior': Values([('type', 'gp', 'error'), ('type', None, 'error'), ('range', rt.GPPrior(2), 'error'), ('range', rt.MarkovPrior(2).double(), 'error')]),
              'q': Values([('type', 'q', 'error'), ('type', 3, 'error')]), 'nu': Values([('type', 'nu', 'error')]),
              'pooled': Flag(), 'times': OptData(ndim=1, finite=True, width=True),
              'transform': Values([('type', 'log', 'error'), ('type', 3, 'error')]),
              'refresh_every': Int(1, optional=True), 'chunk_size': CHUNK}, label='constructor'),
        _method('objective', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': IDX}),
        _method('objective', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': IDX}, model=lambda: _model(markov=True), label='objective, Markov prior'),
        _method('posterior', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': Index(N)}, model=lambda: _model(full=True, markov=True),
                label='posterior, coupled Markov prior, full covariance', same=same_dist),
        _method('refresh', lambda m: dict(chunk_size=3), {'chunk_size': CHUNK}),
        _method('posterior', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': Index(N)}, same=same_dist),
        _method('posterior_params', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': Index(N)}),
        _method('posterior', lambda m: dict(idx=torch.tensor([0, 2])), {'idx': Index(N)}, model=lambda: _model(full=True),
                label='posterior, full covariance', same=same_dist),
        _method('encode', lambda m: dict(x=m.X[:2][:, :, [1, 0]].clone(), views=[1, 0]), {'x': X_NEW, 'views': VIEWS}, same=same_dist),
        _method('encode', lambda m: dict(x=m.X[:2].clone(), views=[1, 0]),
                {'views': Values([('range', [0], 'error'), ('range', 1, 'error'), ('tuple', (1, 0), 'same')])},
                model=lambda: _model(q=rt.ConvSites(1, J).double()), label='encode, amortised q', same=same_dist),
        _method('factor_increments', lambda m: dict(x=m.X[:2].clone(), views=None),
                {'x': Data(ndim=4, floating=False, width=True, wrong_float=True), 'views': OptData(extra=[('range', [0], 'error')])}),
    ],
    'ConvSites': [
        fn_case(rt.ConvSites, lambda: dict(D=1, J=J, hidden=4, width=3),
                {'D': Int(1), 'J': Int(1), 'hidden': Int(1),
                 'width': Values([('range', 4, 'error'), ('range', 0, 'error'), ('type', 2.5, 'error'), ('type', None, 'error'),
                                  ('numpy', np.int64(3), 'same')])}, label='constructor'),
        Case(lambda: dict(mod=rt.ConvSites(1, J, 4, 3).double(), x=None, g=_eta(DiagGaussianFamily(1), B, TT, J)),
             lambda k: k['mod'](k['x'], k['g']), {'g': Data(ndim=4, width=True, wrong_float=True)}, label='forward'),
    ],
    'GaussianPixels': [
        fn_case(rt.GaussianPixels, lambda: dict(J=J), {'J': Int(1)}, label='constructor'),
        Case(lambda: dict(mod=rt.GaussianPixels(J), out=torch.randn(5, 2 * J)), lambda k: k['mod'](k['out']),
             {'out': Data(width=True)}, label='forward', same=same_dist),
    ],
    'PoissonPixels': [
        fn_case(rt.PoissonPixels, lambda: dict(J=J), {'J': Int(1)}, label='constructor'),
        Case(lambda: dict(mod=rt.PoissonPixels(J), out=torch.randn(5, J)), lambda k: k['mod'](k['out']),
             {'out': Data(width=True)}, label='forward', same=same_dist),
    ],
    'GPVAE': [
        Case(lambda: dict(fam=DiagGaussianFamily(1), encoders=[nn.Linear(XD, 2).double() for _ in range(J)],
                          decoder=nn.Sequential(nn.Linear(1, 2 * J), rt.GaussianPixels(J)).double(), prior=_prior(1), T=T, J=J),
             lambda k: rt.GPVAE(**k),
             {'fam': Values([('type', 'fam', 'error'), ('type', None, 'error'), ('type', FullGaussianFamily(1), 'error'),
                             ('range', DiagGaussianFamily(2), 'error')]),
              'encoders': Values([('type', 'enc', 'error'), ('type', [nn.Linear(XD, 2), 'enc'], 'error'), ('range', [nn.Linear(XD, 2)] * 3, 'error')]),
              'decoder': Values([('type', 'dec', 'error'), ('type', None, 'error')]),
              'prior': Values([('type', 'gp', 'error'), ('range', rt.GPPrior(2), 'error')]), 'T': Int(1), 'J': Int(1)}, label='constructor'),
        _method('posterior', lambda m: dict(x=torch.randn(2, T, J, XD, dtype=f64)), {'x': X_NEW},
                model=lambda: _gpvae(XD), label='posterior', same=same_dist),
        _method('posterior_params', lambda m: dict(x=torch.randn(2, T, J, XD, dtype=f64)), {'x': X_NEW},
                model=lambda: _gpvae(XD), label='posterior_params'),
    ],
    'gp_vae_elbo': fn_case(rt.gp_vae_elbo, lambda: (lambda x: dict(model=_gpvae(), x=x, x_obs=x[..., 0].clone(), seed=0))(torch.randn(2, T, J, 1, dtype=f64)),
                           {'model': Values([('type', 'model', 'error'), ('type', None, 'error')]),
                            'x': Data(ndim=4, width=True, wrong_float=True), 'x_obs': OptData(ndim=3, width=True, floating=False),
                            'seed': Int(0, optional=True)}),
}
