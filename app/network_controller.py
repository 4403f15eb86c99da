"""Network mode's routing: the network slice is one kind of the model's landscape (``state.network`` holds the built
dataset, model and plane); this controller only routes numbers from :mod:`engine.nn` to the network views.

- builds go through the model (``state.request_landscape``), which builds them through the compute service;
- the *current point* is the selected run at ``state.frame``, else the hovered point, else the slice's centre; its
  prediction and backprop are computed on the compute service's "point" lane (newest wins, at most every
  ``POINT_THROTTLE_MS``) and handed to the views with ``pointChanged``;
- full-space training from a point, projected back onto the plane, runs on the "train" lane.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from superqt.utils import qthrottled

from app.model import AppState, NetworkBuild
from app.model.landscapes import check_network, default_network
from engine import nn
from engine import scene as scene_mod
from engine.vocab import USER_DATASET

PREVIEW_RESOLUTION = 64    # coarse first surface of a slice
POINT_THROTTLE_MS = 33     # ≤ 30 point updates a second during playback


def tr(text: str) -> str:
    return QCoreApplication.translate("NetworkController", text)


def default_source() -> dict:
    """A good first picture: two moons, 2-8-8-1 tanh, BCE, a filter-normalised random slice around trained θ."""
    return default_network().to_dict()


def validate(source: dict) -> scene_mod.NetworkLandscape:
    """The scene landscape of ``source`` (cheap checks only, no training), or ValueError with a message for the user."""
    if not isinstance(source, dict) or source.get("kind") != "network":
        raise ValueError(tr("not a network landscape"))
    ds, sl = source.get("dataset") or {}, source.get("slice") or {}
    model = nn.MLP(list(source.get("layers") or []), activation=source.get("activation", "tanh"),
                   loss=source.get("loss", "bce"), seed=int(sl.get("seed", 0)))  # the engine names bad layers
    name = ds.get("name")
    if name not in scene_mod.DATASETS and name != USER_DATASET:
        raise ValueError(tr("unknown dataset {name!r}").format(name=name))
    n_in = scene_mod.DATASETS.get(name, 2)
    if model.layer_sizes[0] != n_in:
        raise ValueError(tr("the dataset {name} has {n} input(s) but the network's input layer has {k} unit(s)")
                         .format(name=name, n=n_in, k=model.layer_sizes[0]))
    try:
        landscape = scene_mod.landscape_from_dict(source)
    except scene_mod.SceneError as err:
        raise ValueError(str(err)) from None
    check_network(landscape)
    return landscape


@dataclass(frozen=True)
class BackpropReport:
    """Backprop at one point: loss, per-layer traces (output layer first) and the in-plane gradient (∂α, ∂β)."""

    point: tuple[float, float]
    loss: float
    traces: list
    in_plane: tuple[float, float]


@dataclass(frozen=True)
class PointResult:
    """The numbers the network views show for one point (α, β) of the slice of ``build``."""

    build: NetworkBuild
    point: tuple[float, float]
    what: str
    prediction: nn.Prediction
    report: BackpropReport
    test: tuple[float, float] | None = None   # (loss, accuracy) on the held-out points, when there are some


def prediction(build: NetworkBuild, point: tuple[float, float]) -> nn.Prediction:
    """The network's prediction at θ(point) (``engine.nn.predict``)."""
    return nn.predict(build.model, build.plane.params_at(*point), build.dataset)


def backprop(build: NetworkBuild, point: tuple[float, float]) -> BackpropReport:
    """``MLP.backward_trace`` at θ(point) and the in-plane gradient from ``Plane.gradients``."""
    loss, traces = build.model.backward_trace(build.plane.params_at(*point), build.plane.X, build.plane.y)
    ga, gb = build.plane.gradients(np.float64(point[0]), np.float64(point[1]))
    return BackpropReport(point, loss, traces, (float(ga), float(gb)))


def test_scores(build: NetworkBuild, point: tuple[float, float]) -> tuple[float, float] | None:
    """(loss, accuracy) of θ(point) on the held-out test points (accuracy NaN for regression); None without them."""
    test = build.test
    if test is None:
        return None
    params = build.plane.params_at(*point)
    acc = nn.accuracy(build.model, params, test.X, test.y) if test.task != "regression" else float("nan")
    return float(build.model.loss(params, test.X, test.y)), acc


