"""Argument kinds, their spoilt values, and the runner of the property-based suite.

A `Case` makes a valid call (`build` returns fresh keyword arguments, `call` turns them into a result) and names
the arguments to spoil, each with a kind (`Data`, `Int`, `Real`, `Flag`, `Choice`, `Index`, `Values`). Every spoilt
value each kind offers is tried once; then hypothesis draws more examples, picking an argument and a spoilt value, and
for the kinds that have one, a drawn variant of it (where the NaN sits, how far out of range an integer or a number
lies, how many columns too many). Each value comes with what must happen:

- 'error': a ValueError or TypeError whose message names the argument as the user passed it (as a word: `x` is
  not found in `expected` or `x_dim`);
- 'same':  the same result as the valid call (a NumPy array for a tensor, `np.int64(3)` for `3`);
- 'either': one of the two.

Other exceptions, a wrong result, or returning where an error was due fail the test. `torch.manual_seed(0)` runs
before every `build` and every `call`, so models and noise are the same in the valid and the spoilt call."""
from __future__ import annotations
import math, re, warnings
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable, NamedTuple
import numpy as np
import torch
import torch.distributions as td
from hypothesis import strategies as st

STATS: Counter = Counter()        # (module, outcome kind) -> count, reported at the end of the session


class Bad(NamedTuple):
    kind: str          # what was spoilt: 'numpy', 'dtype', 'nan', 'empty', 'unbatched', 'width', 'type', 'range', ...
    value: Any         # the spoilt value used when every spoilt value is tried in turn
    expect: str        # 'error', 'same' or 'either'
    draw: Callable|None = None   # hypothesis `data` -> another spoilt value of the same kind, for the drawn examples


def _put(v: torch.Tensor, i: int, val: float) -> torch.Tensor:
    w = v.detach().clone(); w.view(-1)[i] = val
    return w


# ---------------------------------------------------------------- argument kinds
class Arg:
    "An argument kind: `bad(valid)` lists the spoilt values (with what must happen) for a valid value."
    def bad(self, valid) -> list[Bad]: raise NotImplementedError


