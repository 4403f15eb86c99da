"""The on-screen repaint of one playback frame, and the time to the first painted window.

Target (issue 11): on-screen repaint per playback frame with 8 runs + the gradient field (20 × 20 = 400 arrows) +
the loss/|∇f| curves + the step inspector (a run selected), window 1280 × 800: median ≤ 12 ms, p95 ≤ 20 ms.

What is timed, per frame, as the playback timer does it: ``playback.advance`` moves every run one iteration (the
views update their items: paths, heads, step arrows, loss cursors, run-list cells, timeline); then
``processEvents()`` lets Qt repaint only the regions marked dirty into the window's backing store and flush it to
the screen (and fires the inspector's throttled re-render, at most every 80 ms, when it is due). Printed: the
update, the repaint (the target's measure) and the whole frame, median and p95.

The screen is a real X server (Xvfb with Qt's xcb platform) when ``Xvfb`` is installed: this script starts one on a
free display and re-runs itself there. Without it, ``--platform offscreen`` paints into an offscreen backing store
(same painting, no flush to a server).

On a shared machine the wall time includes waiting to be scheduled (and, under Xvfb, for the X server process);
the main-thread and process CPU times of the repaint are printed beside it.

The 3D view's OpenGL widget is made when its tab is first shown: a QOpenGLWidget makes Qt compose its whole window
through OpenGL on every flush, from then on. The last row measures the 2D frames after the 3D tab was opened once.

Same-run baseline: alternating blocks of frames with the gradient field shown and hidden (4 rounds of 120 frames
each, all from iteration 0: the runs stop moving near iteration 350). For context, the previous session measured the
on-screen repaint at 13.0 ms with or without the widget picture caches this branch removed (issue 11).

Start-up: a fresh interpreter imports the app, builds the window and shows it; the time from process start to
its first paint event is printed (target ≤ 1.5 s).

Run: ``.venv/bin/python benchmarks/bench_frame.py [--platform xcb|offscreen] [--frames 120] [--rounds 4]``.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_MEDIAN_MS, TARGET_P95_MS = 12.0, 20.0
TARGET_STARTUP_S = 1.5
PREVIOUS_ON_SCREEN_MS = 13.0  # issue 11, with or without the widget picture caches

STARTUP_CHILD = textwrap.dedent("""
    import os, sys, time
    t_start = float(sys.argv[1])
    sys.path.insert(0, sys.argv[2])
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from app.main_window import MainWindow

    class FirstPaint(QObject):
        def eventFilter(self, obj, ev):
            if ev.type() == QEvent.Type.Paint and not hasattr(self, "t"):
                self.t = time.time()
                QTimer.singleShot(0, app.quit)
            return False

    probe = FirstPaint()
    w = MainWindow(settings=QSettings(sys.argv[3], QSettings.Format.IniFormat))
    w.landscape.viewport().installEventFilter(probe)
    w.show()
    app.exec()
    print(f"{probe.t - t_start:.4f}")
""")


def startup_seconds() -> float:
    """One launch, as a user's installation runs: with compiled bytecode (see benchmarks/bench_startup_memory.py; the
    first call writes the caches when the shell has PYTHONDONTWRITEBYTECODE set)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", STARTUP_CHILD, str(t0), str(ROOT), str(Path(tmp) / "s.ini")],
                             capture_output=True, text=True, check=True, env=env)
        return float(out.stdout.strip().splitlines()[-1])


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


