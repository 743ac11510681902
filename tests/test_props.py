"""Every public name of rpm_nb, called with spoilt arguments drawn by hypothesis: a ValueError or TypeError that names
the argument, or the valid call's result where the input is in fact fine (see tests/props/framework.py).

The names come from each module's `__all__`: a public name without a spec in tests/props/spec_<module>.py fails."""
import importlib, inspect, pkgutil, re
import pytest
import torch
from hypothesis import given, settings, HealthCheck, strategies as st
import rpm_nb
from props.framework import Case, Result, Exempt, check_example, check_call, spoilt_values

MODULES = sorted(m.name for m in pkgutil.iter_modules(rpm_nb.__path__) if not m.name.startswith('_'))
EXAMPLES = 6         # spoilt calls drawn per case by hypothesis, after every listed spoilt value has been tried


def _specs(module):
    try: return importlib.import_module(f'props.spec_{module}').SPECS
    except ModuleNotFoundError: return {}


def _entries():
    for m in MODULES:
        specs = _specs(m)
        for name in importlib.import_module(f'rpm_nb.{m}').__all__:
            spec = specs.get(name)
            cases = spec if isinstance(spec, list) else [spec]
            for i, c in enumerate(cases): yield pytest.param(m, name, i, c, id=f"{m}.{name}" + (f"[{c.label or i}]" if len(cases) > 1 else ''))


ENTRIES = list(_entries())


@pytest.mark.parametrize('module', MODULES)
def test_every_public_name_has_a_spec(module):
    names, specs = importlib.import_module(f'rpm_nb.{module}').__all__, _specs(module)
    missing = [n for n in names if n not in specs]
    stale = [n for n in specs if n not in names]
    assert not missing, f"rpm_nb.{module}: public names without a spec in tests/props/spec_{module}.py: {missing}"
    assert not stale, f"tests/props/spec_{module}.py: specs of names not in rpm_nb.{module}.__all__: {stale}"


@pytest.mark.parametrize('module, name, i, spec', ENTRIES)
def test_spoilt_arguments(module, name, i, spec):
    if isinstance(spec, Exempt):
        assert spec.why, f'{module}.{name}: an exemption must say why'
        return
    if isinstance(spec, Result):
        _check_result_docs(module, name, spec.cls)
        return
    assert isinstance(spec, Case), f'{module}.{name}: expected a Case, Result or Exempt, got {spec!r}'
    for arg, bad in spoilt_values(spec): check_call(module, name, spec, arg, bad)
    @settings(max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(data=st.data())
    def run(data): check_example(module, name, spec, data)
    run()


def _check_result_docs(module, name, cls):
    "A result type documents each of its fields with a comment on the field's line, and the class with a docstring."
    assert cls.__doc__ and not cls.__doc__.startswith(f'{cls.__name__}('), f'{module}.{name}: no docstring'
    src = inspect.getsource(cls)
    for f in cls._fields:
        m = re.search(rf'^\s+{f}\s*:[^\n#]*#\s*(\S.*)$', src, re.M)
        assert m, f"{module}.{name}.{f}: a field without a comment that documents it (`{f}: Tensor # (B,) what it is`)"
