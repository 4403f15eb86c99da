"""The File menu: New, Open…, Open Recent, Examples, Save, Save As…, Export animation / image / data.

:class:`FileActions` (made once by the window, kept as ``window.file_actions``) adds the actions to ``window.file_menu``
(before Quit). Scenes go through :meth:`app.model.AppState.apply_scene` (all or nothing:
a refused file leaves the window as it was) and :mod:`engine.scene` (atomic saves). Every error is one message box
with the SceneError / WriteError / EncoderError sentence, never a traceback. The title shows the file name and,
through Qt's ``[*]`` placeholder, a * while there are unsaved changes.
"""
from __future__ import annotations

import dataclasses

from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from engine.atomic import WriteError
from app.export.encoders import EncoderError
from app.model import default_scene
from engine import scene as scene_mod
from engine.scene import SceneError
from app.resources import example_scenes
from app.example_titles import example_title
from app.engine_errors import error_text

RECENT_KEY = "recent_scenes"
MAX_RECENT = 10
SCENE_FILTER = QT_TRANSLATE_NOOP("FileActions", "Descent Lab scenes (*.json)")



UNATTENDED_PLATFORMS = ("offscreen", "minimal")  # nobody can see, let alone answer, a message box there


def unattended() -> bool:
    """True when the window is not on any screen a person looks at (tests, headless rendering)."""
    return QGuiApplication.platformName() in UNATTENDED_PLATFORMS


def _dismiss_when_unattended(title: str) -> None:
    """Close the message box titled ``title`` as soon as its event loop runs, when nobody can answer it: Escape's
    answer (Cancel for a question, OK for a notice) is the safe one, and the app never waits on an invisible box."""
    if not unattended():
        return

    def dismiss() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox) and box.windowTitle() == title:
            box.reject()
            box.close()

    QTimer.singleShot(0, dismiss)


