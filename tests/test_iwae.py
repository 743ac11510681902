"Training with the IWAE estimators leaves nothing behind from one step to the next."
import gc
import pytest
import torch
from torch import nn
from rpm_nb.vae import VAE, StandardNormal, DiagGaussianHead, BernoulliObs, mlp
from rpm_nb.iwae import iwae_bound, iwae_stl, iwae_dreg


def _live_tensors() -> int:
    gc.collect()
    return sum(type(o) in (torch.Tensor, nn.Parameter) for o in gc.get_objects())


@pytest.mark.parametrize('estimator', [iwae_bound, iwae_stl, iwae_dreg])
def test_no_tensor_outlives_its_step(estimator):
    "A gradient hook that refers to the tensor it is registered on makes a cycle that is never freed: each step would leak its graph."
    torch.manual_seed(0)
    m = VAE(StandardNormal(4), nn.Sequential(mlp([12, 16, 8], nn.Tanh), DiagGaussianHead(4)), nn.Sequential(mlp([4, 16, 12], nn.Tanh), BernoulliObs(12)))
    x = (torch.rand(8, 12) < 0.5).float()
    opt = torch.optim.Adam(m.parameters(), 1e-3)
    def step():
        opt.zero_grad(); (-estimator(m, x, 5).mean()).backward(); opt.step()
    for _ in range(3): step()
    before = _live_tensors()
    for _ in range(20): step()
    assert _live_tensors() <= before, f'{estimator.__name__}: {_live_tensors() - before} more live tensors after 20 steps'


# ------------------------------------------------------------------------- x is checked as elbo checks it
import re
import numpy as np
from rpm_nb.vae import mlp_vae, GaussianObs
from rpm_nb.iwae import iwae_log_weights, log_likelihood, impute

ESTIMATORS = {'iwae_log_weights': iwae_log_weights, 'iwae_bound': iwae_bound, 'iwae_stl': iwae_stl, 'iwae_dreg': iwae_dreg,
              'log_likelihood': lambda m, x, K: log_likelihood(m, x, K=K, progress=False),
              'impute': lambda m, x, K: impute(m, x, torch.ones(x.shape, dtype=torch.bool) if isinstance(x, torch.Tensor) else np.ones(x.shape, bool), K=K)}


@pytest.fixture
def small():
    torch.manual_seed(0)
    return mlp_vae(x_dim=12, hidden=8, latent_dim=2), (torch.rand(5, 12) < 0.5).float()


@pytest.mark.parametrize('name', ESTIMATORS)
@pytest.mark.parametrize('bad, msg', [
    (lambda x: x[:, :10], 'x: the encoder cannot take x of shape (5, 10) and dtype torch.float32'),
    (lambda x: x.double(), "x: the encoder cannot take x of shape (5, 12) and dtype torch.float64 (the network's parameters are torch.float32"),
    (lambda x: x.long(), 'x: expected a floating-point tensor, got dtype torch.int64'),
    (lambda x: x.to(torch.uint8), 'x: expected a floating-point tensor, got dtype torch.uint8'),
    (lambda x: x.bool(), 'x: expected a floating-point tensor, got dtype torch.bool'),
    (lambda x: x[0], 'x: expected a batch of observations along dimension 0, shape (B, ...); for x of shape (12,)'),
    (lambda x: x[:0], 'x: expected non-empty data, got shape (0, 12)')])
def test_bad_x_is_named(name, bad, msg, small):
    "Wrong widths and dtypes, one unbatched datum and empty data give a ValueError that names x, not torch's raw error or a 0-dim value."
    m, x = small
    with pytest.raises(ValueError, match=re.escape(msg)): ESTIMATORS[name](m, bad(x), 3)


@pytest.mark.parametrize('name', ESTIMATORS)
def test_numpy_x_is_converted(name, small):
    m, x = small
    torch.manual_seed(1); a = ESTIMATORS[name](m, x, 3)
    torch.manual_seed(1); b = ESTIMATORS[name](m, x.numpy(), 3)
    for u, v in zip(a if isinstance(a, tuple) else [a], b if isinstance(b, tuple) else [b]): torch.testing.assert_close(u, v)


# ------------------------------------------------------------------------- impute ignores the values of missing entries, NaN included
def test_impute_ignores_nan_in_missing_entries():
    "NaN is the usual mark of a missing entry: the imputations and the ESS must be those of any other value there."
    torch.manual_seed(0)
    m = mlp_vae(x_dim=6, hidden=5, latent_dim=2, obs=GaussianObs(6))
    x = torch.randn(4, 6)
    mask = torch.ones(4, 6, dtype=torch.bool); mask[:, 4:] = False
    ref = impute(m, torch.where(mask, x, 0.0), mask, K=50, seed=0)
    got = impute(m, torch.where(mask, x, torch.nan), mask, K=50, seed=0)
    assert got.x.isfinite().all() and got.ess.isfinite().all()
    torch.testing.assert_close(got.x, ref.x); torch.testing.assert_close(got.ess, ref.ess)
    torch.testing.assert_close(impute(m, torch.where(mask, x, 1e6), mask, K=50, seed=0).x, ref.x)
    x_bad = x.clone(); x_bad[0, 0] = torch.nan                                  # an observed entry
    with pytest.raises(ValueError, match=re.escape('x: expected finite values in the observed entries (mask True), got 1 NaN or infinite ones')):
        impute(m, x_bad, mask, K=50, seed=0)
