"""The Slices view, the directional-derivative probe, their map overlay and the chain-rule panel, against Himmelblau's
partial derivatives written out by hand (they differ, so a swapped axis or a wrong sign fails)."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest

from tests.app.conftest import make_window


def f(x, y):
    return (x * x + y - 11) ** 2 + (x + y * y - 7) ** 2


def grad(x, y):
    return (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7), 2 * (x * x + y - 11) + 4 * y * (x + y * y - 7))


@pytest.fixture
def window(qtbot, tmp_path):
    w = make_window(qtbot, tmp_path / "settings.ini")
    for name in ("slices_dock", "probe_dock"):
        w.docks[name].show()
    qtbot.wait(50)
    return w


def settle(window, qtbot):
    """Let the tools redraw: they refresh one per event-loop pass (ComputeService.later), then compute."""
    window.compute.wait()


def hover(window, qtbot, x, y):
    view = window.landscape
    pos = view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))
    QTest.mouseMove(view.viewport(), pos)
    qtbot.waitUntil(lambda: view.hover is not None and abs(view.hover.x - x) < 0.1 and abs(view.hover.y - y) < 0.1)
    settle(window, qtbot)
    return window.calculus_focus.point


def slope_of(item):
    xs, ys = item.getData()
    return (ys[-1] - ys[0]) / (xs[-1] - xs[0])


def test_slices_follow_the_cursor_with_the_partials_as_tangent_slopes(window, qtbot):
    x, y = hover(window, qtbot, 1.3, -0.8)
    gx, gy = grad(x, y)
    s = window.slices_view
    assert s.numbers.slices.x0 == x and s.numbers.slices.y0 == y
    assert slope_of(s.x_plot.tangent) == pytest.approx(gx, rel=1e-9)  # the x slice's tangent has slope ∂f/∂x
    assert slope_of(s.y_plot.tangent) == pytest.approx(gy, rel=1e-9)
    cx, cy = s.x_plot.curve.getData()
    np.testing.assert_allclose(cy, f(cx, y), rtol=1e-12)  # the x slice is f(x, y₀)
    cx, cy = s.y_plot.curve.getData()
    np.testing.assert_allclose(cy, f(x, cx), rtol=1e-12)  # the y slice is f(x₀, y)
    assert f"{gx:.4g}" in s.readout.text() and f"{gy:.4g}" in s.readout.text()


def test_the_secant_turns_into_the_tangent_as_h_shrinks(window, qtbot):
    x, y = hover(window, qtbot, -2.0, 1.5)
    s = window.slices_view
    window.calculus_focus.pin(x, y)
    settle(window, qtbot)
    errors = []
    for value in (s.slider.maximum(), s.slider.maximum() // 2, 0):
        s.slider.setValue(value)
        window.compute.wait()
        h = window.calculus_focus.h
        secant = (f(x + h, y) - f(x, y)) / h
        assert slope_of(s.x_plot.secant) == pytest.approx(secant, rel=1e-9)
        assert slope_of(s.y_plot.secant) == pytest.approx((f(x, y + h) - f(x, y)) / h, rel=1e-9)
        errors.append(abs(secant - grad(x, y)[0]))
    assert errors[0] > errors[1] > errors[2] and errors[2] < 0.05


def test_pinned_point_stays_while_the_cursor_moves(window, qtbot):
    x, y = hover(window, qtbot, 0.5, 0.5)
    window.slices_view.pin.setChecked(True)
    view = window.landscape
    QTest.mouseMove(view.viewport(), view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(-3.0, -3.0))))
    qtbot.waitUntil(lambda: view.hover is not None and view.hover.x < -2)
    assert window.calculus_focus.point == (x, y) and window.calculus_focus.pinned
    window.slices_view.pin.setChecked(False)
    assert not window.calculus_focus.pinned


def test_component_arrows_on_the_map_add_up_to_the_gradient(window, qtbot):
    window.calculus_focus.pin(1.0, 2.0)
    gx, gy = grad(1.0, 2.0)  # (−36, −32)
    items = window.calculus_overlay.items
    assert all(items[n].isVisible() for n in ("x", "y", "grad", "u"))
    ax, ay = items["x"].getData()
    bx, by = items["y"].getData()
    cx, cy = items["grad"].getData()
    assert (ax[0], ay[0]) == (1.0, 2.0) and ay[1] == 2.0  # (∂f/∂x, 0): horizontal, from the point
    assert (bx[0], by[0]) == pytest.approx((ax[1], ay[1])) and bx[1] == pytest.approx(bx[0])  # (0, ∂f/∂y) from its tip
    assert (cx[1], cy[1]) == pytest.approx((bx[1], by[1]))  # ∇f ends where the two components end
    k = (ax[1] - ax[0]) / gx
    assert k > 0 and (by[1] - by[0]) / gy == pytest.approx(k)  # one scale for both, signs kept
    window.docks["slices_dock"].hide()
    window.docks["probe_dock"].hide()
    qtbot.wait(10)
    assert not any(i.isVisible() for i in items.values())


@pytest.mark.parametrize("degrees", [0.0, 90.0, 200.0])
def test_probe_reads_the_directional_derivative(window, qtbot, degrees):
    window.calculus_focus.pin(1.0, 2.0)
    window.calculus_focus.set_degrees(degrees)
    settle(window, qtbot)
    gx, gy = grad(1.0, 2.0)
    expected = gx * math.cos(math.radians(degrees)) + gy * math.sin(math.radians(degrees))
    p = window.direction_probe.numbers.probe
    assert p.slope == pytest.approx(expected)
    assert f"D_u f = ∇f·u = {expected:.4g}" in window.direction_probe.readout.text()
    assert window.direction_probe.dial.value() == window.direction_probe._dial_of(degrees)
    # the polar plot's rising lobe reaches furthest along ∇f, at |∇f|
    xs, ys = window.direction_probe.rise.getData()
    r = np.hypot(xs, ys)
    i = np.nanargmax(r)
    assert r[i] == pytest.approx(math.hypot(gx, gy), rel=1e-3)
    assert math.degrees(math.atan2(ys[i], xs[i])) == pytest.approx(math.degrees(math.atan2(gy, gx)), abs=1.1)


def test_dial_turns_u_counter_clockwise_from_x(window, qtbot):
    probe = window.direction_probe
    probe.dial.setValue(probe._dial_of(90.0))
    assert window.calculus_focus.degrees == pytest.approx(90.0)
    probe.sweep.setChecked(True)
    qtbot.waitUntil(lambda: window.calculus_focus.degrees > 91.0, timeout=2000)
    probe.sweep.setChecked(False)


def test_chain_panel_steps_to_the_derivative(window, qtbot):
    panel = window.chain_panel
    panel.set_formula("x*sin(x)", 0.7)
    window.compute.wait()
    g = panel.graph
    assert g is not None and panel.step == 0 and "h(0.7) = " in panel.status.text()
    while panel.next.isEnabled():
        QTest.mouseClick(panel.next, Qt.MouseButton.LeftButton)
    expected = math.sin(0.7) + 0.7 * math.cos(0.7)
    assert panel.step == len(g.steps) and f"dh/dx = {expected:.6g}" in panel.status.text()
    assert "agree" in panel.status.text()
    QTest.mouseClick(panel.back, Qt.MouseButton.LeftButton)
    assert panel.step == len(g.steps) - 1
    panel.edit.setText("sin(x*y)")
    panel.rebuild()
    window.compute.wait()
    assert panel.graph is None and "x alone" in panel.status.text() and not panel.next.isEnabled()
