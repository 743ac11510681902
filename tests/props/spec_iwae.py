"Specs of rpm_nb.iwae for the property-based suite (see framework.py)."
import torch
from torch import nn
from rpm_nb import vae as V, iwae as I
from props.framework import Case, Data, Int, Flag, Values, Result, fn_case


def _model(): return V.mlp_vae(x_dim=6, hidden=5, latent_dim=2)
def _x(): return (torch.rand(4, 6) < 0.5).float()
def _gauss(): return V.mlp_vae(x_dim=5, hidden=4, latent_dim=2, obs=V.GaussianObs(5))

MODEL = Values([('type', 'not a model', 'error'), ('type', None, 'error'), ('type', nn.Linear(6, 2), 'error')])
SEED = Int(0, optional=True)
# x: wrong widths, integer / bool / uint8 dtypes, float64 for a float32 model, an unbatched datum, empty data are refused naming x
X = Data(ndim=2, width=True, wrong_float=True)
BOUND_ARGS = {'model': MODEL, 'x': X, 'K': Int(1), 'seed': SEED}


def _bound_case(fn):
    return fn_case(fn, lambda: dict(model=_model(), x=_x(), K=3, seed=0), BOUND_ARGS)


def _impute_build():
    x = torch.randn(3, 5)
    mask = torch.ones(3, 5, dtype=torch.bool); mask[:, 3:] = False          # the middle entry, where the spoilt NaN goes, is observed
    return dict(model=_gauss(), x=x, mask=mask, K=4, seed=0)

def _x_with(value):
    "Spoilt x of the impute case: `value` in a missing entry, which must be ignored."
    torch.manual_seed(0); kw = _impute_build()
    x = kw['x'].clone(); x[0, 4] = value
    return x


SPECS = {
    'iwae_log_weights': _bound_case(I.iwae_log_weights),
    'iwae_bound': _bound_case(I.iwae_bound),
    'iwae_stl': _bound_case(I.iwae_stl),
    'iwae_dreg': _bound_case(I.iwae_dreg),
    'LogLikelihood': Result(I.LogLikelihood),
    'log_likelihood': fn_case(I.log_likelihood, lambda: dict(model=_model(), x=_x(), K=6, chunk=4, batch_size=3, seed=0, progress=False),
                              {'model': MODEL, 'x': Data(ndim=2, width=True, wrong_float=True, finite=True), 'K': Int(2), 'chunk': Int(1),
                               'batch_size': Int(1), 'seed': SEED, 'progress': Flag()}),
    'Imputation': Result(I.Imputation),
    'impute': fn_case(I.impute, _impute_build,
                      {'model': MODEL, 'K': Int(1), 'seed': SEED,
                       'x': Data(ndim=2, width=True, wrong_float=True, finite=True,
                                 extra=[('nan_missing', _x_with(float('nan')), 'same'), ('inf_missing', _x_with(float('inf')), 'same')]),
                       'mask': Data(floating=False, ndim=2, width=True,
                                    extra=[('dtype', torch.ones(3, 5), 'error'), ('dtype', torch.ones(3, 5, dtype=torch.long), 'error')])}),
}
