"Specs of rpm_nb.ddc for the property-based suite (see framework.py)."
import numpy as np
import torch
from torch import nn
from rpm_nb import ddc as C, discrete as D
from props.framework import Case, Data, Int, Real, Values, fn_case


def _sbn(): return D.sigmoid_belief_net(6, sizes=(3,))
def _ddc(): return C.ddc_helmholtz(_sbn(), 6, 3, n_features=5, hidden=(4,), seed=0)
def _x(): return (torch.rand(4, 6) < 0.5).float()
def _z(): return (torch.rand(7, 3) < 0.5).float()
def _psi(): return torch.rand(7, 5)

SEED = Int(0, optional=True)
DDC = Values([('type', 'not a machine', 'error'), ('type', None, 'error'), ('type', _sbn(), 'error')])
GEN_MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('type', nn.Linear(6, 2), 'error')])
FEATURES = Values([('type', 'features', 'error'), ('type', None, 'error'), ('type', nn.Linear(3, 5), 'error')])
RIDGE = Real(0)
# a batch for a float32 machine of 6 binary features: wrong widths and dtypes, an unbatched datum and empty data are refused
X = Data(ndim=2, width=True, wrong_float=True)
Z = Data(ndim=2, width=True, wrong_float=True)        # latents of 3 units, one per row
HIDDEN = Values([('type', 'ab', 'error'), ('range', (0,), 'error'), ('type', (2.5,), 'error'), ('type', None, 'error'),
                 ('numpy', np.array([4]), 'same'), ('int', 4, 'same'), ('numpy', np.int64(4), 'same')])
# mean features given by hand: one row of 1 + n_features per datum, in the machine's dtype
MU = Values([('type', 'mu', 'error'), ('shape', torch.ones(4, 3), 'error'), ('shape', torch.ones(3, 6), 'error'),
             ('dtype', torch.ones(4, 6, dtype=torch.long), 'error'), ('dtype', torch.ones(4, 6, dtype=torch.float64), 'error'),
             ('ndim', torch.ones(6), 'error')])


def _method(make, method, build, args, label=None):
    "A case that calls `make().<method>(**build())`."
    return Case(lambda: dict(obj=make(), **build()), lambda k: getattr(k.pop('obj'), method)(**k), args, label=label or method)


SPECS = {
    'SigmoidFeatures': [
        fn_case(C.SigmoidFeatures, lambda: dict(z_dim=3, n_features=5, scale=2.0, seed=0),
                {'z_dim': Int(1), 'n_features': Int(1), 'scale': Real(0, lo_open=True), 'seed': SEED}),
        _method(lambda: C.SigmoidFeatures(3, 5, seed=0), 'forward', lambda: dict(z=_z()), {'z': Data(width=True, wrong_float=True)})],
    'DDCHelmholtz': [
        fn_case(C.DDCHelmholtz, lambda: dict(model=_sbn(), features=C.SigmoidFeatures(3, 5, seed=0), recognition=nn.Linear(6, 5)),
                {'model': GEN_MODEL, 'features': FEATURES, 'recognition': Values([('type', 'net', 'error'), ('type', None, 'error')])}),
        _method(_ddc, 'mean_features', lambda: dict(x=_x()), {'x': X})],
    'ddc_helmholtz': fn_case(C.ddc_helmholtz, lambda: dict(model=_sbn(), x_dim=6, z_dim=3, n_features=5, hidden=(4,), scale=2.0, seed=0),
                             {'model': GEN_MODEL, 'x_dim': Int(1), 'z_dim': Int(1), 'n_features': Int(1), 'hidden': HIDDEN,
                              'scale': Real(0, lo_open=True), 'seed': SEED}),
    'exact_mean_features': fn_case(C.exact_mean_features,
                                   lambda: dict(model=_sbn(), features=C.SigmoidFeatures(3, 5, seed=0), x=_x(), support=D.binary_support(3)),
                                   {'model': GEN_MODEL, 'features': FEATURES, 'x': X, 'support': Data(ndim=2, floating=False, width=True)}),
    'fit_readout': fn_case(C.fit_readout, lambda: dict(psi=_psi(), h=torch.randn(7, 2), ridge=1e-3),
                           {'psi': Data(ndim=2, wrong_float=True), 'h': Data(ndim=2, wrong_float=True), 'ridge': RIDGE}),
    'readout_weights': fn_case(C.readout_weights, lambda: dict(psi=_psi(), mu=torch.rand(4, 5), ridge=1e-3),
                               {'psi': Data(ndim=2, wrong_float=True), 'mu': Data(ndim=2, width=True, wrong_float=True), 'ridge': RIDGE}),
    'ddc_sleep': fn_case(C.ddc_sleep, lambda: dict(ddc=_ddc(), x_sleep=_x(), z_sleep=_z()[:4]),
                         {'ddc': DDC, 'x_sleep': X, 'z_sleep': Z}),
    'ddc_wake': [
        fn_case(C.ddc_wake, lambda: dict(ddc=_ddc(), x=_x(), z_sleep=_z(), ridge=1e-3),
                {'ddc': DDC, 'x': X, 'z_sleep': Z, 'ridge': RIDGE}),
        Case(lambda: dict(ddc=_ddc(), x=_x(), z_sleep=_z(), mu=torch.rand(4, 6)), lambda k: C.ddc_wake(**k), {'mu': MU}, label='mu')],
    'ddc_wake_sleep': fn_case(C.ddc_wake_sleep, lambda: dict(ddc=_ddc(), x=_x(), n_sleep=7, ridge=1e-3, seed=0),
                              {'ddc': DDC, 'x': X, 'n_sleep': Int(1), 'ridge': RIDGE, 'seed': SEED}),
}
