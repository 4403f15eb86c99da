"""Lessons in the window: the Lessons menu (one entry per bundled lesson), File ▸ Open lesson…, the Lessons panel,
and :class:`LessonPlayer`, which shows a step: its scene (through the model, like File ▸ Open), the panels it names
(the calculus tools it does not name are closed), the pinned point and the chain-rule formula."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox

from app.lessons import Lesson, LessonError, bundled_lesson_files, lesson_header, load
from app.panels.lesson_panel import LessonPanel, lesson_text
from engine.scene import SceneError

DOCKS = {"slices": "slices_dock", "probe": "probe_dock", "chain": "chain_dock", "curves": "curves_dock",
         "inspector": "inspector_dock", "runs": "runs_dock", "optimizer": "optimizer_dock",
         "backprop": "backprop_dock", "data": "data_dock"}
LESSON_TOOLS = ("slices", "probe", "chain")  # closed when a step does not name them
LESSON_WIDTH = 440
LESSON_HEIGHT = 170
LESSON_FILTER = "Descent Lab lessons (*.json);;All files (*)"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Lessons", text)


class LessonPlayer(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.lesson: Lesson | None = None
        self.index = 0
        self.panel = LessonPanel()
        self.panel.moveRequested.connect(lambda d: self.go(self.index + d))
        self.dock = window.add_dock(self.panel, Qt.DockWidgetArea.BottomDockWidgetArea, _tr("Lesson"), "lesson_dock")
        window.splitDockWidget(window.docks["runs_dock"], self.dock, Qt.Orientation.Horizontal)
        self.dock.hide()
        self.files = [(path, *lesson_header(path)) for path in bundled_lesson_files()]  # (path, id, title)
        menu = QMenu(_tr("&Lessons"), window)
        menu.setObjectName("lessons_menu")
        window.menuBar().insertMenu(window.help_menu.menuAction(), menu)
        self.menu = menu
        self.actions = []
        for path, lesson_id, title in self.files:
            act = menu.addAction(lesson_text(title))
            act.setObjectName(f"lesson_{lesson_id}")
            act.triggered.connect(lambda _=False, p=path: self.open_path(p))
            self.actions.append(act)
        menu.addSeparator()
        menu.addAction(self.dock.toggleViewAction())
        self.open_action = window.file_menu.addAction(_tr("Open &lesson…"))
        self.open_action.setToolTip(_tr("Open a lesson file: steps of scenes with captions"))
        self.open_action.triggered.connect(self.open_dialog)

    def start(self, lesson: Lesson) -> None:
        self.lesson = lesson
        self.dock.show()
        self.dock.raise_()
        self.window.resizeDocks([self.dock], [LESSON_WIDTH], Qt.Orientation.Horizontal)  # room for the caption
        self.window.resizeDocks([self.dock], [LESSON_HEIGHT], Qt.Orientation.Vertical)
        self.go(0)

    def go(self, index: int) -> None:
        if self.lesson is None:
            return
        index = max(0, min(index, len(self.lesson.steps) - 1))
        self.index = index
        step = self.lesson.steps[index]
        w = self.window
        try:
            w.state.apply_scene(step.scene)
        except SceneError as err:
            w.show_message(_tr("Cannot show this step: {error}").format(error=err))
            return
        for name in LESSON_TOOLS:
            if name not in step.panels:
                w.docks[DOCKS[name]].hide()
        for name in step.panels:
            dock = w.docks.get(DOCKS[name])
            if dock is not None:
                dock.show()
                dock.raise_()
        if step.point is not None:
            w.calculus_focus.pin(*step.point)
        else:
            w.calculus_focus.unpin()
        if step.chain is not None:
            w.chain_panel.set_formula(step.chain.formula, step.chain.x)
        self.panel.show_step(self.lesson.title, step.caption, index, len(self.lesson.steps))

    def open_dialog(self) -> bool:
        name, _ = QFileDialog.getOpenFileName(self.window, _tr("Open lesson"), str(Path.home()), _tr(LESSON_FILTER))
        return self.open_path(name) if name else False

    def open_path(self, path) -> bool:
        """Open a teacher's lesson file; a broken one is refused with one clear message, nothing changes."""
        try:
            lesson = load(path)
        except LessonError as err:
            QMessageBox.warning(self.window, _tr("Cannot open the lesson"), str(err))
            return False
        self.start(lesson)
        return True
