"Specs of rpm_nb.train for the property-based suite (see framework.py). Checkpoints go to a temporary directory."
import tempfile
from pathlib import Path
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import numpy as np
import torch
from torch import nn
from torch.utils.data import TensorDataset
from rpm_nb import train
from rpm_nb.core import check_rows
from props.framework import Case, Data, Int, Real, Flag, Values, Exempt, fn_case

_TMP = tempfile.TemporaryDirectory(prefix='rpm_nb_spec_train_')      # removed when the test process ends
TMP = Path(_TMP.name)
(TMP/'file.txt').write_text('not a directory')
(TMP/'junk.pt').write_bytes(b'not a checkpoint')
train.save_checkpoint(TMP/'c.pt', nn.Linear(2, 1), step=3, epoch=1)
SEED = Int(0, optional=True)


def _hist():
    h = train.History()
    h.log(1, {'loss': 1.0}); h.log(2, {'loss': 0.5, 'kl': 0.1})
    return h


def _logged(k):
    h = _hist(); h.log(**k); return h.to_dict()


def _loaded(k):
    return train.History().load_state_dict(**k).to_dict()


def _plot(k):
    fig = _hist().plot(**k)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    plt.close(fig)
    return texts


def _model_opt():
    m = nn.Linear(2, 1)
    return dict(model=m, optimizer=torch.optim.SGD(m.parameters(), lr=0.1))


def _load(k):
    ck = train.load_checkpoint(**k)
    return ck['position'], k['model'].weight.detach().clone()


PATH_TYPES = [('type', 3, 'error'), ('type', None, 'error'), ('type', ['run.pt'], 'error'), ('dir', TMP, 'error')]


# ---------------------------------------------------------------- fit on a tiny regression
X, Y = torch.randn(12, 2, generator=torch.Generator().manual_seed(1)), torch.randn(12, generator=torch.Generator().manual_seed(2))
BATCHES = [(X[i:i + 4], Y[i:i + 4]) for i in range(0, 12, 4)]
def mse(model, batch): return (model(batch[0]).squeeze(-1) - batch[1]).square().mean()
def fit_build():
    return dict(**_model_opt(), loss_fn=mse, data=BATCHES, epochs=2, max_steps=5, time_limit=100.0, callbacks=[],
                eval_fn=lambda m: {'w': m.weight.sum()}, eval_every=2, clip_grad_norm=1.0, history=None, progress=False,
                checkpoint_path=TMP/'fit.pt', checkpoint_every=2)
def _same_history(a, b): return a.to_dict() == b.to_dict()


class Rows(nn.Module):
    "A least-squares model that holds its rows, as the RPMs do."
    objective_name = 'neg_sq_err'
    def __init__(self):
        super().__init__()
        self.X, self.y, self.N, self.lin, self.step_stats = X, Y, len(X), nn.Linear(2, 1), {}
    def objective(self, rows): return -(self.lin(self.X[check_rows('rows', rows, self.N)]).squeeze(-1) - self.y[rows]) ** 2
    def refresh(self, chunk_size=None): return self


class Holds:
    "Anything with an attribute N."
    def __init__(self, N): self.N = N


def _rows_state():
    m = Rows()
    return train.TrainState(m, torch.optim.SGD(m.parameters(), lr=0.1), train.History(), step=2)


def _state_fields(st): return (st.step, st.start, st.epoch, st.batch, st.stop, st.values)


