"""The "Slices" view: partial derivatives as slopes.

Through the focus point (x₀, y₀) (the cursor, or a pinned point) it draws the curves f(x, y₀) and f(x₀, y) across the
visible map with their tangent lines, whose slopes are ∂f/∂x and ∂f/∂y, and the secant through (x₀, f₀) and
(x₀ + h, f(x₀ + h, y₀)) for the slider's h: as h shrinks the secant turns into the tangent (the definition of the
partial derivative). The numbers come from :mod:`engine.calculus`, computed off the GUI thread (newest request wins);
this module only draws them.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QSlider, QVBoxLayout, QWidget

from app.model import AppState
from app.model.calculus_focus import H_RANGE, CalculusFocus
from app.views.axis_style import steady_width
from app.readout import TextReadout
from engine import calculus

SAMPLES = 200
# a network's slices (400 forward passes, ~45 ms) cannot keep up with a moving cursor: they are computed once it has
# rested this long (ComputeService.submit(rest_ms)), instead of competing with the map's repaints for every move
NETWORK_REST_MS = 50
SLIDER_STEPS = 300
X_COLOUR, Y_COLOUR, SECANT_COLOUR = "#ff6b6b", "#7bd88f", "#5ec8ff"  # the map's component arrows use the same


def _tr(text: str) -> str:
    return QCoreApplication.translate("SlicesView", text)


@dataclass(frozen=True)
class SliceNumbers:
    slices: calculus.Slices
    secant: tuple[float, float]  # (f(x₀+h, y₀) − f₀)/h, (f(x₀, y₀+h) − f₀)/h
    h: float


def compute_slices(function, point, view, h: float) -> SliceNumbers:
    """The engine's numbers for one focus point (runs in a worker)."""
    (x0, y0), (xr, yr) = point, view
    with np.errstate(all="ignore"):
        s = calculus.slices(function, x0, y0, xr, yr, SAMPLES)
        secant = calculus.secant_slopes(function, x0, y0, h)
    return SliceNumbers(s, secant, h)


def compute_now_or_later(state: AppState, compute, key: str, work, on_done, on_error, rest_ms: int = 0) -> None:
    """Run ``work`` at once for a closed-form landscape (a few hundred evaluations of a formula: well under a
    millisecond, cheaper than handing it to a thread), through the compute service for a network slice (each point
    is a forward pass of the network)."""
    if state.network is None:
        try:
            result = work(None)
        except (ArithmeticError, ValueError, TypeError) as err:
            on_error(str(err))
            return
        on_done(result)
    else:
        compute.submit(key, work, on_done, on_error, rest_ms=rest_ms)


def h_from_slider(value: int) -> float:
    lo, hi = (math.log10(v) for v in H_RANGE)
    return 10 ** (lo + (hi - lo) * value / SLIDER_STEPS)


def slider_from_h(h: float) -> int:
    lo, hi = (math.log10(v) for v in H_RANGE)
    return round((math.log10(h) - lo) / (hi - lo) * SLIDER_STEPS)


def cross(x: float, y: float, px: float, py: float, size_px: float = 5.0):
    """A "+" marker as two segments for ``connect='pairs'`` (a curve's setData costs far less than a scatter's)."""
    dx, dy = size_px * px, size_px * py
    return [x - dx, x + dx, x, x], [y, y, y - dy, y + dy]


def padded_range(lo: float, hi: float, current: tuple[float, float] | None) -> tuple[float, float]:
    """The y range to show [lo, hi]: kept while the data fill at least half of it and stay inside, so that moving the
    cursor rarely changes the axis (a new range means new ticks: the costly part of a repaint)."""
    if current is not None:
        c0, c1 = current
        if c0 <= lo and hi <= c1 and (hi - lo) >= 0.5 * (c1 - c0):
            return current
    pad = 0.15 * (hi - lo) if hi > lo else max(1.0, abs(hi))
    return lo - pad, hi + pad


class _SlicePlot(pg.PlotWidget):
    """One slice: the curve, its tangent, the secant and the point (items created once, then only setData)."""

    def __init__(self, axis: str, colour: str) -> None:
        super().__init__()
        self.setBackground("#1e1e1e")
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMinimumHeight(90)
        item = self.getPlotItem()
        item.setLabel("bottom", axis)
        steady_width(item.getAxis("left"))  # new values under every move: no new layout for each
        item.setMouseEnabled(False, False)
        # 1-pixel pens on the long curves: Qt strokes wider lines through a much slower path
        self.curve = pg.PlotCurveItem(pen=pg.mkPen("#e8e8e8", width=1), connect="finite")
        self.tangent = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2))
        self.secant = pg.PlotCurveItem(pen=pg.mkPen(SECANT_COLOUR, width=1.5))
        self.marks = pg.PlotCurveItem(pen=pg.mkPen("#ffffff", width=2), connect="pairs")
        for extra in (self.curve, self.tangent, self.secant, self.marks):
            item.addItem(extra, ignoreBounds=True)  # the range is set from the data here, not by auto-range
        item.vb.disableAutoRange()
        self.y_range: tuple[float, float] | None = None
        self.x_range: tuple[float, float] | None = None

    def show_slice(self, xs, fs, x0, f0, slope, secant, h) -> None:
        finite = np.isfinite(fs)
        self.curve.setData(xs, np.where(finite, fs, np.nan))
        self.tangent.setData(xs, f0 + slope * (xs - x0))
        ends = np.array([xs[0], xs[-1]])
        self.secant.setData(ends, f0 + secant * (ends - x0))
        x_range = (float(xs[0]), float(xs[-1]))
        y_range = self.y_range
        if finite.any():
            y_range = padded_range(float(np.min(fs[finite])), float(np.max(fs[finite])), self.y_range)
        if y_range is not None and (x_range, y_range) != (self.x_range, self.y_range):
            self.x_range, self.y_range = x_range, y_range
            self.setRange(xRange=x_range, yRange=y_range, padding=0)
        if y_range is not None:
            w, hgt = max(self.getViewBox().width(), 1.0), max(self.getViewBox().height(), 1.0)
            px, py = (x_range[1] - x_range[0]) / w, (y_range[1] - y_range[0]) / hgt
            ax, ay = cross(x0, f0, px, py)
            bx, by = cross(x0 + h, f0 + secant * h, px, py)
            self.marks.setData(ax + bx, ay + by)


