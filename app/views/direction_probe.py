"""The directional-derivative probe: why ∇f is the steepest direction.

At the focus point a unit vector u = (cos θ, sin θ) that the user turns (the dial, or a sweep); the slope of f in
that direction, D_u f = ∇f·u = |∇f| cos(θ − φ), as a number and as a polar plot over all directions: the positive
slopes form a circle whose diameter is ∇f (largest, |∇f|, along ∇f), the negative ones (red) the mirror circle along
−∇f, and the slope is zero along the contour, perpendicular to ∇f. Numbers from :mod:`engine.calculus`, computed off
the GUI thread.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtWidgets import QCheckBox, QDial, QHBoxLayout, QVBoxLayout, QWidget

from app.model import AppState
from app.model.calculus_focus import CalculusFocus
from app.readout import TextReadout
from app.views.slices import compute_now_or_later
from engine import calculus

SWEEP_MS = 40
SWEEP_DEGREES = 2.0
U_COLOUR, GRAD_COLOUR, NEG_COLOUR = "#ffd34d", "#ffffff", "#ff6b6b"


def _tr(text: str) -> str:
    return QCoreApplication.translate("DirectionProbe", text)


@dataclass(frozen=True)
class ProbeNumbers:
    probe: calculus.Probe
    degrees: np.ndarray  # θ over [0, 360]
    slopes: np.ndarray  # D_u f for each θ


def compute_probe(function, point, degrees: float) -> ProbeNumbers:
    x, y = point
    with np.errstate(all="ignore"):
        p = calculus.probe(function, x, y, degrees)
        thetas, slopes = calculus.directional_profile(function, x, y, 181)
    return ProbeNumbers(p, thetas, slopes)


class DirectionProbe(QWidget):
    """See the module docstring."""

    def __init__(self, state: AppState, focus: CalculusFocus, compute=None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("direction_probe")
        self.state, self.focus = state, focus
        self.compute = compute or state.compute
        self.numbers: ProbeNumbers | None = None
        self.dial = QDial()
        self.dial.setObjectName("direction_dial")
        self.dial.setRange(0, 359)
        self.dial.setWrapping(True)
        self.dial.setNotchesVisible(True)
        self.dial.setFixedSize(90, 90)
        # QDial's 0 is at the bottom and grows clockwise; θ is counter-clockwise from +x
        self.dial.setValue(self._dial_of(focus.degrees))
        self.dial.setToolTip(_tr("Turn u = (cos θ, sin θ)"))
        self.dial.valueChanged.connect(lambda v: self.focus.set_degrees(self._theta_of(v)))
        self.sweep = QCheckBox(_tr("Sweep"))
        self.sweep.setToolTip(_tr("Turn u round and round on its own"))
        self.sweep.toggled.connect(self._on_sweep)
        self.timer = QTimer(self)
        self.timer.setInterval(SWEEP_MS)
        self.timer.timeout.connect(lambda: self.focus.set_degrees(self.focus.degrees + SWEEP_DEGREES))
        self.readout = TextReadout(lines=3)
        self.readout.setObjectName("probe_readout")
        self.plot = pg.PlotWidget()
        self.plot.setBackground("#1e1e1e")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(True)
        self.plot.setMinimumHeight(180)
        self.plot.setToolTip(_tr("D_u f for every direction θ: white where f rises, red where it falls (drawn at "
                                 "|D_u f|); the largest value lies along ∇f"))
        item = self.plot.getPlotItem()
        # no axes: a new scale would mean new ticks on every move (the costly part of a repaint); the scale is the
        # dotted circle of radius |∇f| and the numbers below
        item.hideAxis("left")
        item.hideAxis("bottom")
        item.setMouseEnabled(False, False)
        item.vb.disableAutoRange()
        self.extent: float | None = None
        self.axes = pg.PlotCurveItem(pen=pg.mkPen("#5a5a5a", width=1), connect="pairs")
        # solid 1-pixel pens on the many-point curves: dashed or wide pens are stroked by a much slower path
        self.circle = pg.PlotCurveItem(pen=pg.mkPen("#6a6a6a", width=1))
        self.rise = pg.PlotCurveItem(pen=pg.mkPen(GRAD_COLOUR, width=1), connect="finite")
        self.fall = pg.PlotCurveItem(pen=pg.mkPen(NEG_COLOUR, width=1), connect="finite")
        self.gradient_line = pg.PlotCurveItem(pen=pg.mkPen(GRAD_COLOUR, width=1, style=Qt.PenStyle.DotLine))
        self.contour_line = pg.PlotCurveItem(pen=pg.mkPen("#9e9e9e", width=1, style=Qt.PenStyle.DotLine))
        self.u_line = pg.PlotCurveItem(pen=pg.mkPen(U_COLOUR, width=3))
        self.marker = pg.PlotCurveItem(pen=pg.mkPen(U_COLOUR, width=3), connect="pairs")
        for curve in (self.axes, self.circle, self.rise, self.fall, self.gradient_line, self.contour_line,
                      self.u_line, self.marker):
            item.addItem(curve, ignoreBounds=True)
        side = QVBoxLayout()
        side.addWidget(self.dial)
        side.addWidget(self.sweep)
        side.addStretch(1)
        top = QHBoxLayout()
        top.addLayout(side)
        top.addWidget(self.plot, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addWidget(self.readout)
        focus.changed.connect(self.refresh)
        focus.directionChanged.connect(self._on_direction)
        state.landscapeChanged.connect(self.refresh)
        self.refresh()

    @staticmethod
    def _dial_of(theta: float) -> int:
        return int(round(270.0 - theta)) % 360

    @staticmethod
    def _theta_of(value: int) -> float:
        return (270.0 - value) % 360.0

    def _on_sweep(self, on: bool) -> None:
        self.timer.start() if on else self.timer.stop()

    def _on_direction(self) -> None:
        self.dial.blockSignals(True)
        self.dial.setValue(self._dial_of(self.focus.degrees))
        self.dial.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        point = self.focus.point
        if point is None:
            self.readout.setText(_tr("Move the cursor over the map (or pin a point)"))
            return
        if not self.isVisible():
            return
        function, degrees = self.state.function, self.focus.degrees
        compute_now_or_later(self.state, self.compute, "calculus:probe",
                             lambda job: compute_probe(function, point, degrees), self._show, self.readout.setText)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.refresh()

    def _show(self, numbers: ProbeNumbers) -> None:
        self.numbers = numbers
        p, th, d = numbers.probe, np.radians(numbers.degrees), numbers.slopes
        up, down = np.where(d >= 0, d, np.nan), np.where(d < 0, -d, np.nan)
        self.rise.setData(up * np.cos(th), up * np.sin(th), connect="finite")
        self.fall.setData(down * np.cos(th), down * np.sin(th), connect="finite")
        n = p.norm if np.isfinite(p.norm) else 0.0
        if n > 0:
            gx, gy = p.gx, p.gy
            self.gradient_line.setData([0, gx], [0, gy])
            self.contour_line.setData([-gy, gy], [gx, -gx])  # perpendicular to ∇f: the contour's direction
        else:
            self.gradient_line.setData([], [])
            self.contour_line.setData([], [])
        r = abs(p.slope) if np.isfinite(p.slope) else 0.0
        self.u_line.setData([0, n * p.ux], [0, n * p.uy])  # u drawn at |∇f| so it reaches the circle's rim
        full = np.linspace(0.0, 2 * np.pi, 91)
        self.circle.setData(n * np.cos(full), n * np.sin(full))
        extent = self.extent
        if extent is None or not (0.3 * extent <= n * 1.1 <= extent):  # rescale only when |∇f| leaves the frame
            extent = max(n, 1e-12) * 1.4
            self.extent = extent
            self.plot.setRange(xRange=(-extent, extent), yRange=(-extent, extent), padding=0)
            self.axes.setData([-extent, extent, 0, 0], [0, 0, -extent, extent])
        size = 0.04 * extent
        mx, my = r * p.ux, r * p.uy
        self.marker.setData([mx - size, mx + size, mx, mx], [my, my, my - size, my + size])
        ascent = _tr("undefined (stationary point)") if p.gradient_degrees is None else f"{p.gradient_degrees:.1f}°"
        self.readout.setText(_tr("At ({x:.4g}, {y:.4g}): u = (cos θ, sin θ) = ({ux:.3f}, {uy:.3f}) for θ = {t:.0f}°\n"
                                 "D_u f = ∇f·u = {d:.4g}    |∇f| = {n:.4g}    ∇f points at {a}").format(
            x=p.x, y=p.y, ux=p.ux, uy=p.uy, t=p.degrees, d=p.slope, n=p.norm, a=ascent))
