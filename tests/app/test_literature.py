"""Li et al.'s and Goodfellow et al.'s figures in the window, against numbers computed here independently: the drawn
PCA path lands on the recorded parameters within the residual the note shows, the interpolation plot's ends are the
two losses computed directly, a convexity cell holds the dense Hessian's extreme eigenvalues, and a cancelled map
leaves nothing drawn."""
from __future__ import annotations

import re

import numpy as np
import pytest

from app.network_controller import default_source
from engine import functions, nn
from engine.nn.directions import hessian
from tests.app.conftest import let_go, unrestored_window

TIMEOUT = 90_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = unrestored_window(qtbot, tmp_path / "settings.ini")
    yield w
    w.convexity_overlay.cancel()
    let_go(w)


def build(w, qtbot, layers=(2, 4, 1), method="random", centre="trained"):
    src = default_source()
    src["layers"] = list(layers)
    src["dataset"]["n"] = 60
    src["slice"] = {"method": method, "seed": 0, "centre": centre, "options": {}}
    assert w.network_controller.request_build(src)
    qtbot.waitUntil(lambda: w.network_controller.current is not None and not w.network_controller.busy
                    and w.state.landscape_source.get("slice", {}).get("method") == method, timeout=TIMEOUT)
    w.compute.wait(TIMEOUT)
    return w.network_controller.current


def test_pca_path_is_drawn_on_the_recorded_parameters_within_the_residual_shown(window, qtbot):
    b = build(window, qtbot, method="pca", centre="init")
    overlay = window.pca_path_overlay
    assert overlay.curve.isVisible() and overlay.note.isVisible()
    xs, ys = overlay.curve.getData()
    recorded, _ = nn.train(b.model, b.model.init_params(), b.dataset.X, b.dataset.y, optimizer="adam", lr=0.01,
                           steps=200)                                # the path the PCA slice trains by default
    assert len(xs) == len(recorded) == 201
    miss = np.linalg.norm(b.plane.vectors_at(xs, ys) - recorded, axis=1)
    shown = float(re.search(r"≤ ([0-9.e+-]+)", overlay.note.toPlainText()).group(1))
    assert miss.max() <= shown * (1 + 5e-3)                           # 3 significant digits on screen
    assert miss.max() > 0.5 * shown
    ev = b.plane.explained_variance
    label = window.landscape.plot.getAxis("bottom").labelText
    assert label.startswith("α: PC1") and f"{100 * ev[0]:.1f}%" in label
    label = window.landscape.plot.getAxis("left").labelText
    assert label.startswith("β: PC2") and f"{100 * ev[1]:.1f}%" in label
    window.pca_path_overlay.toggle_action.setChecked(False)
    assert not overlay.curve.isVisible()


def test_pca_path_is_hidden_on_other_slices(window, qtbot):
    build(window, qtbot)
    assert not window.pca_path_overlay.curve.isVisible() and window.literature.pca is None


def test_interpolation_plot_ends_are_the_two_losses(window, qtbot):
    b = build(window, qtbot)
    panel = window.interpolation_panel
    panel.ends.setCurrentIndex(panel.ends.findData("init_trained"))
    panel.range.setCurrentIndex(panel.range.findData("wide"))
    assert panel.request()
    window.compute.wait(TIMEOUT)
    t, loss = panel.plot.train.getData()
    assert t[0] == -0.5 and t[-1] == 1.5
    init = nn.MLP(list(b.model.layer_sizes), activation=b.model.activations, loss=b.model.loss_name,
                  seed=0).init_params()
    assert loss[list(t).index(0.0)] == pytest.approx(b.model.loss(init, b.dataset.X, b.dataset.y), rel=1e-10)
    assert loss[list(t).index(1.0)] == pytest.approx(b.model.loss(b.params, b.dataset.X, b.dataset.y), rel=1e-10)
    assert not panel.plot.test.isVisible()                            # no held-out set in these datasets
    window.network_controller.request_build({**b.source, "layers": [2, 5, 1]})   # a new slice clears the plot
    qtbot.waitUntil(lambda: window.network_controller.current is not b, timeout=TIMEOUT)
    assert panel.plot.line is None


