"""One animation frame with the window on screen, and the time to the first painted window.

Frame: advance 8 runs by one iteration (paths, heads, step arrows) with a 20 × 20 = 400-arrow gradient field
visible, then render with ``grab()``. Measured three ways, medians over many frames:

- landscape: the frame + a grab of the landscape view (the part the animation changes)
- window:    the frame + a grab of the whole 1280 × 800 window (every dock repaints too)
- baseline:  a grab of the same window with no frame change (what rendering costs by itself)
- on screen: the frame + ``processEvents()``: Qt repaints only the dirty regions, as it does for a shown window

Same-run A/B rows (alternating blocks of 30 frames, 4 rounds; median wall and main-thread CPU time, since the 2-core
machine is shared and the CPU time varies less):

- the window row with the kept pictures of the static parts (optimizer and basins docks, menu and tool bars, tab bars,
  buttons; app/picture_cache.py) switched off: what the same grab cost before them (after switching them on, the
  parts are left to settle, as they do after any change, before the block starts);
- the landscape row against the run paths and step arrows painted by pyqtgraph's PlotCurveItem.paint (they now draw
  segments cut once per run with one drawLines call; app/views/paths.py).

Smaller changes for the same target are measured where they were made (commit messages): dock titles from a kept
picture (CachedDockWidget), axis titles and the colour bar from pixmap caches, empty landscape items hidden, and the
frame update's step arrows from one NumPy pass.

Then where a window grab goes: each part on the window grabbed alone (docks, central views, bars; a part's
own grab adds ~0.1-0.3 ms of pixmap set-up, so the parts sum to a bit more than the window), and same-run comparisons
with the previous drawing of the panels changed for this target: the loss/|∇f| dock with its pixmap caches off, and
the step inspector laying out its HTML on every render.

Start-up: a fresh interpreter imports the app, builds the window and shows it; the time from process start to
its first paint event is measured by the child and printed (target < 2 s).

Run: ``.venv/bin/python benchmarks/bench_frame.py`` (offscreen by default).
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

TARGET_FRAME_MS = 16.0
TARGET_STARTUP_S = 2.0
FRAMES = 120

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
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        out = subprocess.run([sys.executable, "-c", STARTUP_CHILD, str(t0), str(ROOT), str(Path(tmp) / "s.ini")],
                             capture_output=True, text=True, check=True, env={**os.environ})
        return float(out.stdout.strip().splitlines()[-1])


def _curve_cached_items(curves) -> list:
    """The loss/|∇f| items drawn from a pixmap cache: axes (with the grid) and curves."""
    items = [a["item"] for plot in (curves.loss_plot, curves.grad_plot) for a in plot.getPlotItem().axes.values()]
    return items + [c.curve for c in [*curves.loss_curves.values(), *curves.grad_curves.values()]]


def _kept_pictures(window) -> list:
    """The window's KeepPicture effects (app/picture_cache.py): static parts drawn from a kept pixmap."""
    from PySide6.QtWidgets import QWidget
    from app.picture_cache import KeepPicture
    return [e for e in (c.graphicsEffect() for c in window.findChildren(QWidget)) if isinstance(e, KeepPicture)]


CPU_MS: dict = {}  # fn -> median main-thread CPU time of the last median_ms(fn) call


def median_ms(fn, n: int) -> float:
    """Median wall time in ms; the median main-thread CPU time is kept in CPU_MS[fn]: on a shared machine the
    difference is mostly time the process was not scheduled (or waited for Qt's paint threads)."""
    times, cpu = [], []
    for _ in range(n):
        t0, c0 = time.perf_counter(), time.thread_time()
        fn()
        cpu.append(time.thread_time() - c0)
        times.append(time.perf_counter() - t0)
    CPU_MS[fn] = statistics.median(cpu) * 1e3
    return statistics.median(times) * 1e3


