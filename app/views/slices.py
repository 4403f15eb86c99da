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
from engine import calculus

SAMPLES = 200
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


def h_from_slider(value: int) -> float:
    lo, hi = (math.log10(v) for v in H_RANGE)
    return 10 ** (lo + (hi - lo) * value / SLIDER_STEPS)


def slider_from_h(h: float) -> int:
    lo, hi = (math.log10(v) for v in H_RANGE)
    return round((math.log10(h) - lo) / (hi - lo) * SLIDER_STEPS)


class _SlicePlot(pg.PlotWidget):
    """One slice: the curve, its tangent, the secant and the point."""

    def __init__(self, axis: str, colour: str) -> None:
        super().__init__()
        self.setBackground("#1e1e1e")
        self.setMenuEnabled(False)
        self.hideButtons()
        self.setMinimumHeight(120)
        item = self.getPlotItem()
        item.setLabel("bottom", axis)
        self.curve = item.plot(pen=pg.mkPen("#e8e8e8", width=2))
        self.tangent = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2))
        self.secant = pg.PlotCurveItem(pen=pg.mkPen(SECANT_COLOUR, width=1.5, style=Qt.PenStyle.DashLine))
        self.points = pg.ScatterPlotItem(size=8, pen=None)
        for extra in (self.tangent, self.secant, self.points):
            item.addItem(extra, ignoreBounds=True)  # the y range follows the curve, not the straight lines
        self.label = pg.TextItem(color=colour, anchor=(0, 0))
        item.addItem(self.label, ignoreBounds=True)

    def show_slice(self, xs, fs, x0, f0, slope, secant, h, title: str) -> None:
        finite = np.isfinite(fs)
        self.curve.setData(xs, np.where(finite, fs, np.nan), connect="finite")
        self.tangent.setData(xs, f0 + slope * (xs - x0))
        x1 = x0 + h
        self.secant.setData(np.array([xs[0], xs[-1]]), f0 + secant * (np.array([xs[0], xs[-1]]) - x0))
        self.points.setData([x0, x1], [f0, f0 + secant * h], brush=[pg.mkBrush("#ffffff"), pg.mkBrush(SECANT_COLOUR)])
        if finite.any():
            lo, hi = float(np.min(fs[finite])), float(np.max(fs[finite]))
            pad = 0.08 * (hi - lo) if hi > lo else 1.0
            self.setRange(xRange=(xs[0], xs[-1]), yRange=(lo - pad, hi + pad), padding=0)
        self.label.setText(title)
        vr = self.getViewBox().viewRange()
        self.label.setPos(vr[0][0], vr[1][1])


class SlicesView(QWidget):
    """f(x, y₀) and f(x₀, y) with their tangents (∂f/∂x, ∂f/∂y) and the secant for h; see the module docstring."""

    def __init__(self, state: AppState, focus: CalculusFocus, compute=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("slices_view")
        self.state, self.focus = state, focus
        self.compute = compute or state.compute
        self.numbers: SliceNumbers | None = None
        self.readout = QLabel()
        self.readout.setObjectName("slices_readout")
        self.readout.setTextFormat(Qt.TextFormat.PlainText)
        self.readout.setWordWrap(True)
        self.pin = QCheckBox(_tr("Pin the point"))
        self.pin.setToolTip(_tr("Keep the slices at the current point while the cursor moves on"))
        self.pin.toggled.connect(self._on_pin)
        self.x_plot = _SlicePlot("x", X_COLOUR)
        self.y_plot = _SlicePlot("y", Y_COLOUR)
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
        self.h_label = QLabel()
        row = QHBoxLayout()
        row.addWidget(QLabel(_tr("h")))
        row.addWidget(self.slider, 1)
        row.addWidget(self.h_label)
        top = QHBoxLayout()
        top.addWidget(self.readout, 1)
        top.addWidget(self.pin)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.x_plot, 1)
        layout.addWidget(self.y_plot, 1)
        layout.addLayout(row)
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
        self.h_label.setText(f"{self.focus.h:.3g}")
        point = self.focus.point
        if point is None:
            self.readout.setText(_tr("Move the cursor over the map (or pin a point)"))
            return
        if not self.isVisible():
            return
        function, view, h = self.state.function, self.state.view, self.focus.h
        self.compute.submit("calculus:slices", lambda job: compute_slices(function, point, view, h),
                            self._show, lambda message: self.readout.setText(message))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _show(self, numbers: SliceNumbers) -> None:
        self.numbers = numbers
        s, (sx, sy), h = numbers.slices, numbers.secant, numbers.h
        self.x_plot.show_slice(s.xs, s.fx, s.x0, s.f0, s.dfdx, sx, h,
                               _tr("f(x, y₀)   ∂f/∂x = {d:.4g}   secant {s:.4g}").format(d=s.dfdx, s=sx))
        self.y_plot.show_slice(s.ys, s.fy, s.y0, s.f0, s.dfdy, sy, h,
                               _tr("f(x₀, y)   ∂f/∂y = {d:.4g}   secant {s:.4g}").format(d=s.dfdy, s=sy))
        self.readout.setText(_tr("At (x₀, y₀) = ({x:.4g}, {y:.4g}): ∇f = (∂f/∂x, ∂f/∂y) = ({gx:.4g}, {gy:.4g}); "
                                 "secant slopes (f(x₀+h, y₀) − f(x₀, y₀))/h = {sx:.4g} and "
                                 "(f(x₀, y₀+h) − f(x₀, y₀))/h = {sy:.4g}").format(
            x=s.x0, y=s.y0, gx=s.dfdx, gy=s.dfdy, sx=sx, sy=sy))
