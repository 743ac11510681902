"Every notebook runs, top to bottom, as a test (`#| slow` and `#| cuda` cells are skipped, as in `nbdev_test`)."
import subprocess
import pytest
from conftest import ROOT, BIN, NBS


@pytest.mark.parametrize('nb', NBS)
def test_notebook_runs(nb):
    r = subprocess.run([str(BIN/'nbdev_test'), '--path', f'nbs/{nb}', '--n_workers', '1', '--do_print'],
                       cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert r.returncode == 0, f'{nb} failed:\n{r.stdout[-6000:]}\n{r.stderr[-6000:]}'


@pytest.mark.parametrize('nb', NBS)
def test_slow_cells_have_no_imports(nb):
    "The docs build executes every cell that imports something, `#| slow` ones included: a slow cell must import nothing."
    import json, re
    for i, c in enumerate(json.loads((ROOT/'nbs'/nb).read_text())['cells']):
        src = ''.join(c['source'])
        if c['cell_type'] == 'code' and re.search(r'^#\|\s*slow\b', src, re.M):
            bad = [l for l in src.splitlines() if re.match(r'\s*(import|from\s+\S+\s+import)\s', l)]
            assert not bad, f'{nb}, cell {i}: a #| slow cell imports ({bad[0]!r}); move the import to a cell of its own'
