"""Help ▸ About: the versions a bug report needs, selectable and copyable; the app's desktop file name and version."""
from __future__ import annotations

import platform
import re
import tomllib
from pathlib import Path

import numpy
import pyqtgraph
import PySide6
from PySide6.QtCore import QCoreApplication, Qt, QTimer, QTranslator, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from app.about import about_box, show_about

ROOT = Path(__file__).resolve().parents[2]
VERSION = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _plain(html_text: str) -> str:
    return re.sub(r"<[^>]+>", " ", html_text).replace("&nbsp;", " ")


def test_about_box_names_every_version(qapp):
    box = about_box(None)
    try:
        words = _plain(box.text()).split()
        assert words[:3] == ["Descent", "Lab", VERSION]
        for name, v in (("Python", platform.python_version()), ("Qt", qVersion()), ("PySide6", PySide6.__version__),
                        ("pyqtgraph", pyqtgraph.__version__), ("NumPy", numpy.__version__)):
            assert words[words.index(name) + 1] == v, name
        assert box.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    finally:
        box.deleteLater()


def test_copy_versions_puts_them_on_the_clipboard(qapp):
    QGuiApplication.clipboard().setText("")

    def press_copy():
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.copy_button.click()

    QTimer.singleShot(100, press_copy)
    show_about(None)
    lines = QGuiApplication.clipboard().text().splitlines()
    assert lines[:6] == [f"Descent Lab {VERSION}", f"Python {platform.python_version()}", f"Qt {qVersion()}",
                         f"PySide6 {PySide6.__version__}", f"pyqtgraph {pyqtgraph.__version__}",
                         f"NumPy {numpy.__version__}"]
    assert lines[6].startswith("OS ")


def test_close_does_not_touch_the_clipboard(qapp):
    QGuiApplication.clipboard().setText("kept")

    def press_close():
        box = QApplication.activeModalWidget()
        box.button(QMessageBox.StandardButton.Close).click()

    QTimer.singleShot(100, press_close)
    show_about(None)
    assert QGuiApplication.clipboard().text() == "kept"


def test_create_app_sets_the_desktop_file_name_and_version(qapp):
    from app.__main__ import create_app
    from app.desktop_entry import DESKTOP_FILE

    before = set(qapp.findChildren(QTranslator))
    try:
        assert create_app([]) is qapp
        # the launcher `install-desktop-entry` writes is <desktopFileName>.desktop, so windows group under it
        assert QGuiApplication.desktopFileName() + ".desktop" == DESKTOP_FILE == "descent-lab.desktop"
        assert QCoreApplication.applicationVersion() == VERSION
    finally:
        for t in set(qapp.findChildren(QTranslator)) - before:  # the system locale's, if it has a catalogue
            qapp.removeTranslator(t)