class SlicesView(QWidget):
    """f(x, y₀) and f(x₀, y) with their tangents (∂f/∂x, ∂f/∂y) and the secant for h; see the module docstring."""

    def __init__(self, state: AppState, focus: CalculusFocus, compute=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slices_view")
        self.state, self.focus = state, focus
        self.compute = compute or state.compute
        self.numbers: SliceNumbers | None = None
        self.readout = TextReadout(lines=4)
        self.readout.setObjectName("slices_readout")
        self.pin = QCheckBox(_tr("Pin the point"))
        self.pin.setToolTip(_tr("Keep the slices at the current point while the cursor moves on"))
        self.pin.toggled.connect(self._on_pin)
        self.x_plot = _SlicePlot("x", X_COLOUR)
        self.y_plot = _SlicePlot("y", Y_COLOUR)
        self.x_title, self.y_title = TextReadout(colour=X_COLOUR), TextReadout(colour=Y_COLOUR)
        self.x_plot.setToolTip(_tr("f(x, y₀): the landscape cut along x through the point; its tangent's slope is "
                                   "∂f/∂x"))
        self.y_plot.setToolTip(_tr("f(x₀, y): the landscape cut along y through the point; its tangent's slope is "
                                   "∂f/∂y"))
        self.slider = QSlider(Qt.Orientation.Horizontal)
        self.slider.setObjectName("secant_h")
        self.slider.setRange(0, SLIDER_STEPS)
        self.slider.setValue(slider_from_h(focus.h))
        self.slider.setToolTip(_tr("The secant's step h: slide left and the secant becomes the tangent"))
        self.slider.valueChanged.connect(lambda v: self.focus.set_h(h_from_slider(v)))
        row = QHBoxLayout()  # the controls above the plots: in view when a short dock scrolls them
        row.addWidget(QLabel(_tr("h")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.pin)
        layout = QVBoxLayout(self)
        layout.addWidget(self.readout)  # the whole width: a wrapped readout beside a check box lost its last line
        layout.addLayout(row)
        layout.addWidget(self.x_title)
        layout.addWidget(self.x_plot, 1)
        layout.addWidget(self.y_title)
        layout.addWidget(self.y_plot, 1)
        focus.changed.connect(self.refresh)
        focus.stepChanged.connect(self.refresh)
        state.landscapeChanged.connect(self.refresh)
        state.viewChanged.connect(self.refresh)
        self.refresh()

    def _on_pin(self, on: bool) -> None:
        if on and self.focus.point is not None:
            self.focus.pin(*self.focus.point)
        elif not on:
            self.focus.unpin()

    def refresh(self) -> None:
        """Ask the engine for the numbers at the focus point (off the GUI thread); nothing while hidden."""
        self.pin.blockSignals(True)
        self.pin.setChecked(self.focus.pinned)
        self.pin.blockSignals(False)
        point = self.focus.point
        if point is None:
            self.readout.setText(_tr("Move the cursor over the map (or pin a point)"))
            return
        if not self.isVisible():
            return
        function, view, h = self.state.function, self.state.view, self.focus.h
        compute_now_or_later(self.state, self.compute, "calculus:slices",
                             lambda job: compute_slices(function, point, view, h), self._show, self.readout.setText,
                             rest_ms=NETWORK_REST_MS)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _show(self, numbers: SliceNumbers) -> None:
        self.numbers = numbers
        s, (sx, sy), h = numbers.slices, numbers.secant, numbers.h
        self.x_plot.show_slice(s.xs, s.fx, s.x0, s.f0, s.dfdx, sx, h)
        self.compute.later(self._show_y)  # each plot repaints in an event-loop pass of its own
        self.x_title.setText(_tr("f(x, y₀)   ∂f/∂x = {d:.4g}   secant (h = {h:.3g}): {s:.4g}").format(
            d=s.dfdx, h=h, s=sx))
        self.y_title.setText(_tr("f(x₀, y)   ∂f/∂y = {d:.4g}   secant (h = {h:.3g}): {s:.4g}").format(
            d=s.dfdy, h=h, s=sy))
        self.readout.setText(_tr("At (x₀, y₀) = ({x:.4g}, {y:.4g}): ∇f = (∂f/∂x, ∂f/∂y) = ({gx:.4g}, {gy:.4g}). "
                                 "Blue: the secant (f(x₀+h, y₀) − f(x₀, y₀))/h, which becomes the tangent as "
                                 "h → 0.").format(x=s.x0, y=s.y0, gx=s.dfdx, gy=s.dfdy))

    def _show_y(self) -> None:
        s, (_, sy), h = self.numbers.slices, self.numbers.secant, self.numbers.h
        self.y_plot.show_slice(s.ys, s.fy, s.y0, s.f0, s.dfdy, sy, h)
