"""Data view: the dataset with the network's prediction at the current point of the slice.

Classification: the predicted probability (binary: P(class 1) on a diverging map; multiclass: the class colours mixed
by their probabilities) as one ImageItem over the data's bounding box, the decision boundary, and the points coloured
by class. Regression: the points and the fitted curve. The numbers come from
``engine.nn.predict`` at ``plane.params_at(α, β)``, computed off the GUI thread by the network controller (at most
30 points a second); the item objects are created once and updated with setData.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from app.network_controller import NetworkController, PointResult
from app.readout import RichReadout
from engine.nn import Prediction

CLASS_COLOURS = np.array([[0, 114, 178], [230, 159, 0], [0, 158, 115]], dtype=float)  # Okabe-Ito blue/orange/green
# P(class 1) from blue (class 0) through white (undecided) to orange (class 1), light enough for the points to show
BINARY_LUT = pg.ColorMap([0.0, 0.5, 1.0], [(110, 155, 205), (238, 238, 238), (235, 180, 100)]).getLookupTable(
    0.0, 1.0, 256)


class DataView(QWidget):
    """See the module docstring. ``prediction`` holds what is drawn. Clicking a data point emits ``sampleClicked``
    with its index; ``mark_sample`` rings the sample the network graph traces."""

    sampleClicked = Signal(int)

    def __init__(self, controller: NetworkController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("dataView")
        self.controller = controller
        self.prediction: Prediction | None = None
        self.result: PointResult | None = None  # the point, its prediction and backprop, computed off the GUI thread
        self._data_key = None
        self.title = RichReadout(rich=False)  # new numbers at every point hovered: no new layout for each
        self.title.setToolTip(self.tr("Which parameters the prediction uses: the selected run at the current "
                                      "iteration, else the point under the cursor, else the slice centre"))
        self.plot = pg.PlotWidget(background="#1e1e1e")
        self.plot.setMenuEnabled(False)
        self.plot.hideButtons()
        self.plot.setAspectLocked(False)
        self.plot.setToolTip(self.tr("The dataset (colour = class) over the network's predicted probability, with "
                                     "the decision boundary; for regression the fitted curve"))
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(-10)
        self.plot.addItem(self.image)
        self.boundary = pg.PlotCurveItem(pen=pg.mkPen("#111111", width=2), connect="finite")
        self.plot.addItem(self.boundary)
        self.curve = pg.PlotCurveItem(pen=pg.mkPen("#ff9f1c", width=2.5))
        self.plot.addItem(self.curve)
        self.points = pg.ScatterPlotItem(size=6, pen=pg.mkPen("#111111", width=0.6))
        self.plot.addItem(self.points)
        self.points.sigClicked.connect(lambda _item, spots, *_: spots and self.sampleClicked.emit(spots[0].index()))
        # held-out test points: rings in their class colour, beside the filled training points (not clickable: the
        # network graph traces training samples)
        self.test_points = pg.ScatterPlotItem(size=7, brush=None)
        self.test_points.setToolTip(self.tr("Rings: held-out test points (not trained on); filled: training points"))
        self.plot.addItem(self.test_points)
        self.marked = pg.ScatterPlotItem(size=15, pen=pg.mkPen("#ffeb3b", width=2.5), brush=None)
        self.marked.setToolTip(self.tr("The sample traced in the network graph (click another point to trace it)"))
        self.plot.addItem(self.marked)
        self._marked_index = 0
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        controller.pointChanged.connect(lambda: controller.compute.later(self.refresh))  # a pass of its own
        controller.built.connect(lambda *_: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        result = self.controller.result
        self.result = result
        if result is None:
            self.prediction = None
            self.title.setText(self.tr("Build a network landscape to see its data and predictions."))
            for item in (self.image, self.boundary, self.curve, self.points, self.test_points, self.marked):
                item.setVisible(False)
            return
        point, what, build = result.point, result.what, result.build
        if self._data_key is not build:
            self._data_key = build
            self._show_data(build.dataset)
            self._show_test(getattr(build, "test", None), build.dataset.task)
            self.mark_sample(self._marked_index)
        elif not self.marked.isVisible():
            self.mark_sample(self._marked_index)
        p = result.prediction
        self.prediction = p
        if p.task == "regression":
            self.curve.setData(p.xs, p.curve)
            self.image.setVisible(False)
            self.boundary.setVisible(False)
            self.curve.setVisible(True)
            extra = ""
        else:
            self._show_probabilities(p)
            self.curve.setVisible(False)
            extra = self.tr(", accuracy {acc:.1%}").format(acc=p.accuracy)
        self.points.setVisible(True)
        if result.test is not None:
            extra += self.tr("; test loss {loss:.4g}").format(loss=result.test[0])
            if p.task != "regression":
                extra += self.tr(", test accuracy {acc:.1%}").format(acc=result.test[1])
        self.title.setText(self.tr("Prediction at {what}: α = {a:.4g}, β = {b:.4g}; loss {loss:.4g}{extra}").format(
            what=what, a=point[0], b=point[1], loss=p.loss, extra=extra))

    def _show_test(self, test, task: str) -> None:
        if test is None or not len(test.X):
            self.test_points.setVisible(False)
            return
        if task == "regression":
            self.test_points.setData(test.X[:, 0], test.y, pen=pg.mkPen(200, 200, 200, 230, width=1.6),
                                     brush=pg.mkBrush(None))
        else:
            pens = [pg.mkPen(*c, width=1.6) for c in CLASS_COLOURS]
            labels = test.y.astype(int) % len(CLASS_COLOURS)
            self.test_points.setData(test.X[:, 0], test.X[:, 1], pen=[pens[k] for k in labels],
                                     brush=pg.mkBrush(None))
        self.test_points.setVisible(True)

    def _show_data(self, data) -> None:
        if data.task == "regression":
            self.points.setData(data.X[:, 0], data.y, brush=pg.mkBrush(200, 200, 200, 200))
            self.plot.setLabel("bottom", "x")
            self.plot.setLabel("left", "y")
        else:
            # one brush per class, shared by its points: pyqtgraph then renders one symbol per class instead of one
            # per point (1,000 points: 5 ms instead of ~0.4 s on the GUI thread after each build)
            brushes = [pg.mkBrush(*c) for c in CLASS_COLOURS]
            labels = data.y.astype(int) % len(CLASS_COLOURS)
            self.points.setData(data.X[:, 0], data.X[:, 1], brush=[brushes[k] for k in labels])
            self.plot.setLabel("bottom", "x₁")
            self.plot.setLabel("left", "x₂")
        X = data.X
        if data.task == "regression":
            xr, yr = (X[:, 0].min(), X[:, 0].max()), (data.y.min(), data.y.max())
        else:
            xr, yr = (X[:, 0].min(), X[:, 0].max()), (X[:, 1].min(), X[:, 1].max())
        self.plot.setRange(xRange=xr, yRange=yr, padding=0.08)

    def mark_sample(self, index: int) -> None:
        """Ring data point ``index`` (the network graph's sample)."""
        self._marked_index = int(index)
        data = None if self._data_key is None else self._data_key.dataset
        if data is None or not 0 <= index < len(data.X):
            self.marked.setVisible(False)
            return
        y = data.y[index] if data.task == "regression" else data.X[index, 1]
        self.marked.setData([float(data.X[index, 0])], [float(y)])
        self.marked.setVisible(True)

    def _show_probabilities(self, p: Prediction) -> None:
        xs, ys = p.xs, p.ys
        if p.probs.shape[2] <= 2:           # the image holds P(class 1); a diverging lookup table colours it
            self.image.setImage(p.probs[:, :, -1], levels=(0.0, 1.0), autoLevels=False, lut=BINARY_LUT)
        else:                               # RGB: class colours mixed by probability, lightened
            image = (p.probs[:, :, :3] @ CLASS_COLOURS[: p.probs.shape[2]] / 255.0) * 0.6 + 0.4
            self.image.setImage(np.clip(image, 0, 1), levels=(0.0, 1.0), autoLevels=False, lut=None)
        dx, dy = xs[1] - xs[0], ys[1] - ys[0]
        self.image.setRect(QRectF(xs[0] - dx / 2, ys[0] - dy / 2, xs[-1] - xs[0] + dx, ys[-1] - ys[0] + dy))
        self.image.setVisible(True)
        self.boundary.setData(*p.boundary)
        self.boundary.setVisible(True)

    def sizeHint(self):
        size = super().sizeHint()
        size.setHeight(max(size.height(), 300))
        return size
