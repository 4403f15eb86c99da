"""Compute landscape surfaces and their gradient field off the GUI thread (the napari slicing habit).

A :class:`SurfaceRequest` is a frozen description of what to sample; :class:`SurfaceWorker` runs it on
the compute service's surface lane and hands a :class:`SurfaceResult` back through the ``ready`` signal, in the GUI
thread. The newest request wins: a request that is no longer the newest when its turn comes is skipped,
and a result that arrives after a newer request was made is dropped.

Surfaces are sampled values only (``engine.surface.sample(..., gradients=False)``): the view draws colours and
contours from them and the hover readout from one point, so nothing needs a gradient per grid point (for a network
slice that is one backprop per point). The gradient field (``engine.surface.gradient_field`` on a coarse sub-grid of
``field_density`` arrows per axis) is computed here too, in the same job, and travels in the same result: for a
network slice it is a batched backprop (0.07 s for the default network, ~0.7 s for larger ones), which froze the UI
on every pan when the view computed it. The view only lays the arrows out in pixels.

A change of density alone must not resample the surface. Of the two ways (a separate light field request with its
own newest-wins queue, or a worker that remembers its last surface) this module takes the second: :func:`compute`
accepts the previous result as ``reuse`` and takes from it whatever the new request shares with it (the surface when
function, view, resolution, scale and contours agree; the field when function, view and density agree), and the
worker passes the last result it computed. Why: one request, one result, one newest-wins rule; the arrows on screen
always belong to the surface on screen (two queues could show a new surface with the old view's field, or the
reverse); the synchronous users (export, 3D view) get both through the one :func:`compute`; and the field of a
preview is reused by the full-resolution pass of the same request (the field does not depend on the resolution).
The cost: a density change queued behind a slow surface waits for it, as any request does.

A request with ``preview`` (a network slice: seconds for a full grid) is first sampled on that coarse grid, handed
over as a ``preview`` result (with the field), then refined at the requested resolution. The work runs on the app's
compute service (:mod:`app.compute`), whose "surface" lane makes the newest request win.

All numbers come from :mod:`engine.surface`; the only thing computed here is the colour transform of a
log colour scale, ``log10(f - fmin + eps)``, a display mapping that stays in one line (:func:`colour_values`).
"""
from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field, replace

import numpy as np
from PySide6.QtCore import QObject, Signal

from engine import surface as engine_surface
from app.model.compute import Cancelled
from app.surface_scale import contour_levels, inside_mask, sample_counts
from engine.functions import TestFunction

# Colour of a log scale spans this many decades below the range of f on the grid.
LOG_DECADES = 6


@dataclass(frozen=True)
class SurfaceRequest:
    """Everything that determines one sampled surface; ``id`` orders requests (newest wins)."""

    function: TestFunction
    view: tuple[tuple[float, float], tuple[float, float]]
    resolution: int
    log_scale: bool
    contours: int
    field_density: int = 0  # gradient-field arrows per axis; 0: no field
    id: int = 0
    scale_view: tuple | None = None  # the part of ``view`` whose values set colours and contours (equal axes)


def same_surface(a: SurfaceRequest, b: SurfaceRequest) -> bool:
    """True when ``a`` and ``b`` sample the same surface (the field and the id aside)."""
    return (a.function is b.function and a.view == b.view and a.resolution == b.resolution
            and a.log_scale == b.log_scale and a.contours == b.contours and a.scale_view == b.scale_view)


def same_field(a: SurfaceRequest, b: SurfaceRequest) -> bool:
    """True when ``a`` and ``b`` ask for the same gradient field (it does not depend on the resolution)."""
    return a.function is b.function and a.view == b.view and a.field_density == b.field_density


