"""The longest GUI event-loop stall while a user works, measured with a 1 ms timer (tests/app/stall.py).

Scenarios (the core issue's targets, ≤ 50 ms each):
- click in compare mode: six optimizers × 2000 steps on Rosenbrock from one click
- drag a start handle for 2 s (a 2000-step run)
- build the default network slice; click on it; play it for 1.5 s with the run selected
Also: click → first path pixels on screen for one 500-step run (≤ 100 ms): time from the click until the run's
path has points in the landscape view and the view has been repainted.

Same-run baseline: the same window whose model computes on the GUI thread (an ``ImmediateCompute`` model, as the app
did before the compute service). Each scenario runs REPEATS times per variant; medians and maxima are printed.

Run: ``.venv/bin/python benchmarks/bench_stalls.py [--repeats N]``
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_STALL_MS, TARGET_FIRST_PIXELS_MS = 50.0, 100.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()

    from PySide6.QtCore import QPointF, Qt
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from engine import functions
    from tests.app.stall import StallProbe, idle, shown_window

    app = QApplication.instance() or QApplication([])
    settings_dir = tempfile.mkdtemp()

    def window(sync: bool):
        return shown_window(settings_dir, gui_thread_model=sync)

    def pixel(view, x, y):
        return view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))

    def compare_click(w) -> float:
        s = w.state
        s.clear_runs()
        s.set_landscape(functions.get("rosenbrock"))
        s.set_optimizer(steps=2000, lr=0.001)
        s.set_compare_mode(True)
        StallProbe.run_until(lambda: idle(w))
        with StallProbe() as probe:
            QTest.mouseClick(w.landscape.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             pixel(w.landscape, -1.5, 2.0))
            StallProbe.run_until(lambda: len(s.runs) == 6 and idle(w))
        s.set_compare_mode(False)
        return probe.longest_ms

    def drag(w) -> float:
        s, view = w.state, w.landscape
        s.set_landscape(functions.get("himmelblau"))
        s.set_optimizer(steps=2000, lr=0.001)
        s.add_run((2.0, 2.0))
        StallProbe.run_until(lambda: idle(w))
        vp = view.viewport()
        a, b = pixel(view, 2.0, 2.0), pixel(view, -2.0, 3.0)
        with StallProbe() as probe:
            QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
            t0 = time.perf_counter()
            while time.perf_counter() - t0 < 2.0:
                QTest.mouseMove(vp, a + (b - a) * min(1.0, (time.perf_counter() - t0) / 2.0))
                StallProbe.run_until(lambda: True, settle_s=0.015)
            QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
            StallProbe.run_until(lambda: idle(w))
        return probe.longest_ms

    def first_pixels(w) -> float:
        s, view = w.state, w.landscape
        s.set_landscape(functions.get("himmelblau"))
        s.set_optimizer(steps=500, lr=0.01)
        StallProbe.run_until(lambda: idle(w))
        n = len(s.runs)
        t0 = time.perf_counter()
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pixel(view, -1.0, 1.0))
        StallProbe.run_until(lambda: len(s.runs) == n + 1 and s.runs[-1].trajectory is not None, settle_s=0.0)
        s.set_frame(s.max_frame)  # the whole path is drawn
        view.viewport().repaint()
        return (time.perf_counter() - t0) * 1000.0

    def network(w) -> tuple[float, float, float]:
        with StallProbe() as building:
            w.network_panel.apply()
            StallProbe.run_until(lambda: w.state.network is not None and idle(w) and w.landscape.result is not None
                                 and not w.landscape.result.preview, 120)
        with StallProbe() as clicking:
            QTest.mouseClick(w.landscape.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             pixel(w.landscape, 0.4, -0.3))
            StallProbe.run_until(lambda: len(w.state.runs) == 1 and idle(w))
        w.state.select({w.state.runs[0].id})
        with StallProbe() as playing:
            w.playback.play()
            end = time.perf_counter() + 1.5
            StallProbe.run_until(lambda: time.perf_counter() > end, settle_s=0.0)
            w.playback.pause()
        return building.longest_ms, clicking.longest_ms, playing.longest_ms

    rows: dict[tuple[str, str], list[float]] = {}
    for _ in range(args.repeats):
        for variant, sync in (("compute service", False), ("GUI thread (baseline)", True)):
            w = window(sync)
            for name, value in (("click, compare mode (6 × 2000, Rosenbrock)", compare_click(w)),
                                ("drag a start handle for 2 s", drag(w)),
                                ("click -> first path pixels (500 steps)", first_pixels(w))):
                rows.setdefault((name, variant), []).append(value)
            w.state.clear_runs()
            b, c, p = network(w)
            for name, value in (("build the default network", b), ("click on the network slice", c),
                                ("play network mode 1.5 s", p)):
                rows.setdefault((name, variant), []).append(value)
            w.close()
            w.deleteLater()
            app.processEvents()

    print(f"{'scenario':46s} {'variant':24s} {'median ms':>10s} {'max ms':>8s}  target")
    for (name, variant), values in rows.items():
        target = TARGET_FIRST_PIXELS_MS if "first path" in name else TARGET_STALL_MS
        med = statistics.median(values)
        mark = "ok" if med <= target else "MISSED"
        print(f"{name:46s} {variant:24s} {med:10.1f} {max(values):8.1f}  ≤ {target:.0f} "
              f"{mark if variant == 'compute service' else ''}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
