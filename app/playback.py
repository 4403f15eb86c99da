"""Playback: the one QTimer of the app and its toolbar.

The timer only moves ``state.frame``: each tick advances by speed × elapsed time (iterations per second,
fractions carried over), so 1 it/s and 5000 it/s both play at their true rate whatever the tick rate.
Trajectories were computed by the engine beforehand; scrubbing, stepping and exporting replay them.
"""
from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QLabel, QProxyStyle, QSlider, QSpinBox, QStyle, QToolBar, QWidget

from app.model import AppState

MIN_SPEED, MAX_SPEED, DEFAULT_SPEED = 1, 5000, 60
TICK_MS = 16
FRAME_LABEL_MIN_WIDTH = 110  # px; wider when "t = N / N" needs it


class Playback(QObject):
    """Play/pause, step, jump, reset, speed and loop over ``state.frame``; owns the QActions."""

    playingChanged = Signal(bool)
    speedChanged = Signal(int)
    loopChanged = Signal(bool)

    def __init__(self, state: AppState, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.speed = DEFAULT_SPEED
        self.loop = False
        self._carry = 0.0  # fraction of an iteration not yet shown
        self._clock = QElapsedTimer()
        self.timer = QTimer(self)
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self._tick)
        self._make_actions()
        state.runsChanged.connect(self._on_runs)
        state.playbackChanged.connect(self._on_model_playback)
        self._on_runs()
        state.set_playback(speed=self.speed, loop=self.loop)

    # ----- actions -------------------------------------------------------------------------
    def _make_actions(self) -> None:
        self.play_action = self._action(self.tr("&Play"), "Space", self.tr("Play / pause the animation (Space)"),
                                        self.toggle, QStyle.StandardPixmap.SP_MediaPlay)
        self.play_action.setCheckable(True)
        self.step_forward_action = self._action(
            self.tr("Step &forward"), "Right", self.tr("One iteration forward (→)"), self.step_forward,
            QStyle.StandardPixmap.SP_MediaSeekForward)
        self.step_back_action = self._action(
            self.tr("Step &back"), "Left", self.tr("One iteration back (←)"), self.step_back,
            QStyle.StandardPixmap.SP_MediaSeekBackward)
        self.start_action = self._action(self.tr("Jump to &start"), "Home", self.tr("First iteration (Home)"),
                                         self.to_start, QStyle.StandardPixmap.SP_MediaSkipBackward)
        self.end_action = self._action(self.tr("Jump to &end"), "End", self.tr("Last iteration (End)"),
                                       self.to_end, QStyle.StandardPixmap.SP_MediaSkipForward)
        self.reset_action = self._action(self.tr("&Reset"), "R", self.tr("Stop and go back to iteration 0 (R)"),
                                         self.reset, QStyle.StandardPixmap.SP_MediaStop)
        self.faster_action = self._action(self.tr("&Faster"), "]", self.tr("Double the speed (])"),
                                          lambda: self.set_speed(self.speed * 2))
        self.slower_action = self._action(self.tr("&Slower"), "[", self.tr("Halve the speed ([)"),
                                          lambda: self.set_speed(self.speed // 2))
        self.loop_action = self._action(self.tr("&Loop"), "Ctrl+L",
                                        self.tr("Start again from iteration 0 at the end (Ctrl+L)"),
                                        None, QStyle.StandardPixmap.SP_BrowserReload)
        self.loop_action.setCheckable(True)
        self.loop_action.toggled.connect(self.set_loop)
        self.actions = [self.play_action, self.step_back_action, self.step_forward_action, self.start_action,
                        self.end_action, self.reset_action, self.faster_action, self.slower_action,
                        self.loop_action]

    def _action(self, text, shortcut, tip, slot, icon=None) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(tip)
        action.setStatusTip(tip)
        if icon is not None:
            action.setIcon(QApplication.style().standardIcon(icon))
        if slot is not None:
            action.triggered.connect(lambda *_: slot())
        return action

    # ----- control -------------------------------------------------------------------------
    @property
    def playing(self) -> bool:
        return self.timer.isActive()

    def play(self) -> None:
        if self.playing or self.state.max_frame == 0:
            self._sync_play_action()
            return
        if self.state.frame >= self.state.max_frame:
            self.state.set_frame(0)  # playing at the end starts over
        self._carry = 0.0
        self._clock.start()
        self.timer.start()
        self._sync_play_action()
        self.playingChanged.emit(True)

    def pause(self) -> None:
        if not self.playing:
            self._sync_play_action()
            return
        self.timer.stop()
        self._sync_play_action()
        self.playingChanged.emit(False)

    def toggle(self) -> None:
        self.pause() if self.playing else self.play()

    def step_forward(self) -> None:
        self.pause()
        self.state.set_frame(self.state.frame + 1)

    def step_back(self) -> None:
        self.pause()
        self.state.set_frame(self.state.frame - 1)

    def to_start(self) -> None:
        self.state.set_frame(0)

    def to_end(self) -> None:
        self.pause()
        self.state.set_frame(self.state.max_frame)

    def reset(self) -> None:
        self.pause()
        self.state.set_frame(0)

    def set_speed(self, speed: int) -> None:
        speed = int(min(max(int(speed), MIN_SPEED), MAX_SPEED))
        if speed != self.speed:
            self.speed = speed
            self.speedChanged.emit(speed)
        self.state.set_playback(speed=speed)

    def set_loop(self, on: bool) -> None:
        on = bool(on)
        if on != self.loop:
            self.loop = on
            self.loop_action.setChecked(on)
            self.loopChanged.emit(on)
        self.state.set_playback(loop=on)

    def _on_model_playback(self) -> None:
        """A scene set the model's speed or loop: follow it."""
        self.set_speed(int(round(self.state.speed)))
        self.set_loop(self.state.loop)

    def advance(self, seconds: float) -> None:
        """Move the frame by speed × ``seconds`` (the tick's whole job; public for tests and benchmarks)."""
        self._carry += self.speed * seconds
        n = int(self._carry)
        if n == 0:
            return
        self._carry -= n
        last = self.state.max_frame
        target = self.state.frame + n
        if target >= last:
            if self.loop and last > 0:
                target = target % (last + 1)
            else:
                self.state.set_frame(last)
                self.pause()
                return
        self.state.set_frame(target)

    def _tick(self) -> None:
        self.advance(self._clock.restart() / 1000.0)

    def _on_runs(self) -> None:
        has_frames = self.state.max_frame > 0
        for action in self.actions:
            if action not in (self.loop_action, self.faster_action, self.slower_action):
                action.setEnabled(has_frames)
        if not has_frames:
            self.pause()

    def _sync_play_action(self) -> None:
        playing = self.playing
        self.play_action.blockSignals(True)
        self.play_action.setChecked(playing)
        self.play_action.blockSignals(False)
        self.play_action.setText(self.tr("&Pause") if playing else self.tr("&Play"))
        self.play_action.setIcon(QApplication.style().standardIcon(
            QStyle.StandardPixmap.SP_MediaPause if playing else QStyle.StandardPixmap.SP_MediaPlay))


class PlaybackBar(QToolBar):
    """Play controls, a timeline slider that scrubs every run, the iteration readout and the speed."""

    def __init__(self, playback: Playback, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("playback_toolbar")
        self.setWindowTitle(self.tr("Playback"))
        self.playback = playback
        self.state = playback.state
        for action in (playback.start_action, playback.step_back_action, playback.play_action,
                       playback.step_forward_action, playback.end_action, playback.reset_action):
            self.addAction(action)
        self.timeline = QSlider(Qt.Orientation.Horizontal)
        self.timeline.setObjectName("timeline")
        self.timeline.setMinimumWidth(220)
        self.timeline.setToolTip(self.tr("Iteration shown by every run: drag to scrub back and forth"))
        self.timeline.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self._jump_style = _JumpToClick()  # a click on the groove jumps there instead of paging
        self.timeline.setStyle(self._jump_style)
        self.timeline.valueChanged.connect(self.state.set_frame)
        self.addWidget(self.timeline)
        self.frame_label = QLabel()
        self.frame_label.setToolTip(self.tr("Current iteration / last iteration"))
        self.frame_label.setFixedWidth(FRAME_LABEL_MIN_WIDTH)  # the text changes every frame: never relayout the bar
        self.frame_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.addWidget(self.frame_label)
        self.addSeparator()
        speed_label = QLabel(self.tr("Speed "))
        self.addWidget(speed_label)
        self.speed = QSpinBox()
        self.speed.setObjectName("speed")
        self.speed.setRange(MIN_SPEED, MAX_SPEED)
        self.speed.setValue(playback.speed)
        self.speed.setSuffix(self.tr(" it/s"))
        self.speed.setKeyboardTracking(False)
        self.speed.setAccelerated(True)
        self.speed.setToolTip(self.tr("Iterations per second ([ halves, ] doubles)"))
        speed_label.setToolTip(self.speed.toolTip())
        self.speed.valueChanged.connect(playback.set_speed)
        self.addWidget(self.speed)
        self.addAction(playback.loop_action)

        playback.speedChanged.connect(self._on_speed)
        self.state.runsChanged.connect(self._on_runs)
        self.state.frameChanged.connect(self._on_frame)
        self._on_runs()

    def _on_speed(self, speed: int) -> None:
        if self.speed.value() != speed:
            self.speed.setValue(speed)

    def _on_runs(self) -> None:
        last = self.state.max_frame
        self.timeline.blockSignals(True)
        self.timeline.setRange(0, last)
        self.timeline.setPageStep(max(1, last // 20))
        self.timeline.setValue(self.state.frame)
        self.timeline.blockSignals(False)
        self.timeline.setEnabled(last > 0)
        widest = self.tr("t = {t} / {last}").format(t=last, last=last)  # digits are equally wide
        margin = 2 * self.frame_label.fontMetrics().averageCharWidth()
        self.frame_label.setFixedWidth(max(FRAME_LABEL_MIN_WIDTH,
                                           self.frame_label.fontMetrics().horizontalAdvance(widest) + margin))
        self._on_frame(self.state.frame)

    def _on_frame(self, frame: int) -> None:
        if self.timeline.value() != frame:
            self.timeline.blockSignals(True)
            self.timeline.setValue(frame)
            self.timeline.blockSignals(False)
        self.frame_label.setText(self.tr("t = {t} / {last}").format(t=frame, last=self.state.max_frame))


class _JumpToClick(QProxyStyle):
    """The application's style, except that a left click on a slider's groove moves the handle to the click."""

    def styleHint(self, hint, option=None, widget=None, returnData=None):
        if hint == QStyle.StyleHint.SH_Slider_AbsoluteSetButtons:
            return Qt.MouseButton.LeftButton.value
        return super().styleHint(hint, option, widget, returnData)
