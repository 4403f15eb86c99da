"""A compare click paints each curves plot at most once per event-loop pass: ranges, transforms and layout are settled
before the paint (app.views.axis_style.settle_range), and the axes, the loss curves and the |∇f| curves each come in
a pass of their own. Each repaint cost 6–17 ms; there were up to four in one pass."""
from __future__ import annotations

from collections import Counter

import numpy as np
from PySide6.QtCore import QEvent, QObject, QPointF, Qt, QTimer
from PySide6.QtTest import QTest

from engine import functions
from tests.app.conftest import make_window


class PaintCounter(QObject):
    """Counts the paints of named widgets per event-loop pass (a 0 ms timer ticks once per pass)."""

    def __init__(self, widgets: dict) -> None:
        super().__init__()
        self.counts: Counter = Counter()  # (plot name, pass) -> paints
        self.names = {w: name for name, w in widgets.items()}
        for w in widgets.values():
            w.installEventFilter(self)
        self.passes = 0
        self.timer = QTimer(self)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._tick)
        self.timer.start()

    def _tick(self) -> None:
        self.passes += 1

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.Paint and obj in self.names:
            self.counts[self.names[obj], self.passes] += 1
        return False


def _click(window, x, y):
    view = window.landscape
    pos = view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, pos)


def test_a_compare_click_paints_each_curves_plot_once_per_pass(qtbot, tmp_path):
    window = make_window(qtbot, tmp_path / "settings.ini")
    state, curves = window.state, window.curves
    state.set_landscape(functions.get("rosenbrock"))
    state.set_optimizer(steps=2000, lr=0.001)
    state.set_compare_mode(True)
    qtbot.waitUntil(lambda: not window.compute.busy())
    qtbot.wait(100)
    counter = PaintCounter({"loss": curves.loss_plot.viewport(), "grad": curves.grad_plot.viewport()})
    _click(window, -1.5, 2.0)  # the window's first runs: six of them
    qtbot.waitUntil(lambda: len(state.runs) == 6 and not window.compute.busy(), timeout=20_000)
    qtbot.wait(100)
    counter.timer.stop()
    painted = {name for name, _ in counter.counts}
    assert painted == {"loss", "grad"}
    assert max(counter.counts.values()) == 1, dict(counter.counts)  # no plot painted twice in one pass
    # and what was painted is each run's own |∇f|: its curve against central differences of f at its points
    f, h = functions.get("rosenbrock"), 1e-6
    for run in state.runs:
        n = int(run.trajectory.stopped_at[0]) + 1
        x, y = run.trajectory.points[:n, 0, 0], run.trajectory.points[:n, 0, 1]
        gx = (f.value(x + h, y) - f.value(x - h, y)) / (2 * h)
        gy = (f.value(x, y + h) - f.value(x, y - h)) / (2 * h)
        _, log_g = curves.grad_curves[run.id].getData()  # the plot's log axis: log10 |∇f|
        np.testing.assert_allclose(10.0 ** log_g, np.hypot(gx, gy), rtol=1e-4, atol=1e-6)
