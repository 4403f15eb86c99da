"""The network graph's numbers: one sample's forward and backward pass at the current point of the slice, and what
the selected run's optimizer does to each weight there.

The current point is the network controller's (the selected run at ``state.frame``, else the cursor, else the slice
centre), so the graph follows playback like the data view. Each new point, sample or scope asks the compute
service's "point" lane (key ``point:graph``, newest wins) for a :class:`GraphResult`; nothing is computed while the
graph is hidden (``set_live``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine import nn
from engine.nn.trace import SCOPES


def tr(text: str) -> str:
    return QCoreApplication.translate("NetworkGraph", text)


@dataclass(frozen=True)
class GraphResult:
    """The graph's numbers at one point of ``build``'s slice.

    ``trace``: sample ``trace.index``'s :class:`engine.nn.NetworkTrace`; ``theta`` (D,) θ(point); ``grad`` (D,)
    ∂L/∂θ of the training loss (the mean over the dataset); ``lr`` and ``optimizer`` of the selected run (else the
    optimizer settings); ``row`` the run's iteration; ``step`` (D,) θ(row + 1) − θ(row) of the run (None when it has
    no next step, ``note`` says why)."""

    build: object
    point: tuple[float, float]
    what: str
    trace: nn.NetworkTrace
    theta: np.ndarray
    grad: np.ndarray
    loss: float
    lr: float
    optimizer: str
    run_id: int | None
    row: int | None
    step: np.ndarray | None
    note: str


def compute_result(build, point, what, index: int, scope: str, lr: float, optimizer: str, run_id, row,
                   next_point) -> GraphResult:
    """The work of one request (off the GUI thread): trace, θ, the training loss's gradient, the run's step."""
    plane, model = build.plane, build.model
    theta = plane.vectors_at(*point)[0]
    tr_ = nn.trace(model, theta, plane.X, plane.y, index, scope)
    loss, grad = model.losses_and_gradients(theta, plane.X, plane.t)
    step = None if next_point is None else nn.plane_step(plane, point, next_point)
    note = ""
    if run_id is None:
        note = tr("Select a run to see the step its optimizer takes here.")
    elif step is None:
        note = tr("The run stops at this iteration: its optimizer takes no further step.")
    return GraphResult(build, tuple(point), what, tr_, theta, np.asarray(grad), float(loss), float(lr), optimizer,
                       run_id, row, step, note)


class NetworkGraphController(QObject):
    """See the module docstring. ``result`` holds the numbers on show (None without a network slice)."""

    resultChanged = Signal()
    sampleChanged = Signal(int)
    failed = Signal(str)

    def __init__(self, state, compute, network, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.compute, self.network = state, compute, network
        self.sample = 0
        self.scope = "sample"
        self.live = False
        self.result: GraphResult | None = None
        network.pointChanged.connect(self.request)
        network.built.connect(lambda *_: self.set_sample(self.sample, force=True))
        network.activeChanged.connect(lambda *_: self.request())

    def n_samples(self) -> int:
        build = self.network.current
        return 0 if build is None else int(build.plane.X.shape[0])

    def set_sample(self, index: int, force: bool = False) -> None:
        """Trace sample ``index`` (clamped to the dataset)."""
        index = int(min(max(int(index), 0), max(self.n_samples() - 1, 0)))
        if index != self.sample or force:
            self.sample = index
            self.sampleChanged.emit(index)
            self.request()

    def set_scope(self, scope: str) -> None:
        if scope not in SCOPES:
            raise ValueError(tr("unknown scope {scope!r}").format(scope=scope))
        if scope != self.scope:
            self.scope = scope
            self.request()

    def set_live(self, live: bool) -> None:
        """Compute only while the graph is on screen; going live catches up at once."""
        self.live = bool(live)
        if self.live:
            self.request()

    def update_for(self, edge: tuple[int, int, int] | None) -> nn.WeightUpdate | None:
        """The update of W_l[i, j] (``edge`` = (l, i, j)) at the point on show."""
        r = self.result
        if r is None or edge is None:
            return None
        l, i, j = edge
        return nn.weight_update(r.build.model, r.theta, r.grad, f"W{l}[{i},{j}]", r.lr, r.step)

    def request(self) -> None:
        build = self.network.current
        if build is None:
            self.compute.cancel("point:graph")
            if self.result is not None:
                self.result = None
                self.resultChanged.emit()
            return
        if not self.live:
            return
        cp = self.network.current_point()
        if cp is None:
            return
        point, what = cp
        settings, run_id, row, next_point = self.state.optimizer, None, None, None
        for run in self.state.selected_runs():
            traj = run.trajectory
            if traj is not None:
                row = run.row_at(self.state.frame)
                point = tuple(map(float, traj.points[row, 0]))
                settings, run_id = run.settings, run.id
                if row < run.last_row:
                    next_point = tuple(map(float, traj.points[row + 1, 0]))
                break
        index, scope = min(self.sample, self.n_samples() - 1), self.scope
        lr, name = float(settings.lr), str(settings.name)

        def work(job):
            return compute_result(build, point, what, index, scope, lr, name, run_id, row, next_point)

        def done(result: GraphResult) -> None:
            if result.build is self.network.current:
                self.result = result
                self.resultChanged.emit()

        self.compute.submit("point:graph", work, done, self.failed.emit)
