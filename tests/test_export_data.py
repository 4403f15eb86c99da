"""Trajectory data export without Qt: CSV/JSON are the engine's numbers, written with PySide6 and pyqtgraph refused
at import and no display, by the library and by ``descent-lab export``."""
from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from engine import descent, functions
from engine import scene as scene_mod

ROOT = Path(__file__).resolve().parents[1]
HIMMELBLAU = ROOT / "app" / "resources" / "scenes" / "himmelblau-four-basins.json"

# Refuses every Qt binding and pyqtgraph at import, then runs the code given as argv[1].
BLOCKED = textwrap.dedent("""
    import importlib.abc, sys
    BLOCKED = ("PySide6", "shiboken6", "pyqtgraph", "PyQt5", "PyQt6", "PySide2")

    class Refuse(importlib.abc.MetaPathFinder):
        def find_spec(self, name, path=None, target=None):
            if name.split(".")[0] in BLOCKED:
                raise ImportError(f"{name} is blocked in this test")
            return None

    sys.meta_path.insert(0, Refuse())
    sys.path.insert(0, sys.argv[2])
    exec(sys.argv[1])
    assert not [m for m in sys.modules if m.split(".")[0] in BLOCKED]
""")


def run_blocked(code: str, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    return subprocess.run([sys.executable, "-c", BLOCKED, textwrap.dedent(code), str(ROOT), *args], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=120)


def expected_rows(scene) -> list[list[float]]:
    """(run, step, x, y, f, dfdx, dfdy) of each run's valid steps, from the engine's own descent of the scene."""
    fn = functions.get(scene.landscape.name)
    rows = []
    for k, r in enumerate(scene.runs):
        traj = descent.descend(fn, np.array([r.start]), optimizer=r.optimizer, lr=r.lr, steps=r.steps, **r.hyper)
        for t in range(int(traj.stopped_at[0]) + 1):
            x, y = traj.points[t, 0]
            rows.append([k, t, x, y, traj.values[t, 0], *traj.gradients[t, 0]])
    return rows


def read_csv(path: Path) -> tuple[list[str], np.ndarray]:
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], np.array([[float(v) for v in r] for r in rows[1:]])


def test_the_blocker_refuses_qt():
    done = run_blocked("import PySide6.QtCore")
    assert done.returncode != 0 and "PySide6 is blocked" in done.stderr


def test_csv_export_runs_without_qt_and_matches_the_trajectories(tmp_path):
    out = tmp_path / "runs.csv"
    done = run_blocked("""
        from app.export import data_from_scene, export_data
        from engine import scene
        export_data(data_from_scene(scene.load(sys.argv[3])), sys.argv[4])
    """, str(HIMMELBLAU), str(out))
    assert done.returncode == 0, done.stderr
    header, got = read_csv(out)
    assert header == ["run", "step", "x", "y", "f", "dfdx", "dfdy"]
    scene = scene_mod.load(HIMMELBLAU)
    expected = np.array(expected_rows(scene), dtype=float)
    assert len(set(got[:, 0])) == len(scene.runs) == 4
    np.testing.assert_array_equal(got, expected)  # floats written exactly (repr)


def test_command_line_data_export_runs_without_qt(tmp_path):
    out_csv, out_json = tmp_path / "runs.csv", tmp_path / "runs.json"
    done = run_blocked("""
        from app.cli import main
        assert main(["export", sys.argv[3], "-o", sys.argv[4]]) == 0
        assert main(["export", sys.argv[3], "-o", sys.argv[5]]) == 0
    """, str(HIMMELBLAU), str(out_csv), str(out_json))
    assert done.returncode == 0, done.stderr
    expected = np.array(expected_rows(scene_mod.load(HIMMELBLAU)), dtype=float)
    np.testing.assert_array_equal(read_csv(out_csv)[1], expected)
    doc = json.loads(out_json.read_text())
    np.testing.assert_array_equal(np.array(doc["rows"], dtype=float), expected)
    assert doc["landscape"]["name"] == "himmelblau" and doc["function"] == functions.get("himmelblau").title
    assert [r["start"] for r in doc["runs"]] == [list(r.start) for r in scene_mod.load(HIMMELBLAU).runs]


def test_a_bad_suffix_is_refused_in_words_and_writes_nothing(tmp_path):
    from app.export import EncoderError, RunsData, export_data

    with pytest.raises(EncoderError, match=r"\.csv or \.json"):
        export_data(RunsData({}, "f", ()), tmp_path / "runs.txt")
    assert not list(tmp_path.iterdir())
