"""Local quadratic panel and overlay, hyper-parameter map dock, sweeps and the sliders for every run, in the window.

Independent truths: hand-computed Hessians (x² + 25y²: diag(2, 50); Rosenbrock), finite differences of the exact
gradient, and single descend runs with a cell's settings.
"""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from engine import functions
from engine.descent import descend
from engine.hypermaps import CONVERGED, DIVERGED
from engine.scene import FunctionLandscape
from tests.app.conftest import make_window


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    w.docks["analysis_dock"].raise_()  # the panel's tab in front: its text is written only when it can be read
    w.state.request_landscape(FunctionLandscape("ill-conditioned"))
    w.compute.wait()
    yield w
    w.compute.wait()


def settle(w, qtbot):
    w.compute.wait()
    qtbot.wait(10)
    w.compute.wait()


def test_minimum_analysis_places_eta_and_draws_the_axes(window, qtbot):
    w = window
    w.state.set_optimizer(name="gd", lr=0.042, hyper={})
    w.analysis_panel.set_mode("minimum")
    settle(w, qtbot)
    q = w.analysis_panel.quadratic
    assert q.eigenvalues == pytest.approx([2.0, 50.0])  # x² + 25y²: H = diag(2, 50)
    assert w.analysis_panel.verdict.text() == "η = 0.042 > 2/λ_max = 0.04: diverges along the steep axis"
    # the steep axis (red) is vertical through (0, 0), the shallow one horizontal, the steep one the shorter
    sx, sy = w.quadratic_overlay.steep.getData()
    hx, hy = w.quadratic_overlay.shallow.getData()
    assert np.allclose(sx, 0) and sy[0] == pytest.approx(-sy[1]) and np.allclose(hy, 0)
    assert abs(sy[1] - sy[0]) < abs(hx[1] - hx[0])
    w.analysis_panel.draw.setChecked(False)
    assert not w.quadratic_overlay.steep.isVisible()


def test_cursor_analysis_matches_finite_differences(window, qtbot):
    w = window
    w.state.request_landscape(FunctionLandscape("rosenbrock"))
    w.analysis_panel.set_mode("cursor")
    w.analysis_panel.set_cursor(-0.7, 1.3)
    settle(w, qtbot)
    q = w.analysis_panel.quadratic
    f, h = functions.get("rosenbrock"), 1e-5
    gx = lambda x, y: np.array([float(c) for c in f.gradient(x, y)])  # noqa: E731
    H = np.column_stack([(gx(-0.7 + h, 1.3) - gx(-0.7 - h, 1.3)) / (2 * h),
                         (gx(-0.7, 1.3 + h) - gx(-0.7, 1.3 - h)) / (2 * h)])
    assert q.point == (-0.7, 1.3) and np.allclose(q.hessian, H, rtol=1e-5, atol=1e-4)
    assert "λ" in w.analysis_panel.numbers.text()


def test_a_hidden_panel_writes_its_text_when_its_tab_is_raised(window, qtbot):
    """Behind another tab the panel keeps computing (the map's overlay follows) but writes no text; raising its tab
    shows the numbers of the latest point, not stale ones."""
    w = window
    w.docks["curves_dock"].raise_()
    qtbot.waitUntil(lambda: w.analysis_panel.visibleRegion().isEmpty(), timeout=2000)
    w.state.set_optimizer(name="gd", lr=0.042, hyper={})
    w.analysis_panel.set_mode("cursor")
    w.analysis_panel.set_cursor(1.0, 0.5)
    settle(w, qtbot)
    assert w.analysis_panel.quadratic.point == (1.0, 0.5)  # computed while hidden
    assert "(1, 0.5)" not in w.analysis_panel.numbers.text()  # not written
    w.docks["analysis_dock"].raise_()
    qtbot.waitUntil(lambda: "(1, 0.5)" in w.analysis_panel.numbers.text(), timeout=2000)
    # x² + 25y² has H = diag(2, 50) everywhere: 2/λmax = 0.04 < η = 0.042
    assert w.analysis_panel.verdict.text() == "η = 0.042 > 2/λ_max = 0.04: diverges along the steep axis"


def test_run_mode_follows_the_selected_runs_current_step(window, qtbot):
    w = window
    w.state.set_optimizer(name="momentum", lr=0.01, hyper={"momentum": 0.9}, steps=200)
    run = w.state.add_run((-4.0, 2.0))[0]
    settle(w, qtbot)
    w.analysis_panel.set_mode("run")
    w.state.set_frame(25)
    settle(w, qtbot)
    assert w.analysis_panel.quadratic.point == tuple(run.trajectory.points[25, 0])
    assert "2(1+μ)" in w.analysis_panel.numbers.text()


