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


# ---------------------------------------------------------------- bad data gets an error that names x
import numpy as np
import pytest
from rpm_nb.vae import mlp_vae
from rpm_nb.score import ConjugateGaussian
from rpm_nb.discrete import (sigmoid_belief_net, nvil_control_variate, concrete_bound, straight_through, wake_p, sleep_q, wake_sleep,
                             enumerate_log_weights)

ESTIMATORS = {
    'nvil': lambda m, x: nvil(m, x, seed=0), 'iwae_score': lambda m, x: iwae_score(m, x, 2, seed=0), 'vimco': lambda m, x: vimco(m, x, 2, seed=0),
    'rws': lambda m, x: rws(m, x, 2, sleep=True, seed=0), 'wake_p': lambda m, x: wake_p(m, x, 2, seed=0), 'wake_q': lambda m, x: wake_q(m, x, 2, seed=0),
    'sleep_q': lambda m, x: sleep_q(m, x, seed=0), 'wake_sleep': lambda m, x: wake_sleep(m, x, seed=0),
    'concrete_bound': lambda m, x: concrete_bound(m, x, seed=0), 'straight_through': lambda m, x: straight_through(m, x, seed=0),
    'exact_log_px': lambda m, x: exact_log_px(m, x, m.support), 'exact_elbo': lambda m, x: exact_elbo(m, x, m.support),
    'exact_iwae_bound': lambda m, x: exact_iwae_bound(m, x, 2, m.support),
}
MODELS = {'sbn': lambda: sigmoid_belief_net(6, sizes=(3,)), 'sbn, two layers': lambda: sigmoid_belief_net(6, sizes=(3, 2), hidden=(5,)),
          'categorical': lambda: categorical_vae(6, 2, 3, hidden=(5,))}
SUPPORTS = {'sbn': lambda: binary_support(3), 'sbn, two layers': lambda: binary_support(5), 'categorical': lambda: one_hot_support(2, 3)}


def _model_and_x(kind):
    torch.manual_seed(0)
    m = MODELS[kind]()
    m.support = SUPPORTS[kind]()
    return m, (torch.rand(4, 6) < 0.5).float()


BAD_X = {   # spoilt x -> what the message must say
    'one more feature': (lambda x: torch.cat([x, x[:, :1]], 1), 'x: '),
    'one feature fewer': (lambda x: x[:, :5], 'x: '),
    'float64': (lambda x: x.double(), 'torch.float64'),
    'int64': (lambda x: x.long(), 'x: expected a floating-point tensor, got dtype torch.int64'),
    'uint8': (lambda x: x.to(torch.uint8), 'x: expected a floating-point tensor, got dtype torch.uint8'),
    'bool': (lambda x: x.bool(), 'x: expected a floating-point tensor, got dtype torch.bool'),
    'one datum, unbatched': (lambda x: x[0], 'x: expected a batch'),
    'an extra dimension': (lambda x: x[None], 'x: expected '),
    'empty': (lambda x: x[:0], 'x: expected non-empty data, got shape (0, 6)'),
    'a list': (lambda x: x.tolist(), 'x: expected a torch.Tensor or a NumPy array, got list'),
}


@pytest.mark.parametrize('kind', list(MODELS))
@pytest.mark.parametrize('name', list(ESTIMATORS))
@pytest.mark.parametrize('bad', list(BAD_X))
def test_bad_x_is_refused_naming_x(kind, name, bad):
    "Every estimator and exact sum refuses spoilt data with a ValueError or TypeError whose message names x (not torch's raw matmul or dtype errors)."
    if name == 'sleep_q' and bad == 'float64': pytest.skip('sleep_q reads only the size, shape and device of x')
    m, x = _model_and_x(kind)
    spoil, msg = BAD_X[bad]
    with pytest.raises((ValueError, TypeError)) as e: ESTIMATORS[name](m, spoil(x))
    assert msg in str(e.value), str(e.value)
    assert 'mat1 and mat2' not in str(e.value).split('it raised:')[0]


@pytest.mark.parametrize('name', list(ESTIMATORS))
def test_numpy_x_gives_the_same_answer(name):
    m, x = _model_and_x('sbn')
    torch.manual_seed(1); a = ESTIMATORS[name](m, x)
    torch.manual_seed(1); b = ESTIMATORS[name](m, x.numpy())
    assert torch.equal(a, b)


def test_numpy_integers_and_one_int_make_the_same_network():
    "sigmoid_belief_net(x_dim=np.int64(6)) once failed with \"'numpy.int64' object is not iterable\"."
    torch.manual_seed(0); a = sigmoid_belief_net(np.int64(6), sizes=(np.int64(3),), hidden=np.array([4]))
    torch.manual_seed(0); b = sigmoid_belief_net(6, sizes=3, hidden=4)
    torch.manual_seed(0); c = sigmoid_belief_net(6, sizes=(3,), hidden=(4,))
    for m in (a, b):
        assert all(torch.equal(p, q) for p, q in zip(m.state_dict().values(), c.state_dict().values()))
    with pytest.raises(TypeError, match=r"x_dim: expected an integer, got 6.0"): sigmoid_belief_net(6.0)
    with pytest.raises(ValueError, match=r"sizes\[0\]: expected an integer in \[1, inf\], got 0"): sigmoid_belief_net(6, sizes=(0,))


def test_nvil_with_a_control_variate_for_other_data_names_it():
    m, x = _model_and_x('sbn')
    with pytest.raises(ValueError, match="control_variate: Chain cannot take this batch: x: the baseline's network cannot take x of shape"):
        nvil(m, x, control_variate=nvil_control_variate(7, 4))


def test_relaxations_of_a_gaussian_model_name_the_model_and_prior_temperature_is_named():
    torch.manual_seed(0)
    gauss, x = mlp_vae(6, 5, 2), (torch.rand(4, 6) < 0.5).float()
    for f in (concrete_bound, straight_through):
        with pytest.raises(ValueError, match=r"^model: expected an encoder whose q\(z\|x\) has independent Bernoulli"): f(gauss, x)
    m, x = _model_and_x('sbn')
    for t in (0, 0.0, -1.0, float('nan')):
        with pytest.raises(ValueError, match='^prior_temperature: '): concrete_bound(m, x, prior_temperature=t)


def test_support_of_the_wrong_shape_is_refused_naming_support():
    m, x = _model_and_x('sbn')
    for s in (binary_support(2), binary_support(3)[0], binary_support(3)[None], binary_support(3)[:0]):
        with pytest.raises(ValueError, match='^support: '): enumerate_log_weights(m, x, s)


def test_conjugate_gaussian_posterior_refuses_integer_and_bool_x():
    "Integer x once gave a posterior of scale 0 in int64, and bool x one with stddev True."
    model = ConjugateGaussian()
    for dtype in (torch.int64, torch.int32, torch.uint8, torch.bool):
        with pytest.raises(ValueError, match=f'x: expected a floating-point tensor, got dtype {dtype}'): model.posterior(torch.ones(2, 3, dtype=dtype))
    post = model.posterior(torch.ones(2, 3))
    assert post.stddev.dtype == torch.float32 and bool((post.stddev > 0).all())
