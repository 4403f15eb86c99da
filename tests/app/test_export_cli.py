"""The same scene exported from the window and from `descent-lab export`; the command's errors; the File menu."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageSequence
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox

from app import cli
from app.export_dialog import AnimationOptions, ExportAnimationDialog, ExportRunner
from app.resources import example_scene
from engine import scene as scene_mod

HIMMELBLAU = example_scene("himmelblau-four-basins.json")


def _cli(*args, cwd=None):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, cwd=cwd,
                          env=env, timeout=120)


def _frames(path):
    with Image.open(path) as im:
        return [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(im)]


@pytest.fixture
def window(qtbot, tmp_path, monkeypatch):
    from app.main_window import MainWindow

    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    messages = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: messages.append(a[2]))
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: messages.append(a[2]))
    w.messages = messages
    return w


# ------------------------------------------------------------------------------------------------------ the command
def test_cli_gif_has_ten_frames(tmp_path):
    out = tmp_path / "x.gif"
    result = _cli("export", str(HIMMELBLAU), "-o", str(out), "--size", "320x240", "--fps", "10", "--duration", "1")
    assert result.returncode == 0, result.stderr
    with Image.open(out) as im:
        assert im.n_frames == 10 and im.size == (320, 240)


@pytest.mark.parametrize("size", ["321x240", "320x", "big", "320x240x1"])
def test_cli_bad_size_exits_2_with_one_line(tmp_path, size):
    result = cli.main(["export", str(HIMMELBLAU), "-o", str(tmp_path / "x.mp4"), "--size", size])
    assert result == 2
    assert list(tmp_path.iterdir()) == []


def test_cli_errors_are_one_line_and_leave_nothing(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    broken = tmp_path / "broken.json"
    broken.write_text('{"format": "descent-lab-scene", "version": 1, "landscape": {"kind": "function", '
                      '"name": "nope"}, "view": {"x": [0, 1], "y": [0, 1]}}')
    cases = [
        ((str(HIMMELBLAU), "-o", str(tmp_path / "x.gif"), "--size", "321x240"), "size must be WxH with even"),
        ((str(broken), "-o", str(tmp_path / "x.gif")), "broken.json: landscape.name"),
        ((str(HIMMELBLAU), "-o", str(blocker / "x.gif"), "--size", "320x240", "--duration", "0.2"),
         "cannot write to"),
        ((str(HIMMELBLAU), "-o", str(tmp_path / "x.avi"), "--size", "320x240"), "cannot tell what to write"),
    ]
    for args, message in cases:
        result = _cli("export", *args)
        lines = result.stderr.strip().splitlines()
        assert result.returncode == 2 and len(lines) == 1 and message in lines[0], result.stderr
        assert "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["broken.json", "file"]


def test_cli_exports_image_and_data(tmp_path):
    for name in ("v.png", "v.svg", "d.csv", "d.json"):
        result = _cli("export", str(HIMMELBLAU), "-o", str(tmp_path / name), "--size", "320x240")
        assert result.returncode == 0, result.stderr
    with Image.open(tmp_path / "v.png") as im:
        assert im.size == (320, 240)
    assert (tmp_path / "d.csv").read_text().startswith("run,step,x,y,f,dfdx,dfdy\n")


def test_cli_open_refuses_a_broken_scene_with_one_line(tmp_path):
    broken = tmp_path / "b.json"
    broken.write_text("{not json")
    result = _cli("open", str(broken))
    assert result.returncode == 2 and result.stderr.count("\n") == 1 and "not valid JSON" in result.stderr


# ------------------------------------------------------------------------------------------------ window and command
def _run_gui_export(qtbot, window, options) -> ExportRunner:
    runner = ExportRunner(window.file_actions.current_scene(), options, window, quiet=True)
    with qtbot.waitSignal(runner.finished, timeout=60_000):
        runner.start()
    return runner


def test_gui_and_cli_exports_give_identical_apng_frames(qtbot, window, tmp_path):
    assert window.file_actions.open_path(HIMMELBLAU)
    gui = tmp_path / "gui.apng"
    _run_gui_export(qtbot, window, AnimationOptions(gui, "apng", (320, 240), 10.0, None, 1.0, 0.0, "landscape"))
    cli_out = tmp_path / "cli.apng"
    result = _cli("export", str(HIMMELBLAU), "-o", str(cli_out), "--size", "320x240", "--fps", "10", "--duration", "1")
    assert result.returncode == 0, result.stderr
    a, b = _frames(gui), _frames(cli_out)
    assert len(a) == len(b) == 10
    for fa, fb in zip(a, b):
        np.testing.assert_array_equal(fa, fb)


def test_gui_export_keeps_the_window_responsive_and_cancel_leaves_nothing(qtbot, window, tmp_path):
    window.file_actions.open_path(HIMMELBLAU)
    window.compute.wait()  # the scene's runs, whose frames the slider below moves through
    target = tmp_path / "keep.mp4"
    target.write_bytes(b"old")
    options = AnimationOptions(target, "mp4", (320, 240), 30.0, 1.0, None, 0.0, "landscape")
    runner = ExportRunner(window.file_actions.current_scene(), options, window, quiet=True)
    runner.start()
    qtbot.waitUntil(lambda: runner.job is not None and runner.job.done >= 3, timeout=20_000)
    window.state.set_frame(30)  # the window is usable while the export runs
    assert window.state.frame == 30 and runner.running
    from PySide6.QtWidgets import QPushButton
    button = runner.progress.findChild(QPushButton)
    assert button is not None and button.text() == "Cancel"
    with qtbot.waitSignal(runner.cancelled, timeout=5000):
        button.click()  # what the user does
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["keep.mp4"]


def test_gui_export_into_an_unwritable_place_reports_the_write_error(qtbot, window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    runner = ExportRunner(window.file_actions.current_scene(),
                          AnimationOptions(blocker / "x.gif", "gif", (320, 240), 10.0, None, 0.5, 0.0, "landscape"),
                          window)
    with qtbot.waitSignal(runner.failed, timeout=5000) as sig:
        runner.start()
    assert "cannot write to" in sig.args[0] and window.messages and "cannot write to" in window.messages[-1]
    assert sorted(p.name for p in tmp_path.iterdir() if p.name != "settings.ini") == ["file"]
    window.state.add_run((0.5, 0.5))  # still responsive
    assert window.state.runs


def test_export_dialog_enforces_even_sizes_and_counts_frames(qtbot):
    dialog = ExportAnimationDialog(None, default_path="/tmp/a.mp4", last_iteration=500)
    qtbot.addWidget(dialog)
    dialog.width_box.setValue(641)
    dialog.height_box.setValue(361)
    dialog.by_duration.setChecked(True)
    dialog.duration.setValue(2.0)
    dialog.fps.setValue(15)
    dialog.hold.setValue(1.0)
    o = dialog.options()
    assert o.size == (642, 362) and o.duration == 2.0 and o.iterations_per_frame is None
    assert dialog.frames() == 30 + 15
    dialog.format.setCurrentIndex(1)
    assert dialog.options().path == Path("/tmp/a.gif")


# ---------------------------------------------------------------------------------------------------- the File menu
def test_file_menu_has_the_actions_and_shortcuts(window):
    fa = window.file_actions
    keys = {a.text().replace("&", ""): a.shortcut().toString() for a in window.file_menu.actions()}
    assert keys["New"] == "Ctrl+N" and keys["Open…"] == "Ctrl+O" and keys["Save"] == "Ctrl+S"
    assert keys["Save As…"] == "Ctrl+Shift+S" and keys["Export animation…"] == "Ctrl+E"
    assert keys["Export image…"] == "Ctrl+Shift+E" and "Export data…" in keys
    assert len(fa.example_actions) == 5
    assert "Himmelblau: four starts, four minima" in [a.text() for a in fa.example_actions]


def test_save_open_title_and_modified_marker(window, tmp_path):
    fa = window.file_actions
    assert "Untitled" in window.windowTitle()
    window.state.add_run((1.0, 1.0))
    assert window.isWindowModified()
    path = tmp_path / "mine.json"
    assert fa.save_to(path)
    assert "mine.json[*]" in window.windowTitle() and not window.isWindowModified()
    window.state.clear_runs()
    assert window.isWindowModified()
    assert fa.open_path(path, confirm=False)
    assert len(window.state.runs) == 1 and not window.isWindowModified()
    assert fa.recent()[0] == str(path.resolve())


def test_examples_open_untitled_with_their_runs(window):
    fa = window.file_actions
    act = [a for a in fa.example_actions if "Rosenbrock" in a.text()][0]
    act.trigger()
    assert window.state.function.name == "rosenbrock" and len(window.state.runs) == 6
    assert fa.path is None and not window.isWindowModified()


def test_broken_file_shows_the_scene_error_and_keeps_the_scene(window, tmp_path):
    fa = window.file_actions
    fa.open_path(HIMMELBLAU)
    bad = tmp_path / "bad.json"
    bad.write_text(HIMMELBLAU.read_text().replace('"lr": 0.01,\n      "hyper"', '"lr": -1,\n      "hyper"', 1))
    before = (window.state.function, len(window.state.runs), fa.path)
    assert not fa.open_path(bad, confirm=False)
    assert window.messages and "bad.json: runs[0].lr" in window.messages[-1]
    assert (window.state.function, len(window.state.runs), fa.path) == before


def test_recent_list_drops_missing_files_and_keeps_ten(window, tmp_path):
    fa = window.file_actions
    paths = []
    for i in range(12):
        p = tmp_path / f"s{i}.json"
        p.write_text(HIMMELBLAU.read_text())
        fa.add_recent(p)
        paths.append(p)
    assert len(fa.recent()) == 10 and fa.recent()[0] == str(paths[-1].resolve())
    paths[-1].unlink()
    assert not fa.open_recent(str(paths[-1].resolve()))
    assert "no longer exists" in window.messages[-1]
    assert str(paths[-1].resolve()) not in fa.recent() and len(fa.recent()) == 9


def test_save_into_an_unwritable_place_shows_the_message(window, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert not window.file_actions.save_to(blocker / "s.json")
    assert "cannot write" in window.messages[-1]


def test_export_image_and_data_from_the_window(window, tmp_path):
    fa = window.file_actions
    fa.open_path(HIMMELBLAU)
    assert fa.export_image_to(tmp_path / "v.png", (400, 300))
    assert fa.export_data_to(tmp_path / "d.json")
    with Image.open(tmp_path / "v.png") as im:
        assert im.size == (400, 300)
    assert scene_mod.load(HIMMELBLAU).runs  # the data file holds the four runs
    import json
    assert len(json.loads((tmp_path / "d.json").read_text())["runs"]) == 4


def test_cli_holds_the_last_frame_one_second_unless_a_duration_is_given(tmp_path):
    from engine import scene as scene_mod

    out = tmp_path / "held.gif"
    result = _cli("export", str(HIMMELBLAU), "-o", str(out), "--size", "320x240", "--fps", "10",
                  "--iterations-per-frame", "50")
    assert result.returncode == 0, result.stderr
    last = max(r.steps for r in scene_mod.load(HIMMELBLAU).runs)  # an upper bound of the last iteration
    with Image.open(out) as im:
        frames = im.n_frames
    assert frames <= last // 50 + 1 + 10 and frames >= 10  # the motion (at most) plus 10 held frames at 10 fps
