"""A number field that says in place why it refuses what was typed, and never keeps showing a refused value.

While typing, a value that would be refused gets a red border and the reason under the field (and in its tooltip).
Enter or leaving the field with a refused value puts back the value in use, the reason staying under the field until
the next edit; an accepted value is announced with :attr:`NumberField.committed`. Any sign, "1e-3" and the Unicode
minus "−" are read; the check (a function of the value returning the reason, or "") decides the rest.
"""
from __future__ import annotations

import math
from typing import Callable

from PySide6.QtCore import QCoreApplication, QLocale, Signal
from PySide6.QtWidgets import QLabel, QLineEdit, QVBoxLayout, QWidget

ERROR_COLOUR = "#d62728"
INVALID_STYLE = f"QLineEdit {{ border: 2px solid {ERROR_COLOUR}; border-radius: 2px; }}"


def tr(text: str) -> str:
    return QCoreApplication.translate("NumberField", text)


def parse_number(text: str) -> float | None:
    """``text`` as a finite float ("0.01", "-3e-4", "−2"), or None."""
    value, ok = QLocale.c().toDouble(text.strip().replace("−", "-"))
    return value if ok and math.isfinite(value) else None


class NumberField(QWidget):
    """A line edit with the reason for refusing its text shown beneath it (``edit``, ``message``)."""

    committed = Signal(float)

    def __init__(self, check: Callable[[float], str], tooltip: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.tooltip = tooltip
        self.value: float | None = None
        self.edit = QLineEdit()
        self.edit.setToolTip(tooltip)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(f"color: {ERROR_COLOUR};")
        self.message.hide()
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(1)
        box.addWidget(self.edit)
        box.addWidget(self.message)
        self.edit.textEdited.connect(self._on_edited)
        self.edit.editingFinished.connect(self._on_finished)

    def reason(self, text: str) -> str:
        """Why ``text`` would be refused, or ""."""
        value = parse_number(text)
        if value is None:
            return tr("Not a number: “{text}”").format(text=text.strip())
        return self.check(value)

    def set_value(self, value: float) -> None:
        """Show the value in use (the state changed); a pending refusal message is dropped."""
        self.value = value
        self.edit.setText(f"{value:g}")
        self._mark("")

    def refuse(self, reason: str) -> None:
        """Show ``reason`` for the value just typed and put back the value in use."""
        if self.value is not None:
            self.edit.setText(f"{self.value:g}")
        self._mark(reason, border=False)

    def is_invalid(self) -> bool:
        return self.message.isVisibleTo(self)

    def _on_edited(self, text: str) -> None:
        self._mark(self.reason(text) if text.strip() else "")

    def _on_finished(self) -> None:
        text = self.edit.text()
        reason = self.reason(text)
        if reason:
            self.refuse(tr("“{text}” refused: {reason}").format(text=text.strip(), reason=reason))
            return
        value = parse_number(text)
        self._mark("")
        if value != self.value:
            self.committed.emit(value)

    def _mark(self, reason: str, border: bool = True) -> None:
        self.edit.setStyleSheet(INVALID_STYLE if reason and border else "")
        self.message.setText(reason)
        self.message.setVisible(bool(reason))
        self.edit.setToolTip(f"{self.tooltip}\n{reason}" if reason else self.tooltip)
