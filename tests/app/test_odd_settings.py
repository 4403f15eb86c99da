"""A window started on odd settings left by earlier runs opens every example without waiting on a dialog nobody
can see (issue 18 item 12). The window runs in a subprocess with a timeout: a modal box offscreen would otherwise
hang the suite instead of failing this test."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = r"""
import json, sys
from pathlib import Path
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
settings = QSettings(sys.argv[1], QSettings.IniFormat)
for key, value in {
        "landscape/name": "no-such-landscape", "landscape/resolution": 10**9,
        "display": sys.argv[2],
        "optimizer": '{"name": "zzz", "lr": -1}', "playback/speed": "fast", "playback/loop": "sometimes",
        "window/geometry": "garbage", "recent_scenes": ["/nonexistent/scene.json", 7],
        "formula/recent": ["x/0", "sigmoid(" * 25 + "x" + ")" * 25]}.items():
    settings.setValue(key, value)
settings.sync()
from app.resources import example_scenes
from app.main_window import MainWindow
w = MainWindow(settings=settings)
w.show()
for _ in range(50):
    app.processEvents()
out = {"modified_at_start": w.file_actions.modified, "examples": {}}
for path in example_scenes():
    out["examples"][path.name] = w.file_actions.open_example(path)
    for _ in range(20):
        app.processEvents()
out["modified_after_examples"] = w.file_actions.modified
out["missing_recent"] = w.file_actions.open_path("/nonexistent/scene.json")
out["status"] = w.statusBar().currentMessage()
w.state.add_run((1.0, 1.0))                     # an unsaved change: opening now would ask, and nobody can answer
out["open_with_unsaved_change"] = w.file_actions.open_example(example_scenes()[0])
out["runs_kept"] = len(w.state.runs)
w.file_actions.modified = False
w.close()
print(json.dumps(out))
"""


@pytest.mark.parametrize("display", ['{"colormap": "nope", "contours": -5, "show_field": "maybe"}',
                                     '{"colormap": "nope", "contours": -5, "field_density": 100000}', '[1, 2]'])
def test_odd_settings_then_every_example_without_a_hanging_dialog(tmp_path, display):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_CONFIG_HOME": str(tmp_path)}
    proc = subprocess.run([sys.executable, "-c", SCRIPT, str(tmp_path / "odd.ini"), display], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0 and "Traceback" not in proc.stderr, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["modified_at_start"] is False            # restored settings are not unsaved changes
    assert len(out["examples"]) >= 5 and all(out["examples"].values()), out["examples"]
    assert out["modified_after_examples"] is False
    assert out["missing_recent"] is False and "nonexistent" in out["status"]
    assert out["open_with_unsaved_change"] is False     # answered Cancel: nothing discarded
    assert out["runs_kept"] >= 1
