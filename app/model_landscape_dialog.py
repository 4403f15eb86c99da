"""File ▸ Compute a model's landscape…: the command line's ``landscape`` inputs in a dialog (model, weights, data,
loss, plane, resolution, range, workers or scheduler, output file), run by :class:`app.model_landscape.
ModelLandscapeRunner` with the surface filling in on the map, progress and Cancel in the status bar.

Without the optional extra the menu entry stays, names what is missing and how to install it, and opens no dialog.
"""
from __future__ import annotations

import html
import shlex
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QDoubleSpinBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPushButton, QSpinBox, QWidget)

from app.model_landscape import INSTALL, ModelLandscapeRunner, missing_extra



def tr(text: str) -> str:
    return QCoreApplication.translate("ModelLandscape", text)


LOSSES = ("cross-entropy", "mse", "nll")
PLANES = ("random", "pca", "params")


def _row(edit: QLineEdit, button: QPushButton) -> QWidget:
    box = QWidget()
    layout = QHBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(edit, 1)
    layout.addWidget(button)
    return box


class ModelLandscapeDialog(QDialog):
    """The inputs of one job; Compute starts it and the dialog closes once the model and data are loaded (a problem
    is shown here in one sentence, and the dialog stays)."""

    def __init__(self, runner: ModelLandscapeRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("model_landscape_dialog")
        self.setWindowTitle(tr("Compute a model's landscape"))
        self.runner = runner
        self.model = QLineEdit()
        self.model.setPlaceholderText(tr("model.pt2, or model.py:factory"))
        self.model.setToolTip(tr("A torch.export program (.pt2), or a Python file and the function in it that builds "
                                 "the model (this runs that file's code)"))
        self.weights = QLineEdit()
        self.weights.setPlaceholderText(tr("checkpoint.pt (several separated by spaces)"))
        self.weights.setToolTip(tr("state_dict checkpoints; the last is the centre; the PCA plane uses them all as "
                                   "the training path"))
        self.data = QLineEdit()
        self.data.setPlaceholderText(tr("data.npz, data.pt, or data.py:factory"))
        self.data.setToolTip(tr("Arrays X and y, or a Python file and the function in it that returns a "
                                "torch.utils.data.Dataset of (input, target) pairs (this runs that file's code)"))
        self.loss = QComboBox()
        self.loss.addItems(LOSSES)
        self.plane = QComboBox()
        for name, title in zip(PLANES, (tr("Filter-normalised random directions"), tr("PCA of the checkpoints"),
                                        tr("Two named parameters"))):
            self.plane.addItem(title, name)
        self.params = QLineEdit()
        self.params.setPlaceholderText(tr("fc1.weight[0,3],fc2.bias[1]"))
        self.params.setToolTip(tr("The two parameter entries on the axes, NAME[i,j],NAME[k,l]"))
        self.resolution = QSpinBox(minimum=2, maximum=1001, value=31)
        self.resolution.setToolTip(tr("Points per axis"))
        self.range = QDoubleSpinBox(minimum=0.001, maximum=1000.0, value=1.0, decimals=3, singleStep=0.1)
        self.range.setToolTip(tr("The grid spans −R..R along each direction (random and parameter planes)"))
        self.seed = QSpinBox(minimum=0, maximum=2**31 - 1)
        self.workers = QSpinBox(minimum=1, maximum=256, value=1)
        self.workers.setToolTip(tr("1 computes in this process; more start a local Dask cluster of that many "
                                   "processes"))
        self.scheduler = QLineEdit()
        self.scheduler.setPlaceholderText(tr("tcp://HOST:PORT (optional: an existing Dask cluster)"))
        self.output = QLineEdit()
        self.output.setPlaceholderText(tr("landscape.h5"))
        self.output.setToolTip(tr("The HDF5 surface file to write; finished blocks go to FILE.partial first, so a "
                                  "stopped run resumes"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.compute_button = self.buttons.addButton(tr("Compute"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self.start)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout(self)
        form.addRow(tr("Model:"), _row(self.model, self._browse(self.model, tr("Python or .pt2 files (*.py *.pt2)"))))
        form.addRow(tr("Weights:"), _row(self.weights, self._browse(self.weights, tr("Checkpoints (*.pt *.pth)"),
                                                                    many=True)))
        form.addRow(tr("Data:"), _row(self.data, self._browse(self.data, tr("Data (*.npz *.pt *.py)"))))
        form.addRow(tr("Loss:"), self.loss)
        form.addRow(tr("Plane:"), self.plane)
        form.addRow(tr("Parameters:"), self.params)
        form.addRow(tr("Resolution:"), self.resolution)
        form.addRow(tr("Range:"), self.range)
        form.addRow(tr("Seed:"), self.seed)
        form.addRow(tr("Workers:"), self.workers)
        form.addRow(tr("Scheduler:"), self.scheduler)
        form.addRow(tr("Output:"), _row(self.output, self._browse(self.output, tr("HDF5 surfaces (*.h5)"),
                                                                  save=True)))
        form.addRow(self.message)
        form.addRow(self.buttons)
        self.plane.currentIndexChanged.connect(self._on_plane)
        runner.started.connect(self._on_started)
        runner.failed.connect(self._on_failed)
        runner.busyChanged.connect(lambda busy: self.compute_button.setEnabled(not busy))
        self._on_plane()
        self.resize(560, self.sizeHint().height())

    def _browse(self, edit: QLineEdit, pattern: str, many: bool = False, save: bool = False) -> QPushButton:
        button = QPushButton(tr("Browse…"))

        def pick() -> None:
            start = str(Path(edit.text().split(":")[0]).parent) if edit.text() else str(Path.home())
            if save:
                name, _ = QFileDialog.getSaveFileName(self, tr("Output file"), start, pattern)
                names = [name] if name else []
            elif many:
                names, _ = QFileDialog.getOpenFileNames(self, tr("Checkpoints"), start, pattern)
            else:
                name, _ = QFileDialog.getOpenFileName(self, tr("Open"), start, pattern)
                names = [name] if name else []
            if names:
                edit.setText(" ".join(shlex.quote(n) for n in names) if many else names[0])

        button.clicked.connect(pick)
        return button

    def _on_plane(self) -> None:
        self.params.setEnabled(self.plane.currentData() == "params")

    def inputs(self) -> tuple:
        """(Job, output path, workers, scheduler) from the fields; ValueError with one sentence when one is missing."""
        from engine.torch_landscape.job import Job

        model, data, out = self.model.text().strip(), self.data.text().strip(), self.output.text().strip()
        for value, name in ((model, tr("a model")), (data, tr("data")), (out, tr("an output file"))):
            if not value:
                raise ValueError(tr("give {what}").format(what=name))
        try:
            weights = tuple(shlex.split(self.weights.text()))
        except ValueError:
            raise ValueError(tr("the weights are not a list of file names (check the quotes)")) from None
        plane = self.plane.currentData()
        if plane == "params":
            names = self.params.text().strip()
            if not names:
                raise ValueError(tr("give the two parameters, e.g. fc1.weight[0,3],fc2.bias[1]"))
            plane = f"params:{names}"
        job = Job(model, weights, data, self.loss.currentText(), plane, self.resolution.value(),
                  float(self.range.value()), self.seed.value())
        return job, Path(out), self.workers.value(), self.scheduler.text().strip() or None

    def start(self) -> None:
        """Compute: start the job (the dialog closes when the model and data are loaded)."""
        try:
            job, out, workers, scheduler = self.inputs()
        except ValueError as err:
            self._on_failed(str(err))
            return
        self._say(tr("Loading the model and the data…"))
        self.runner.start(job, out, workers, scheduler)

    def _say(self, text: str, error: bool = False) -> None:
        colour = "#d9534f" if error else "palette(text)"
        self.message.setText(f"<span style='color:{colour}'>{html.escape(text, quote=False)}</span>")

    def _on_started(self) -> None:
        if self.isVisible():
            self._say("")
            self.accept()

    def _on_failed(self, text: str) -> None:
        self._say(text, error=True)


class ModelLandscapeActions(QObject):
    """File ▸ Compute a model's landscape…; registers the job's progress and Cancel with the status bar."""

    def __init__(self, file_actions) -> None:
        super().__init__(file_actions)
        self.window = file_actions.window
        self.runner = ModelLandscapeRunner(self.window, file_actions.surfaces)
        self.dialog: ModelLandscapeDialog | None = None
        self.notice: QMessageBox | None = None
        self.missing = missing_extra()
        self.action = QAction(tr("Compute a &model's landscape…"), self.window)
        tip = tr("The loss landscape of your own PyTorch model, filled in on the map as it is computed")
        if self.missing:
            tip = tr("Needs the optional extra (missing: {names}): {install}").format(
                names=", ".join(self.missing), install=INSTALL)
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda *_: self.open_dialog())
        status = getattr(self.window, "progress_status", None)
        if status is not None:
            status.add("torch", tr("Computing the model's landscape…"), self.runner.busyChanged,
                       lambda: self.runner.running, self.runner.cancel, first=True)

    def open_dialog(self) -> ModelLandscapeDialog | None:
        """The dialog, or (without the extra) a message saying how to install it."""
        if self.missing:
            self.notice = QMessageBox(QMessageBox.Icon.Information, tr("Compute a model's landscape"),
                                      tr("Model landscapes need the optional extra ({names} missing). Install it "
                                         "with:\n\n{install}").format(names=", ".join(self.missing), install=INSTALL),
                                      QMessageBox.StandardButton.Ok, self.window)
            self.notice.open()  # not exec(): nothing waits on it
            return None
        if self.dialog is None:
            self.dialog = ModelLandscapeDialog(self.runner, self.window)
        self.dialog.show()
        self.dialog.raise_()
        return self.dialog
