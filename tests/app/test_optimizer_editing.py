"""The optimizer panel's fields refuse in place what the runs would not use (issue 13 item 5), and the panel says and
edits which runs it changes: the selected one, every run ("Apply to all runs"), or new runs (item 6)."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import Qt

from app.model import AppState
from app.panels.optimizer_panel import OptimizerPanel
from app.panels.run_list import RunList
from app.panels.sweep_panel import SweepPanel
from engine import functions
from engine.descent import descend
from engine.scene import OptimizerSettings


@pytest.fixture
def state(qtbot):
    return AppState()


@pytest.fixture
def panel(qtbot, state):
    w = OptimizerPanel(state)
    qtbot.addWidget(w)
    w.show()
    return w


def type_into(qtbot, edit, text, enter=True):
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    if enter:
        qtbot.keyClick(edit, Qt.Key_Return)


# ----- item 5: refused values are marked where they were typed ---------------------------------------------------

def test_negative_learning_rate_keeps_its_minus_and_is_refused_in_place(qtbot, state, panel):
    type_into(qtbot, panel.lr_edit, "-0.01", enter=False)
    assert panel.lr_edit.text() == "-0.01"  # the minus is not swallowed
    assert "η > 0" in panel.lr_field.message.text() and panel.lr_field.message.isVisibleTo(panel)
    assert "border" in panel.lr_edit.styleSheet()  # marked red while it is refused
    qtbot.keyClick(panel.lr_edit, Qt.Key_Return)
    assert state.optimizer.lr == 0.01
    assert panel.lr_edit.text() == "0.01"  # never shows a value the runs do not use
    assert "-0.01" in panel.lr_field.message.text() and "η > 0" in panel.lr_field.message.text()


def test_zero_learning_rate_plus_enter_is_not_shown_as_if_used(qtbot, state, panel):
    type_into(qtbot, panel.lr_edit, "0")
    assert panel.lr_edit.text() == "0.01" and state.optimizer.lr == 0.01
    assert panel.lr_field.message.isVisibleTo(panel)
    run = state.add_run((1.0, 1.0))[0]
    assert run.settings.lr == 0.01
    type_into(qtbot, panel.lr_edit, "abc")
    assert "abc" in panel.lr_field.message.text() and panel.lr_edit.text() == "0.01"
    type_into(qtbot, panel.lr_edit, "2e-3")  # a good value clears the message and is used
    assert not panel.lr_field.message.isVisibleTo(panel) and run.settings.lr == 0.002


@pytest.mark.parametrize("name, key, bad, rule", [
    ("momentum", "momentum", "-0.5", "0 ≤ μ < 1"), ("nesterov", "momentum", "0", "0 < μ < 1"),
    ("adam", "beta2", "1", "0 ≤ β₂ < 1"), ("rmsprop", "eps", "0", "0 < ε")])
def test_hyper_parameter_fields_refuse_with_the_published_range(qtbot, state, panel, name, key, bad, rule):
    panel.combo.setCurrentIndex(panel.combo.findData(name))
    before = panel.hyper_edits[key].text()
    type_into(qtbot, panel.hyper_edits[key], bad)
    assert rule in panel.hyper_fields[key].message.text()
    assert panel.hyper_edits[key].text() == before and key not in state.optimizer.hyper


# ----- item 6: which run the panel edits -----------------------------------------------------------------------------

def test_heading_names_what_an_edit_changes(qtbot, state, panel):
    assert panel.heading.text() == "Settings for new runs"
    state.set_optimizer(name="adam", lr=0.05)
    adam = state.add_run((1.0, 1.0))[0]
    assert panel.heading.text() == f"Editing run {adam.id} · Adam"
    state.select([])
    assert panel.heading.text() == "Settings for new runs"


def test_selecting_a_row_loads_that_run_and_edits_only_it(qtbot, state, panel):
    rows = RunList(state)
    qtbot.addWidget(rows)
    rows.show()
    state.set_optimizer(name="gd", lr=0.001, steps=60)
    gd = state.add_run((1.0, -2.0))[0]
    state.select([])
    panel.combo.setCurrentIndex(panel.combo.findData("adam"))  # nothing selected: only new runs change
    assert gd.settings.name == "gd" and state.optimizer.name == "adam"
    adam = state.add_run((-1.0, 2.0))[0]
    rect = rows.table.visualRect(rows.model.index(0, 1))
    qtbot.mouseClick(rows.table.viewport(), Qt.LeftButton, pos=rect.center())
    assert state.selected == {gd.id}
    assert panel.combo.currentData() == "gd" and panel.lr_edit.text() == "0.001"
    assert panel.heading.text() == f"Editing run {gd.id} · Gradient descent"
    type_into(qtbot, panel.lr_edit, "0.004")
    assert gd.settings.lr == 0.004 and adam.settings.name == "adam" and adam.settings.lr == 0.001
    x0 = np.array([1.0, -2.0])
    g = np.array(functions.get("himmelblau").gradient(*x0))
    np.testing.assert_allclose(gd.trajectory.points[1, 0], x0 - 0.004 * g, rtol=1e-12)  # x₁ = x₀ − η∇f(x₀)


def test_apply_to_all_is_one_switch_shared_with_the_sweep_sliders(qtbot, state, panel):
    sweep = SweepPanel(state)
    qtbot.addWidget(sweep)
    a = state.add_run_with(OptimizerSettings("momentum", 0.001, {"momentum": 0.5}, 200), (0.0, 0.0))
    b = state.add_run_with(OptimizerSettings("adam", 0.05, {}, 200), (1.0, -1.0))
    state.select([b.id])
    panel.apply_all.click()
    assert state.apply_to_all and sweep.apply_all.isChecked()
    assert [r.settings.lr for r in (a, b)] == [0.05, 0.05]  # every run takes the η shown
    assert panel.heading.text() == "Editing every run (2): each keeps its optimizer"
    type_into(qtbot, panel.lr_edit, "0.003")
    assert [r.settings.lr for r in (a, b)] == [0.003, 0.003]
    assert (a.settings.name, b.settings.name) == ("momentum", "adam") and a.settings.hyper == {"momentum": 0.5}
    f = functions.get("himmelblau")
    for r in (a, b):
        expected = descend(f, [r.start], r.settings.name, 0.003, 200, **r.settings.hyper)
        np.testing.assert_array_equal(r.trajectory.points, expected.points)
    sweep.lr_slider.setValue(sweep.lr_slider.value() + 100)  # the sweep panel's η slider: one decade up
    assert a.settings.lr == b.settings.lr == pytest.approx(0.03, rel=0.02)
    assert float(panel.lr_edit.text()) == a.settings.lr  # the panel shows what the runs use
    sweep.apply_all.setChecked(False)
    assert not panel.apply_all.isChecked() and not state.apply_to_all
    assert panel.heading.text() == f"Editing run {b.id} · Adam"
