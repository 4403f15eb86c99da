"""On the map, at the focus point: the two component arrows (∂f/∂x, 0) and (0, ∂f/∂y) placed tip to tail so that they
visibly add up to ∇f, ∇f itself, and the probe's unit vector u.

The three gradient arrows share one scale (∇f is drawn ``GRADIENT_PX`` pixels long), so the components keep their true
proportions; u is drawn ``U_PX`` pixels long. Short arrows keep the map's repaint on a cursor move small (the area
to repaint is what costs). One ``PlotCurveItem(connect='pairs')`` per colour, created once.
The gradient is the engine's, at one point (like the hover readout).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg

from app.model import AppState
from app.model.calculus_focus import CalculusFocus
from app.views.arrows import arrow_pairs
from engine import calculus

GRADIENT_PX = 64.0
U_PX = 48.0
Z_OVERLAY = 25
X_COLOUR, Y_COLOUR, GRAD_COLOUR, U_COLOUR = "#ff6b6b", "#7bd88f", "#ffffff", "#ffd34d"


class CalculusOverlay:
    """Adds its items to ``plot`` (the landscape's PlotItem); ``components`` / ``direction`` switch the two parts."""

    def __init__(self, state: AppState, focus: CalculusFocus, plot: pg.PlotItem) -> None:
        self.state, self.focus, self.plot = state, focus, plot
        self.show_components = False
        self.show_direction = False
        vb = plot.vb
        self.items = {}
        for name, colour, width in (("x", X_COLOUR, 2.5), ("y", Y_COLOUR, 2.5), ("grad", GRAD_COLOUR, 2.0),
                                    ("u", U_COLOUR, 3.0)):
            item = pg.PlotCurveItem(pen=pg.mkPen(colour, width=width), connect="pairs")
            item.setZValue(Z_OVERLAY)
            item.setVisible(False)
            vb.addItem(item, ignoreBounds=True)
            self.items[name] = item
        self.pin = pg.ScatterPlotItem(size=11, symbol="o", pen=pg.mkPen("#111111", width=1.5),
                                      brush=pg.mkBrush(U_COLOUR))
        self.pin.setZValue(Z_OVERLAY + 1)
        self.pin.setVisible(False)
        self._pinned_at = None
        vb.addItem(self.pin, ignoreBounds=True)
        focus.changed.connect(self.update)
        focus.directionChanged.connect(self.update)
        state.landscapeChanged.connect(self.update)
        vb.sigRangeChanged.connect(lambda *_: self.update())
        vb.sigResized.connect(lambda *_: self.update())

    def set_parts(self, components: bool, direction: bool) -> None:
        self.show_components, self.show_direction = bool(components), bool(direction)
        self.update()

    def _pixel_size(self):
        vb = self.plot.vb
        px, py = vb.viewPixelSize()
        return (px, py) if px > 0 and py > 0 and math.isfinite(px) and math.isfinite(py) else (None, None)

    def update(self) -> None:
        point = self.focus.point
        px, py = self._pixel_size()
        active = point is not None and px is not None and (self.show_components or self.show_direction)
        if not active:
            for item in (*self.items.values(), self.pin):
                item.setVisible(False)
            return
        x, y = point
        if self.focus.pinned and self._pinned_at != point:  # a scatter's setData is dear: only when it moves
            self.pin.setData([x], [y])
            self._pinned_at = point
        self.pin.setVisible(self.focus.pinned)
        (gx, _), (_, gy) = calculus.component_arrows(self.state.function, x, y)
        screen = math.hypot(gx / px, gy / py)
        show_grad = self.show_components and math.isfinite(screen) and screen > 0
        if show_grad:
            k = GRADIENT_PX / screen  # data units of arrow per unit of gradient
            self._arrow("x", x, y, k * gx, 0.0, px, py)
            self._arrow("y", x + k * gx, y, 0.0, k * gy, px, py)  # tip to tail: the two add up to ∇f
            self._arrow("grad", x, y, k * gx, k * gy, px, py)
        else:
            for name in ("x", "y", "grad"):
                self.items[name].setVisible(False)
        if self.show_direction:
            ux, uy = calculus.unit_vector(self.focus.degrees)
            sx, sy = float(ux) / px, float(uy) / py
            scale = U_PX / math.hypot(sx, sy)
            self._arrow("u", x, y, float(ux) * scale, float(uy) * scale, px, py)
        else:
            self.items["u"].setVisible(False)

    def _arrow(self, name: str, x0: float, y0: float, dx: float, dy: float, px: float, py: float) -> None:
        item = self.items[name]
        sx, sy = dx / px, dy / py
        length = math.hypot(sx, sy)
        if not length > 0.5:
            item.setVisible(False)
            return
        xs, ys = arrow_pairs(x0, y0, sx / length, sy / length, length, px, py, head_px=min(9.0, length / 2))
        item.setData(np.ravel(xs), np.ravel(ys))
        item.setVisible(True)
