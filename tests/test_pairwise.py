"The fused pairwise term of the continuous RPM equals the generic path, in value and gradient, wherever it is used."
import math
import pytest
import torch
from torch import nn
from rpm_nb import rpm_continuous as rc, rpm_temporal as rt
from rpm_nb.core import test_close64 as close64, gradcheck64
from rpm_nb.expfam import DiagGaussianFamily, FullGaussianFamily, VonMisesFamily, PoissonFamily

FAMILIES = [DiagGaussianFamily(1), DiagGaussianFamily(5), FullGaussianFamily(1), FullGaussianFamily(3), VonMisesFamily(1),
            VonMisesFamily(3)]
SHAPES = [((2,), 37, 5, 8), ((2,), 37, 5, None), ((1,), 10, 1, None), ((1,), 1, 3, 4), ((2, 3), 7, 4, 3), ((), 5, 2, 2),
          ((2,), 64, 3, 32),
          ((800,), 40, 12, None), ((40, 20), 40, 12, 16)]   # more views than one call takes (2^18 / (32 B) = 682): slices


def _inputs(fam, lead, N, B, seed=0, scale=0.5):
    g = torch.Generator().manual_seed(seed)
    e0 = rc.default_prior(fam).double()
    inc = lambda n: rc.increment_head(fam, scale * torch.randn(*lead, n, fam.dim, generator=g, dtype=torch.float64))
    return e0 + inc(N), e0 - inc(B), torch.randn(*lead, B, generator=g, dtype=torch.float64)


def _value_grads(f, fam, ef, nu, gout, chunk):
    e, v = ef.clone().requires_grad_(True), nu.clone().requires_grad_(True)
    val = f(fam, e, v, chunk); val.backward(gout)
    return val.detach(), e.grad, v.grad


@pytest.mark.parametrize('fam', FAMILIES, ids=repr)
@pytest.mark.parametrize('lead,N,B,chunk', SHAPES)
def test_fused_equals_generic(fam, lead, N, B, chunk):
    "Values and gradients to 1e-12 in float64: N not a multiple of the chunk, B = 1, N = 1, one view, extra leading dims."
    ef, nu, gout = _inputs(fam, lead, N, B)
    new = _value_grads(rc.log_int_F_over_h, fam, ef, nu, gout, chunk)
    ref = _value_grads(rc._log_int_reference, fam, ef, nu, gout, chunk)
    for a, b, what in zip(new, ref, ('value', 'gradient in eta_f', 'gradient in nu')):
        close64(a, b, atol=1e-12, rtol=1e-12, name=f'fused {what}')


@pytest.mark.parametrize('fam', [DiagGaussianFamily(2), FullGaussianFamily(2), VonMisesFamily(2)], ids=repr)
def test_gradcheck(fam):
    ef, nu, _ = _inputs(fam, (2,), 5, 3)
    assert gradcheck64(lambda e, v: rc.log_int_F_over_h(fam, e, v, chunk=2), ef, nu)


def test_no_grad_and_float32():
    fam = DiagGaussianFamily(2)
    ef, nu, _ = _inputs(fam, (2,), 50, 7)
    with torch.no_grad(): v = rc.log_int_F_over_h(fam, ef, nu, 16)
    close64(v, rc._log_int_reference(fam, ef, nu), atol=1e-12, rtol=0, name='no-grad value')
    v32 = rc.log_int_F_over_h(fam, ef.float(), nu.float())
    assert v32.dtype == torch.float32
    close64(v32, v, atol=1e-5, rtol=1e-5, name='float32 value')
    vm = rc.log_int_F_over_h(fam, ef.float(), nu)                   # mixed dtypes promote, as the generic path does
    assert vm.dtype == torch.float64


def test_other_families_take_the_generic_path():
    fam = PoissonFamily(2)
    ef, nu = torch.randn(2, 6, 2, dtype=torch.float64), 0.1 * torch.randn(2, 3, 2, dtype=torch.float64)
    close64(rc.log_int_F_over_h(fam, ef, nu, 4), rc._log_int_reference(fam, ef, nu, 4), atol=0, rtol=0, name='Poisson')


def test_invalid_pairs_and_no_validation():
    fam = DiagGaussianFamily(2)
    ef, nu, _ = _inputs(fam, (2,), 6, 3)
    bad = nu.clone(); bad[1, 2, 3] = -5.0
    with pytest.raises(ValueError, match='nu: every eta_f'): rc.log_int_F_over_h(fam, ef, bad)
    loose = DiagGaussianFamily(2, validate=False)
    assert torch.isnan(rc.log_int_F_over_h(loose, ef, bad)[1, 2])   # NaN, like the generic path, where a pair is invalid
    full = FullGaussianFamily(2)
    ef, nu, _ = _inputs(full, (2,), 6, 3)
    bad = nu.clone(); bad[0, 1, 2:] = torch.tensor([-5., 0., 0., -5.], dtype=torch.float64)
    with pytest.raises(ValueError, match='nu: every eta_f'): rc.log_int_F_over_h(full, ef, bad)
    with pytest.raises(ValueError, match='nu: expected finite'): rc.log_int_F_over_h(full, ef, nu.clone().fill_(math.nan))


