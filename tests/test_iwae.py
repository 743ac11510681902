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
