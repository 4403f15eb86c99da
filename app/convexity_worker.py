"""The convexity map (Li et al. 2018, Fig. 7) off the GUI thread, on the compute service's "convexity" lane.

A request is frozen (plane, view rectangle, resolution, id); the engine's :func:`engine.nn.convexity_map` reports its
progress after each chunk of grid points, and the answer to that report is whether the request is still the newest:
:meth:`ConvexityWorker.cancel` (or a newer request) makes it stale, the engine stops at the next chunk, and nothing of
it is ever delivered. Only a finished map reaches ``ready``: an overlay never shows a half-computed one.
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, Signal

from app.model import Cancelled
from engine.nn import convexity

KEY = "convexity:map"
DEFAULT_RESOLUTION, MIN_RESOLUTION, MAX_RESOLUTION = 41, 5, 101


@dataclass(frozen=True, eq=False)
class ConvexityRequest:
    plane: object                                   # engine.nn.Plane
    view: tuple[tuple[float, float], tuple[float, float]]
    resolution: int
    id: int


@dataclass(frozen=True, eq=False)
class ConvexityResult:
    request: ConvexityRequest
    map: convexity.ConvexityMap
    elapsed: float                                  # seconds of computing (worker side)


class ConvexityWorker(QObject):
    """``request`` starts a map; ``progress`` (id, fraction), then ``ready`` (result) or ``failed`` (request, text);
    ``cancel`` stops it (``cancelled`` (id) is emitted at once, and the work stops at its next chunk)."""

    ready = Signal(object)
    failed = Signal(object, str)
    progress = Signal(int, float)
    cancelled = Signal(int)
    busyChanged = Signal(bool)
    _ids = itertools.count(1)

    def __init__(self, compute, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.compute = compute
        self.latest: ConvexityRequest | None = None
        self.busy = False
        self.stopped_early: list[int] = []          # ids whose work saw the cancel and stopped (tests)

    def request(self, plane, view, resolution: int) -> ConvexityRequest:
        resolution = int(resolution)
        if not MIN_RESOLUTION <= resolution <= MAX_RESOLUTION:
            raise ValueError(f"resolution must be between {MIN_RESOLUTION} and {MAX_RESOLUTION}, got {resolution}")
        (x0, x1), (y0, y1) = view
        req = ConvexityRequest(plane, ((float(x0), float(x1)), (float(y0), float(y1))), resolution, next(self._ids))
        self.latest = req
        self._set_busy(True)

        def work(job):
            t0 = time.perf_counter()
            try:
                cmap = convexity.convexity_map(req.plane, req.view[0], req.view[1], req.resolution,
                                               progress=job.progress)
            except convexity.Cancelled:
                self.stopped_early.append(req.id)   # list.append is atomic: safe from the lane's thread
                raise Cancelled(job.key) from None
            return ConvexityResult(req, cmap, time.perf_counter() - t0)

        self.compute.submit(KEY, work, self._on_done, lambda message: self._on_failed(req, message),
                            on_progress=lambda fraction, _text: self._on_progress(req, fraction))
        return req

    def cancel(self) -> None:
        """Stop the running request; its map is never delivered."""
        req = self.latest
        self.compute.cancel(KEY)
        self.latest = None
        if self.busy and req is not None:
            self.cancelled.emit(req.id)
        self._set_busy(False)

    def _on_done(self, result: ConvexityResult) -> None:
        if result.request is not self.latest:
            return
        self.latest = None
        self._set_busy(False)
        self.ready.emit(result)

    def _on_failed(self, request: ConvexityRequest, message: str) -> None:
        if request is self.latest:
            self.latest = None
            self._set_busy(False)
            self.failed.emit(request, message)

    def _on_progress(self, request: ConvexityRequest, fraction: float) -> None:
        if request is self.latest:
            self.progress.emit(request.id, fraction)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)
