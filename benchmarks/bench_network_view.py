"""The network graph following playback: the cost of one playback frame with the graph dock shown.

Target (issue 15): the network view follows playback at ≥ 30 frames/s, i.e. ≤ 33 ms a frame, everything included.

What is timed, per frame, as playback does it: ``state.set_frame(t)`` moves the selected run one iteration; the
network controller asks the compute service's "point" lane for the data view's prediction and the backprop of the
new point; the graph asks its own "graph" lane for its trace (``graph:trace``); the results come back to the GUI
thread, the views update their items and Qt repaints the window. Between frames the event loop idles 40 ms (a 25 frames/s pace), so that the controller's 33 ms
throttle never delays a frame: what is measured is the work, not the throttle's wait.

Printed, median and p95 over the frames:
- the graph following: set_frame → the graph shows iteration t, repainted (the target's measure), and the GUI
  thread's CPU time in that interval (on a shared machine the wall time includes waiting to be scheduled);
- whole frame: set_frame → every view (the graph and the data view) shows iteration t, repainted;
- the graph's own GUI-thread CPU time a frame: the panel's render (show_trace, header, update text, and the trace
  itself when it is computed inline) plus the item's paint;
- the graph's work on its lane (``compute_result``), timed on the same points.

Same-run baseline: alternating blocks of frames with the graph dock shown (an edge selected, so that the update text
is rewritten each frame) and hidden (the Backprop tab raised instead: the graph computes nothing), for the default
2-8-8-1 network and a 2-16-16-1 one. The baseline's frame ends when the data view shows iteration t; the difference
of the whole-frame rows is what the graph costs a frame.

Run: ``.venv/bin/python benchmarks/bench_network_view.py [--platform xcb|offscreen] [--frames 60] [--rounds 3]``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MS = 1000.0 / 30.0
IDLE_MS = 40


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def pump(ms: float) -> None:
    from PySide6.QtCore import QCoreApplication
    end = time.perf_counter() + ms / 1000.0
    while time.perf_counter() < end:
        QCoreApplication.processEvents()
        time.sleep(0.0005)


def measure(frames: int, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.main_window import MainWindow
    from app.network_controller import default_source
    from app.network_graph import compute_result
    from tests.app.stall import StallProbe

    tmp = tempfile.TemporaryDirectory()
    w = MainWindow(settings=QSettings(str(Path(tmp.name) / "s.ini"), QSettings.Format.IniFormat), restore=False)
    w.resize(1280, 800)
    w.show()
    QTest.qWaitForWindowExposed(w)
    StallProbe.run_until(lambda: w.landscape.result is not None and not w.compute.busy(), 60)
    panel, state = w.network_graph, w.state
    graph_dock, back_dock = w.docks["network_graph_dock"], w.docks["backprop_dock"]
    from app.views.network_graph_item import GraphItem
    render_ms: list[float] = []   # CPU ms of the graph's GUI work per frame: render, then paint
    paint_ms: list[float] = []
    original_render, original_paint = panel.render, GraphItem.paint

    def timed_render() -> None:
        c0 = time.thread_time()
        original_render()
        render_ms.append((time.thread_time() - c0) * 1e3)

    def timed_paint(item, p, *args) -> None:
        c0 = time.thread_time()
        original_paint(item, p, *args)
        paint_ms.append((time.thread_time() - c0) * 1e3)

    GraphItem.paint = timed_paint

    panel.controller.resultChanged.disconnect(panel.render)
    panel.controller.resultChanged.connect(timed_render)

    def frame(t: int, shown: bool) -> tuple[float, float, float]:
        """(ms until the graph shows iteration t, main-thread CPU ms in that time (NaN, NaN when hidden), ms until
        every view shows it), repaints included."""
        run = state.selected_runs()[0]
        target = tuple(map(float, run.trajectory.points[run.row_at(t), 0]))
        graph_ms = graph_cpu = float("nan")

        def at(result) -> bool:
            return result is not None and result.point == target

        t0, c0 = time.perf_counter(), time.thread_time()
        state.set_frame(t)
        while True:
            if shown and graph_ms != graph_ms and at(panel.controller.result):
                app.processEvents()  # the graph's repaint
                graph_ms, graph_cpu = (time.perf_counter() - t0) * 1e3, (time.thread_time() - c0) * 1e3
            if at(w.data_view.result) and (not shown or graph_ms == graph_ms):
                break
            app.processEvents()
        app.processEvents()  # the repaint of what changed
        return graph_ms, graph_cpu, (time.perf_counter() - t0) * 1e3

    print(f"platform {QApplication.platformName()}, window 1280×800; {rounds} rounds × {frames} frames per row, "
          f"{IDLE_MS} ms idle between frames")
    for hidden in ((8, 8), (16, 16)):
        src = default_source()
        src["layers"] = [2, *hidden, 1]
        state.clear_runs()
        w.network_controller.request_build(src)
        StallProbe.run_until(lambda: w.network_controller.current is not None
                             and w.network_controller.current.model.layer_sizes == (2, *hidden, 1)
                             and not w.compute.busy(), 300)
        build = w.network_controller.current
        state.set_optimizer(name="adam", lr=0.02, steps=frames + 20)
        (run,) = state.add_run((0.6, 0.4))
        StallProbe.run_until(lambda: run.trajectory is not None and not w.compute.busy(), 120)
        state.select([run.id])
        results = {True: [], False: []}
        graph_frames: list[float] = []
        graph_cpu: list[float] = []
        render_ms.clear()
        paint_ms.clear()
        for _ in range(rounds):
            for shown in (True, False):
                (graph_dock if shown else back_dock).raise_()
                state.set_frame(0)
                pump(300)
                if shown:
                    panel.view.select_edge((2, 1, 0))
                for t in range(1, frames + 1):
                    graph_ms, cpu_ms, whole_ms = frame(t, shown)
                    results[shown].append(whole_ms)
                    if shown:
                        graph_frames.append(graph_ms)
                        graph_cpu.append(cpu_ms)
                    pump(IDLE_MS)
        points = [tuple(map(float, p)) for p in run.trajectory.points[1:frames + 1, 0]]
        work = []
        for p in points:
            t0 = time.perf_counter()
            compute_result(build, p, "", 0, "sample", 0.02, "adam", run.id, 0, p)
            work.append((time.perf_counter() - t0) * 1e3)
        name = "-".join(map(str, build.model.layer_sizes))
        print(f"{name} on {len(build.plane.X)} points:")
        print(f"    graph follows: set_frame → graph drawn  median {statistics.median(graph_frames):6.2f} ms   "
              f"p95 {p95(graph_frames):6.2f} ms   target ≤ {TARGET_MS:.1f} ms (30 fps)")
        print(f"      of which main-thread CPU time         median {statistics.median(graph_cpu):6.2f} ms   "
              f"p95 {p95(graph_cpu):6.2f} ms")
        for shown, what in ((True, "graph shown"), (False, "graph hidden (baseline)")):
            v = results[shown]
            print(f"    whole frame, {what:26s} median {statistics.median(v):6.2f} ms   p95 {p95(v):6.2f} ms")
        own = [r + p for r, p in zip(render_ms, paint_ms)]
        print(f"    graph's own GUI-thread CPU a frame      median {statistics.median(own):6.2f} ms   "
              f"p95 {p95(own):6.2f} ms   (render {statistics.median(render_ms):.2f}, "
              f"paint {statistics.median(paint_ms):.2f})")
        print(f"    graph work on its lane                  median {statistics.median(work):6.2f} ms   "
              f"p95 {p95(work):6.2f} ms")
    load = os.getloadavg()
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    w.close()


def with_xvfb(argv: list[str]) -> int:
    """Run this script again on a fresh Xvfb display with Qt's xcb platform; its exit code."""
    for n in range(99, 400):
        if not Path(f"/tmp/.X{n}-lock").exists() and not Path(f"/tmp/.X11-unix/X{n}").exists():
            break
    server = subprocess.Popen([shutil.which("Xvfb"), f":{n}", "-screen", "0", "1600x1000x24", "-nolisten", "tcp",
                               "-noreset"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{n}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                print("Xvfb did not start; run with --platform offscreen", file=sys.stderr)
                return 1
            time.sleep(0.05)
        env = {**os.environ, "DISPLAY": f":{n}", "QT_QPA_PLATFORM": "xcb"}
        return subprocess.run([sys.executable, __file__, "--platform", "xcb", *argv], env=env).returncode
    finally:
        server.terminate()
        server.wait(timeout=5)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--platform", choices=("xcb", "offscreen"),
                        default="xcb" if shutil.which("Xvfb") else "offscreen")
    parser.add_argument("--frames", type=int, default=60)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    rest = ["--frames", str(args.frames), "--rounds", str(args.rounds)]
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        return with_xvfb(rest)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    measure(args.frames, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
