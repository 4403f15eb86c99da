"""Helpers for the GUI tests."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.main_window import MainWindow


def make_window(qtbot, settings_path) -> MainWindow:
    """A shown main window with its own settings file, after its first surface and first paint."""
    w = MainWindow(settings=QSettings(str(settings_path), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    qtbot.waitUntil(lambda: w.landscape.result is not None, timeout=5000)
    w.grab()  # a first paint lets the axes widen to their tick labels, so pixel mappings are final
    qtbot.wait(20)
    return w


def unrestored_window(qtbot, settings_path) -> MainWindow:
    """A shown main window with its own settings file, its layout not restored (the network tests' window)."""
    w = MainWindow(settings=QSettings(str(settings_path), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def let_go(w) -> None:
    """End of a network test: a cheap landscape asked for last, so queued network surfaces are skipped (newest
    wins), and the work still running is waited for."""
    from engine import functions

    w.state.set_landscape(functions.get("sphere"))
    w.compute.wait(60_000)


@pytest.fixture
def zh_CN(qapp, monkeypatch):
    """The app's Simplified Chinese catalogue installed for one test (removed after it)."""
    from app.i18n import install_translator

    monkeypatch.setenv("DESCENT_LAB_LANG", "zh_CN")
    translators = install_translator(qapp)
    assert translators
    yield translators
    for t in translators:
        qapp.removeTranslator(t)
