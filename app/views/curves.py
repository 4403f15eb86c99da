"""Loss and gradient-norm curves: f(x_t) and |∇f(x_t)| against t, one curve per run, with a cursor at ``state.frame``.

Curves are the trajectory's own numbers up to the run's last valid row (``stopped_at``); the only transform is for
display: on a log axis f is drawn as f − f* (f* = the landscape's known minimum) so that it can reach the minimum,
and values ≤ 0 are clipped to a floor that the axis label announces. Dragging the cursor, or clicking a plot, scrubs.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QVBoxLayout, QWidget

from app.model import AppState, Run

LOG_FLOOR = 1e-16
CURSOR_PEN = pg.mkPen("#dddddd", width=1.5, style=Qt.DashLine)


# Axes (with their grid lines) and curves change only when the runs or the view range change, but the cursor moves
# every animation frame and each move repaints the whole plot: keep them as pixmaps in device pixels and blit them.
# Qt redraws a cached item when it calls update() (new data, pen, range) or when its scale changes (zoom). Measured on
# the 330 × 480 dock during playback: 22-50 ms per paint without the cache, 2-5 ms with it.
STATIC_CACHE = QGraphicsItem.CacheMode.DeviceCoordinateCache


class Cursor(pg.InfiniteLine):
    """The iteration cursor. It is added with ``ignoreBounds``, so its moves never change the auto-range; pyqtgraph
    would still mark the view's auto-range stale on each move and recompute it from every curve at the next paint."""

    def informViewBoundsChanged(self) -> None:
        pass


def _valid(run: Run) -> int:
    """Number of valid rows of a run (its stopped_at + 1)."""
    return int(run.trajectory.stopped_at[0]) + 1


