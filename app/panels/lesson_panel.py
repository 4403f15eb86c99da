"""The Lessons panel: the lesson's title, where you are (step k of n), the caption, and Back / Next.

Thin: it shows what :class:`app.lesson_actions.LessonPlayer` tells it and asks it to move. Captions and titles are
translated through the Qt catalogue (context "Lessons"), so the bundled lessons read in the user's language.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget


def _tr(text: str) -> str:
    return QCoreApplication.translate("LessonPanel", text)


def lesson_text(text: str) -> str:
    """A lesson's title or caption in the user's language (the file's English when there is no translation)."""
    return QCoreApplication.translate("Lessons", text)


class LessonPanel(QWidget):
    """Shows one step; ``moveRequested(+1 / −1)`` when the user presses Next / Back."""

    moveRequested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("lesson_panel")
        self.title = QLabel(_tr("No lesson open"))
        self.title.setObjectName("lesson_title")
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.progress = QLabel()
        self.caption = QLabel(_tr("Choose a lesson from the Lessons menu."))
        self.caption.setObjectName("lesson_caption")
        self.caption.setWordWrap(True)
        self.caption.setTextFormat(Qt.TextFormat.PlainText)
        self.caption.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.back = QPushButton(_tr("◀ Back"))
        self.next = QPushButton(_tr("Next ▶"))
        self.back.setObjectName("lesson_back")
        self.next.setObjectName("lesson_next")
        self.back.clicked.connect(lambda: self.moveRequested.emit(-1))
        self.next.clicked.connect(lambda: self.moveRequested.emit(+1))
        self.back.setEnabled(False)
        self.next.setEnabled(False)
        buttons = QHBoxLayout()
        buttons.addWidget(self.progress)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.caption, 1)
        layout.addLayout(buttons)

    def show_step(self, title: str, caption: str, index: int, count: int) -> None:
        self.title.setText(lesson_text(title))
        self.caption.setText(lesson_text(caption))
        self.progress.setText(_tr("Step {k} of {n}").format(k=index + 1, n=count))
        self.back.setEnabled(index > 0)
        self.next.setEnabled(index < count - 1)
