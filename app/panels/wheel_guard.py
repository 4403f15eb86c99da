"""Scrolling a panel scrolls the panel: a combo box, spin box or slider under the mouse takes the wheel only once it
has focus (a click or Tab gives it), otherwise the wheel goes on to the scroll area around it.

:func:`guard_wheel` is applied to every dock of the main window and to dialogs; it is idempotent, so it can be called
again after widgets were added.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (QAbstractScrollArea, QAbstractSlider, QAbstractSpinBox, QApplication, QComboBox,
                               QScrollBar, QWidget)

GUARDED = "wheelGuarded"  # property set on a widget once it is guarded


class WheelGuard(QObject):
    """Event filter: a wheel event reaching an unfocused value widget is left for its parents."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
        if event.type() != QEvent.Type.Wheel or obj.hasFocus():
            return False
        area = obj.parentWidget()
        while area is not None and not isinstance(area, QAbstractScrollArea):
            area = area.parentWidget()
        if area is not None:  # the panel's scroll area scrolls, as if the widget were not there
            QApplication.sendEvent(area.viewport(), event)
        else:
            event.ignore()  # left for the parents (Qt hands an ignored wheel event from the window system on)
        return True  # the widget itself never sees it


def guard_wheel(root: QWidget) -> int:
    """Guard every combo box, spin box and slider (not scroll bars) inside ``root``; returns how many were new."""
    guard = root.findChild(WheelGuard, "wheelGuard", Qt.FindChildOption.FindDirectChildrenOnly)
    if guard is None:
        guard = WheelGuard(root)
        guard.setObjectName("wheelGuard")
    count = 0
    for widget in root.findChildren(QWidget):
        if not isinstance(widget, (QComboBox, QAbstractSpinBox, QAbstractSlider)) or isinstance(widget, QScrollBar):
            continue
        if widget.property(GUARDED):
            continue
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # the wheel no longer gives focus (Qt.WheelFocus)
        widget.installEventFilter(guard)
        widget.setProperty(GUARDED, True)
        count += 1
    return count
