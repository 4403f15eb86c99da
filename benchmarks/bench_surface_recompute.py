"""Recomputing a 400 × 400 surface with contours after a zoom, off the GUI thread.

- worker:   request -> ``ready`` signal in the GUI thread, via :class:`app.surface_worker.SurfaceWorker`
            (sampling f, colour transform, contour levels and lines), for a sequence of zoomed views
- baseline: the same :func:`app.surface_worker.compute` called synchronously in this thread (the work itself)
- GUI stall: the longest gap between ticks of a 5 ms QTimer while the worker computes (how long the event loop was
            blocked; the GIL is shared, so NumPy's pure-Python stretches still take turns with the GUI)

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


if __name__ == "__main__":
    main()
