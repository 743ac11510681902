"Shared paths for the test-suite."
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent          # the venv's bin/, where nbdev_test & co live
NBS = sorted(p.name for p in (ROOT/'nbs').glob('*.ipynb'))
