"An interrupted-and-resumed run ends with exactly the parameters of an uninterrupted one with the same seed; checked paths and counts."
import numpy as np
import pytest
import torch
from torch import nn
from torch.utils.data import DataLoader, TensorDataset
from rpm_nb.train import fit, index_loader, load_checkpoint, save_checkpoint


class Stop(Exception): pass


def _setup(seed=0):
    g = torch.Generator().manual_seed(0)                   # the same data in every run
    X, y = torch.randn(96, 5, generator=g), torch.randint(0, 2, (96,), generator=g)
    torch.manual_seed(seed)
    model = nn.Sequential(nn.Linear(5, 16), nn.ReLU(), nn.Dropout(0.3), nn.Linear(16, 2))
    opt = torch.optim.Adam(model.parameters(), 1e-2)
    dl = DataLoader(TensorDataset(X, y), batch_size=16, shuffle=True, generator=torch.Generator().manual_seed(1))
    return model, opt, dl


def loss_fn(model, batch):
    x, y = batch
    return nn.functional.cross_entropy(model(x), y)


def test_resume_mid_epoch_is_exact(tmp_path):
    model_a, opt_a, dl_a = _setup()
    torch.manual_seed(123)
    hist_a = fit(model_a, loss_fn, dl_a, opt_a, epochs=3, progress=False)

    model_b, opt_b, dl_b = _setup()
    torch.manual_seed(123)
    ckpt = tmp_path/'run.pt'
    def crash(state):
        if state.step == 8: raise Stop()                  # mid-epoch: 6 batches per epoch
    try: fit(model_b, loss_fn, dl_b, opt_b, epochs=3, progress=False, callbacks=[crash],
             checkpoint_path=ckpt, checkpoint_every=4)
    except Stop: pass

    model_c, opt_c, dl_c = _setup(seed=99)               # a different initialisation and global RNG state
    torch.manual_seed(7)
    hist_c = fit(model_c, loss_fn, dl_c, opt_c, epochs=3, progress=False, resume_from=ckpt)
    for pa, pc in zip(model_a.parameters(), model_c.parameters()): assert torch.equal(pa, pc)
    assert hist_a.to_dict() == hist_c.to_dict()


def test_checkpoint_restores_model_and_optimizer(tmp_path):
    model, opt, dl = _setup()
    fit(model, loss_fn, dl, opt, epochs=1, progress=False, checkpoint_path=tmp_path/'c.pt', checkpoint_every=100)
    fresh, fresh_opt, _ = _setup(seed=5)
    load_checkpoint(tmp_path/'c.pt', fresh, fresh_opt)
    for p, q in zip(model.parameters(), fresh.parameters()): assert torch.equal(p, q)
    assert fresh_opt.state_dict()['state'][0]['step'] == opt.state_dict()['state'][0]['step']


def test_index_loader_takes_a_numpy_integer():
    "A NumPy integer is a number of rows (it once read as a model without N: 'model.N: expected an integer, got None')."
    a, b = index_loader(np.int64(20), 8, seed=0), index_loader(20, 8, seed=0)
    assert a.N == 20 and len(a) == len(b) == 3
    assert all(torch.equal(x, y) for x, y in zip(a, b))
    class Holds: N = np.int32(20)
    assert index_loader(Holds(), 8, seed=0).N == 20


def test_checkpoint_paths_that_are_directories_are_named(tmp_path):
    "A directory given as a checkpoint file is refused, before training, naming the argument (it once raised a raw IsADirectoryError)."
    model, opt, dl = _setup()
    before = [p.detach().clone() for p in model.parameters()]
    with pytest.raises(ValueError, match=f'checkpoint_path: {tmp_path} is a directory; expected a checkpoint file name'):
        fit(model, loss_fn, dl, opt, epochs=1, progress=False, checkpoint_path=tmp_path, checkpoint_every=2)
    assert all(torch.equal(p, q) for p, q in zip(before, model.parameters()))          # no step taken
    with pytest.raises(ValueError, match=f'path: {tmp_path} is a directory'): save_checkpoint(tmp_path, model, opt)
    with pytest.raises(ValueError, match=f'path: {tmp_path} is a directory'): load_checkpoint(tmp_path, model, opt)
    with pytest.raises(ValueError, match=f'resume_from: {tmp_path} is a directory'):
        fit(model, loss_fn, dl, opt, progress=False, resume_from=tmp_path)
    with pytest.raises(ValueError, match='is a file, not a directory'):
        (tmp_path/'f').write_text('x'); save_checkpoint(tmp_path/'f'/'c.pt', model)
    assert sorted(p.name for p in tmp_path.iterdir()) == ['f']


def test_fit_flags_are_booleans():
    model, opt, dl = _setup()
    for flag in ('no', 'False', 0, None):
        with pytest.raises(TypeError, match='progress: expected True or False'): fit(model, loss_fn, dl, opt, progress=flag)
