"""The losses a network run has beside the surface's value: the test loss along the path (when points are held out)
and the loss on each step's mini-batch (when runs descend with mini-batches). They are computed on the compute
service's "curves" lane whenever the runs or the landscape change, and handed to the loss-curves view."""
from __future__ import annotations

from PySide6.QtCore import QObject

from engine.nn.training import losses_along


def run_losses(build, runs) -> dict[int, dict]:
    """{run id: {"test": (T,), "batch": (T,)}} over each run's valid rows (the keys that apply to ``build``)."""
    out = {}
    for run_id, points in runs:
        losses = {}
        if build.test is not None:
            losses["test"] = losses_along(build.plane, points, build.test.X, build.test.y)
        if build.plane.batches is not None:
            losses["batch"] = losses_along(build.plane, points, batches=True)
        out[run_id] = losses
    return out


class NetworkCurves(QObject):
    """Feeds :meth:`app.views.curves.CurvesView.set_extra_curves` from the model's runs on a network slice."""

    def __init__(self, state, compute, curves, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.compute, self.curves = state, compute, curves
        state.runsChanged.connect(self.update)
        state.landscapeChanged.connect(self.update)

    def update(self, *_) -> None:
        build = self.state.network
        if build is None or (build.test is None and build.plane.batches is None):
            if self.curves.extra_data:
                self.curves.set_extra_curves({})
            return
        runs = [(r.id, r.trajectory.points[: int(r.trajectory.stopped_at[0]) + 1, 0].copy())
                for r in self.state.runs if r.trajectory is not None]

        def done(data) -> None:
            if build is self.state.network:
                self.curves.set_extra_curves(data)

        self.compute.submit("curves:network", lambda job: run_losses(build, runs), done,
                            lambda message: self.state.message.emit(message))