SPECS = {
    'History': [Case(lambda: dict(step=3, values={'loss': 0.25, 'kl': torch.tensor(0.5)}, prefix='eval/'), _logged,
                     {'step': Int(0), 'prefix': Values([('type', 3, 'error'), ('type', None, 'error')]),
                      'values': Values([('type', [('loss', 1.0)], 'error'), ('type', None, 'error'), ('type', {'loss': 'low'}, 'error'),
                                        ('type', {'loss': torch.ones(2)}, 'error'), ('type', {'loss': None}, 'error'),
                                        ('numpy', {'loss': np.float64(0.25), 'kl': np.float32(0.5)}, 'same')])}, label='log'),
                Case(lambda: dict(name='loss'), lambda k: _hist().last(**k),
                     {'name': Values([('range', 'elbo', 'error'), ('type', 3, 'error'), ('type', None, 'error')])}, label='last'),
                Case(lambda: dict(name='loss'), lambda k: _hist().steps(**k),
                     {'name': Values([('range', 'elbo', 'error'), ('type', ['loss'], 'error')])}, label='steps'),
                Case(lambda: dict(name='kl'), lambda k: _hist().values(**k),
                     {'name': Values([('range', 'loss ', 'error'), ('type', 0, 'error')])}, label='values'),
                Case(lambda: dict(state=_hist().state_dict()), _loaded,
                     {'state': Values([('type', {'loss': []}, 'error'), ('type', None, 'error'), ('type', 'records', 'error'),
                                       ('range', {'records': {'loss': [(1, 'a')]}}, 'error'), ('range', {'records': {'loss': [(-1, 1.0)]}}, 'error'),
                                       ('range', {'records': {'loss': [1.0]}}, 'error'), ('type', {'records': {'loss': 3}}, 'error')])},
                     label='load_state_dict'),
                Case(lambda: dict(keys=['loss', 'kl'], smooth=1), _plot,
                     {'keys': Values([('range', ['elbo'], 'error'), ('type', 3, 'error'), ('range', 'elbo', 'error')]),
                      'smooth': Int(1)}, label='plot')],
    'get_rng_state': Exempt('takes no arguments'),
    'set_rng_state': Case(lambda: dict(state=train.get_rng_state()), lambda k: (train.set_rng_state(**k), torch.rand(2))[1],
                          {'state': Values([('type', None, 'error'), ('type', 'state', 'error'), ('keys', {'torch': torch.get_rng_state()}, 'error'),
                                            ('range', {**train.get_rng_state(), 'torch': torch.zeros(3)}, 'error'),
                                            ('range', {**train.get_rng_state(), 'python': None}, 'error')])}),
    'save_checkpoint': fn_case(train.save_checkpoint, lambda: dict(path=TMP/'s.pt', **_model_opt(), history=_hist(), step=3, epoch=1, batch=2,
                                                                   epoch_generator_state=torch.Generator().get_state(), extra={'a': 1}),
                               {'path': Values(PATH_TYPES + [('under a file', TMP/'file.txt'/'s.pt', 'error'), ('str', str(TMP/'s.pt'), 'same')]),
                                'model': Values([('type', None, 'error'), ('type', {'weight': torch.zeros(1, 2)}, 'error')]),
                                'optimizer': Values([('type', 'sgd', 'error'), ('none', None, 'same')]),
                                'history': Values([('type', {}, 'error'), ('none', None, 'same')]),
                                'step': Int(0), 'epoch': Int(0), 'batch': Int(0),
                                'epoch_generator_state': Values([('type', 3, 'error'), ('type', [0], 'error')]),
                                'scheduler': Values([('type', 0.1, 'error')]),
                                'extra': Values([('type', [1], 'error'), ('type', 'a', 'error'), ('none', None, 'same')])}),
    'load_checkpoint': Case(lambda: dict(path=TMP/'c.pt', model=nn.Linear(2, 1), restore_rng=False), _load,
                            {'path': Values(PATH_TYPES + [('str', str(TMP/'c.pt'), 'same'), ('junk', TMP/'junk.pt', 'error')]),
                             'model': Values([('type', None, 'error'), ('type', nn.Linear(2, 1).state_dict(), 'error'), ('shape', nn.Linear(3, 1), 'error')]),
                             'optimizer': Values([('type', 'sgd', 'error')]), 'scheduler': Values([('type', 0.1, 'error')]),
                             'restore_rng': Flag()}),
    'world': Exempt('takes no arguments'),
    'gather_rows': Case(lambda: dict(ts=[torch.randn(3, 2), torch.arange(3)]), lambda k: train.gather_rows(*k['ts']),
                        {'ts': Values([('length', [torch.randn(3, 2), torch.arange(2)], 'error'), ('type', [torch.randn(3, 2), 'a'], 'error'),
                                       ('unbatched', [torch.tensor(1.0)], 'error'), ('empty', [], 'error'), ('type', [np.zeros(3)], 'error')])}),
    'average_gradients': fn_case(train.average_gradients, lambda: dict(params=list(nn.Linear(2, 1).parameters()), weight=4.0),
                                 {'params': Values([('type', ['a'], 'error'), ('type', 3, 'error'), ('type', None, 'error')]), 'weight': Real(0)}),
    'mean_over_processes': fn_case(train.mean_over_processes, lambda: dict(values={'loss': 0.5, 'kl': 1.0}, weight=4.0),
                                   {'values': Values([('type', [0.5], 'error'), ('type', {'loss': 'low'}, 'error'), ('type', None, 'error')]),
                                    'weight': Real(0)}),
    'NonFiniteError': Exempt('an exception class, raised by fit'),
    'TrainState': Case(lambda: dict(**_model_opt(), history=train.History(), step=2, start=1, epoch=1, batch=0, values={'loss': 0.5}, stop=False),
                       lambda k: train.TrainState(**k),
                       {'model': Values([('type', None, 'error'), ('type', 'net', 'error')]), 'optimizer': Values([('type', None, 'error')]),
                        'history': Values([('type', {}, 'error'), ('type', None, 'error')]),
                        'step': Int(0), 'start': Int(0), 'epoch': Int(0), 'batch': Int(0), 'stop': Flag(),
                        'values': Values([('type', [0.5], 'error'), ('type', None, 'error')])},
                       same=lambda a, b: _state_fields(a) == _state_fields(b)),
    'fit': Case(fit_build, lambda k: train.fit(**k),
                {'model': Values([('type', None, 'error'), ('type', 'net', 'error')]),
                 'loss_fn': Values([('type', 'mse', 'error'), ('type', None, 'error')]),
                 'data': Values([('type', iter(BATCHES), 'error'), ('empty', [], 'error'), ('type', 3, 'error'), ('type', None, 'error'),
                                 ('width', [(torch.randn(4, 3), Y[:4])], 'error'), ('tuple', tuple(BATCHES), 'same')]),
                 'optimizer': Values([('type', None, 'error'), ('type', [torch.zeros(2)], 'error')]),
                 'epochs': Int(1), 'max_steps': Int(1, optional=True), 'time_limit': Real(0, lo_open=True, optional=True),
                 'callbacks': Values([('type', lambda st: None, 'error'), ('type', [3], 'error'), ('type', None, 'error')]),
                 'eval_fn': Values([('type', 'w', 'error'), ('none', None, 'error')]), 'eval_every': Int(1),
                 'clip_grad_norm': Real(0, lo_open=True, optional=True),
                 'history': Values([('type', {}, 'error'), ('type', [], 'error')]), 'progress': Flag(),
                 'scheduler': Values([('type', 0.1, 'error'), ('type', 'cosine', 'error')]),
                 'generator': Values([('type', 3, 'error'), ('type', 'g', 'error')]),
                 'checkpoint_path': Values(PATH_TYPES + [('under a file', TMP/'file.txt'/'x.pt', 'error'), ('str', str(TMP/'fit.pt'), 'same')]),
                 'checkpoint_every': Int(1, optional=True),
                 'resume_from': Values(PATH_TYPES[:1] + PATH_TYPES[2:] + [('junk', TMP/'junk.pt', 'error'), ('missing data', TMP/'c.pt', 'error')])},
                same=_same_history),
    'batch_rows': fn_case(train.batch_rows, lambda: dict(batch=torch.tensor([0, 2, 1])),
                          {'batch': Data(floating=False, ndim=1, extra=[('dtype', torch.tensor([0., 2., 1.]), 'error'), ('dtype', torch.tensor([True, False]), 'error'),
                                                                        ('list', [torch.tensor([0, 2, 1]), torch.zeros(3)], 'same'),
                                                                        ('type', [0, 2, 1], 'error'), ('type', (), 'error')])}),
    'IndexBatches': Case(lambda: dict(N=10, batch_size=4, seed=0), lambda k: list(train.IndexBatches(**k)),
                         {'N': Int(1), 'batch_size': Int(1, 10), 'seed': SEED}),
    'index_loader': Case(lambda: dict(model=20, batch_size=8, seed=0), lambda k: list(train.index_loader(**k)),
                         {'model': Values([('numpy', np.int64(20), 'same'), ('type', 20.0, 'error'), ('type', True, 'error'), ('range', 0, 'error'),
                                           ('type', None, 'error'), ('type', '20', 'error'), ('model', Holds(20), 'same'),
                                           ('model', Holds(np.int64(20)), 'same'), ('model', Holds(None), 'error'), ('model', Holds(-3), 'error')]),
                          'batch_size': Int(1, 20, optional=True), 'seed': SEED}),
    'distributed_loader': Case(lambda: dict(dataset=TensorDataset(torch.arange(10)), batch_size=4, seed=3),
                               lambda k: [b[0] for b in train.distributed_loader(**k)],
                               {'dataset': Values([('type', 3, 'error'), ('type', None, 'error'), ('empty', TensorDataset(torch.arange(0)), 'error'),
                                                   ('type', iter(range(3)), 'error')]),
                                'batch_size': Int(1), 'seed': Int(0)}),
    'rpm_loss': fn_case(train.rpm_loss, lambda: dict(model=Rows(), batch=torch.tensor([0, 2, 5])),
                        {'model': Values([('type', nn.Linear(2, 1), 'error'), ('type', None, 'error')]),
                         'batch': Data(floating=False, ndim=1, extra=[('dtype', torch.tensor([0., 2.]), 'error'),
                                                                      ('list', [torch.tensor([0, 2, 5])], 'same')])}),
    'RefreshTable': [Case(lambda: dict(every=2, chunk_size=3), lambda k: vars(train.RefreshTable(**k)),
                          {'every': Int(1), 'chunk_size': Int(1, optional=True)}, label='constructor'),
                     Case(lambda: dict(state=_rows_state()),
                          lambda k: train.RefreshTable(2)(**k), {'state': Values([('type', None, 'error'), ('type', 2, 'error')])},
                          label='__call__')],
    'factor_list': fn_case(train.factor_list, lambda: dict(factors=nn.Linear(2, 2), J=3),
                           {'factors': Values([('type', 'net', 'error'), ('type', None, 'error'), ('length', [nn.Linear(2, 2)] * 2, 'error'),
                                               ('type', [nn.Linear(2, 2), 'x', nn.Linear(2, 2)], 'error')]),
                            'J': Int(1)}),
    'fill_table': fn_case(train.fill_table, lambda: dict(model=Rows()),
                          {'model': Values([('type', nn.Linear(2, 2), 'error'), ('type', None, 'error')])}),
    'all_rows': fn_case(train.all_rows, lambda: dict(fn=lambda idx: idx[:, None] * 2.0, N=7, chunk_size=3),
                        {'fn': Values([('type', 'f', 'error'), ('type', None, 'error'), ('rows', lambda idx: idx.sum(), 'error'),
                                       ('rows', lambda idx: idx.tolist(), 'error')]),
                         'N': Int(0), 'chunk_size': Int(1)}),
}
