"""Specs of rpm_nb.data for the property-based suite (see framework.py). The loaders read small fake IDX files in a temporary
directory, whose checksums are made known for the duration of each call: no spec needs the real data sets."""
import tempfile
from pathlib import Path
from unittest import mock
import numpy as np
import torch
from rpm_nb import data
from props.framework import Bad, Case, Data, Int, Real, Flag, Choice, Values, Result, Exempt, fn_case

_TMP = tempfile.TemporaryDirectory(prefix='rpm_nb_spec_data_')      # removed when the test process ends
FAKE = Path(_TMP.name)


def _fake_split(d: Path) -> Path:
    "Three 28x28 images and their labels, as the test split's two IDX files in `d`."
    d.mkdir(parents=True, exist_ok=True)
    g = np.random.default_rng(0)
    data._write_idx(d/'t10k-images-idx3-ubyte.gz', g.integers(0, 256, (3, 28, 28), dtype=np.uint8))
    data._write_idx(d/'t10k-labels-idx1-ubyte.gz', np.array([3, 0, 9], dtype=np.uint8))
    return d


FM, MN = _fake_split(FAKE/'fashion-mnist'), _fake_split(FAKE/'mnist')


def _known(name: str):
    "The fake files' checksums added to those the loader accepts for data set `name`."
    d = FAKE/name
    add = {f.name: {**data._MD5[name][f.name], data._md5(f): 'fake file of the specs'} for f in d.glob('*.gz')}
    return mock.patch.dict(data._MD5[name], add)


def _load(fn, name):
    def call(k):
        with _known(name): return fn(**k)
    return call


def _root(d: Path) -> Values:
    return Values([('type', 3, 'error'), ('type', ['a'], 'error'), ('type', b'/tmp', 'error'),
                   ('file', d/'t10k-labels-idx1-ubyte.gz', 'error'), ('str', str(d), 'same')])


SEED = Int(0, optional=True)
DTYPE = Values([('type', 'float64', 'error'), ('dtype', torch.int64, 'error'), ('dtype', torch.bool, 'error'), ('type', None, 'error'),
                ('dtype', torch.float64, 'same')])
labels8 = lambda: torch.tensor([0, 1, 0, 1, 2, 2, 1, 0])


def _maze_title(fig):
    import matplotlib.pyplot as plt
    t = fig.axes[0].get_title(); plt.close(fig)
    return t


class _OptData(Data):
    "Data where None is valid too (draw nothing)."
    def bad(self, v):
        return [b for b in super().bad(v) if not (b.kind == 'type' and b.value is None)] + [Bad('none', None, 'same')]


def _maze_walls():
    return data.maze_walks(1, T=1, size=3, maze_seed=0).walls

