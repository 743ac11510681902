"The package declares what it imports: every import in rpm_nb/ is the standard library, rpm_nb, or an install requirement."
import ast, functools, re, sys
from configparser import ConfigParser
from importlib.metadata import packages_distributions
import pytest
from conftest import ROOT

# Distributions whose import name differs from their name on the package index (installed ones are also looked up).
IMPORT_NAMES = {'scikit-learn': ['sklearn'], 'ipython': ['IPython'], 'pyyaml': ['yaml'], 'pillow': ['PIL'], 'opencv-python': ['cv2'],
                'pyro-ppl': ['pyro'], 'beautifulsoup4': ['bs4'], 'python-dateutil': ['dateutil']}


def _settings(key: str) -> list[str]:
    cfg = ConfigParser(delimiters=['=']); cfg.read(ROOT/'settings.ini', encoding='utf-8')
    return cfg['DEFAULT'].get(key, '').split()


def _dist_name(req: str) -> str:
    "The distribution a requirement names: 'fastcore>=1.5,<2' -> 'fastcore'."
    return re.sub(r'[-_.]+', '-', re.match(r'[A-Za-z0-9][A-Za-z0-9._-]*', req).group().lower())


@functools.cache
def _provided() -> frozenset[str]:
    "Top-level import names the install requirements provide."
    dists = {_dist_name(r) for r in _settings('requirements')}
    installed = {m for m, ds in packages_distributions().items() if dists & {_dist_name(d) for d in ds}}
    return frozenset(installed) | {m for d in dists for m in IMPORT_NAMES.get(d, [d.replace('-', '_')])}


def _imports(path) -> set[str]:
    "Top-level modules imported anywhere in `path`, at module level or inside functions; relative imports excluded."
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding='utf-8'), str(path))):
        if isinstance(node, ast.Import): found |= {a.name.split('.')[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0: found.add(node.module.split('.')[0])
    return found


MODULES = sorted((ROOT/'rpm_nb').glob('*.py'))


def test_modules_found():
    assert len(MODULES) > 3 and any(p.name == 'data.py' for p in MODULES)


@pytest.mark.parametrize('path', MODULES, ids=lambda p: p.name)
def test_imports_are_declared(path):
    allowed = set(sys.stdlib_module_names) | {'rpm_nb'} | _provided()
    undeclared = sorted(_imports(path) - allowed)
    assert not undeclared, (f"rpm_nb/{path.name} imports {', '.join(undeclared)}, which is neither the standard library "
                            "nor provided by settings.ini's requirements: add it there or drop the import")


def test_requirements_are_ranges():
    reqs = _settings('requirements')
    assert reqs and 'torch' in map(_dist_name, reqs)
    pinned = [r for r in reqs if '==' in r or '===' in r]
    assert not pinned, f"settings.ini requirements pin exact versions {pinned}: give ranges; pins belong in constraints.txt"


def test_constraints_pin_every_requirement():
    pins = {_dist_name(l): l for l in (ROOT/'constraints.txt').read_text().splitlines() if l.strip() and not l.startswith('#')}
    for req in _settings('requirements') + _settings('dev_requirements'):
        assert '==' in pins.get(_dist_name(req), ''), f"constraints.txt has no exact pin for {_dist_name(req)}"
