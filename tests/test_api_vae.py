"The public API of rpm_nb.vae and rpm_nb.score: clear errors for bad input, one kind of objective for `fit`, seeds, names."
import re, sys
import pytest
import torch
from torch import nn
from rpm_nb.core import seed_everything
from rpm_nb.train import fit
from rpm_nb import vae as V, score as S


@pytest.fixture
def model():
    torch.manual_seed(0)
    return V.mlp_vae(x_dim=784, hidden=32, latent_dim=4)


@pytest.fixture
def x():
    return (torch.rand(8, 784, generator=torch.Generator().manual_seed(0)) < 0.3).float()


# ------------------------------------------------------------------------- observation models check their data
def test_bernoulli_rejects_images_not_divided_by_255(x):
    px = V.BernoulliObs(784)(torch.zeros(8, 784))
    with pytest.raises(ValueError, match=re.escape('x: expected values in [0, 1] for a Bernoulli likelihood, '
                                                   'got values in [0, 255] (divide uint8 images by 255)')):
        px.log_prob(x * 255)


def test_bernoulli_requires_binary_data_unless_built_with_binary_false(x):
    grey = x * 0.5 + 0.25
    with pytest.raises(ValueError, match=re.escape('x: expected binary values (0 or 1) for a Bernoulli likelihood')):
        V.BernoulliObs(784)(torch.zeros(8, 784)).log_prob(grey)
    logits = torch.randn(8, 784)
    got = V.BernoulliObs(784, binary=False)(logits).log_prob(grey)
    torch.testing.assert_close(got, -nn.functional.binary_cross_entropy_with_logits(logits, grey, reduction='none').sum(-1))
    with pytest.raises(ValueError, match='x: expected values in \\[0, 1\\]'):
        V.BernoulliObs(784, binary=False)(logits).log_prob(grey - 1)


def test_continuous_bernoulli_rejects_values_outside_unit_interval(x):
    px = V.ContinuousBernoulliObs(784)(torch.zeros(8, 784))
    assert px.log_prob(x * 0.5 + 0.25).shape == (8,)
    with pytest.raises(ValueError, match=re.escape('x: expected values in [0, 1] for a continuous-Bernoulli likelihood, got values in [0, 255]')):
        px.log_prob(x * 255)


def test_elbo_rejects_uint8_range_images(model, x):
    with pytest.raises(ValueError, match=re.escape('x: expected values in [0, 1] for a Bernoulli likelihood')):
        V.elbo(model, x * 255)


# ------------------------------------------------------------------------- elbo and elbo_terms name x, not torch's internals
@pytest.mark.parametrize('fn', [V.elbo, V.elbo_terms])
def test_wrong_shape_names_x_shape_and_dtype(fn, model, x):
    with pytest.raises(ValueError, match=re.escape('x: the encoder cannot take x of shape (8, 28, 28) and dtype torch.float32')) as e:
        fn(model, x.reshape(8, 28, 28))
    assert isinstance(e.value.__cause__, RuntimeError)                      # torch's message stays attached
    assert not str(e.value).startswith('mat1')


@pytest.mark.parametrize('fn', [V.elbo, V.elbo_terms])
def test_wrong_dtype_names_x_and_the_model_dtype(fn, model, x):
    with pytest.raises(ValueError, match=re.escape("x: the encoder cannot take x of shape (8, 784) and dtype torch.float64 "
                                                   "(the network's parameters are torch.float32")) as e:
        fn(model, x.double())
    assert isinstance(e.value.__cause__, RuntimeError)


@pytest.mark.parametrize('fn', [V.elbo, V.elbo_terms])
def test_missing_batch_dimension(fn, model, x):
    with pytest.raises(ValueError, match=re.escape('x: expected a batch of observations along dimension 0, shape (B, ...); for x of shape (784,)')):
        fn(model, x[0])
    with pytest.raises(ValueError, match='x: expected a batch of observations, shape \\(B, ...\\), got a scalar'):
        fn(model, x[0, 0])


