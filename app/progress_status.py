"""The status bar's progress of slow work — a network build, a surface, a basin map, a model's landscape — with a
Cancel button (and Esc).

Each kind of work is an *activity*: a compute lane (whose ``progressed`` reports fill the bar), a busy signal and
test of its owner (the model while it builds a landscape, the surface or basin worker), and the owner's cancel
method, which stops the work at its next check (the engine loops report progress and stop when told) and keeps what
is shown. The bar appears only when work lasts longer than ``SHOW_AFTER_MS`` (quick surfaces do not flicker); when
several activities run, the first one added is shown and cancelled.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from PySide6.QtCore import QCoreApplication, Qt, QTimer
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QToolButton, QWidget

SHOW_AFTER_MS = 400


def _tr(text: str) -> str:
    return QCoreApplication.translate("ProgressStatus", text)


@dataclass
class Activity:
    lane: str
    label: str
    is_busy: Callable[[], bool]
    cancel: Callable[[], object]
    fraction: float = 0.0
    text: str = ""


class ProgressStatus(QWidget):
    """See the module docstring. ``window`` gets the Esc shortcut (enabled only while the bar is shown)."""

    def __init__(self, compute, window: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("progress_status")
        self.activities: list[Activity] = []
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.bar.setFixedWidth(150)
        self.bar.setMaximumHeight(16)
        self.bar.setFormat("%p%")
        self.button = QToolButton()
        self.button.setText(_tr("Cancel"))
        self.button.setToolTip(_tr("Stop this computation (Esc); what is shown now stays"))
        self.button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 0, 6, 0)
        layout.setSpacing(6)
        layout.addWidget(self.label)
        layout.addWidget(self.bar)
        layout.addWidget(self.button)
        self.shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.cancel)
        self.shortcut.setContext(Qt.ShortcutContext.WindowShortcut)
        self.shortcut.setEnabled(False)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(SHOW_AFTER_MS)
        self._delay.timeout.connect(self._refresh)
        compute.progressed.connect(self._on_progress)
        self.setVisible(False)

    def add(self, lane: str, label: str, busy_signal, is_busy: Callable[[], bool], cancel: Callable[[], object],
            first: bool = False) -> None:
        """Follow the work of compute lane ``lane``: ``busy_signal`` fires when ``is_busy()`` may have changed;
        ``first`` puts it before the others (shown and cancelled when several run)."""
        activity = Activity(lane, label, is_busy, cancel)
        self.activities.insert(0 if first else len(self.activities), activity)
        busy_signal.connect(lambda *_: self._on_busy(activity))

    def current(self) -> Activity | None:
        """The activity shown (the first busy one), or None."""
        return next((a for a in self.activities if a.is_busy()), None)

    def cancel(self) -> bool:
        """Cancel the activity shown; False when nothing runs."""
        activity = self.current()
        if activity is None:
            return False
        activity.cancel()
        self._refresh()
        return True

    # ----- internals ---------------------------------------------------------------------------------------------------
    def _on_busy(self, activity: Activity) -> None:
        if activity.is_busy():
            activity.fraction, activity.text = 0.0, ""
            if self.isHidden() and not self._delay.isActive():
                self._delay.start()
        self._refresh(delayed=True)

    def _on_progress(self, key: str, fraction: float, text: str) -> None:
        lane = key.split(":", 1)[0]
        for activity in self.activities:
            if activity.lane == lane and activity.is_busy():
                activity.fraction = fraction
                activity.text = text or activity.text
        if not self.isHidden():
            self._refresh()

    def _refresh(self, delayed: bool = False) -> None:
        activity = self.current()
        if activity is None:
            self._delay.stop()
            self.setVisible(False)
        elif not (delayed and self._delay.isActive()):
            self.label.setText(activity.text or activity.label)
            self.bar.setValue(round(1000 * activity.fraction))
            self.setVisible(True)
        self.shortcut.setEnabled(not self.isHidden())


def install_progress_status(window) -> ProgressStatus:
    """The window's progress bar with Cancel, following the network build, the surface and the basin map."""
    status = ProgressStatus(window.compute, window, window)
    state = window.state
    status.add("landscape", _tr("Building the network landscape…"), state.busyChanged,
               lambda: state.building is not None, state.cancel_landscape)
    status.add("surface", _tr("Computing the surface…"), window.worker.busyChanged, lambda: window.worker.busy,
               window.worker.cancel)
    basins = window.basin_overlay.worker
    status.add("basins", _tr("Computing the basin map…"), basins.busyChanged, lambda: basins.busy, basins.cancel)
    window.statusBar().addPermanentWidget(status)
    window.progress_status = status
    return status
