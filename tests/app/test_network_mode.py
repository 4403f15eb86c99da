"""Network mode against independent truths: the drawn slice is the model's loss at θ(α, β), a click descends with
−η·(finite-difference slope along d1, d2), the data view shows MLP.forward at the run's current point, the backprop
inspector's ∂L/∂W1 equals central finite differences, refused settings keep the previous landscape, and the window
keeps processing events while a slice is built."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QPointF, Qt, QTimer
from PySide6.QtTest import QTest

from app.network_controller import default_source
from engine import functions
from engine import scene as scene_mod
from tests.app.conftest import let_go, unrestored_window

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = unrestored_window(qtbot, tmp_path / "settings.ini")
    yield w
    let_go(w)


def surface_done(w) -> bool:
    r = w.landscape.result
    return (not w.network_controller.busy and not w.worker.busy and r is not None and not r.preview
            and r.request.function is w.state.function)


def build_default(w, qtbot):
    w.network_panel.apply()
    qtbot.waitUntil(lambda: w.state.landscape_source.get("kind") == "network" and surface_done(w), timeout=TIMEOUT)
    return w.network_controller.current


def loss_at(build, a, b) -> float:
    return build.model.loss(build.plane.params_at(a, b), build.dataset.X, build.dataset.y)


def fd_in_plane(build, a, b, h=1e-5):
    """Central differences of model.loss along d1 and d2 (θ(α ± h, β) = θ ± h·d1)."""
    return ((loss_at(build, a + h, b) - loss_at(build, a - h, b)) / (2 * h),
            (loss_at(build, a, b + h) - loss_at(build, a, b - h)) / (2 * h))


def click(view, x, y):
    scene_pos = view.plot.vb.mapViewToScene(QPointF(x, y))
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     view.mapFromScene(scene_pos))
    view.window().compute.wait()  # the run is computed off the GUI thread


def image_centres(item, nx, ny):
    """Data coordinates of the pixel centres of an ImageItem, from its placement in the view (not from its data)."""
    rect = item.mapRectToParent(item.boundingRect())
    xs = rect.left() + (np.arange(nx) + 0.5) * rect.width() / nx
    ys = rect.top() + (np.arange(ny) + 0.5) * rect.height() / ny
    return xs, ys


def test_default_network_slice_is_drawn_with_preview_first(window, qtbot):
    shapes = []
    window.worker.ready.connect(lambda r: shapes.append((r.preview, r.colour.shape))
                                if r.request.function.title.startswith("Network") else None)
    build = build_default(window, qtbot)
    state = window.state
    src = state.landscape_source
    assert src == default_source()
    assert scene_mod.landscape_from_dict(src).to_dict() == src          # the scene schema, so scenes restore it
    assert src["layers"] == [2, 8, 8, 1] and src["slice"]["centre"] == "trained"
    # a coarse preview arrived before the full grid (64 and resolution samples across the view; equal axes widen
    # the plot on one axis, sampled with as many per unit)
    assert shapes[0][0] is True and min(shapes[0][1]) == 64
    assert shapes[-1][0] is False and min(shapes[-1][1]) == state.resolution
    img = window.landscape.image.image
    assert min(img.shape) == state.resolution and np.isfinite(img).all()
    # pixels are the model's loss at θ(α, β) of that pixel (float32 grid path: rel 1e-5)
    surf = window.landscape.result.surface
    for j, i in [(0, 0), (150, 40), (299, 299), (77, 233)]:
        assert img[j, i] == pytest.approx(loss_at(build, surf.x[i], surf.y[j]), rel=2e-5)
    assert window.docks["data_dock"].isVisible() and window.docks["backprop_dock"].isVisible()
    state.set_landscape(functions.get("rosenbrock"))                     # back to a 2D function
    assert not window.docks["data_dock"].isVisible() and not window.docks["backprop_dock"].isVisible()
    window.compute.wait()  # the views redraw in a pass of their own (ComputeService.later)
    assert window.data_view.prediction is None and window.backprop_inspector.report is None


def test_click_descends_with_finite_difference_slope(window, qtbot):
    build = build_default(window, qtbot)
    state = window.state
    click(window.landscape, 0.4, -0.3)
    assert len(state.runs) == 1
    run = state.runs[0]
    a0, b0 = run.start
    px, py = window.landscape.plot.vb.viewPixelSize()
    assert abs(a0 - 0.4) <= 2 * px and abs(b0 + 0.3) <= 2 * py
    lr = run.settings.lr
    assert run.settings.name == "gd"
    ga, gb = fd_in_plane(build, a0, b0)
    step = run.trajectory.points[1, 0] - run.trajectory.points[0, 0]
    np.testing.assert_allclose(step, [-lr * ga, -lr * gb], rtol=1e-6, atol=1e-12)
    assert run.trajectory.values[0, 0] == pytest.approx(loss_at(build, a0, b0), rel=1e-12)


def test_data_view_shows_forward_pass_at_the_current_frame(window, qtbot):
    build = build_default(window, qtbot)
    state = window.state
    state.add_run((0.6, 0.7))
    window.compute.wait()
    run = state.runs[0]
    view = window.data_view
    for t in (0, 37, 120):
        state.set_frame(t)
        point = tuple(run.trajectory.points[t, 0])
        qtbot.waitUntil(lambda: view.prediction is not None and view.result.point == point, timeout=5000)
        image = view.image.image
        ny, nx = image.shape[:2]
        xs, ys = image_centres(view.image, nx, ny)
        params = build.plane.params_at(*point)
        for j, i in [(0, 0), (10, 80), (55, 23), (99, 99)]:
            truth = build.model.forward(params, np.array([[xs[i], ys[j]]]))[0, 0]
            assert image[j, i] == pytest.approx(truth, rel=1e-9, abs=1e-12)
        assert f"iteration {t}" in view.title.text()
    # the decisions differ between the start and later iterations: the picture moves with the animation
    state.set_frame(0)
    qtbot.waitUntil(lambda: view.result.point == tuple(run.trajectory.points[0, 0]), timeout=5000)
    first = view.image.image.copy()
    state.set_frame(state.max_frame)
    qtbot.waitUntil(lambda: view.result.point == tuple(run.trajectory.points[state.max_frame, 0]), timeout=5000)
    assert not np.allclose(first, view.image.image)


def test_backprop_inspector_equals_finite_differences(window, qtbot):
    build = build_default(window, qtbot)
    state = window.state
    state.add_run((-0.5, 0.4))
    window.compute.wait()
    run = state.runs[0]
    state.set_frame(25)
    point = tuple(run.trajectory.points[25, 0])
    insp = window.backprop_inspector
    qtbot.waitUntil(lambda: insp.report is not None and insp.report.point == point, timeout=5000)
    model, X, y = build.model, build.dataset.X, build.dataset.y
    params = build.plane.params_at(*point)
    h = 1e-6

    def fd(name, index):
        plus = {k: v.copy() for k, v in params.items()}
        minus = {k: v.copy() for k, v in params.items()}
        plus[name][index] += h
        minus[name][index] -= h
        return (model.loss(plus, X, y) - model.loss(minus, X, y)) / (2 * h)

    shown_w1 = insp.blocks[1].dW_image.image
    assert shown_w1.shape == (8, 2)                                         # W1 (out, in), as in the lesson
    expected = np.array([[fd("W1", (i, j)) for j in range(2)] for i in range(8)])
    np.testing.assert_allclose(shown_w1, expected, rtol=1e-5, atol=1e-9)
    shown_b2 = insp.blocks[2].db_image.image[:, 0]
    np.testing.assert_allclose(shown_b2, [fd("b2", (j,)) for j in range(8)], rtol=1e-5, atol=1e-9)
    assert list(insp.blocks) == [3, 2, 1]                                   # output layer first
    ga, gb = insp.report.in_plane
    np.testing.assert_allclose((ga, gb), fd_in_plane(build, *point), rtol=1e-6, atol=1e-10)
    assert "δ" in insp.blocks[2].text.text() and "W<sub>3</sub>" in insp.blocks[2].text.text()
    assert insp.report.loss == pytest.approx(loss_at(build, *point), rel=1e-12)


@pytest.mark.parametrize("hidden, method, param, expected", [
    ("8, 0", "random", None, "at least 1"),
    ("65", "random", None, "at most 64"),
    ("8, x", "random", None, "whole numbers"),
    ("8, 8", "params", "W9[0,0]", "no parameter named 'W9[0,0]'"),
])
def test_bad_settings_are_refused_and_the_landscape_stays(window, qtbot, hidden, method, param, expected):
    build_default(window, qtbot)
    state, panel = window.state, window.network_panel
    before_fn, before_src = state.function, dict(state.landscape_source)
    panel.hidden.setText(hidden)
    panel.method.setCurrentIndex(panel.method.findData(method))
    if param:
        panel.param_a.setCurrentText(param)
    QTest.keyClick(panel.hidden, Qt.Key.Key_Return)                       # Enter builds
    qtbot.wait(50)
    assert expected in panel.message.text()
    assert "previous landscape stays" in panel.message.text()
    assert not window.network_controller.busy
    assert state.function is before_fn and state.landscape_source == before_src


def test_dataset_input_mismatch_is_refused(window, qtbot):
    messages = []
    window.network_controller.failed.connect(messages.append)
    source = default_source()
    source["layers"] = [1, 8, 1]
    before = window.state.function
    assert not window.network_controller.request_build(source)
    assert messages and "2 input" in messages[0] and "1 unit" in messages[0]
    assert window.state.function is before


def test_window_stays_responsive_while_building(window, qtbot):
    from app.model.landscapes import clear_network_cache

    clear_network_cache()                     # a build of the same description is cached: this one must train
    panel = window.network_panel
    window.state.set_resolution(64)           # the point is the build (200 Adam steps on 1000 points), not the grid
    panel.size.setValue(1000)
    panel.hidden.setText("32, 32")            # ~0.3 s of training with the compiled kernels: long enough to tick
    ticks = []
    timer = QTimer(window, interval=5)
    timer.timeout.connect(lambda: ticks.append(window.network_controller.busy))
    timer.start()
    panel.apply()
    assert window.network_controller.busy and panel.progress.isVisibleTo(panel)
    qtbot.waitUntil(lambda: not window.network_controller.busy, timeout=TIMEOUT)
    timer.stop()
    assert sum(ticks) >= 3, ticks                # timer events ran while the worker built and trained
    assert not panel.progress.isVisibleTo(panel)
    assert window.state.landscape_source["layers"] == [2, 32, 32, 1]
    assert window.state.landscape_source["dataset"]["n"] == 1000


def test_full_space_training_is_projected_with_its_gap(window, qtbot):
    build = build_default(window, qtbot)
    panel = window.network_panel
    panel.centre.setCurrentIndex(panel.centre.findData("init"))
    build = build_default(window, qtbot)                                   # untrained centre: training moves
    panel.training.full_steps.setValue(60)
    panel.training.train_full()
    qtbot.waitUntil(lambda: window.network_controller.projected is not None, timeout=TIMEOUT)
    path = window.network_controller.projected
    assert path.coords.shape == (61, 2)
    assert path.coords[0] == pytest.approx(build.plane.centre_coords, abs=1e-9)
    assert path.true_loss[0] == pytest.approx(loss_at(build, 0.0, 0.0), rel=1e-12)
    for k in (10, 60):
        a, b = path.coords[k]
        assert path.surface_loss[k] == pytest.approx(loss_at(build, a, b), rel=1e-9)
    xs, ys = window.network_mode.overlay.curve.getData()
    np.testing.assert_allclose(np.c_[xs, ys], path.coords)
    assert window.network_mode.overlay.curve.isVisible() and window.network_mode.overlay.ends.isVisible()
    gap = np.max(np.abs(path.true_loss - path.surface_loss))
    assert f"{gap:.4g}" in panel.training.gap_label.text()
    np.testing.assert_allclose(panel.training.true_curve.getData()[1], path.true_loss)
    window.state.set_landscape(functions.get("himmelblau"))
    assert window.network_controller.projected is None and len(window.network_mode.overlay.curve.getData()[0]) == 0
    assert not window.network_mode.overlay.curve.isVisible() and not window.network_mode.overlay.ends.isVisible()


def test_scene_network_landscape_gets_its_plane(window, qtbot):
    """A network landscape shown from elsewhere (a scene file) is rebuilt for the data view and the panel follows."""
    from app.model import build_network
    source = default_source()
    source["dataset"]["name"] = "circles"
    source["activation"] = "relu"
    landscape = scene_mod.landscape_from_dict(source)
    scene = scene_mod.Scene(landscape, scene_mod.View((-1.0, 1.0), (-1.0, 1.0)))
    window.state.apply_scene(scene)                                        # built off the GUI thread
    c = window.network_controller
    qtbot.waitUntil(lambda: c.current is not None and c.current.source == landscape.to_dict() and not c.busy,
                    timeout=TIMEOUT)
    fn = window.state.function
    assert fn is c.current.function and window.state.view == ((-1.0, 1.0), (-1.0, 1.0))
    truth = build_network(landscape)  # the engine's build of the same description (cached: the same objects)
    assert truth.plane.axis_labels == c.current.plane.axis_labels
    assert window.network_panel.dataset.currentData() == "circles"
    assert window.network_panel.activation.currentData() == "relu"
    a, b = 0.3, -0.2
    assert fn.value(np.float64(a), np.float64(b)) == pytest.approx(loss_at(c.current, a, b), rel=1e-12)


def test_pan_computes_the_field_off_the_gui_thread(window, qtbot):
    """Panning a network slice: the surface and the gradient field (batched backprop) are computed in the surface
    worker; the GUI thread evaluates the gradient only for the hover probe (one point per event-loop pass)."""
    import threading
    from dataclasses import replace

    from engine.surface import gradient_field

    window.state.set_resolution(96)  # the point is where the field is computed, not the size of the grid
    build_default(window, qtbot)
    state, view = window.state, window.landscape
    gui = threading.current_thread()
    calls = {"gui": 0, "worker": 0}
    inner = state.function.gradient

    def recorded(a, b):
        calls["gui" if threading.current_thread() is gui else "worker"] += 1
        return inner(a, b)

    fn = replace(state.function, gradient=recorded)
    state.set_landscape(fn, source=state.landscape_source, view=state.view)
    qtbot.waitUntil(lambda: surface_done(window) and view.result.field is not None, timeout=TIMEOUT)
    assert calls == {"gui": 0, "worker": calls["worker"]} and calls["worker"] >= 1
    calls.update(gui=0, worker=0)
    probes0 = view.probe_count
    # a real mouse pan: press on empty landscape, drag, release (the moves reach the hover probe too)
    vp = view.viewport()
    (x0, x1), (y0, y1) = state.view
    a = view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x0 + 0.6 * (x1 - x0), y0 + 0.5 * (y1 - y0))))
    b = view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x0 + 0.3 * (x1 - x0), y0 + 0.7 * (y1 - y0))))
    before = state.view
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for k in range(1, 11):
        QTest.mouseMove(vp, a + (b - a) * (k / 10))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    qtbot.waitUntil(lambda: state.view != before, timeout=5000)
    qtbot.waitUntil(lambda: surface_done(window) and view.result.request.view == state.view
                    and view.result.field is not None, timeout=TIMEOUT)
    (nx0, nx1), _ = state.view
    assert nx0 > x0 + 0.1 * (x1 - x0)                     # it panned (right by ~30 % of the width)
    assert calls["worker"] >= 1                            # the field of the new view, in the worker
    assert calls["gui"] == view.probe_count - probes0      # on the GUI thread: one gradient per hover probe, no more
    assert view.probe_count - probes0 <= 11
    # the arrows are the engine's field at the new view (independent call, after counting)
    X, Y, GX, GY, _ = gradient_field(fn, state.view, state.display.field_density)
    np.testing.assert_allclose(np.stack(view.result.field[:4]), np.stack([X, Y, GX, GY]), rtol=1e-12, atol=1e-15)
    tails = np.concatenate([np.asarray(i.getData()[0]).reshape(-1, 6)[:, 0] for i in view.field_items])
    assert len(tails) > 0 and tails.min() >= nx0


def test_entering_network_mode_brings_backprop_forward_before_the_data_dock_takes_its_room(window, qtbot):
    """The Backprop tab is in front of the loss curves before the data dock appears below them: the curves' two plots
    are then hidden and are not resized and repainted by the data dock's arrival (that repaint made building a network
    stall the GUI for ~50 ms); the Loss tab shows them again, at their new size."""
    from PySide6.QtCore import QEvent, QObject

    class Resizes(QObject):
        count = 0

        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Resize:
                Resizes.count += 1
            return False

    watch = Resizes()
    window.curves.installEventFilter(watch)
    build_default(window, qtbot)
    window.compute.wait()
    back, data, curves = (window.docks[n] for n in ("backprop_dock", "data_dock", "curves_dock"))
    assert data.isVisible() and back.isVisible() and not back.visibleRegion().isEmpty()
    assert curves.visibleRegion().isEmpty()  # behind the Backprop tab
    assert Resizes.count == 0
    curves.raise_()
    qtbot.waitUntil(lambda: not curves.visibleRegion().isEmpty())
    assert Resizes.count >= 1 and curves.geometry().bottom() < data.geometry().top()  # its new size: above the data
