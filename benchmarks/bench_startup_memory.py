"""First window paint after launch (target ≤ 1.5 s) and the app's peak memory with 8 runs × 10,000 steps and a basin
map (target ≤ 400 MB RSS), each measured in fresh processes.

- first paint: from the interpreter's start to the first paint of the main window (offscreen platform); baseline in
  the same run: a bare QApplication showing an empty QWidget (the floor of Qt's own start).
- memory: peak RSS (ru_maxrss) of a window after 8 runs of 10,000 steps on Rosenbrock and a 200² basin map, against
  the same window just started (baseline).

Run: ``.venv/bin/python benchmarks/bench_startup_memory.py [--repeats N]``
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_PAINT_S, TARGET_RSS_MB = 1.5, 400.0

PAINT = r"""
import time, os, sys, json
t0 = time.perf_counter()
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QWidget
app = QApplication([])
bare = {bare}
if bare:
    w = QWidget()
else:
    from app.main_window import MainWindow
    w = MainWindow(settings=QSettings({ini!r}, QSettings.Format.IniFormat), restore=False)
w.resize(1280, 800)
class Watch(QObject):
    def eventFilter(self, obj, ev):
        if ev.type() == QEvent.Type.Paint and obj is w:
            print(json.dumps({{"first_paint_s": time.perf_counter() - t0 + {startup!r}}}), flush=True)
            os._exit(0)
        return False
watch = Watch(); w.installEventFilter(watch)
w.show()
QTimer.singleShot(30000, lambda: os._exit(1))
app.exec()
"""

MEMORY = r"""
import os, sys, json, resource, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
sys.path.insert(0, {root!r})
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
from engine import functions
from tests.app.stall import StallProbe
w = MainWindow(settings=QSettings({ini!r}, QSettings.Format.IniFormat), restore=False)
w.resize(1280, 800); w.show()
StallProbe.run_until(lambda: w.landscape.result is not None and not w.compute.busy(), 60)
if {load}:
    s = w.state
    s.set_landscape(functions.get("rosenbrock"))
    s.set_optimizer(steps=10_000, lr=0.0005)
    for k in range(8):
        s.add_run((-1.8 + 0.4 * k, 2.5 - 0.3 * k))
    w.basin_overlay.toggle_action.setChecked(True)
    StallProbe.run_until(lambda: not w.compute.busy() and all(r.trajectory is not None for r in s.runs), 300)
    s.set_frame(s.max_frame // 2); w.grab()
    assert all(r.trajectory.points.shape[0] == 10_001 for r in s.runs)
print(json.dumps({{"peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}}), flush=True)
os._exit(0)
"""


# as a user's installation runs: with its modules' compiled bytecode (pip compiles an installed wheel's; an editable
# checkout writes __pycache__ on its first run). A shell with PYTHONDONTWRITEBYTECODE set would otherwise recompile
# every module of app/ and engine/ at each start (~0.3 s here), which no user's launch does.
USER_ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def run(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=600, cwd=ROOT,
                         env=USER_ENV)
    lines = [ln for ln in out.stdout.splitlines() if ln.startswith("{")]
    if not lines:
        raise RuntimeError(out.stderr[-2000:])
    return json.loads(lines[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    ini = str(Path(os.environ.get("TMPDIR", "/tmp")) / "descent-lab-bench.ini")
    startup = 0.0  # the interpreter's own start is measured by the baseline as well
    app_s, bare_s = [], []
    run(PAINT.format(root=str(ROOT), bare=False, ini=ini, startup=startup))  # writes the bytecode caches (not timed)
    for _ in range(args.repeats):  # alternated, so both see the same machine
        app_s.append(run(PAINT.format(root=str(ROOT), bare=False, ini=ini, startup=startup))["first_paint_s"])
        bare_s.append(run(PAINT.format(root=str(ROOT), bare=True, ini=ini, startup=startup))["first_paint_s"])
    base = statistics.median(bare_s)
    med = statistics.median(app_s)
    print(f"first paint after launch: Descent Lab median {med:.2f} s (max {max(app_s):.2f}); bare Qt window "
          f"{base:.2f} s; target ≤ {TARGET_PAINT_S} s {'ok' if med <= TARGET_PAINT_S else 'MISSED'}")
    loaded = [run(MEMORY.format(root=str(ROOT), ini=ini, load=True))["peak_rss_mb"] for _ in range(2)]
    idle = [run(MEMORY.format(root=str(ROOT), ini=ini, load=False))["peak_rss_mb"] for _ in range(2)]
    print(f"peak RSS, 8 runs × 10,000 steps + basin map: {statistics.median(loaded):.0f} MB; just started "
          f"{statistics.median(idle):.0f} MB; target ≤ {TARGET_RSS_MB:.0f} MB "
          f"{'ok' if statistics.median(loaded) <= TARGET_RSS_MB else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
