"""The main window: opens on Himmelblau with its docks, menus and shortcuts; remembers settings; survives bad ones."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QDockWidget, QFileDialog, QMessageBox, QTableWidget

import pytest

from app.main_window import MainWindow
from tests.app.conftest import make_window, unrestored_window
from engine import functions

ROOT = Path(__file__).resolve().parents[2]




@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def test_opens_on_default_landscape_with_panels(window):
    assert window.state.function.name == "himmelblau"
    assert window.landscape.result.request.function.name == "himmelblau"
    assert window.centralWidget() is window.views and window.views.widget(0) is window.landscape
    names = {d.objectName() for d in window.findChildren(QDockWidget)}
    assert {"optimizer_dock", "landscape_dock", "runs_dock", "curves_dock", "inspector_dock"} <= names
    for menu in (window.file_menu, window.view_menu, window.playback_menu, window.help_menu):
        assert menu.actions()
    assert window.hover_label.text()


def test_the_window_opens_at_the_size_asked_for_on_a_1280_by_800_screen(qtbot, tmp_path):
    """Docks tabbed only after the first show used to be stacked when show() fitted the window to its minimum: it
    opened 874 px tall, taller than the laptop screen it was sized for."""
    w = unrestored_window(qtbot, tmp_path / "s.ini")  # MainWindow asks for 1280 × 800 itself
    QApplication.processEvents()
    assert (w.width(), w.height()) == (1280, 800)
    assert w.minimumSizeHint().height() <= 800 and w.docks["hypermap_dock"].isVisible()
    w.compute.wait(10_000)


def test_opening_the_calculus_tools_keeps_the_window_on_a_1280_by_800_screen(qtbot, tmp_path):
    """The Slices view and the directional-derivative probe scroll when the window is short (they made it 928 px
    tall); each is given the height its content asks for where its column has room."""
    w = unrestored_window(qtbot, tmp_path / "s.ini")
    heights = {}
    for name in ("slices_dock", "probe_dock"):
        heights[name] = w.docks[name].height()
        w.docks[name].show()
        qtbot.waitUntil(lambda n=name: w.docks[n].isVisible())
        qtbot.wait(50)
    assert (w.width(), w.height()) == (1280, 800)
    slices, curves = w.docks["slices_dock"], w.docks["curves_dock"]
    # the room went to the tool: its content fits, or the tabs above it (loss curves, local quadratic, hyper-parameter
    # map) are down to the tallest of their minimums
    tabs = max(w.docks[n].minimumSizeHint().height() for n in ("curves_dock", "analysis_dock", "hypermap_dock"))
    assert slices.height() >= slices.widget().widget().minimumSizeHint().height() or curves.height() <= tabs + 1
    assert slices.height() > heights["slices_dock"] or slices.height() > 200
    w.compute.wait(10_000)


def test_every_action_has_a_tooltip_and_shortcuts_are_unique(window):
    rows = window.shortcut_rows()
    keys = [k for k, _ in rows if "+" in k or len(k) <= 6]
    assert len(keys) == len(set(keys)), keys
    listed = dict(rows)
    for key in ("Space", "Right", "Left", "Home", "End", "R", "Ctrl+0", "G", "L", "M", "A", "F1", "Ctrl+Q"):
        assert key in listed, key
    for action in window.findChildren(type(window.quit_action)):
        if action.text() and not action.isSeparator():
            assert action.toolTip(), action.text()


def test_view_toggles_write_display_state(window):
    d = window.state.display
    window.field_action.trigger()
    assert window.state.display.show_field is (not d.show_field)
    window.log_action.trigger()
    assert window.state.display.log_scale is (not d.log_scale)
    window.density_actions[30].trigger()
    assert window.state.display.field_density == 30
    window.resolution_actions[200].trigger()
    assert window.state.resolution == 200
    window.contour_actions[40].trigger()
    assert window.state.display.contours == 40


def test_engine_errors_reach_the_status_bar(window):
    window.state.set_optimizer(lr=0.01)
    window.state.message.emit("Run 3: lr must be a finite number > 0")
    assert "lr must be" in window.statusBar().currentMessage()


def test_settings_are_remembered(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    w = make_window(qtbot, path)
    w.state.set_landscape(functions.get("booth"))
    w.state.set_display(colormap="inferno", field_density=15, show_minima=False)
    w.state.set_optimizer(name="adam", lr=0.05, steps=321)
    w.playback.set_speed(250)
    w.playback.set_loop(True)
    w.docks["curves_dock"].hide()
    w.close()
    w2 = make_window(qtbot, path)
    s = w2.state
    assert s.function.name == "booth"
    assert (s.display.colormap, s.display.field_density, s.display.show_minima) == ("inferno", 15, False)
    assert (s.optimizer.name, s.optimizer.lr, s.optimizer.steps) == ("adam", 0.05, 321)
    assert w2.playback.speed == 250 and w2.playback.loop
    assert not w2.docks["curves_dock"].isVisible()
    assert w2.colormap_actions["inferno"].isChecked()


def test_corrupt_settings_do_not_stop_the_app(qtbot, tmp_path):
    path = tmp_path / "settings.ini"
    bad = QSettings(str(path), QSettings.Format.IniFormat)
    bad.setValue("landscape/name", "no-such-function")
    bad.setValue("display", "{not json")
    bad.setValue("optimizer", '{"name": "gd", "lr": -3}')
    bad.setValue("playback/speed", "fast")
    bad.sync()
    w = make_window(qtbot, path)
    assert w.state.function.name == "himmelblau"
    assert w.state.optimizer.lr == 0.01  # an invalid saved learning rate is refused, the default stays
    message = w.statusBar().currentMessage()
    assert "ignored" in message and "landscape" in message and "optimizer" in message


def test_shortcuts_dialog_and_about_box(window, qtbot):
    window.shortcuts_action.trigger()
    table = window.shortcuts_dialog.findChild(QTableWidget)
    assert window.shortcuts_dialog.isVisible()
    assert table.rowCount() == len(window.shortcut_rows())
    assert any(table.item(r, 0).text() == "Space" for r in range(table.rowCount()))
    window.shortcuts_dialog.close()

    seen = []

    def close_box():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            box.close()

    QTimer.singleShot(100, close_box)
    window.about_action.trigger()
    assert seen and "Descent Lab" in seen[0]


def test_run_gui_entry_point_builds_the_window(qtbot, monkeypatch, tmp_path):
    import app.__main__ as entry

    monkeypatch.setattr(QApplication, "exec", lambda self: 0)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path))
    assert entry.run_gui([]) == 0
    app = QApplication.instance()
    assert app.applicationName() == "Descent Lab"
    assert not app.windowIcon().isNull()
    windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
    assert windows
    for w in windows:
        w.close()
    QSettings.setDefaultFormat(QSettings.Format.NativeFormat)


def test_formula_tab_applies_a_formula_and_follows_the_landscape_source(window, qtbot):
    window.formula_action.trigger()
    assert window.landscape_tabs.currentWidget() is window.formula_panel
    window.formula_panel.edit.setText("x**2 + 3*y**2")
    qtbot.keyClick(window.formula_panel.edit, "\r")
    qtbot.waitUntil(lambda: window.state.landscape_source.get("kind") == "formula", timeout=3000)
    gx, gy = window.state.function.gradient(1.0, 2.0)
    assert (float(gx), float(gy)) == (2.0, 12.0)  # ∂/∂x x² = 2x, ∂/∂y 3y² = 6y at (1, 2)
    qtbot.waitUntil(lambda: window.landscape.result.request.function is window.state.function, timeout=5000)
    window.state.set_landscape(functions.get("booth"))
    window.compute.wait()  # the tab follows in an event-loop pass of its own (ComputeService.later)
    assert window.landscape_tabs.currentWidget() is window.landscape_picker


def test_3d_tab_is_there_and_says_why_when_opengl_is_missing(window):
    window.view_3d_action.trigger()
    assert window.views.currentWidget() is window.surface3d
    # offscreen tests have no OpenGL: the tab explains itself and the 2D map keeps working
    window.state.add_run((0.0, 0.0))
    window.view_3d_action.trigger()
    assert window.views.currentWidget() is window.landscape


@pytest.mark.parametrize("answer, closes", [("Cancel", False), ("Discard", True)])
def test_quit_with_unsaved_changes_asks_first(window, qtbot, monkeypatch, answer, closes):
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append(text)
        return getattr(QMessageBox.StandardButton, answer)

    monkeypatch.setattr(QMessageBox, "question", question)
    window.state.add_run((1.0, 1.0))                      # a change the scene file does not have yet
    assert window.file_actions.modified and window.isWindowModified()
    assert window.quit() is closes
    assert len(asked) == 1 and "unsaved changes" in asked[0]
    assert window.isVisible() is not closes


def test_quit_with_unsaved_changes_can_save_them(window, qtbot, monkeypatch, tmp_path):
    path = tmp_path / "kept.json"
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Save)
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(path), ""))
    window.state.add_run((1.0, 1.0))
    assert window.quit() is True and not window.isVisible()
    saved = json.loads(path.read_text())
    assert len(saved["runs"]) == 1 and saved["runs"][0]["start"] == [1.0, 1.0]


def test_quit_without_changes_does_not_ask(window, qtbot, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *a: pytest.fail("asked with nothing to save"))
    assert not window.file_actions.modified
    assert window.quit_action.shortcut().toString() == "Ctrl+Q"
    window.quit_action.trigger()
    assert not window.isVisible()


def test_start_up_waits_for_neither_sympy_nor_numba(tmp_path):
    """The first paint should not wait for what a hidden tab needs: sympy (the Formula tab, ~0.5 s to import) and
    numba (network mode). Showing the Formula tab then loads sympy and checks the field's formula."""
    script = f"""
import json, os, sys
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.main_window import MainWindow
w = MainWindow(settings=QSettings({str(tmp_path / 's.ini')!r}, QSettings.Format.IniFormat))
w.show()
app.processEvents()
at_start = {{m: m in sys.modules for m in ("sympy", "numba")}}
w.landscape_tabs.setCurrentWidget(w.formula_panel)
app.processEvents()
from PySide6.QtGui import QGuiApplication
result = {{"at_start": at_start, "sympy_after": "sympy" in sys.modules,
          "cursor_restored": QGuiApplication.overrideCursor() is None,
          "checked": w.formula_panel._info is not None, "limit": w.formula_panel.edit.maxLength()}}
w.close()
print(json.dumps(result), flush=True)
os._exit(0)
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=env)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["at_start"] == {"sympy": False, "numba": False}
    assert r["sympy_after"] and r["checked"] and r["limit"] < 32767 and r["cursor_restored"]


def test_a_network_example_being_built_is_not_an_unsaved_change(window, qtbot):
    """While a network scene builds, the model still holds the previous scene: the previous runs' trajectories that
    arrive meanwhile must not mark the new scene modified (on a loaded machine they did, and the next example asked
    to save changes nobody made)."""
    from app.resources import example_scenes

    examples = {p.stem: p for p in example_scenes()}
    fa = window.file_actions
    assert fa.open_example(examples["himmelblau-four-basins"])
    assert fa.open_example(examples["network-slice"])     # returns at once; the network builds in a lane
    assert window.state.building is not None
    window.state.runsChanged.emit()                        # e.g. a trajectory of the previous scene arriving now
    assert not fa.modified and not window.isWindowModified()
    qtbot.waitUntil(lambda: window.state.building is None and not window.compute.busy(), timeout=60_000)
    assert window.state.landscape_source["kind"] == "network"
    assert not fa.modified                                 # the built scene is the one opened
    window.state.add_run((0.1, 0.1))
    assert fa.modified                                     # and a real change still counts
    fa.modified = False
