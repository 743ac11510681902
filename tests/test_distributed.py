"""Data-parallel training is exact: P = 2 processes with batches of B rows each follow the parameter trajectory of one
process with batches of 2B on the same row order (float64, to 1e-10), and keep identical RPM tables."""
import sys
from pathlib import Path
import pytest
import torch
sys.path.insert(0, str(Path(__file__).parent))
import dist_cases
from rpm_nb.distributed import launch

pytestmark = pytest.mark.skipif(not torch.distributed.is_available(), reason='torch.distributed is not available')

def _check(one:dict, two:list):
    for r in two:                                                     # every process holds the same parameters and table
        assert torch.equal(r['params'], two[0]['params']) and torch.equal(r['table'], two[0]['table'])
    assert two[0]['params'].shape == one['params'].shape
    assert float((two[0]['params'] - one['params']).abs().max()) < 1e-10
    if one['table'].numel(): assert float((two[0]['table'] - one['table']).abs().max()) < 1e-10
    assert float((one['params'][-1] - one['params'][0]).abs().max()) > 1e-2          # the runs went somewhere

def test_vae_two_processes_exact():
    _check(dist_cases.vae(8), launch(dist_cases.vae, 2, 4))

def test_discrete_rpm_two_processes_exact():
    _check(dist_cases.discrete_rpm(8), launch(dist_cases.discrete_rpm, 2, 4))

@pytest.mark.parametrize('amortised', [False, True])
def test_continuous_rpm_two_processes_exact(amortised):
    _check(dist_cases.continuous_rpm(6, amortised=amortised), launch(dist_cases.continuous_rpm, 2, 3, 3, amortised))

def test_resume_two_processes(tmp_path):
    out = launch(dist_cases.resume, 2, 4, str(tmp_path / 'ck.pt'))
    for r in out: assert float((r['resumed'] - r['straight']).abs().max()) < 1e-12
    assert out[0]['evals'] > 0 and out[1]['evals'] == 0                        # rank 0 alone evaluates
    assert out[0]['steps'] == out[1]['steps'] == 18
    ck = torch.load(tmp_path / 'ck.pt', weights_only=True)
    assert ck['extra']['processes'] == 2 and len(ck['extra']['process_rng']) == 2

@pytest.mark.parametrize('pooled', [False, True])
def test_temporal_rpm_two_processes_exact(pooled):
    _check(dist_cases.temporal_rpm(6, pooled=pooled), launch(dist_cases.temporal_rpm, 2, 3, 3, pooled))