def interleaved(fn, switch_on, switch_off, restart, rounds: int = 4, n: int = FRAMES // 4) -> dict:
    """Same-run A/B: alternating blocks of ``n`` calls of ``fn`` with a change switched on and off (the machine is
    shared: interleaving spreads its load over both). {True/False: (median wall ms, median main-thread CPU ms)}."""
    wall: dict[bool, list] = {True: [], False: []}
    cpu: dict[bool, list] = {True: [], False: []}
    for _ in range(rounds):
        for on in (False, True):
            (switch_on if on else switch_off)()
            restart()
            wall[on].append(median_ms(fn, n))
            cpu[on].append(CPU_MS[fn])
    switch_on()
    return {on: (statistics.median(wall[on]), statistics.median(cpu[on])) for on in (True, False)}


def print_ab(what: str, ab: dict, how: str) -> None:
    (on, on_cpu), (off, off_cpu) = ab[True], ab[False]
    print(f"{what + ':':<50}median {on:7.2f} ms   (CPU {on_cpu:6.2f} ms; {how})")
    print(f"{'    the same, before:':<50}median {off:7.2f} ms   (CPU {off_cpu:6.2f} ms)   "
          f"ratio {off / on:5.2f}, CPU {off_cpu / on_cpu:5.2f}")


def main() -> None:
    from PySide6.QtCore import QSettings
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication([])
    from app.main_window import MainWindow
    from app.panels.inspector import THROTTLE_MS

    tmp = tempfile.TemporaryDirectory()
    w = MainWindow(settings=QSettings(str(Path(tmp.name) / "s.ini"), QSettings.Format.IniFormat), restore=False)
    w.resize(1280, 800)
    w.show()
    w.worker.wait()
    app.processEvents()
    state = w.state
    state.set_display(show_field=True, field_density=20)
    state.set_optimizer(name="momentum", lr=0.002, steps=2000)
    starts = [(-4.5, 4.5), (-4.5, -4.5), (4.5, 4.5), (4.5, -4.5), (0.2, 0.1), (-1.0, 4.8), (2.5, -4.8), (4.8, 0.5)]
    for s in starts:
        state.add_run(s)
    w.worker.wait()
    app.processEvents()
    arrows = sum(len(i.getData()[0]) for i in w.landscape.field_items) // 6
    assert len(state.runs) == 8 and arrows == 400, (len(state.runs), arrows)

    frame = [0]

    def advance():
        frame[0] = frame[0] % 1500 + 1
        w.playback.advance(1.0 / w.playback.speed)  # exactly one iteration, through the timer's own code path
        if state.frame != frame[0]:
            state.set_frame(frame[0])

    def restart() -> None:
        """Back to iteration 0: the runs stop moving near iteration 350, and a frame past that changes nothing."""
        state.set_frame(0)
        frame[0] = 0

    w.playback.set_speed(60)
    for _ in range(10):  # warm-up
        advance()
        w.grab()
    restart()
    only_advance = median_ms(advance, FRAMES)
    restart()
    landscape = median_ms(lambda: (advance(), w.landscape.grab()), FRAMES)
    restart()
    frame_and_grab = lambda: (advance(), w.grab())  # noqa: E731
    window = median_ms(frame_and_grab, FRAMES)
    baseline = median_ms(w.grab, FRAMES)
    window_cpu, baseline_cpu = CPU_MS[frame_and_grab], CPU_MS[w.grab]
    # same run, interleaved blocks: the static docks, bars and buttons blitted from kept pictures, or painted (before)
    from app.picture_cache import KeepPicture
    kept = _kept_pictures(w)

    def set_kept(on: bool) -> None:
        for effect in kept:
            effect.setEnabled(on)  # a change to Qt: the parts are painted directly until they settle
        w.grab()
        time.sleep(KeepPicture.settle_s)
        w.grab()  # renders the pictures

    kept_ab = interleaved(frame_and_grab, lambda: set_kept(True), lambda: set_kept(False), restart)
    # same run, interleaved: run paths and step arrows drawn from their handed-over segments, or by pyqtgraph's paint
    tracks = [item for g in w.landscape._runs.values() for item in (g.path, g.step)]
    own_paint = [True]

    def frame_and_landscape():
        advance()
        if not own_paint[0]:
            for item in tracks:
                item._lines = None  # set_track hands them over again next frame
        w.landscape.grab()

    track_ab = interleaved(frame_and_landscape, lambda: own_paint.__setitem__(0, True),
                           lambda: own_paint.__setitem__(0, False), restart)
    # What the screen needs: the frame, then Qt repaints only the regions marked dirty (cursor strips, changed cells,
    # paths, the timeline) into the backing store; the inspector's throttled re-render fires here when due.
    app.processEvents()
    restart()
    on_screen = median_ms(lambda: (advance(), app.processEvents()), FRAMES)
    load = os.getloadavg()
    # Only what the window grab paints: a dock behind another dock's tab is "visible" but parked off-window.
    shown = [(name, d) for name, d in w.docks.items()]
    shown += [("central views", w.views), ("toolbar landscape", w.main_toolbar), ("toolbar playback", w.playback_bar),
              ("menu bar", w.menuBar()), ("status bar", w.statusBar())]
    parts = {name: median_ms(part.grab, 15) for name, part in shown
             if part.isVisible() and not part.visibleRegion().isEmpty()}
    curves_dock = w.docks["curves_dock"]
    restart()
    curves_cached = median_ms(lambda: (advance(), curves_dock.grab()), 40)
    cached_items = _curve_cached_items(w.curves)
    modes = [item.cacheMode() for item in cached_items]
    for item in cached_items:
        item.setCacheMode(item.CacheMode.NoCache)
    restart()
    curves_uncached = median_ms(lambda: (advance(), curves_dock.grab()), 40)
    for item, mode in zip(cached_items, modes):
        item.setCacheMode(mode)
    restart()
    only_advance_again = median_ms(advance, 40)
    inspector = w.inspector
    state.select([state.runs[0].id])
    restart()
    inspector_changed = median_ms(lambda: (advance(), inspector.render()), 40)
    last = state.runs[0].last_row
    state.set_frame(last)
    inspector_same = median_ms(lambda: (state.set_frame(last), inspector.render()), 40)
    inspector_relayout = median_ms(lambda: (inspector._set_html(""), inspector.render()), 40)
    w.close()
    startup = statistics.median(startup_seconds() for _ in range(3))

    print(f"frame update only (8 runs, 400 arrows visible):   median {only_advance:7.2f} ms")
    print(f"frame + landscape grab ({w.landscape.width()}×{w.landscape.height()}):      "
          f"median {landscape:7.2f} ms   target {TARGET_FRAME_MS} ms")
    print(f"frame + 1280×800 window grab:                     median {window:7.2f} ms   target {TARGET_FRAME_MS} ms   "
          f"(main-thread CPU {window_cpu:6.2f} ms)")
    print(f"baseline: 1280×800 window grab, no frame change:  median {baseline:7.2f} ms   "
          f"frame/baseline ratio {window / baseline:5.2f}   (main-thread CPU {baseline_cpu:6.2f} ms)")
    print_ab("frame + window grab, kept pictures", kept_ab, f"{len(kept)} static docks, bars and buttons blitted")
    print_ab("frame + landscape grab, run curves' own paint", track_ab, "segments cut once per run, one drawLines")
    print(f"frame + on-screen repaint (dirty regions only):   median {on_screen:7.2f} ms   "
          f"(processEvents with the window shown; not the target's measure)")
    print(f"load average during the window rows: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    for name, ms in parts.items():
        print(f"    of which {name:<24} grab median {ms:7.2f} ms")
    print(f"    sum of the parts: {sum(parts.values()):7.2f} ms")
    print(f"curves dock, frame + grab, static layers cached:  median {curves_cached:7.2f} ms   "
          f"(frame alone {only_advance_again:5.2f} ms)")
    print(f"curves dock, frame + grab, caches off (before):   median {curves_uncached:7.2f} ms   "
          f"ratio {curves_uncached / curves_cached:5.2f}")
    print(f"inspector render, new step (frame + setHtml):     median {inspector_changed:7.2f} ms   "
          f"(at most once per {THROTTLE_MS} ms)")
    print(f"inspector render, same step (skips setHtml):      median {inspector_same:7.2f} ms")
    print(f"inspector render, same step laid out (before):    median {inspector_relayout:7.2f} ms")
    print(f"start-up, process start -> first paint:           median {startup:7.3f} s    "
          f"target {TARGET_STARTUP_S} s")


if __name__ == "__main__":
    main()
