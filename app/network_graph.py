"""The network graph's numbers: one sample's forward and backward pass at the current point of the slice, and what
the selected run's optimizer does to each weight there.

The current point is the network controller's (the selected run at ``state.frame``, else the cursor, else the slice
centre), so the graph follows playback like the data view. Each new point, sample or scope (at most every
``THROTTLE_MS`` during playback) needs a :class:`GraphResult`. For a small network on a small dataset (N·Σ n_l·n_{l−1}
≤ ``INLINE_MACS``: well under a millisecond of work) it is computed at once, on the GUI thread: a trip through a
worker thread costs more than the work and would make the graph wait behind the data view's prediction grid. Larger
ones go to the compute service's own "graph" lane (key ``graph:trace``, newest wins). Nothing is computed while the
graph is hidden (``set_live``).
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal
from superqt.utils import qthrottled

from engine import nn
from engine.nn.trace import SCOPES

THROTTLE_MS = 33   # ≤ 30 traces a second while playing
KEY = "graph:trace"
INLINE_MACS = 500_000


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
    loss, grad = model.loss_and_flat_gradient(theta, plane.X, plane.t)   # the training step's gradient
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
        self._asked = None              # what the newest request was for: a repeated ask is dropped
        self._later = qthrottled(self.request, timeout=THROTTLE_MS, leading=True)
        state.frameChanged.connect(lambda *_: self._later())      # playback: throttled
        for signal in (state.selectionChanged, state.runsChanged, network.pointChanged, network.activeChanged):
            signal.connect(lambda *_: self.request())              # rare, or throttled already (the cursor)
        network.built.connect(lambda *_: self.set_sample(self.sample, force=True))

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
            self._asked = None
            self.compute.cancel(KEY)
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
        asked = (build, point, what, index, scope, lr, name, run_id, row, next_point)
        if asked == self._asked:
            return
        self._asked = asked

        def work(job):
            return compute_result(build, point, what, index, scope, lr, name, run_id, row, next_point)

        def done(result: GraphResult) -> None:
            if result.build is self.network.current:
                self.result = result
                self.resultChanged.emit()

        def refused(message: str) -> None:
            self._asked = None
            self.failed.emit(message)

        sizes = build.model.layer_sizes
        if build.plane.X.shape[0] * sum(a * b for a, b in zip(sizes, sizes[1:])) > INLINE_MACS:
            self.compute.submit(KEY, work, done, refused)
            return
        self.compute.cancel(KEY)        # an older request still on the lane must not overwrite this one
        try:
            result = work(None)
        except (ValueError, ArithmeticError) as exc:
            refused(str(exc))
            return
        done(result)
