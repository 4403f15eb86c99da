"""A landscape computation as a picklable :class:`Job` (file names, settings and the plane as flat arrays), and the
per-process cache that turns a job into an :class:`~.evaluate.Evaluator` once: a Dask worker loads the model and the
data on its first block of a job and reuses them for every later block."""
from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.torch_landscape import LandscapeError

PLANES = ("random", "pca", "params", "interpolation")


@dataclass(frozen=True)
class Job:
    model: str
    weights: tuple[str, ...]  # the last is the centre; pca: all are the path; interpolation: A and B
    data: str
    loss: str
    plane: str  # random | pca | params:... | interpolation
    resolution: int
    range: float | None = None
    seed: int = 0
    zero_1d: bool = True
    batch_size: int = 2048
    device: str = "cpu"
    block_size: int = 16


@dataclass
class PreparedJob:
    """A job with its plane resolved (flat float64 arrays): what workers receive."""
    job: Job
    origin: np.ndarray
    dx: np.ndarray
    dy: np.ndarray | None
    xs: np.ndarray
    ys: np.ndarray | None
    path: np.ndarray | None = None
    notes: dict = field(default_factory=dict)
    key: str = ""

    @property
    def shape(self) -> tuple[int, ...]:
        return (len(self.ys), len(self.xs)) if self.ys is not None else (len(self.xs),)

    @property
    def n_points(self) -> int:
        return int(np.prod(self.shape))

    @property
    def n_blocks(self) -> int:
        return -(-self.n_points // self.job.block_size)

    def block_points(self, b: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Flat indices and (x, y) coordinates of block ``b`` (row-major over (y, x))."""
        idx = np.arange(b * self.job.block_size, min((b + 1) * self.job.block_size, self.n_points))
        nx = len(self.xs)
        px = self.xs[idx % nx]
        py = self.ys[idx // nx] if self.ys is not None else np.zeros(len(idx))
        return idx, px, py


def _file_stamp(path: str) -> list:
    p = Path(path.rpartition(":")[0] if path.rpartition(":")[0].endswith(".py") else path)
    try:
        st = p.stat()
        return [str(p.resolve()), st.st_size, st.st_mtime_ns]
    except OSError:
        return [str(p)]


def _load(job: Job):
    from engine.torch_landscape.loading import Objective, check_fit, load_data, load_model

    objective = Objective(job.loss)
    model = load_model(job.model, job.weights[-1] if job.weights else None, job.device)
    data = load_data(job.data)
    targets = check_fit(model, data, objective, job.device)
    return model, data, objective, targets


def prepare(job: Job) -> PreparedJob:
    """Load everything once on the client (every input error surfaces here) and resolve the plane."""
    from engine.torch_landscape import directions as dirs
    from engine.torch_landscape.loading import load_state_dict

    if job.resolution < 2 or job.resolution > 1001:
        raise LandscapeError(f"resolution must be between 2 and 1001, got {job.resolution}")
    if job.range is not None and not (job.range > 0 and np.isfinite(job.range)):
        raise LandscapeError(f"range must be a positive number, got {job.range}")
    model, _data, _objective, _targets = _load(job)
    span = job.range if job.range is not None else 1.0
    if job.plane == "random":
        plane = dirs.random_plane(model, job.seed, span, job.zero_1d)
    elif job.plane == "pca":
        plane = dirs.pca_plane(model, [load_state_dict(w) for w in job.weights], list(job.weights))
    elif job.plane.startswith("params:"):
        plane = dirs.params_plane(model, job.plane[len("params:"):], span)
    elif job.plane == "interpolation":
        if len(job.weights) != 2:
            raise LandscapeError(f"the interpolation line needs exactly 2 checkpoints (--weights A B), "
                                 f"got {len(job.weights)}")
        a, b = (load_state_dict(w) for w in job.weights)
        x_range = (-span, 1.0 + span) if job.range is not None else (-0.5, 1.5)
        plane = dirs.interpolation_line(model, a, b, job.weights, x_range)
    else:
        raise LandscapeError(f"unknown plane {job.plane!r}: random, pca, params:NAME[i,j],NAME[k,l] or interpolation")
    xs = np.linspace(*plane.x_range, job.resolution)
    ys = np.linspace(*plane.y_range, job.resolution) if plane.dy is not None else None
    prepared = PreparedJob(job, plane.flat("origin"), plane.flat("dx"),
                           plane.flat("dy") if plane.dy is not None else None, xs, ys, plane.path, plane.notes)
    h = hashlib.sha256(json.dumps([job.__dict__, _file_stamp(job.model), _file_stamp(job.data)]
                                  + [_file_stamp(w) for w in job.weights], default=str).encode())
    for arr in (prepared.origin, prepared.dx, prepared.dy, xs, ys):
        if arr is not None:
            h.update(np.ascontiguousarray(arr).tobytes())
    prepared.key = h.hexdigest()
    return prepared


_CACHE: dict[str, object] = {}


def evaluator_for(prepared: PreparedJob, threads: int | None = 1):
    """This process's evaluator for ``prepared`` (built on first use, then cached: one model load per worker)."""
    ev = _CACHE.get(prepared.key)
    if ev is None:
        import torch

        from engine.torch_landscape.directions import Plane
        from engine.torch_landscape.evaluate import Evaluator

        if threads:
            torch.set_num_threads(threads)
            try:  # only possible before the process's first parallel work; a sequential forward pass needs none
                torch.set_num_interop_threads(threads)
            except RuntimeError:
                pass
        model, data, objective, targets = _load(prepared.job)
        shapes = [p for _, p in model.named_parameters()]

        def unflat(vec):
            out, i = [], 0
            for w in shapes:
                out.append(torch.from_numpy(vec[i:i + w.numel()]).reshape(w.shape).to(w.device, w.dtype))
                i += w.numel()
            return out

        plane = Plane(prepared.job.plane, [n for n, _ in model.named_parameters()], unflat(prepared.origin),
                      unflat(prepared.dx), unflat(prepared.dy) if prepared.dy is not None else None)
        ev = Evaluator(model, data, objective, targets, plane, prepared.job.batch_size, prepared.job.device)
        _CACHE.clear()  # one job at a time per process
        _CACHE[prepared.key] = ev
    return ev


LOADS = {"count": 0}


def evaluate_block(prepared: PreparedJob, b: int, threads: int | None = 1) -> tuple[int, np.ndarray, np.ndarray]:
    """Block ``b``: (b, losses, accuracies) in the block's flat order."""
    before = prepared.key in _CACHE
    ev = evaluator_for(prepared, threads)
    if not before:
        LOADS["count"] += 1
    _idx, px, py = prepared.block_points(b)
    loss, acc = ev.points(px, py)
    return b, loss, acc


def load_count() -> tuple[int, int]:
    """(this process's id, how many times it loaded a model and data): lets tests check one load per worker."""
    return os.getpid(), LOADS["count"]
