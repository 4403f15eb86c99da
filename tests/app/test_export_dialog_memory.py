"""The export dialog remembers the file, format, panels, size, frame rate and hold between uses and between sessions
(issue 13 item 11), and ignores remembered values it cannot use."""
from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog

import app.export_dialog as export_dialog
from app.export_dialog import ExportAnimationDialog, run_export_dialog
from app.export_settings import GROUP, restore_export_options
from tests.app.conftest import make_window


def test_choices_come_back_in_the_next_dialog_and_the_next_session(qtbot, tmp_path, monkeypatch):
    settings_path = tmp_path / "settings.ini"
    window = make_window(qtbot, settings_path)
    seen = []

    def fake_exec(dialog):
        seen.append(dialog)
        if len(seen) == 1:  # the first time the user picks everything
            dialog.format.setCurrentIndex(dialog.format.findData("gif"))
            dialog.panels.setCurrentIndex(dialog.panels.findData("landscape+loss"))
            dialog.preset.setCurrentIndex(dialog.preset.count() - 1)  # the last preset: 800 × 800
            dialog.fps.setValue(24)
            dialog.hold.setValue(3.5)
            dialog.path.setText(str(tmp_path / "lecture" / "himmelblau.gif"))
            dialog.overlay_options.legend.setChecked(False)  # the defaults: title, legend, counter on; rule off
            dialog.overlay_options.rule.setChecked(True)
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportAnimationDialog, "exec", fake_exec)
    monkeypatch.setattr(export_dialog.ExportRunner, "start", lambda self: None)
    scene = window.state.to_scene()
    run_export_dialog(window, scene)
    run_export_dialog(window, scene)
    again = seen[1]
    assert again.fmt() == "gif" and again.panels.currentData() == "landscape+loss"
    assert (again.width_box.value(), again.height_box.value()) == (800, 800)
    assert tuple(again.preset.currentData()) == (800, 800)
    assert again.fps.value() == 24 and again.hold.value() == 3.5
    assert again.path.text() == str(tmp_path / "lecture" / "himmelblau.gif")
    o = again.overlay_options
    assert (o.title.isChecked(), o.legend.isChecked(), o.counter.isChecked(), o.rule.isChecked()) == (
        True, False, True, True)
    window.close()
    # a new session reads them from the settings file
    fresh = ExportAnimationDialog(None, default_path="/x/descent.mp4")
    qtbot.addWidget(fresh)
    restore_export_options(fresh, QSettings(str(settings_path), QSettings.Format.IniFormat))
    assert fresh.fmt() == "gif" and fresh.path.text().endswith("himmelblau.gif")
    assert not fresh.overlay_options.legend.isChecked() and fresh.overlay_options.rule.isChecked()


def test_unusable_remembered_values_keep_the_defaults(qtbot, tmp_path):
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    for key, value in {"format": "avi", "panels": 3, "width": "wide", "height": 10**9, "fps": -4,
                       "hold": "x", "overlay_legend": "maybe"}.items():
        settings.setValue(f"{GROUP}/{key}", value)
    dialog = ExportAnimationDialog(None, default_path="/x/descent.mp4")
    qtbot.addWidget(dialog)
    restore_export_options(dialog, settings)
    assert dialog.fmt() == "mp4" and dialog.panels.currentData() == "landscape"
    assert (dialog.width_box.value(), dialog.height_box.value(), dialog.fps.value()) == (1280, 720, 30)
    assert dialog.path.text() == "/x/descent.mp4"
    assert dialog.overlay_options.legend.isChecked()
