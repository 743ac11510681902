"Specs of rpm_nb.plots for the property-based suite (see framework.py). Figures are drawn with the Agg backend and closed."
import matplotlib
matplotlib.use('Agg')
import matplotlib.pyplot as plt
import numpy as np
import torch
from rpm_nb import plots
from props.framework import Case, Data, Int, Real, Flag, Values, fn_case

imgs = lambda: torch.rand(4, 8, 8, generator=torch.Generator().manual_seed(0))
u = torch.arange(8.)


def blob(z):
    "(B, D) latent points -> (B, 64): an 8x8 blob centred at (4 + z0, 4 + z1)."
    cx, cy = 4 + z[:, :1, None], 4 + z[:, 1:2, None]
    return torch.exp(-((u[None, :, None] - cy) ** 2 + (u[None, None, :] - cx) ** 2) / 4).reshape(len(z), 64)


def _summary(fig):
    "What a figure shows: per axes its images, lines, legend texts and title; the figure is closed."
    out = []
    for ax in fig.axes:
        leg = ax.get_legend()
        out.append(([np.asarray(im.get_array()) for im in ax.images], [np.asarray(line.get_ydata(), dtype=float) for line in ax.lines],
                    [] if leg is None else [t.get_text() for t in leg.get_texts()], ax.get_title(), len(ax.collections)))
    plt.close(fig)
    return out


def drawn(fn):
    "A call of plotting function `fn` that returns the summary of its figure, and leaves no figure open."
    def call(k):
        try: return _summary(fn(**k))
        finally: plt.close('all')
    return call


IMAGES = Data(floating=False, ndim=3, extra=[('channels', torch.rand(4, 2, 8, 8), 'error'), ('pixels', torch.rand(4, 0, 8), 'error'),
                                             ('complex', torch.rand(4, 8, 8, dtype=torch.complex64), 'error'), ('type', [[0.5]], 'error'),
                                             ('channels first', imgs()[:, None], 'same')])
NROW = Int(1, optional=True)
CMAP = Values([('range', 'grey-ish', 'error'), ('type', 3, 'error'), ('type', None, 'error')])
AX = Values([('type', 'left', 'error'), ('type', 3, 'error'), ('type', plt, 'error')])
TITLE = Values([('type', 3, 'error'), ('type', ['t'], 'error')])
SHAPE = Values([('type', 8, 'error'), ('range', (8, 0), 'error'), ('range', (7, 8), 'error'), ('type', (8, 8.0), 'error'),
                ('type', (8, True), 'error'), ('numpy', (np.int64(8), np.int64(8)), 'same'), ('list', [8, 8], 'same')])
RANGES = Values([('range', (3.0, -3.0), 'error'), ('type', 3.0, 'error'), ('type', None, 'error'), ('type', ('a', 'b'), 'error'),
                 ('length', [(-3.0, 3.0)] * 3, 'error'), ('range', (-float('inf'), 3.0), 'error'), ('numpy', (np.float64(-3.0), np.float64(3.0)), 'same')])
DIMS = Values([('range', [2], 'error'), ('type', 1, 'error'), ('empty', [], 'error'), ('type', [0.5], 'error'),
               ('numpy', [np.int64(0), np.int64(1)], 'same'), ('tuple', (0, 1), 'same')])
DECODE = Values([('type', 'blob', 'error'), ('type', None, 'error'), ('latent width', torch.nn.Linear(3, 64), 'error'),
                 ('image size', lambda z: torch.zeros(len(z), 10), 'error')])
curves = lambda: {'train': [3.0, 2.0, 1.5, 1.2], 'valid': [(2, 2.5), (4, 1.4)]}

