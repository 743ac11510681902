"""The conventions every module shares, through the public API: one vocabulary for the two RPMs, one randomness
convention, models that follow their data's dtype, clear errors for bad input, and what `fit` records and shows."""
import importlib, inspect, io, math, pkgutil, re, time
from collections import defaultdict
import pytest
import torch
from torch import nn
import rpm_nb
from rpm_nb.core import seed_everything, log_mean_exp
from rpm_nb.data import binarize, peer_pairs
from rpm_nb.expfam import DiagGaussianFamily, BernoulliFamily
from rpm_nb.rpm_discrete import DiscreteRPM, cluster_accuracy, confusion
from rpm_nb.rpm_continuous import ContinuousRPM, ThetaQ, ConstrainedNu, LinearRPMEnsemble, SaturatedQ, SaturatedNu
from rpm_nb.train import fit, History, index_loader, rpm_loss, RefreshTable

MODULES = [importlib.import_module(f'rpm_nb.{m.name}') for m in pkgutil.iter_modules(rpm_nb.__path__) if not m.name.startswith('_')]


def _discrete(N=12, dtype=torch.float64, **kw):
    torch.manual_seed(0)
    return DiscreteRPM(nn.Sequential(nn.Linear(5, 8), nn.Tanh(), nn.Linear(8, 3)), torch.randn(N, 2, 5, dtype=dtype), 3, **kw)


def _continuous(N=4, dtype=torch.float64, **kw):
    torch.manual_seed(0)
    return ContinuousRPM(DiagGaussianFamily(1), nn.Linear(3, 2), torch.randn(N, 2, 3, dtype=dtype), ThetaQ(), ConstrainedNu(), **kw)


# ---- correctness: a batch of one row
def test_continuous_rpm_refuses_a_batch_of_one_row():
    m = _continuous(chunk_size=None)
    with pytest.raises(ValueError, match=r'idx: expected at least 2 rows \(or all N\)'): m.objective(torch.tensor([1]))
    g = [torch.autograd.grad(m.objective(torch.tensor(p)).mean(), m.factors[0].weight)[0] for p in [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3), (2, 3)]]
    full = torch.autograd.grad(m.objective(torch.arange(4)).mean(), m.factors[0].weight)[0]
    torch.testing.assert_close(torch.stack(g).mean(0), full, atol=1e-12, rtol=0)     # B = 2 is already unbiased


@pytest.mark.parametrize('N, B', [(257, 128), (65, 64), (3, 2), (1000, 333)])
def test_index_loader_never_makes_a_batch_of_one(N, B):
    sizes = [len(b) for b in index_loader(N, B, seed=0)]
    assert min(sizes) >= 2 and sum(sizes) == N


# ---- models follow the data
@pytest.mark.parametrize('make', [_discrete, _continuous])
def test_models_take_the_dtype_of_their_data(make):
    m = make(dtype=torch.float64)
    assert m.table.dtype == torch.float64 and all(p.dtype == torch.float64 for p in m.parameters())
    torch.testing.assert_close(m.factor_params(), m.factor_params(torch.arange(m.N)).detach(), atol=1e-12, rtol=0)   # filled


def test_ensemble_takes_the_dtype_of_its_data():
    X = torch.randn(2, 6, 2, 3, dtype=torch.float64)
    ens = LinearRPMEnsemble(X, SaturatedQ(DiagGaussianFamily(1), 6, (2,)), SaturatedNu(DiagGaussianFamily(1), 6, 2, (2,)))
    assert all(t.dtype == torch.float64 for t in [*ens.parameters(), *ens.buffers()])


@pytest.mark.skipif(not torch.cuda.is_available(), reason='no GPU on this machine')
@pytest.mark.parametrize('make', [_discrete, _continuous])
def test_models_built_on_gpu_data_live_on_the_gpu(make):
    torch.manual_seed(0)
    X = torch.randn(12, 2, 5 if make is _discrete else 3, device='cuda')
    m = (DiscreteRPM(nn.Linear(5, 3), X, 3) if make is _discrete else
         ContinuousRPM(DiagGaussianFamily(1), nn.Linear(3, 2), X, ThetaQ(), ConstrainedNu()))
    assert all(t.device.type == 'cuda' for t in [*m.parameters(), *m.buffers()])
    fit(m, rpm_loss, index_loader(m, 4, seed=0), torch.optim.Adam(m.parameters(), 1e-2), epochs=2, progress=False)
    m.refresh()


# ---- one vocabulary
SHARED = ['table', 'factor_outputs', 'factor_params', 'log_F', 'posterior', 'posterior_params', 'encode', 'objective',
          'objective_name', 'step_stats', 'refresh', 'refresh_every', 'chunk_size', 'N', 'J', 'factors']


