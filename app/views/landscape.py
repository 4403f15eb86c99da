"""The landscape view: colour map of f, contours, colour bar, minima, gradient field, runs, hover probe.

Every item is created once and updated with ``setData`` / ``setImage`` / ``setPos``; the playback timer only
reaches :meth:`LandscapeView._on_frame`, which slices precomputed trajectory arrays. Numbers come from the
engine (surfaces and the gradient field through :mod:`app.surface_worker`, off the GUI thread; the hover probe
from the function's own ``value`` and ``gradient``); this module only turns them into pixels (the arrows' on-screen
length and heads depend on the pixel scale, so their layout stays here).

The hover probe is the one evaluation left on the GUI thread: one point (a single backprop for a network slice,
~0.5 ms). Mouse moves only store the position; a zero-interval timer probes the newest position once per
event-loop pass, so a burst of queued moves costs one evaluation.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPointF, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsRectItem, QMenu

from app.state import AppState, Run
from app.surface_worker import SurfaceResult, SurfaceWorker
from app.views.paths import Track, pair_rows, path_lines, running_bounds
from engine import vocab

COLORMAPS = list(vocab.COLORMAPS)
FIELD_CLASSES = 3  # |∇f| brightness classes of the gradient field (one item each)
FIELD_ALPHAS = (80, 160, 245)
HEAD_PX = 7.0  # arrow-head length in pixels
HEAD_ANGLE = math.radians(26)
CURSOR_ARROW_PX = 34.0
DEBOUNCE_MS = 150
Z_IMAGE, Z_CONTOUR, Z_FIELD, Z_PATH, Z_MARK, Z_HANDLE, Z_CURSOR = -10, -5, 1, 5, 8, 10, 20


@dataclass(frozen=True)
class HoverInfo:
    """The engine's numbers at the cursor: f, ∇f, |∇f| and the steepest-descent angle (degrees)."""

    x: float
    y: float
    f: float
    gx: float
    gy: float

    @property
    def norm(self) -> float:
        return math.hypot(self.gx, self.gy)

    @property
    def descent_angle(self) -> float:
        """Direction of −∇f in degrees, counter-clockwise from +x."""
        return math.degrees(math.atan2(-self.gy, -self.gx))


def probe(function, x: float, y: float) -> HoverInfo:
    """Ask ``function`` (the engine) for f and ∇f at one point."""
    with np.errstate(all="ignore"):
        f = float(function.value(np.float64(x), np.float64(y)))
        gx, gy = function.gradient(np.float64(x), np.float64(y))
    return HoverInfo(float(x), float(y), f, float(gx), float(gy))


def arrow_pairs(x0, y0, ux, uy, length_px, px, py, head_px=HEAD_PX):
    """Segments (x, y), 6 points per arrow, for ``PlotCurveItem(connect='pairs')``.

    Arrows start at data points (x0, y0) and point along the screen direction (ux, uy) (unit vectors,
    y up) with ``length_px`` pixels; ``px``, ``py`` are data units per pixel, so heads keep their shape
    whatever the aspect ratio.
    """
    x0, y0, ux, uy, length_px = (np.asarray(a, float) for a in (x0, y0, ux, uy, length_px))
    tip_x = x0 + ux * length_px * px
    tip_y = y0 + uy * length_px * py
    head = np.minimum(head_px, 0.5 * length_px)
    c, s = math.cos(HEAD_ANGLE), math.sin(HEAD_ANGLE)
    # the two barbs: -u rotated by ±HEAD_ANGLE
    b1x, b1y = -(ux * c - uy * s), -(ux * s + uy * c)
    b2x, b2y = -(ux * c + uy * s), -(-ux * s + uy * c)
    xs = np.stack([x0, tip_x, tip_x, tip_x + b1x * head * px, tip_x, tip_x + b2x * head * px], axis=-1)
    ys = np.stack([y0, tip_y, tip_y, tip_y + b1y * head * py, tip_y, tip_y + b2y * head * py], axis=-1)
    return xs.ravel(), ys.ravel()


class _ClickViewBox(pg.ViewBox):
    """A ViewBox that reports left clicks on empty landscape (items above it take their own clicks)."""

    clickedAt = Signal(float, float)
    contextRequested = Signal(object)  # QPoint in screen coordinates

    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            p = self.mapSceneToView(ev.scenePos())
            self.clickedAt.emit(p.x(), p.y())
        elif ev.button() == Qt.MouseButton.RightButton:
            ev.accept()
            self.contextRequested.emit(ev.screenPos().toPoint())
        else:
            ev.ignore()