@dataclass(frozen=True)
class SurfaceResult:
    """A sampled surface with what the landscape view draws.

    colour:     (ny, nx) values handed to the image (f, or log10(f - fmin + eps) on a log scale)
    levels:     (lo, hi) of ``colour`` over the finite grid points (explicit image levels)
    f_range:    (fmin, fmax) of f over the finite grid points
    log_offset: eps - fmin, so that f = 10**colour - log_offset on a log scale
    contour_xs, contour_ys: contour lines, NaN-separated (one curve item)
    contour_levels: the f values of the lines
    field:      (X, Y, GX, GY, norm), each (d, d) for ``field_density`` d, from ``engine.surface.gradient_field``;
                None without a field (density 0, or the engine failed: ``field_error`` says why)
    elapsed:    seconds spent computing (worker side)
    """

    request: SurfaceRequest
    surface: object
    colour: np.ndarray
    levels: tuple[float, float]
    f_range: tuple[float, float]
    log_offset: float
    contour_xs: np.ndarray
    contour_ys: np.ndarray
    contour_levels: np.ndarray = field(default_factory=lambda: np.empty(0))
    elapsed: float = 0.0
    preview: bool = False  # a coarse first look; the full-resolution result of the same request follows
    field: tuple | None = None
    field_error: str = ""


def colour_values(values: np.ndarray, log_scale: bool) -> tuple[np.ndarray, float, tuple[float, float]]:
    """(colour array, log offset, f range) for ``values`` (ny, nx); non-finite points stay NaN."""
    finite = np.isfinite(values)
    if not finite.any():
        raise ValueError("the function has no finite value in this view")
    fmin, fmax = float(values[finite].min()), float(values[finite].max())
    if not log_scale:
        return values, 0.0, (fmin, fmax)
    offset = max((fmax - fmin) * 10.0 ** -LOG_DECADES, np.finfo(float).tiny) - fmin
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.log10(values + offset), offset, (fmin, fmax)


def compute(request: SurfaceRequest, reuse: SurfaceResult | None = None, progress=None) -> SurfaceResult:
    """Sample ``request`` synchronously (the worker's body; also used by export, the 3D view, tests, benchmarks).

    ``reuse``: an earlier result; its surface is taken when it samples the same surface, its field when it asks for
    the same field (see the module docstring), so a density change costs the field only. ``progress(fraction)``: as
    ``engine.surface.sample``'s (False stops the sampling with ``engine.surface.Cancelled``).
    """
    t0 = time.perf_counter()
    if reuse is not None and same_surface(reuse.request, request):
        result = replace(reuse, request=request, preview=False, field=None, field_error="")
    else:
        result = _sample(request, progress)
    if request.field_density > 0:
        if reuse is not None and reuse.field is not None and same_field(reuse.request, request):
            result = replace(result, field=reuse.field)
        else:
            result = replace(result, **_field(request))
    return replace(result, elapsed=time.perf_counter() - t0)


def _sample(request: SurfaceRequest, progress=None) -> SurfaceResult:
    counts = sample_counts(request.resolution, request.view, request.scale_view)
    surf = engine_surface.sample(request.function, request.view, counts, gradients=False, progress=progress)
    values = np.asarray(surf.values, dtype=float)
    colour, offset, f_range = colour_values(values, request.log_scale)
    finite = np.isfinite(colour)
    inside = inside_mask(np.asarray(surf.x), np.asarray(surf.y), request.scale_view)
    if inside is not None and (finite & inside).any():
        finite = finite & inside  # colours follow the values of the view asked for
    else:
        inside = None
    lo, hi = float(colour[finite].min()), float(colour[finite].max())
    if hi <= lo:  # a flat view (e.g. zoomed into a plateau): give the colour scale some width
        lo, hi = lo - 0.5, hi + 0.5
    xs = ys = np.empty(0)
    levels = np.empty(0)
    if request.contours > 0:
        levels = contour_levels(values, request.contours, request.log_scale, inside)
        if levels.size:
            xs, ys = engine_surface.contour_lines(surf, levels)
    return SurfaceResult(request=request, surface=surf, colour=colour, levels=(lo, hi), f_range=f_range,
                         log_offset=offset, contour_xs=np.asarray(xs, float), contour_ys=np.asarray(ys, float),
                         contour_levels=levels)


def _field(request: SurfaceRequest) -> dict:
    """The gradient field of ``request``; a failing gradient leaves the surface drawn and says why."""
    try:
        field = engine_surface.gradient_field(request.function, request.view, request.field_density)
    except Exception as exc:  # noqa: BLE001 - a bad gradient must not cost the surface; the view reports it
        return {"field": None, "field_error": str(exc) or type(exc).__name__}
    return {"field": tuple(np.asarray(a, float) for a in field), "field_error": ""}