@pytest.mark.parametrize('make', [_discrete, _continuous])
def test_both_rpms_share_their_method_set(make):
    m = make()
    missing = [n for n in SHARED if not hasattr(m, n)]
    assert not missing, missing
    for arg in ('learn_prior', 'transform', 'refresh_every', 'chunk_size'): assert arg in inspect.signature(type(m)).parameters


def test_rpm_loss_logs_the_objective_under_its_own_name():
    assert set(rpm_loss(_discrete(), torch.arange(4))) == {'loss', 'log_lik', 'drift', 'forced_refresh'}
    assert set(rpm_loss(_continuous(), torch.arange(4))) == {'loss', 'bound', 'drift'}


def test_no_name_is_exported_by_two_modules():
    where = defaultdict(list)
    for mod in MODULES:
        for n in getattr(mod, '__all__', []): where[n].append(mod.__name__)
    assert not {n: w for n, w in where.items() if len(w) > 1}


def test_no_method_shares_its_name_with_a_function_of_its_module():
    clashes = []
    for mod in MODULES:
        funcs = {n for n in getattr(mod, '__all__', []) if inspect.isfunction(getattr(mod, n))}
        for n in getattr(mod, '__all__', []):
            cls = getattr(mod, n)
            if inspect.isclass(cls) and cls.__module__ == mod.__name__:
                clashes += [f'{mod.__name__}.{n}.{a}' for a, v in vars(cls).items() if a in funcs and inspect.isfunction(v)]
    assert not clashes, clashes


def test_distribution_classes_say_which_world_they_belong_to():
    from rpm_nb import expfam, vae
    fams = [n for n in expfam.__all__ if inspect.isclass(getattr(expfam, n)) and issubclass(getattr(expfam, n), expfam.ExpFam) and n != 'ExpFam']
    assert fams and all(n.endswith('Family') for n in fams), fams
    assert not {'DiagGaussian', 'DiagonalGaussian', 'Bernoulli'} & (set(vae.__all__) | set(expfam.__all__))


def test_expfam_notebook_sits_just_before_its_first_user():
    from conftest import ROOT
    nbs = sorted(p.name for p in (ROOT/'nbs').glob('[0-9]*.ipynb'))
    imports = lambda n: re.search(r'from rpm_nb\.expfam import|import rpm_nb\.expfam', (ROOT/'nbs'/n).read_text())
    users = [n for n in nbs if imports(n) and 'default_exp expfam' not in (ROOT/'nbs'/n).read_text()]
    ef = next(n for n in nbs if 'default_exp expfam' in (ROOT/'nbs'/n).read_text())
    assert nbs.index(users[0]) == nbs.index(ef) + 1, (ef, users)


# ---- randomness: None is torch's global generator
@pytest.mark.parametrize('draw', [
    lambda: binarize(torch.rand(50)),
    lambda: peer_pairs(torch.arange(40.), torch.arange(40) % 4, views=2)[0],
    lambda: DiagGaussianFamily(2).sample(DiagGaussianFamily(2).nat_params(torch.zeros(2), torch.ones(2)), (5,)),
    lambda: BernoulliFamily(3).sample(torch.zeros(3), (5,)),
    lambda: torch.cat(list(index_loader(30, 7))),
    lambda: _qbar_subsampled()])
def test_seed_none_follows_seed_everything(draw):
    seed_everything(11); a = draw()
    seed_everything(11); b = draw()
    seed_everything(12); c = draw()
    assert torch.equal(a, b) and not torch.equal(a, c)


_QBAR_MODEL = None
def _qbar_subsampled():
    "The subsampled average posterior of one model (built once: building it seeds torch itself)."
    global _QBAR_MODEL
    if _QBAR_MODEL is None:
        state = torch.random.get_rng_state(); _QBAR_MODEL = _discrete(N=40, qbar_rows=5); torch.random.set_rng_state(state)
    return _QBAR_MODEL.mean_posterior()


def test_random_functions_take_seed_not_generator():
    offenders = []
    for mod in MODULES:
        for n in getattr(mod, '__all__', []):
            f = getattr(mod, n)
            if callable(f) and not inspect.isclass(f):
                try: params = inspect.signature(f).parameters
                except (TypeError, ValueError): continue
                if 'generator' in params and mod.__name__ != 'rpm_nb.train': offenders.append(f'{mod.__name__}.{n}')
    assert not offenders, offenders


