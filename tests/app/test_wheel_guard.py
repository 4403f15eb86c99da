"""Scrolling over a panel does not change the combo box, spin box or slider under the mouse unless it has focus
(issue 13 item 11): every value widget of every dock is guarded, and an unfocused one passes the wheel on."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox, QScrollArea, QScrollBar,
                               QVBoxLayout, QWidget)

from app.panels.wheel_guard import GUARDED, guard_wheel
from tests.app.conftest import make_window


def wheel(widget, steps=-1):
    """One wheel notch (down for negative steps) over the middle of ``widget``; True if someone accepted it."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(centre, QPointF(widget.mapToGlobal(centre.toPoint())), QPoint(0, 0), QPoint(0, 120 * steps),
                        Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier, Qt.ScrollPhase.NoScrollPhase, False)
    QApplication.sendEvent(widget, event)
    return event.isAccepted()


def test_an_unfocused_combo_passes_the_wheel_to_the_scroll_area(qtbot):
    area = QScrollArea()
    content = QWidget()
    box = QVBoxLayout(content)
    combo = QComboBox()
    combo.addItems(["a", "b", "c"])
    box.addWidget(combo)
    box.addSpacing(2000)  # taller than the area: it can scroll
    area.setWidget(content)
    area.resize(200, 200)
    qtbot.addWidget(area)
    area.show()
    qtbot.waitExposed(area)
    assert guard_wheel(area) == 1 and guard_wheel(area) == 0  # idempotent
    assert combo.focusPolicy() == Qt.FocusPolicy.StrongFocus
    wheel(combo)
    assert combo.currentIndex() == 0
    assert area.verticalScrollBar().value() > 0  # the panel scrolled instead
    combo.setFocus()
    qtbot.waitUntil(combo.hasFocus)
    wheel(combo)
    assert combo.currentIndex() == 1  # once focused it takes the wheel


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def test_every_value_widget_of_every_dock_is_guarded(window, qtbot):
    for dock in window.docks.values():  # as a user opens each panel (tabbed ones become visible when raised)
        dock.show()
        dock.raise_()
        qtbot.wait(5)
    unguarded = []
    for name, dock in window.docks.items():
        for w in dock.findChildren(QWidget):
            if isinstance(w, (QComboBox, QAbstractSpinBox, QAbstractSlider)) and not isinstance(w, QScrollBar):
                if not w.property(GUARDED) or w.focusPolicy() != Qt.FocusPolicy.StrongFocus:
                    unguarded.append(f"{name}: {type(w).__name__} {w.objectName()}")
    assert not unguarded
    combo = window.optimizer_panel.combo
    window.landscape.setFocus()
    before = combo.currentIndex()
    wheel(combo)
    assert combo.currentIndex() == before and window.state.optimizer.name == "gd"
