"""Playback moves an index only: speed × elapsed time, keys, timeline scrubbing, loop."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtTest import QTest

from app.main_window import MainWindow
from app.playback import MAX_SPEED, MIN_SPEED, Playback
from app.model import AppState


@pytest.fixture
def state(qapp):
    s = AppState()
    s.set_optimizer(steps=200)
    s.add_run((-4.0, 4.0))
    s.add_run((0.5, 0.5))
    return s


@pytest.fixture
def window(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.state.set_optimizer(steps=300, lr=0.002)  # slow enough that no run stops before t = 120
    w.state.add_run((-4.0, 4.0))
    w.state.add_run((0.5, 0.5))
    w.compute.wait()
    return w


def test_advance_is_speed_times_elapsed_with_carry(state):
    p = Playback(state)
    p.set_speed(100)
    p.advance(0.05)
    assert state.frame == 5
    p.set_speed(10)
    p.advance(0.05)  # half an iteration: nothing yet
    assert state.frame == 5
    p.advance(0.05)  # the carried half completes one
    assert state.frame == 6
    p.set_speed(3000)
    p.advance(0.016)  # thousands per second: many iterations per tick
    assert state.frame == 6 + 48


def test_end_pauses_or_loops(state):
    p = Playback(state)
    p.play()
    assert p.playing
    p.set_speed(1000)
    p.advance(10.0)
    assert state.frame == state.max_frame and not p.playing
    p.set_loop(True)
    state.set_frame(state.max_frame - 2)
    p.play()
    p.advance(0.005)  # 5 iterations: wraps past the end
    assert state.frame == (state.max_frame - 2 + 5) % (state.max_frame + 1)
    assert p.playing
    p.pause()


def test_speed_is_clamped(state):
    p = Playback(state)
    p.set_speed(0)
    assert p.speed == MIN_SPEED
    p.set_speed(10 ** 9)
    assert p.speed == MAX_SPEED
    p.faster_action.trigger()
    assert p.speed == MAX_SPEED
    p.slower_action.trigger()
    assert p.speed == MAX_SPEED // 2


def test_play_advances_the_iteration(window, qtbot):
    state = window.state
    assert state.frame == 0
    window.playback.set_speed(200)
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert window.playback.playing
    qtbot.waitUntil(lambda: state.frame >= 10, timeout=3000)
    QTest.keyClick(window, Qt.Key.Key_Space)
    assert not window.playback.playing
    shown = state.frame
    # every run shows its path up to the current iteration
    for run in state.runs:
        i = min(shown, int(run.trajectory.stopped_at[0]))
        lines = window.landscape.tracks.path_of(run.id)  # segment k joins points k and k + 1
        np.testing.assert_array_equal(np.r_[lines[:, :2], lines[-1:, 2:]], run.trajectory.points[: i + 1, 0])
        assert window.landscape.head_position(run.id) == pytest.approx(tuple(run.trajectory.points[i, 0]))


def test_timeline_scrubs_back(window, qtbot):
    state = window.state
    bar = window.playback_bar
    assert bar.timeline.maximum() == state.max_frame
    state.set_frame(120)
    assert bar.timeline.value() == 120
    bar.timeline.setValue(7)  # the user drags the slider back
    assert state.frame == 7
    assert "t = 7 /" in bar.frame_label.text()
    run = max(state.runs, key=lambda r: int(r.trajectory.stopped_at[0]))
    assert len(window.landscape.tracks.path_of(run.id)) == 7  # 8 points
    # the step arrow's shaft goes from x_7 to x_8 (its length is the step)
    shaft = window.landscape.tracks.step_of(run.id)[0]
    p7, p8 = run.trajectory.points[7, 0], run.trajectory.points[8, 0]
    assert tuple(shaft) == pytest.approx((*p7, *p8))


def test_keys_step_jump_and_reset(window, qtbot):
    state = window.state
    window.landscape.setFocus()
    QTest.keyClick(window, Qt.Key.Key_Right)
    QTest.keyClick(window, Qt.Key.Key_Right)
    assert state.frame == 2
    QTest.keyClick(window, Qt.Key.Key_Left)
    assert state.frame == 1
    QTest.keyClick(window, Qt.Key.Key_End)
    assert state.frame == state.max_frame
    QTest.keyClick(window, Qt.Key.Key_Home)
    assert state.frame == 0
    state.set_frame(50)
    window.playback.play()
    QTest.keyClick(window, Qt.Key.Key_R)
    assert state.frame == 0 and not window.playback.playing


def test_speed_spin_box_sets_speed(window):
    window.playback_bar.speed.setValue(750)
    assert window.playback.speed == 750
    window.playback.set_speed(40)
    assert window.playback_bar.speed.value() == 40


def test_controls_disabled_without_runs(window):
    window.state.clear_runs()
    assert not window.playback.play_action.isEnabled()
    assert not window.playback_bar.timeline.isEnabled()
    window.playback.play()
    assert not window.playback.playing


def test_the_frame_readout_has_a_fixed_width(window):
    """The frame readout changes every frame without a relayout of the bar, and is wide enough for its text."""
    bar = window.playback_bar
    label = bar.frame_label
    assert label.minimumWidth() == label.maximumWidth()
    state = window.state
    state.set_frame(state.max_frame)
    assert label.fontMetrics().horizontalAdvance(label.text()) <= label.width()


def test_playback_speed_and_loop_are_saved_and_applied(qapp):
    from app.playback import Playback

    state = AppState()
    playback = Playback(state)
    playback.set_speed(240)
    playback.set_loop(True)
    scene = state.to_scene()
    assert (scene.playback.speed, scene.playback.loop) == (240.0, True)
    other_state = AppState()
    other = Playback(other_state)
    other_state.apply_scene(scene)
    assert (other.speed, other.loop) == (240, True)


def test_a_click_on_the_timeline_jumps_to_that_iteration(window, qtbot):
    from PySide6.QtCore import QPoint

    timeline = window.playback_bar.timeline
    assert window.state.max_frame > 100 and window.state.frame == 0
    x = int(timeline.width() * 0.75)
    QTest.mouseClick(timeline, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     QPoint(x, timeline.height() // 2))
    expected = window.state.max_frame * 0.75
    assert abs(window.state.frame - expected) <= 0.06 * window.state.max_frame  # there, not one page step
