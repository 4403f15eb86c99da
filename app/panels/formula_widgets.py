"""Widgets of the Formula panel: the formula line edit with its history keys, a flow layout for the example
buttons, and the helpers that read the recent formulas and set engine text as math."""
from __future__ import annotations

import html
import re

from PySide6.QtCore import QCoreApplication, QPoint, QRect, QSettings, QSize, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QLabel, QLayout, QLineEdit, QToolButton, QWidget

RECENT_KEY = "formula/recent"
MAX_RECENT = 20
_VARIABLE = re.compile(r"(?<![A-Za-z_])([xy])(?![A-Za-z_])")


def read_recent(settings: QSettings) -> list[str]:
    """The recent formulas stored in ``settings`` (an ini file returns a one-item list as a plain string)."""
    value = settings.value(RECENT_KEY)
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [s for s in items if isinstance(s, str) and s.strip()][:MAX_RECENT]


def fill_recent_menu(menu, items: list[str], use, clear) -> None:
    """The Recent menu: each formula (``use(text)`` puts it in the field and applies it), then Clear (``clear()``)."""
    menu.clear()
    if not items:
        menu.addAction(_tr("No recent formulas yet")).setEnabled(False)
        return
    for text in items:
        action = menu.addAction(text)
        action.setToolTip(_tr("Put this formula in the field and apply it"))
        action.triggered.connect(lambda _=False, t=text: use(t))
    menu.addSeparator()
    menu.addAction(_tr("Clear recent formulas"), clear)


def note_label(name: str, tip: str, rich: bool = False, selectable: bool = False, hidden: bool = False,
               style: str = "") -> QLabel:
    """A word-wrapped label of the panel (status, error mark, kinks) called ``name``."""
    label = QLabel()
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setToolTip(tip)
    if rich:
        label.setTextFormat(Qt.TextFormat.RichText)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if style:
        label.setStyleSheet(style)
    if hidden:
        label.hide()
    return label


def math_html(text: str) -> str:
    """Engine text (``2·x·cos(y)``) as rich text: serif, with the variables x and y in italics."""
    return _VARIABLE.sub(r"<i>\1</i>", html.escape(text))


class FormulaEdit(QLineEdit):
    """A line edit whose Up/Down keys walk through ``history`` (most recent first), like a shell."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.history: list[str] = []
        self._index = -1  # -1: the user's own text (the draft), 0: most recent, ...
        self._draft = ""
        self.textEdited.connect(self._on_edited)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 (Qt name)
        if event.key() == Qt.Key_Up and self._index + 1 < len(self.history):
            if self._index == -1:
                self._draft = self.text()
            self._index += 1
            self.setText(self.history[self._index])
        elif event.key() == Qt.Key_Down and self._index >= 0:
            self._index -= 1
            self.setText(self._draft if self._index == -1 else self.history[self._index])
        elif event.key() in (Qt.Key_Up, Qt.Key_Down):
            event.accept()  # at either end of the history: stay put, do not move focus
        else:
            super().keyPressEvent(event)

    def reset_history_position(self) -> None:
        self._index = -1

    def _on_edited(self, _text: str) -> None:
        self._index = -1


class FlowLayout(QLayout):
    """Lays out its widgets left to right and wraps them onto new rows, like words (for the example chips)."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 4) -> None:
        super().__init__(parent)
        self._items: list = []
        self.setContentsMargins(0, 0, 0, 0)
        self.setSpacing(spacing)

    def addItem(self, item) -> None:  # noqa: N802
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, i: int):  # noqa: N802
        return self._items[i] if 0 <= i < len(self._items) else None

    def takeAt(self, i: int):  # noqa: N802
        return self._items.pop(i) if 0 <= i < len(self._items) else None

    def expandingDirections(self):  # noqa: N802
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802
        return self._arrange(QRect(0, 0, width, 0), move=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802
        super().setGeometry(rect)
        self._arrange(rect, move=True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return self.minimumSize()

    def minimumSize(self) -> QSize:  # noqa: N802
        size = QSize()
        for item in self._items:
            size = size.expandedTo(item.minimumSize())
        return size

    def _arrange(self, rect: QRect, move: bool) -> int:
        x, y, row_height, gap = rect.x(), rect.y(), 0, self.spacing()
        for item in self._items:
            hint = item.sizeHint()
            if x + hint.width() > rect.right() + 1 and row_height > 0:
                x, y, row_height = rect.x(), y + row_height + gap, 0
            if move:
                item.setGeometry(QRect(QPoint(x, y), hint))
            x += hint.width() + gap
            row_height = max(row_height, hint.height())
        return y + row_height - rect.y()


def _tr(text: str) -> str:
    return QCoreApplication.translate("FormulaPanel", text)


def _formula():
    from engine import formula  # loads sympy: only when a text is asked for
    return formula


def help_text() -> str:
    """What a formula may contain, for the panel's help button."""
    names = ", ".join(sorted(n for n in _formula().FUNCTIONS if n not in ("min", "max")))
    return "\n".join([
        _tr("Accepted in a formula:"),
        _tr("  variables x and y; numbers such as 2, 0.5, 1e-3; the constants pi and e"),
        _tr("  + − * /, powers with ^ or ** (x^2 is the same as x**2), parentheses"),
        _tr("  functions: {names}").format(names=names),
        _tr("  min(a, b) and max(a, b) of two arguments"),
        _tr("Write products explicitly: 2*x, not 2x."),
        _tr("Not smooth: abs, min, max, sqrt and fractional powers (the note below the gradient says where)."),
        _tr("Where f is undefined (log of a negative number, 1/0) the surface is left blank."),
    ])


def kink_text(kink: str) -> str:
    """Where a non-smooth part of a formula has no ordinary gradient."""
    texts = {
        "abs": _tr("abs has a kink at 0: the gradient there is a subgradient (sign(0) = 0)."),
        "min": _tr("min has a kink where its two arguments are equal: the gradient there is a subgradient "
                       "(the average of both sides)."),
        "max": _tr("max has a kink where its two arguments are equal: the gradient there is a subgradient "
                       "(the average of both sides)."),
        "sqrt": _tr("sqrt has an infinite slope at 0: the gradient there is infinite, and a run that reaches "
                        "it diverges."),
        "^": _tr("A fractional power such as x^0.5 has an infinite slope at 0, and is undefined below 0."),
    }
    if kink in texts:
        return texts[kink]
    function = _formula().FUNCTIONS.get(kink)
    return _tr("{name} is not smooth: {where}.").format(name=kink, where=function.kink if function else "?")


def example_chips(examples, pick) -> tuple[QWidget, list[QToolButton]]:
    """A flow of round buttons, one per example formula; ``pick(text)`` when one is clicked."""
    chips = QWidget()
    chips.setToolTip(_tr("Example formulas: click one to use it"))
    flow = FlowLayout(chips)
    buttons = []
    for text in examples:
        chip = QToolButton()
        chip.setText(text)
        chip.setAutoRaise(False)
        chip.setToolTip(_tr("Show the landscape of f(x, y) = {formula}").format(formula=text))
        chip.setStyleSheet("QToolButton { border: 1px solid palette(mid); border-radius: 9px; padding: 1px 7px; }"
                           "QToolButton:hover { background: palette(midlight); }")
        chip.clicked.connect(lambda _=False, t=text: pick(t))
        flow.addWidget(chip)
        buttons.append(chip)
    return chips, buttons
