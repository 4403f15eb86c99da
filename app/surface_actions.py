"""File ▸ Open surface…: an HDF5 loss surface (``descent-lab landscape`` output or tomgoldstein/loss-landscape's
files) shown as a landscape — contours, 3D, hover, optimizers and export run on the bilinear interpolant of the grid
(:func:`engine.torch_landscape.surface_file.surface_function`). The file is read off the GUI thread. Scenes have no
kind for such a landscape yet, so saving one is refused with a sentence that says so.

Reading needs h5py (the optional extra ``descent-lab[torch]``); without it the action explains how to install it.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

SURFACE_FILTER = QT_TRANSLATE_NOOP("SurfaceActions", "HDF5 surfaces (*.h5 *.hdf5)")


class SurfaceActions(QObject):
    def __init__(self, file_actions) -> None:
        super().__init__(file_actions)
        self.file_actions = file_actions
        self.window, self.state = file_actions.window, file_actions.state
        self.function = None  # the landscape built from the last opened file
        self.action = QAction(self.tr("Open s&urface…"), self.window)
        tip = self.tr("Open a loss surface saved as HDF5 (descent-lab landscape, loss-landscape)")
        self.action.setToolTip(tip)
        self.action.setStatusTip(tip)
        self.action.triggered.connect(lambda *_: self.open_dialog())

    def showing_file(self) -> bool:
        return self.function is not None and self.state.function is self.function

    def refuse_save(self) -> bool:
        """True (after saying why) when the window shows a surface from a file, which a scene cannot hold yet."""
        if not self.showing_file():
            return False
        QMessageBox.warning(self.window, self.tr("Cannot save the scene"),
                            self.tr("Surfaces opened from files cannot be saved in a scene yet; the surface file "
                                    "itself keeps the landscape."))
        return True

    def open_dialog(self) -> None:
        if not self.file_actions.confirm_discard():
            return
        name, _ = QFileDialog.getOpenFileName(self.window, self.tr("Open surface"), str(Path.home()),
                                              self.tr(SURFACE_FILTER))
        if name:
            self.open_path(name)

    def open_path(self, path) -> None:
        """Read ``path`` off the GUI thread and show it; a message box names any problem."""
        path = Path(path)
        if importlib.util.find_spec("h5py") is None:
            self._error(self.tr("Opening surface files needs h5py: pip install 'descent-lab[torch]'"))
            return
        title = path.stem

        def work(_job):
            from engine.torch_landscape.surface_file import read_surface, surface_function
            return surface_function(read_surface(path), title=title)

        def done(function) -> None:
            self.function = function
            self.state.set_landscape(function, None, function.view)
            self.file_actions.path, self.file_actions.modified = None, False
            self.file_actions._update_title()
            self.window.statusBar().showMessage(self.tr("Opened the surface {path}").format(path=path), 6000)

        self.window.compute.submit("file:surface", work, done, self._error)

    def _error(self, message: str) -> None:
        QMessageBox.warning(self.window, self.tr("Cannot open the surface"), message)
