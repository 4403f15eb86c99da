"""Basin and speed maps drawn over the landscape: where does descent from each start end, and how fast?

:class:`BasinOverlay` owns one semi-transparent ``ImageItem`` in the landscape's plot (above the surface colours,
below contours, field and runs), an outline of the highlighted basin and a small colour legend for the speed map.
The numbers come from :mod:`app.basin_worker` (the engine's ``basin_map`` off the GUI thread, coarse preview first);
this module turns labels and step counts into RGBA pixels. It recomputes — debounced — when the landscape, the
view or the optimizer settings change, and only while it is enabled (``toggle_action``, shortcut B).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction, QColor, QKeySequence
from superqt.utils import qdebounced

from app.basin_worker import DEFAULT_RESOLUTION, MAX_RESOLUTION, MIN_RESOLUTION, BasinResult, BasinWorker, \
    speed_colour
from app.model import AppState
from app.views.basin_patterns import (BASIN_COLORS, DIVERGED_COLORS, NOT_CONVERGED_COLOR,  # noqa: F401 - re-exported
                                      NOT_CONVERGED_COLORS, basin_color, boundary_segments, hatch_mask, line_pattern,
                                      outline_segments, rgb, stripes_of)
from engine.basins import DIVERGED, NOT_CONVERGED

# Above the surface image (-10), below contours (-5), field and runs.
Z_OVERLAY, Z_OUTLINE = -8, -4
DEBOUNCE_MS = 300
MODES = ("basins", "speed")
SPEED_COLORMAP = "plasma"
HIGHLIGHT_ALPHA = 0.92  # alpha of the hovered basin's cells


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("BasinOverlay", text)


class BasinOverlay(QObject):
    """The basin / speed map over ``landscape_view`` for ``state``; see the module notes."""

    mapChanged = Signal(object)  # BasinResult now shown (or None when cleared)
    busyChanged = Signal(bool)
    progressChanged = Signal(float)  # fraction of the current request, 0..1
    highlightChanged = Signal(object)  # highlighted label (int) or None
    hoverTextChanged = Signal(str)  # what the cursor is over ("" outside the map)
    settingsChanged = Signal()  # enabled, mode, opacity or resolution

    @staticmethod
    def color_of(label: int) -> QColor:
        """The swatch colour of a basin label (the panel's legend)."""
        return basin_color(label)

    stripes_of = staticmethod(stripes_of)  # the two colours of a patterned label (the panel's legend)

    def __init__(self, state: AppState, landscape_view, worker: BasinWorker | None = None) -> None:
        super().__init__(landscape_view)
        self.state = state
        self.view = landscape_view
        self.worker = worker or BasinWorker(self)
        self.enabled = False
        self.mode = "basins"
        self.opacity = 0.55
        self.resolution = DEFAULT_RESOLUTION
        self.result: BasinResult | None = None  # the stage on screen
        self.highlight: int | None = None
        self.hover_text = ""
        self.progress = 0.0
        self._request_key = None
        self._speed: tuple[np.ndarray, tuple[float, float]] | None = None
        self._rect = QRectF()
        self._map_hover = False  # the highlight follows the cursor over the map

        vb = landscape_view.plot.vb
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_OVERLAY)
        self.image.setAcceptedMouseButtons(Qt.MouseButton.NoButton)  # clicks reach the view box: runs start
        self.image.setVisible(False)
        vb.addItem(self.image, ignoreBounds=True)
        self.outline = pg.PlotCurveItem(pen=pg.mkPen("#ffffff", width=2), connect="pairs")
        self.outline.setZValue(Z_OUTLINE)
        self.outline.setVisible(False)
        vb.addItem(self.outline, ignoreBounds=True)
        # basin boundaries: a white line on a black halo (two items, one segment list)
        self.boundaries = [pg.PlotCurveItem(pen=pg.mkPen(colour, width=width), connect="pairs")
                           for colour, width in (("#000000", 3.0), ("#ffffff", 1.2))]
        for item in self.boundaries:
            item.setZValue(Z_OUTLINE - 0.5)
            item.setVisible(False)
            vb.addItem(item, ignoreBounds=True)
        self.speed_legend = pg.GradientLegend(size=(14, 110), offset=(-12, 12))
        self.speed_legend.setColorMap(pg.colormap.get(SPEED_COLORMAP))
        self.speed_legend.setParentItem(vb)
        self.speed_legend.setVisible(False)

        self.toggle_action = QAction(_tr("&Basin map"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setShortcut(QKeySequence("B"))
        tip = _tr("Colour every start point by the minimum descent reaches from it (or how fast)")
        self.toggle_action.setToolTip(_tr("{tip} (B)").format(tip=tip))
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.toggled.connect(self.set_enabled)

        self._debounce = qdebounced(self.request_now, timeout=DEBOUNCE_MS)
        self.worker.ready.connect(self._on_ready)
        self.worker.failed.connect(self._on_failed)
        self.worker.progress.connect(self._on_progress)
        self.worker.busyChanged.connect(self.busyChanged)
        state.landscapeChanged.connect(self._on_landscape)
        state.viewChanged.connect(self._schedule)
        state.optimizerChanged.connect(self._schedule)
        landscape_view.hoverChanged.connect(self._on_hover)

    # ----- settings ------------------------------------------------------------------------
    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)  # re-enters through toggled
            return
        if on == self.enabled:
            return
        self.enabled = on
        if on:
            self.request_now()
        else:
            self._debounce.cancel()
            self.worker.cancel()
            self._request_key = None
            self.progress = 0.0
        self._redraw()
        self.settingsChanged.emit()

    def set_mode(self, mode: str) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}, got {mode!r}")
        if mode != self.mode:
            self.mode = mode
            self._redraw()
            self.settingsChanged.emit()

    def set_opacity(self, opacity: float) -> None:
        opacity = min(max(float(opacity), 0.0), 1.0)
        if opacity != self.opacity:
            self.opacity = opacity
            self._redraw()
            self.settingsChanged.emit()

    def set_resolution(self, n: int) -> None:
        n = int(n)
        if not MIN_RESOLUTION <= n <= MAX_RESOLUTION:
            raise ValueError(_tr("the basin map resolution must be between {lo} and {hi}").format(
                lo=MIN_RESOLUTION, hi=MAX_RESOLUTION))
        if n != self.resolution:
            self.resolution = n
            self.settingsChanged.emit()
            self._schedule()

    def set_highlight(self, label: int | None) -> None:
        """Raise the alpha of (and outline) the cells labelled ``label``; None clears."""
        if label != self.highlight:
            self.highlight = label
            self._redraw()
            self.highlightChanged.emit(label)

    # ----- requests ------------------------------------------------------------------------
    def _on_landscape(self) -> None:
        self._show(None)  # the old map belongs to another function
        self._schedule()

    def _schedule(self, *_) -> None:
        if self.enabled:
            self._debounce()

    def request_now(self) -> int | None:
        """Ask the worker for the map of the current state now (no debounce); returns the request id."""
        self._debounce.cancel()
        if not self.enabled:
            return None
        s = self.state
        key = (id(s.function), s.view, self.resolution, s.optimizer)
        if key == self._request_key:
            return self.worker.latest_id
        self._request_key = key
        self.progress = 0.0
        self.progressChanged.emit(0.0)
        return self.worker.request(s.function, s.view, self.resolution, s.optimizer).id

    def _on_ready(self, result: BasinResult) -> None:
        if not self.enabled:
            return
        if result.final:
            self.progress = 1.0
            self.progressChanged.emit(1.0)
        self._show(result)

    def _on_failed(self, request, message: str) -> None:
        self._request_key = None  # let the next change try again
        self.state.message.emit(_tr("Basin map unavailable: {error}").format(error=message))

    def _on_progress(self, _request_id: int, fraction: float) -> None:
        self.progress = fraction
        self.progressChanged.emit(fraction)

    # ----- drawing -------------------------------------------------------------------------
    def _show(self, result: BasinResult | None) -> None:
        self.result = result
        self._speed = speed_colour(result.map) if result is not None else None
        if result is not None and self.highlight is not None and self.highlight >= 0 \
                and self.highlight not in {b.index for b in result.map.basins}:
            self.highlight = None
            self.highlightChanged.emit(None)
        if result is not None:
            m = result.map
            dx = (m.x[-1] - m.x[0]) / (len(m.x) - 1) if len(m.x) > 1 else 1.0
            dy = (m.y[-1] - m.y[0]) / (len(m.y) - 1) if len(m.y) > 1 else 1.0
            self._rect = QRectF(m.x[0] - dx / 2, m.y[0] - dy / 2, dx * len(m.x), dy * len(m.y))
        self._redraw()
        self.mapChanged.emit(result)

    def rgba(self) -> np.ndarray | None:
        """(ny, nx, 4) uint8 pixels of the current map in the current mode, opacity and highlight."""
        if self.result is None:
            return None
        m = self.result.map
        labels = m.labels
        out = np.zeros(labels.shape + (4,), np.uint8)
        if self.mode == "speed" and self._speed is not None:
            colour, (lo, hi) = self._speed
            lut = pg.colormap.get(SPEED_COLORMAP).getLookupTable(nPts=256, alpha=False)
            conv = labels >= 0
            idx = np.clip(((colour[conv] - lo) / (hi - lo) * 255).round(), 0, 255).astype(int)
            out[conv, :3] = lut[idx]
        else:
            for b in m.basins:
                out[labels == b.index, :3] = rgb(basin_color(b.index))
        diverged, stripes = labels == DIVERGED, hatch_mask(labels.shape)
        first, second = stripes_of(DIVERGED)
        out[diverged & ~stripes, :3] = rgb(first)
        out[diverged & stripes, :3] = rgb(second)
        stuck, lines = labels == NOT_CONVERGED, line_pattern(labels.shape)
        first, second = stripes_of(NOT_CONVERGED)
        out[stuck & (lines == 1), :3] = rgb(first)
        out[stuck & (lines == 2), :3] = rgb(second)
        alpha = np.full(labels.shape, round(255 * self.opacity), np.uint8)
        alpha[stuck & (lines == 0)] = 0
        if self.highlight is not None:
            alpha[(labels == self.highlight) & (alpha > 0)] = round(255 * max(HIGHLIGHT_ALPHA, self.opacity))
        out[..., 3] = alpha
        return out

    def _redraw(self) -> None:
        visible = self.enabled and self.result is not None
        self.image.setVisible(visible)
        self.speed_legend.setVisible(visible and self.mode == "speed")
        for item in self.boundaries:
            item.setVisible(visible and self.mode == "basins")
        if not visible:
            self.outline.setVisible(False)
            return
        self.image.setImage(self.rgba(), autoLevels=False, levels=(0, 255))
        self.image.setRect(self._rect)
        m = self.result.map
        if self.mode == "basins":
            xs, ys = boundary_segments(m.labels, m.x, m.y)
            for item in self.boundaries:
                item.setData(xs, ys)
        if self.highlight is not None and (m.labels == self.highlight).any():
            xs, ys = outline_segments(m.labels == self.highlight, m.x, m.y)
            self.outline.setData(xs, ys)
            self.outline.setVisible(True)
        else:
            self.outline.setVisible(False)
        if self.mode == "speed":
            lo, hi = self._speed[1]
            self.speed_legend.setLabels({_tr("{n} steps").format(n=_steps_text(hi)): 1.0,
                                         _tr("{n} steps").format(n=_steps_text(0.5 * (lo + hi))): 0.5,
                                         _tr("{n} steps").format(n=_steps_text(lo)): 0.0})

    # ----- hover ---------------------------------------------------------------------------
    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row i, column j) of the displayed map's cell containing (x, y), or None outside it."""
        if self.result is None:
            return None
        m = self.result.map
        r = self._rect
        j = math.floor((x - r.left()) / r.width() * len(m.x))
        i = math.floor((y - r.top()) / r.height() * len(m.y))
        if 0 <= i < len(m.y) and 0 <= j < len(m.x):
            return i, j
        return None

    def describe(self, label: int, steps: int | None = None) -> str:
        """A sentence naming ``label`` on the displayed map (hover tooltip, status text, legend tooltip)."""
        m = self.result.map if self.result is not None else None
        if label == DIVERGED:
            return _tr("diverged")
        if label == NOT_CONVERGED:
            n = m.max_steps if m is not None else self.state.optimizer.steps
            return _tr("not converged in {n} steps").format(n=n)
        basin = next((b for b in m.basins if b.index == label), None) if m is not None else None
        if basin is None:
            return ""
        text = (_tr("basin of minimum ({x:.3f}, {y:.3f}), {share:.1f} % of the view") if basin.known else
                _tr("basin of discovered minimum ({x:.3f}, {y:.3f}), {share:.1f} % of the view")).format(
            x=basin.point[0], y=basin.point[1], share=100 * basin.share)
        if steps is not None:
            text += _tr(" · converges in {n} steps").format(n=steps)
        return text

    def _on_hover(self, info) -> None:
        cell = None if info is None or not self.enabled else self.cell_at(info.x, info.y)
        if cell is None:
            self._set_hover_text("")
            if self._map_hover:  # leave a highlight made from the legend alone
                self._map_hover = False
                self.set_highlight(None)
            return
        m = self.result.map
        label = int(m.labels[cell])
        self._map_hover = True
        self.set_highlight(label)
        self._set_hover_text(self.describe(label, int(m.steps[cell]) if label >= 0 else None))

    def _set_hover_text(self, text: str) -> None:
        if text != self.hover_text:
            self.hover_text = text
            self.image.setToolTip(text)
            self.hoverTextChanged.emit(text)

    # ----- lifetime ------------------------------------------------------------------------
    def shutdown(self, msecs: int = 3000) -> None:
        """Stop any computation (window closing, tests)."""
        self._debounce.cancel()
        self.worker.cancel()
        self.worker.wait(msecs)


def _steps_text(log_steps: float) -> str:
    n = 10.0 ** log_steps
    return f"{n:.0f}" if n < 1e4 else f"{n:.2g}"
