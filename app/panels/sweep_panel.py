"""Sweeps from one click and sliders for every run.

"Sweep" starts one run per value of η (log-spaced), μ or β₁ (evenly spaced) from the selected run's start, with the
optimizer settings otherwise; the runs are coloured along a sequential colour map and listed in a legend on the map.
"Apply to all runs" (the model's one switch, also a button of the optimizer panel): dragging the η or μ / β₁ slider
gives every run that value (each keeps its other settings) and re-runs them all through the model's compute (off the
GUI thread; the newest request wins); the optimizer panel then shows the value.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSlider, QSpinBox, QVBoxLayout, QWidget)

from superqt.utils import qthrottled

from app.model import AppState
from app.engine_errors import error_text
from engine.hypermaps import axis
from engine.optimizers import OPTIMIZERS
from engine.scene import OptimizerSettings

SWEEP_COLORMAP = "plasma"
LEGEND_ROWS = 8  # a longer sweep shows evenly chosen entries
LR_RANGE = (1e-5, 10.0)
TICKS = 600
PARAM_TEXT = {"lr": "η", "momentum": "μ", "beta1": "β₁"}
DRAG_MS = 100  # at most one re-run request per this many ms while a slider moves (the newest value is kept)


def sweep_colors(n: int) -> list[str]:
    """n colours along the sequential colour map (dark to bright), as #rrggbb."""
    cmap = pg.colormap.get(SWEEP_COLORMAP)
    t = np.linspace(0.05, 0.9, n) if n > 1 else np.array([0.5])
    return [c.name() for c in cmap.map(t, mode="qcolor")]


def slider_to_lr(pos: int) -> float:
    lo, hi = (math.log10(v) for v in LR_RANGE)
    return float(f"{10.0 ** (lo + pos / TICKS * (hi - lo)):.3g}")


def lr_to_slider(lr: float) -> int:
    lo, hi = (math.log10(v) for v in LR_RANGE)
    return int(round((math.log10(min(max(lr, LR_RANGE[0]), LR_RANGE[1])) - lo) / (hi - lo) * TICKS))