def test_convexity_cell_holds_the_dense_hessian_eigenvalues(window, qtbot):
    b = build(window, qtbot)
    overlay = window.convexity_overlay
    overlay.set_resolution(5)
    with qtbot.waitSignal(overlay.mapChanged, timeout=TIMEOUT):
        overlay.toggle_action.setChecked(True)
    assert overlay.image.isVisible() and overlay.legend.isVisible()
    m = overlay.result.map
    (a0, a1), (b0, b1) = window.state.view
    assert m.alpha[0] == pytest.approx(a0) and m.beta[-1] == pytest.approx(b1)
    t = b.model.targets(b.dataset.y, len(b.dataset.y))
    for i, j in [(0, 0), (2, 3), (4, 1)]:
        w = np.linalg.eigvalsh(hessian(b.model, b.plane.vectors_at(m.alpha[j], m.beta[i])[0], b.dataset.X, t))
        scale = abs(w).max()
        assert abs(m.lam_min[i, j] - w[0]) <= 2e-3 * scale and abs(m.lam_max[i, j] - w[-1]) <= 1e-3 * scale
    text = overlay.describe(2, 3)
    assert f"{m.lam_max[2, 3]:.4g}" in text and "λmin" in text
    assert "5 × 5" in window.maps_panel.map_status.text()


def test_cancel_stops_the_worker_and_draws_nothing(window, qtbot):
    build(window, qtbot, layers=(2, 16, 16, 1))
    overlay = window.convexity_overlay
    overlay.set_resolution(61)
    seen = []
    overlay.progressChanged.connect(seen.append)
    overlay.set_enabled(True)
    qtbot.waitUntil(lambda: any(0 < f < 1 for f in seen), timeout=TIMEOUT)
    req = overlay.worker.latest
    assert window.maps_panel.cancel_button.isEnabled()
    status = window.progress_status                                  # the status bar shows it too, with Cancel
    qtbot.waitUntil(lambda: status.isVisible() and status.current().lane == "convexity", timeout=TIMEOUT)
    window.maps_panel.cancel_button.click()
    window.compute.wait(TIMEOUT)
    assert req.id in overlay.worker.stopped_early                    # the work saw the cancel and stopped early
    assert overlay.result is None and not overlay.image.isVisible() and not overlay.worker.busy
    assert not window.maps_panel.cancel_button.isEnabled() and not window.progress_status.isVisible()


def test_a_new_slice_drops_the_old_map_and_computes_its_own(window, qtbot):
    first = build(window, qtbot)
    overlay = window.convexity_overlay
    overlay.set_resolution(5)
    with qtbot.waitSignal(overlay.mapChanged, timeout=TIMEOUT):
        overlay.set_enabled(True)
    assert overlay.result.request.plane is first.plane
    second = build(window, qtbot, layers=(2, 3, 1))
    qtbot.waitUntil(lambda: overlay.result is not None, timeout=TIMEOUT)
    assert overlay.result.request.plane is second.plane and overlay.image.isVisible()
    window.state.set_landscape(functions.get("sphere"))                # not a network: nothing drawn, action off
    assert overlay.result is None and not overlay.image.isVisible()
    assert not overlay.toggle_action.isEnabled() and not overlay.enabled


def test_a_held_out_set_draws_the_test_curve(qtbot):
    from types import SimpleNamespace

    from app.literature import held_out
    from app.views.interpolation_plot import InterpolationPlot

    data = nn.make_dataset("moons", n=40, noise=0.1, seed=1)
    test = nn.make_dataset("moons", n=20, noise=0.1, seed=2)
    assert held_out(SimpleNamespace(dataset=data)) == (None, None)
    assert held_out(SimpleNamespace(dataset=data, test=test))[0] is test.X          # a split kept beside the data
    X, y = held_out(SimpleNamespace(dataset=SimpleNamespace(X_test=test.X, y_test=test.y)))
    model = nn.MLP([2, 3, 1], loss="bce")
    a, b = model.init_params(), nn.MLP([2, 3, 1], loss="bce", seed=4).init_params()
    line = nn.interpolate(model, a, b, data.X, data.y, 11, X_test=X, y_test=y)
    plot = InterpolationPlot()
    qtbot.addWidget(plot)
    plot.show_line(line, ("a", "b"))
    t, test_loss = plot.test.getData()
    assert plot.test.isVisible() and test_loss[-1] == pytest.approx(model.loss(b, test.X, test.y), rel=1e-12)
    assert plot.marks[0].label.format == "a" and "L(0)" in plot.caption
