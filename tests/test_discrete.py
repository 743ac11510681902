"The discrete-latent estimators on a model the notebook does not check them on: one-hot categorical latents."
import math
import torch
from torch import nn
import torch.distributions as td
from rpm_nb.core import test_mc_mean as assert_mc_mean
from rpm_nb.score import grad_samples
from rpm_nb.vae import VAE, BernoulliObs
from rpm_nb.discrete import (categorical_vae, one_hot_support, binary_support, exact_elbo, exact_iwae_bound, exact_log_px,
                             nvil, iwae_score, vimco, rws, wake_q, OneHotHead, UniformOneHot)


def _model():
    torch.manual_seed(3)
    return categorical_vae(3, n_latents=2, n_classes=3, hidden=(5,)).double()


def _check(model, x, estimator, exact, R=40, n=150):
    params = list(model.parameters())
    draws = torch.cat(list(grad_samples(lambda g: estimator(model, x.repeat(R, 1), g).sum() / R, params, n_draws=n, seed=0).values()), 1)
    g = torch.cat([t.flatten() for t in torch.autograd.grad(exact.sum(), params)])
    assert_mc_mean(draws, g)


def test_categorical_estimators_match_enumeration():
    m, x, S = _model(), binary_support(3).double(), one_hot_support(2, 3)
    _check(m, x, lambda m, x, g: nvil(m, x, seed=g), exact_elbo(m, x, S))
    _check(m, x, lambda m, x, g: iwae_score(m, x, 2, seed=g), exact_iwae_bound(m, x, 2, S))
    _check(m, x, lambda m, x, g: vimco(m, x, 2, seed=g), exact_iwae_bound(m, x, 2, S))
    _check(m, x, lambda m, x, g: vimco(m, x, 3, mean='arithmetic', seed=g), exact_iwae_bound(m, x, 3, S))


def test_bounds_are_ordered_and_rws_value_is_the_k_sample_estimate():
    m, x, S = _model(), binary_support(3).double(), one_hot_support(2, 3)
    b = torch.stack([exact_elbo(m, x, S), exact_iwae_bound(m, x, 2, S), exact_iwae_bound(m, x, 3, S), exact_log_px(m, x, S)]).detach()
    assert (b.diff(dim=0) >= -1e-12).all()
    v = torch.stack([rws(m, x, 3, seed=s).detach() for s in range(3000)])
    assert_mc_mean(v, b[2])
    assert torch.equal(wake_q(m, x, 3, seed=0).detach(), torch.zeros(len(x), dtype=torch.float64))


def test_a_plain_bernoulli_encoder_written_by_hand():
    "Any model of the 05 protocol with a factorised Bernoulli encoder works, not only `sigmoid_belief_net`."
    class Enc(nn.Module):
        def __init__(self): super().__init__(); self.lin = nn.Linear(3, 2)
        def forward(self, x): return td.Independent(td.Bernoulli(logits=self.lin(x)), 1)
    class Prior(nn.Module):
        def forward(self): return td.Independent(td.Bernoulli(logits=torch.tensor([0.2, -0.4], dtype=torch.float64)), 1)
    torch.manual_seed(0)
    m = VAE(Prior(), Enc(), nn.Sequential(nn.Linear(2, 3), BernoulliObs(3))).double()
    x, S = binary_support(3).double(), binary_support(2)
    _check(m, x, lambda m, x, g: vimco(m, x, 2, seed=g), exact_iwae_bound(m, x, 2, S))
