"""The Network panel's training settings and the data a user brings, in the window: a bad CSV is refused in one line
and the landscape stays, a good one is trained on, the settings reach the scene and come back from it, and runs on a
mini-batch slice draw their test and mini-batch losses (equal to the model's loss computed here)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from engine import functions
from engine.nn import MiniBatches
from tests.app.conftest import let_go, unrestored_window

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = unrestored_window(qtbot, tmp_path / "settings.ini")
    yield w
    let_go(w)


def build(w, qtbot):
    w.network_panel.apply()
    qtbot.waitUntil(lambda: w.state.landscape_source.get("kind") == "network" and not w.network_controller.busy,
                    timeout=TIMEOUT)
    w.compute.wait(TIMEOUT)
    return w.network_controller.current


def small(panel, steps=100):
    panel.size.setValue(60)
    panel.hidden.setText("4")
    panel.extras.steps.setValue(steps)


def test_a_bad_csv_is_refused_in_one_line_and_the_landscape_stays(window, qtbot, tmp_path):
    panel = window.network_panel
    small(panel)
    before = build(window, qtbot)
    source = window.state.landscape_source
    bad = tmp_path / "bad.csv"
    bad.write_text("x,y,label\n1,2,0\n3,oops,1\n", encoding="utf-8")
    assert panel.extras.open_csv(str(bad)) is False
    window.compute.wait(TIMEOUT)
    text = panel.message.text()
    assert "line 3" in text and "column 2 (y)" in text and "oops" in text and "\n" not in text
    assert window.state.landscape_source == source and window.network_controller.current is before
    assert panel.dataset.findData("csv") < 0     # nothing half-made is left in the list


def test_a_good_csv_is_trained_on(window, qtbot, tmp_path):
    panel = window.network_panel
    small(panel)
    rng = np.random.default_rng(1)
    pts = rng.uniform(-1, 1, size=(40, 2))
    labels = np.where(pts[:, 0] + pts[:, 1] > 0, 5, 7)          # renumbered 0 and 1 by the reader
    path = tmp_path / "mine.csv"
    path.write_text("\n".join(f"{a},{b},{c}" for (a, b), c in zip(pts, labels)), encoding="utf-8")
    assert panel.extras.open_csv(str(path)) is True
    qtbot.waitUntil(lambda: window.network_controller.current is not None
                    and window.network_controller.current.dataset.name == "mine.csv"
                    and not window.network_controller.busy, timeout=TIMEOUT)
    built = window.network_controller.current
    np.testing.assert_array_equal(built.dataset.X, pts)
    np.testing.assert_array_equal(built.dataset.y, (labels == 7).astype(float))
    assert not panel.size.isEnabled()
    scene = window.state.to_scene().to_dict()["landscape"]
    assert scene["dataset"]["name"] == "csv" and scene["dataset"]["file"] == "mine.csv"
    assert len(scene["dataset"]["points"]) == 40


def test_settings_reach_the_scene_and_come_back(window, qtbot):
    panel, extras = window.network_panel, window.network_panel.extras
    small(panel)
    extras.optimizer.setCurrentIndex(extras.optimizer.findData("momentum"))
    extras.lr.setValue(0.05)
    extras.batch.setValue(16)
    extras.l2.setValue(0.01)
    extras.test.setValue(0.25)
    extras.run_batch.setValue(8)
    built = build(window, qtbot)
    land = window.state.landscape
    assert (land.training.optimizer, land.training.lr, land.training.steps, land.training.batch_size) == \
        ("momentum", 0.05, 100, 16)
    assert land.l2 == 0.01 and land.dataset.test_fraction == 0.25 and land.slice.batch_size == 8
    assert (len(built.dataset), len(built.test)) == (45, 15)
    assert "test loss" in panel.message.text() and "accuracy" in panel.message.text()
    source = window.state.landscape_source
    for box in (extras.batch, extras.run_batch):
        box.setValue(0)
    extras.l2.setValue(0)
    panel.show_source(source)
    assert (extras.batch.value(), extras.run_batch.value(), extras.l2.value()) == (16, 8, 0.01)
    assert extras.optimizer.currentData() == "momentum"


def test_mini_batch_runs_draw_their_test_and_batch_losses(window, qtbot):
    panel = window.network_panel
    small(panel)
    panel.extras.test.setValue(0.2)
    panel.extras.run_batch.setValue(6)
    built = build(window, qtbot)
    window.state.set_optimizer(name="gd", lr=0.2, steps=40)
    window.state.add_run((0.3, -0.2))
    window.compute.wait(TIMEOUT)
    qtbot.waitUntil(lambda: bool(window.curves.extra_data), timeout=TIMEOUT)
    window.compute.wait(TIMEOUT)
    run = window.state.runs[0]
    data = window.curves.extra_data[run.id]
    a, b = run.trajectory.points[7, 0]
    params = built.plane.params_at(a, b)
    assert data["test"][7] == pytest.approx(built.model.loss(params, built.test.X, built.test.y), rel=1e-10)
    rows = MiniBatches(len(built.dataset), 6, seed=0).indices(7)
    assert data["batch"][7] == pytest.approx(
        built.model.loss(params, built.dataset.X[rows], built.dataset.y[rows]), rel=1e-10)
    assert {kind for _, kind in window.curves.extra_curves} == {"test", "batch"}
    # the recorded gradients are mini-batch gradients: they differ from the full in-plane gradient
    full = np.array(built.plane.gradients(np.float64(a), np.float64(b)))
    assert np.abs(run.trajectory.gradients[7, 0] - full).max() > 1e-4


def test_sklearn_entries_are_listed_and_say_when_sklearn_is_missing(window, monkeypatch):
    from app.panels import network_panel, network_training
    combo = window.network_panel.dataset
    assert combo.findData("iris") >= 0
    assert combo.model().item(combo.findData("iris")).isEnabled() == network_training.sklearn_data.installed()
    monkeypatch.setattr(network_training.sklearn_data, "installed", lambda: False)
    other = network_panel.NetworkPanel(window.state, window.network_controller)
    i = other.dataset.findData("iris")
    assert not other.dataset.model().item(i).isEnabled() and "needs scikit-learn" in other.dataset.itemText(i)
    other.deleteLater()


def test_a_build_beyond_the_work_bound_is_refused_before_it_starts(window, qtbot):
    panel = window.network_panel
    source = window.state.landscape_source
    panel.size.setValue(10_000)
    panel.hidden.setText("64, 64")
    panel.extras.steps.setValue(100_000)
    panel.apply()
    assert not window.network_controller.busy
    text = panel.message.text()
    assert "operations" in text and "lower" in text and "The previous landscape stays" in text
    assert window.state.landscape_source == source


def test_a_pca_slice_trains_its_path_with_the_training_settings(window):
    panel, extras = window.network_panel, window.network_panel.extras
    panel.method.setCurrentIndex(panel.method.findData("pca"))
    extras.optimizer.setCurrentIndex(extras.optimizer.findData("rmsprop"))
    extras.lr.setValue(0.02)
    extras.steps.setValue(300)
    assert panel.source()["slice"]["options"] == {"optimizer": "rmsprop", "lr": 0.02, "steps": 300}
    extras.steps.setValue(50)
    panel.show_source(dict(panel.source(), slice=dict(panel.source()["slice"], options={"steps": 120})))
    assert extras.steps.value() == 120


def test_the_data_view_draws_held_out_points_as_rings(window, qtbot):
    panel = window.network_panel
    small(panel)
    panel.extras.test.setValue(0.25)
    built = build(window, qtbot)
    view = window.data_view
    qtbot.waitUntil(lambda: view.result is not None and view.result.build is built, timeout=TIMEOUT)
    assert view.test_points.isVisible()
    xs, ys = view.test_points.getData()
    np.testing.assert_array_equal(np.c_[xs, ys], built.test.X)            # every held-out point, and only those
    xs, ys = view.points.getData()
    np.testing.assert_array_equal(np.c_[xs, ys], built.dataset.X)
    assert len(built.test.X) + len(built.dataset.X) == 60
    assert all(spot.brush().style() == Qt.BrushStyle.NoBrush for spot in view.test_points.points())  # rings
    panel.extras.test.setValue(0.0)
    build(window, qtbot)
    qtbot.waitUntil(lambda: view.result is not None and view.result.build is window.network_controller.current,
                    timeout=TIMEOUT)
    assert not view.test_points.isVisible()


def test_a_slice_names_its_coordinates_and_loss_in_the_run_table_and_readout(window, qtbot):
    """On a network's slice the table and the hover readout say α, β and L (the lesson's names), not x, y and f."""
    from app.views.landscape import HoverInfo

    headers = lambda: [window.run_list.table.model().headerData(c, Qt.Orientation.Horizontal)  # noqa: E731
                       for c in (5, 6)]
    assert headers() == ["f", "|∇f|"]
    small(window.network_panel)
    build(window, qtbot)
    assert headers() == ["L", "|∇L|"]
    info = HoverInfo(0.25, -0.5, 1.5, 3.0, 4.0)                      # |∇L| = 5 (a 3-4-5 triangle)
    text = window.hover_text(info)
    assert text.startswith("α = 0.25, β = -0.5") and "L = 1.5" in text and "|∇L| = 5" in text and " f = " not in text
    window.state.set_landscape(functions.get("himmelblau"))
    assert headers() == ["f", "|∇f|"] and window.hover_text(info).startswith("x = 0.25, y = -0.5")