def test_hypermap_cells_equal_descend_and_a_click_runs_one(window, qtbot):
    w = window
    p = w.hypermap_panel
    w.state.set_optimizer(name="momentum", lr=0.01, hyper={"momentum": 0.9}, steps=400)
    w.state.add_run((-4.0, 2.0))
    settle(w, qtbot)
    p.lr_lo.setValue(0.001)
    p.lr_hi.setValue(0.2)
    p.lr_n.setValue(6)
    p.s_lo.setValue(0.0)
    p.s_hi.setValue(0.9)
    p.s_n.setValue(4)
    QTest.mouseClick(p.compute_button, Qt.MouseButton.LeftButton)
    settle(w, qtbot)
    r = p.result
    assert r.status.shape == (4, 6) and p.progress.value() == 100
    f = functions.get("ill-conditioned")
    codes = {"converged": CONVERGED, "diverged": DIVERGED}
    for i in range(4):
        for j in range(6):
            lr, hyper = r.cell(i, j)
            t = descend(f, (-4.0, 2.0), "momentum", lr, 400, **hyper)
            assert (codes.get(t.status[0], 2), int(t.stopped_at[0])) == (r.status[i, j], r.stopped_at[i, j])
    # a real click on the cell (row 2, column 3) starts that run
    vb = p.plot.getPlotItem().vb
    target = QPointF(math.log10(r.lrs[3]), r.second[2])
    pos = p.plot.mapFromScene(vb.mapViewToScene(target))
    before = len(w.state.runs)
    QTest.mouseClick(p.plot.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    settle(w, qtbot)
    assert len(w.state.runs) == before + 1
    new = w.state.runs[-1]
    assert new.settings.lr == pytest.approx(r.lrs[3]) and new.settings.hyper["momentum"] == pytest.approx(r.second[2])
    assert new.start == (-4.0, 2.0) and int(new.trajectory.stopped_at[0]) == r.stopped_at[2, 3]


def test_hypermap_cancel_delivers_nothing(window, qtbot):
    w = window
    p = w.hypermap_panel
    w.state.set_optimizer(name="momentum", lr=0.01, hyper={}, steps=100_000)
    w.state.add_run((-4.0, 2.0))
    settle(w, qtbot)
    p.lr_n.setValue(200)
    p.s_n.setValue(200)
    p.start()
    p.cancel()
    settle(w, qtbot)
    assert p.result is None and "Cancelled" in p.status.text()


def test_hypermap_without_a_run_says_what_to_do(window):
    window.hypermap_panel.start()
    assert "Start a run first" in window.hypermap_panel.status.text()


def test_sweep_eta_coloured_with_legend_then_sliders_for_every_run(window, qtbot):
    w = window
    s = w.sweep_panel
    w.state.set_optimizer(name="momentum", lr=0.01, hyper={"momentum": 0.5}, steps=300)
    w.state.add_run((-4.0, 2.0))
    settle(w, qtbot)
    s.param.setCurrentIndex(s.param.findData("lr"))
    s.lo.setValue(0.001)
    s.hi.setValue(0.1)
    s.count.setValue(5)
    runs = s.sweep()
    settle(w, qtbot)
    assert [r.settings.lr for r in runs] == pytest.approx([0.001, 0.00316228, 0.01, 0.0316228, 0.1], rel=1e-5)
    assert len({r.color for r in runs}) == 5 and all(r.start == (-4.0, 2.0) for r in runs)
    assert len(s.legend.items) == 5 and s.legend.isVisible()
    # μ sweep replaces the η sweep
    s.param.setCurrentIndex(s.param.findData("momentum"))
    s.lo.setValue(0.0)
    s.hi.setValue(0.9)
    s.count.setValue(4)
    runs = s.sweep()
    settle(w, qtbot)
    assert len(w.state.runs) == 5 and [r.settings.hyper["momentum"] for r in runs] == pytest.approx([0, .3, .6, .9])
    # one slider move re-runs every run with the new η, each keeping its μ
    s.apply_all.setChecked(True)
    s.lr_slider.setValue(s.lr_slider.value() + 100)  # one decade up
    settle(w, qtbot)
    lr = w.state.runs[0].settings.lr
    assert lr == pytest.approx(0.1, rel=0.02) and all(r.settings.lr == lr for r in w.state.runs)
    f = functions.get("ill-conditioned")
    for r in runs:
        t = descend(f, r.start, "momentum", lr, 300, **r.settings.hyper)
        assert r.trajectory.status == t.status and np.array_equal(r.trajectory.points, t.points)
    s.remove_button.click()
    assert len(w.state.runs) == 1 and not s.legend.isVisible()
