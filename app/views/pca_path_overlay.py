"""The training path that defines a PCA slice, drawn on it (Li et al. 2018, Fig. 9).

A PCA plane is made from a recorded training path; :func:`engine.nn.pca_path` projects that path onto the plane.
This overlay draws it as a line with a dot at every step (full-batch training: one step is one epoch), labelled
step numbers, the start (circle) and the trained centre (star), and a note in the map's corner giving the largest
distance between a recorded point and its projection (the residual the picture cannot show).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction

from engine.nn.pca_path import marker_steps

COLOUR = "#ffb000"
Z_PATH = 38            # above the map, contours and field; below the projected path (40) and run handles


def _tr(text: str) -> str:
    return QCoreApplication.translate("PCAPathOverlay", text)


class PCAPathOverlay(QObject):
    """Draws a :class:`engine.nn.PCAPath` on ``landscape``'s plot (``show``); hidden while there is none or while
    ``toggle_action`` is unchecked."""

    def __init__(self, landscape, parent: QObject | None = None) -> None:
        super().__init__(parent)
        vb = landscape.plot.vb
        self.path = None
        self.curve = pg.PlotCurveItem(pen=pg.mkPen(COLOUR, width=2.0), antialias=True)
        self.dots = pg.ScatterPlotItem(size=4, pen=None, brush=pg.mkBrush(COLOUR))
        self.marks = pg.ScatterPlotItem(size=9, pen=pg.mkPen("#111111", width=1), brush=pg.mkBrush(COLOUR))
        self.labels: list[pg.TextItem] = []
        self.items = [self.curve, self.dots, self.marks]
        for item in self.items:
            item.setZValue(Z_PATH)
            vb.addItem(item, ignoreBounds=True)
            item.setVisible(False)
        self.vb = vb
        self.note = pg.TextItem(color="#f2f2f2", fill=pg.mkBrush(20, 20, 20, 170), anchor=(0, 0))
        self.note.setParentItem(vb)
        self.note.setPos(8, 8)
        self.note.setVisible(False)
        self.toggle_action = QAction(_tr("&Training path on the PCA plane"), self)
        self.toggle_action.setCheckable(True)
        self.toggle_action.setChecked(True)
        tip = _tr("Draw the training path that defines a PCA slice, with step markers and its projection residual")
        self.toggle_action.setToolTip(tip)
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.toggled.connect(lambda _on: self._redraw())

    def show(self, path) -> None:
        """Draw ``path`` (an engine.nn.PCAPath), or hide everything for None."""
        self.path = path
        self._redraw()

    @property
    def visible(self) -> bool:
        return self.path is not None and self.toggle_action.isChecked()

    def summary(self) -> str:
        p = self.path
        return _tr("The plane's training path: {n} steps, PC1 {v1:.1f}% + PC2 {v2:.1f}% of its variance; largest "
                   "residual ‖θ_t − projection‖ = {r:.3g} ({rel:.1f}% of its distance from the centre)").format(n=len(p.coords) - 1, v1=100 * p.explained_variance[0],
                                     v2=100 * p.explained_variance[1], r=p.max_residual,
                                     rel=100 * p.relative_residual)

    def _redraw(self) -> None:
        on = self.visible
        for item in self.items + self.labels:
            item.setVisible(on)
        self.note.setVisible(on)
        if not on:
            return
        xy = np.asarray(self.path.coords)
        self.curve.setData(xy[:, 0], xy[:, 1])
        self.dots.setData(xy[:, 0], xy[:, 1])
        steps = marker_steps(len(xy))
        spots = [{"pos": tuple(xy[s]), "symbol": "o", "size": 9} for s in steps[:-1]]
        spots[0]["size"] = 12
        spots.append({"pos": tuple(xy[steps[-1]]), "symbol": "star", "size": 16})
        self.marks.setData(spots)
        while len(self.labels) < len(steps):
            label = pg.TextItem(color=COLOUR)
            label.setZValue(Z_PATH)
            self.vb.addItem(label, ignoreBounds=True)
            self.labels.append(label)
        (x0, x1), _ = self.vb.viewRange()
        for k, label in enumerate(self.labels):
            label.setVisible(k < len(steps))
            if k < len(steps):
                label.setText(_tr("step {n}").format(n=int(steps[k])) if k == 0 else str(int(steps[k])))
                label.setPos(*xy[steps[k]])
                # written on the side facing the middle of the view, so that labels near an edge stay readable
                label.setAnchor((1.15, 1.1) if xy[steps[k], 0] > 0.5 * (x0 + x1) else (-0.15, 1.1))
        p = self.path
        self.note.setText(_tr("PCA path: residual ≤ {r:.3g} ({rel:.1f}%)").format(
            r=p.max_residual, rel=100 * p.relative_residual))
        text = self.summary()
        for item in (self.curve, self.marks, self.note):
            item.setToolTip(text)
