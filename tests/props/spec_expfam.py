"Specs of rpm_nb.expfam for the property-based suite (see framework.py)."
import dataclasses, signal, threading
import numpy as np
import torch
from rpm_nb import expfam as ef
from props.framework import Case, Data, Int, Real, Flag, Values, fn_case

f64 = torch.float64
SHAPES = Values([('type', 5, 'error'), ('type', 'a', 'error'), ('type', None, 'error'), ('range', (-1,), 'error'),
                 ('type', (2.5,), 'error'), ('type', (True,), 'error'), ('numpy', (np.int64(4),), 'same'), ('list', [4], 'same')])
SEED = Int(0, optional=True)


def _same_family(a, b) -> bool: return type(a) is type(b) and repr(a) == repr(b) and a.validate == b.validate


def _eta(x): return Data(finite=True, width=True, nonempty=False, **x)


def family_cases(make, eta, z, mu, z_kind, rsample=False, extra=(), z_batch=None) -> list[Case]:
    "Cases of the methods every family shares: `make()` builds the family, `eta()`/`z()`/`mu()` valid arguments."
    z_lp = z_kind if z_batch is None else dataclasses.replace(z_kind, extra=z_kind.extra + [('batch', z_batch, 'error')])
    m = lambda name: (lambda k: getattr(make(), name)(**k))
    E = lambda: dict(eta=eta())
    cases = [Case(E, m('log_partition'), {'eta': _eta({})}, label='log_partition'),
             Case(E, m('mean_params'), {'eta': _eta({})}, label='mean_params'),
             Case(E, m('fisher'), {'eta': _eta({})}, label='fisher'),
             Case(E, m('entropy'), {'eta': _eta({})}, label='entropy'),
             Case(E, m('to_distribution'), {'eta': _eta({})}, label='to_distribution'),
             Case(E, m('is_valid'), {'eta': Data(width=True, nonempty=False)}, label='is_valid'),
             Case(lambda: dict(name='eta', eta=eta()), m('check_valid'), {'eta': _eta({})}, label='check_valid'),
             Case(lambda: dict(eta_a=eta(), eta_b=eta().flip(0)), m('kl'),
                  {'eta_a': _eta({}), 'eta_b': _eta(dict(extra=[('batch', eta()[:2], 'error')]))}, label='kl'),
             Case(lambda: dict(eta=eta(), z=z()), m('log_prob'),
                  {'eta': _eta({}), 'z': z_lp}, label='log_prob'),
             Case(lambda: dict(z=z()), m('suff_stats'), {'z': z_kind}, label='suff_stats'),
             Case(lambda: dict(z=z()), m('log_base_measure'), {'z': z_kind}, label='log_base_measure'),
             Case(lambda: dict(mu=mu()), m('nat_from_mean'), {'mu': _eta({})}, label='nat_from_mean'),
             Case(lambda: dict(eta=eta(), sample_shape=(4,), seed=0), m('sample'),
                  {'eta': _eta({}), 'sample_shape': SHAPES, 'seed': SEED}, label='sample'),
             Case(lambda: dict(eta_a=eta(), eta_b=eta()[:2], chunk=2), m('log_partition_of_sum'),
                  {'eta_a': _eta(dict(extra=[('unbatched', eta()[0], 'error')])), 'chunk': Int(1, optional=True),
                   'eta_b': _eta(dict(extra=[('unbatched', eta()[0], 'error')]))},
                  label='log_partition_of_sum')]
    if rsample:
        cases.append(Case(lambda: dict(eta=eta(), sample_shape=(4,), seed=0), m('rsample'),
                          {'eta': _eta({}), 'sample_shape': SHAPES, 'seed': SEED}, label='rsample'))
    return cases + list(extra)


def ctor(cls, build, args) -> Case:
    return Case(build, lambda k: cls(**k), args, label='constructor', same=_same_family)


