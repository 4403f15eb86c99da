"""A removed run's markers are reused by the next new run: the view's scene does not grow with every click, compare
click or scene applied (items added to and removed from a pyqtgraph view leave references behind), and a reused
marker belongs wholly to its new run: its place, its colour and the run a click on it selects."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor
from PySide6.QtTest import QTest

from tests.app.conftest import make_window


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def test_new_runs_reuse_the_items_of_removed_ones(window):
    s, view = window.state, window.landscape
    handles, heads = [], []  # the items themselves, kept alive: their ids cannot be reused
    for k in range(6):
        s.clear_runs()
        for j in range(3):
            s.add_run((-3.0 + j + 0.1 * k, 2.0 - j))
        window.compute.wait()
        handles += [g.handle for g in view._runs.values()]
        heads += [g.head for g in view._runs.values()]
        assert len(view._runs) == 3
    assert len({id(h) for h in handles}) == 3 and len({id(h) for h in heads}) == 3  # the same three markers every round, not three more per round


def test_a_reused_handle_is_the_new_run_s_own(window, qtbot):
    s, view = window.state, window.landscape
    old = s.add_run((-3.0, 3.0))[0]
    window.compute.wait()
    s.remove_runs({old.id})
    new = s.add_run((2.5, -1.5))[0]
    window.compute.wait()
    g = view._runs[new.id]
    assert g.handle.run_id == new.id
    assert (g.handle.pos().x(), g.handle.pos().y()) == pytest.approx((2.5, -1.5))
    assert g.handle.brush().color() == QColor(new.color)
    assert g.head.isVisible() and g.handle.isVisible()
    # the head sits on the new run's path at the frame shown
    t = min(s.frame, int(new.trajectory.stopped_at[0]))
    x, y = new.trajectory.points[t, 0]
    assert (g.head.pos().x(), g.head.pos().y()) == pytest.approx((x, y))
    # clicking the handle selects the new run
    s.select(set())
    centre = view.mapFromScene(g.handle.mapToScene(QPointF(0, 0)))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.waitUntil(lambda: s.selected == {new.id}, timeout=2000)


def test_hidden_items_of_removed_runs_are_not_drawn_or_exported(window):
    s, view = window.state, window.landscape
    runs = s.add_run((-3.0, 3.0)) + s.add_run((3.0, 3.0))
    window.compute.wait()
    s.remove_runs({runs[0].id})
    window.compute.wait()
    shown = [item for item in view.dynamic_items() if item.isVisible()]
    kept = view._spare_runs
    assert len(kept) == 1 and not kept[0].head.isVisible() and not kept[0].handle.isVisible()
    assert kept[0].handle not in shown and kept[0].head not in shown


def test_loss_curves_are_reused_and_show_the_new_run(window):
    s, curves = window.state, window.curves
    old = s.add_run((-3.0, 3.0))[0]
    window.compute.wait()
    item = curves.loss_curves[old.id]
    s.remove_runs({old.id})
    new = s.add_run((1.0, -2.0))[0]
    window.compute.wait()
    assert curves.loss_curves[new.id] is item and item.isVisible()
    assert item.opts["pen"].color() == QColor(new.color)
    xs, ys = item.getData()
    n = int(new.trajectory.stopped_at[0]) + 1
    f = new.trajectory.values[:n, 0]
    assert s.function.name == "himmelblau"
    assert len(xs) == n and np.array_equal(xs, np.arange(n))
    if curves.log_y.isChecked():  # f − f* on a log axis, f* = 0 for Himmelblau (published); pyqtgraph gives log10
        far = f > 1e-12  # clear of the floor that keeps the log finite
        assert np.allclose(ys[far], np.log10(f[far]), atol=1e-9)
    else:
        assert np.allclose(ys, f, rtol=1e-9, atol=1e-12)