class CurvesView(QWidget):
    """Two stacked plots sharing the iteration axis: loss (optionally log) and |∇f| (log)."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("curvesView")
        self.loss_plot = pg.PlotWidget()
        self.grad_plot = pg.PlotWidget()
        self.grad_plot.setXLink(self.loss_plot)
        self.grad_plot.setLogMode(y=True)
        self.loss_plot.setToolTip(self.tr("f at each iteration, one curve per run; drag the dashed line to scrub"))
        self.grad_plot.setToolTip(self.tr("Gradient norm |∇f| at each iteration (log scale); drag the dashed line "
                                          "to scrub"))
        for plot in (self.loss_plot, self.grad_plot):
            plot.showGrid(x=True, y=True, alpha=0.2)
            plot.setMenuEnabled(False)
            plot.getPlotItem().hideButtons()
            plot.scene().sigMouseClicked.connect(lambda ev, p=plot: self._on_plot_clicked(p, ev))
            for axis in plot.getPlotItem().axes.values():
                axis["item"].setCacheMode(STATIC_CACHE)
                axis["item"].label.setCacheMode(STATIC_CACHE)  # its title: a text item of its own
        self.grad_plot.setLabel("left", "|∇f|")
        self.grad_plot.setLabel("bottom", self.tr("iteration t"))

        self.loss_curves: dict[int, pg.PlotDataItem] = {}
        self.grad_curves: dict[int, pg.PlotDataItem] = {}
        self.cursors = [Cursor(angle=90, movable=True, pen=CURSOR_PEN,
                                        hoverPen=pg.mkPen("#ffffff", width=3)) for _ in range(2)]
        # Where a diverged run stopped: one scatter item per plot, an × at each run's last valid iteration.
        self.ends = [pg.ScatterPlotItem(symbol="x", size=12, pen=None) for _ in range(2)]
        for plot, end in zip((self.loss_plot, self.grad_plot), self.ends):
            end.setZValue(3)
            end.setToolTip(self.tr("Diverged: the run stopped here"))
            plot.addItem(end)
        for plot, cursor in zip((self.loss_plot, self.grad_plot), self.cursors):
            cursor.setZValue(10)
            plot.addItem(cursor, ignoreBounds=True)
            cursor.sigPositionChanged.connect(self._on_cursor_dragged)

        self.log_y = QCheckBox(self.tr("Log &scale for f"))
        self.log_y.setToolTip(self.tr("Draw f − f* on a logarithmic axis (f* = the landscape's known minimum)"))
        self.log_y.toggled.connect(self._redraw)
        top = QHBoxLayout()
        top.addWidget(self.log_y)
        top.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addLayout(top)
        layout.addWidget(self.loss_plot, 1)
        layout.addWidget(self.grad_plot, 1)

        state.runsChanged.connect(self._redraw)
        state.landscapeChanged.connect(self._on_landscape_changed)
        state.selectionChanged.connect(self._on_selection_changed)
        state.frameChanged.connect(self._on_frame_changed)
        self._on_landscape_changed()

    # ----- slots ------------------------------------------------------------------------------------------------
    def _on_landscape_changed(self) -> None:
        # Loss curves read best on a log axis; without a known minimum f may be unbounded below, so stay linear.
        with QSignalBlocker(self.log_y):
            self.log_y.setChecked(bool(self.state.function.minima))
        self._redraw()

    def _redraw(self, *_) -> None:
        runs = [r for r in self.state.runs if r.trajectory is not None]
        self._sync_items(runs)
        log = self.log_y.isChecked()
        self.loss_plot.setLogMode(y=log)
        f_star, clipped = self._known_minimum() if log else 0.0, False
        ends: tuple[list, list] = ([], [])
        for run in runs:
            n = _valid(run)
            t = np.arange(n)
            f = run.trajectory.values[:n, 0]
            if log:
                f = f - f_star
                clipped |= bool((f <= LOG_FLOOR).any())
                f = np.maximum(f, LOG_FLOOR)
            self.loss_curves[run.id].setData(t, f)
            g = np.maximum(run.trajectory.grad_norm[:n, 0], LOG_FLOOR)
            self.grad_curves[run.id].setData(t, g)
            if run.trajectory.status[0] == "diverged":
                brush = pg.mkBrush(run.color)
                ends[0].append({"pos": (n - 1, np.log10(f[-1]) if log else f[-1]), "brush": brush})
                ends[1].append({"pos": (n - 1, np.log10(g[-1])), "brush": brush})
        for item, spots in zip(self.ends, ends):
            item.setData(spots)
            item.setVisible(bool(spots))  # an empty scatter item still costs ~0.3 ms per paint
        self.loss_plot.setLabel("left", self._loss_label(log, f_star, clipped))
        self._on_selection_changed()
        self._on_frame_changed(self.state.frame)
        for plot in (self.loss_plot, self.grad_plot):
            plot.enableAutoRange()

    def _on_selection_changed(self) -> None:
        """Selected runs are drawn thicker and on top (when nothing is selected all runs look alike)."""
        for run_id, item in list(self.loss_curves.items()) + list(self.grad_curves.items()):
            run = self.state.run_by_id(run_id)
            if run is None:
                continue
            chosen = run_id in self.state.selected
            item.setPen(pg.mkPen(run.color, width=3 if chosen else 1.5))
            item.setZValue(2 if chosen else 1)

    def _on_frame_changed(self, frame: int) -> None:
        for cursor in self.cursors:
            with QSignalBlocker(cursor):
                cursor.setValue(frame)

    # ----- what export draws -----------------------------------------------------------------------------------
    def plot_widgets(self) -> list:
        """The two plots (graphics views), top to bottom."""
        return [self.loss_plot, self.grad_plot]

    def static_items(self) -> list:
        """The graphics items that do not change with the frame: axes, curves, the ✕ of diverged runs."""
        items = [a["item"] for plot in self.plot_widgets() for a in plot.getPlotItem().axes.values()]
        return items + [*self.loss_curves.values(), *self.grad_curves.values(), *self.ends]

    def dynamic_items(self) -> list:
        """The graphics items a frame moves: the iteration cursors."""
        return list(self.cursors)

    # ----- handlers ---------------------------------------------------------------------------------------------
    def _on_cursor_dragged(self, line: pg.InfiniteLine) -> None:
        self.state.set_frame(int(round(line.value())))
        self._on_frame_changed(self.state.frame)  # snap to the integer iteration, also in the other plot

    def _on_plot_clicked(self, plot: pg.PlotWidget, event) -> None:
        if event.button() != Qt.LeftButton or not plot.sceneBoundingRect().contains(event.scenePos()):
            return
        vb = plot.getPlotItem().vb
        if vb.sceneBoundingRect().contains(event.scenePos()):
            self.state.set_frame(int(round(vb.mapSceneToView(event.scenePos()).x())))

    # ----- helpers ----------------------------------------------------------------------------------------------
    def _sync_items(self, runs: list[Run]) -> None:
        """One PlotDataItem per run and plot: created when the run appears, removed when it goes."""
        ids = {r.id for r in runs}
        for curves, plot in ((self.loss_curves, self.loss_plot), (self.grad_curves, self.grad_plot)):
            for run_id in [i for i in curves if i not in ids]:
                plot.removeItem(curves.pop(run_id))
            for run in runs:
                if run.id not in curves:
                    # skipFiniteCheck: the curves are a trajectory's valid rows, finite by construction (and
                    # clipped above 0 on a log axis). Long runs (10⁴ steps) are thinned to the pixel width.
                    item = pg.PlotDataItem(pen=pg.mkPen(run.color, width=1.5), name=run.label, skipFiniteCheck=True,
                                           autoDownsample=True, downsampleMethod="peak")
                    item.curve.setCacheMode(STATIC_CACHE)
                    item.setToolTip(run.label)
                    curves[run.id] = item
                    plot.addItem(item)

    def _known_minimum(self) -> float:
        values = [m[2] for m in self.state.function.minima]
        return float(min(values)) if values else 0.0

    def _loss_label(self, log: bool, f_star: float, clipped: bool) -> str:
        from app.model.axes import axis_names
        name = axis_names(self.state.landscape).value  # f, or L for a network slice
        self.grad_plot.setLabel("left", f"|∇{name}|")
        if not log:
            return name
        label = name
        if self.state.function.minima:
            label = self.tr("f − f*  (f* = {f:.6g})").format(f=f_star)
        if clipped:
            label += self.tr("  (values ≤ {floor:g} clipped)").format(floor=LOG_FLOOR)
        return label