# ---- bad input
@pytest.mark.parametrize('pred, labels, msg', [
    (torch.tensor([0., 1., 1.]), torch.tensor([0, 1, 1]), 'pred: expected integer states, got dtype torch.float32'),
    (torch.rand(3, 2), torch.tensor([0, 1, 1]), 'pred: expected a 1-D tensor of integer states, got shape (3, 2)'),
    (torch.tensor([0, 1, 1]), torch.tensor([0, -1, 1]), 'labels: expected values >= 0, got a minimum of -1'),
    (torch.tensor([0, 1, 1]), torch.tensor([0, 1]), 'labels: expected 3 entries, as many as pred, got 2')])
def test_cluster_scores_refuse_what_is_not_states(pred, labels, msg):
    for f in (cluster_accuracy, confusion):
        with pytest.raises(ValueError) as e: f(pred, labels)
        assert msg in str(e.value)


def test_rpm_networks_that_cannot_take_the_data_are_named():
    with pytest.raises(ValueError, match=r'X: the factor networks cannot take the rows of X \(each view of shape \(5,\)'):
        DiscreteRPM(nn.Linear(6, 3), torch.zeros(4, 2, 5), 3)
    with pytest.raises(ValueError, match=r'X: the factor networks cannot take the rows of X \(each view of shape \(3,\)'):
        ContinuousRPM(DiagGaussianFamily(1), nn.Linear(4, 2), torch.zeros(4, 2, 3), ThetaQ(), ConstrainedNu())


def test_log_mean_exp_checks_its_dim():
    with pytest.raises(ValueError, match=r'dim: expected a dimension of x, in \[-2, 1\]'): log_mean_exp(torch.zeros(3, 2), dim=2)


def test_fit_refuses_empty_data_and_names_a_batch_the_model_cannot_take():
    lin = nn.Linear(3, 1)
    opt = torch.optim.SGD(lin.parameters(), 0.1)
    loss = lambda m, b: m(b[0]).pow(2).mean()
    with pytest.raises(ValueError, match='data: expected at least one batch, got an empty list'): fit(lin, loss, [], opt)
    with pytest.raises(ValueError, match=r'data: the first batch, \(tensor of shape \(2, 4\)'):
        fit(lin, loss, [(torch.zeros(2, 4),)], opt, progress=False)


# ---- what fit records and shows
def test_fit_continues_a_history_and_keeps_to_a_time_budget():
    lin = nn.Linear(3, 1)
    data = [(torch.randn(4, 3),) for _ in range(5)]
    loss = lambda m, b: m(b[0]).pow(2).mean()
    h = fit(lin, loss, data, torch.optim.SGD(lin.parameters(), 0.01), progress=False)
    fit(lin, loss, data, torch.optim.SGD(lin.parameters(), 0.01), history=h, progress=False)
    assert h.steps('loss') == list(range(1, 11))
    slow = lambda m, b: (time.sleep(0.05), loss(m, b))[1]
    h2 = fit(lin, slow, data, torch.optim.SGD(lin.parameters(), 0.01), epochs=20, time_limit=0.15, progress=False)
    assert 1 <= len(h2.steps('loss')) < 100


def test_progress_bar_shows_epoch_objective_and_evaluation(monkeypatch):
    import rpm_nb.train as train
    from tqdm.std import tqdm as text_tqdm
    out = io.StringIO()
    monkeypatch.setattr(train, 'tqdm', lambda **kw: text_tqdm(file=out, mininterval=0, **kw))
    m = _discrete(N=40, dtype=torch.float32)
    fit(m, rpm_loss, index_loader(m, 8, seed=0), torch.optim.Adam(m.parameters(), 1e-2), epochs=2,
        eval_fn=lambda mod: {'log_lik': mod.log_likelihood() / mod.N}, eval_every=5)
    text = out.getvalue()
    assert 'epoch 2/2' in text and 'log_lik=' in text and 'eval/log_lik=' in text and 'forced_refresh=' in text


def test_discrete_rpm_records_forced_refreshes_in_the_history():
    m = _discrete(N=40, dtype=torch.float32, max_drift=1e-6)       # every step is "too stale"
    h = fit(m, rpm_loss, index_loader(m, 8, seed=0), torch.optim.Adam(m.parameters(), 1e-2), epochs=1, progress=False)
    assert sum(h.values('forced_refresh')) == m.forced_refreshes == 4     # all steps but the first, on a fresh table


def test_defaults_follow_the_large_data_recipe():
    assert index_loader(60_000).batch_size == 937                 # about N / 64
    assert inspect.signature(DiscreteRPM).parameters['refresh_every'].default == 15
    m = _discrete(N=40, max_drift=None)
    for s in range(16): m.objective(torch.tensor([s, s + 20]))
    assert m.steps_since_refresh == 1                             # refreshed before the 16th step
