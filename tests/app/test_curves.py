"""Loss and |∇f| curves: one curve per run with the trajectory's numbers; the cursor follows and sets the frame."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt

from app.model import AppState
from app.views.curves import LOG_FLOOR, CurvesView


def himmelblau(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def data(item):
    """The numbers given to setData (getData returns them after the axis' log transform)."""
    return item.xData, item.yData


@pytest.fixture
def state(qtbot):
    s = AppState()
    s.set_optimizer(lr=0.01, steps=120)
    return s


@pytest.fixture
def view(qtbot, state):
    w = CurvesView(state)
    qtbot.addWidget(w)
    w.resize(600, 400)
    return w


def test_one_curve_per_run_with_trajectory_values(state, view):
    view.log_y.setChecked(False)
    starts = [(0.0, 0.0), (-4.0, 4.0), (1.0, 1.0)]
    for s in starts:
        state.add_run(s)
    state.set_optimizer(lr=0.3)  # the last (selected) run now diverges
    assert set(view.loss_curves) == set(view.grad_curves) == {r.id for r in state.runs}
    for run, start in zip(state.runs, starts):
        n = int(run.trajectory.stopped_at[0]) + 1
        x, y = data(view.loss_curves[run.id])
        np.testing.assert_array_equal(x, np.arange(n))
        np.testing.assert_array_equal(y, run.trajectory.values[:n, 0])
        assert y[0] == pytest.approx(himmelblau(*start), rel=1e-12)  # independent: the value at the start point
        _, g = data(view.grad_curves[run.id])
        p = run.trajectory.gradients[:n, 0]
        np.testing.assert_allclose(g, np.maximum(np.hypot(p[:, 0], p[:, 1]), LOG_FLOOR))
        assert view.loss_curves[run.id].opts["pen"].color().name().lower() == run.color.lower()
    assert state.runs[-1].trajectory.status[0] == "diverged"
    assert len(view.ends[0].data) == 1  # an × where the diverged run stopped
    assert all(end.isVisible() for end in view.ends)
    state.remove_runs([state.runs[0].id])
    assert len(view.loss_curves) == 2
    assert all(item in view.loss_plot.getPlotItem().items for item in view.loss_curves.values())


def test_log_y_shows_f_minus_known_minimum_and_clips(state, view):
    state.set_landscape(__import__("engine.functions", fromlist=["get"]).get("six-hump-camel"))
    state.set_optimizer(lr=0.01, steps=300)
    run = state.add_run((1.0, 0.5))[0]
    f_star = -1.0316284534898774  # the published minimum of the six-hump camel
    assert view.log_y.isChecked()  # the default when a minimum is known
    n = int(run.trajectory.stopped_at[0]) + 1
    _, y = data(view.loss_curves[run.id])
    np.testing.assert_allclose(y, np.maximum(run.trajectory.values[:n, 0] - f_star, LOG_FLOOR), rtol=1e-12)
    assert "f*" in view.loss_plot.getPlotItem().getAxis("left").labelText
    view.log_y.setChecked(False)
    _, y = data(view.loss_curves[run.id])
    np.testing.assert_array_equal(y, run.trajectory.values[:n, 0])
    assert view.loss_plot.getPlotItem().getAxis("left").labelText == "f"


def test_cursor_follows_frame_and_dragging_it_scrubs(state, view):
    state.set_optimizer(lr=0.002)  # slow enough that the run is still moving at t = 80
    state.add_run((0.0, 0.0))
    state.set_frame(37)
    assert [c.value() for c in view.cursors] == [37, 37]
    view.cursors[1].setValue(80.4)  # what a drag does
    assert state.frame == 80
    assert [c.value() for c in view.cursors] == [80, 80]


def test_clicking_a_plot_scrubs(qtbot, state, view):
    state.add_run((0.0, 0.0))
    view.show()
    qtbot.waitExposed(view)
    plot = view.grad_plot
    plot.getPlotItem().vb.setXRange(0, 120, padding=0)
    y = np.mean(plot.getPlotItem().vb.viewRange()[1])
    scene_pos = plot.getPlotItem().vb.mapViewToScene(QPointF(60, y))
    qtbot.mouseClick(plot.viewport(), Qt.LeftButton, pos=plot.mapFromScene(scene_pos))
    assert abs(state.frame - 60) <= 1


def test_static_layers_are_cached_and_the_cursor_leaves_the_range_alone(qtbot, state, view):
    """Axes and curves are kept as pixmaps (only the cursor moves per frame); a cached plot still redraws when the
    runs change, and moving the cursor neither changes the view range nor marks it for re-computation."""
    from PySide6.QtWidgets import QGraphicsItem

    cached = QGraphicsItem.CacheMode.DeviceCoordinateCache
    view.log_y.setChecked(False)
    view.show()
    qtbot.waitExposed(view)
    state.add_run((0.0, 0.0))
    assert not any(end.isVisible() for end in view.ends)  # nothing diverged: the × markers are not painted
    for plot in (view.loss_plot, view.grad_plot):
        assert all(a["item"].cacheMode() == cached for a in plot.getPlotItem().axes.values())
    assert all(c.curve.cacheMode() == cached for c in [*view.loss_curves.values(), *view.grad_curves.values()])
    view.loss_plot.grab()  # the first paint settles the auto-range
    before = view.loss_plot.grab().toImage()
    ranges = [p.getPlotItem().vb.viewRange() for p in (view.loss_plot, view.grad_plot)]
    vb = view.loss_plot.getPlotItem().vb
    recomputed = []
    update_auto_range = vb.updateAutoRange
    vb.updateAutoRange = lambda: (recomputed.append(1), update_auto_range())
    for frame in (5, 40, 90):
        state.set_frame(frame)
        view.loss_plot.grab()
    assert recomputed == []
    assert [p.getPlotItem().vb.viewRange() for p in (view.loss_plot, view.grad_plot)] == ranges
    state.set_frame(0)
    state.add_run((4.0, 4.0))  # f(4, 4) = 250 is above f(0, 0) = 170: the y range must grow, the picture change
    view.loss_plot.grab()
    assert vb.viewRange()[1][1] > ranges[0][1][1]
    assert view.loss_plot.grab().toImage() != before
    # the axis titles are cached too, and a new title shows (the loss axis says f − f* on a log scale)
    labels = [a["item"].label for p in (view.loss_plot, view.grad_plot) for a in p.getPlotItem().axes.values()]
    assert all(label.cacheMode() == cached for label in labels)
    view.log_y.setChecked(True)
    shown = view.loss_plot.grab().toImage()
    for label in labels:
        label.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    assert view.loss_plot.grab().toImage() == shown


def test_a_dragged_start_keeps_the_whole_run_until_the_mouse_rests(state, view):
    """While a start is dragged the model computes short previews; the curves keep the last whole run (a preview would
    re-range every axis on each mouse move) and show the new whole run once it arrives."""
    view.log_y.setChecked(False)
    state.set_optimizer(lr=0.0002, steps=1000)  # slow enough to run all its steps, longer than a preview
    state.add_run((1.0, 1.0))
    run = state.runs[0]
    before = data(view.loss_curves[run.id])[1].copy()
    assert len(before) == 1001 and before[0] == pytest.approx(himmelblau(1.0, 1.0), rel=1e-12)
    state.move_run(run.id, (-3.0, 3.0), preview=True)
    assert run.preview and run.trajectory.values.shape[0] < 1001  # the model holds the short preview...
    np.testing.assert_array_equal(data(view.loss_curves[run.id])[1], before)  # ...the curves the whole old run
    state.move_run(run.id, (-3.0, 3.0))
    assert not run.preview
    y = data(view.loss_curves[run.id])[1]
    assert len(y) == int(run.trajectory.stopped_at[0]) + 1
    assert y[0] == pytest.approx(himmelblau(-3.0, 3.0), rel=1e-12)