# ---------------------------------------------------------------- valid arguments, tiny
cat_eta = lambda: torch.randn(3, 4, dtype=f64)
ber_eta = lambda: torch.randn(3, 2, dtype=f64)
poi_eta = lambda: 0.5 * torch.randn(3, 2, dtype=f64)
DG, FG, VM = ef.DiagGaussianFamily(2), ef.FullGaussianFamily(2), ef.VonMisesFamily(2)
dg_eta = lambda: DG.nat_params(torch.randn(3, 2, dtype=f64), torch.rand(3, 2, dtype=f64) + 0.5)
fg_prec = lambda: torch.eye(2, dtype=f64) * 1.5 + 0.3
fg_eta = lambda: FG.nat_params(torch.randn(3, 2, dtype=f64), fg_prec().expand(3, 2, 2))
vm_eta = lambda: VM.nat_params(torch.randn(3, 2, dtype=f64), torch.rand(3, 2, dtype=f64) * 3 + 0.2)
bits = lambda: torch.tensor([[0., 1.], [1., 1.], [0., 0.]], dtype=f64)
counts = lambda: torch.tensor([[0., 3.], [1., 2.], [5., 0.]], dtype=f64)
reals = lambda: torch.randn(3, 2, dtype=f64)

std_cases = {
    'dg': [Case(lambda: dict(m=torch.randn(3, 2, dtype=f64), v=torch.rand(3, 2, dtype=f64) + 0.5), lambda k: DG.nat_params(**k),
                {'m': Data(width=True, nonempty=False),
                 'v': Data(width=True, nonempty=False, finite=True,
                           extra=[('range', torch.tensor([1.0, 0.0], dtype=f64), 'error'), ('range', -torch.ones(3, 2, dtype=f64), 'error'),
                                  ('batch', torch.ones(2, 2, dtype=f64), 'error')])}, label='nat_params'),
           Case(lambda: dict(eta=dg_eta()), lambda k: DG.std_params(**k),
                {'eta': _eta(dict(extra=[('range', torch.tensor([0., 0., -1., 0.5], dtype=f64), 'error')]))}, label='std_params')],
    'fg': [Case(lambda: dict(m=torch.randn(3, 2, dtype=f64), prec=fg_prec().expand(3, 2, 2)), lambda k: FG.nat_params(**k),
                {'m': Data(width=True, nonempty=False, extra=[('batch', torch.zeros(2, 2, dtype=f64), 'error')]),
                 'prec': Data(width=True, nonempty=False, extra=[('unbatched', torch.ones(2, dtype=f64), 'error')])}, label='nat_params'),
           Case(lambda: dict(eta=fg_eta()), lambda k: FG.std_params(**k), {'eta': _eta({})}, label='std_params')],
    'vm': [Case(lambda: dict(loc=torch.randn(3, 2, dtype=f64), kappa=torch.rand(3, 2, dtype=f64) + 0.1), lambda k: VM.nat_params(**k),
                {'loc': Data(width=True, nonempty=False),
                 'kappa': Data(width=True, nonempty=False, finite=True, extra=[('range', torch.tensor([1.0, -0.5], dtype=f64), 'error')])},
                label='nat_params'),
           Case(lambda: dict(eta=vm_eta()), lambda k: VM.std_params(**k), {'eta': _eta({})}, label='std_params')],
}


def _stop(*_): raise TimeoutError('VonMisesFamily.sample still running after 20 s')


def _huge_kappa_sample(k):
    "Draws at the concentrations that once hung the sampler (never returned), scaled by sqrt(kappa); a hang fails after 20 s."
    eta = VM.nat_params(torch.zeros(2, dtype=f64), torch.tensor([1e17, 1e30], dtype=f64))
    if threading.current_thread() is not threading.main_thread(): return VM.sample(eta, **k) * torch.tensor([1e17, 1e30], dtype=f64).sqrt()
    old = signal.signal(signal.SIGALRM, _stop); signal.alarm(20)
    try: return VM.sample(eta, **k) * torch.tensor([1e17, 1e30], dtype=f64).sqrt()
    finally: signal.alarm(0); signal.signal(signal.SIGALRM, old)


