"""Loss and gradient-norm curves: f(x_t) and |∇f(x_t)| against t, one curve per run, with a cursor at ``state.frame``.

Curves are the trajectory's own numbers up to the run's last valid row (``stopped_at``); the only transform is for
display: on a log axis f is drawn as f − f* (f* = the landscape's known minimum) so that it can reach the minimum,
and values ≤ 0 are clipped to a floor that the axis label announces. Dragging the cursor, or clicking a plot, scrubs.
The axes show f itself (no "×0.001" scale factor); with no run to draw the plots say so instead of showing axes.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QSignalBlocker, Qt
from PySide6.QtWidgets import QCheckBox, QGraphicsItem, QHBoxLayout, QVBoxLayout, QWidget

from app.model import AppState, Run
from app.views.axis_style import DecadeAxis, settle_range, steady_width

LOG_FLOOR = 1e-16
SPARE_CURVES = 8  # curves made with the plots (compare mode starts six runs at once)
THIN_ABOVE = 4096  # runs longer than this many steps are thinned to the plot's pixel width
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
        self.loss_plot = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
        self.grad_plot = pg.PlotWidget(axisItems={"left": DecadeAxis("left")})
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
                axis["item"].enableAutoSIPrefix(False)  # f ≈ 0.3 reads 0.3, not 300 "(×0.001)"
                axis["item"].setCacheMode(STATIC_CACHE)
                axis["item"].label.setCacheMode(STATIC_CACHE)  # its title: a text item of its own
            steady_width(plot.getPlotItem().getAxis("left"))
        self.empty_texts = []
        self._empty: bool | None = None  # what _show_empty last showed
        for plot in (self.loss_plot, self.grad_plot):
            text = pg.TextItem(self.tr("No runs yet: click the map to start one"),
                               color="#aaaaaa", anchor=(0.5, 0.5))
            plot.addItem(text, ignoreBounds=True)
            self.empty_texts.append(text)
        self.empty_texts[1].setText("")  # one message is enough; the lower plot only loses its axes
        self.grad_plot.setLabel("left", "|∇f|")
        self.grad_plot.setLabel("bottom", self.tr("iteration t"))

        self.loss_curves: dict[int, pg.PlotDataItem] = {}
        # Network slices: further losses along each run, computed off the GUI thread (app/network_curves.py):
        # (run id, "test" | "batch") -> curve; test dashed, the mini-batch loss each step descends faint.
        self.extra_curves: dict[tuple[int, str], pg.PlotDataItem] = {}
        self.extra_data: dict[int, dict[str, np.ndarray]] = {}
        self.legend = None
        self.grad_curves: dict[int, pg.PlotDataItem] = {}
        # hidden curves for new runs: removed runs' curves, and at first as many as a compare click adds (a plot
        # that gains items repaints once more as its items settle: not on the first compare click)
        self._spare: tuple[list, list] = tuple([self._new_curve(p) for _ in range(SPARE_CURVES)]
                                               for p in (self.loss_plot, self.grad_plot))
        # What each run's curves show (its trajectory, the axis mode), so that only changed runs are drawn again;
        # the ✕ where a diverged run stopped, per plot; whether its values were clipped to the log floor.
        self._drawn: dict[int, tuple] = {}
        self._ends: dict[int, tuple | None] = {}
        self._clipped: dict[int, bool] = {}
        self._grad_todo: dict[int, tuple] = {}  # run id -> the |∇f| curve's (t, |∇f|, thinned), for _draw_grad
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

        # in an event-loop pass after the map's (a compare click's six new runs: the map shows them first)
        state.runsChanged.connect(lambda: state.compute.later(self._redraw))
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
        if runs and self._empty:  # the axes appear a plot per pass (each a new layout), the curves after them
            self._empty = False
            for i in (0, 1):
                self.state.compute.later(lambda i=i: self._empty or self._show_plot_empty(i, False))
            self.state.compute.later(self._redraw)
            return
        changed = self._sync_items(runs)
        log = self.log_y.isChecked()
        self.loss_plot.setLogMode(y=log)
        f_star, clipped = self._known_minimum() if log else 0.0, False
        for run in runs:
            key = (run.trajectory, run.color, log, f_star)
            drawn = self._drawn.get(run.id)
            if drawn is not None and (run.preview or (drawn[0] is key[0] and drawn[1:] == key[1:])):
                # Unchanged, or a drag's short preview: the curves keep the last whole run until the mouse rests
                # (each new range would re-tick and repaint four axes for every preview).
                clipped |= self._clipped.get(run.id, False)
                continue
            changed = True
            self._drawn[run.id] = key
            n = _valid(run)
            t = np.arange(n)
            f = run.trajectory.values[:n, 0]
            self._clipped[run.id] = False
            if log:
                f = f - f_star
                self._clipped[run.id] = bool((f <= LOG_FLOOR).any())
                clipped |= self._clipped[run.id]
                f = np.maximum(f, LOG_FLOOR)
            # Long runs are thinned to the pixel width (again after each zoom); shorter ones are drawn whole, so a
            # new range does not redo every curve's thinning.
            thin = n > THIN_ABOVE
            self.loss_curves[run.id].setData(t, f, autoDownsample=thin)
            g = np.maximum(run.trajectory.grad_norm[:n, 0], LOG_FLOOR)
            self._grad_todo[run.id] = (t, g, thin)
            self._ends[run.id] = None
            if run.trajectory.status[0] == "diverged":
                brush = pg.mkBrush(run.color)
                self._ends[run.id] = ({"pos": (n - 1, np.log10(f[-1]) if log else f[-1]), "brush": brush},
                                      {"pos": (n - 1, np.log10(g[-1])), "brush": brush})
        self._show_empty(not runs)
        if not changed:
            return
        self._show_ends(0)
        self.loss_plot.setLabel("left", self._loss_label(log, f_star, clipped))
        self._draw_extra(runs, log)
        self._on_selection_changed()
        self._on_frame_changed(self.state.frame)
        if runs:
            self.loss_plot.enableAutoRange()
        self.loss_plot.getPlotItem().layout.activate()  # a new axis title: its layout now, not after a first paint
        for plot in (self.loss_plot, self.grad_plot):  # (the |∇f| plot follows the loss plot's iterations)
            settle_range(plot)
        self.state.compute.later(self._draw_grad)  # each plot repaints in an event-loop pass of its own

    def _draw_grad(self) -> None:
        """The |∇f| curves of the runs the last redraw changed, a pass after the loss curves."""
        todo, self._grad_todo = self._grad_todo, {}
        for run_id, (t, g, thin) in todo.items():
            if run_id in self.grad_curves:  # (a run removed meanwhile has no curve left)
                self.grad_curves[run_id].setData(t, g, autoDownsample=thin)
        self._show_ends(1)
        if self.loss_curves:
            # y only: its iterations follow the loss plot's (linked), which would otherwise re-range in this pass
            self.grad_plot.enableAutoRange(axis=pg.ViewBox.YAxis)
        settle_range(self.grad_plot)

    def _show_ends(self, i: int) -> None:
        """The ✕ where diverged runs stopped, in plot ``i`` (0: loss, 1: |∇f|)."""
        item = self.ends[i]
        spots = [end[i] for run_id, end in self._ends.items() if end is not None and run_id in self.loss_curves]
        item.setData(spots)
        item.setVisible(bool(spots))  # an empty scatter item still costs ~0.3 ms per paint

    def _show_empty(self, empty: bool) -> None:
        """No run: hide the axes, cursors and grid and say how to get curves; the ranges start afresh."""
        if empty != self._empty:
            self._empty = empty
            for i in (0, 1):
                self._show_plot_empty(i, empty)

    def _show_plot_empty(self, i: int, empty: bool) -> None:
        """Plot ``i`` (0: loss, 1: |∇f|) with or without its axes, grid and cursor."""
        item, text = self.plot_widgets()[i].getPlotItem(), self.empty_texts[i]
        for name in ("left", "bottom"):
            item.showAxis(name, not empty)
        item.showGrid(x=not empty, y=not empty, alpha=0.2)
        text.setVisible(empty)
        self.cursors[i].setVisible(not empty)
        item.layout.activate()  # the plot area takes its new size now, not after a first (wasted) paint
        if empty:
            item.vb.disableAutoRange()
            item.vb.setRange(xRange=(0, 1), yRange=(0, 1), padding=0)
            text.setPos(0.5, 0.5)
        settle_range(item)

    def _on_selection_changed(self) -> None:
        """Selected runs are drawn thicker and on top (when nothing is selected all runs look alike)."""
        order = {r.id: k for k, r in enumerate(self.state.runs)}
        for run_id, item in list(self.loss_curves.items()) + list(self.grad_curves.items()):
            run = self.state.run_by_id(run_id)
            if run is None:
                continue
            chosen = run_id in self.state.selected
            item.setPen(pg.mkPen(run.color, width=3 if chosen else 1))
            item.setZValue((2 if chosen else 1) + order[run_id] * 1e-4)  # later runs above, whichever item

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
        return items + [*self.loss_curves.values(), *self.grad_curves.values(), *self.extra_curves.values(),
                        *self.ends]

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

    # ----- losses beside f (network slices) ---------------------------------------------------------------------
    def set_extra_curves(self, data: dict[int, dict[str, np.ndarray]]) -> None:
        """Show, per run id, its "test" loss (dashed) and "batch" loss (faint) along the iterations."""
        self.extra_data = data
        self._draw_extra([r for r in self.state.runs if r.trajectory is not None], self.log_y.isChecked())
        self.loss_plot.enableAutoRange()

    def _draw_extra(self, runs: list[Run], log: bool) -> None:
        wanted = {(r.id, kind): (r, v) for r in runs for kind, v in self.extra_data.get(r.id, {}).items()}
        for key in [k for k in self.extra_curves if k not in wanted]:
            self.loss_plot.removeItem(self.extra_curves.pop(key))
        for (run_id, kind), (run, values) in wanted.items():
            item = self.extra_curves.get((run_id, kind))
            if item is None:
                colour = pg.mkColor(run.color)
                if kind == "batch":
                    colour.setAlpha(90)
                style = Qt.PenStyle.DashLine if kind == "test" else Qt.PenStyle.SolidLine
                pen = pg.mkPen(colour, width=1.2, style=style)
                item = self.extra_curves[(run_id, kind)] = pg.PlotDataItem(pen=pen, skipFiniteCheck=True,
                                                                           autoDownsample=True, downsampleMethod="peak")
                item.setZValue(0)
                tip = self.tr("{run}: test loss") if kind == "test" else self.tr("{run}: loss on each step's mini-batch")
                item.setToolTip(tip.format(run=run.label))
                self.loss_plot.addItem(item)
            n = min(_valid(run), len(values))
            v = np.maximum(values[:n], LOG_FLOOR) if log else values[:n]
            item.setData(np.arange(n), v)
        self._show_legend({k for _, k in wanted})

    def _show_legend(self, kinds: set[str]) -> None:
        """A key to the line styles while extra losses are drawn (colours stay the runs')."""
        if self.legend is None:
            if not kinds:
                return
            self.legend = self.loss_plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
        self.legend.clear()
        if kinds:
            grey, faint = pg.mkColor("#cccccc"), pg.mkColor(204, 204, 204, 90)
            samples = [("train", self.tr("training loss"), pg.mkPen(grey, width=1.5)),
                       ("batch", self.tr("mini-batch loss"), pg.mkPen(faint, width=1.2)),
                       ("test", self.tr("test loss"), pg.mkPen(grey, width=1.2, style=Qt.PenStyle.DashLine))]
            for kind, name, pen in samples:
                if kind == "train" or kind in kinds:
                    self.legend.addItem(pg.PlotDataItem(pen=pen), name)
        self.legend.setVisible(bool(kinds))

    # ----- helpers ----------------------------------------------------------------------------------------------
    def _sync_items(self, runs: list[Run]) -> bool:
        """One PlotDataItem per run and plot: created when the run appears, removed when it goes; True if any was."""
        ids = {r.id for r in runs}
        changed = False
        for run_id in [i for i in self._drawn if i not in ids]:
            del self._drawn[run_id]
            self._ends.pop(run_id, None)
            self._clipped.pop(run_id, None)
        for curves, plot, spare in ((self.loss_curves, self.loss_plot, self._spare[0]),
                                    (self.grad_curves, self.grad_plot, self._spare[1])):
            for run_id in [i for i in curves if i not in ids]:
                # kept hidden for the next new run: items added to and removed from a plot leave references behind
                item = curves.pop(run_id)
                item.clear()
                item.setVisible(False)
                spare.append(item)
                changed = True
            for run in runs:
                if run.id not in curves:
                    if spare:
                        item = spare.pop()
                        item.setVisible(True)
                    else:
                        item = self._new_curve(plot)
                        item.setVisible(True)
                    item.setPen(pg.mkPen(run.color, width=1))
                    item.opts["name"] = run.label
                    item.setToolTip(run.label)
                    curves[run.id] = item
                    changed = True
        return changed

    @staticmethod
    def _new_curve(plot: pg.PlotWidget) -> pg.PlotDataItem:
        # skipFiniteCheck: the curves are a trajectory's valid rows, finite by construction (and clipped above 0 on a
        # log axis).
        item = pg.PlotDataItem(skipFiniteCheck=True, downsampleMethod="peak")
        item.curve.setCacheMode(STATIC_CACHE)
        item.setVisible(False)
        plot.addItem(item)
        return item

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
