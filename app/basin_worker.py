"""Compute basin-of-attraction maps off the GUI thread, coarse first (the napari slicing habit).

A :class:`BasinRequest` is a frozen description of one map (landscape, view rectangle, resolution, optimizer
settings, id). :class:`BasinWorker` runs it on the compute service's "basins" lane in two stages: a coarse
``COARSE`` × ``COARSE`` preview (about 1/16 of the cost of 200 × 200), then the requested resolution. Each stage is
handed back through the ``ready`` signal in the GUI thread as a :class:`BasinResult` carrying the request (and so its
id). The newest request wins: a running request that is no longer the newest is cancelled through the engine's
``progress`` callback (it returns False, the engine raises :class:`engine.basins.Cancelled`), a queued one is skipped,
and a result that arrives after a newer request was made is dropped.

All numbers come from :func:`engine.basins.basin_map`; the only thing computed here is the colour transform of the
speed map, ``log10(steps)``, a display mapping (:func:`speed_colour`).
"""
from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QObject, Signal

from app.model import Cancelled, OptimizerSettings
from engine import basins as engine_basins

COARSE = 50  # resolution of the preview stage
MIN_RESOLUTION, MAX_RESOLUTION, DEFAULT_RESOLUTION = 50, 400, 200


@dataclass(frozen=True, eq=False)
class BasinRequest:
    """Everything that determines one map; ``id`` orders requests (newest wins)."""

    function: object  # a TestFunction (catalogue, formula or network slice): value, gradient, view, minima
    view: tuple[tuple[float, float], tuple[float, float]]
    resolution: int
    optimizer: OptimizerSettings
    id: int = 0


@dataclass(frozen=True, eq=False)
class BasinResult:
    """One stage of a request: ``map`` (engine.basins.BasinMap) at ``resolution``; ``final`` for the last stage."""

    request: BasinRequest
    map: engine_basins.BasinMap
    resolution: int
    final: bool
    elapsed: float = 0.0  # seconds spent computing this stage (worker side)

    @property
    def limited(self) -> bool:
        """True when the final map is coarser than requested (a landscape with a costly gradient)."""
        return self.final and self.resolution < self.request.resolution


# Landscapes whose gradient is costly (network slices: one backprop per start and step) would keep the worker busy
# for minutes at 200 × 200. Their maps are made coarser so that the preview takes about PREVIEW_BUDGET_S and the
# full map about FULL_BUDGET_S (an upper bound: runs that stop early cost less); the panel says when that happened.
PREVIEW_BUDGET_S, FULL_BUDGET_S, MIN_STAGE = 2.0, 60.0, 8


def gradient_cost(function, view, points: int = 256) -> float:
    """Seconds per start per step: one batched gradient call on ``points`` starts spread over ``view``."""
    (x0, x1), (y0, y1) = view
    u = (np.arange(points) + 0.5) / points
    x, y = x0 + (x1 - x0) * u, y0 + (y1 - y0) * ((u * 7.0) % 1.0)
    t0 = time.perf_counter()
    with np.errstate(all="ignore"):
        function.gradient(x, y)
    return (time.perf_counter() - t0) / points


def stages(resolution: int, cost: float = 0.0, steps: int = 1) -> list[int]:
    """Resolutions computed for a request: the coarse preview first unless the request is no finer; both capped
    for a landscape whose gradient costs ``cost`` seconds per start and step (see the budgets above)."""
    def affordable(budget: float) -> int:
        return resolution if cost <= 0 else max(MIN_STAGE, int(math.sqrt(budget / (cost * max(steps, 1)))))
    full = min(resolution, affordable(FULL_BUDGET_S))
    coarse = min(COARSE, affordable(PREVIEW_BUDGET_S), full)
    return [full] if full <= coarse else [coarse, full]


def compute(request: BasinRequest, resolution: int | None = None, progress=None) -> engine_basins.BasinMap:
    """The map of ``request`` at ``resolution`` (default: the requested one), synchronously."""
    o = request.optimizer
    (x0, x1), (y0, y1) = request.view
    return engine_basins.basin_map(request.function, (x0, x1), (y0, y1), int(resolution or request.resolution),
                                   optimizer=o.name, lr=o.lr, steps=o.steps, progress=progress, **o.hyper)


