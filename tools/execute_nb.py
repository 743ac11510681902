"""Execute a notebook top to bottom, `#| slow` cells included, and save every cell's outputs into it.

    .venv/bin/python tools/execute_nb.py nbs/13_chains.ipynb [--skip-cuda]

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
    a = ap.parse_args()
    path = Path(a.path).resolve()
    nb = read_nb(path)
    skip = lambda c: c.cell_type == 'code' and not torch.cuda.is_available() and re.search(r'^#\|\s*cuda\b', c.source, re.M)
    import os
    os.chdir(path.parent)
    sh = CaptureShell(path)
    sh.run_all(nb, exc_stop=True, preproc=skip)
    write_nb(nb, path)
    subprocess.run([str(Path(sys.executable).parent/'nbdev_clean'), '--fname', str(path)], check=True)


if __name__ == '__main__': main()
