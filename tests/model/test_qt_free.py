"""The model runs where Qt cannot be imported: a notebook or a headless script drives it with psygnal only."""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import importlib.abc, sys
    class Refuse(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "superqt", "PyQt5", "PyQt6"):
                raise ImportError(name + " is blocked in this test")
    sys.meta_path.insert(0, Refuse())
    from app.model import AppState
    from engine import scene
    state = AppState()
    heard = []
    state.runsChanged.connect(lambda: heard.append(len(state.runs)))
    state.set_compare_mode(True, ["gd", "adam"])
    state.add_run((0.5, -1.0))
    copy = AppState()
    copy.apply_scene(scene.loads(scene.dumps(state.to_scene())))
    assert [r.trajectory.points.shape for r in copy.runs] == [r.trajectory.points.shape for r in state.runs]
    assert heard and heard[-1] == 2
    print("ok", sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "pyqtgraph", "superqt")))
""")


def test_model_needs_no_qt():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok []"
