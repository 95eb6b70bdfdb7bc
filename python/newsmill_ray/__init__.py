"""Run ``newsmill refine`` split into tasks on Ray, or on local processes.

A refine run is four steps over files in ``OUT/.work``: ``process`` (one task per rank), ``dedup``,
``final`` (one task per rank), ``merge``. Each task is one call of the ``newsmill`` binary with
``--step``/``--rank``; it writes its files atomically and a done marker, so a failed task is simply
retried and a finished one is skipped. All the scheduler needs is that every worker sees the same
input paths and output folder (a shared filesystem).

    from newsmill_ray import refine
    report = refine(["/data/crawl/"], "/data/out", tasks=64, executor="ray")

``executor="local"`` runs the same tasks on a local process pool: the code path a test can check
without a cluster.
"""

from __future__ import annotations

import json
import os
import subprocess
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Iterable, List, Optional, Sequence

__all__ = ["refine", "step_command", "StepFailed"]


class StepFailed(RuntimeError):
    """A task of the run exited non-zero; the message carries its command and stderr."""


def step_command(
    binary: str,
    inputs: Sequence[str],
    out: str,
    tasks: int,
    step: str,
    rank: Optional[int] = None,
    extra_args: Sequence[str] = (),
) -> List[str]:
    """The ``newsmill`` command line of one task (identical arguments on every task, as the
    run's fingerprint requires)."""
    cmd = [binary, "refine", *inputs, "-o", out, "--tasks", str(tasks), "--step", step, "-q"]
    if rank is not None:
        cmd += ["--rank", str(rank)]
    return cmd + list(extra_args)


def _run(cmd: List[str]) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        raise StepFailed(f"{' '.join(cmd)} exited {proc.returncode}: {proc.stderr.strip()}")


def _local_map(workers: int) -> Callable[[List[List[str]]], None]:
    def run_all(cmds: List[List[str]]) -> None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_run, cmds))

    return run_all


def _ray_map(resources: Optional[dict]) -> Callable[[List[List[str]]], None]:
    import ray  # imported here: the local executor needs no Ray

    if not ray.is_initialized():
        ray.init()
    remote = ray.remote(**(resources or {"num_cpus": 1}))(_run)

    def run_all(cmds: List[List[str]]) -> None:
        ray.get([remote.remote(c) for c in cmds])

    return run_all


def refine(
    inputs: Iterable[str],
    out: str,
    tasks: int,
    executor: str = "ray",
    binary: str = "newsmill",
    extra_args: Sequence[str] = (),
    workers: int = os.cpu_count() or 1,
    ray_resources: Optional[dict] = None,
) -> dict:
    """Runs a whole refine in ``tasks`` tasks per step and returns ``report.json`` as a dict.

    ``extra_args`` go to every task (``--config run.toml``, ``--stages ...``, ``-j 4``).
    Outputs are byte-identical to a single-machine ``newsmill refine`` with ``--tasks`` equal.
    """
    inputs = list(inputs)
    if tasks < 1:
        raise ValueError("tasks must be >= 1")
    if executor == "local":
        run_all = _local_map(workers)
    elif executor == "ray":
        run_all = _ray_map(ray_resources)
    else:
        raise ValueError(f"unknown executor {executor!r}: use 'ray' or 'local'")

    def cmd(step: str, rank: Optional[int] = None) -> List[str]:
        return step_command(binary, inputs, out, tasks, step, rank, extra_args)

    run_all([cmd("process", r) for r in range(tasks)])
    run_all([cmd("dedup")])
    run_all([cmd("final", r) for r in range(tasks)])
    run_all([cmd("merge")])
    with open(os.path.join(out, "report.json"), encoding="utf-8") as f:
        return json.load(f)
