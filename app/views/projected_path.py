"""The projected full-space training path on the map: an overlay of network mode, like the basin overlay.

Training all parameters from a point of the slice leaves the plane; its path, projected back onto the plane, is drawn
as a dashed curve with its start (circle) and end (square). The tooltip gives the largest gap between the true loss
and the surface along the path.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt

PATH_COLOUR = "#ff4fd8"
Z_PROJECTED = 40  # above the map, contours and field; below run handles


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProjectedPath", text)


class ProjectedPathOverlay:
    """Draws ``controller.projected`` on ``landscape``'s plot; hidden while there is no path."""

    def __init__(self, landscape, controller) -> None:
        vb = landscape.plot.vb
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(PATH_COLOUR, width=2.2, style=Qt.PenStyle.DashLine),
                                      antialias=True)
        self.ends = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#111111", width=1), brush=pg.mkBrush(PATH_COLOUR))
        for item in (self.curve, self.ends):
            item.setZValue(Z_PROJECTED)
            vb.addItem(item, ignoreBounds=True)
            item.setVisible(False)  # an empty item is still painted with every frame
        controller.projectedChanged.connect(self.show)

    def show(self, path) -> None:
        for item in (self.curve, self.ends):
            item.setVisible(path is not None)
        if path is None:
            self.curve.setData([], [])
            self.ends.setData([])
            return
        xy = np.asarray(path.coords)
        self.curve.setData(xy[:, 0], xy[:, 1])
        self.ends.setData([{"pos": tuple(xy[0]), "symbol": "o"}, {"pos": tuple(xy[-1]), "symbol": "s"}])
        k = int(np.argmax(np.abs(path.gap)))
        self.curve.setToolTip(_tr("Full-space {opt} training projected onto the plane ({n} steps); largest "
                                  "gap true − surface = {gap:.4g} at step {k}").format(
            opt=path.optimizer, n=len(xy) - 1, gap=float(path.gap[k]), k=k))
