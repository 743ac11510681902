from __future__ import annotations
import datetime, os, socket, subprocess, sys, tempfile, time
from pathlib import Path
from typing import Callable
import torch
import torch.distributed as dist
import torch.multiprocessing as mp
from rpm_nb.core import check_int
from rpm_nb.train import world
def setup(backend:str|None=None, # 'gloo' or 'nccl'; default: nccl where a GPU is present, else gloo
         ) -> tuple[int, int]: # (rank, number of processes)
    "Join the process group that `torchrun` describes in the environment; without a launcher, do nothing. Returns `world()`."
    if 'WORLD_SIZE' not in os.environ or (dist.is_available() and dist.is_initialized()): return world()
    backend = backend or ('nccl' if torch.cuda.is_available() else 'gloo')
    if backend not in ('gloo', 'nccl'): raise ValueError(f"backend: expected 'gloo' or 'nccl', got {backend!r}")
    if backend == 'nccl': torch.cuda.set_device(int(os.environ.get('LOCAL_RANK', 0)))
    dist.init_process_group(backend)
    return world()

def cleanup():
    "Leave the process group, if this process is in one."
    if dist.is_available() and dist.is_initialized(): dist.destroy_process_group()
def free_port() -> int:
    "A TCP port on 127.0.0.1 that is free now."
    with socket.socket() as s:
        s.bind(('127.0.0.1', 0)); return s.getsockname()[1]

def _worker(rank:int, fn:Callable, P:int, port:int, args:tuple, out:str, threads:int, timeout:float):
    os.environ.update(MASTER_ADDR='127.0.0.1', MASTER_PORT=str(port), RANK=str(rank), WORLD_SIZE=str(P), LOCAL_RANK=str(rank))
    torch.set_num_threads(threads)
    dist.init_process_group('gloo', rank=rank, world_size=P, timeout=datetime.timedelta(seconds=timeout))
    try: result = fn(*args)
    finally: dist.destroy_process_group()
    torch.save(result, Path(out) / f'{rank}.pt')

def launch(fn:Callable, # a function importable by name (defined in a module, not in a notebook cell)
           nprocs:int, # number of processes
           *args, # passed to fn in every process
           threads:int=1, # torch threads per process
           timeout:float=120, # seconds before the processes are stopped
          ) -> list: # what fn returned in each process, in rank order
    "Run `fn(*args)` in `nprocs` fresh processes joined in one gloo process group over 127.0.0.1."
    check_int('nprocs', nprocs, min=1)
    with tempfile.TemporaryDirectory() as out:
        ctx = mp.start_processes(_worker, (fn, nprocs, free_port(), args, out, threads, timeout), nprocs=nprocs,
                                 join=False, start_method='spawn')
        t0 = time.monotonic()
        while not ctx.join(timeout=0.2):
            if time.monotonic() - t0 > timeout:
                for p in ctx.processes: p.kill()
                raise TimeoutError(f"launch: the {nprocs} processes running {fn.__name__} did not finish in {timeout} s")
        return [torch.load(Path(out) / f'{r}.pt', weights_only=False) for r in range(nprocs)]
def torchrun(script:str|Path, # a Python script that calls `setup()`
             nprocs:int, # processes on this machine
             *args:str, # the script's own arguments
             threads:int=1, # OMP_NUM_THREADS of each process
             timeout:float=300) -> str: # seconds
    "Run `torchrun --nproc_per_node nprocs script args` on this machine over 127.0.0.1 and return its output; raise with the output if it fails."
    cmd = [sys.executable, '-m', 'torch.distributed.run', f'--nproc_per_node={check_int("nprocs", nprocs, min=1)}',
           '--master_addr=127.0.0.1', f'--master_port={free_port()}', str(script), *map(str, args)]
    env = os.environ | {'OMP_NUM_THREADS': str(threads)}
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, env=env)
    if r.returncode != 0: raise RuntimeError(f"torchrun: {Path(script).name} failed (exit {r.returncode}):\n{r.stdout[-3000:]}{r.stderr[-3000:]}")
    return r.stdout
