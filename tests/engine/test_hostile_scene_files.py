"""Special files as scenes (issue 18 item 5): a FIFO, a device, a folder are refused in one line, at once.

Each call runs in a subprocess with a timeout, so that a hang (the bug: ``open()`` on a FIFO waits for a writer for
ever) fails the test instead of stalling the suite."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs POSIX FIFOs")

LOAD = "import sys; from engine.scene import load, SceneError\n" \
       "try:\n    load(sys.argv[1])\nexcept SceneError as e:\n    print(e)\n    sys.exit(3)\n"


def _run(args, timeout=60):
    try:
        return subprocess.run([sys.executable, *args], capture_output=True, text=True, cwd=ROOT, timeout=timeout,
                              env={**os.environ, "QT_QPA_PLATFORM": "offscreen"})
    except subprocess.TimeoutExpired:
        pytest.fail(f"{args} hung for {timeout} s")


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "scene.json"
    os.mkfifo(path)
    return path


def test_load_refuses_a_fifo_without_blocking(fifo):
    proc = _run(["-c", LOAD, str(fifo)], timeout=30)
    assert proc.returncode == 3 and "pipe" in proc.stdout and proc.stdout.count("\n") == 1, proc


@pytest.mark.parametrize("special, words", [("/dev/null", "device"), ("/dev/zero", "device"), (".", "folder")])
def test_load_refuses_other_special_files(special, words):
    proc = _run(["-c", LOAD, special], timeout=30)
    assert proc.returncode == 3 and words in proc.stdout, proc


@pytest.mark.parametrize("command", ["open", "export"])
def test_cli_refuses_a_fifo_in_one_line(fifo, tmp_path, command):
    extra = ["-o", str(tmp_path / "out.png")] if command == "export" else []
    proc = _run(["-m", "app.cli", command, str(fifo), *extra], timeout=60)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "pipe" in proc.stderr, proc
    assert sorted(p.name for p in tmp_path.iterdir()) == ["scene.json"]   # nothing written beside it


def test_a_regular_scene_still_loads():
    proc = _run(["-c", LOAD, str(ROOT / "app" / "resources" / "scenes" / "himmelblau-four-basins.json")], timeout=60)
    assert proc.returncode == 0, proc
