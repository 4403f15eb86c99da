"""Local quadratic panel: at the cursor, a known minimum or the selected run's current step, the Hessian's eigenvalues
and eigen-directions, the condition number κ, the critical step 2/λ_max, the best fixed step 2/(λ_min + λ_max), and
the learning rate η placed on that scale (a bar and one sentence).

The numbers come from :func:`engine.analysis.local_quadratic`, computed through the compute service (a network
slice's Hessian needs gradient evaluations of the network); ``quadraticChanged`` hands them to the map overlay.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPen, QPolygonF
from PySide6.QtWidgets import QCheckBox, QComboBox, QDockWidget, QFormLayout, QLabel, QVBoxLayout, QWidget

from app.model import AppState
from engine import analysis

CURSOR, RUN, MINIMUM = "cursor", "run", "minimum"


class LrScale(QWidget):
    """A log-scale bar of learning rates: stable (green) below 2/λ_max, diverging (red) above, a tick at the best
    fixed η and a triangle at the current η."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(34)
        self.values = None  # (critical, best or None, lr)

    def set_values(self, critical, best, lr) -> None:
        self.values = None if critical is None else (critical, best, lr)
        self.update()

    def paintEvent(self, event) -> None:
        if self.values is None:
            return
        crit, best, lr = self.values
        lo, hi = math.log10(crit) - 2.0, math.log10(crit) + 0.6
        w, h, m = self.width(), self.height(), 8
        top, bar = 6, 10

        def xpos(v: float) -> float:
            t = (min(max(math.log10(v), lo), hi) - lo) / (hi - lo)
            return m + t * (w - 2 * m)

        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        xc = xpos(crit)
        p.fillRect(QRectF(m, top, xc - m, bar), QColor("#5aa469"))
        p.fillRect(QRectF(xc, top, w - m - xc, bar), QColor("#d1495b"))
        p.setPen(QPen(QColor("#222222"), 2))
        p.drawLine(QPointF(xc, top - 3), QPointF(xc, top + bar + 3))
        if best is not None:
            p.setPen(QPen(QColor("#222222"), 1, Qt.PenStyle.DashLine))
            xb = xpos(best)
            p.drawLine(QPointF(xb, top - 3), QPointF(xb, top + bar + 3))
        if lr is not None and lr > 0:
            x = xpos(lr)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor("#111111"))
            y = top + bar + 2
            p.drawPolygon(QPolygonF([QPointF(x, y), QPointF(x - 6, y + 10), QPointF(x + 6, y + 10)]))
        p.end()


