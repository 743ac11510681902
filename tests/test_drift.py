"""Drift checks: the committed rpm_nb/ must be what `nbdev_export` writes, the notebooks must be what
`nbdev_clean` leaves, and README.md must be what tools/build_docs.py makes of nbs/index.ipynb.

Each check runs the tool on a copy of the project and compares, so the working tree is never touched."""
import filecmp, shutil, subprocess
from pathlib import Path
import pytest
from conftest import ROOT, BIN


def _project_files():
    out = subprocess.run(['git', 'ls-files', '--cached', '--others', '--exclude-standard'], cwd=ROOT,
                         capture_output=True, text=True, check=True).stdout.split()
    return [f for f in out if (ROOT/f).is_file()]


@pytest.fixture(scope='module')
def copy(tmp_path_factory):
    dest = tmp_path_factory.mktemp('project')
    for f in _project_files():
        (dest/f).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT/f, dest/f)
    return dest


def _changed(copy, folder, suffix):
    "Files under `folder` that differ between the project and the copy, or exist in only one of them."
    mine = {p.relative_to(ROOT) for p in (ROOT/folder).rglob(f'*{suffix}') if '.ipynb_checkpoints' not in p.parts}
    theirs = {p.relative_to(copy) for p in (copy/folder).rglob(f'*{suffix}') if '.ipynb_checkpoints' not in p.parts}
    mine = {p for p in mine if str(p) in set(_project_files())}
    diff = sorted(str(p) for p in mine ^ theirs)
    diff += sorted(str(p) for p in mine & theirs if not filecmp.cmp(ROOT/p, copy/p, shallow=False))
    return diff


def test_export_matches_notebooks(copy):
    shutil.rmtree(copy/'rpm_nb')
    subprocess.run([str(BIN/'nbdev_export')], cwd=copy, check=True, capture_output=True)
    changed = _changed(copy, 'rpm_nb', '.py')
    assert not changed, f'rpm_nb/ disagrees with the notebooks; run `make export` and commit: {changed}'


def test_notebooks_are_clean(copy):
    subprocess.run([str(BIN/'nbdev_clean')], cwd=copy, check=True, capture_output=True)
    changed = _changed(copy, 'nbs', '.ipynb')
    assert not changed, f'notebooks are not clean; run `make export` (it runs nbdev_clean) and commit: {changed}'


def test_readme_matches_index(copy):
    subprocess.run([str(BIN/'python'), 'tools/build_docs.py', '--readme-only'], cwd=copy, check=True,
                   capture_output=True)
    assert filecmp.cmp(ROOT/'README.md', copy/'README.md', shallow=False), \
        'README.md is not what nbs/index.ipynb generates; run `make export` and commit'
