"""The Pyro model and guide of the benchmarks' Bernoulli VAE (standard normal prior, diagonal Gaussian q with
softplus scales), shared by `vae_overhead.py` and `iwae_speed.py`."""
from __future__ import annotations
import torch
import torch.nn.functional as F
from torch import nn


def pyro_status() -> tuple[bool, str|None]:
    "Whether pyro-ppl is importable, and its version."
    try:
        import pyro
        return True, pyro.__version__
    except ImportError:
        return False, None


def pyro_model_guide(enc: nn.Module, dec: nn.Module, latent: int, min_scale: float):
    "Pyro `model(x)` and `guide(x)` for the networks `enc` (x -> 2*latent) and `dec` (z -> pixel logits)."
    import pyro, pyro.distributions as dist
    zeros, ones = torch.zeros(latent), torch.ones(latent)

    def model(x):
        pyro.module('decoder', dec)
        with pyro.plate('data', x.shape[0]):
            z = pyro.sample('z', dist.Normal(zeros, ones).to_event(1))
            pyro.sample('x', dist.Bernoulli(logits=dec(z), validate_args=False).to_event(1), obs=x)

    def guide(x):
        pyro.module('encoder', enc)
        with pyro.plate('data', x.shape[0]):
            loc, raw = enc(x).chunk(2, -1)
            pyro.sample('z', dist.Normal(loc, F.softplus(raw) + min_scale).to_event(1))

    return model, guide
