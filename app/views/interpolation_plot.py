"""Goodfellow et al.'s 1D plot: the loss along the straight line θ(t) = (1 − t)·θ_a + t·θ_b between two parameter
sets, train loss (and test loss when the data has a test set), with dashed lines at t = 0 and t = 1 naming the two
ends. The numbers come from :func:`engine.nn.interpolate` (computed off the GUI thread); this widget only draws them.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QVBoxLayout, QWidget

TRAIN_COLOUR, TEST_COLOUR = "#4fc3f7", "#ff8a65"


class InterpolationPlot(QWidget):
    """``show(line, names)``: line is an engine.nn.Interpolation, names the (t = 0, t = 1) ends' labels."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interpolationPlot")
        self.line = None
        self.plot = pg.PlotWidget(background="#1e1e1e")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.showGrid(x=True, y=True, alpha=0.25)
        self.plot.setLabel("bottom", "t")
        self.plot.setLabel("left", self.tr("train loss"))
        for side in ("left", "bottom"):
            self.plot.getAxis(side).enableAutoSIPrefix(False)      # losses read as they are, never "×0.001"
        self.legend = self.plot.addLegend(offset=(-8, 8), labelTextColor="#dddddd")
        self.train = self.plot.plot([], [], pen=pg.mkPen(TRAIN_COLOUR, width=2.2))
        self.test = self.plot.plot([], [], pen=pg.mkPen(TEST_COLOUR, width=2.0, style=Qt.PenStyle.DashLine))
        self.ends = pg.ScatterPlotItem(size=9, pen=pg.mkPen("#111111", width=1), brush=pg.mkBrush(TRAIN_COLOUR))
        self.plot.addItem(self.ends)
        self.marks = []
        for t in (0.0, 1.0):
            mark = pg.InfiniteLine(pos=t, angle=90, pen=pg.mkPen("#9e9e9e", width=1, style=Qt.PenStyle.DashLine),
                                   label="", labelOpts={"position": 0.92, "color": "#dddddd", "anchors": [(0, 0),
                                                                                                         (0, 0)]})
            self.plot.addItem(mark, ignoreBounds=True)
            self.marks.append(mark)
        self.caption = ""             # the plot's title: no extra widget, so the plot keeps its height in a short dock
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.plot, 1)
        self.show_line(None)

    def show_line(self, line, names: tuple[str, str] = ("θa", "θb")) -> None:
        self.line = line
        has_test = line is not None and line.test_loss is not None
        self.test.setVisible(has_test)
        self.legend.clear()                 # a legend entry only for the curves drawn
        if has_test:
            self.legend.addItem(self.train, self.tr("train loss"))
            self.legend.addItem(self.test, self.tr("test loss"))
        self.legend.setVisible(has_test)
        if line is None:
            self.train.setData([], [])
            self.test.setData([], [])
            self.ends.setData([])
            self._caption(self.tr("Choose two parameter sets and press Plot"))
            for mark in self.marks:
                mark.label.setFormat("")
            return
        t = np.asarray(line.t)
        self.train.setData(t, line.loss)
        self.test.setData(t, line.test_loss if has_test else [])
        inside = [k for k, e in enumerate((0.0, 1.0)) if t[0] <= e <= t[-1]]
        idx = [int(np.argmin(np.abs(t - (0.0, 1.0)[k]))) for k in inside]
        self.ends.setData(t[idx], np.asarray(line.loss)[idx])
        for k, mark in enumerate(self.marks):
            mark.label.setFormat(names[k] if k in inside else "")
        self.plot.enableAutoRange()
        i0, i1 = int(np.argmin(np.abs(t))), int(np.argmin(np.abs(t - 1.0)))
        k = int(np.argmax(line.loss[min(i0, i1):max(i0, i1) + 1])) + min(i0, i1)
        text = self.tr("L(0) {a:.3g} · L(1) {b:.3g} · max between {m:.3g} at t = {tm:.2f}")
        self._caption(text.format(a=float(line.loss[i0]), b=float(line.loss[i1]), m=float(line.loss[k]),
                                  tm=float(t[k])))

    def _caption(self, text: str) -> None:
        self.caption = text
        self.plot.setTitle(text, size="8pt", color="#dddddd")