@dataclass
class Data(Arg):
    "A tensor of data. `ndim`: the exact number of dimensions (enables 'unbatched' and 'extra_dim'); `width`: the last size is fixed."
    floating: bool = True          # integer / bool dtypes are refused
    finite: bool = False           # NaN and inf are refused (only where the function promises it)
    nonempty: bool = True          # an empty leading dimension is refused
    ndim: int|None = None          # exact number of dims: dropping or adding one is refused
    width: bool = False            # the last dimension's size is fixed: one more is refused
    numpy: str = 'same'            # what a NumPy array of the valid value gives
    wrong_float: bool = False      # another floating dtype (float64 for float32 and back) is refused
    meta: bool = False             # a tensor on the meta device is refused
    extra: list = field(default_factory=list)   # more Bad values, specific to the function

    def bad(self, v) -> list[Bad]:
        out = [Bad('type', 'not a tensor', 'error'), Bad('type', None, 'error'), *(b if isinstance(b, Bad) else Bad(*b) for b in self.extra)]
        if isinstance(v, torch.Tensor) and v.device.type == 'cpu' and self.numpy:
            out.append(Bad('numpy', v.detach().numpy().copy(), self.numpy))
        if not isinstance(v, torch.Tensor): return out
        if self.floating:
            out += [Bad('dtype', v.round().to(torch.int64), 'error'), Bad('dtype', (v > 0.5), 'error'),
                    Bad('dtype', v.clamp(0, 255).to(torch.uint8), 'error')]
        if self.wrong_float: out.append(Bad('dtype', v.to(torch.float32 if v.dtype == torch.float64 else torch.float64), 'error'))
        if self.finite and v.is_floating_point() and v.numel():
            for val, k in [(math.nan, 'nan'), (math.inf, 'inf'), (-math.inf, 'inf')]:
                out.append(Bad(k, _put(v, v.numel() // 2, val), 'error',
                               lambda d, v=v, val=val: _put(v, d.draw(st.integers(0, v.numel() - 1), label='position'), val)))
        if self.nonempty and v.dim() >= 1: out.append(Bad('empty', v[:0], 'error'))
        if self.ndim is not None and v.dim() >= 1:
            out += [Bad('unbatched', v[0], 'error'), Bad('extra_dim', v[None], 'error')]
        if self.width and v.dim() >= 1:
            out.append(Bad('width', torch.cat([v, v[..., :1]], -1), 'error',
                           lambda d, v=v: torch.cat([v] + [v[..., :1]] * d.draw(st.integers(1, 3), label='extra columns'), -1)))
        if self.meta: out.append(Bad('meta', v.detach().to('meta'), 'error'))
        return out


@dataclass
class Int(Arg):
    "An integer hyperparameter in [lo, hi]; `optional`: None is allowed."
    lo: int|None = None
    hi: int|None = None
    optional: bool = False
    def bad(self, v) -> list[Bad]:
        out = [Bad('type', 2.5, 'error', lambda d: d.draw(st.floats(-1e6, 1e6).filter(lambda f: f != int(f)))),
               Bad('type', '3', 'error'), Bad('type', True, 'error')]
        if not self.optional: out.append(Bad('type', None, 'error'))
        if self.lo is not None: out += [Bad('range', self.lo - 1, 'error', lambda d: d.draw(st.integers(self.lo - 10**9, self.lo - 1))),
                                        Bad('range', self.lo - 10**6, 'error')]
        if self.hi is not None: out.append(Bad('range', self.hi + 1, 'error', lambda d: d.draw(st.integers(self.hi + 1, self.hi + 10**9))))
        if v is not None: out.append(Bad('numpy', np.int64(v), 'same'))
        return out


@dataclass
class Real(Arg):
    "A finite real hyperparameter with bounds (`lo_open` / `hi_open` for strict ones)."
    lo: float|None = None
    hi: float|None = None
    lo_open: bool = False
    hi_open: bool = False
    optional: bool = False
    def bad(self, v) -> list[Bad]:
        out = [Bad('type', 'a', 'error'), Bad('range', math.nan, 'error'), Bad('range', math.inf, 'error'), Bad('type', [1.0], 'error')]
        if not self.optional: out.append(Bad('type', None, 'error'))
        if self.lo is not None:
            out += [Bad('range', self.lo - 1.0, 'error', lambda d: d.draw(st.floats(self.lo - 1e9, self.lo, exclude_max=not self.lo_open)))]
            out += [Bad('range', self.lo, 'error')] if self.lo_open else []
        if self.hi is not None:
            out += [Bad('range', self.hi + 1.0, 'error', lambda d: d.draw(st.floats(self.hi, self.hi + 1e9, exclude_min=not self.hi_open)))]
            out += [Bad('range', self.hi, 'error')] if self.hi_open else []
        if isinstance(v, (int, float)) and not isinstance(v, bool): out.append(Bad('numpy', np.float64(v), 'same'))
        return out


@dataclass
class Flag(Arg):
    "A boolean flag: strings, numbers and None are refused; NumPy bools work."
    def bad(self, v) -> list[Bad]:
        return [Bad('type', 'no', 'error'), Bad('type', 'False', 'error'), Bad('type', 1, 'error'), Bad('type', None, 'error'),
                Bad('numpy', np.bool_(v), 'same')]


@dataclass
class Choice(Arg):
    "One of a fixed set of options."
    options: list = field(default_factory=list)
    def bad(self, v) -> list[Bad]:
        return [Bad('range', 'no-such-option', 'error'), Bad('type', 3.5, 'error')]


@dataclass
class Index(Arg):
    "Row indices into `n` rows: out of range, floating, negative or empty indices are refused; NumPy arrays work."
    n: int = 0
    def bad(self, v) -> list[Bad]:
        out = [Bad('range', torch.tensor([0, self.n]), 'error', lambda d: torch.tensor([0, d.draw(st.integers(self.n, self.n + 10**6))])),
               Bad('range', torch.tensor([-1]), 'error', lambda d: torch.tensor([d.draw(st.integers(-10**6, -1))])),
               Bad('dtype', torch.tensor([0.0, 1.0]), 'error'), Bad('empty', torch.tensor([], dtype=torch.long), 'error'),
               Bad('type', 1.5, 'error'), Bad('type', 'rows', 'error')]
        if isinstance(v, torch.Tensor): out.append(Bad('numpy', v.numpy().copy(), 'same'))
        return out


@dataclass
class Values(Arg):
    "Hand-picked spoilt values: `(kind, value, expect)` triples."
    values: list = field(default_factory=list)
    def bad(self, v) -> list[Bad]: return [Bad(*t) for t in self.values]


# ---------------------------------------------------------------- cases
@dataclass
class Case:
    "A valid call and the arguments to spoil. `label` tells cases of one name apart (e.g. a method's name)."
    build: Callable[[], dict]
    call: Callable[[dict], Any]
    args: dict[str, Arg]
    label: str = ''
    same: Callable[[Any, Any], bool]|None = None     # result comparison; default `same_result`
    names: dict[str, str] = field(default_factory=dict)   # argument -> the name its errors may use instead


@dataclass
class Result:
    "A result type (a NamedTuple of outputs): each field must be documented (docments comment or docstring)."
    cls: type


@dataclass
class Exempt:
    "A public name with no arguments to check (a constant); `why` says so."
    why: str


def fn_case(fn, build, args, **kw) -> Case:
    "A case that calls `fn(**build())`."
    return Case(build, lambda k: fn(**k), args, **kw)


# ---------------------------------------------------------------- comparing results
def same_result(a, b, atol=1e-6) -> bool:
    "Whether two results agree: tensors in value (NaN equal), shape and dtype; containers entry by entry; modules by state."
    if isinstance(a, torch.Tensor) or isinstance(b, torch.Tensor):
        if not (isinstance(a, torch.Tensor) and isinstance(b, torch.Tensor)) or a.shape != b.shape or a.dtype != b.dtype: return False
        if a.device.type == 'meta' or a.numel() == 0: return True
        if a.is_floating_point() or a.is_complex(): return bool(torch.allclose(a.detach(), b.detach(), atol=atol, rtol=1e-5, equal_nan=True))
        return bool(torch.equal(a, b))
    if isinstance(a, np.ndarray): return isinstance(b, np.ndarray) and a.shape == b.shape and np.allclose(a, b, equal_nan=True)
    if isinstance(a, td.Distribution):
        if type(a) is not type(b) or a.batch_shape != b.batch_shape or a.event_shape != b.event_shape: return False
        return all(same_result(a.__dict__[k], b.__dict__[k], atol) for k in a.__dict__ if isinstance(a.__dict__[k], torch.Tensor) and k in b.__dict__)
    if isinstance(a, torch.nn.Module):
        sa, sb = a.state_dict(), b.state_dict()
        return type(a) is type(b) and sa.keys() == sb.keys() and all(same_result(sa[k], sb[k], atol) for k in sa)
    if isinstance(a, dict): return isinstance(b, dict) and a.keys() == b.keys() and all(same_result(a[k], b[k], atol) for k in a)
    if isinstance(a, (list, tuple)): return isinstance(b, (list, tuple)) and len(a) == len(b) and all(same_result(x, y, atol) for x, y in zip(a, b))
    if isinstance(a, float) and isinstance(b, (int, float)): return math.isclose(a, b, rel_tol=1e-6, abs_tol=atol) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, (int, str, bool, type(None))): return a == b
    return type(a) is type(b)