SPECS = {
    'make_grid': [fn_case(plots.make_grid, lambda: dict(images=imgs(), nrow=3, pad=1, pad_value=0.5),
                          {'images': IMAGES, 'nrow': NROW, 'pad': Int(0), 'pad_value': Real(optional=True)}, label='stacked images'),
                  fn_case(plots.make_grid, lambda: dict(images=imgs().reshape(4, 64), shape=(8, 8)),
                          {'images': Data(floating=False, ndim=2, extra=[('width', torch.rand(4, 63), 'error')]), 'shape': SHAPE},
                          label='flattened images')],
    'show_images': Case(lambda: dict(images=imgs(), nrow=2, titles=['a', 'b', 'c', 'd'], cmap='gray', vmin=0.0, vmax=1.0, size=1.0, suptitle='s'),
                        drawn(plots.show_images),
                        {'images': IMAGES, 'nrow': NROW, 'cmap': CMAP, 'vmin': Real(optional=True), 'vmax': Real(optional=True),
                         'size': Real(0, lo_open=True), 'suptitle': TITLE,
                         'titles': Values([('type', 'abcd', 'error'), ('length', ['a'], 'error'), ('type', 3, 'error'),
                                           ('tuple', ('a', 'b', 'c', 'd'), 'same'), ('numpy', np.array(['a', 'b', 'c', 'd']), 'same')])}),
    'show_grid': Case(lambda: dict(images=imgs(), nrow=2, pad=1, cmap='gray', title='t', size=0.5), drawn(plots.show_grid),
                      {'images': IMAGES, 'nrow': NROW, 'pad': Int(0), 'ax': AX, 'cmap': CMAP, 'title': TITLE, 'size': Real(0, lo_open=True)}),
    'moving_average': fn_case(plots.moving_average, lambda: dict(values=[4.0, 2.0, 6.0, 0.0, 8.0], window=2),
                              {'values': Values([('type', 'abc', 'error'), ('type', None, 'error'), ('shape', np.ones((2, 3)), 'error'),
                                                 ('type', ['a', 'b'], 'error'), ('type', {'a': 1.0}, 'error'),
                                                 ('numpy', np.array([4.0, 2.0, 6.0, 0.0, 8.0]), 'same'),
                                                 ('tensor', torch.tensor([4.0, 2.0, 6.0, 0.0, 8.0], requires_grad=True), 'same')]),
                               'window': Int(1)}),
    'plot_curves': Case(lambda: dict(curves=curves(), keys=['train', 'valid'], smooth=2, logy=False, xlabel='step', ylabel='loss', title='t'),
                        drawn(plots.plot_curves),
                        {'curves': Values([('type', [], 'error'), ('type', None, 'error'), ('empty', {}, 'error'), ('type', {'train': 'xy', 'valid': [1.0]}, 'error'),
                                           ('shape', {'train': np.zeros((3, 3)), 'valid': [1.0]}, 'error'),
                                           ('tensor', {'train': torch.tensor([3.0, 2.0, 1.5, 1.2]), 'valid': torch.tensor([[2, 2.5], [4, 1.4]])}, 'same')]),
                         'keys': Values([('range', ['elbo'], 'error'), ('type', 3, 'error'), ('type', [3], 'error'), ('range', 'elbo', 'error'),
                                         ('tuple', ('train', 'valid'), 'same')]),
                         'smooth': Values([('range', 0, 'error'), ('type', 2.5, 'error'), ('type', None, 'error'), ('type', 'a', 'error'),
                                           ('range', {'train': 0}, 'error'), ('numpy', np.int64(2), 'same'), ('dict', {'train': 2, 'valid': 2}, 'same')]),
                         'ax': AX, 'logy': Flag(), 'xlabel': Values([('type', None, 'error'), ('type', 3, 'error')]), 'ylabel': TITLE, 'title': TITLE}),
    'plot_latents_2d': Case(lambda: dict(z=torch.randn(6, 3), labels=torch.tensor([0, 1, 2, 0, 1, 2]), dims=(0, 2),
                                         label_names=['zero', 'one', 'two'], s=5.0, alpha=0.5, title='t'), drawn(plots.plot_latents_2d),
                            {'z': Data(floating=False, ndim=2, extra=[('width', torch.randn(6, 1), 'error'), ('type', [[0.0, 1.0]], 'error')]),
                             'labels': Values([('length', torch.tensor([0, 1]), 'error'), ('dtype', torch.rand(6), 'error'), ('type', 'abc', 'error'),
                                               ('unbatched', torch.tensor(0), 'error'), ('extra_dim', torch.tensor([[0, 1, 2, 0, 1, 2]]), 'error'),
                                               ('numpy', np.array([0, 1, 2, 0, 1, 2]), 'same'), ('list', [0, 1, 2, 0, 1, 2], 'same')]),
                             'dims': Values([('range', (0, 3), 'error'), ('range', (1, 1), 'error'), ('type', 0, 'error'), ('type', (0.0, 2.0), 'error'),
                                             ('numpy', (np.int64(0), np.int64(2)), 'same'), ('list', [0, 2], 'same')]),
                             'label_names': Values([('length', ['zero'], 'error'), ('type', 3, 'error'), ('dict', {0: 'zero', 1: 'one', 2: 'two'}, 'same')]),
                             's': Real(0, lo_open=True), 'alpha': Real(0, 1), 'title': TITLE, 'ax': AX}),
    'latent_traversal': fn_case(plots.latent_traversal, lambda: dict(decode=blob, latent_dim=2, ranges=(-3.0, 3.0), n=3, dims=[0, 1], shape=(8, 8)),
                                {'decode': DECODE, 'latent_dim': Int(1), 'ranges': RANGES, 'n': Int(2), 'dims': DIMS, 'shape': SHAPE}),
    'latent_explorer': Case(lambda: dict(decode=blob, latent_dim=2, ranges=(-3.0, 3.0), shape=(8, 8), n=3, dims=[0, 1], interactive=False,
                                         step=0.1, cmap='gray', vrange=(0.0, 1.0)), drawn(plots.latent_explorer),
                            {'decode': DECODE, 'latent_dim': Int(1), 'ranges': RANGES, 'shape': SHAPE, 'n': Int(2), 'dims': DIMS,
                             'interactive': Values([('type', 'no', 'error'), ('type', 1, 'error'), ('numpy', np.bool_(False), 'same')]),
                             'step': Real(0, lo_open=True), 'cmap': CMAP,
                             'vrange': Values([('range', (1.0, 0.0), 'error'), ('type', 1.0, 'error'), ('type', ('a', 1.0), 'error'),
                                               ('length', (0.0, 0.5, 1.0), 'error'), ('none', None, 'either')])}),
}
