"""Recomputing a 400 × 400 surface with contours after a zoom, off the GUI thread.

- worker:   request -> ``ready`` signal in the GUI thread, via :class:`app.surface_worker.SurfaceWorker`
            (sampling f, colour transform, contour levels and lines), for a sequence of zoomed views
- baseline: the same :func:`app.surface_worker.compute` called synchronously in this thread (the work itself)
- GUI stall: the longest gap between ticks of a 5 ms QTimer while the worker computes (how long the event loop was
            blocked; the GIL is shared, so NumPy's pure-Python stretches still take turns with the GUI)
- network pan: the default network slice (app.model.default_network) in a LandscapeView with the gradient
            field on, panned 8 times through ``AppState.set_view``: the time the set_view call blocks the GUI thread,
            the longest ticker gap until the panned surface + field is on screen, and how many gradient evaluations
            ran on the GUI thread. ``--gui-field`` adds the old behaviour (the field computed on the GUI thread on
            every view change, as LandscapeView._update_field did) as the same-run baseline.

Run: ``.venv/bin/python benchmarks/bench_surface_recompute.py``
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

TARGET_MS = 150.0
RESOLUTION = 400
CONTOURS = 20


def zoomed_views(view, n):
    (x0, x1), (y0, y1) = view
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    out = []
    for k in range(n):
        s = 0.9 ** (k % 12 + 1)  # zoom in step by step, as a wheel does, around a point off centre
        hx, hy = (x1 - x0) / 2 * s, (y1 - y0) / 2 * s
        ox, oy = 0.1 * hx * (k % 3), -0.1 * hy * (k % 2)
        out.append(((cx + ox - hx, cx + ox + hx), (cy + oy - hy, cy + oy + hy)))
    return out


def main() -> None:
    from PySide6.QtCore import QElapsedTimer, QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.surface_worker import SurfaceRequest, SurfaceWorker, compute
    from engine import functions

    app = QApplication.instance() or QApplication([])
    worker = SurfaceWorker()
    print(f"{RESOLUTION}×{RESOLUTION} grid, {CONTOURS} contour levels")
    for name in ("himmelblau", "rosenbrock", "rastrigin"):
        fn = functions.get(name)
        views = zoomed_views(fn.view, 15)
        sync = []
        for v in views:
            t0 = time.perf_counter()
            compute(SurfaceRequest(fn, v, RESOLUTION, fn.log_scale, CONTOURS))
            sync.append(time.perf_counter() - t0)

        latencies, stalls = [], []
        clock = QElapsedTimer()
        gaps = []
        ticker = QTimer()
        ticker.setInterval(5)
        ticker.timeout.connect(lambda: gaps.append(clock.restart()))
        for v in views:
            loop = QEventLoop()
            got = []
            worker.ready.connect(loop.quit)
            worker.ready.connect(got.append)
            gaps.clear()
            clock.start()
            ticker.start()
            worker.request(fn, v, RESOLUTION, fn.log_scale, CONTOURS)
            QTimer.singleShot(10_000, loop.quit)
            loop.exec()
            ticker.stop()
            worker.ready.disconnect(loop.quit)
            worker.ready.disconnect(got.append)
            assert got and got[0].request.view == v, "no result"
            latencies.append(worker.last_latency)
            stalls.append(max(gaps, default=0))
        lat = statistics.median(latencies) * 1e3
        base = statistics.median(sync) * 1e3
        print(f"{name:<11} worker request->result median {lat:7.1f} ms (target {TARGET_MS:.0f})   "
              f"baseline synchronous compute median {base:7.1f} ms   ratio {lat / base:4.2f}   "
              f"longest GUI stall median {statistics.median(stalls):5.1f} ms")

    # newest request wins: fire 10 zooms back to back; only the last one is delivered
    fn = functions.get("himmelblau")
    delivered = []
    worker.ready.connect(delivered.append)
    views = zoomed_views(fn.view, 10)
    t0 = time.perf_counter()
    for v in views:
        worker.request(fn, v, RESOLUTION, False, CONTOURS)
    while not delivered and time.perf_counter() - t0 < 10:
        app.processEvents()
        time.sleep(0.001)
    worker.wait()
    app.processEvents()
    print(f"burst of 10 requests: {len(delivered)} delivered (the newest: {delivered[-1].request.view == views[-1]}), "
          f"{(time.perf_counter() - t0) * 1e3:.0f} ms until it arrived")


def panned_views(view, n):
    (x0, x1), (y0, y1) = view
    w, h = x1 - x0, y1 - y0
    return [((x0 + 0.04 * w * (k + 1), x1 + 0.04 * w * (k + 1)), (y0 - 0.03 * h * (k % 4), y1 - 0.03 * h * (k % 4)))
            for k in range(n)]


def network_pan(gui_field: bool, n_pans: int = 8) -> dict:
    """Pan the default network slice ``n_pans`` times; medians of the GUI-thread stall per pan (see module doc)."""
    import threading
    from dataclasses import replace

    from PySide6.QtCore import QElapsedTimer, QEventLoop, Qt, QTimer

    from app.model import AppState, build_network, default_network
    from app.surface_worker import SurfaceWorker
    from app.views.landscape import LandscapeView
    from engine import surface as engine_surface

    built = build_network(default_network())
    gui = threading.current_thread()
    gui_calls = [0]
    inner = built.function.gradient

    def gradient(a, b):
        if threading.current_thread() is gui:
            gui_calls[0] += 1
        return inner(a, b)

    fn = replace(built.function, gradient=gradient)
    state = AppState()
    worker = SurfaceWorker()
    view = LandscapeView(state, worker)
    view.resize(800, 600)
    view.show()
    if gui_field:  # the old behaviour, for a same-run baseline: the field on the GUI thread per view change
        state.viewChanged.connect(
            lambda: engine_surface.gradient_field(state.function, state.view, state.display.field_density))

    def wait_shown(v):
        loop = QEventLoop()
        done = lambda r: (not r.preview and r.request.view == v and r.request.function is fn) and loop.quit()  # noqa
        worker.ready.connect(done)
        QTimer.singleShot(60_000, loop.quit)
        if not (view.result is not None and not view.result.preview and view.result.request.view == v
                and view.result.request.function is fn):
            loop.exec()
        worker.ready.disconnect(done)

    state.set_landscape(fn, built.landscape, network=built)  # a network slice: a coarse preview first
    wait_shown(state.view)
    clock = QElapsedTimer()
    gaps, calls_ms, stalls, latencies = [], [], [], []
    ticker = QTimer()
    ticker.setInterval(5)
    ticker.timeout.connect(lambda: gaps.append(clock.restart()))
    gui_calls[0] = 0
    for v in panned_views(state.view, n_pans):
        gaps.clear()
        clock.start()
        ticker.start()
        t0 = time.perf_counter()
        state.set_view(v)
        gaps.append(clock.restart())  # the set_view call itself counts as one gap
        calls_ms.append((time.perf_counter() - t0) * 1e3)
        wait_shown(v)
        latencies.append((time.perf_counter() - t0) * 1e3)
        ticker.stop()
        stalls.append(max(gaps))
    pan_calls = gui_calls[0]
    # hover: the cost of one probe (value + one backprop) and how many a burst of 20 queued mouse moves costs
    from PySide6.QtCore import QCoreApplication, QEvent, QPointF
    from PySide6.QtGui import QMouseEvent
    from PySide6.QtWidgets import QApplication

    from app.views.landscape import probe
    (x0, x1), (y0, y1) = state.view
    probe_ms = []
    for k in range(200):
        t0 = time.perf_counter()
        probe(fn, x0 + (x1 - x0) * (k % 20) / 20, y0 + (y1 - y0) * (k // 20) / 10)
        probe_ms.append((time.perf_counter() - t0) * 1e3)
    calls0 = gui_calls[0]
    for k in range(20):
        pos = QPointF(200 + 10 * k, 300)
        QCoreApplication.postEvent(view.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, pos, pos, Qt.MouseButton.NoButton, Qt.MouseButton.NoButton,
            Qt.KeyboardModifier.NoModifier))
    for _ in range(5):
        QApplication.processEvents()
    burst_calls = gui_calls[0] - calls0
    worker.wait()
    view.close()
    return {"probe": statistics.median(probe_ms), "burst_probes": burst_calls,
            "set_view": statistics.median(calls_ms), "stall": statistics.median(stalls),
            "latency": statistics.median(latencies), "gui_gradient_calls": pan_calls / n_pans}


def main_network_pan() -> None:
    rows = [("GUI-thread field (old behaviour)", True)] if "--gui-field" in sys.argv else []
    rows.append(("as built", False))
    print("default network slice, 8 pans, gradient field on (20 × 20), 300 × 300 grid after a 64 × 64 preview")
    for label, gui_field in rows:
        r = network_pan(gui_field)
        print(f"  {label:<33} set_view blocks median {r['set_view']:6.1f} ms   longest GUI stall median "
              f"{r['stall']:6.1f} ms   pan->shown median {r['latency']:6.1f} ms   "
              f"GUI-thread gradient calls per pan {r['gui_gradient_calls']:.1f}")
        print(f"  {'':<33} hover probe median {r['probe']:.2f} ms; a burst of 20 queued mouse moves -> "
              f"{r['burst_probes']} GUI-thread gradient evaluations")


if __name__ == "__main__":
    if "--network-only" not in sys.argv:
        main()
    main_network_pan()
