"""Network landscapes: build a 2D slice of a small MLP's loss off the GUI thread and keep what the network views need.

A build is described by a *source*, the scene's ``NetworkLandscape`` JSON object (``engine.scene``)::

    {"kind": "network", "dataset": {"name", "n", "noise", "seed"}, "layers": [n_in, …, n_out],
     "activation": str, "loss": str, "slice": {"method", "seed", "centre": "trained"|"init", "options": {…}}}

and built by :func:`engine.nn.build_landscape`, like a saved scene (same seeds, same training), so Save then Open
shows the same surface. Requests are frozen (:class:`NetworkRequest`), run on one worker thread,
and the newest wins (the napari slicing habit). A finished build is applied with ``state.set_landscape``; the
controller keeps its :class:`NetworkBuild` (dataset, model, plane) so the data view and the backprop inspector can ask
for ``plane.params_at(α, β)`` at the *current point*: the selected run at ``state.frame``, else the hovered point, else
the slice's centre (``pointChanged`` at most every 33 ms).

All numbers come from :mod:`engine.nn`; this module only routes them.
"""
from __future__ import annotations

import itertools
import json
import time
import traceback
from dataclasses import dataclass, field
from typing import Any, Callable

import contourpy
import numpy as np
from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, QThreadPool, QTimer, Signal

from app.state import AppState
from engine import nn
from engine import scene as scene_mod

PREVIEW_RESOLUTION = 64    # 64² = 4096 points: the smallest grid that takes the float32 path of Plane.value
POINT_THROTTLE_MS = 33     # ≤ 30 point updates a second during playback
PREDICTION_GRID = 100      # decision regions: 100 × 100 forward pass


def tr(text: str) -> str:
    return QCoreApplication.translate("NetworkController", text)


def default_source() -> dict:
    """A good first picture: two moons, 2-8-8-1 tanh, BCE, a filter-normalised random slice around trained θ."""
    return {"kind": "network", "dataset": {"name": "moons", "n": 200, "noise": 0.1, "seed": 0},
            "layers": [2, 8, 8, 1], "activation": "tanh", "loss": "bce",
            "slice": {"method": "random", "seed": 0, "centre": "trained",
                      "options": {"normalization": "filter", "orthogonalize": True}}}


def source_key(source: dict) -> str:
    return json.dumps(source, sort_keys=True)


def validate(source: dict) -> dict:
    """The normalised source (``NetworkLandscape.to_dict()``), or ValueError with a message for the user.

    Cheap checks only (no training): layer sizes, activation/loss/output compatibility, dataset inputs and targets,
    slice parameter names. The engine's own messages are used where it has them."""
    if not isinstance(source, dict) or source.get("kind") != "network":
        raise ValueError(tr("not a network landscape"))
    layers = source.get("layers")
    ds = source.get("dataset") or {}
    sl = source.get("slice") or {}
    model = nn.MLP(list(layers or []), activation=source.get("activation", "tanh"),
                   loss=source.get("loss", "bce"), seed=int(sl.get("seed", 0)))
    name = ds.get("name")
    if name not in nn.dataset_names():
        raise ValueError(tr("unknown dataset {name!r}").format(name=name))
    n_in = scene_mod.DATASETS[name]
    if model.layer_sizes[0] != n_in:
        raise ValueError(tr("the dataset {name} has {n} input(s) but the network's input layer has {k} unit(s)")
                         .format(name=name, n=n_in, k=model.layer_sizes[0]))
    data = nn.make_dataset(name, n=min(int(ds.get("n", 200)), 16), noise=float(ds.get("noise", 0.1)))
    model.targets(data.y, len(data))  # loss vs targets: e.g. BCE on three classes
    if sl.get("method") == "params":
        opts = sl.get("options") or {}
        for key in ("param_a", "param_b"):
            if key in opts:
                nn.parse_name(str(opts[key]), model.layer_sizes)
        if opts.get("param_a") is not None and opts.get("param_a") == opts.get("param_b"):
            raise ValueError(tr("choose two different parameters (both are {name})").format(name=opts["param_a"]))
    try:
        return scene_mod.landscape_from_dict(source).to_dict()
    except scene_mod.SceneError as err:
        raise ValueError(str(err)) from None


@dataclass(frozen=True)
class NetworkBuild:
    """One built slice: the normalised ``source``, its dataset, model, plane and 2D test function."""

    source: dict
    dataset: nn.Dataset
    model: nn.MLP
    plane: nn.Plane
    function: Any
    elapsed: float = 0.0