class SweepPanel(QWidget):
    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sweepPanel")
        self.state = state
        self.sweep_ids: list[int] = []
        self.legend = pg.LegendItem(offset=(-10, 10), labelTextColor="#ffffff", brush=pg.mkBrush(0, 0, 0, 160))
        self.legend.setVisible(False)

        box = QGroupBox(self.tr("Sweep from the selected run's start"))
        form = QFormLayout(box)
        self.param = QComboBox()
        self.param.setToolTip(self.tr("Which setting the sweep varies"))
        self.lo = QDoubleSpinBox()
        self.hi = QDoubleSpinBox()
        for w in (self.lo, self.hi):
            w.setDecimals(5)
            w.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
        self.count = QSpinBox()
        self.count.setRange(2, 40)
        self.count.setValue(8)
        self.count.setToolTip(self.tr("How many runs"))
        rng = QHBoxLayout()
        rng.addWidget(self.lo)
        rng.addWidget(QLabel("…"))
        rng.addWidget(self.hi)
        form.addRow(self.tr("Vary"), self.param)
        form.addRow(self.tr("From … to"), rng)
        form.addRow(self.tr("Runs"), self.count)
        self.sweep_button = QPushButton(self.tr("Sweep"))
        self.sweep_button.setToolTip(self.tr("Start one run per value, coloured from dark (smallest) to bright"))
        self.sweep_button.clicked.connect(self.sweep)
        self.remove_button = QPushButton(self.tr("Remove sweep"))
        self.remove_button.clicked.connect(lambda: self.state.remove_runs(self.sweep_ids))
        buttons = QHBoxLayout()
        buttons.addWidget(self.sweep_button)
        buttons.addWidget(self.remove_button)
        form.addRow(buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form.addRow(self.message)

        sliders = QGroupBox(self.tr("Sliders for every run"))
        sform = QFormLayout(sliders)
        self.apply_all = QCheckBox(self.tr("Apply to all runs"))
        self.apply_all.setToolTip(self.tr("Dragging a slider below re-runs every run with that value (the same "
                                          "switch as the optimizer panel's “Apply to all runs”)"))
        self.lr_slider = QSlider(Qt.Orientation.Horizontal)
        self.lr_slider.setRange(0, TICKS)
        self.lr_slider.setToolTip(self.tr("Learning rate η of every run, log scale 1e-5 … 10"))
        self.mu_slider = QSlider(Qt.Orientation.Horizontal)
        self.mu_slider.setRange(1, 99)  # Nesterov refuses μ = 0
        self.mu_slider.setToolTip(self.tr("μ of every momentum/Nesterov run and β₁ of every Adam run, 0.01 … 0.99"))
        self.lr_value, self.mu_value = QLabel(), QLabel()
        sform.addRow(self.apply_all)
        sform.addRow(self.tr("η"), _row(self.lr_slider, self.lr_value))
        sform.addRow(self.tr("μ / β₁"), _row(self.mu_slider, self.mu_value))
        # a drag sends a value every few ms; the runs are re-run for the newest value at most every DRAG_MS, so the
        # worker is idle while the GUI draws the previous result
        self._rerun_later = qthrottled(self._rerun, timeout=DRAG_MS, leading=True)
        self.lr_slider.valueChanged.connect(self._on_lr_slider)
        self.mu_slider.valueChanged.connect(self._on_mu_slider)
        # while a handle is held the runs are previewed (their first steps); releasing it computes them in full
        self.lr_slider.sliderReleased.connect(lambda: self._on_lr_slider(self.lr_slider.value()))
        self.mu_slider.sliderReleased.connect(lambda: self._on_mu_slider(self.mu_slider.value()))
        self.apply_all.toggled.connect(self.state.set_apply_to_all)
        state.applyToAllChanged.connect(self._on_apply_all)

        layout = QVBoxLayout(self)
        layout.addWidget(box)
        layout.addWidget(sliders)
        layout.addStretch(1)
        self.param.currentIndexChanged.connect(self._on_param)
        state.optimizerChanged.connect(self._on_optimizer)
        state.runsChanged.connect(self._on_runs)
        self._on_optimizer()
        self.lr_slider.setValue(lr_to_slider(state.optimizer.lr))
        self.mu_slider.setValue(90)
        self._on_apply_all()

    # ----- sweep -------------------------------------------------------------------------------------------------------
    def _on_optimizer(self) -> None:
        name = self.state.optimizer.name
        params = ["lr"] + [p for p in ("momentum", "beta1") if p in OPTIMIZERS[name].hyper_defaults]
        current = self.param.currentData()
        self.param.blockSignals(True)
        self.param.clear()
        for p in params:
            self.param.addItem(PARAM_TEXT[p], p)
        self.param.setCurrentIndex(max(0, self.param.findData(current)))
        self.param.blockSignals(False)
        if current != self.param.currentData():
            self._on_param()
        if not self.lr_slider.isSliderDown():  # the η every run was given (or the one shown for new runs)
            self.lr_slider.blockSignals(True)
            self.lr_slider.setValue(lr_to_slider(self.state.optimizer.lr))
            self.lr_slider.blockSignals(False)
            self._show_slider_values()

    def _on_param(self, *_) -> None:
        p = self.param.currentData()
        if p == "lr":
            lr = self.state.optimizer.lr
            for w in (self.lo, self.hi):
                w.setRange(*LR_RANGE)
            self.lo.setValue(lr / 10.0)
            self.hi.setValue(min(lr * 10.0, LR_RANGE[1]))
        else:
            for w in (self.lo, self.hi):
                w.setRange(0.0, 0.999)
            self.lo.setValue(0.01 if self.state.optimizer.name == "nesterov" else 0.0)
            self.hi.setValue(0.95)

    def start_point(self):
        runs = self.state.selected_runs() or self.state.runs[-1:]
        return runs[0].start if runs else None

    def sweep(self) -> list:
        """Start the sweep's runs (replacing the previous sweep's); returns them."""
        start = self.start_point()
        if start is None:
            self.message.setText(self.tr("Start a run first: the sweep starts from the selected run's start."))
            return []
        p, s = self.param.currentData(), self.state.optimizer
        try:
            values = axis(self.lo.value(), self.hi.value(), self.count.value(), log=(p == "lr"))
        except ValueError as exc:
            self.message.setText(error_text(exc))
            return []
        self.message.setText("")
        self.state.remove_runs(self.sweep_ids)
        runs = []
        for value, color in zip(values, sweep_colors(len(values))):
            lr = float(value) if p == "lr" else s.lr
            hyper = dict(s.hyper) if p == "lr" else {**s.hyper, p: float(value)}
            runs.append(self.state.add_run_with(OptimizerSettings(s.name, lr, hyper, s.steps), start, color))
        self.sweep_ids = [r.id for r in runs]
        self._fill_legend(PARAM_TEXT[p], values, [r.color for r in runs])
        return runs

    def _fill_legend(self, symbol: str, values, colors) -> None:
        self.legend.clear()
        n = len(values)
        shown = sorted(set(np.linspace(0, n - 1, min(n, LEGEND_ROWS)).round().astype(int).tolist()))
        for i in shown:
            sample = pg.PlotDataItem(pen=pg.mkPen(colors[i], width=4))
            self.legend.addItem(sample, f"{symbol} = {values[i]:.3g}")
        self.legend.setVisible(True)

    def _on_runs(self) -> None:
        alive = {r.id for r in self.state.runs}
        self.sweep_ids = [i for i in self.sweep_ids if i in alive]
        if not self.sweep_ids:
            self.legend.clear()
            self.legend.setVisible(False)
        self.remove_button.setEnabled(bool(self.sweep_ids))

    # ----- sliders for every run ---------------------------------------------------------------------------------------
    def _on_apply_all(self) -> None:
        on = self.state.apply_to_all
        self.apply_all.blockSignals(True)
        self.apply_all.setChecked(on)
        self.apply_all.blockSignals(False)
        for w in (self.lr_slider, self.mu_slider):
            w.setEnabled(on)
        self._show_slider_values()

    def _show_slider_values(self) -> None:
        self.lr_value.setText(f"{slider_to_lr(self.lr_slider.value()):g}")
        self.mu_value.setText(f"{self.mu_slider.value() / 100:.2f}")

    def _on_lr_slider(self, pos: int) -> None:
        self._changed("lr", slider_to_lr(pos), self.lr_slider)

    def _on_mu_slider(self, pos: int) -> None:
        self._changed("mu", pos / 100, self.mu_slider)

    def _changed(self, which: str, value: float, slider: QSlider) -> None:
        self._show_slider_values()
        if not self.apply_all.isChecked():
            return
        if slider.isSliderDown():
            self._rerun_later(which, value, True)
        else:  # a click, a key or the release: at once, in full (a preview still waiting is dropped)
            self._rerun_later.cancel()
            self._rerun(which, value, False)

    def _rerun(self, which: str, value: float, preview: bool) -> None:
        if which == "lr":
            self.state.set_all_runs(lr=value, preview=preview)
        else:
            self.state.set_all_runs(hyper={"momentum": value, "beta1": value}, preview=preview)


def _row(slider: QSlider, label: QLabel) -> QWidget:
    w = QWidget()
    row = QHBoxLayout(w)
    row.setContentsMargins(0, 0, 0, 0)
    label.setMinimumWidth(48)
    row.addWidget(slider, 1)
    row.addWidget(label)
    return w
