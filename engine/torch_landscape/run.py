"""Compute a surface block by block, in this process or on ``dask.distributed`` workers, streaming every finished
block into ``OUT.partial`` (HDF5 in tomgoldstein/loss-landscape's layout plus a ``done_blocks`` mask). When every
block is in, the file is renamed to ``OUT``; a crash, a killed worker or a cancel keeps the finished blocks, and
running the same job again resumes from them (a partial file from other settings is refused, never mixed in).
Only this process writes the file; workers return their block's values.
"""
from __future__ import annotations

import contextlib
import logging
import os
import resource
import secrets
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import h5py
import numpy as np

from engine.torch_landscape import LandscapeError
from engine.torch_landscape.job import PreparedJob, evaluate_block


class Cancelled(Exception):
    """The run was cancelled; the finished blocks are kept in the partial file."""


@dataclass
class RunStats:
    blocks_total: int
    blocks_computed: int  # in this run (less than total after a resume)
    peak_rss_per_worker: dict  # worker -> peak resident bytes


def partial_path(out: Path) -> Path:
    return out.with_name(out.name + ".partial")


class Store:
    """The partial HDF5 file of one prepared job."""

    def __init__(self, out: Path, prepared: PreparedJob) -> None:
        self.out, self.prepared = Path(out), prepared
        self.path = partial_path(self.out)
        if self.path.exists():
            try:
                self.f = h5py.File(self.path, "r+")
            except OSError as err:
                raise LandscapeError(f"{self.path} (an unfinished run) cannot be read: {str(err).splitlines()[0]}; "
                                     f"delete it to start again") from None
            if self.f.attrs.get("job_key") != prepared.key:
                self.f.close()
                raise LandscapeError(f"{self.path} holds an unfinished run with other settings: delete it, or run "
                                     f"the same command again to resume it")
        else:
            try:
                self.f = h5py.File(self.path, "w")
            except OSError as err:
                raise LandscapeError(f"cannot write to {self.path}: {str(err).splitlines()[0]}") from None
            self._create()
        self.done = np.asarray(self.f["done_blocks"][()], dtype=bool)

    def _create(self) -> None:
        p, f = self.prepared, self.f
        f["xcoordinates"] = p.xs
        if p.ys is not None:
            f["ycoordinates"] = p.ys
        f.create_dataset("train_loss", data=np.full(p.shape, np.nan))
        f.create_dataset("train_acc", data=np.full(p.shape, np.nan))
        f.create_dataset("done_blocks", data=np.zeros(p.n_blocks, dtype=bool))
        if p.path is not None:
            f["proj_xcoord"], f["proj_ycoord"] = p.path[:, 0], p.path[:, 1]
        job = p.job
        f.attrs.update({"job_key": p.key, "block_size": job.block_size, "model": job.model, "data": job.data,
                        "weights": ",".join(job.weights), "loss": job.loss, "plane": job.plane,
                        "seed": job.seed, "zero_1d": job.zero_1d, "written_by": "descent-lab"})
        for k, v in p.notes.items():
            f.attrs[k] = np.asarray(v) if isinstance(v, list) else v
        f.flush()

    def todo(self) -> list[int]:
        return [int(b) for b in np.flatnonzero(~self.done)]

    def write(self, b: int, loss: np.ndarray, acc: np.ndarray) -> None:
        idx, _, _ = self.prepared.block_points(b)  # consecutive flat indices
        nx = len(self.prepared.xs)
        r0, r1 = int(idx[0]) // nx, int(idx[-1]) // nx + 1  # a 2D block touches these rows: only they are rewritten
        for name, vals in (("train_loss", loss), ("train_acc", acc)):
            ds = self.f[name]
            if ds.ndim == 1:
                ds[int(idx[0]):int(idx[-1]) + 1] = vals
                continue
            rows = np.asarray(ds[r0:r1]).reshape(-1)
            rows[idx - r0 * nx] = vals
            ds[r0:r1] = rows.reshape(r1 - r0, nx)
        self.done[b] = True
        self.f["done_blocks"][b] = True
        self.f.flush()

    def close(self) -> None:
        if self.f.id.valid:
            self.f.close()

    def finish(self) -> None:
        self.f.attrs["complete"] = True
        self.close()
        os.replace(self.path, self.out)


def finished_blocks(out: str | Path, prepared: PreparedJob) -> tuple[np.ndarray, np.ndarray] | None:
    """(train_loss, train_acc) of the unfinished run of ``prepared`` into ``out`` (NaN where not computed yet), or
    None when there is none; a partial file of other settings raises as :class:`Store` does."""
    if not partial_path(Path(out)).exists():
        return None
    store = Store(Path(out), prepared)
    try:
        return np.asarray(store.f["train_loss"][()], float), np.asarray(store.f["train_acc"][()], float)
    finally:
        store.close()


