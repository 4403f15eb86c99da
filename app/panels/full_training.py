"""Full-space training on a network slice: train every parameter from a point of the plane, project the path back
onto it (dashed on the map) and compare the true loss along the path with the drawn surface at its projection."""
from __future__ import annotations

from typing import Callable

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QPushButton, \
    QSpinBox

from app.i18n import engine_text
from engine import vocab
from engine.optimizers import OPTIMIZERS

FULL_OPTIMIZERS = ("adam", *[name for name in vocab.OPTIMIZER_NAMES if name != "adam"])


class FullTrainingBox(QGroupBox):
    """The "Full-space training on this slice" group of the Network panel."""

    def __init__(self, state, controller, on_failed: Callable[[str], None]) -> None:
        super().__init__()
        self.setTitle(self.tr("Full-space training on this slice"))
        self.state, self.controller, self.on_failed = state, controller, on_failed
        self.full_optimizer = QComboBox()
        for name in FULL_OPTIMIZERS:
            self.full_optimizer.addItem(engine_text(OPTIMIZERS[name].title), name)
        self.full_optimizer.setToolTip(self.tr("Optimizer that trains all parameters (not only the two of the "
                                               "plane)"))
        self.full_lr = QDoubleSpinBox(minimum=1e-5, maximum=10.0, decimals=5, singleStep=0.005, value=0.01)
        self.full_lr.setToolTip(self.tr("Learning rate of the full-space training"))
        self.full_steps = QSpinBox(minimum=1, maximum=5000, singleStep=50, value=200)
        self.full_steps.setToolTip(self.tr("Number of full-batch steps"))
        self.full_start = QComboBox()
        self.full_start.addItem(self.tr("Slice centre"), "centre")
        self.full_start.addItem(self.tr("Selected run's start"), "run")
        self.full_start.setToolTip(self.tr("Where training starts: θ at the slice centre, or θ(α, β) at the start "
                                           "of the selected run (click the map to start one)"))
        self.train_button = QPushButton(self.tr("&Train in full space"))
        self.train_button.setToolTip(self.tr("Train every parameter and project the path onto the plane (dashed "
                                             "path on the map); compare the true loss with the drawn surface below"))
        self.gap_plot = pg.PlotWidget(background="#1e1e1e")
        self.gap_plot.setMinimumHeight(120)
        self.gap_plot.setMaximumHeight(150)
        self.gap_plot.setMenuEnabled(False)
        self.gap_plot.hideButtons()
        self.gap_plot.setLabel("bottom", self.tr("step"))
        self.gap_plot.setLabel("left", self.tr("loss"))
        self.gap_plot.addLegend(offset=(-4, 4), labelTextSize="8pt")
        self.true_curve = self.gap_plot.plot(pen=pg.mkPen("#f0f0f0", width=1.6), name=self.tr("true L(θ_t)"))
        self.surface_curve = self.gap_plot.plot(pen=pg.mkPen("#ff9f1c", width=1.6, style=Qt.PenStyle.DashLine),
                                                name=self.tr("surface at projection"))
        self.gap_plot.setToolTip(self.tr("Full-space training: the true loss along the path and the drawn surface's "
                                         "value at its projection onto the plane. Where they differ, the projected "
                                         "path misleads."))
        self.gap_label = QLabel()
        self.gap_label.setWordWrap(True)
        self.gap_label.setToolTip(self.tr("Largest difference between the true loss and the surface along the path"))

        f = QFormLayout(self)
        row = QHBoxLayout()
        row.addWidget(self.full_optimizer)
        row.addWidget(QLabel("η"))
        row.addWidget(self.full_lr)
        f.addRow(self.tr("Optimizer"), row)
        row = QHBoxLayout()
        row.addWidget(self.full_steps)
        row.addWidget(self.full_start, 1)
        f.addRow(self.tr("Steps, from"), row)
        f.addRow(self.train_button)
        f.addRow(self.gap_plot)
        f.addRow(self.gap_label)

        self.train_button.clicked.connect(self.train_full)
        controller.busyChanged.connect(lambda *_: self.update_enabled())
        controller.activeChanged.connect(lambda *_: self.update_enabled())
        controller.projectedChanged.connect(self.show_path)
        self.update_enabled()

    def update_enabled(self) -> None:
        active = self.controller.active
        self.train_button.setEnabled(active and not self.controller.busy)
        self.setEnabled(active)

    def train_full(self) -> None:
        start = None
        if self.full_start.currentData() == "run":
            runs = self.state.selected_runs()
            if not runs:
                self.on_failed(self.tr("Select a run first (click the map to start one), or train from the slice "
                                       "centre"))
                return
            start = runs[0].start
        self.controller.train_full(start, self.full_optimizer.currentData(), self.full_lr.value(),
                                   self.full_steps.value())

    def show_path(self, path) -> None:
        if path is None:
            self.true_curve.setData([], [])
            self.surface_curve.setData([], [])
            self.gap_label.setText("")
            return
        steps = np.arange(len(path.true_loss))
        self.true_curve.setData(steps, path.true_loss)
        self.surface_curve.setData(steps, path.surface_loss)
        k = int(np.argmax(np.abs(path.gap)))
        self.gap_label.setText(self.tr("Max |true − surface| = {gap:.4g} at step {k}; final loss {true:.4g} true vs "
                                       "{surf:.4g} on the surface; the path ends {d:.3g} away from the plane.")
                               .format(gap=abs(float(path.gap[k])), k=k, true=float(path.true_loss[-1]),
                                       surf=float(path.surface_loss[-1]), d=float(path.off_plane[-1])))
