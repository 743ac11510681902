"""Shared paths and fixtures of the test-suite.

`make test` runs the suite on every core with pytest-xdist (`-n auto`). Each worker, and every notebook it runs in a
subprocess, then uses one torch thread, so that two workers on two cores do not fight over them; the docs site is built
once for all workers; the property-based suite's counts are gathered from the workers into one summary."""
import fcntl, json, os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent          # the venv's bin/, where nbdev_test & co live
NBS = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))
WORKER = os.environ.get('PYTEST_XDIST_WORKER')          # 'gw0', 'gw1', ... in a worker of `pytest -n`; None otherwise


def pytest_configure(config):
    if WORKER:                                          # one thread per worker, inherited by the notebooks it runs
        for var in ('OMP_NUM_THREADS', 'MKL_NUM_THREADS', 'OPENBLAS_NUM_THREADS'): os.environ[var] = '1'
        import torch
        torch.set_num_threads(1)


def _run_root(tmp_path_factory) -> Path:
    "A folder shared by all workers of this run (the controller's temporary folder), or this process's own."
    base = tmp_path_factory.getbasetemp()
    return base.parent if WORKER else base


@pytest.fixture(scope='session')
def site(tmp_path_factory):
    "The whole docs site, built once per run (RPM_NB_DOCS=folder checks a site built before instead, e.g. `_docs`)."
    if os.environ.get('RPM_NB_DOCS'): return Path(os.environ['RPM_NB_DOCS']).resolve()
    sys.path.insert(0, str(ROOT/'tools'))
    import build_docs
    dest = _run_root(tmp_path_factory)/'site'
    with open(_run_root(tmp_path_factory)/'site.lock', 'w') as lock:   # the first worker builds, the others wait for it
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (dest/'.complete').exists():
            build_docs.build_site(dest)
            (dest/'.complete').write_text('')
    return dest


def _props_stats() -> dict:
    try: from props.framework import STATS
    except ImportError: return {}
    return STATS


def pytest_sessionfinish(session):
    "In a worker: leave its property-based counts for the controller to add up."
    stats = _props_stats()
    if WORKER and stats:
        out = session.config._tmp_path_factory.getbasetemp().parent/f'props-stats-{WORKER}.json'
        out.write_text(json.dumps([[*k, n] for k, n in stats.items()]))


def pytest_terminal_summary(terminalreporter):
    "After a run of the property-based suite: how many spoilt calls were drawn, and what came of them."
    stats = dict(_props_stats())
    if hasattr(terminalreporter.config, 'workerinput') is False and not stats:     # the controller of `pytest -n`
        root = terminalreporter.config._tmp_path_factory.getbasetemp()
        for f in root.glob('props-stats-gw*.json'):
            for *key, n in json.loads(f.read_text()): stats[tuple(key)] = stats.get(tuple(key), 0) + n
    if not stats: return
    by_outcome = {}
    for key, n in stats.items(): by_outcome[key[1]] = by_outcome.get(key[1], 0) + n
    terminalreporter.write_line(f"property-based suite: {sum(stats.values())} spoilt calls; " +
                                ', '.join(f'{k}: {v}' for k, v in sorted(by_outcome.items())))
    if os.environ.get('RPM_NB_PROPS_STATS'):          # a path: every (module, outcome, kind of spoilt value) count, as JSON
        with open(os.environ['RPM_NB_PROPS_STATS'], 'w') as f: json.dump([[*k, n] for k, n in sorted(stats.items())], f, indent=0)
