"""What the app builds once is frozen out of Python's full garbage collection (app.gc_policy), once per milestone."""
from __future__ import annotations

import gc
import subprocess
import sys
import textwrap
from pathlib import Path

from app.gc_policy import freeze_once

ROOT = Path(__file__).resolve().parents[2]


def test_a_milestone_freezes_what_is_tracked_then_never_again():
    kept = [[i] for i in range(1000)]  # tracked containers that live on, as the window's objects do
    before = gc.get_freeze_count()
    assert freeze_once("test: first")
    frozen = gc.get_freeze_count()
    assert frozen >= before + len(kept)
    assert not freeze_once("test: first")  # the same milestone again: nothing more is frozen
    assert gc.get_freeze_count() == frozen
    young = {id(o) for o in gc.get_objects()}  # the collector's generations: frozen objects are not in them
    assert not any(id(k) in young for k in kept)
    gc.unfreeze()  # the test process's collector as it was (the window's own freeze is tested in a process of its own)


def test_the_launched_window_is_frozen_a_moment_after_it_shows(tmp_path):
    # once per process: in a process of its own, as the app runs (earlier tests' windows reached the milestone here)
    script = textwrap.dedent(f"""
        import gc, os, sys
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
        sys.path.insert(0, {str(ROOT)!r})
        from PySide6.QtCore import QSettings, QTimer
        from PySide6.QtWidgets import QApplication
        app = QApplication([])
        from app.gc_policy import FREEZE_AFTER_MS, freeze_once
        from app.main_window import MainWindow
        w = MainWindow(settings=QSettings({str(tmp_path / "s.ini")!r}, QSettings.Format.IniFormat))
        w.show()
        app.processEvents()
        young = {{id(o) for o in gc.get_objects()}}
        print("before", id(w) in young, id(w.landscape) in young)
        QTimer.singleShot(FREEZE_AFTER_MS + 300, app.quit)
        app.exec()
        young = {{id(o) for o in gc.get_objects()}}
        print("after", id(w) in young, id(w.landscape) in young, gc.get_freeze_count() > 50_000, freeze_once("window"))
    """)
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    lines = [line for line in out.stdout.splitlines() if line.startswith(("before", "after"))]
    assert lines == ["before True True", "after False False True False"]