# ---------------------------------------------------------------- the runner
def _run(case: Case, kw: dict):
    torch.manual_seed(0)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        return case.call(kw)


def spoilt_values(case: Case) -> list[tuple[str, Bad]]:
    "Every (argument, spoilt value) pair of `case`."
    torch.manual_seed(0); valid = case.build()
    return [(arg, b) for arg in sorted(case.args) for b in case.args[arg].bad(valid.get(arg))]


def check_example(module: str, name: str, case: Case, data) -> None:
    "Draw one spoilt argument of `case` with hypothesis's `data` (and, where its kind has one, a drawn variant of the value), and check it."
    arg, bad = data.draw(st.sampled_from(spoilt_values(case)), label='argument and spoilt value')
    if bad.draw is not None: bad = bad._replace(value=bad.draw(data))
    check_call(module, name, case, arg, bad)


def check_call(module: str, name: str, case: Case, arg: str, bad: Bad) -> None:
    "Call `case` with `arg` spoilt by `bad` and check what happens against `bad.expect`."
    torch.manual_seed(0); kw = case.build(); kw[arg] = bad.value
    where = f"{module}.{name}{'.' + case.label if case.label else ''}({arg}={_short(bad.value)}) [{bad.kind}]"
    try: got = _run(case, kw)
    except (ValueError, TypeError) as e:
        names = {arg, case.names.get(arg, arg)}
        if bad.expect == 'same':
            STATS[(module, 'failed: error where a result was due')] += 1
            raise AssertionError(f"{where}: expected the result of the valid call, got {type(e).__name__}: {e}") from e
        if not any(re.search(rf'(?<!\w){re.escape(n)}(?!\w)', str(e)) for n in names):
            STATS[(module, 'failed: error does not name the argument')] += 1
            raise AssertionError(f"{where}: the {type(e).__name__} does not name {arg!r}: {e}") from e
        STATS[(module, f'refused ({type(e).__name__})', bad.kind)] += 1
        return
    except Exception as e:
        STATS[(module, f'failed: raw {type(e).__name__}')] += 1
        raise AssertionError(f"{where}: expected a ValueError or TypeError naming {arg!r}, got {type(e).__name__}: {e}") from e
    if bad.expect == 'error':
        STATS[(module, 'failed: silently returned')] += 1
        raise AssertionError(f"{where}: expected a ValueError or TypeError naming {arg!r}, but the call returned {_short(got)}")
    torch.manual_seed(0); ref = _run(case, case.build())
    if not (case.same or same_result)(got, ref):
        STATS[(module, 'failed: wrong result')] += 1
        raise AssertionError(f"{where}: the result differs from the valid call's: {_short(got)} vs {_short(ref)}")
    STATS[(module, 'accepted', bad.kind)] += 1


def _short(v) -> str:
    if isinstance(v, torch.Tensor): return f"tensor(shape={tuple(v.shape)}, dtype={v.dtype}, device={v.device.type})"
    if isinstance(v, np.ndarray): return f"ndarray(shape={v.shape}, dtype={v.dtype})"
    r = repr(v)
    return r if len(r) < 80 else r[:77] + '...'