def test_event_shape_must_match_the_decoder(x):
    flat = V.VAE(V.StandardNormal(4), nn.Sequential(nn.Flatten(), V.mlp([784, 8]), V.DiagGaussianHead(4)),
                 nn.Sequential(V.mlp([4, 784]), V.BernoulliObs(784)))
    with pytest.raises(ValueError, match=re.escape("x: expected shape (8, 784), a batch of the decoder's events of shape (784,), got (8, 28, 28)")):
        V.elbo(flat, x.reshape(8, 28, 28))


# ------------------------------------------------------------------------- names
def test_heads_are_named_as_heads():
    assert not hasattr(V, 'DiagonalGaussian') and not hasattr(V, 'MixtureDiagonalGaussian')
    q = V.DiagGaussianHead(3)(torch.zeros(5, 6))
    assert (q.batch_shape, q.event_shape) == ((5,), (3,))
    head = V.MixtureGaussianHead(3, 2)
    assert head(torch.zeros(5, head.in_features)).mixture_distribution.probs.shape == (5, 2)


# ------------------------------------------------------------------------- one kind of objective for fit
def test_objective_returns_the_dict_fit_records(model, x):
    obj = V.Objective(seed=0)
    out = obj(model, x)
    assert set(out) == {'loss', 'elbo', 'distortion', 'rate'}
    assert out['loss'].requires_grad and not any(out[k].requires_grad for k in ('elbo', 'distortion', 'rate'))
    torch.testing.assert_close(out['loss'].detach(), -V.elbo(model, x, seed=0).mean().detach())
    torch.testing.assert_close(out['elbo'], -(out['distortion'] + out['rate']))
    assert not hasattr(obj, 'history') and not hasattr(obj, 'loss_history')
    hist = fit(model, obj, [x, x], torch.optim.SGD(model.parameters(), lr=0.0), progress=False)
    assert sorted(hist.records) == ['distortion', 'elbo', 'loss', 'rate'] and len(hist.values('elbo')) == 2


# ------------------------------------------------------------------------- a variance table without pandas
def test_variance_table_needs_no_pandas(monkeypatch):
    monkeypatch.setitem(sys.modules, 'pandas', None)                        # importing pandas now fails
    p = torch.zeros(3, requires_grad=True)
    table = S.grad_variance(lambda g: (p * torch.randn(3, generator=g)).sum(), {'encoder': p}, n_draws=50, seed=0)
    assert table.columns() == ['n', '|mean|', 'variance', 'snr']
    assert table['encoder']['n'] == 3 and table['encoder']['variance'] > 0 and isinstance(table['encoder']['snr'], float)
    assert table._repr_markdown_().splitlines()[0] == '|  | n | \\|mean\\| | variance | snr |'
    assert table._repr_html_().startswith('<table><thead><tr><th></th><th>n</th><th>|mean|</th>')
    assert repr(table).splitlines()[1].startswith('encoder')


# ------------------------------------------------------------------------- seeds: None is torch's global generator
def _twice(f):
    out = []
    for _ in range(2): seed_everything(3); out.append(f())
    return out


def test_none_seed_follows_the_global_generator(model, x):
    q = model.encoder(x)
    calls = [lambda: V.draw(q, (2,)).detach(), lambda: V.reparam(q).z.detach(), lambda: V.score_function(q).z,
             lambda: V.mixture_reparam(V.MixturePrior(2, 3, seed=0)(), (4,)).z.detach(), lambda: V.MixturePrior(2, 3).loc.detach(),
             lambda: model.sample(3)[1], lambda: V.elbo(model, x).detach(), lambda: torch.tensor(list(V.evaluate(model, x, seed=None).values())),
             lambda: S.ConjugateGaussian().sample(2, 3)[1], lambda: S.GaussianChain(4).sample()[1]]
    for f in calls:
        a, b = _twice(f)
        assert torch.equal(a, b)


