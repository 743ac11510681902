"""Specs of rpm_nb.distributed for the property-based suite (see framework.py). No process group is started: `setup` runs
without a launcher's environment (it then joins nothing), and the launchers are only given arguments that are refused
before any process starts, so every spoilt value of theirs is an error (no NumPy integers, which would launch)."""
import math, os, tempfile
from pathlib import Path
import numpy as np
from rpm_nb import distributed
from props.framework import Case, Values, Exempt, fn_case

_TMP = tempfile.TemporaryDirectory(prefix='rpm_nb_spec_distributed_')      # removed when the test process ends
SCRIPT = Path(_TMP.name)/'noop.py'
SCRIPT.write_text('print("never run by the specs")\n')


def _setup(k):
    assert 'WORLD_SIZE' not in os.environ, 'the specs must run outside torchrun'
    return distributed.setup(**k)



COUNT = Values([('type', 2.5, 'error'), ('type', '2', 'error'), ('type', True, 'error'), ('type', None, 'error'),
                ('range', 0, 'error'), ('range', -3, 'error')])
SECONDS = Values([('type', 'a', 'error'), ('type', None, 'error'), ('range', 0, 'error'), ('range', -1.0, 'error'),
                  ('range', math.nan, 'error'), ('range', math.inf, 'error'), ('type', [1.0], 'error')])

SPECS = {
    'setup': Case(lambda: dict(backend='gloo'), _setup,
                  {'backend': Values([('range', 'mpi', 'error'), ('type', 3, 'error'), ('type', ['gloo'], 'error'), ('type', True, 'error'),
                                      ('none', None, 'same'), ('nccl', 'nccl', 'same'), ('numpy', np.str_('gloo'), 'same')])}),
    'cleanup': Exempt('takes no arguments'),
    'free_port': Exempt('takes no arguments'),
    'torchrun': fn_case(distributed.torchrun, lambda: dict(script=SCRIPT, nprocs=1, threads=1, timeout=30.0),
                        {'script': Values([('type', 3, 'error'), ('type', None, 'error'), ('type', ['noop.py'], 'error')]),
                         'nprocs': COUNT, 'threads': COUNT, 'timeout': SECONDS}),
    'launch': fn_case(distributed.launch, lambda: dict(fn=math.sqrt, nprocs=1, threads=1, timeout=30.0),
                      {'fn': Values([('type', 'sqrt', 'error'), ('type', None, 'error'), ('lambda', lambda: 1, 'error'),
                                     ('nested', (lambda: (lambda: 1))(), 'error')]),
                       'nprocs': COUNT, 'threads': COUNT, 'timeout': SECONDS}),
}