def build(source: dict, progress: Callable[[str], None] | None = None) -> NetworkBuild:
    """Build ``source`` synchronously (the worker's body; tests call it too). ValueError from the engine."""
    t0 = time.perf_counter()
    say = progress or (lambda text: None)
    source = validate(source)
    stages = {"compiling": tr("loading the compiled network kernels (the first run on a computer compiles them: "
                              "a few seconds)…"),
              "training": tr("training {steps} Adam steps…").format(steps=nn.landscape.TRAIN_STEPS),
              "slicing": tr("building the {method} slice…").format(method=source["slice"]["method"])}
    built = nn.build_landscape(source, progress=lambda stage: say(stages[stage]))
    return NetworkBuild(source, built.dataset, built.model, built.plane, built.function, time.perf_counter() - t0)


@dataclass(frozen=True)
class NetworkRequest:
    """A frozen build request; ``apply`` shows the result with ``state.set_landscape`` (False: the state already
    shows this source, e.g. from a scene file, and only the plane is needed)."""

    source: dict
    apply: bool
    id: int


@dataclass(frozen=True)
class TrainRequest:
    """Full-space training from ``start`` = (α, β) on the plane of ``build``, projected back onto it."""

    build: NetworkBuild
    start: tuple[float, float]
    optimizer: str
    lr: float
    steps: int
    id: int


@dataclass(frozen=True)
class Prediction:
    """The network's prediction over the data at one point of the plane.

    Classification: ``xs`` (nx,), ``ys`` (ny,) grid axes; ``probs`` (ny, nx, n_out) class probabilities (n_out = 1:
    P(class 1)); ``boundary`` (bx, by) NaN-separated decision boundary (binary: p = 0.5). Regression: ``xs`` (n,)
    inputs and ``curve`` (n,) predictions. ``loss`` on the dataset, ``accuracy`` (classification, else NaN)."""

    point: tuple[float, float]
    task: str
    xs: np.ndarray
    ys: np.ndarray
    probs: np.ndarray | None
    curve: np.ndarray | None
    boundary: tuple[np.ndarray, np.ndarray] = field(default_factory=lambda: (np.empty(0), np.empty(0)))
    loss: float = float("nan")
    accuracy: float = float("nan")


@dataclass(frozen=True)
class BackpropReport:
    """Backprop at one point: loss, per-layer traces (output layer first) and the in-plane gradient (∂α, ∂β)."""

    point: tuple[float, float]
    loss: float
    traces: list
    in_plane: tuple[float, float]


class _Relay(QObject):
    built = Signal(object, object)       # NetworkRequest, NetworkBuild
    failed = Signal(object, str)
    progress = Signal(object, str)
    trained = Signal(object, object)     # TrainRequest, ProjectedPath


class _BuildJob(QRunnable):
    def __init__(self, controller: NetworkController, request: NetworkRequest) -> None:
        super().__init__()
        self.c, self.request, self.relay = controller, request, controller._relay

    def run(self) -> None:
        if self.request.id != self.c.latest_id:
            return
        try:
            result = build(self.request.source, lambda text: self.relay.progress.emit(self.request, text))
        except Exception as exc:  # the engine names the problem; never crash the window
            if not isinstance(exc, ValueError):
                traceback.print_exc()
            self.relay.failed.emit(self.request, str(exc) or type(exc).__name__)
            return
        self.relay.built.emit(self.request, result)


class _TrainJob(QRunnable):
    def __init__(self, controller: NetworkController, request: TrainRequest) -> None:
        super().__init__()
        self.c, self.request, self.relay = controller, request, controller._relay

    def run(self) -> None:
        r = self.request
        if r.id != self.c.latest_id:
            return
        b = r.build
        try:
            path = nn.train_projected(b.model, b.plane.params_at(*r.start), b.plane.X, b.plane.y, b.plane,
                                      optimizer=r.optimizer, lr=r.lr, steps=r.steps)
        except Exception as exc:
            if not isinstance(exc, ValueError):
                traceback.print_exc()
            self.relay.failed.emit(r, str(exc) or type(exc).__name__)
            return
        self.relay.trained.emit(r, path)