def measure(frames: int, rounds: int) -> None:
    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QSettings
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.main_window import MainWindow

    tmp = tempfile.TemporaryDirectory()
    w = MainWindow(settings=QSettings(str(Path(tmp.name) / "s.ini"), QSettings.Format.IniFormat), restore=False)
    w.resize(1280, 800)
    w.show()
    QTest.qWaitForWindowExposed(w)
    w.worker.wait()
    app.processEvents()
    state = w.state
    state.set_display(show_field=True, field_density=20)
    state.set_optimizer(name="momentum", lr=0.002, steps=2000)
    starts = [(-4.5, 4.5), (-4.5, -4.5), (4.5, 4.5), (4.5, -4.5), (0.2, 0.1), (-1.0, 4.8), (2.5, -4.8), (4.8, 0.5)]
    for s in starts:
        state.add_run(s)
    state.select([state.runs[0].id])  # the step inspector explains the first run
    w.worker.wait()
    app.processEvents()
    arrows = sum(len(i.getData()[0]) for i in w.landscape.field_items) // 6
    shown = {name: dock.isVisible() for name, dock in w.docks.items()}
    assert len(state.runs) == 8 and arrows == 400, (len(state.runs), arrows)
    assert w.size().width() == 1280 and w.size().height() == 800, w.size()
    assert w.curves.isVisible() and w.inspector.isVisible(), shown

    w.playback.set_speed(60)
    frame = [0]

    cpu = {True: [], False: []}  # main-thread CPU time of each repaint
    proc = {True: [], False: []}  # CPU time of the whole process (Qt's paint threads too) during each repaint
    field_on = [True]

    def one_frame() -> tuple[float, float]:
        """(update ms, repaint ms) of one playback frame."""
        frame[0] += 1
        t0 = time.perf_counter()
        w.playback.advance(1.0 / w.playback.speed)  # exactly one iteration, through the timer's own code path
        if state.frame != frame[0]:
            state.set_frame(frame[0])
        t1, c1, p1 = time.perf_counter(), time.thread_time(), time.process_time()
        app.processEvents()  # Qt repaints the dirty regions and flushes them to the screen
        t2 = time.perf_counter()
        cpu[field_on[0]].append((time.thread_time() - c1) * 1e3)
        proc[field_on[0]].append((time.process_time() - p1) * 1e3)
        return (t1 - t0) * 1e3, (t2 - t1) * 1e3

    def restart() -> None:
        state.set_frame(0)
        frame[0] = 0
        app.processEvents()

    def set_field(on: bool) -> None:
        field_on[0] = on
        state.set_display(show_field=on)
        for _ in range(3):  # a preview, then the full surface and field: let the worker finish both
            w.worker.wait()
            QTest.qWait(100)

    for _ in range(20):  # warm-up
        one_frame()
    for v in (*cpu.values(), *proc.values()):
        v.clear()
    update = {True: [], False: []}
    repaint = {True: [], False: []}
    for _ in range(rounds):
        for on in (True, False):
            set_field(on)
            restart()
            for _ in range(10):  # the new surface and field are shown, their item caches drawn: not a playback frame
                one_frame()
            for v in (cpu[on], proc[on]):
                del v[len(v) - 10:]
            restart()
            for _ in range(frames):
                u, r = one_frame()
                update[on].append(u)
                repaint[on].append(r)
    set_field(True)
    restart()
    full = []  # the whole window painted, as after an expose: an upper bound, not what a frame costs
    for _ in range(40):
        one_frame()
        t0 = time.perf_counter()
        w.repaint()
        full.append((time.perf_counter() - t0) * 1e3)
    # Once the 3D tab has been shown, its QOpenGLWidget makes Qt compose the whole window through OpenGL on every
    # flush, for good (Qt never switches a window back); last, because it cannot be undone.
    after_3d: list[float] = []
    if w.surface3d.available:
        w.views.setCurrentWidget(w.surface3d)
        QTest.qWait(300)
        w.views.setCurrentWidget(w.landscape)
        restart()
        for _ in range(frames):
            after_3d.append(one_frame()[1])
    load = os.getloadavg()
    platform = QApplication.platformName()
    w.close()

    print(f"platform {platform}, window {1280}×{800}, 8 runs, 400 field arrows, curves and step inspector shown; "
          f"{rounds} rounds × {frames} frames per row (alternating blocks)")
    for on, what in ((True, "gradient field shown (target)"), (False, "gradient field hidden (baseline)")):
        frame_ms = [u + r for u, r in zip(update[on], repaint[on])]
        print(f"{what}:")
        print(f"    update (views' setData etc.)   median {statistics.median(update[on]):6.2f} ms   "
              f"p95 {p95(update[on]):6.2f} ms")
        print(f"    on-screen repaint              median {statistics.median(repaint[on]):6.2f} ms   "
              f"p95 {p95(repaint[on]):6.2f} ms" + (f"   target median ≤ {TARGET_MEDIAN_MS:g}, p95 ≤ "
                                                     f"{TARGET_P95_MS:g}" if on else ""))
        print(f"    repaint, main-thread CPU time  median {statistics.median(cpu[on]):6.2f} ms   "
              f"p95 {p95(cpu[on]):6.2f} ms")
        print(f"    repaint, process CPU time      median {statistics.median(proc[on]):6.2f} ms   "
              f"p95 {p95(proc[on]):6.2f} ms")
        print(f"    whole frame (update + repaint) median {statistics.median(frame_ms):6.2f} ms   "
              f"p95 {p95(frame_ms):6.2f} ms")
    ratio = statistics.median(repaint[True]) / statistics.median(repaint[False])
    print(f"repaint with / without the field: {ratio:5.2f}")
    print(f"for reference: the whole window repainted (repaint()), median {statistics.median(full):6.2f} ms")
    if after_3d:
        print(f"on-screen repaint after the 3D tab was opened once (window composed by OpenGL, here Mesa's software "
              f"llvmpipe): median {statistics.median(after_3d):6.2f} ms   p95 {p95(after_3d):6.2f} ms")
    print(f"previous session's on-screen repaint (issue 11): {PREVIOUS_ON_SCREEN_MS:g} ms")
    print(f"load average: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    startup_seconds()  # writes the bytecode caches (not timed)
    startup = statistics.median(startup_seconds() for _ in range(3))
    print(f"start-up, process start -> first paint: median {startup:6.3f} s   target ≤ {TARGET_STARTUP_S:g} s")


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
    parser.add_argument("--frames", type=int, default=120)
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    rest = ["--frames", str(args.frames), "--rounds", str(args.rounds)]
    if args.platform == "xcb" and not os.environ.get("DISPLAY"):
        return with_xvfb(rest)
    os.environ["QT_QPA_PLATFORM"] = args.platform
    measure(args.frames, args.rounds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