class SurfaceWorker(QObject):
    """Surfaces through the compute service's "surface" lane; ``ready`` carries the newest result only (a coarse
    preview first when one was asked for)."""

    ready = Signal(object)  # SurfaceResult
    failed = Signal(object, str)  # SurfaceRequest, message
    busyChanged = Signal(bool)

    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None, compute=None) -> None:
        super().__init__(parent)
        if compute is None:
            from app.compute import ComputeService
            compute = ComputeService(self)
        self.compute = compute
        self.latest_id = 0
        self.sent_at: dict[int, float] = {}
        self.last_latency = float("nan")  # seconds from request() to ready of the newest result
        self.busy = False
        self.last_result: SurfaceResult | None = None  # the last full result computed (stale or not): reused
        self.emitted: SurfaceResult | None = None  # the last result handed to ``ready`` (what the view shows)
        self.emitted_full: SurfaceResult | None = None  # the last full result handed to ``ready``

    def request(self, function: TestFunction, view, resolution: int, log_scale: bool, contours: int,
                field_density: int = 0, preview: int = 0, scale_view=None) -> int:
        """Queue a surface (and its gradient field when ``field_density`` > 0); ``preview`` > 0: sample that coarse
        grid first (a network slice, whose full grid costs seconds). Returns the request id; older requests become
        stale."""
        req = SurfaceRequest(function=function, view=view, resolution=int(resolution), log_scale=bool(log_scale),
                             contours=int(contours), field_density=int(field_density), id=next(self._ids),
                             scale_view=scale_view)
        self.latest_id = req.id
        self.sent_at = {req.id: time.perf_counter()}
        self._set_busy(True)
        coarse = int(preview)

        def work(job):
            last = self.last_result  # only the surface lane's one thread reads and writes it
            if 2 <= coarse < req.resolution and not (last is not None and same_surface(last.request, req)):
                first = compute(replace(req, resolution=coarse), reuse=last)
                job.partial(replace(first, request=req, preview=True))
                job.check()
                last = first  # its field serves the full resolution too
            try:  # the sampling stops between bands of rows once the request is stale (a newer one, or Cancel)
                result = compute(req, reuse=last, progress=lambda f: job.progress(f))
            except engine_surface.Cancelled:
                raise Cancelled(job.key) from None
            self.last_result = result
            return result

        self.compute.submit("surface:view", work, self._on_done, lambda message: self._on_failed(req, message),
                            on_partial=self._on_preview)
        return req.id

    def cancel(self) -> None:
        """Stop the surface being computed (at its next band of rows). The surface shown stays; when that is the
        coarse preview of the cancelled request, the full surface shown before it comes back (same function)."""
        if not self.busy:
            return
        self.compute.cancel("surface:view")
        self.latest_id = next(self._ids)
        self._set_busy(False)
        shown, full = self.emitted, self.emitted_full
        if shown is not None and shown.preview and full is not None and full.request.function is shown.request.function:
            self._emit(full)

    def _emit(self, result: SurfaceResult) -> None:
        self.emitted = result
        if not result.preview:
            self.emitted_full = result
        self.ready.emit(result)

    def _on_preview(self, result: SurfaceResult) -> None:
        if result.request.id == self.latest_id:
            self._emit(result)

    def wait(self, msecs: int = 10_000) -> bool:
        """Block until the result is delivered (tests, benchmarks, shutdown)."""
        return self.compute.wait(msecs)

    def _on_done(self, result: SurfaceResult) -> None:
        if result.request.id != self.latest_id:
            return  # stale: a newer request was made while this one computed
        sent = self.sent_at.pop(result.request.id, None)
        if sent is not None:
            self.last_latency = time.perf_counter() - sent
        self._set_busy(False)
        self._emit(result)

    def _on_failed(self, request: SurfaceRequest, message: str) -> None:
        if request.id != self.latest_id:
            return
        self._set_busy(False)
        self.failed.emit(request, message)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)