SPECS = {
    'ExpFam': [ctor(ef.ExpFam, lambda: dict(dim=3, event_shape=(2,), validate=True),
                    {'dim': Int(1), 'validate': Flag(),
                     'event_shape': Values([('type', 2, 'error'), ('type', None, 'error'), ('range', (-1,), 'error'), ('type', (2.5,), 'error'),
                                            ('numpy', (np.int64(2),), 'same'), ('list', [2], 'same')])})],
    'verify_expfam': fn_case(ef.verify_expfam,
                             lambda: dict(fam=ef.BernoulliFamily(1), eta_a=torch.tensor([[0.3], [-1.0], [2.0]], dtype=f64),
                                          eta_b=torch.tensor([[1.0], [0.5], [-0.4]], dtype=f64), n=2000, seed=0),
                             {'fam': Values([('type', 'bernoulli', 'error'), ('type', None, 'error'), ('type', torch.distributions.Normal, 'error')]),
                              'eta_a': Data(ndim=2, width=True, finite=True, wrong_float=True),
                              'eta_b': Data(ndim=2, width=True, finite=True, wrong_float=True),
                              'n': Int(2), 'atol': Real(0), 'rtol': Real(0), 'ref_atol': Real(0, optional=True)}),
    'CategoricalFamily': [ctor(ef.CategoricalFamily, lambda: dict(K=4, validate=True), {'K': Int(2), 'validate': Flag()}),
                          *family_cases(lambda: ef.CategoricalFamily(4), cat_eta, lambda: torch.tensor([0, 3, 1]),
                                        lambda: torch.softmax(cat_eta(), -1),
                                        Data(floating=False, nonempty=False,
                                             extra=[('dtype', torch.tensor([0., 3., 1.]), 'error'), ('range', torch.tensor([0, 4, 1]), 'error'),
                                                    ('range', torch.tensor([0, -1, 1]), 'error')]), z_batch=torch.tensor([0, 1]))],
    'BernoulliFamily': [ctor(ef.BernoulliFamily, lambda: dict(D=2, validate=True), {'D': Int(1), 'validate': Flag()}),
                        *family_cases(lambda: ef.BernoulliFamily(2), ber_eta, bits, lambda: torch.sigmoid(ber_eta()),
                                      Data(floating=False, width=True, nonempty=False,
                                           extra=[('range', torch.full((3, 2), 0.5, dtype=f64), 'error'), ('nan', torch.full((3, 2), torch.nan, dtype=f64), 'error'),
                                                  ('range', 2 * bits(), 'error')]), z_batch=bits()[:2])],
    'PoissonFamily': [ctor(ef.PoissonFamily, lambda: dict(D=2, validate=True), {'D': Int(1), 'validate': Flag()}),
                      *family_cases(lambda: ef.PoissonFamily(2), poi_eta, counts, lambda: poi_eta().exp(),
                                    Data(floating=False, width=True, nonempty=False,
                                         extra=[('range', counts() - 1.5, 'error'), ('range', counts() + 0.5, 'error'), ('range', -counts().long() - 1, 'error'),
                                                ('inf', counts() + torch.inf, 'error'), ('nan', counts() * torch.nan, 'error')]), z_batch=counts()[:2])],
    'DiagGaussianFamily': [ctor(ef.DiagGaussianFamily, lambda: dict(D=2, validate=True), {'D': Int(1), 'validate': Flag()}),
                           *family_cases(lambda: DG, dg_eta, reals, lambda: DG.mean_params(dg_eta()),
                                         Data(floating=False, width=True, nonempty=False), rsample=True, extra=std_cases['dg'],
                                         z_batch=reals()[:2])],
    'FullGaussianFamily': [ctor(ef.FullGaussianFamily, lambda: dict(D=2, validate=True), {'D': Int(1), 'validate': Flag()}),
                           *family_cases(lambda: FG, fg_eta, reals, lambda: FG.mean_params(fg_eta()),
                                         Data(floating=False, width=True, nonempty=False), rsample=True, extra=std_cases['fg'],
                                         z_batch=reals()[:2])],
    'VonMisesFamily': [ctor(ef.VonMisesFamily, lambda: dict(D=2, validate=True), {'D': Int(1), 'validate': Flag()}),
                       *family_cases(lambda: VM, vm_eta, reals, lambda: VM.mean_params(vm_eta()),
                                     Data(floating=False, width=True, nonempty=False), extra=std_cases['vm'], z_batch=reals()[:2]),
                       Case(lambda: dict(sample_shape=(4,), seed=3), _huge_kappa_sample, {'sample_shape': SHAPES, 'seed': SEED},
                            label='sample at kappa 1e17 and 1e30')],
    'vonmises_kappa_from_rho': fn_case(ef.vonmises_kappa_from_rho, lambda: dict(rho=torch.tensor([0.1, 0.5, 0.99], dtype=f64), steps=5),
                                       {'rho': Data(finite=True, nonempty=False,
                                                    extra=[('range', torch.tensor([0.5, 1.0], dtype=f64), 'error'), ('range', torch.tensor([-0.1], dtype=f64), 'error')]),
                                        'steps': Int(0)}),
}
