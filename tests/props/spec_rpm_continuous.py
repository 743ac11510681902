"Specs of rpm_nb.rpm_continuous for the property-based suite (see framework.py)."
from dataclasses import dataclass
import numpy as np
import torch
from torch import nn
from rpm_nb import rpm_continuous as c
from rpm_nb.expfam import DiagGaussianFamily, FullGaussianFamily, VonMisesFamily, PoissonFamily
from props.framework import Bad, Case, Data, Int, Real, Flag, Index, Values, Exempt, fn_case


@dataclass
class OptData(Data):
    "Data where None is valid too (it gives the default, which `build` passes explicitly)."
    def bad(self, v) -> list[Bad]:
        return [b for b in super().bad(v) if not (b.kind == 'type' and b.value is None)] + [Bad('none', None, 'same')]


F1 = DiagGaussianFamily(1)                                                     # P = 2
f64 = dict(dtype=torch.float64)
e0 = lambda: c.default_prior(F1).double()                                      # (P,)
inc = lambda *s: c.precision_head(F1, torch.randn(*s, 2, **f64))
ef = lambda *s: e0() + inc(*s)                                                 # factors: eta_0 plus a positive precision
nu_ = lambda *s: e0() - inc(*s)                                                # auxiliaries: every eta_f - nu is valid

def _pair_rows(fam, J, n, sign):
    "Factors (sign 1) or auxiliaries (sign -1) (J, n, P) in float64 of `fam` whose every difference is valid."
    return c.default_prior(fam).double() + sign * c.increment_head(fam, 0.5 * torch.randn(J, n, fam.dim, **f64))

FAM = Values([('type', 'gaussian', 'error'), ('type', None, 'error'), ('type', DiagGaussianFamily, 'error')])
RPM_FAM = Values(FAM.values + [('range', PoissonFamily(2), 'error')])
DIAG_FAM = Values(FAM.values + [('range', FullGaussianFamily(1), 'error'), ('range', VonMisesFamily(1), 'error')])
ETA_0 = Data(ndim=1, width=True)
NAT2, NAT3 = Data(ndim=2, width=True), Data(ndim=3, width=True)
FACTORS = Data(width=True, extra=[('unbatched', torch.zeros(2, 2, **f64), 'error')])       # (..., B, J, P): leading dims allowed
CHUNK = Int(1, optional=True)
BATCH_SHAPE = Values([('type', 3, 'error'), ('type', 'ab', 'error'), ('range', (0,), 'error'), ('type', (1.5,), 'error'),
                      ('type', (True,), 'error'), ('list', [2], 'same'), ('size', torch.Size([2]), 'same')])
Z = lambda: torch.linspace(-4, 4, 9, **f64)[:, None]
GRID = Data(ndim=2, width=True, extra=[('range', torch.tensor([[0.], [1.], [3.]], **f64), 'error'),
                                       ('range', torch.tensor([[0.], [1.]], **f64), 'error')])
VIEWS = Values([('range', [0, 2], 'error'), ('repeat', [1, 1], 'error'), ('type', 'ab', 'error'), ('type', 1.5, 'error'),
                ('type', [0.0, 1.0], 'error'), ('type', True, 'error'), ('range', [], 'error'), ('range', [1], 'error'),
                ('dtype', torch.tensor([1.0, 0.0]), 'error'), ('numpy', np.array([1, 0]), 'same'), ('tensor', torch.tensor([1, 0]), 'same')])
MODULE = lambda name: Values([('type', name, 'error'), ('type', None, 'error'), ('type', 3, 'error')])


def _model(q=None, nu=None, N=6):
    nets = [nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, 2)) for _ in range(2)]
    return c.ContinuousRPM(F1, nets, torch.randn(N, 2, 3, **f64), q or c.ThetaQ(), nu or c.DeltaNu(F1, N, 2), learn_prior=True,
                           refresh_every=None, chunk_size=4)

def _method(name, build, args, **kw):
    return Case(lambda: dict(model=_model(), **build()), lambda k: getattr(k.pop('model'), name)(**k), args, label=name, **kw)

