"""Every bundled lesson opens from the Lessons menu, steps forward and back, and each step sets the scene, the panels,
the pinned point and the chain formula its file names; a few steps are also checked against what the caption says.
A teacher's broken lesson file is refused with one message and changes nothing."""
from __future__ import annotations

import json
import math

import pytest

from app.lesson_actions import DOCKS, LESSON_TOOLS
from app.lessons import bundled_lessons
from tests.app.conftest import make_window

LESSONS = {les.id: les for les in bundled_lessons()}


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def check_step(window, step):
    window.compute.wait()
    shown = window.state.to_scene()
    assert shown.landscape == step.scene.landscape
    assert shown.view == step.scene.view
    assert shown.display == step.scene.display
    assert [(r.optimizer, r.lr, r.start, r.steps) for r in shown.runs] == \
        [(r.optimizer, r.lr, r.start, r.steps) for r in step.scene.runs]
    for name in step.panels:
        assert not window.docks[DOCKS[name]].isHidden(), name
    for name in LESSON_TOOLS:
        if name not in step.panels:
            assert window.docks[DOCKS[name]].isHidden(), name
    focus = window.calculus_focus
    if step.point is not None:
        assert focus.pinned and focus.point == step.point
    else:
        assert not focus.pinned
    if step.chain is not None:
        assert window.chain_panel.graph.formula == step.chain.formula and window.chain_panel.graph.x == step.chain.x
    panel = window.lessons.panel
    assert panel.caption.text() == step.caption  # English: the test session has no translator installed


@pytest.mark.parametrize("lesson_id", list(LESSONS))
def test_lesson_steps_forward_and_back(window, qtbot, lesson_id):
    lesson = LESSONS[lesson_id]
    action = next(a for a in window.lessons.menu.actions() if a.objectName() == f"lesson_{lesson_id}")
    action.trigger()
    panel = window.lessons.panel
    assert not window.lessons.dock.isHidden() and panel.title.text() == lesson.title
    for i, step in enumerate(lesson.steps):
        if i:
            panel.next.click()
        assert panel.progress.text() == f"Step {i + 1} of {len(lesson.steps)}"
        check_step(window, step)
    assert not panel.next.isEnabled()
    for i in reversed(range(len(lesson.steps) - 1)):
        panel.back.click()
        check_step(window, lesson.steps[i])
    assert not panel.back.isEnabled()


def test_learning_rate_lesson_shows_slow_right_and_diverging(window):
    window.lessons.start(LESSONS["learning-rate"])
    outcomes = []
    for i in range(3):
        window.lessons.go(i)
        window.compute.wait()
        traj = window.state.runs[0].trajectory
        outcomes.append((traj.status[0], float(math.hypot(*traj.final_points[0]))))
    (slow, d_slow), (right, d_right), (diverged, _) = outcomes
    assert slow == "max_steps" and d_slow > 1.0  # "still far from the minimum" (at the origin)
    assert d_right < 1e-3
    assert diverged == "diverged"


def test_direction_lesson_pins_the_probe_where_the_caption_says(window, qtbot):
    window.lessons.start(LESSONS["direction-magnitude"])
    window.lessons.go(1)
    window.compute.wait()  # the tools redraw one per event-loop pass (ComputeService.later), then compute
    p = window.direction_probe.numbers.probe
    assert (p.x, p.y) == (-2.0, 1.0) and p.norm > 0


def test_chain_lesson_ends_in_the_derivative_its_caption_names(window):
    window.lessons.start(LESSONS["chain-rule"])
    window.compute.wait()
    g = window.chain_panel.graph
    assert g.derivative == pytest.approx(math.cos(1.5 ** 2) * 2 * 1.5)  # cos(u)·2x at x = 1.5


def test_a_broken_teacher_lesson_is_refused(window, tmp_path, monkeypatch):
    shown = []
    monkeypatch.setattr("app.lesson_actions.QMessageBox.warning", lambda parent, title, text: shown.append(text))
    bad = tmp_path / "mine.json"
    doc = json.loads(json.dumps({"format": "descent-lab-lesson", "version": 1, "id": "mine", "title": "Mine",
                                 "steps": [{"caption": "One. Two.", "scene": {"landscape": {"kind": "function",
                                                                                           "name": "nope"}}}]}))
    bad.write_text(json.dumps(doc), encoding="utf-8")
    before = window.state.to_scene()
    assert window.lessons.open_path(bad) is False
    assert len(shown) == 1 and shown[0].startswith("mine.json: steps[0].scene:") and "\n" not in shown[0]
    assert window.state.to_scene() == before and window.lessons.lesson is None
    good = tmp_path / "good.json"
    doc["steps"][0]["scene"] = {"landscape": {"kind": "function", "name": "booth"},
                                "view": {"x": [-10, 10], "y": [-10, 10]}}
    good.write_text(json.dumps(doc), encoding="utf-8")
    assert window.lessons.open_path(good) is True
    window.compute.wait()
    assert window.state.function.name == "booth" and window.lessons.panel.caption.text() == "One. Two."