def test_mixture_prior_is_initialised_from_the_global_generator():
    seed_everything(0); a = V.MixturePrior(2, 3).loc.detach()
    seed_everything(1); b = V.MixturePrior(2, 3).loc.detach()
    assert not torch.equal(a, b)


def test_grad_samples_gives_the_estimator_a_generator_for_seed_none():
    p = torch.zeros(2, requires_grad=True)
    seen = []
    def estimator(g):
        seen.append(g)
        return (p * torch.randn(2, generator=g, device=g.device)).sum()
    a, b = _twice(lambda: S.grad_samples(estimator, p, n_draws=3, seed=None)['param'])
    assert all(isinstance(g, torch.Generator) for g in seen) and torch.equal(a, b)


# ------------------------------------------------------------------------- the closed-form rate of binary latents
def test_default_elbo_of_a_one_layer_sigmoid_belief_net():
    "One layer of binary latents: q(z|x) has a batch dimension and the prior has none; the default closed-form rate must still work."
    from rpm_nb.discrete import sigmoid_belief_net
    torch.manual_seed(0)
    m = sigmoid_belief_net(6, (3,))
    x = (torch.rand(4, 6) < 0.5).float()
    t = V.elbo_terms(m, x, seed=0)                                          # analytic_kl=True, the default
    lq, lp = m.encoder(x).base_dist.logits, m.prior().base_dist.logits      # (4, 3) and (3,)
    F = nn.functional
    exact = (torch.sigmoid(lq) * (F.logsigmoid(lq) - F.logsigmoid(lp)) + torch.sigmoid(-lq) * (F.logsigmoid(-lq) - F.logsigmoid(-lp))).sum(-1)
    torch.testing.assert_close(t.rate, exact)
    assert t.rate.requires_grad and V.elbo(m, x).shape == (4,)
    with torch.no_grad():                                                    # the Monte Carlo rate agrees with it
        mc = torch.stack([V.elbo_terms(m, x, analytic_kl=False, n_samples=500, seed=s).rate for s in range(8)])
    assert ((mc.mean(0) - exact).abs() < 5 * mc.std(0) / 8 ** 0.5 + 1e-6).all()


# ------------------------------------------------------------------------- builders take NumPy integers and name the user's argument
def test_mlp_vae_takes_numpy_integers():
    import numpy as np
    m = V.mlp_vae(x_dim=np.prod((28, 28)), hidden=np.int64(16), latent_dim=np.int64(4))
    assert m.encoder[0].in_features == 784 and m.decoder[-1].event_shape == (784,) and m.latent_dim == 4
    assert V.mlp(np.array([4, 3, 2]))[0].out_features == 3


@pytest.mark.parametrize('kw, msg', [(dict(x_dim=0), 'x_dim: expected an integer in [1, inf], got 0'),
                                     (dict(hidden=[8, 0]), 'hidden[1]: expected an integer in [1, inf], got 0'),
                                     (dict(latent_dim=-1), 'latent_dim: expected an integer in [1, inf], got -1'),
                                     (dict(hidden='8'), "hidden: expected a positive integer or a sequence of them, got '8'")])
def test_mlp_vae_errors_name_its_own_arguments(kw, msg):
    with pytest.raises(ValueError, match=re.escape(msg)) as e: V.mlp_vae(**kw)
    assert 'sizes' not in str(e.value)


# ------------------------------------------------------------------------- empty data
@pytest.mark.parametrize('fn', [V.elbo, V.elbo_terms, lambda m, x: V.evaluate(m, x), lambda m, x: m.reconstruct(x)])
def test_empty_data_is_refused(fn, model, x):
    with pytest.raises(ValueError, match=re.escape('x: expected non-empty data, got shape (0, 784)')): fn(model, x[:0])
