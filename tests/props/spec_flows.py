"Specs of rpm_nb.flows for the property-based suite (see framework.py)."
from functools import partial
import numpy as np
import torch
from torch import nn
from rpm_nb import vae as V, flows as Fl
from props.framework import Case, Data, Int, Real, Values, Exempt, fn_case, same_result

K, D = 3, 2
def _z(): return torch.randn(5, D)
def _planar(): return dict(z=_z(), u=torch.randn(K, D), w=torch.randn(K, D), b=torch.randn(K))
def _radial(): return dict(z=_z(), c=torch.randn(K, D), a=torch.randn(K), b=torch.randn(K))
def _base(): return V.diag_normal(torch.zeros(4, D), torch.ones(4, D))

def _same_dist(a, b) -> bool:
    return type(a) is type(b) and a.batch_shape == b.batch_shape and a.event_shape == b.event_shape

Z = Data(width=True, wrong_float=True)            # points (..., D): any leading shape, D fixed, the parameters' dtype
VEC = Data(width=True, extra=[('unbatched', torch.zeros(D), 'error')])        # (..., K, D)
SCALAR = Data(width=True, extra=[('unbatched', torch.zeros(()), 'error')])   # (..., K)
FLOW_MODULE = Values([('type', 'planar', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')])
SHAPE = Values([('type', 2.5, 'error'), ('type', 3, 'error'), ('range', (-1,), 'error'), ('type', 'ab', 'error'),
                ('numpy', (np.int64(3),), 'same')])


def _module_cases(cls, init_args):
    return [fn_case(cls, lambda: dict(D=D, n_steps=K, init_scale=0.5), init_args, label='init'),
            Case(lambda: dict(flow=cls(D, K), z=_z()), lambda k: k['flow'](k['z']), {'z': Z}, label='forward'),
            Case(lambda: dict(flow=cls(D, K), z=_z()), lambda k: k['flow'].inverse(k['z']), {'z': Z}, label='inverse')]

INIT = {'D': Int(1), 'n_steps': Int(1), 'init_scale': Real(0)}


def _flow_post():
    return Fl.FlowPosterior(_base(), Fl.Flow([Fl.PlanarFlow(D, 2)]))

def _rsample_then_log_prob(k):
    q = k['q']; z = q.rsample((3,))
    return q.log_prob(z if k['value'] == 'draw' else k['value'])


SPECS = {
    'LOG_E_MINUS_1': Exempt('a constant, log(e - 1), the softplus preimage of 1'),
    'planar_u_hat': fn_case(Fl.planar_u_hat, lambda: dict(u=torch.randn(4, D), w=torch.randn(4, D)),
                            {'u': Data(), 'w': Data(width=True, wrong_float=True)}),
    'planar_steps': fn_case(Fl.planar_steps, _planar, {'z': Z, 'u': VEC, 'w': VEC, 'b': SCALAR}),
    'planar_inverse': fn_case(Fl.planar_inverse, lambda: dict(_planar(), n_iter=10), {'z': Z, 'u': VEC, 'w': VEC, 'b': SCALAR, 'n_iter': Int(1)}),
    'PlanarFlow': _module_cases(Fl.PlanarFlow, INIT),
    'radial_steps': fn_case(Fl.radial_steps, _radial, {'z': Z, 'c': VEC, 'a': SCALAR, 'b': SCALAR}),
    'radial_inverse': fn_case(Fl.radial_inverse, _radial, {'z': Z, 'c': VEC, 'a': SCALAR, 'b': SCALAR}),
    'RadialFlow': _module_cases(Fl.RadialFlow, INIT),
    'Flow': [fn_case(Fl.Flow, lambda: dict(steps=[Fl.PlanarFlow(D, 2), Fl.RadialFlow(D)]),
                     {'steps': Values([('type', 'planar', 'error'), ('range', [], 'error'), ('type', [nn.Linear(2, 2)], 'error'),
                                       ('range', [Fl.PlanarFlow(2), Fl.RadialFlow(3)], 'error'), ('type', None, 'error')])}, label='init'),
             Case(lambda: dict(flow=Fl.Flow([Fl.PlanarFlow(D, 2), Fl.RadialFlow(D)]), z=_z()), lambda k: k['flow'](k['z']), {'z': Z}, label='forward'),
             Case(lambda: dict(flow=Fl.Flow([Fl.PlanarFlow(D, 2), Fl.RadialFlow(D)]), z=_z()), lambda k: k['flow'].inverse(k['z']), {'z': Z}, label='inverse')],
    'flow_density_log_prob': fn_case(Fl.flow_density_log_prob,
                                     lambda: dict(base=V.diag_normal(torch.zeros(D), torch.ones(D)), flow=Fl.Flow([Fl.PlanarFlow(D, 2)]), z=_z()),
                                     {'base': Values([('type', 'normal', 'error'), ('type', None, 'error'),
                                                      ('range', V.diag_normal(torch.zeros(3), torch.ones(3)), 'error')]),
                                      'flow': Values([('type', 'planar', 'error'), ('type', None, 'error'), ('type', nn.Linear(2, 2), 'error')]),
                                      'z': Z}),
    'FlowPosterior': [fn_case(Fl.FlowPosterior, lambda: dict(base=_base(), flow=Fl.Flow([Fl.PlanarFlow(D, 2)])),
                              {'base': Values([('type', 'normal', 'error'), ('type', None, 'error'), ('range', torch.distributions.Bernoulli(0.5 * torch.ones(3)), 'error')]),
                               'flow': Values([('type', 'planar', 'error'), ('type', None, 'error')])}, label='init', same=_same_dist),
                      Case(lambda: dict(q=_flow_post(), sample_shape=(3,)), lambda k: k['q'].rsample(k['sample_shape']), {'sample_shape': SHAPE}, label='rsample'),
                      Case(lambda: dict(q=_flow_post(), value='draw'), _rsample_then_log_prob,
                           {'value': Values([('type', 'a', 'error'), ('other', torch.zeros(3, 4, D), 'error'), ('type', None, 'error')])}, label='log_prob')],
    'FlowGaussianHead': [fn_case(Fl.FlowGaussianHead, lambda: dict(flow=Fl.Flow([Fl.PlanarFlow(D, 2)]), min_scale=1e-4),
                                 {'flow': FLOW_MODULE, 'min_scale': Real(0)}, label='init'),
                         Case(lambda: dict(head=Fl.FlowGaussianHead(Fl.Flow([Fl.PlanarFlow(D, 2)])), h=torch.randn(4, 2 * D)),
                              lambda k: k['head'](k['h']), {'h': Data(numpy='error', nonempty=False, width=True)}, label='forward', same=_same_dist)],
    'PlanarFlowHead': [fn_case(Fl.PlanarFlowHead, lambda: dict(latent_dim=D, n_steps=K, min_scale=1e-4),
                               {'latent_dim': Int(1), 'n_steps': Int(1), 'min_scale': Real(0)}, label='init'),
                       Case(lambda: dict(head=Fl.PlanarFlowHead(D, K), h=torch.randn(4, 2 * D + K * (2 * D + 1))),
                            lambda k: k['head'](k['h']), {'h': Data(numpy='error', nonempty=False, width=True)}, label='forward', same=_same_dist)],
}
