"""Hyper-parameter map: from one start, steps to converge over a grid of learning rates η (log-spaced, columns) and μ
(momentum, Nesterov) or β₁ (Adam) (rows); η alone, as a curve, for the other optimizers.

The map is :func:`engine.hypermaps.hyper_map`, computed through the compute service (progress bar, Cancel). A click
on a cell starts that run on the landscape. For momentum the stability edge of the local quadratic at the start,
η = 2(1 + μ)/λ_max, is drawn over the map; for a curve, the critical 2/λ_max.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QHBoxLayout, QLabel, QProgressBar, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from app.model import AppState
from app.engine_errors import error_text
from engine import analysis
from engine.optimizers import OPTIMIZERS
from engine.hypermaps import CONVERGED, DIVERGED, SECOND_AXIS, axis, hyper_map
from engine.scene import OptimizerSettings

KEY = "hypermap"
DIVERGED_RGB, NOT_CONVERGED_RGB = (179, 32, 42), (150, 150, 150)
SECOND_LABEL = {"momentum": "μ", "beta1": "β₁"}


def map_rgba(status: np.ndarray, steps: np.ndarray, max_steps: int) -> np.ndarray:
    """(M, N, 4) uint8: converged cells on viridis by log(steps) (bright = fast), diverged red, the rest grey."""
    cmap = pg.colormap.get("viridis")
    t = 1.0 - np.log1p(steps) / math.log1p(max(max_steps, 1))
    rgba = cmap.map(np.clip(t, 0.0, 1.0).ravel(), mode="byte").reshape(status.shape + (4,))
    rgba[status == DIVERGED, :3] = DIVERGED_RGB
    rgba[(status != CONVERGED) & (status != DIVERGED), :3] = NOT_CONVERGED_RGB
    rgba[..., 3] = 255
    return rgba


def _spin(lo, hi, value, decimals, tip, log=False) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setValue(value)
    box.setToolTip(tip)
    if log:
        box.setStepType(QDoubleSpinBox.StepType.AdaptiveDecimalStepType)
    return box


class HyperMapPanel(QWidget):
    def __init__(self, state: AppState, compute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hypermapPanel")
        self.state, self.compute = state, compute
        self.result = None
        grid = QGridLayout()
        self.lr_lo = _spin(1e-6, 10.0, 1e-4, 6, self.tr("Smallest learning rate"), log=True)
        self.lr_hi = _spin(1e-6, 10.0, 0.1, 6, self.tr("Largest learning rate"), log=True)
        self.lr_n = QSpinBox()
        self.lr_n.setRange(2, 400)
        self.lr_n.setValue(100)
        self.lr_n.setToolTip(self.tr("Number of learning rates (log-spaced)"))
        self.second_label = QLabel("μ")
        self.s_lo = _spin(0.0, 0.999, 0.0, 3, self.tr("Smallest value of the second axis"))
        self.s_hi = _spin(0.0, 0.999, 0.99, 3, self.tr("Largest value of the second axis"))
        self.s_n = QSpinBox()
        self.s_n.setRange(2, 400)
        self.s_n.setValue(100)
        self.s_n.setToolTip(self.tr("Number of values of the second axis (evenly spaced)"))
        grid.addWidget(QLabel("η"), 0, 0)
        for col, w in enumerate((self.lr_lo, self.lr_hi, self.lr_n), 1):
            grid.addWidget(w, 0, col)
        grid.addWidget(self.second_label, 1, 0)
        for col, w in enumerate((self.s_lo, self.s_hi, self.s_n), 1):
            grid.addWidget(w, 1, col)
        self.compute_button = QPushButton(self.tr("Compute map"))
        self.compute_button.setToolTip(self.tr("Run every cell from the selected run's start with the optimizer "
                                               "settings (in the background)"))
        self.compute_button.clicked.connect(self.start)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.clicked.connect(self.cancel)
        self.cancel_button.setEnabled(False)
        self.progress = QProgressBar()
        self.progress.setRange(0, 100)
        self.progress.setValue(0)
        buttons = QHBoxLayout()
        buttons.addWidget(self.compute_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        self.plot = pg.PlotWidget()
        self.plot.setObjectName("hypermap_plot")
        self.plot.setMinimumHeight(120)
        self.plot.setLabel("bottom", self.tr("log₁₀ η"))
        self.plot.setMenuEnabled(False)
        self.image = pg.ImageItem(axisOrder="row-major")
        self.plot.addItem(self.image)
        self.curve = pg.PlotDataItem(symbol="o", symbolSize=5, pen=pg.mkPen("#4e79a7", width=2))
        self.diverged = pg.ScatterPlotItem(symbol="x", size=9, pen=pg.mkPen("#b3202a", width=2))
        self.edge = pg.PlotCurveItem(pen=pg.mkPen("#ffffff", width=2, style=Qt.PenStyle.DashLine))
        self.edge_line = pg.InfiniteLine(angle=90, pen=pg.mkPen("#b3202a", width=1.5, style=Qt.PenStyle.DashLine))
        self.predicted = pg.PlotCurveItem(pen=pg.mkPen("#f28e2b", width=1.5, style=Qt.PenStyle.DashLine))
        for item in (self.curve, self.diverged, self.edge, self.edge_line, self.predicted):
            self.plot.addItem(item)
        self.plot.scene().sigMouseClicked.connect(self._on_click)
        self.status = QLabel()
        self.status.setObjectName("hypermap_status")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addLayout(grid)
        layout.addLayout(buttons)
        layout.addWidget(self.plot, 1)
        layout.addWidget(self.status)
        state.optimizerChanged.connect(self._on_optimizer)
        state.landscapeChanged.connect(self._clear)
        self._on_optimizer()
        self._clear()

    # ----- inputs ------------------------------------------------------------------------------------------------------
    def _second(self) -> str | None:
        return SECOND_AXIS.get(self.state.optimizer.name)

    def _on_optimizer(self) -> None:
        second = self._second()
        for w in (self.s_lo, self.s_hi, self.s_n):
            w.setEnabled(second is not None)
        self.second_label.setText(SECOND_LABEL.get(second, "—"))
        if self.state.optimizer.name == "nesterov" and self.s_lo.value() == 0.0:
            self.s_lo.setValue(0.01)  # Nesterov needs μ > 0

    def start_point(self):
        runs = self.state.selected_runs() or self.state.runs[-1:]
        return runs[0].start if runs else None

    # ----- computing ---------------------------------------------------------------------------------------------------
    def start(self) -> None:
        start = self.start_point()
        if start is None:
            self.status.setText(self.tr("Start a run first: the map starts from the selected run's start."))
            return
        s, second_name = self.state.optimizer, self._second()
        try:
            lrs = axis(self.lr_lo.value(), self.lr_hi.value(), self.lr_n.value(), log=True)
            second = None if second_name is None else axis(self.s_lo.value(), self.s_hi.value(), self.s_n.value(),
                                                             log=False)
        except ValueError as exc:
            self.status.setText(error_text(exc))
            return
        own = OPTIMIZERS[s.name].hyper_defaults
        hyper = {k: v for k, v in s.hyper.items() if k in own and k != second_name}
        function, name, steps = self.state.function, s.name, s.steps

        def work(job):
            out = hyper_map(function, start, name, lrs, second, steps=steps,
                            progress=lambda f: job.progress(f), **hyper)
            job.check()
            try:
                q = analysis.local_quadratic(function, start)
            except ValueError:
                q = None
            return out, q

        self.progress.setValue(0)
        self.cancel_button.setEnabled(True)
        self.status.setText(self.tr("Computing {n} runs of up to {steps} steps…").format(
            n=lrs.size * (1 if second is None else second.size), steps=steps))
        self.compute.submit(KEY, work, self._show, self._failed,
                            on_progress=lambda f, _t: self.progress.setValue(int(100 * f)))

    def cancel(self) -> None:
        self.compute.cancel(KEY)
        self.cancel_button.setEnabled(False)
        self.progress.setValue(0)
        self.status.setText(self.tr("Cancelled."))

    def _failed(self, message: str) -> None:
        self.cancel_button.setEnabled(False)
        self.status.setText(error_text(message))

    def _clear(self) -> None:
        self.result = None
        self.image.clear()
        for item in (self.curve, self.diverged, self.edge, self.edge_line, self.predicted):
            item.setVisible(False)
        self.status.setText(self.tr("Select a run and press Compute map: every cell is a run from its start."))

    def _show(self, result) -> None:
        result, q = result
        self.result = result
        self.cancel_button.setEnabled(False)
        self.progress.setValue(100)
        lx = np.log10(result.lrs)
        dx = (lx[-1] - lx[0]) / max(len(lx) - 1, 1) if len(lx) > 1 else 0.1
        counts = np.bincount(result.status.ravel(), minlength=3)
        if result.second is not None:
            self.plot.setLabel("left", SECOND_LABEL[result.second_name])
            ys = result.second
            dy = (ys[-1] - ys[0]) / max(len(ys) - 1, 1) if len(ys) > 1 else 0.01
            rgba = map_rgba(result.status, np.nan_to_num(result.converge_steps), result.steps)
            self.image.setImage(rgba, levels=None)
            self.image.setRect(lx[0] - dx / 2, ys[0] - dy / 2, dx * len(lx), dy * len(ys))
            self.image.setVisible(True)
            self.curve.setVisible(False)
            self.diverged.setVisible(False)
            crit = q.momentum_critical_lr if (q is not None and result.optimizer == "momentum") else None
            if crit is not None and crit(0.0) is not None:
                mus = np.linspace(ys[0], ys[-1], 50)
                self.edge.setData(np.log10([crit(m) for m in mus]), mus)
            self.edge.setVisible(crit is not None and crit(0.0) is not None)
            self.edge_line.setVisible(False)
            self.predicted.setVisible(False)
        else:
            self.image.clear()
            self.plot.setLabel("left", self.tr("steps to converge"))
            steps = result.converge_steps[0]
            ok = np.isfinite(steps)
            self.curve.setData(lx[ok], steps[ok])
            self.curve.setVisible(True)
            top = np.nanmax(steps) if ok.any() else result.steps
            bad = result.status[0] == DIVERGED
            self.diverged.setData(lx[bad], np.full(bad.sum(), top))
            self.diverged.setVisible(True)
            self.edge.setVisible(False)
            if q is not None and q.critical_lr is not None:
                self.edge_line.setValue(math.log10(q.critical_lr))
                self.edge_line.setVisible(True)
            self._show_prediction(result, q)
        self.plot.autoRange()
        self.status.setText(self.tr("From ({x:.3g}, {y:.3g}): {c} converged, {d} diverged (red), {n} not converged "
                                    "in {steps} steps (grey); bright = fewer steps. Click a cell to run it.").format(
            x=result.start[0], y=result.start[1], c=counts[CONVERGED], d=counts[DIVERGED],
            n=counts[2], steps=result.steps))

    def _show_prediction(self, result, q) -> None:
        """GD's closed-form count on the local quadratic at the start: |∇f| shrinks by max|1 − ηλ| a step, so
        log(tol/|∇f(start)|)/log(rate) steps (exact on a quadratic when one axis dominates)."""
        g = np.hypot(*[float(c) for c in self.state.function.gradient(*result.start)])
        show = q is not None and result.optimizer == "gd" and g > result.tol
        if show:
            pred = np.array([q.steps_to_shrink(lr, result.tol / g) for lr in result.lrs])
            ok = np.isfinite(pred) & (pred <= result.steps)
            self.predicted.setData(np.log10(result.lrs[ok]), pred[ok])
        self.predicted.setVisible(bool(show))

    # ----- clicking a cell ---------------------------------------------------------------------------------------------
    def cell_at(self, lx: float, y: float):
        """(row, col) of the cell at (log₁₀ η, second value), or None outside the map."""
        r = self.result
        if r is None:
            return None
        col = int(np.argmin(np.abs(np.log10(r.lrs) - lx)))
        row = 0 if r.second is None else int(np.argmin(np.abs(r.second - y)))
        return row, col

    def run_cell(self, row: int, col: int):
        r = self.result
        lr, hyper = r.cell(row, col)
        run = self.state.add_run_with(OptimizerSettings(r.optimizer, lr, hyper, r.steps), r.start)
        self.state.select([run.id])
        return run

    def _on_click(self, ev) -> None:
        if self.result is None or ev.button() != Qt.MouseButton.LeftButton:
            return
        vb = self.plot.getPlotItem().vb
        if not vb.sceneBoundingRect().contains(ev.scenePos()):
            return
        p = vb.mapSceneToView(ev.scenePos())
        cell = self.cell_at(p.x(), p.y())
        if cell is not None:
            self.run_cell(*cell)
