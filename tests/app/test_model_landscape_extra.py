"""Without the optional torch extra, File ▸ Compute a model's landscape… is there and says how to install the extra
instead of failing (runs in the core suite: torch is hidden from the import system)."""
from __future__ import annotations

import importlib.util

from PySide6.QtCore import QSettings

from app.main_window import MainWindow


def test_the_menu_entry_says_how_to_install_the_extra(qtbot, tmp_path, monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "torch" else real(name, *a))
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    actions = w.file_actions.model_landscape
    assert actions.action in w.file_menu.actions() and actions.action.isEnabled()
    assert "pip install 'descent-lab[torch]'" in actions.action.toolTip() and "torch" in actions.action.toolTip()
    assert actions.open_dialog() is None and actions.dialog is None
    assert "pip install 'descent-lab[torch]'" in actions.notice.text()
    actions.notice.close()
    assert not actions.runner.running
