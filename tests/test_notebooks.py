"Every notebook runs, top to bottom, as a test (`#| slow` and `#| cuda` cells are skipped, as in `nbdev_test`)."
import subprocess
import pytest
from conftest import ROOT, BIN, NBS


@pytest.mark.parametrize('nb', NBS)
def test_notebook_runs(nb):
    r = subprocess.run([str(BIN/'nbdev_test'), '--path', f'nbs/{nb}', '--n_workers', '1', '--do_print'],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f'{nb} failed:\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}'