class NetworkController(QObject):
    """Builds network slices in a worker and keeps the current one. See the module docstring."""

    busyChanged = Signal(bool)
    progress = Signal(str)              # what the worker is doing now
    failed = Signal(str)                # a refused setting or an engine error; the previous landscape stays
    built = Signal(object)              # NetworkBuild now current
    activeChanged = Signal(bool)        # the state shows a network landscape (or not)
    pointChanged = Signal()             # the current point moved (throttled)
    projectedChanged = Signal(object)   # ProjectedPath of the last full-space training, or None

    _ids = itertools.count(1)

    def __init__(self, state: AppState, surface_worker=None, parent: QObject | None = None) -> None:
        super().__init__(parent or state)
        self.state = state
        self.surface_worker = surface_worker
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)
        self._relay = _Relay(self)
        self._relay.built.connect(self._on_built)
        self._relay.failed.connect(self._on_failed)
        self._relay.progress.connect(self._on_progress)
        self._relay.trained.connect(self._on_trained)
        self.latest_id = 0
        self.busy = False
        self.current: NetworkBuild | None = None
        self.active = False
        self.hover: tuple[float, float] | None = None
        self.projected = None
        self.projected_start: tuple[float, float] | None = None
        self._point: tuple[float, float] | None = None
        self._since = QElapsedTimer()
        self._pending = QTimer(self, singleShot=True, timeout=self._emit_point)
        state.landscapeChanged.connect(self._on_landscape)
        for signal in (state.runsChanged, state.selectionChanged, state.frameChanged):
            signal.connect(self._point_maybe_moved)
        self._on_landscape()

    # ----- requests -----------------------------------------------------------------------------------------------
    def request_build(self, source: dict, apply: bool = True) -> bool:
        """Validate ``source`` now (a refusal emits ``failed`` and returns False) and build it in the worker."""
        try:
            source = validate(source)
        except (ValueError, TypeError) as exc:
            self.failed.emit(str(exc))
            return False
        self._start(_BuildJob(self, NetworkRequest(source, apply, next(self._ids))))
        return True

    def train_full(self, start: tuple[float, float] | None = None, optimizer: str = "adam", lr: float = 0.01,
                   steps: int = 200) -> bool:
        """Train all parameters from θ(start) (default: the slice's centre) and project the path onto the plane."""
        if self.current is None or not self.active:
            self.failed.emit(tr("Build a network landscape first"))
            return False
        start = tuple(map(float, start)) if start is not None else tuple(self.current.plane.centre_coords)
        self._start(_TrainJob(self, TrainRequest(self.current, start, optimizer, float(lr), int(steps),
                                                 next(self._ids))))
        return True

    def _start(self, job) -> None:
        self.latest_id = job.request.id
        self._set_busy(True)
        self.pool.start(job)

    def wait(self, msecs: int = 30_000) -> bool:
        return self.pool.waitForDone(msecs)

    # ----- worker results -------------------------------------------------------------------------------------------
    def _on_built(self, request: NetworkRequest, result: NetworkBuild) -> None:
        if request.id != self.latest_id:
            return
        self._set_busy(False)
        self.current = result
        self._set_projected(None)
        if self.surface_worker is not None:
            self.surface_worker.set_preview(result.function, PREVIEW_RESOLUTION)
        if request.apply:
            self.state.set_landscape(result.function, source=result.source, view=result.plane.default_range)
        else:
            self._on_landscape()
        self.built.emit(result)
        self._point_maybe_moved()

    def _on_failed(self, request, message: str) -> None:
        if request.id != self.latest_id:
            return
        self._set_busy(False)
        self.failed.emit(message)

    def _on_progress(self, request, text: str) -> None:
        if request.id == self.latest_id:
            self.progress.emit(text)

    def _on_trained(self, request: TrainRequest, path) -> None:
        if request.id != self.latest_id:
            return
        self._set_busy(False)
        if request.build is self.current and self.active:
            self.projected_start = request.start
            self._set_projected(path)

    def _set_projected(self, path) -> None:
        self.projected = path
        if path is None:
            self.projected_start = None
        self.projectedChanged.emit(path)

    def _set_busy(self, busy: bool) -> None:
        if busy != self.busy:
            self.busy = busy
            self.busyChanged.emit(busy)

    # ----- state ------------------------------------------------------------------------------------------------------
    def _on_landscape(self) -> None:
        source = self.state.landscape_source
        active = source.get("kind") == "network"
        if active and self.surface_worker is not None:
            self.surface_worker.set_preview(self.state.function, PREVIEW_RESOLUTION)
        if active and (self.current is None or source_key(self.current.source) != source_key(source)):
            # shown from elsewhere (a scene file): rebuild the plane for the data view and the inspector
            self.current = None
            self.request_build(dict(source), apply=False)
        if self.projected is not None:
            self._set_projected(None)
        self.hover = None
        if active != self.active:
            self.active = active
            self.activeChanged.emit(active)
        self._point_maybe_moved()

    def set_hover(self, point: tuple[float, float] | None) -> None:
        self.hover = None if point is None else (float(point[0]), float(point[1]))
        if not self.state.selected_runs():
            self._point_maybe_moved()

    # ----- the current point ------------------------------------------------------------------------------------------
    def current_point(self) -> tuple[tuple[float, float], str] | None:
        """((α, β), what it is) for the views, or None without a network slice."""
        if self.current is None or not self.active:
            return None
        for run in self.state.selected_runs():
            traj = run.trajectory
            if traj is not None:
                row = int(min(self.state.frame, int(traj.stopped_at[0]), traj.points.shape[0] - 1))
                a, b = traj.points[row, 0]
                return (float(a), float(b)), tr("run {id}, iteration {t}").format(id=run.id, t=row)
        if self.hover is not None:
            return self.hover, tr("cursor")
        return tuple(map(float, self.current.plane.centre_coords)), tr("slice centre")

    def _point_maybe_moved(self, *_) -> None:
        cp = self.current_point()
        point = None if cp is None else cp[0]
        if point == self._point and not self._pending.isActive():
            return
        if self._pending.isActive():
            return
        wait = POINT_THROTTLE_MS - self._since.elapsed() if self._since.isValid() else 0
        if wait > 0:
            self._pending.start(int(wait))
        else:
            self._emit_point()

    def _emit_point(self) -> None:
        self._since.start()
        cp = self.current_point()
        self._point = None if cp is None else cp[0]
        self.pointChanged.emit()

    # ----- numbers at a point (all from engine.nn) --------------------------------------------------------------------
    def params_at(self, point: tuple[float, float]) -> dict:
        return self.current.plane.params_at(*point)

    def prediction(self, point: tuple[float, float]) -> Prediction:
        """The network's prediction at θ(point) over the data's bounding box (classification) or range
        (regression), by ``MLP.forward``."""
        b = self.current
        model, data = b.model, b.dataset
        params = b.plane.params_at(*point)
        loss = float(model.loss(params, data.X, data.y))
        if data.task == "regression":
            lo, hi = float(data.X[:, 0].min()), float(data.X[:, 0].max())
            pad = 0.05 * (hi - lo)
            xs = np.linspace(lo - pad, hi + pad, 4 * PREDICTION_GRID)
            curve = model.forward(params, xs[:, None])[:, 0]
            return Prediction(point, data.task, xs, np.empty(0), None, curve, loss=loss)
        xs, ys = prediction_axes(data.X)
        gx, gy = np.meshgrid(xs, ys)
        probs = model.forward(params, np.c_[gx.ravel(), gy.ravel()]).reshape(len(ys), len(xs), -1)
        predicted = model.forward(params, data.X)
        labels = (predicted[:, 0] > 0.5) if predicted.shape[1] == 1 else predicted.argmax(axis=1)
        accuracy = float(np.mean(labels.astype(np.int64) == data.y.astype(np.int64)))
        boundary = (np.empty(0), np.empty(0))
        if probs.shape[2] == 1:
            boundary = _contour(xs, ys, probs[:, :, 0], 0.5)
        elif probs.shape[2] == 2:
            boundary = _contour(xs, ys, probs[:, :, 1], 0.5)
        return Prediction(point, data.task, xs, ys, probs, None, boundary, loss, accuracy)

    def backprop(self, point: tuple[float, float]) -> BackpropReport:
        """``MLP.backward_trace`` at θ(point) and the in-plane gradient (d1·∇θL, d2·∇θL) from ``Plane.gradients``."""
        b = self.current
        loss, traces = b.model.backward_trace(b.plane.params_at(*point), b.plane.X, b.plane.y)
        ga, gb = b.plane.gradients(np.float64(point[0]), np.float64(point[1]))
        return BackpropReport(point, loss, traces, (float(ga), float(gb)))


def prediction_axes(X: np.ndarray, n: int = PREDICTION_GRID) -> tuple[np.ndarray, np.ndarray]:
    """Grid axes (n,) each over the data's bounding box with a 10 % margin."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-6)
    return np.linspace(lo[0] - pad[0], hi[0] + pad[0], n), np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)


def _contour(xs: np.ndarray, ys: np.ndarray, z: np.ndarray, level: float) -> tuple[np.ndarray, np.ndarray]:
    gen = contourpy.contour_generator(xs, ys, z, line_type=contourpy.LineType.ChunkCombinedNan)
    (chunk,) = gen.lines(level)[0]
    if chunk is None or not len(chunk):
        return np.empty(0), np.empty(0)
    return chunk[:, 0].copy(), chunk[:, 1].copy()