class NetworkController(QObject):
    """See the module docstring."""

    busyChanged = Signal(bool)
    progress = Signal(str)              # what the build is doing now
    failed = Signal(str)                # a refused setting or an engine error; the previous landscape stays
    built = Signal(object)              # NetworkBuild now shown
    activeChanged = Signal(bool)        # the model shows a network landscape (or not)
    pointChanged = Signal()             # ``result`` holds the numbers of a new current point
    projectedChanged = Signal(object)   # ProjectedPath of the last full-space training, or None

    def __init__(self, state: AppState, compute, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.compute = state, compute
        self.training = False
        self.active = False
        self.hover: tuple[float, float] | None = None
        self.projected = None
        self.projected_start: tuple[float, float] | None = None
        self.result: PointResult | None = None
        self._shown: NetworkBuild | None = None
        self._point_later = qthrottled(self._request_point, timeout=POINT_THROTTLE_MS, leading=True)
        state.landscapeChanged.connect(self._on_landscape)
        state.busyChanged.connect(lambda *_: self.busyChanged.emit(self.busy))
        state.landscapeProgress.connect(self.progress.emit)
        state.landscapeFailed.connect(self.failed.emit)
        for signal in (state.runsChanged, state.selectionChanged, state.frameChanged):
            signal.connect(self._point_maybe_moved)
        self._on_landscape()

    @property
    def current(self) -> NetworkBuild | None:
        return self.state.network

    @property
    def busy(self) -> bool:
        return self.state.building is not None or self.training

    # ----- requests ---------------------------------------------------------------------------------------------------
    def request_build(self, source: dict) -> bool:
        """Validate ``source`` now (a refusal emits ``failed`` and returns False) and build it off the GUI thread."""
        try:
            landscape = validate(source)
        except (ValueError, TypeError) as exc:
            self.failed.emit(str(exc))
            return False
        # False: above the bound every scene file meets (training steps, samples, grid), said by the model
        return self.state.request_landscape(landscape, keep_runs=True)

    def train_full(self, start: tuple[float, float] | None = None, optimizer: str = "adam", lr: float = 0.01,
                   steps: int = 200) -> bool:
        """Train all parameters from θ(start) (default: the slice's centre) and project the path onto the plane."""
        build = self.current
        if build is None:
            self.failed.emit(tr("Build a network landscape first"))
            return False
        start = tuple(map(float, start)) if start is not None else tuple(map(float, build.plane.centre_coords))
        plane = build.plane

        def work(job):
            return nn.train_projected(build.model, plane.params_at(*start), plane.X, plane.y, plane,
                                      optimizer=optimizer, lr=float(lr), steps=int(steps))

        def done(path) -> None:
            self._set_training(False)
            if build is self.current:
                self.projected_start = start
                self._set_projected(path)

        def refused(message: str) -> None:
            self._set_training(False)
            self.failed.emit(message)

        self._set_training(True)
        self.compute.submit("train:full", work, done, refused)
        return True

    def _set_training(self, on: bool) -> None:
        if on != self.training:
            self.training = on
            self.busyChanged.emit(self.busy)

    def _set_projected(self, path) -> None:
        self.projected = path
        if path is None:
            self.projected_start = None
        self.projectedChanged.emit(path)

    # ----- model -> controller ----------------------------------------------------------------------------------------
    def _on_landscape(self) -> None:
        build = self.current
        if self.projected is not None and build is not self._shown:
            self._set_projected(None)
        self.hover = None
        active = build is not None
        if active != self.active:
            self.active = active
            self.activeChanged.emit(active)
        if active and build is not self._shown:
            self._shown = build
            self.built.emit(build)
        if not active:
            self._shown = None
        self._point_maybe_moved()

    def set_hover(self, point: tuple[float, float] | None) -> None:
        self.hover = None if point is None else (float(point[0]), float(point[1]))
        if not self.state.selected_runs():
            self._point_maybe_moved()

    # ----- the current point ------------------------------------------------------------------------------------------
    def current_point(self) -> tuple[tuple[float, float], str] | None:
        """((α, β), what it is) for the views, or None without a network slice."""
        build = self.current
        if build is None:
            return None
        for run in self.state.selected_runs():
            traj = run.trajectory
            if traj is not None:
                row = int(min(self.state.frame, int(traj.stopped_at[0]), traj.points.shape[0] - 1))
                a, b = traj.points[row, 0]
                return (float(a), float(b)), tr("run {id}, iteration {t}").format(id=run.id, t=row)
        if self.hover is not None:
            return self.hover, tr("cursor")
        return tuple(map(float, build.plane.centre_coords)), tr("slice centre")

    def _point_maybe_moved(self, *_) -> None:
        cp = self.current_point()
        if cp is None:
            self._point_later.cancel()
            if self.result is not None:
                self.result = None
                self.pointChanged.emit()
            return
        if self.result is not None and self.result.build is self.current and self.result.point == cp[0]:
            return
        self._point_later()

    def _request_point(self) -> None:
        cp, build = self.current_point(), self.current
        if cp is None or build is None:
            return
        point, what = cp

        def work(job):
            p = prediction(build, point)
            job.check()
            return PointResult(build, point, what, p, backprop(build, point), test_scores(build, point))

        def done(result: PointResult) -> None:
            if result.build is self.current:
                self.result = result
                self.pointChanged.emit()

        self.compute.submit("point:network", work, done, self.failed.emit)