def _ensemble():
    return c.LinearRPMEnsemble(torch.randn(2, 4, 2, 3, **f64), c.SaturatedQ(F1, 4, (2,)), c.SaturatedNu(F1, 4, 2, (2,)))


SPECS = {
    'RPM_FAMILIES': Exempt('a constant: the latent families the continuous RPM takes'),
    'local_terms': fn_case(c.local_terms, lambda: dict(fam=F1, eta_0=e0(), eta_fn=ef(3, 2), eta_q=ef(3), nu=nu_(3, 2)),
                           {'fam': FAM, 'eta_0': ETA_0, 'eta_fn': NAT3, 'eta_q': NAT2, 'nu': NAT3}),
    'log_int_F_over_h': [fn_case(c.log_int_F_over_h, lambda fam=fam: dict(fam=fam, eta_f=_pair_rows(fam, 2, 4, 1), nu=_pair_rows(fam, 2, 3, -1), chunk=3),
                                 {'fam': FAM, 'eta_f': NAT3, 'nu': NAT3, 'chunk': CHUNK}, label=type(fam).__name__)
                         for fam in (F1, FullGaussianFamily(2), VonMisesFamily(2))],
    'inner_bound': fn_case(c.inner_bound, lambda: dict(fam=F1, eta_0=e0(), eta_fn=ef(3, 2), eta_q=ef(3), nu=nu_(3, 2), eta_f=ef(4, 2), chunk=3),
                           {'fam': FAM, 'eta_0': ETA_0, 'eta_fn': NAT3, 'eta_q': NAT2, 'nu': NAT3, 'eta_f': NAT3, 'chunk': CHUNK}),
    'theta_q': fn_case(c.theta_q, lambda: dict(eta_0=e0(), eta_fn=ef(3, 2)), {'eta_0': ETA_0, 'eta_fn': FACTORS}),
    'optimal_q': fn_case(c.optimal_q, lambda: dict(eta_0=e0(), eta_fn=ef(3, 2), nu=nu_(3, 2)), {'eta_0': ETA_0, 'eta_fn': FACTORS, 'nu': NAT3}),
    'log_E_F_over_p': fn_case(c.log_E_F_over_p, lambda: dict(fam=F1, eta_0=e0(), eta_q=ef(3), eta_f=ef(4, 2), chunk=3),
                              {'fam': FAM, 'eta_0': ETA_0, 'eta_q': NAT2, 'eta_f': NAT3, 'chunk': CHUNK}),
    'constrained_bound': fn_case(c.constrained_bound, lambda: dict(fam=F1, eta_0=e0(), eta_fn=ef(3, 2), eta_q=ef(3), eta_f=ef(4, 2), chunk=3),
                                 {'fam': FAM, 'eta_0': ETA_0, 'eta_fn': NAT3, 'eta_q': NAT2, 'eta_f': NAT3, 'chunk': CHUNK}),
    'rpvae_bound': fn_case(c.rpvae_bound, lambda: dict(fam=F1, eta_0=e0(), eta_fn=ef(3, 2), eta_f=ef(4, 2), chunk=3),
                           {'fam': FAM, 'eta_0': ETA_0, 'eta_fn': NAT3, 'eta_f': NAT3, 'chunk': CHUNK}),
    'precision_head': fn_case(c.precision_head, lambda: dict(fam=F1, raw=torch.randn(3, 2, **f64)),
                              {'fam': DIAG_FAM, 'raw': Data(width=True, nonempty=False)}),
    'log_precision_head': fn_case(c.log_precision_head, lambda: dict(fam=F1, raw=torch.randn(3, 2, **f64)),
                                  {'fam': DIAG_FAM, 'raw': Data(width=True, nonempty=False)}),
    'increment_head': fn_case(c.increment_head, lambda: dict(fam=FullGaussianFamily(1), raw=torch.randn(3, 2, **f64)),
                              {'fam': RPM_FAM, 'raw': Data(width=True, nonempty=False)}),
    'default_prior': fn_case(c.default_prior, lambda: dict(fam=VonMisesFamily(2)), {'fam': RPM_FAM}),
    'SaturatedQ': fn_case(c.SaturatedQ, lambda: dict(fam=F1, N=4, batch_shape=(2,), init=c.default_prior(F1)),
                          {'fam': DIAG_FAM, 'N': Int(1), 'batch_shape': BATCH_SHAPE,
                           'init': OptData(ndim=1, width=True, finite=True, extra=[('range', torch.tensor([0., 1.]), 'error')])}),
    'AmortisedQ': fn_case(c.AmortisedQ, lambda: dict(fam=F1, net=nn.Linear(6, 2)), {'fam': RPM_FAM, 'net': MODULE('net')}),
    'ThetaQ': Case(lambda: dict(eta_0=e0(), eta_fn=ef(3, 2)), lambda k: c.ThetaQ()(k['eta_0'], k['eta_fn'], None, None),
                   {'eta_0': ETA_0, 'eta_fn': FACTORS}, label='forward'),
    'SaturatedNu': fn_case(c.SaturatedNu, lambda: dict(fam=F1, N=4, J=2, batch_shape=(2,), init=c.default_prior(F1)),
                           {'fam': DIAG_FAM, 'N': Int(1), 'J': Int(2), 'batch_shape': BATCH_SHAPE,
                            'init': OptData(ndim=1, width=True, finite=True, extra=[('range', torch.tensor([0., 1.]), 'error')])}),
    'AmortisedNu': fn_case(c.AmortisedNu, lambda: dict(fam=F1, nets=[nn.Linear(6, 2), nn.Linear(6, 2)]),
                           {'fam': RPM_FAM, 'nets': Values([('type', 'nets', 'error'), ('type', None, 'error'), ('range', [], 'error'),
                                                            ('type', [nn.Linear(6, 2), 'net'], 'error'), ('type', nn.Linear(6, 2), 'error')])}),
    'ConstrainedNu': Case(lambda: dict(eta_0=e0(), eta_q=ef(3), eta_fn=ef(3, 2)), lambda k: c.ConstrainedNu()(k['eta_0'], k['eta_q'], k['eta_fn'], None, None),
                          {'eta_0': ETA_0, 'eta_q': NAT2, 'eta_fn': NAT3}, label='forward'),
    'DeltaNu': fn_case(c.DeltaNu, lambda: dict(fam=F1, N=4, J=2, batch_shape=(2,)),
                       {'fam': DIAG_FAM, 'N': Int(1), 'J': Int(2), 'batch_shape': BATCH_SHAPE}),
    'ContinuousRPM': [
        Case(lambda: dict(fam=F1, factors=[nn.Linear(3, 2), nn.Linear(3, 2)], X=torch.randn(6, 2, 3), q=c.ThetaQ(), nu=c.ConstrainedNu(),
                          eta_0=c.default_prior(F1), learn_prior=False, transform=None, refresh_every=5, chunk_size=4),
             lambda k: c.ContinuousRPM(**k),
             {'fam': RPM_FAM, 'factors': Values([('type', 'net', 'error'), ('type', None, 'error'), ('type', [nn.Linear(3, 2), 'net'], 'error'),
                                                 ('range', [nn.Linear(3, 2)] * 3, 'error')]),
              'X': Data(floating=False, finite=True, extra=[('unbatched', torch.zeros(2, 3), 'error'), ('views', torch.zeros(6, 1, 3), 'error'),
                                                             ('width', torch.zeros(6, 2, 4), 'error')]),
              'q': Values(MODULE('q').values + [('range', c.SaturatedQ(F1, 7), 'error')]),
              'nu': Values(MODULE('nu').values + [('range', c.DeltaNu(F1, 7, 2), 'error')]),
              'eta_0': OptData(ndim=1, width=True, finite=True, extra=[('range', torch.tensor([0., 1.]), 'error')]),
              'learn_prior': Flag(), 'transform': Values([('type', 'scale', 'error'), ('type', 3, 'error')]),
              'refresh_every': Int(1, optional=True), 'chunk_size': Int(1, optional=True)}, label='constructor'),
        _method('objective', lambda: dict(idx=torch.tensor([0, 2, 3])), {'idx': Index(6)}),
        _method('refresh', lambda: dict(chunk_size=4), {'chunk_size': Int(1, optional=True)}),
        _method('posterior', lambda: dict(idx=torch.tensor([0, 2, 2])), {'idx': Index(6)}),
        _method('posterior_params', lambda: dict(idx=torch.tensor([5, 1])), {'idx': Index(6)}),
        _method('factor_params', lambda: dict(idx=torch.tensor([4, 0])), {'idx': Index(6)}),
        _method('encode', lambda: dict(x=torch.randn(4, 2, 3, **f64), views=[1, 0]), {'x': Data(ndim=3, width=True, finite=True), 'views': VIEWS}),
        _method('log_F', lambda: dict(z=Z()), {'z': Data(ndim=2, width=True)}),
    ],
    'log_factor_marginal': fn_case(c.log_factor_marginal, lambda: dict(fam=F1, eta_f=ef(4, 2), z=Z(), chunk=3),
                                   {'fam': FAM, 'eta_f': NAT3, 'z': Data(ndim=2, width=True), 'chunk': Int(1)}),
    'grid_log_weights': fn_case(c.grid_log_weights, lambda: dict(fam=F1, eta_0=e0(), eta_f=ef(4, 2), z=Z(), chunk=3),
                                {'fam': FAM, 'eta_0': ETA_0, 'eta_f': NAT3, 'z': GRID, 'chunk': Int(1)}),
    'fa_exact_factors': fn_case(c.fa_exact_factors, lambda: dict(X=torch.randn(4, 2, 3, **f64), A=torch.rand(2, 3, 1, **f64), noise_var=0.1, eta_0=e0()),
                                {'X': Data(ndim=3, width=True), 'A': Data(ndim=3, width=True), 'noise_var': Real(0, lo_open=True), 'eta_0': ETA_0}),
    'log_int_shared_precision': fn_case(c.log_int_shared_precision,
                                        lambda: dict(fam=F1, eta1_f=torch.randn(2, 4, 1, **f64), eta2_f=-0.5 * (1 + torch.rand(2, 1, **f64)),
                                                     nu=nu_(2, 3), chunk=3),
                                        {'fam': DIAG_FAM, 'eta1_f': NAT3, 'eta2_f': NAT2, 'nu': NAT3, 'chunk': CHUNK}),
    'LinearGaussianFactor': fn_case(c.LinearGaussianFactor, lambda: dict(Dx=3, D=2), {'Dx': Int(1), 'D': Int(1)}),
    'LinearRPMEnsemble': fn_case(c.LinearRPMEnsemble, lambda: dict(X=torch.randn(2, 4, 2, 3, **f64), q=c.SaturatedQ(F1, 4, (2,)),
                                                                  nu=c.SaturatedNu(F1, 4, 2, (2,)), D=1, eta_0=c.default_prior(F1), seed=1),
                                 {'X': Data(ndim=4, finite=True, extra=[('views', torch.zeros(2, 4, 1, 3, **f64), 'error')]),
                                  'q': Values(MODULE('q').values + [('range', c.SaturatedQ(F1, 5, (2,)), 'error')]),
                                  'nu': Values(MODULE('nu').values + [('range', c.DeltaNu(F1, 5, 2, (2,)), 'error')]),
                                  'D': Int(1), 'eta_0': OptData(ndim=1, width=True, finite=True, extra=[('range', torch.tensor([0., 1.]), 'error')]),
                                  'seed': Int(0, optional=True)}),
    'ensemble_bound': fn_case(c.ensemble_bound, lambda: dict(model=_ensemble(), chunk=3),
                              {'model': Values([('type', 'model', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')]), 'chunk': CHUNK}),
    'ensemble_loss': fn_case(c.ensemble_loss, lambda: dict(model=_ensemble()),
                             {'model': Values([('type', 'model', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')])}),
    'atom_pair_probs': fn_case(c.atom_pair_probs, lambda: dict(fam=F1, eta_0=e0(), eta_f=ef(4, 2), z=Z()),
                               {'fam': FAM, 'eta_0': ETA_0, 'eta_f': Data(ndim=3, width=True, extra=[('views', ef(4, 3), 'error')]), 'z': GRID}),
}
