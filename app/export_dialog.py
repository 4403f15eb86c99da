"""File ▸ Export animation…: the options dialog and the export run with a progress dialog (Cancel).

The export draws with its own offscreen renderer (:mod:`app.export`), a few frames per event-loop turn
(a zero-interval QTimer drives :meth:`AnimationExport.step`), so the main window stays usable, or can be minimised,
while it runs; the encoder's last pass (the GIF palette) runs on a plain thread. Errors appear as one message box.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (QButtonGroup, QCheckBox, QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox,
                               QFileDialog, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox,
                               QProgressDialog, QPushButton, QRadioButton, QSpinBox, QWidget)

from engine.atomic import WriteError
from app.export_settings import remember_export_options, restore_export_options
from app.panels.wheel_guard import guard_wheel
from app.export.encoders import Cancelled, EncoderError
from app.export import MAX_SIDE, MIN_SIDE, AnimationExport, finish_in_thread
from app.export.overlays import Overlays
from app.export.timeline import DEFAULT_HOLD_S
from app.export_overlay_options import OverlayOptions, selected_run_index
from app.engine_errors import error_text
from engine.scene import Scene, SceneError

FORMATS = (("mp4", QT_TRANSLATE_NOOP("ExportAnimationDialog", "MP4 video (H.264)")),
           ("gif", QT_TRANSLATE_NOOP("ExportAnimationDialog", "GIF (256 colours)")),
           ("apng", QT_TRANSLATE_NOOP("ExportAnimationDialog", "Animated PNG")))
SIZES = ((1280, 720), (1920, 1080), (854, 480), (640, 360), (800, 800))


@dataclass(frozen=True)
class AnimationOptions:
    """What the dialog asks for; exactly one of ``iterations_per_frame`` and ``duration`` is set."""

    path: Path
    fmt: str
    size: tuple[int, int]
    fps: float
    iterations_per_frame: float | None
    duration: float | None
    hold_last_s: float
    panels: str
    overlays: Overlays = Overlays()


class ExportAnimationDialog(QDialog):
    """Format, size (even), fps, iterations per frame or total duration, panels, hold on the last frame, file."""

    def __init__(self, parent: QWidget | None = None, default_path: str = "", last_iteration: int = 0,
                 rule_run: int = 0) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export animation"))
        self.last_iteration = last_iteration
        self.rule_run = rule_run
        form = QFormLayout(self)

        self.format = QComboBox()
        for key, label in FORMATS:
            self.format.addItem(self.tr(label), key)
        self.format.setToolTip(self.tr("MP4 is smallest; GIF plays everywhere; APNG keeps every colour exactly"))
        self.format.currentIndexChanged.connect(self._on_format)
        form.addRow(self.tr("&Format:"), self.format)

        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, 1280), (self.height_box, 720)):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setSingleStep(2)
            box.setValue(value)
            box.setSuffix(self.tr(" px"))
            box.setToolTip(self.tr("Even numbers only (video needs them); odd values are rounded up"))
            box.editingFinished.connect(lambda b=box: b.setValue(b.value() + b.value() % 2))
        self.preset = QComboBox()
        self.preset.addItem(self.tr("Custom"), None)
        for w, h in SIZES:
            self.preset.addItem(f"{w} × {h}", (w, h))
        self.preset.setCurrentIndex(1)
        self.preset.currentIndexChanged.connect(self._on_preset)
        size_row = QHBoxLayout()
        size_row.addWidget(self.preset)
        size_row.addWidget(self.width_box)
        size_row.addWidget(QLabel("×"))
        size_row.addWidget(self.height_box)
        form.addRow(self._buddy(self.tr("&Size:"), self.width_box), size_row)

        self.fps = QSpinBox()
        self.fps.setRange(1, 120)
        self.fps.setValue(30)
        self.fps.setSuffix(self.tr(" frames/s"))
        self.fps.valueChanged.connect(self._update_summary)
        form.addRow(self.tr("Frame &rate:"), self.fps)

        self.by_step = QRadioButton(self.tr("&Iterations per frame:"))
        self.by_duration = QRadioButton(self.tr("Total &duration:"))
        group = QButtonGroup(self)
        group.addButton(self.by_step)
        group.addButton(self.by_duration)
        self.by_step.setChecked(True)
        self.iterations = QDoubleSpinBox()
        self.iterations.setRange(0.1, 10_000)
        self.iterations.setDecimals(1)
        self.iterations.setValue(2)
        self.iterations.setToolTip(self.tr("How many optimizer iterations each frame advances"))
        self.duration = QDoubleSpinBox()
        self.duration.setRange(0.1, 600)
        self.duration.setDecimals(1)
        self.duration.setValue(10)
        self.duration.setSuffix(" s")
        self.duration.setToolTip(self.tr("Length of the whole animation, the iterations spread evenly over it"))
        for w in (self.by_step, self.by_duration, self.iterations, self.duration):
            (w.toggled if isinstance(w, QRadioButton) else w.valueChanged).connect(self._update_summary)
        form.addRow(self.by_step, self.iterations)
        form.addRow(self.by_duration, self.duration)

        self.panels = QComboBox()
        self.panels.addItem(self.tr("Landscape"), "landscape")
        self.panels.addItem(self.tr("Landscape and loss curves"), "landscape+loss")
        form.addRow(self.tr("&Panels:"), self.panels)

        self.hold = QDoubleSpinBox()
        self.hold.setRange(0, 30)
        self.hold.setDecimals(1)
        self.hold.setValue(DEFAULT_HOLD_S)
        self.hold.setSuffix(" s")
        self.hold.setToolTip(self.tr("Keep showing the last iteration this long at the end"))
        self.hold.valueChanged.connect(self._update_summary)
        form.addRow(self.tr("&Hold last frame:"), self.hold)
        self.overlay_options = OverlayOptions(self)
        form.addRow(self.tr("Show:"), self.overlay_options)

        self.path = QLineEdit(default_path)
        browse = QPushButton(self.tr("&Browse…"))
        browse.clicked.connect(self._browse)
        file_row = QHBoxLayout()
        file_row.addWidget(self.path, 1)
        file_row.addWidget(browse)
        form.addRow(self._buddy(self.tr("F&ile:"), self.path), file_row)

        self.summary = QLabel()
        self.summary.setObjectName("export_summary")
        form.addRow(self.summary)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Export"))
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self._on_format()

    # ----- helpers -------------------------------------------------------------------------
    @staticmethod
    def _buddy(text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)  # the mnemonic focuses the widget (a row holding a layout gets no buddy itself)
        return label

    def fmt(self) -> str:
        return self.format.currentData()

    def _on_format(self, *_) -> None:
        path = self.path.text().strip()
        if path:
            self.path.setText(str(Path(path).with_suffix("." + self.fmt())))
        self._update_summary()

    def _on_preset(self, index: int) -> None:
        size = self.preset.itemData(index)
        if size:
            self.width_box.setValue(size[0])
            self.height_box.setValue(size[1])

    def _browse(self) -> None:
        fmt = self.fmt()
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export animation"), self.path.text(),
                                              self.tr("{fmt} files (*.{fmt})").format(fmt=fmt))
        if name:
            self.path.setText(str(Path(name).with_suffix("." + fmt)))

    def frames(self) -> int:
        from app.export import frame_iterations
        try:
            o = self.options(check_path=False)
            return len(frame_iterations(self.last_iteration, o.fps, o.iterations_per_frame, o.duration,
                                        o.hold_last_s))
        except (EncoderError, ValueError):
            return 0

    def _update_summary(self, *_) -> None:
        self.iterations.setEnabled(self.by_step.isChecked())
        self.duration.setEnabled(self.by_duration.isChecked())
        n = self.frames()
        self.summary.setText(self.tr("{n} frames, {s:.1f} s, iterations 0 to {last}").format(
            n=n, s=n / max(self.fps.value(), 1), last=self.last_iteration))

    def options(self, check_path: bool = True) -> AnimationOptions:
        w, h = self.width_box.value(), self.height_box.value()
        w, h = w + w % 2, h + h % 2
        text = self.path.text().strip()
        if check_path and not text:
            raise EncoderError(self.tr("choose a file to export to"))
        path = Path(text or "animation").with_suffix("." + self.fmt())
        step = self.by_step.isChecked()
        return AnimationOptions(path, self.fmt(), (w, h), float(self.fps.value()),
                                self.iterations.value() if step else None, None if step else self.duration.value(),
                                self.hold.value(), self.panels.currentData(),
                                self.overlay_options.overlays(self.rule_run))

    def _accept(self) -> None:
        try:
            self.options()
        except EncoderError as exc:
            QMessageBox.warning(self, self.tr("Export animation"), str(exc))
            return
        self.accept()


class ExportRunner(QObject):
    """Runs one :class:`AnimationExport` under a QProgressDialog, a few frames per event-loop turn.

    ``finished(path)`` on success, ``failed(message)`` on an error (also shown in a message box unless ``quiet``),
    ``cancelled()`` when the user pressed Cancel; in the last two cases no file is left behind.
    """

    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, scene: Scene, options: AnimationOptions, parent: QWidget | None = None,
                 quiet: bool = False) -> None:
        super().__init__(parent)
        self.parent_widget = parent
        self.quiet = quiet
        self.job: AnimationExport | None = None
        self.scene, self.options = scene, options
        self.running = False
        self.progress = QProgressDialog(self.tr("Rendering {name}…").format(name=options.path.name),
                                        self.tr("Cancel"), 0, 1, parent)
        self.progress.setWindowTitle(self.tr("Export animation"))
        self.progress.setWindowModality(Qt.WindowModality.NonModal)  # the window stays usable meanwhile
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self._timer = QTimer(self)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._tick)
        self._finisher = None

    def start(self) -> None:
        o = self.options
        try:
            self.job = AnimationExport(self.scene, o.path, o.size, o.fps, o.iterations_per_frame, o.duration,
                                       o.hold_last_s, o.panels, o.fmt, overlays=o.overlays)
        except (SceneError, EncoderError, WriteError) as exc:
            self._fail(str(exc))
            return
        self.running = True
        self.progress.setMaximum(self.job.total)
        self.progress.setValue(0)
        self.progress.show()
        self._timer.start()

    def _tick(self) -> None:
        if self._finisher is not None:  # waiting for the encoder's last pass
            if self._finisher.is_alive():
                return
            self._timer.stop()
            error = self._finisher.error
            self._finisher = None
            if self.job is not None:
                self.job.close_renderer()
            if error is not None:
                self._fail(str(error))
            else:
                self._done(self.job.path)
            return
        try:
            complete = self.job.step(budget_s=0.04)
        except (EncoderError, WriteError, OSError) as exc:
            self._timer.stop()
            self._fail(str(exc))
            return
        self.progress.setValue(self.job.done)
        if complete:
            self.progress.setLabelText(self.tr("Finishing {name}…").format(name=self.job.path.name))
            self.progress.setCancelButton(None)  # the file is written; nothing left to cancel
            self._finisher = finish_in_thread(self.job)

    def cancel(self) -> None:
        if not self.running or self._finisher is not None:
            return
        self._timer.stop()
        if self.job is not None:
            self.job.abort()
        self.running = False
        self.progress.close()
        self.cancelled.emit()

    def _done(self, path) -> None:
        self.running = False
        self.progress.close()
        self.finished.emit(path)

    def _fail(self, message: str) -> None:
        self.running = False
        self.progress.close()
        if self.job is not None:
            self.job.abort()
        self.failed.emit(message)
        if not self.quiet:
            QMessageBox.critical(self.parent_widget, self.tr("Export failed"),
                                 self.tr("The animation was not exported:\n{error}").format(error=error_text(message)))


def run_export_dialog(window, scene: Scene) -> ExportRunner | None:
    """Ask for the options, then start the export; returns the runner (None when the dialog was cancelled)."""
    last = window.state.max_frame
    dialog = ExportAnimationDialog(window, default_path=str(Path.home() / "descent.mp4"), last_iteration=last,
                                   rule_run=selected_run_index(window.state))
    restore_export_options(dialog, window.settings)  # file, format, panels, size… as chosen last time
    guard_wheel(dialog)
    speed = scene.playback.speed
    dialog.iterations.setValue(max(0.1, speed / dialog.fps.value()))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    remember_export_options(dialog, window.settings)
    runner = ExportRunner(scene, dialog.options(), window)
    runner.finished.connect(lambda path: window.statusBar().showMessage(
        QCoreApplication.translate("ExportAnimationDialog", "Exported {path}").format(path=path), 6000))
    runner.start()
    return runner


class ImageSizeDialog(QDialog):
    """Width and height of an exported image (even numbers, 64..7680) and its overlays."""

    def __init__(self, parent, size) -> None:
        super().__init__(parent)
        from app.export import MAX_SIDE, MIN_SIDE

        self.setWindowTitle(self.tr("Export image"))
        form = QFormLayout(self)
        self.width_box, self.height_box = QSpinBox(), QSpinBox()
        for box, value in ((self.width_box, size[0]), (self.height_box, size[1])):
            box.setRange(MIN_SIDE, MAX_SIDE)
            box.setSingleStep(2)
            box.setValue(value)
            box.setSuffix(self.tr(" px"))
        form.addRow(self.tr("&Width:"), self.width_box)
        form.addRow(self.tr("&Height:"), self.height_box)
        self.overlay_options = OverlayOptions(self)
        form.addRow(self.tr("Show:"), self.overlay_options)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    @classmethod
    def ask(cls, parent, size, rule_run: int = 0):
        """(size, overlays), or None when cancelled."""
        dialog = cls(parent, size)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        w, h = dialog.width_box.value(), dialog.height_box.value()
        return (w + w % 2, h + h % 2), dialog.overlay_options.overlays(rule_run)
