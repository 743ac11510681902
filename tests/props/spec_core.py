"Specs of rpm_nb.core for the property-based suite (see framework.py)."
import torch
from rpm_nb import core
from props.framework import Case, Data, Int, Real, Flag, Choice, Index, Values, Exempt, fn_case

x34 = lambda: torch.randn(3, 4, dtype=torch.float64)

SPECS = {
    'ArgTypeError': Exempt('an exception class, raised by the checks'),
    'check_tensor': fn_case(core.check_tensor, lambda: dict(name='x', x=x34(), dtype_floating=True),
                            {'x': Data(numpy='error', nonempty=False), 'dtype_floating': Flag()}),
    'check_shape': fn_case(core.check_shape, lambda: dict(name='x', x=x34(), shape=(None, 4)),
                           {'x': Data(ndim=2, width=True, numpy='error', floating=False, nonempty=False)}),
    'check_int': fn_case(core.check_int, lambda: dict(name='K', value=3, min=1, max=5), {'value': Int(1, 5)}, names={'value': 'K'}),
    'check_positive': fn_case(core.check_positive, lambda: dict(name='lr', value=0.1), {'value': Real(0, lo_open=True)}, names={'value': 'lr'}),
    'check_real': fn_case(core.check_real, lambda: dict(name='p', value=0.5, min=0, max=1), {'value': Real(0, 1)}, names={'value': 'p'}),
    'check_in': fn_case(core.check_in, lambda: dict(name='split', value='train', options=['train', 'test']),
                        {'value': Choice(['train', 'test'])}, names={'value': 'split'}),
    'check_flag': fn_case(core.check_flag, lambda: dict(name='progress', value=True), {'value': Flag()}, names={'value': 'progress'}),
    'check_data': fn_case(core.check_data, lambda: dict(name='x', x=x34(), ndim=2, finite=True),
                          {'x': Data(ndim=2, finite=True)}),
    'check_index': fn_case(core.check_index, lambda: dict(name='idx', idx=torch.tensor([0, 2, 2]), n=3), {'idx': Index(3)}),
    'check_rows': fn_case(core.check_rows, lambda: dict(name='idx', idx=torch.tensor([0, 2]), n=3),
                          {'idx': Values([('range', torch.tensor([0, 3]), 'error'), ('repeat', torch.tensor([1, 1]), 'error'),
                                          ('dtype', torch.tensor([0.0]), 'error'), ('type', [0, 1], 'error'),
                                          ('empty', torch.tensor([], dtype=torch.long), 'error')])}),
    'seed_everything': fn_case(core.seed_everything, lambda: dict(seed=3), {'seed': Int(0)}),
    'as_generator': Case(lambda: dict(seed=3), lambda k: torch.rand(3, generator=core.as_generator(**k)), {'seed': Int(0, optional=True)}),
    'own_generator': Case(lambda: dict(seed=3), lambda k: torch.rand(3, generator=core.own_generator(**k)), {'seed': Int(0, optional=True)}),
    'device_of': fn_case(lambda objs: core.device_of(*objs), lambda: dict(objs=[1, torch.zeros(2)]),
                         {'objs': Values([('none', [], 'same'), ('type', ['a', None], 'same')])}),
    'to_device': fn_case(core.to_device, lambda: dict(obj={'x': torch.zeros(2)}, device='cpu'),
                         {'device': Values([('range', 'no-such-device', 'error'), ('type', 3.5, 'error')])}),
    'check_device': fn_case(core.check_device, lambda: dict(name='device', device='cpu'),
                            {'device': Values([('range', 'gpu0', 'error'), ('type', 0.5, 'error'), ('type', None, 'error')])}),
    'log_mean_exp': fn_case(core.log_mean_exp, lambda: dict(x=x34(), dim=0),
                            {'x': Data(numpy='either'), 'dim': Values([('range', 2, 'error'), ('range', -3, 'error'), ('type', 0.5, 'error'), ('type', 'a', 'error')])}),
    'row_chunks': fn_case(lambda **k: list(core.row_chunks(**k)), lambda: dict(n=7, chunk_size=3), {'n': Int(0), 'chunk_size': Int(1)}),
    'test_close64': fn_case(core.test_close64, lambda: dict(a=torch.ones(3), b=torch.ones(3)),
                            {'atol': Values([('range', -1.0, 'error'), ('type', 'a', 'error')]), 'rtol': Values([('range', -1.0, 'error')])}),
    'test_mc_mean': fn_case(core.test_mc_mean, lambda: dict(samples=torch.randn(100, 2, dtype=torch.float64), exact=0.0),
                            {'samples': Data(ndim=None, extra=[('one draw', torch.zeros(1, 2), 'error')]), 'z': Real(0, lo_open=True)}),
    'gradcheck64': fn_case(lambda inputs, **k: core.gradcheck64(lambda x: (x ** 2).sum(), *inputs, **k), lambda: dict(inputs=[torch.randn(3)]),
                           {'eps': Real(0, lo_open=True), 'atol': Real(0), 'rtol': Real(0)}),
}