def speed_colour(bmap: engine_basins.BasinMap) -> tuple[np.ndarray, tuple[float, float]]:
    """(colour (res, res) = log10(steps to converge), NaN where the start did not converge; (lo, hi) levels).

    A start already at a minimum converges in 0 steps; it is drawn like 1 step (log10 = 0).
    """
    converged = bmap.labels >= 0
    colour = np.full(bmap.labels.shape, np.nan)
    colour[converged] = np.log10(np.maximum(bmap.steps[converged], 1))
    if not converged.any():
        return colour, (0.0, math.log10(max(bmap.max_steps, 10)))
    lo, hi = float(colour[converged].min()), float(colour[converged].max())
    if hi - lo < 0.3:  # less than a factor 2 between fastest and slowest: widen symmetrically
        mid = 0.5 * (lo + hi)
        lo, hi = max(0.0, mid - 0.15), max(0.0, mid - 0.15) + 0.3
    return colour, (lo, hi)


class BasinWorker(QObject):
    """Basin maps through the compute service's "basins" lane; ``ready`` carries stages of the newest request only."""

    ready = Signal(object)  # BasinResult (coarse preview, then final)
    failed = Signal(object, str)  # BasinRequest, message
    progress = Signal(int, float)  # request id, fraction done in [0, 1]
    busyChanged = Signal(bool)

    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None, compute=None) -> None:
        super().__init__(parent)
        if compute is None:
            from app.compute import ComputeService
            compute = ComputeService(self)
        self.compute = compute
        self.latest_id = 0
        self.cancelled_ids: list[int] = []  # requests stopped before they finished (newest wins)
        self.requests = 0  # how many requests were made (tests: "disabled -> nothing computed")
        self.busy = False

    def request(self, function, view, resolution: int, optimizer: OptimizerSettings) -> BasinRequest:
        """Queue a map; returns the request. Older requests become stale (a running one is cancelled)."""
        resolution = int(resolution)
        if not MIN_RESOLUTION <= resolution <= MAX_RESOLUTION:
            raise ValueError(f"resolution must be between {MIN_RESOLUTION} and {MAX_RESOLUTION}, got {resolution}")
        (x0, x1), (y0, y1) = view
        req = BasinRequest(function=function, view=((float(x0), float(x1)), (float(y0), float(y1))),
                           resolution=resolution, optimizer=optimizer, id=next(self._ids))
        self.latest_id = req.id
        self.requests += 1
        self._set_busy(True)

        def work(job):
            plan = stages(req.resolution, gradient_cost(req.function, req.view), req.optimizer.steps)
            costs = [r * r for r in plan]
            total = float(sum(costs))
            done_before = 0.0
            result = None
            for k, res in enumerate(plan):
                if not job.is_current():
                    raise Cancelled(job.key)

                def progress(fraction: float, base=done_before, weight=costs[k] / total) -> bool:
                    return job.progress(base + weight * min(max(fraction, 0.0), 1.0))  # False: the engine stops

                t0 = time.perf_counter()
                try:
                    bmap = compute(req, res, progress)
                except engine_basins.Cancelled:
                    self._note_cancelled(req.id)
                    raise Cancelled(job.key) from None
                done_before += costs[k] / total
                result = BasinResult(req, bmap, res, k == len(plan) - 1, time.perf_counter() - t0)
                if not result.final:
                    job.partial(result)
            return result

        self.compute.submit("basins:map", work, self._on_done, lambda message: self._on_failed(req, message),
                            on_progress=lambda fraction, _text: self._on_progress(req.id, fraction),
                            on_partial=self._on_done)
        return req

    def _note_cancelled(self, request_id: int) -> None:
        self.cancelled_ids.append(request_id)  # list.append is atomic: safe from the lane's thread

    def cancel(self) -> None:
        """Make every request stale: a running one stops at its next progress call; nothing more is shown."""
        self.compute.cancel("basins:map")
        self.latest_id = next(self._ids)
        self._set_busy(False)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the lane is idle and its results delivered (tests, shutdown)."""
        return self.compute.wait(msecs)

    def _on_done(self, result: BasinResult) -> None:
        if result.request.id != self.latest_id:
            return  # stale: a newer request was made while this one computed
        if result.final:
            self._set_busy(False)
        self.ready.emit(result)

    def _on_failed(self, request: BasinRequest, message: str) -> None:
        if request.id != self.latest_id:
            return
        self._set_busy(False)
        self.failed.emit(request, message)

    def _on_progress(self, request_id: int, fraction: float) -> None:
        if request_id == self.latest_id:
            self.progress.emit(request_id, fraction)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)