def _toy(fam, chunk):
    torch.manual_seed(0)
    X = torch.randn(9, 2, 3, dtype=torch.float64)
    nets = [nn.Sequential(nn.Linear(3, 4), nn.Tanh(), nn.Linear(4, fam.dim)) for _ in range(2)]
    q = rc.AmortisedQ(fam, nn.Linear(6, fam.dim))
    return rc.ContinuousRPM(fam, nets, X, q, rc.ConstrainedNu(), refresh_every=None, chunk_size=chunk).double()


@pytest.mark.parametrize('fam', [DiagGaussianFamily(2), FullGaussianFamily(2), VonMisesFamily(1)], ids=repr)
@pytest.mark.parametrize('idx', [torch.arange(9), torch.tensor([4, 1, 7])])
def test_continuous_rpm_objective(monkeypatch, fam, idx):
    "ContinuousRPM.objective, full data set and minibatch: the same value and parameter gradient through either path."
    def run():
        m = _toy(fam, 4)
        v = m.objective(idx); v.sum().backward()
        return torch.cat([v.detach()] + [p.grad.flatten() for p in m.parameters() if p.grad is not None])
    new = run()
    monkeypatch.setattr(rc, 'log_int_F_over_h', rc._log_int_reference)
    close64(new, run(), atol=1e-12, rtol=1e-12, name='objective and gradient, fused against generic')


@pytest.mark.parametrize('pooled', [False, True])
def test_temporal_log_int(monkeypatch, pooled):
    "The time-series RPM's pairwise term goes through the fused path too, with the same values and gradients."
    fam = DiagGaussianFamily(1)
    g = torch.Generator().manual_seed(1)
    # factors (N, T, J, P) and auxiliaries (B, T, J, P) with every pair valid
    ef = fam.nat_params(torch.randn(6, 3, 2, 1, generator=g, dtype=torch.float64),
                        0.5 + torch.rand(6, 3, 2, 1, generator=g, dtype=torch.float64))
    nu = -fam.nat_params(torch.randn(4, 3, 2, 1, generator=g, dtype=torch.float64),
                         0.5 + torch.rand(4, 3, 2, 1, generator=g, dtype=torch.float64))
    def run():
        e, v = ef.clone().requires_grad_(True), nu.clone().requires_grad_(True)
        out = rt.temporal_log_int(fam, e, v, pooled, chunk=4); out.sum().backward()
        return torch.cat([out.detach().flatten(), e.grad.flatten(), v.grad.flatten()])
    new = run()
    monkeypatch.setattr(rt, 'log_int_F_over_h', rc._log_int_reference)
    close64(new, run(), atol=1e-12, rtol=1e-12, name='temporal pairwise term, fused against generic')


def _within_batch_reference(fam, eta_b, nu_bar, lse, coef):
    "The within-batch correction written with autograd through every pair: the reference for the chunked one."
    e, v = eta_b.transpose(0, 1), nu_bar.transpose(0, 1)
    s = fam.log_partition_of_sum(e, -v) - fam.log_partition(e)[..., None]
    w = torch.exp(s.detach() - lse[:, None, :])
    return (coef.to(s.dtype) * w * (s - s.detach())).sum((0, 2))


@pytest.mark.parametrize('fam', [DiagGaussianFamily(2), FullGaussianFamily(2), VonMisesFamily(1)], ids=repr)
@pytest.mark.parametrize('J', [3, 700])   # 700 views at B = Bg = 10: more than one slice of views (655 a slice)
def test_within_batch_correction(fam, J):
    "Zero value, and the gradient of the reference with autograd through every pair, to 1e-12 in float64."
    B, Bg = 10, 10
    eb, nu, _ = _inputs(fam, (J,), B, Bg, seed=3, scale=0.3)
    eb, nu = eb.transpose(0, 1).contiguous(), nu.transpose(0, 1).contiguous()             # (B, J, P), (Bg, J, P)
    g = torch.Generator().manual_seed(4)
    lse, coef = torch.randn(J, Bg, generator=g, dtype=torch.float64), torch.randn(B, Bg, generator=g, dtype=torch.float64)
    out = []
    for f in (rc._within_batch_correction, _within_batch_reference):
        e = eb.clone().requires_grad_(True)
        val = f(fam, e, nu, lse, coef)
        val.backward(torch.arange(1.0, B + 1, dtype=torch.float64))
        out.append((val.detach(), e.grad))
    close64(out[0][0], torch.zeros(B, dtype=torch.float64), atol=0, name='within-batch correction value')
    close64(out[0][1], out[1][1], atol=1e-12, rtol=1e-12, name='within-batch correction gradient')
