"""Local minima on the map: the catalogue stars only the global minima; the others are found numerically in the view
(:func:`engine.critical.local_minima`, off the GUI thread through the compute service, newest view wins) and marked
with a hollow circle, labelled with their value when there are few, every one with a tooltip. They follow the "Known
minima" switch; network slices (no closed-form second derivatives, costly gradients) are left out."""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication

from app.model import AppState
from app.views.paths import Z_MARK
from engine.critical import local_minima

MAX_LABELS = 8  # up to this many local minima are labelled with their value; more (Rastrigin) have tooltips only
KEY = "minima:local"


def _tr(text: str) -> str:
    return QCoreApplication.translate("LocalMinima", text)


class LocalMinimaMarks:
    """Markers and labels of the local minima of ``state.function`` in ``state.view``, in ``view``'s plot."""

    def __init__(self, state: AppState, view, compute) -> None:
        self.state, self.view, self.compute = state, view, compute
        self.minima: list[tuple[float, float, float]] = []
        self.marks = pg.ScatterPlotItem(symbol="o", size=11, pen=pg.mkPen("#ffffff", width=2),
                                        brush=pg.mkBrush(0, 0, 0, 110), hoverable=True,
                                        hoverBrush=pg.mkBrush("#ffd34d"), tip=lambda x, y, data: str(data))
        self.marks.setZValue(Z_MARK - 0.5)
        view.plot.vb.addItem(self.marks, ignoreBounds=True)
        self.labels: list[pg.TextItem] = []
        state.landscapeChanged.connect(self.request)
        state.viewChanged.connect(self.request)
        state.displayChanged.connect(self._show)
        self.request()

    def request(self) -> None:
        function, view = self.state.function, self.state.view
        if self.state.network is not None or (function.hessian is None and not function.minima):
            self._set([])
            return

        def work(job):
            job.check()
            return local_minima(function, view)

        def done(found) -> None:
            if function is self.state.function and view == self.state.view:
                self._set(found)

        self.compute.submit(KEY, work, done, lambda message: self._set([]))

    def _set(self, found) -> None:
        self.minima = list(found)
        self.marks.setData(pos=[(x, y) for x, y, _ in self.minima] or [],
                           data=[_tr("local minimum ({x:.4g}, {y:.4g}), f = {f:.4g}").format(x=x, y=y, f=f)
                                 for x, y, f in self.minima])
        for label in self.labels:
            self.view.plot.vb.removeItem(label)
        self.labels = []
        (x0, x1), _ = self.state.view
        labelled = self.minima if len(self.minima) <= MAX_LABELS else []  # a field of minima: tooltips only
        self.marks.setSize(11 if len(self.minima) <= 20 else 7)
        for x, y, f in labelled:
            right = x < 0.5 * (x0 + x1)  # the label on the side towards the middle, never cut by the map's edge
            label = pg.TextItem(f"{f:.4g}".replace("-", "−"), color="#ffffff", anchor=(-0.15 if right else 1.15, 0.5),
                                fill=pg.mkBrush(0, 0, 0, 140))
            label.setPos(x, y)
            label.setZValue(Z_MARK - 0.5)
            self.view.plot.vb.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        self._show()

    def _show(self) -> None:
        on = self.state.display.show_minima
        self.marks.setVisible(on and bool(self.minima))
        for label in self.labels:
            label.setVisible(on)