def _peak_rss() -> int:
    """This process's peak resident memory in bytes: VmHWM on Linux (ru_maxrss would include the parent's peak
    for a worker started by fork + exec)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * (1 if sys.platform == "darwin" else 1024)


def compute(prepared: PreparedJob, out: str | Path, workers: int = 1, scheduler: str | None = None,
            progress: Callable[[int, int], None] | None = None, cancel: Callable[[], bool] | None = None,
            on_block: Callable[[int], None] | None = None, client=None,
            on_values: Callable[[int, np.ndarray, np.ndarray], None] | None = None) -> RunStats:
    """Compute ``prepared`` into ``out``. ``workers == 1`` without a scheduler runs in this process (one torch
    thread, as each worker); otherwise a ``LocalCluster`` of ``workers`` processes or the cluster at ``scheduler``
    (or ``client``). ``progress(done, total)`` after every block; ``cancel()`` returning True stops (Cancelled);
    ``on_block(b)`` and ``on_values(b, losses, accuracies)`` hear each block once it is stored."""
    def stored(b: int, loss: np.ndarray, acc: np.ndarray) -> None:
        if on_values:
            on_values(b, loss, acc)
        if on_block:
            on_block(b)

    local = workers <= 1 and scheduler is None and client is None
    with (contextlib.nullcontext(None) if local else _dask_client(workers, scheduler, client)) as dask_client:
        store = Store(Path(out), prepared)  # after the cluster is reached: an unreachable one leaves no file
        total, todo = prepared.n_blocks, store.todo()
        done = total - len(todo)
        if progress:
            progress(done, total)
        try:
            if local:
                for b in todo:
                    if cancel and cancel():
                        raise Cancelled()
                    _b, loss, acc = evaluate_block(prepared, b)
                    store.write(b, loss, acc)
                    done += 1
                    stored(b, loss, acc)
                    if progress:
                        progress(done, total)
                peaks = {"local": _peak_rss()}
            else:
                peaks = _compute_dask(prepared, store, todo, done, dask_client, progress, cancel, stored)
            store.finish()
        finally:
            store.close()
    return RunStats(total, len(todo), peaks)


# Housekeeping a LocalCluster without a dashboard has no use for, each taking a share of the cores the grid needs:
# the statistical profiler sampling the worker's busy thread, the frequent event-loop tick and system monitor; the
# memory monitor stays, polling each second.
QUIET_CLUSTER = {"distributed.worker.profile.enabled": False, "distributed.admin.tick.interval": "1s",
                 "distributed.admin.system-monitor.interval": "2s", "distributed.worker.memory.monitor-interval": "1s"}


def local_cluster(workers: int):
    """A ``LocalCluster`` of ``workers`` single-threaded processes for landscape blocks (the benchmark uses it too)."""
    import dask
    from dask.distributed import LocalCluster

    with dask.config.set(QUIET_CLUSTER):
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                            silence_logs=logging.ERROR)


@contextlib.contextmanager
def _dask_client(workers: int, scheduler: str | None, client):
    if client is not None:
        yield client
        return
    from dask.distributed import Client

    cluster = None
    try:
        if scheduler:
            client = Client(scheduler, timeout="20s")
        else:
            cluster = local_cluster(workers)
            client = Client(cluster)
    except (OSError, TimeoutError) as err:
        raise LandscapeError(f"cannot reach the Dask scheduler {scheduler or ''}: {err}") from None
    try:
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


def _identity(x):
    return x


def _compute_dask(prepared, store, todo, done, client, progress, cancel, stored):
    from dask.distributed import as_completed

    total = prepared.n_blocks
    # the job as a task (not scattered data): workers fetch it once, and if the worker holding it dies the
    # scheduler can run it again
    # keys unique per run: a cancelled run's keys may linger on the scheduler for a moment
    run = f"{prepared.key[:12]}-{secrets.token_hex(4)}"
    job_future = client.submit(_identity, prepared, key=f"landscape-job-{run}")
    futures = [client.submit(evaluate_block, job_future, b, key=f"landscape-{run}-{b}") for b in todo]
    try:
        for fut in as_completed(futures):
            if cancel and cancel():
                raise Cancelled()
            try:
                b, loss, acc = fut.result()
            except LandscapeError:
                raise
            except Exception as err:  # noqa: BLE001 - a worker's failure, reported as a sentence
                raise LandscapeError(f"a worker failed: {type(err).__name__}: {err}") from None
            store.write(b, loss, acc)
            done += 1
            stored(b, loss, acc)
            if progress:
                progress(done, total)
    except BaseException:
        client.cancel(futures)
        raise
    return client.run(_peak_rss)