class FileActions(QObject):
    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window
        self.state = window.state
        self.path: Path | None = None
        self.modified = False
        self._applying = False
        self._saved = _document(self.state.to_scene())  # the scene as opened or saved last: "modified" compares to it
        self.example: str | None = None  # the title of the example shown (opened as untitled)
        self.export_runner = None
        self._make_actions()
        for signal in (self.state.landscapeChanged, self.state.viewChanged, self.state.displayChanged,
                       self.state.optimizerChanged, self.state.runsChanged):
            signal.connect(self._on_changed)
        self._update_title()

    # ----- building ------------------------------------------------------------------------
    def _action(self, text: str, shortcut, tip: str, slot) -> QAction:
        action = QAction(text, self.window)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
            native = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({native})")
        else:
            action.setToolTip(tip)
        action.setStatusTip(tip)
        action.triggered.connect(lambda *_: slot())
        return action

    def _make_actions(self) -> None:
        self.new_action = self._action(self.tr("&New"), QKeySequence.StandardKey.New,
                                       self.tr("Start again from the default scene"), self.new_scene)
        self.open_action = self._action(self.tr("&Open…"), QKeySequence.StandardKey.Open,
                                        self.tr("Open a saved scene"), self.open_dialog)
        self.save_action = self._action(self.tr("&Save"), QKeySequence.StandardKey.Save, self.tr("Save the scene"),
                                        self.save)
        self.save_as_action = self._action(self.tr("Save &As…"), "Ctrl+Shift+S",
                                           self.tr("Save the scene under a new name"), self.save_as)
        self.export_animation_action = self._action(self.tr("Export &animation…"), "Ctrl+E",
                                                    self.tr("Write the animation as MP4, GIF or APNG"),
                                                    self.export_animation)
        self.export_image_action = self._action(self.tr("Export &image…"), "Ctrl+Shift+E",
                                                self.tr("Write the current view as PNG (any size) or SVG"),
                                                self.export_image_dialog)
        self.export_data_action = self._action(self.tr("Export &data…"), None,
                                               self.tr("Write the trajectories as CSV or JSON "
                                                       "(run, step, x, y, f, ∂f/∂x, ∂f/∂y)"),
                                               self.export_data_dialog)
        menu = self.window.file_menu
        quit_action = getattr(self.window, "quit_action", None)
        before = quit_action if quit_action in menu.actions() else None

        def add(item):
            if isinstance(item, QAction):
                menu.insertAction(before, item)
            else:
                menu.insertSeparator(before)

        add(self.new_action)
        add(self.open_action)
        from app.surface_actions import SurfaceActions  # File ▸ Open surface… (HDF5 loss surfaces)
        self.surfaces = SurfaceActions(self)
        add(self.surfaces.action)
        from app.model_landscape_dialog import ModelLandscapeActions  # File ▸ Compute a model's landscape…
        self.model_landscape = ModelLandscapeActions(self)
        add(self.model_landscape.action)
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        menu.insertMenu(before, self.recent_menu)
        self.recent_menu.aboutToShow.connect(self._fill_recent)
        self.examples_menu = menu.addMenu(self.tr("E&xamples"))
        menu.insertMenu(before, self.examples_menu)
        self.example_actions = []
        for path in example_scenes():  # package data (app/resources/scenes), so an installed wheel has them too
            act = self._action(example_title(path), None,
                               self.tr("Open the example scene {name}").format(name=path.name),
                               lambda p=path: self.open_example(p))
            act.setData(path.name)
            self.examples_menu.addAction(act)
            self.example_actions.append(act)
        self.examples_menu.setEnabled(bool(self.example_actions))
        add(None)
        add(self.save_action)
        add(self.save_as_action)
        add(None)
        add(self.export_animation_action)
        add(self.export_image_action)
        add(self.export_data_action)
        add(None)
        self._fill_recent()

    # ----- title / modified ------------------------------------------------------------------
    def _on_changed(self, *_) -> None:
        """The scene differs from the one opened or saved (computed trajectories arriving are not a change). While a
        network scene is being built the model still holds the previous scene: no verdict until it arrives."""
        if self._applying or self.state.building is not None:
            return
        modified = _document(self.state.to_scene()) != self._saved
        if modified != self.modified:
            self.modified = modified
            self._update_title()

    def _update_title(self) -> None:
        name = self.path.name if self.path else (self.tr("{title} (example)").format(title=self.example)
                                                 if self.example else self.tr("Untitled"))
        self.window.setWindowTitle(self.tr("{name}[*] — Descent Lab").format(name=name))
        self.window.setWindowModified(self.modified)

    @contextmanager
    def not_a_change(self):
        """State changes inside this block (the window restoring its settings) do not mark the scene modified."""
        applying, self._applying = self._applying, True
        try:
            yield
        finally:
            self._applying = applying
            self._saved = _document(self.state.to_scene())

    def _error(self, title: str, message: str) -> None:
        message = error_text(message)  # the engine's refusals (scene files, exports) in the user's language
        if unattended():
            self.window.statusBar().showMessage(f"{title}: {message}", 10000)
        _dismiss_when_unattended(title)
        QMessageBox.warning(self.window, title, message)

    def confirm_discard(self) -> bool:
        """True when there is nothing unsaved, or the user saved or chose to discard it (unattended: Cancel)."""
        if not self.modified:
            return True
        _dismiss_when_unattended(self.tr("Unsaved changes"))
        answer = QMessageBox.question(
            self.window, self.tr("Unsaved changes"),
            self.tr("The scene has unsaved changes. Save them first?"),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # ----- scenes ----------------------------------------------------------------------------
    def apply(self, scene, path: Path | None) -> bool:
        """Show ``scene`` (all or nothing); False with a message box when it is refused."""
        self._applying = True
        try:
            playback = getattr(self.window, "playback", None)
            if playback is not None:
                playback.pause()
            self.state.apply_scene(scene)
        except SceneError as exc:
            self._error(self.tr("Cannot open the scene"), str(exc))
            return False
        finally:
            self._applying = False
        self._saved = _document(scene_mod.loads(scene_mod.dumps(scene)))  # as the model holds it once applied
        self.path, self.modified, self.example = path, False, None
        self._update_title()
        return True

    def new_scene(self) -> bool:
        if not self.confirm_discard():
            return False
        return self.apply(default_scene(), None)

    def open_dialog(self) -> bool:
        if not self.confirm_discard():
            return False
        start = str(self.path.parent) if self.path else str(Path.home())
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open scene"), start, self.tr(SCENE_FILTER))
        return self.open_path(name, confirm=False) if name else False

    def open_path(self, path, confirm: bool = True) -> bool:
        """Load and show the scene at ``path``; a message box names the problem if it is refused."""
        if confirm and not self.confirm_discard():
            return False
        path = Path(path)
        try:
            scene = scene_mod.load(path)
        except SceneError as exc:
            self._error(self.tr("Cannot open the scene"), str(exc))
            return False
        if not self.apply(scene, path.resolve()):
            return False
        self.add_recent(path)
        return True

    def open_example(self, path) -> bool:
        """An example opens as an untitled scene, so Save never overwrites the shipped file."""
        if not self.confirm_discard():
            return False
        try:
            scene = scene_mod.load(path)
        except SceneError as exc:
            self._error(self.tr("Cannot open the example"), str(exc))
            return False
        if not self.apply(scene, None):
            return False
        self.example = example_title(Path(path))
        self._update_title()
        return True

    def save(self) -> bool:
        if self.path is None:
            return self.save_as()
        return self.save_to(self.path)

    def save_as(self) -> bool:
        start = str(self.path) if self.path else str(Path.home() / "scene.json")
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Save scene"), start, self.tr(SCENE_FILTER))
        if not name:
            return False
        path = Path(name)
        return self.save_to(path if path.suffix else path.with_suffix(".json"))

    def save_to(self, path) -> bool:
        """Write the scene atomically to ``path``; a message box on error (the old file stays intact)."""
        path = Path(path)
        if self.surfaces.refuse_save():
            return False
        try:
            scene_mod.save(self.state.to_scene(), path)
        except (SceneError, WriteError) as exc:
            self._error(self.tr("Cannot save the scene"), str(exc))
            return False
        self._saved = _document(self.state.to_scene())
        self.path, self.modified, self.example = path.resolve(), False, None
        self._update_title()
        self.add_recent(path)
        self.window.statusBar().showMessage(self.tr("Saved {path}").format(path=path), 6000)
        return True

    # ----- recent files ----------------------------------------------------------------------
    def recent(self) -> list[str]:
        value = self.window.settings.value(RECENT_KEY, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value or [])][:MAX_RECENT]

    def _set_recent(self, paths: list[str]) -> None:
        self.window.settings.setValue(RECENT_KEY, paths[:MAX_RECENT])

    def add_recent(self, path) -> None:
        text = str(Path(path).resolve())
        self._set_recent([text] + [p for p in self.recent() if p != text])
        self._fill_recent()

    def _fill_recent(self) -> None:
        """Rebuild Open Recent; files that no longer exist are dropped (with a status-bar note)."""
        paths = self.recent()
        present = [p for p in paths if Path(p).is_file()]
        if present != paths:
            self._set_recent(present)
            gone = len(paths) - len(present)
            self.window.statusBar().showMessage(
                self.tr("Removed {n} missing file(s) from Open Recent").format(n=gone), 6000)
        self.recent_menu.clear()
        for i, p in enumerate(present):
            act = self.recent_menu.addAction(f"&{(i + 1) % 10} {Path(p).name}")
            act.setToolTip(p)
            act.setStatusTip(p)
            act.triggered.connect(lambda *_, p=p: self.open_recent(p))
        if present:
            self.recent_menu.addSeparator()
            self.recent_menu.addAction(self.tr("&Clear list"), lambda: (self._set_recent([]), self._fill_recent()))
        self.recent_menu.setEnabled(bool(present))

    def open_recent(self, path: str) -> bool:
        if not Path(path).is_file():
            self._set_recent([p for p in self.recent() if p != path])
            self._fill_recent()
            self._error(self.tr("Cannot open the scene"),
                        self.tr("{path} no longer exists; it was removed from Open Recent.").format(path=path))
            return False
        return self.open_path(path)

    # ----- exports ---------------------------------------------------------------------------
    def current_scene(self):
        return self.state.to_scene()

    def export_animation(self):
        from app.export_dialog import run_export_dialog

        if self.export_runner is not None and self.export_runner.running:
            self._error(self.tr("Export animation"), self.tr("An export is already running."))
            return None
        try:
            scene = self.current_scene()
        except SceneError as exc:
            self._error(self.tr("Export animation"), str(exc))
            return None
        self.export_runner = run_export_dialog(self.window, scene)
        return self.export_runner

    def export_image_dialog(self) -> bool:
        from app.export_dialog import ImageSizeDialog

        view = getattr(self.window, "landscape", None)
        size = (view.width() + view.width() % 2, view.height() + view.height() % 2) if view else (1280, 720)
        from app.export_overlay_options import selected_run_index

        answer = ImageSizeDialog.ask(self.window, size, selected_run_index(self.state))
        if answer is None:
            return False
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export image"), str(Path.home() / "view.png"),
                                              self.tr("PNG image (*.png);;SVG drawing (*.svg)"))
        return self.export_image_to(name, *answer) if name else False

    def export_image_to(self, path, size=(1280, 720), overlays=None) -> bool:
        """The step shown, as PNG or SVG."""
        from app.export import export_image

        try:
            export_image(self.current_scene(), path, size, overlays=overlays)
        except (SceneError, WriteError, EncoderError) as exc:
            self._error(self.tr("Cannot export the image"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 6000)
        return True

    def export_data_dialog(self) -> bool:
        name, _ = QFileDialog.getSaveFileName(self.window, self.tr("Export data"), str(Path.home() / "runs.csv"),
                                              self.tr("CSV table (*.csv);;JSON (*.json)"))
        return self.export_data_to(name) if name else False

    def export_data_to(self, path) -> bool:
        from app.export import export_data

        try:
            export_data(self.state, path)
        except (WriteError, EncoderError) as exc:
            self._error(self.tr("Cannot export the data"), str(exc))
            return False
        self.window.statusBar().showMessage(self.tr("Exported {path}").format(path=path), 6000)
        return True


def _document(scene):
    """What "unsaved changes" compares: the scene without the shown iteration (moving through time is no edit)."""
    return dataclasses.replace(scene, playback=dataclasses.replace(scene.playback, frame=0))