class _Dot(QGraphicsEllipseItem):
    """A marker of constant pixel size at a data position (cheap to move: ``setPos``)."""

    def __init__(self, diameter: float, color: str, outline: str = "#ffffff") -> None:
        super().__init__(-diameter / 2, -diameter / 2, diameter, diameter)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(color)))
        self.setPen(QPen(QColor(outline), 1.5))


class _StartHandle(QGraphicsRectItem):
    """A run's start marker: a square that can be dragged (re-runs from the drop point) or clicked (selects)."""

    def __init__(self, view: LandscapeView, run_id: int, color: str) -> None:
        size = 11.0
        super().__init__(-size / 2, -size / 2, size, size)
        self.view = view
        self.run_id = run_id
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(color)))
        self.setPen(QPen(QColor("#111111"), 1.5))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAcceptHoverEvents(True)

    # pyqtgraph's scene delivers these (its own event objects) to any item that defines them
    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self.view.state.select({self.run_id})
        else:
            ev.ignore()

    def mouseDragEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        p = self.view.plot.vb.mapSceneToView(ev.scenePos())
        self.setPos(p)
        if ev.isFinish():
            self.view.state.move_run(self.run_id, (p.x(), p.y()))
            self.view.state.select({self.run_id})
        else:
            self.view._drag_preview(self.run_id, (p.x(), p.y()))


class _RunGraphics:
    """The items of one run: path so far, head, step arrow, start handle (created once per run)."""

    def __init__(self, view: LandscapeView, run: Run) -> None:
        self.run_id = run.id
        self.color = run.color
        self.path = Track(pen=pg.mkPen(run.color, width=2))
        self.step = Track(pen=pg.mkPen(run.color, width=2), connect="pairs")
        self.head = _Dot(11, run.color)
        self.handle = _StartHandle(view, run.id, run.color)
        for item, z in ((self.path, Z_PATH), (self.step, Z_PATH + 1), (self.head, Z_MARK),
                        (self.handle, Z_HANDLE)):
            item.setZValue(z)
            view.plot.vb.addItem(item, ignoreBounds=True)
        self.xs = self.ys = np.empty(0)
        self.bounds = (np.empty(0),) * 4  # running x min, x max, y min, y max along the path
        self.last = -1  # last valid row (stopped_at), -1 when the run has no trajectory
        self.mark_row = -1  # row of the ✕ for a diverged run
        self.set_run(run, view.state)

    def set_run(self, run: Run, state: AppState) -> None:
        traj = run.trajectory
        self.handle.setPos(QPointF(*run.start))
        start_text = f"({run.start[0]:.4g}, {run.start[1]:.4g})"
        self.handle.setToolTip(_tr("Run {id} · {label}\nstart {start}\nDrag to start from elsewhere").format(
            id=run.id, label=run.label, start=start_text))
        if traj is None:
            self.xs = self.ys = np.empty(0)
            self.lines, self.finite_upto = np.empty((0, 4)), np.zeros(0, np.intp)
            self.last = self.mark_row = -1
            return
        pts = traj.points[:, 0, :]
        self.xs = np.ascontiguousarray(pts[:, 0])
        self.ys = np.ascontiguousarray(pts[:, 1])
        self.bounds = (*running_bounds(self.xs), *running_bounds(self.ys))
        self.lines, self.finite_upto = path_lines(self.xs, self.ys)
        self.last = int(traj.stopped_at[0])
        self.mark_row = -1
        if traj.status[0] == "diverged":
            (x0, x1), (y0, y1) = state.view
            inside = ((self.xs[: self.last + 1] >= x0) & (self.xs[: self.last + 1] <= x1)
                      & (self.ys[: self.last + 1] >= y0) & (self.ys[: self.last + 1] <= y1))
            # the ✕ sits at the last point, or where the run left the view when it flew off-screen
            self.mark_row = self.last if inside[self.last] or not inside.any() else int(np.flatnonzero(inside)[-1])

    def path_lines(self, i: int) -> np.ndarray:
        """The segments of the path up to row ``i``: a view of the first rows of :attr:`lines`."""
        return self.lines[: max(int(self.finite_upto[i]) - 1, 0)]

    def path_bounds(self, i: int) -> tuple | None:
        """Data bounds of the path up to row ``i`` (None when it has no finite point)."""
        x0, x1, y0, y1 = (float(b[i]) for b in self.bounds)
        return ((x0, x1), (y0, y1)) if math.isfinite(x0 + x1 + y0 + y1) else None

    def set_selected(self, selected: bool) -> None:
        self.path.setPen(pg.mkPen(self.color, width=3.5 if selected else 2))
        self.handle.setPen(QPen(QColor("#ffffff" if selected else "#111111"), 2 if selected else 1.5))

    def remove(self, vb) -> None:
        for item in (self.path, self.step, self.head, self.handle):
            vb.removeItem(item)


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("LandscapeView", text)