class AnalysisPanel(QWidget):
    """See the module docstring. ``set_cursor(x, y)`` is fed by the landscape's hover (main window wiring)."""

    quadraticChanged = Signal(object)  # engine.analysis.LocalQuadratic, or None

    def __init__(self, state: AppState, compute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("analysisPanel")
        self.state, self.compute = state, compute
        self.cursor = None
        self.quadratic = None
        self.mode = QComboBox()
        self.mode.addItem(self.tr("the cursor"), CURSOR)
        self.mode.addItem(self.tr("the selected run's current step"), RUN)
        self.mode.addItem(self.tr("a known minimum"), MINIMUM)
        self.mode.setToolTip(self.tr("Where the local quadratic is taken"))
        self.minimum = QComboBox()
        self.minimum.setToolTip(self.tr("Which known minimum of this landscape"))
        self.draw = QCheckBox(self.tr("Draw the axes on the map"))
        self.draw.setChecked(True)
        self.draw.setToolTip(self.tr("The Hessian's eigen-directions through the point: steep axis red, shallow "
                                     "axis blue, and a level set of the local quadratic"))
        self.numbers = QLabel()
        self.numbers.setObjectName("analysis_numbers")
        self.numbers.setTextFormat(Qt.TextFormat.RichText)
        self.numbers.setWordWrap(True)
        self.numbers.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.scale = LrScale()
        self.scale.setToolTip(self.tr("Learning rates on a log scale: green is stable for gradient descent, red "
                                      "diverges along the steep axis; dashed: the best fixed η; triangle: the η used"))
        self.verdict = QLabel()
        self.verdict.setObjectName("analysis_verdict")
        self.verdict.setWordWrap(True)
        self.verdict.setStyleSheet("font-weight: bold;")
        form = QFormLayout()
        form.addRow(self.tr("At"), self.mode)
        form.addRow(self.tr("Minimum"), self.minimum)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.draw)
        layout.addWidget(self.numbers)
        layout.addWidget(self.scale)
        layout.addWidget(self.verdict)
        layout.addStretch(1)

        self._unwritten = None  # (quadratic, why not, settings) computed while hidden, written at the next show
        self._dock = None  # the dock holding the panel, found at the first result
        self.mode.currentIndexChanged.connect(lambda _i: self.refresh())
        self.minimum.currentIndexChanged.connect(lambda _i: self.refresh())
        self.draw.toggled.connect(lambda _on: self.quadraticChanged.emit(self._drawn()))
        state.landscapeChanged.connect(self._on_landscape)
        for signal in (state.selectionChanged, state.runsChanged, state.optimizerChanged, state.viewChanged):
            signal.connect(self.refresh)
        state.frameChanged.connect(lambda _t: self.mode.currentData() == RUN and self.refresh())
        self._on_landscape()

    # ----- inputs ----------------------------------------------------------------------------------------------------
    def set_cursor(self, x: float, y: float) -> None:
        self.cursor = (float(x), float(y))
        if self.mode.currentData() == CURSOR:
            self.refresh()

    def set_mode(self, mode: str) -> None:
        self.mode.setCurrentIndex(self.mode.findData(mode))

    def _on_landscape(self) -> None:
        self.minimum.blockSignals(True)
        self.minimum.clear()
        for x, y, _f in self.state.function.minima:
            self.minimum.addItem(f"({x:.4g}, {y:.4g})", (x, y))
        self.minimum.blockSignals(False)
        self.cursor = None
        self.refresh()

    def _point_and_settings(self):
        """(point or None, why not, settings whose η is placed on the scale)."""
        mode, settings = self.mode.currentData(), self.state.optimizer
        self.minimum.setEnabled(mode == MINIMUM)
        if mode == CURSOR:
            return self.cursor, self.tr("Move the cursor over the landscape."), settings
        if mode == MINIMUM:
            point = self.minimum.currentData()
            return point, self.tr("This landscape has no known minima."), settings
        runs = self.state.selected_runs()
        run = runs[0] if runs else None
        if run is None or run.trajectory is None:
            return None, self.tr("Select a run (click its start marker)."), settings
        x, y = run.trajectory.points[run.row_at(self.state.frame), 0]
        return (float(x), float(y)), "", run.settings

    # ----- computing -------------------------------------------------------------------------------------------------
    def refresh(self) -> None:
        point, why, settings = self._point_and_settings()
        if point is None:
            self._show(None, why, settings)
            return
        function = self.state.function
        self.compute.submit("analysis", lambda job: analysis.local_quadratic(function, point),
                            lambda q: function is self.state.function and self._show(q, "", settings),
                            lambda message: self._show(None, message, settings))

    def _drawn(self):
        return self.quadratic if self.draw.isChecked() else None

    def _show(self, q, why: str, settings) -> None:
        self.quadratic = q
        self.quadraticChanged.emit(self._drawn())  # the map's overlay follows even while the panel is hidden
        self._unwritten = (q, why, settings)
        if self._readable():  # its text only when it can be read: each new text lays the dock out again
            self._write()

    def _readable(self) -> bool:
        """On screen: shown, and its dock not a tab behind another (such a dock stays 'visible' to Qt)."""
        if self._dock is None:
            self._dock = self.parentWidget()
            while self._dock is not None and not isinstance(self._dock, QDockWidget):
                self._dock = self._dock.parentWidget()
            if self._dock is not None:
                self._dock.visibilityChanged.connect(self._on_dock_shown)
        return self.isVisible() and not self.visibleRegion().isEmpty()

    def _on_dock_shown(self, shown: bool) -> None:
        if shown and self._unwritten is not None:
            self._write()

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self._unwritten is not None:
            self._write()

    def _write(self) -> None:
        (q, why, settings), self._unwritten = self._unwritten, None
        if q is None:
            self.numbers.setText(why)
            self.scale.set_values(None, None, None)
            self.verdict.setText("")
            return
        V = q.eigenvectors
        rows = [
            (self.tr("Point"), f"({q.point[0]:.4g}, {q.point[1]:.4g})"),
            (self.tr("Hessian"), f"[[{q.hessian[0, 0]:.4g}, {q.hessian[0, 1]:.4g}], "
                                 f"[{q.hessian[1, 0]:.4g}, {q.hessian[1, 1]:.4g}]]"
                                 + ("" if q.source == analysis.EXACT else " " + self.tr("(finite differences)"))),
            ("<span style='color:#4fa3ff'>λ<sub>min</sub></span>",
             f"{q.lam_min:.4g}  " + self.tr("along ({x:.3f}, {y:.3f})").format(x=V[0, 0], y=V[1, 0])),
            ("<span style='color:#ff5a4f'>λ<sub>max</sub></span>",
             f"{q.lam_max:.4g}  " + self.tr("along ({x:.3f}, {y:.3f})").format(x=V[0, 1], y=V[1, 1])),
            (self.tr("Condition κ"), _num(q.condition)),
            ("2/λ<sub>max</sub>", _num(q.critical_lr)),
            ("2/(λ<sub>min</sub> + λ<sub>max</sub>)", _num(q.best_lr)),
        ]
        mu = settings.hyper.get("momentum", 0.9) if settings.name == "momentum" else None
        if mu is not None:
            rows.append((self.tr("with momentum μ = {mu:g}: 2(1+μ)/λ<sub>max</sub>").format(mu=mu),
                         _num(q.momentum_critical_lr(mu))))
        self.numbers.setText("<table>" + "".join(f"<tr><td>{a}&nbsp;&nbsp;</td><td>{b}</td></tr>" for a, b in rows)
                             + "</table>")
        self.scale.set_values(q.critical_lr, q.best_lr, settings.lr)
        self.verdict.setText(self.verdict_text(q, settings.lr))

    def verdict_text(self, q, lr: float) -> str:
        """The translated sentence placing ``lr`` on the scale (the engine's ``describe`` in the user's language)."""
        where, crit, best = q.placement(lr), q.critical_lr, q.best_lr
        values = dict(lr=_num(lr), crit=_num(crit), best=_num(best), rate=f"{q.rate(lr):.4g}", lam=_num(q.lam_max))
        texts = {
            analysis.NO_CURVATURE: self.tr("λ_max = {lam} ≤ 0: no axis curves up here, descent moves away along "
                                           "every axis"),
            analysis.DIVERGES: self.tr("η = {lr} > 2/λ_max = {crit}: diverges along the steep axis"),
            analysis.CRITICAL: self.tr("η = {lr} ≈ 2/λ_max = {crit}: the steep axis bounces without shrinking"),
            analysis.BEST: self.tr("η = {lr} ≈ 2/(λ_min + λ_max) = {best}: the fastest fixed step (rate {rate} a "
                                   "step)"),
            analysis.SLOW: self.tr("η = {lr} < 2/(λ_min + λ_max) = {best}: converges, slowly along the shallow "
                                   "axis (rate {rate} a step)"),
            analysis.OSCILLATES: self.tr("η = {lr} < 2/λ_max = {crit}: zig-zags along the steep axis but converges"),
            analysis.STEEP_STABLE: self.tr("η = {lr} < 2/λ_max = {crit}: stable along the steep axis"),
        }
        text = texts[where].format(**values)
        if q.lam_min < 0 and where != analysis.NO_CURVATURE:
            text += self.tr("; λ_min < 0: a saddle, it slides away along the shallow axis")
        return text


def _num(v) -> str:
    return "—" if v is None else ("∞" if math.isinf(v) else f"{v:.4g}")
