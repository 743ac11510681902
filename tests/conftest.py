"Shared paths and fixtures of the test-suite."
import os, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent          # the venv's bin/, where nbdev_test & co live
NBS = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))


@pytest.fixture(scope='session')
def site(tmp_path_factory):
    "The whole docs site, built once per run (RPM_NB_DOCS=folder checks a site built before instead, e.g. `_docs`)."
    if os.environ.get('RPM_NB_DOCS'): return Path(os.environ['RPM_NB_DOCS']).resolve()
    sys.path.insert(0, str(ROOT/'tools'))
    import build_docs
    dest = tmp_path_factory.mktemp('site')
    build_docs.build_site(dest)
    return dest


def pytest_terminal_summary(terminalreporter):
    "After a run of the property-based suite: how many spoilt calls were drawn, and what came of them."
    try: from props.framework import STATS
    except ImportError: return
    if not STATS: return
    by_outcome = {}
    for key, n in STATS.items(): by_outcome[key[1]] = by_outcome.get(key[1], 0) + n
    terminalreporter.write_line(f"property-based suite: {sum(STATS.values())} spoilt calls; " +
                                ', '.join(f'{k}: {v}' for k, v in sorted(by_outcome.items())))
    import json, os
    if os.environ.get('RPM_NB_PROPS_STATS'):          # a path: every (module, outcome, kind of spoilt value) count, as JSON
        with open(os.environ['RPM_NB_PROPS_STATS'], 'w') as f: json.dump([[*k, n] for k, n in sorted(STATS.items())], f, indent=0)