class LandscapeView(pg.GraphicsLayoutWidget):
    """Colour map + contours + colour bar + minima + gradient field + runs of ``state``."""

    hoverChanged = Signal(object)  # HoverInfo, or None when the cursor leaves the plot
    surfaceShown = Signal(object)  # SurfaceResult now on screen

    def __init__(self, state: AppState, worker: SurfaceWorker | None = None, parent=None) -> None:
        super().__init__(parent)
        self.state = state
        self.worker = worker or SurfaceWorker(self)
        self.context_actions: list[QAction] = []  # the main window fills the right-click menu
        self.result: SurfaceResult | None = None
        self.hover: HoverInfo | None = None
        self._field = None  # (X, Y, GX, GY, norm) of the shown result, for re-layout on resize and field mode
        self._field_view = state.view
        self._field_error = ""
        self._hover_pos = None  # scene position of the newest mouse move, probed once per event-loop pass
        self.probe_count = 0  # hover evaluations made (tests and benchmarks: moves are coalesced)
        self._runs: dict[int, _RunGraphics] = {}
        self._marks_key: tuple = ()
        self._applying_view = False
        self._request_key = None
        self.setBackground("#1e1e1e")
        self.ci.setContentsMargins(4, 4, 4, 4)

        self.plot = self.addPlot(row=0, col=0, viewBox=_ClickViewBox())
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.vb.disableAutoRange()
        self.plot.setLabel("bottom", "x")
        self.plot.setLabel("left", "y")
        self.plot.showGrid(x=False, y=False)
        vb = self.plot.vb

        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_IMAGE)
        vb.addItem(self.image, ignoreBounds=True)
        self.contours = pg.PlotCurveItem(pen=pg.mkPen(255, 255, 255, 120, width=1), connect="finite",
                                         skipFiniteCheck=True)
        self.contours.setZValue(Z_CONTOUR)
        vb.addItem(self.contours, ignoreBounds=True)
        self.field_items = []
        for alpha in FIELD_ALPHAS:
            item = pg.PlotCurveItem(pen=pg.mkPen(255, 255, 255, alpha, width=1), connect="pairs",
                                    antialias=True)
            item.setZValue(Z_FIELD)
            vb.addItem(item, ignoreBounds=True)
            self.field_items.append(item)
        self.minima = pg.ScatterPlotItem(symbol="star", size=20, pen=pg.mkPen("#111111", width=1.2),
                                         brush=pg.mkBrush("#ffffff"), hoverable=True,
                                         hoverBrush=pg.mkBrush("#ffd34d"), tip=self._minimum_tip)
        self.minima.setZValue(Z_MARK)
        vb.addItem(self.minima, ignoreBounds=True)
        self.diverged = pg.ScatterPlotItem(symbol="x", size=20, pen=pg.mkPen("#ffffff", width=1),
                                           brush=pg.mkBrush("#e8202a"), hoverable=True, tip=self._diverged_tip)
        self.diverged.setZValue(Z_HANDLE + 1)
        vb.addItem(self.diverged, ignoreBounds=True)
        self.cursor_arrow = pg.PlotCurveItem(pen=pg.mkPen("#ff4d4d", width=2.2), connect="pairs",
                                             antialias=True)
        self.cursor_arrow.setZValue(Z_CURSOR)
        self.cursor_arrow.setVisible(False)  # shown with the hover readout
        vb.addItem(self.cursor_arrow, ignoreBounds=True)

        # static between view changes: Qt keeps them as device pixmaps, so a frame only blits them
        for item in (self.image, self.contours, *self.field_items):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self.colorbar = pg.ColorBarItem(interactive=False, colorMapMenu=False, width=16,
                                        label=_tr("f(x, y)"))
        self.colorbar.setImageItem(self.image)
        self.addItem(self.colorbar, row=0, col=1)
        # the axes and the markers change with the view or the runs, not with the frame: a window grab (export, and
        # every repaint of the view) blits them; an item's update() (new ticks, a hovered star) redraws its pixmap.
        # Not the colour bar's left and bottom axes (its frame): cached, they come out differently over the bar.
        # The axis titles (text items of their own, children of the axes) and the colour bar's 1 × 256 pixmap, which
        # Qt would scale to the bar's size on every paint, likewise.
        titles = [a["item"].label for a in self.plot.axes.values()] + [self.colorbar.axis.label]
        for item in (*(a["item"] for a in self.plot.axes.values()), self.colorbar.axis,
                     self.minima, self.diverged, *titles, self.colorbar.bar):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._commit_view)
        vb.sigRangeChangedManually.connect(lambda *_: self._debounce.start())
        vb.sigResized.connect(self._relayout)
        vb.clickedAt.connect(self._on_clicked)
        vb.contextRequested.connect(self._show_context_menu)
        self._hover_timer = QTimer(self)
        self._hover_timer.setSingleShot(True)
        self._hover_timer.setInterval(0)
        self._hover_timer.timeout.connect(self._probe_hover)
        self.worker.ready.connect(self._show_surface)
        self.worker.failed.connect(self._on_surface_failed)

        state.landscapeChanged.connect(self._on_landscape)
        state.viewChanged.connect(self._on_view)
        state.displayChanged.connect(self._on_display)
        state.runsChanged.connect(self._on_runs)
        state.selectionChanged.connect(self._on_selection)
        state.frameChanged.connect(self._on_frame)

        self._on_landscape()
        self._on_display()
        self._apply_view()
        self._request_surface()
        self._on_runs()

    # ----- state -> view ------------------------------------------------------------------
    def _on_landscape(self) -> None:
        fn = self.state.function
        self.minima.setData(pos=[(m[0], m[1]) for m in fn.minima] or np.empty((0, 2)),
                            data=[_tr("global minimum ({x:.4g}, {y:.4g}), f = {f:.4g}").format(
                                x=m[0], y=m[1], f=m[2]) for m in fn.minima])

    def _on_view(self) -> None:
        self._apply_view()
        self._request_surface()  # the field comes with the surface, from the worker

    def _on_display(self) -> None:
        d = self.state.display
        self.colorbar.setColorMap(pg.colormap.get(d.colormap if d.colormap in COLORMAPS else "viridis"))
        self.minima.setVisible(d.show_minima)
        for item in self.field_items:
            item.setVisible(d.show_field)
        self._request_surface()
        self._layout_field()  # the field mode (descent/ascent) is display only: the same arrows, flipped

    def _apply_view(self) -> None:
        (x0, x1), (y0, y1) = self.state.view
        self._applying_view = True
        try:
            self.plot.vb.setRange(xRange=(x0, x1), yRange=(y0, y1), padding=0)
        finally:
            self._applying_view = False

    def _request_surface(self) -> None:
        s = self.state
        density = s.display.field_density if s.display.show_field else 0  # a hidden field is not computed
        key = (s.function, s.view, s.resolution, s.display.log_scale, s.display.contours, density)
        if key == self._request_key:
            return
        self._request_key = key
        self.worker.request(s.function, s.view, s.resolution, s.display.log_scale, s.display.contours, density)

    def _show_surface(self, result: SurfaceResult) -> None:
        surf = result.surface
        x, y = np.asarray(surf.x), np.asarray(surf.y)
        dx = (x[-1] - x[0]) / max(len(x) - 1, 1)
        dy = (y[-1] - y[0]) / max(len(y) - 1, 1)
        self.image.setImage(result.colour, levels=result.levels, autoLevels=False)
        self.image.setRect(QRectF(x[0] - dx / 2, y[0] - dy / 2, x[-1] - x[0] + dx, y[-1] - y[0] + dy))
        self.colorbar.setLevels(result.levels)
        self._set_colorbar_ticks(result)
        self.contours.setData(result.contour_xs, result.contour_ys)
        self._field = result.field
        self._field_view = result.request.view
        if result.field_error and result.field_error != self._field_error:  # once, not for preview + full
            self.state.message.emit(_tr("Gradient field unavailable: {error}").format(error=result.field_error))
        self._field_error = result.field_error
        self._layout_field()
        self.result = result
        self.surfaceShown.emit(result)

    def _set_colorbar_ticks(self, result: SurfaceResult) -> None:
        """Label the bar in f units; on a log scale put ticks at whole decades of f − fmin."""
        axis = self.colorbar.axis
        if not result.request.log_scale:
            axis.setTicks(None)
            return
        lo, hi = result.levels
        decades = np.arange(math.ceil(lo), math.floor(hi) + 1)
        step = max(1, math.ceil(len(decades) / 7))
        major = [(float(k), f"{10.0 ** k - result.log_offset:.3g}") for k in decades[::step]]
        axis.setTicks([major, []])

    def _on_surface_failed(self, request, message: str) -> None:
        self._request_key = None  # let the next change try again
        self.state.message.emit(_tr("Could not draw {title}: {error}").format(
            title=request.function.title, error=message))

    def _layout_field(self) -> None:
        """Arrow geometry of the field in the current pixel scale (length ∝ log |∇f|, 3 brightness classes)."""
        px, py = self._pixel_size()
        if self._field is None or px is None:
            for item in self.field_items:
                item.setData([], [])
            return
        X, Y, GX, GY, norm = (np.asarray(a, float).ravel() for a in self._field)
        sign = -1.0 if self.state.display.field_mode == "descent" else 1.0
        sx, sy = sign * GX / px, sign * GY / py  # the vector on screen
        slen = np.hypot(sx, sy)
        ok = np.isfinite(slen) & (slen > 0) & np.isfinite(norm)
        if not ok.any():
            for item in self.field_items:
                item.setData([], [])
            return
        X, Y, sx, sy, slen, norm = X[ok], Y[ok], sx[ok], sy[ok], slen[ok], norm[ok]
        n = int(round(math.sqrt(max(len(self._field[0].ravel()), 1))))
        (x0, x1), (y0, y1) = self._field_view  # the view the field was sampled in (the state may have moved on)
        cell_px = min((x1 - x0) / max(n, 1) / px, (y1 - y0) / max(n, 1) / py)
        ref = float(np.median(norm)) or 1.0
        scale = np.log1p(norm / ref) / math.log1p(float(norm.max()) / ref)  # 0..1, flat and steep both read
        length = cell_px * 0.9 * (0.25 + 0.75 * scale)
        xs, ys = arrow_pairs(X, Y, sx / slen, sy / slen, length, px, py)
        classes = np.minimum((scale * FIELD_CLASSES).astype(int), FIELD_CLASSES - 1)
        per_arrow = np.repeat(classes, 6)
        for k, item in enumerate(self.field_items):
            sel = per_arrow == k
            item.setData(xs[sel], ys[sel])

    def _pixel_size(self):
        px, py = self.plot.vb.viewPixelSize()
        if not (np.isfinite(px) and np.isfinite(py)) or px <= 0 or py <= 0:
            return None, None
        return px, py

    def _relayout(self, *_):
        self._layout_field()
        self._on_frame(self.state.frame)

    # ----- runs ---------------------------------------------------------------------------
    def _on_runs(self) -> None:
        vb = self.plot.vb
        ids = {r.id for r in self.state.runs}
        for run_id in [i for i in self._runs if i not in ids]:
            self._runs.pop(run_id).remove(vb)
        for run in self.state.runs:
            g = self._runs.get(run.id)
            if g is None:
                self._runs[run.id] = _RunGraphics(self, run)
            else:
                g.set_run(run, self.state)
        self._marks_key = None
        self._on_selection()
        self._on_frame(self.state.frame)

    def _on_selection(self) -> None:
        for run_id, g in self._runs.items():
            g.set_selected(run_id in self.state.selected)

    def _drag_preview(self, run_id: int, start) -> None:
        """While a start handle is dragged, the path follows live (the engine recomputes; cheap for K=1)."""
        self.state.move_run(run_id, start)

    def _on_frame(self, t: int) -> None:
        """Show iteration ``t`` of every run: slices of precomputed arrays only."""
        px, py = self._pixel_size()
        marks, steps = [], []  # steps: (run graphics, x_t, y_t, screen direction ux, uy, length in pixels)
        for g in self._runs.values():
            if g.last < 0:
                g.path.setData([], [])
                g.step.setData([], [])
                g.head.setVisible(False)
                continue
            i = min(t, g.last)
            pixel = (px, py) if px is not None else None
            g.path.set_track(g.xs[: i + 1], g.ys[: i + 1], g.path_bounds(i), pixel, g.path_lines(i))
            g.head.setVisible(True)
            g.head.setPos(g.xs[i], g.ys[i])
            length = 0.0
            if i < g.last and px is not None:
                dx, dy = (g.xs[i + 1] - g.xs[i]) / px, (g.ys[i + 1] - g.ys[i]) / py
                length = math.hypot(dx, dy)
            if length > 0:
                steps.append((g, g.xs[i], g.ys[i], dx / length, dy / length, length))
            else:
                g.step.setData([], [])
            if g.mark_row >= 0 and t >= g.last:
                marks.append((g.run_id, g.xs[g.mark_row], g.ys[g.mark_row]))
        if steps:  # every run's step arrow from one arrow_pairs call (~0.1 ms of NumPy calls per run otherwise)
            runs, *columns = zip(*steps)
            xs, ys = arrow_pairs(*(np.array(c) for c in columns), px, py)
            for g, (axs, ays), bounds, lines in zip(runs, *pair_rows(xs.reshape(-1, 6), ys.reshape(-1, 6))):
                g.step.set_track(axs, ays, bounds, pixel, lines)
        key = tuple(marks)
        if key != self._marks_key:  # touch the scatter only when the set of ✕ marks changes
            self._marks_key = key
            self.diverged.setData(pos=[(m[1], m[2]) for m in marks] or np.empty((0, 2)),
                                  data=[m[0] for m in marks])

    # ----- user -> state ------------------------------------------------------------------
    def _on_clicked(self, x: float, y: float) -> None:
        self.state.add_run((x, y))

    def _commit_view(self) -> None:
        (x0, x1), (y0, y1) = self.plot.vb.viewRange()
        try:
            self.state.set_view(((x0, x1), (y0, y1)))
        except ValueError as exc:
            self.state.message.emit(str(exc))
            self._apply_view()

    def _show_context_menu(self, screen_pos) -> None:
        if not self.context_actions:
            return
        menu = QMenu(self)
        for action in self.context_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.popup(screen_pos)

    # ----- hover probe --------------------------------------------------------------------
    def mouseMoveEvent(self, ev):
        # Not the scene's sigMouseMoved: pyqtgraph rate-limits it (100/s) and drops the last move of a quick
        # gesture, which would leave the readout describing a point the cursor already left. Instead the newest
        # position is kept and probed once per event-loop pass (a burst of queued moves costs one evaluation).
        super().mouseMoveEvent(ev)
        self._hover_pos = self.mapToScene(ev.position().toPoint())
        if not self._hover_timer.isActive():
            self._hover_timer.start()

    def _probe_hover(self) -> None:
        pos, self._hover_pos = self._hover_pos, None
        if pos is not None:
            self._on_mouse_moved(pos)

    def _on_mouse_moved(self, scene_pos) -> None:
        vb = self.plot.vb
        if not vb.sceneBoundingRect().contains(scene_pos):
            self._set_hover(None)
            return
        p = vb.mapSceneToView(scene_pos)
        self.probe_count += 1
        self._set_hover(probe(self.state.function, p.x(), p.y()))

    def _set_hover(self, info: HoverInfo | None) -> None:
        if info is None and self.hover is None:
            return
        self.hover = info
        px, py = self._pixel_size()
        if info is None or px is None or not (info.norm > 0 and math.isfinite(info.norm)):
            self.cursor_arrow.setData([], [])
            self.cursor_arrow.setVisible(False)  # an empty curve still costs ~0.3 ms per paint of the view
        else:
            sx, sy = -info.gx / px, -info.gy / py
            slen = math.hypot(sx, sy)
            xs, ys = arrow_pairs(info.x, info.y, sx / slen, sy / slen, CURSOR_ARROW_PX, px, py, head_px=9)
            self.cursor_arrow.setData(xs, ys)
            self.cursor_arrow.setVisible(True)
        self.hoverChanged.emit(info)

    def leaveEvent(self, ev):
        self._hover_timer.stop()  # a move still waiting for its probe must not bring the readout back
        self._hover_pos = None
        self._set_hover(None)
        super().leaveEvent(ev)

    # ----- tooltips -------------------------------------------------------------------------
    @staticmethod
    def _minimum_tip(x, y, data):
        return str(data)

    def _diverged_tip(self, x, y, data):
        run = self.state.run_by_id(int(data)) if data is not None else None
        if run is None or run.trajectory is None:
            return _tr("diverged")
        return _tr("Run {id} diverged at step {k}").format(id=run.id, k=int(run.trajectory.stopped_at[0]))
