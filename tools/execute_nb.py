"""Execute a notebook top to bottom, `#| slow` cells included, and save every cell's outputs into it.

    .venv/bin/python tools/execute_nb.py nbs/13_chains.ipynb [--only CELL_ID ...] [--threads 1]

With `--only`, every cell still runs (`--skip-slow` skips the `#| slow` cells not listed), but only the cells with those ids get their new outputs; the others keep the
outputs they had (use it to refresh one slow result without touching the rest of the page).

Runs from `nbs/` (as nbdev_test does), stops at the first error (the notebook is left unchanged then), and runs
`nbdev_clean` on the result. `#| cuda` cells are skipped where no GPU is present."""
import argparse, re, subprocess, sys
from pathlib import Path
import torch
from execnb.nbio import read_nb, write_nb
from execnb.shell import CaptureShell


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument('path')
    ap.add_argument('--only', nargs='+', default=None, metavar='CELL_ID', help='store new outputs only in these cells')
    ap.add_argument('--skip-slow', action='store_true', help='with --only: skip the `#| slow` cells not listed (their outputs stay)')
    ap.add_argument('--threads', type=int, default=1, help='torch threads (default 1, as the timings in the pages assume)')
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    path = Path(a.path).resolve()
    nb = read_nb(path)
    if a.only:
        missing = set(a.only) - {c.get('id') for c in nb.cells}
        if missing: sys.exit(f"--only: no cell with id {sorted(missing)} in {path}")
        kept = {c.get('id'): (c.get('outputs'), c.get('execution_count')) for c in nb.cells if c.cell_type == 'code'}
    cuda = lambda c: c.cell_type == 'code' and not torch.cuda.is_available() and re.search(r'^#\|\s*cuda\b', c.source, re.M)
    slow = lambda c: (a.skip_slow and c.cell_type == 'code' and c.get('id') not in (a.only or ())
                      and re.search(r'^#\|\s*slow\b', c.source, re.M))
    skip = lambda c: bool(cuda(c) or slow(c))
    import os
    os.chdir(path.parent)
    sh = CaptureShell(path)
    sh.run_all(nb, exc_stop=True, preproc=skip)
    if a.only:
        for c in nb.cells:
            if c.cell_type == 'code' and c.get('id') not in a.only: c['outputs'], c['execution_count'] = kept[c.get('id')]
    write_nb(nb, path)
    subprocess.run([str(Path(sys.executable).parent/'nbdev_clean'), '--fname', str(path)], check=True)


if __name__ == '__main__': main()
