"""The landscape view: colour map of f, contours, colour bar, minima, gradient field, runs, hover probe.

Every item is created once and updated with ``setData`` / ``setImage`` / ``setPos``; the playback timer only
reaches :meth:`LandscapeView._on_frame`, which slices precomputed trajectory arrays. Numbers come from the
engine (surfaces and the gradient field through :mod:`app.surface_worker`, off the GUI thread; the hover probe
from the function's own ``value`` and ``gradient``); this module only turns them into pixels (the arrows' geometry in
the current pixel scale comes from :mod:`app.views.arrows`, the runs' items from :mod:`app.views.paths`).

The hover probe is the one evaluation left on the GUI thread: one point (a single backprop for a network slice,
~0.5 ms). Mouse moves only store the position; a zero-interval timer probes the newest position once per
event-loop pass, so a burst of queued moves costs one evaluation.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QGraphicsItem, QMenu

from superqt.utils import qdebounced

from app.model import AppState
from app.surface_worker import SurfaceResult, SurfaceWorker
from app.views.colorbar_ticks import log_ticks
from app.views.cursor import CursorArrow
from app.views.start_drag import StartDrag
from app.views.landscape_axes import apply_axes, sampled_or_shown, shown_view
from app.views.arrows import HoverInfo, field_arrows, probe  # noqa: F401 - HoverInfo for callers
from app.views.paths import Z_HANDLE, Z_MARK, RunGraphics, RunTracks, frame_tracks, sync_run_graphics
from engine import vocab

COLORMAPS = list(vocab.COLORMAPS)
FIELD_ALPHAS = (80, 160, 245)  # one per brightness class of the field (arrows.FIELD_CLASSES)
PREVIEW_RESOLUTION = 64  # a network slice is first drawn on this coarse grid
DEBOUNCE_MS = 150  # a pan or zoom is committed to the model when the mouse rests this long
Z_IMAGE, Z_CONTOUR, Z_FIELD, Z_PATH, Z_CURSOR = -10, -5, 1, 5, 20  # Z_MARK, Z_HANDLE: app.views.paths


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
        self._runs: dict[int, RunGraphics] = {}
        self._spare_runs: list[RunGraphics] = []  # the items of removed runs, hidden, for the next new runs
        self._marks_key: tuple = ()
        self._applying_view = False
        self._request_key = None
        self._colormap = None
        self.setBackground("#1e1e1e")
        self.ci.setContentsMargins(4, 4, 4, 4)

        self.plot = self.addPlot(row=0, col=0, viewBox=_ClickViewBox())
        self.plot.hideButtons()
        self.plot.setMenuEnabled(False)
        self.plot.vb.disableAutoRange()
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
        self.cursor_arrow = CursorArrow()
        self.cursor_arrow.setZValue(Z_CURSOR)
        vb.addItem(self.cursor_arrow, ignoreBounds=True)
        self.tracks = RunTracks()  # every run's path and step arrow
        self.tracks.setZValue(Z_PATH)
        vb.addItem(self.tracks, ignoreBounds=True)

        # static between view changes: Qt keeps them as device pixmaps, so a frame only blits them
        for item in (self.image, self.contours, *self.field_items):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self.colorbar = pg.ColorBarItem(interactive=False, colorMapMenu=False, width=16, label="f(x, y)")
        self.colorbar.setImageItem(self.image)
        self.addItem(self.colorbar, row=0, col=1)
        # axes, titles, markers and the colour bar change with the view or the runs, not with the frame: device
        # pixmaps (not the colour bar's frame axes: cached, they come out differently over the bar)
        titles = [a["item"].label for a in self.plot.axes.values()] + [self.colorbar.axis.label]
        for item in (*(a["item"] for a in self.plot.axes.values()), self.colorbar.axis,
                     self.minima, self.diverged, *titles, self.colorbar.bar):
            item.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)

        self._commit_view_later = qdebounced(self._commit_view, timeout=DEBOUNCE_MS)
        vb.sigRangeChangedManually.connect(lambda *_: self._commit_view_later())
        self.start_drag = StartDrag(state)  # the run handles' drag and drop
        vb.sigResized.connect(self._relayout)
        vb.clickedAt.connect(self._on_clicked)
        vb.contextRequested.connect(self._show_context_menu)
        self.worker.ready.connect(self._show_surface)
        self.worker.failed.connect(self._on_surface_failed)

        state.landscapeChanged.connect(self._on_landscape)
        state.viewChanged.connect(self._on_view)
        state.displayChanged.connect(self._on_display)
        state.runsChanged.connect(self._on_runs)
        state.selectionChanged.connect(self._on_selection)
        state.frameChanged.connect(self._on_frame)

        self._held = False  # a new landscape waits for its own event-loop pass (the others' changes are drawn first)
        self._show_landscape()

    # ----- state -> view ------------------------------------------------------------------
    def _on_landscape(self) -> None:
        self._held = True  # the view, display, runs and frame that come with it are shown by _show_landscape
        self.state.compute.later(self._show_landscape)

    def _show_landscape(self) -> None:
        self._held = False
        self._apply_view()
        self._on_display()  # and the surface
        self._on_runs()
        fn = self.state.function
        self.minima.setData(pos=[(m[0], m[1]) for m in fn.minima] or np.empty((0, 2)),
                            data=[_tr("global minimum ({x:.4g}, {y:.4g}), f = {f:.4g}").format(
                                x=m[0], y=m[1], f=m[2]) for m in fn.minima])

    def _on_view(self) -> None:
        if self._held:
            return
        self._apply_view()
        self._request_surface()  # the field comes with the surface, from the worker

    def _on_display(self) -> None:
        if self._held:
            return
        d = self.state.display
        if d.colormap != self._colormap:  # a new bar image costs ~3 ms: not for every display change
            self._colormap = d.colormap
            self.colorbar.setColorMap(pg.colormap.get(d.colormap if d.colormap in COLORMAPS else "viridis"))
        self.minima.setVisible(d.show_minima)
        if apply_axes(self):  # equal axes turned on or off: fit the view rectangle again
            self._apply_view()
        for item in self.field_items:
            item.setVisible(d.show_field)
        self._request_surface()
        self._layout_field()  # the field mode (descent/ascent) is display only: the same arrows, flipped
        if self.hover is not None:
            self._set_hover(self.hover)  # the cursor arrow follows the field's direction

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
        view = shown_view(self)  # with equal axes, the plot's whole rectangle; colours follow the view asked for
        scale = s.view if view != s.view else None
        if scale is not None and self._request_key is not None and self._request_key[2] == scale:
            view = sampled_or_shown(self._request_key[1], view)  # a slightly smaller plot keeps its surface
        key = (s.function, view, scale, s.resolution, s.display.log_scale, s.display.contours, density)
        if key == self._request_key:
            return
        self._request_key = key
        preview = PREVIEW_RESOLUTION if s.network is not None else 0  # a network slice's full grid costs seconds
        self.worker.request(s.function, view, s.resolution, s.display.log_scale, s.display.contours, density,
                            preview, scale)

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
        """Label the bar in f units; on a log scale at the decades of f − fmin (see :mod:`.colorbar_ticks`)."""
        axis = self.colorbar.axis
        if not result.request.log_scale:
            axis.setTicks(None)
            return
        axis.setTicks([log_ticks(result.levels, result.log_offset, result.f_range[0]), []])

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
        # the view the field was sampled in (the state may have moved on)
        classes = field_arrows(self._field, self._field_view, px, py, self.state.display.field_mode)
        for item, (xs, ys) in zip(self.field_items, classes):
            item.setData(xs, ys)

    def _pixel_size(self):
        px, py = self.plot.vb.viewPixelSize()
        if not (np.isfinite(px) and np.isfinite(py)) or px <= 0 or py <= 0:
            return None, None
        return px, py

    def _relayout(self, *_):
        self._request_surface()  # with equal axes a new size shows another rectangle
        self._layout_field()
        self._on_frame(self.state.frame)

    # ----- runs ---------------------------------------------------------------------------
    def _on_runs(self) -> None:
        if self._held:
            return
        sync_run_graphics(self, self._runs, self._spare_runs)
        self._marks_key = None
        self._on_selection()  # and the frame

    def _on_selection(self) -> None:
        if self._held:
            return
        for run_id, g in self._runs.items():
            g.set_selected(run_id in self.state.selected)
        self._on_frame(self.state.frame)  # the new path pens

    def _on_frame(self, t: int) -> None:
        """Show iteration ``t`` of every run: slices of precomputed arrays only."""
        tracks, bounds, marks = frame_tracks(self._runs.values(), t, *self._pixel_size())
        self.tracks.set_tracks(tracks, bounds)
        key = tuple(marks)
        if key != self._marks_key:  # touch the scatter only when the set of ✕ marks changes
            self._marks_key = key
            self.diverged.setData(pos=[(m[1], m[2]) for m in marks] or np.empty((0, 2)),
                                  data=[m[0] for m in marks])

    # ----- what export draws ------------------------------------------------------------------
    def static_items(self) -> list:
        """The graphics items that do not change with the frame: colour map, contours, field, colour bar, axes."""
        return [self.image, self.contours, *self.field_items, self.colorbar,
                *(a["item"] for a in self.plot.axes.values())]

    def dynamic_items(self) -> list:
        """The graphics items a frame (or the runs) may change: paths and step arrows, heads, start handles,
        minima and ✕ markers, the hover arrow."""
        items = [self.minima, self.diverged, self.cursor_arrow, self.tracks]
        for g in self._runs.values():
            items += [g.head, g.handle]
        return items

    def head_position(self, run_id: int) -> tuple[float, float] | None:
        """Where ``run_id``'s head marker is drawn (None when the run shows none)."""
        g = self._runs.get(run_id)
        if g is None or not g.head.isVisible():
            return None
        return g.head.pos().x(), g.head.pos().y()

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
        # position is kept and probed in an event-loop pass of its own (a burst of queued moves costs one
        # evaluation; the map's repaint is not added to a tool's).
        super().mouseMoveEvent(ev)
        self._hover_pos = self.mapToScene(ev.position().toPoint())
        self.state.compute.later(self._probe_hover, first=True)  # the cursor's readout before queued results

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
        self.cursor_arrow.show_at(info, *self._pixel_size(), ascent=self.state.display.field_mode == "ascent")
        self.hoverChanged.emit(info)

    def leaveEvent(self, ev):
        self._hover_pos = None  # a move still waiting for its probe must not bring the readout back
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
