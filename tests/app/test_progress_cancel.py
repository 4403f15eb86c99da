"""Slow work in the window is bounded, shows its progress and stops on Cancel (issue 18 item 4): a network build above
the work bound is refused in the Network panel before anything starts; below it, a build shows a status-bar progress
bar whose Cancel (or Esc) stops the engine's training within one report interval and keeps the previous landscape; a
slow surface and a basin map stop the same way and the surface shown stays."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from engine import functions, nn
from engine.nn.training import REPORT_EVERY
from tests.app.conftest import unrestored_window

TIMEOUT = 60_000


@pytest.fixture
def window(qtbot, tmp_path):
    w = unrestored_window(qtbot, tmp_path / "settings.ini")
    w.compute.wait(TIMEOUT)
    yield w
    w.state.set_landscape(functions.get("sphere"))
    w.compute.wait(TIMEOUT)


def test_a_build_above_the_work_bound_is_refused_in_the_panel_and_nothing_starts(window, qtbot):
    panel, before = window.network_panel, window.state.landscape_source
    panel.hidden.setText("64, 64, 64, 64")
    panel.size.setValue(10_000)
    submitted = []
    window.compute.busyChanged.connect(lambda lane, busy: submitted.append(lane))
    panel.apply()
    text = panel.message.text()
    # 10,000 samples × 12,737 parameters × 300² points: the samples are furthest above a lesson's 200
    assert "Not built" in text and "dataset.n (10,000)" in text and "1.2e+13" in text
    assert window.state.building is None and submitted == [] and not window.compute.busy()
    assert window.state.landscape_source == before
    panel.size.setValue(200)
    panel.hidden.setText("8, 8")
    assert window.network_controller.request_build(panel.source())  # the lesson-sized one is built
    window.compute.wait(TIMEOUT)
    assert window.state.landscape_source["kind"] == "network"


def _long_build(panel) -> dict:
    source = panel.source()
    source["slice"] = {"method": "pca", "seed": 3, "centre": "init", "options": {"steps": 100_000}}
    return source


@pytest.mark.parametrize("how", ["button", "escape"])
def test_cancel_stops_the_training_and_keeps_the_previous_landscape(window, qtbot, monkeypatch, how):
    calls = [0]
    original = nn.MLP.loss_and_flat_gradient

    def counted(self, *args):
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(nn.MLP, "loss_and_flat_gradient", counted)
    before, function = window.state.landscape_source, window.state.function
    status = window.progress_status
    assert window.network_controller.request_build(_long_build(window.network_panel))
    qtbot.waitUntil(lambda: not status.isHidden() and status.bar.value() > 0, timeout=TIMEOUT)
    assert status.current().lane == "landscape" and 0 < status.bar.value() < 1000
    assert status.label.text()  # what the build is doing
    if how == "button":
        QTest.mouseClick(status.button, Qt.MouseButton.LeftButton)
    else:
        window.activateWindow()  # a window shortcut needs the window active
        qtbot.waitUntil(window.isActiveWindow, timeout=5000)
        QTest.keyClick(window.landscape, Qt.Key.Key_Escape)
    at_cancel = calls[0]
    assert window.state.building is None and status.isHidden()
    assert window.compute.wait(TIMEOUT)
    # the engine stopped at its next report: at most one interval of steps after the cancel, far from 100,000
    assert calls[0] - at_cancel <= REPORT_EVERY + 1 and calls[0] < 50_000
    assert window.state.landscape_source == before and window.state.function is function
    assert window.state.network is None
    assert "Not built: cancelled" in window.network_panel.message.text()


def test_cancel_of_a_slow_surface_keeps_the_surface_shown(window, qtbot, monkeypatch):
    window.network_panel.apply()
    qtbot.waitUntil(lambda: window.state.network is not None, timeout=TIMEOUT)
    window.compute.wait(TIMEOUT)
    shown = window.landscape.result
    assert shown is not None and not shown.preview
    outcomes = []
    import app.surface_worker as sw
    original = sw.engine_surface.sample

    def spied(*args, **kwargs):
        try:
            surf = original(*args, **kwargs)
        except sw.engine_surface.Cancelled:
            outcomes.append("stopped")
            raise
        outcomes.append(args[2] if len(args) > 2 else kwargs.get("resolution"))
        return surf

    monkeypatch.setattr(sw.engine_surface, "sample", spied)
    window.set_resolution(900)  # 810,000 network evaluations, seconds of work, within the work bound
    status = window.progress_status
    qtbot.waitUntil(lambda: not status.isHidden() and status.current().lane == "surface", timeout=TIMEOUT)
    qtbot.waitUntil(lambda: status.bar.value() > 0, timeout=TIMEOUT)
    QTest.mouseClick(status.button, Qt.MouseButton.LeftButton)
    assert not window.worker.busy and status.isHidden()
    window.compute.wait(TIMEOUT)
    assert outcomes and outcomes[-1] == "stopped"
    assert window.landscape.result is shown  # the coarse preview of the cancelled request is replaced by it


def test_cancel_of_a_basin_map_stops_the_engine(window, qtbot):
    overlay = window.basin_overlay
    window.state.set_optimizer(lr=1e-5, steps=50_000)  # slow: far from convergence everywhere
    overlay.set_resolution(400)
    overlay.set_enabled(True)
    request = overlay.worker.latest_id
    status = window.progress_status
    qtbot.waitUntil(lambda: not status.isHidden() and status.current().lane == "basins" and status.bar.value() > 0,
                    timeout=TIMEOUT)
    assert status.label.text() == "Computing the basin map…"
    QTest.mouseClick(status.button, Qt.MouseButton.LeftButton)
    assert not overlay.worker.busy
    qtbot.waitUntil(lambda: request in overlay.worker.cancelled_ids, timeout=TIMEOUT)  # the engine loop stopped
    assert window.compute.wait(TIMEOUT)
    overlay.set_enabled(False)
