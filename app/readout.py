"""A text readout that changes on every cursor move without re-laying out the window.

``QLabel.setText`` asks the parent layout to recompute (its size hint may have changed); in a dock that request climbs
to the main window, which then re-lays out and repaints every dock and the status bar, on every mouse move. This
widget keeps a fixed height of ``lines`` lines (the width follows the layout) and only repaints itself: word-wrapped
plain text, elided when it would need more lines.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QColor, QPainter, QPalette, QTextDocument
from PySide6.QtWidgets import QSizePolicy, QWidget


class TextReadout(QWidget):
    def __init__(self, lines: int = 1, colour: str | None = None, parent: QWidget | None = None,
                 sample: str = "") -> None:
        """``sample``: a typical text, whose width is the readout's preferred width (where no layout gives it one,
        e.g. in a status bar); without it the width is the layout's."""
        super().__init__(parent)
        self._text = ""
        self._lines = max(1, int(lines))
        self._colour = QColor(colour) if colour else None
        self._width = self.fontMetrics().horizontalAdvance(sample) + 8 if sample else 200
        horizontal = QSizePolicy.Policy.Preferred if sample else QSizePolicy.Policy.Ignored
        self.setSizePolicy(horizontal, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() * self._lines + 4)

    def text(self) -> str:
        return self._text

    def setText(self, text: str) -> None:
        if text != self._text:
            self._text = text
            self.update()  # a repaint of this widget only: the size never depends on the text

    def sizeHint(self) -> QSize:
        return QSize(self._width, self.height())

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        if self._colour is not None:
            painter.setPen(self._colour)
        rect = QRect(2, 2, self.width() - 4, self.height() - 4)
        painter.drawText(rect, int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap),
                         self._text)
        painter.end()


class RichReadout(QWidget):
    """Rich text (a QLabel's subset of HTML), or plain text with ``rich=False``, that changes often without
    re-laying out the window: word-wrapped to the width the layout gives, the widget's height changes only when the
    text needs another number of lines."""

    def __init__(self, parent: QWidget | None = None, rich: bool = True) -> None:
        super().__init__(parent)
        self._html = ""
        self._rich = rich
        self._doc = QTextDocument()
        self._doc.setDocumentMargin(0)
        self._doc.setDefaultFont(self.font())
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.setFixedHeight(self.fontMetrics().lineSpacing() + 4)

    def text(self) -> str:
        return self._html

    def setText(self, html: str) -> None:
        if html != self._html:
            self._html = html
            if self._rich:
                self._doc.setHtml(html)
            else:
                self._doc.setPlainText(html)
            self._fit()
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(200, self.height())

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit()

    def _fit(self) -> None:
        self._doc.setTextWidth(max(self.width() - 4, 40))
        height = math.ceil(self._doc.size().height()) + 4
        if height != self.height():
            self.setFixedHeight(height)  # the only change that lays the window out again

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.translate(2, 2)
        context = QAbstractTextDocumentLayout.PaintContext()
        context.palette = self.palette()
        context.palette.setColor(QPalette.ColorRole.Text, self.palette().color(QPalette.ColorRole.WindowText))
        self._doc.documentLayout().draw(painter, context)
        painter.end()