SPECS = {
    'FASHION_MNIST_CLASSES': Exempt('a constant: the class names'),
    'read_idx': fn_case(data.read_idx, lambda: dict(path=FM/'t10k-labels-idx1-ubyte.gz'),
                        {'path': Values([('type', 3, 'error'), ('type', None, 'error'), ('type', b'x.idx', 'error'),
                                         ('dir', FM, 'error'), ('str', str(FM/'t10k-labels-idx1-ubyte.gz'), 'same')])}),
    'load_fashion_mnist': Case(lambda: dict(split='test', root=FM, download=False), _load(data.load_fashion_mnist, 'fashion-mnist'),
                               {'split': Choice(['train', 'test']), 'root': _root(FM), 'download': Flag()}),
    'load_mnist': Case(lambda: dict(split='test', root=MN, download=False), _load(data.load_mnist, 'mnist'),
                       {'split': Choice(['train', 'test']), 'root': _root(MN), 'download': Flag()}),
    'find_data_files': fn_case(data.find_data_files, lambda: dict(name='mnist', split='test', root=MN),
                               {'name': Choice(['fashion-mnist', 'mnist']), 'split': Choice(['train', 'test']), 'root': _root(MN)}),
    'binarize': fn_case(data.binarize, lambda: dict(x=torch.rand(3, 4), mode='dynamic', seed=0),
                        {'x': Data(floating=False, finite=True, extra=[('dtype', torch.ones(3, 4, dtype=torch.int64), 'error'),
                                                                       ('range', torch.full((3, 4), 1.5), 'error'), ('range', -torch.rand(3, 4) - 0.1, 'error')]),
                         'mode': Choice(['dynamic', 'static']), 'seed': SEED}),
    'load_digits': Exempt('takes no arguments'),
    'peer_index': fn_case(data.peer_index, lambda: dict(labels=labels8(), views=2, seed=0),
                          {'labels': Data(floating=False, ndim=1, extra=[('dtype', labels8().float(), 'error'), ('dtype', labels8() > 0, 'error'),
                                                                         ('class of one', torch.tensor([0, 0, 1]), 'error')]),
                           'views': Int(2), 'seed': SEED}),
    'peer_pairs': fn_case(data.peer_pairs, lambda: dict(images=torch.rand(8, 2, 3), labels=labels8(), views=2, seed=0),
                          {'images': Data(floating=False, extra=[('length', torch.rand(5, 2, 3), 'error')]),
                           'labels': Data(floating=False, ndim=1, extra=[('length', labels8()[:6], 'error'), ('dtype', labels8().float(), 'error')]),
                           'views': Int(2), 'seed': SEED}),
    'FactorAnalysisData': Result(data.FactorAnalysisData),
    'factor_analysis_views': fn_case(data.factor_analysis_views, lambda: dict(N=5, J=2, D=3, latent_dim=1, noise_var=0.1, seed=0),
                                     {'N': Int(1), 'J': Int(1), 'D': Int(1), 'latent_dim': Int(1), 'noise_var': Real(0, lo_open=True),
                                      'seed': SEED, 'dtype': DTYPE}),
    'CopulaData': Result(data.CopulaData),
    'gaussian_copula': fn_case(data.gaussian_copula, lambda: dict(N=5, rho=-0.5, rates=(1.0, 0.5), seed=0),
                               {'N': Int(1), 'rho': Real(-1, 1, lo_open=True, hi_open=True), 'seed': SEED, 'dtype': DTYPE,
                                'rates': Values([('type', 2.0, 'error'), ('type', None, 'error'), ('length', (1.0,), 'error'),
                                                 ('range', (1.0, 0.0), 'error'), ('range', (-1.0, 1.0), 'error'), ('range', (1.0, float('nan')), 'error'),
                                                 ('type', (1.0, 'a'), 'error'), ('numpy', (np.float64(1.0), np.float64(0.5)), 'same'), ('list', [1.0, 0.5], 'same')])}),
    'BouncingBall': Result(data.BouncingBall),
    'bouncing_ball': fn_case(data.bouncing_ball, lambda: dict(N=2, T=4, J=3, kind='textured', speed=(0.1, 0.3), seed=0),
                             {'N': Int(1), 'T': Int(1), 'J': Int(2), 'kind': Choice(['poisson', 'textured']), 'seed': SEED, 'dtype': DTYPE,
                              'speed': Values([('type', 0.2, 'error'), ('type', None, 'error'), ('length', (0.1, 0.2, 0.3), 'error'),
                                               ('range', (0.3, 0.1), 'error'), ('range', (-0.1, 0.1), 'error'), ('range', (0.1, float('inf')), 'error'),
                                               ('numpy', (np.float64(0.1), np.float64(0.3)), 'same')])}),
    'PinwheelData': Result(data.PinwheelData),
    'pinwheel': fn_case(data.pinwheel, lambda: dict(N=6, K=3, radial_std=0.3, tangential_std=0.05, rate=0.25, seed=0),
                        {'N': Int(1), 'K': Int(1), 'radial_std': Real(0), 'tangential_std': Real(0), 'rate': Real(),
                         'seed': SEED, 'dtype': DTYPE}),
    'MazeWalks': Result(data.MazeWalks),
    'maze_walks': fn_case(data.maze_walks, lambda: dict(N=2, T=3, size=3, stay=0.2, flip=0.1, noise=0.5, loops=0.1, maze_seed=1, seed=0),
                          {'N': Int(1), 'T': Int(1), 'size': Int(2), 'stay': Real(0, 1, hi_open=True), 'flip': Real(0, 1),
                           'noise': Real(0), 'loops': Real(0, 1), 'maze_seed': Int(0), 'seed': SEED, 'dtype': DTYPE}),
    'plot_maze': Case(lambda: dict(walls=_maze_walls(), cells=torch.tensor([0, 1, 4, 4]), title='t'), lambda k: _maze_title(data.plot_maze(**k)),
                      {'walls': Data(floating=False, ndim=3, extra=[('dtype', _maze_walls().double(), 'error'), ('width', torch.ones(3, 3, 5, dtype=torch.bool), 'error'),
                                                                    ('shape', torch.ones(3, 4, 4, dtype=torch.bool), 'error')]),
                       'cells': _OptData(floating=False, ndim=1, extra=[('dtype', torch.tensor([0.0, 1.0]), 'error'), ('range', torch.tensor([0, 9]), 'error'),
                                                                        ('range', torch.tensor([-1, 0]), 'error')]),
                       'ax': Values([('type', 'axes', 'error'), ('type', 3, 'error')]), 'title': Values([('type', 3, 'error'), ('type', None, 'error')])}),
    'LorenzViews': Result(data.LorenzViews),
    'lorenz_views': fn_case(data.lorenz_views, lambda: dict(N=2, T=4, J=2, V=3, dt=0.03, noise=0.1, seed=0, view_seed=0),
                            {'N': Int(1), 'T': Int(1), 'J': Int(1), 'V': Int(1), 'dt': Real(0, lo_open=True), 'noise': Real(0),
                             'seed': SEED, 'view_seed': Int(0), 'dtype': DTYPE}),
}
