"""Nothing slow runs on the GUI thread: the longest event-loop stall, measured with a 1 ms timer, stays under a
generous bound while the user clicks, drags, builds and plays (benchmarks/bench_stalls.py measures the targets)."""
from __future__ import annotations

import time

import pytest
from PySide6.QtCore import QPointF, QSettings, Qt
from PySide6.QtTest import QTest

from app.main_window import MainWindow
from engine import functions
from tests.app.stall import StallProbe, idle

# Generous: the stalls measured on a quiet machine are 110-250 ms (drawing six new 2000-point runs, or a run's new path
# on every drag step), over the 50 ms target (benchmarks/bench_stalls.py).
BOUND_MS = 350.0
# Building a network slice ends in the first show of its docks (data view, per-layer backprop blocks) and a repaint
# of the whole window: the one stall still over the target (benchmarks/bench_stalls.py); bounded, not hidden.
FIRST_NETWORK_SHOW_MS = 800.0
BUILD_TIMEOUT_S = 120.0


def slowdown() -> float:
    """How much slower than its CPU time a busy GUI thread runs on this machine right now (other processes sharing
    the cores): wall / thread CPU of a fixed pure-Python burst, median of three, at least 1. The bound is scaled by
    it, a same-run baseline, so the test measures the app and not the neighbours."""
    ratios = []
    for _ in range(3):
        wall, cpu = time.perf_counter(), time.thread_time()
        n = 0
        while time.thread_time() - cpu < 0.03:
            n += 1
        ratios.append((time.perf_counter() - wall) / max(time.thread_time() - cpu, 1e-6))
    return max(1.0, sorted(ratios)[1])


def bound_ms() -> float:
    return BOUND_MS * slowdown()


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.compute.wait(60_000)
    yield w
    w.compute.wait(60_000)


def pixel(view, x, y):
    return view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))



def build_network(w) -> None:
    w.network_panel.apply()
    StallProbe.run_until(lambda: w.state.network is not None and idle(w) and w.landscape.result is not None
                         and not w.landscape.result.preview, BUILD_TIMEOUT_S)


def test_compare_click_on_rosenbrock_does_not_stall(window):
    """Six optimizers × 2000 steps from one click: the runs are computed off the GUI thread."""
    s = window.state
    s.set_landscape(functions.get("rosenbrock"))
    s.set_optimizer(steps=2000, lr=0.001)
    s.set_compare_mode(True)
    StallProbe.run_until(lambda: idle(window))
    limit = bound_ms()
    with StallProbe() as probe:
        QTest.mouseClick(window.landscape.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pixel(window.landscape, -1.5, 2.0))
        StallProbe.run_until(lambda: len(s.runs) == 6 and idle(window))
    assert len(s.runs) == 6 and all(r.trajectory.points.shape[0] == 2001 for r in s.runs)
    assert probe.longest_ms < limit, f"GUI thread stalled {probe.longest_ms:.0f} ms (bound {limit:.0f})"


def test_dragging_a_start_handle_does_not_stall(window):
    s, view = window.state, window.landscape
    s.set_optimizer(steps=2000, lr=0.001)
    s.add_run((2.0, 2.0))
    StallProbe.run_until(lambda: idle(window))
    vp = view.viewport()
    a, b = pixel(view, 2.0, 2.0), pixel(view, -2.0, 3.0)
    limit = bound_ms()
    with StallProbe() as probe:
        QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
        t0 = time.perf_counter()
        k = 0
        while time.perf_counter() - t0 < 2.0:
            k += 1
            QTest.mouseMove(vp, a + (b - a) * min(1.0, (time.perf_counter() - t0) / 2.0))
            StallProbe.run_until(lambda: True, settle_s=0.015)
        QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
        StallProbe.run_until(lambda: idle(window))
    run = s.runs[0]
    assert k > 5 and run.trajectory.points.shape[0] == 2001  # the full run follows the preview
    assert tuple(run.trajectory.points[0, 0]) == pytest.approx(run.start)
    assert probe.longest_ms < limit, f"GUI thread stalled {probe.longest_ms:.0f} ms (bound {limit:.0f})"


def test_network_build_click_and_playback_do_not_stall(window):
    limit = bound_ms()
    with StallProbe() as building:
        build_network(window)
    with StallProbe() as clicking:
        QTest.mouseClick(window.landscape.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pixel(window.landscape, 0.4, -0.3))
        StallProbe.run_until(lambda: len(window.state.runs) == 1 and idle(window))
    run = window.state.runs[0]
    assert run.trajectory is not None and window.state.max_frame > 10
    window.state.select({run.id})
    window.playback.set_speed(60)
    with StallProbe() as playing:
        window.playback.play()
        StallProbe.run_until(lambda: False if time.perf_counter() < end else True, settle_s=0.0) \
            if (end := time.perf_counter() + 1.5) else None
        window.playback.pause()
    assert window.state.frame > 0 and window.data_view.result is not None
    scale = limit / BOUND_MS
    for name, probe, bound in (("building", building, FIRST_NETWORK_SHOW_MS * scale), ("clicking", clicking, limit),
                               ("playing", playing, limit)):
        assert probe.longest_ms < bound, f"{name}: GUI thread stalled {probe.longest_ms:.0f} ms (bound {bound:.0f})"
