"""The local quadratic drawn on the landscape: the Hessian's two eigen-directions through the analysed point (steep
axis red, shallow axis blue) and, where both curvatures are positive, the ellipse of one level set of the quadratic.

It draws numbers it is handed (:meth:`QuadraticOverlay.show` with an ``engine.analysis.LocalQuadratic``); the
analysis panel computes them.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg

STEEP_COLOR, SHALLOW_COLOR, ELLIPSE_COLOR = "#ff5a4f", "#4fa3ff", "#ffffff"
AXIS_FRACTION = 0.14  # the longer half-axis, as a fraction of the view's width
Z = 6  # above contours, field and runs' paths


class QuadraticOverlay:
    """Items in ``plot`` (the landscape's PlotItem); hidden until :meth:`show` is given a quadratic."""

    def __init__(self, plot: pg.PlotItem, state) -> None:
        self.plot, self.state = plot, state
        self.steep = pg.PlotCurveItem(pen=pg.mkPen(STEEP_COLOR, width=3))
        self.shallow = pg.PlotCurveItem(pen=pg.mkPen(SHALLOW_COLOR, width=3))
        self.ellipse = pg.PlotCurveItem(pen=pg.mkPen(ELLIPSE_COLOR, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine))
        self.centre = pg.ScatterPlotItem(size=9, brush=pg.mkBrush("#ffffff"), pen=pg.mkPen("#111111"))
        self.items = [self.ellipse, self.steep, self.shallow, self.centre]
        for item in self.items:
            item.setZValue(Z)
            plot.addItem(item)
        self.quadratic = None
        self.show(None)

    def show(self, quadratic) -> None:
        """Draw ``quadratic`` (a LocalQuadratic) or hide everything (None)."""
        self.quadratic = quadratic
        if quadratic is None:
            for item in self.items:
                item.setVisible(False)
            return
        (x0, x1), (y0, y1) = self.state.view
        px, py = quadratic.point
        lam = np.abs(quadratic.eigenvalues)
        # half-axis ∝ 1/√|λ| (the level set's shape); the longer one is a fixed share of the view
        inv = 1.0 / np.sqrt(np.maximum(lam, lam.max() * 1e-4 if lam.max() > 0 else 1.0))
        half = AXIS_FRACTION * (x1 - x0) * inv / inv.max()
        # keep the short axis visible on a very ill-conditioned point
        half = np.maximum(half, 0.25 * AXIS_FRACTION * (x1 - x0))
        V = quadratic.eigenvectors
        for item, j in ((self.shallow, 0), (self.steep, 1)):
            d = V[:, j] * half[j]
            item.setData([px - d[0], px + d[0]], [py - d[1], py + d[1]])
            item.setVisible(True)
        if quadratic.lam_min > 0:
            t = np.linspace(0.0, 2.0 * np.pi, 97)
            pts = np.outer(V[:, 0], half[0] * np.cos(t)) + np.outer(V[:, 1], half[1] * np.sin(t))
            self.ellipse.setData(px + pts[0], py + pts[1])
            self.ellipse.setVisible(True)
        else:
            self.ellipse.setVisible(False)
        self.centre.setData([px], [py])
        self.centre.setVisible(True)

    def set_enabled(self, on: bool) -> None:
        if not on:
            self.show(None)
