"""Dock panels against independent truths: GD/momentum/Adam steps worked out by hand from closed-form gradients."""
from __future__ import annotations

import math

import numpy as np
import pytest
from PySide6.QtCore import QItemSelectionModel, Qt

from app.panels.landscape_picker import LandscapePicker
from app.panels.optimizer_panel import SLIDER_TICKS, OptimizerPanel, lr_to_slider, slider_to_lr
from app.panels import formula_html
from app.panels.inspector import StepInspector
from app.panels.run_list import RunList
from app.model import AppState
from engine.optimizers import OPTIMIZERS


def himmelblau_grad(x, y):
    """∂f/∂x, ∂f/∂y of (x² + y − 11)² + (x + y² − 7)², by hand."""
    return (4 * x * (x * x + y - 11) + 2 * (x + y * y - 7),
            2 * (x * x + y - 11) + 4 * y * (x + y * y - 7))


@pytest.fixture
def state(qtbot):
    return AppState()


@pytest.fixture
def panel(qtbot, state):
    w = OptimizerPanel(state)
    qtbot.addWidget(w)
    return w


def type_into(qtbot, edit, text):
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key_Return)


# ----- optimizer panel ------------------------------------------------------------------------------------------------

def test_choosing_gd_and_lr_recomputes_selected_run(qtbot, state, panel):
    start = (1.0, -2.0)
    state.set_optimizer(steps=50)
    run = state.add_run(start)[0]
    assert state.selected == {run.id}
    type_into(qtbot, panel.lr_edit, "0.004")
    assert state.optimizer.lr == 0.004
    gx, gy = himmelblau_grad(*start)
    x1 = (start[0] - 0.004 * gx, start[1] - 0.004 * gy)
    np.testing.assert_allclose(run.trajectory.points[1, 0], x1, rtol=1e-12)
    assert run.settings.lr == 0.004


def test_choosing_momentum_recomputes_with_hand_momentum_steps(qtbot, state, panel):
    start = (0.5, 0.5)
    run = state.add_run(start)[0]
    panel.combo.setCurrentIndex(panel.combo.findData("momentum"))
    assert state.optimizer.name == "momentum"
    type_into(qtbot, panel.hyper_edits["momentum"], "0.5")
    type_into(qtbot, panel.lr_edit, "0.002")
    assert run.settings.name == "momentum" and run.settings.hyper["momentum"] == 0.5
    eta, mu = 0.002, 0.5
    x0 = np.array(start)
    v1 = np.array(himmelblau_grad(*x0))          # v₁ = ∇f(x₀)
    x1 = x0 - eta * v1
    v2 = mu * v1 + np.array(himmelblau_grad(*x1))
    x2 = x1 - eta * v2
    pts = run.trajectory.points[:, 0]
    np.testing.assert_allclose(pts[1], x1, rtol=1e-12)
    np.testing.assert_allclose(pts[2], x2, rtol=1e-12)


def test_lr_slider_and_field_agree(qtbot, state, panel):
    for pos in range(SLIDER_TICKS + 1):
        assert lr_to_slider(slider_to_lr(pos)) == pos
    assert slider_to_lr(0) == 1e-5 and slider_to_lr(SLIDER_TICKS) == 10.0
    panel.lr_slider.setValue(200)  # two decades up from 1e-5: 1e-3
    assert state.optimizer.lr == pytest.approx(1e-3)
    assert float(panel.lr_edit.text()) == state.optimizer.lr
    type_into(qtbot, panel.lr_edit, "0.003")
    expected = round((math.log10(0.003) + 5) / 6 * SLIDER_TICKS)
    assert panel.lr_slider.value() == expected
    assert state.optimizer.lr == 0.003  # the exact value, not the slider's rounding


@pytest.mark.parametrize("name, shown", [
    ("gd", set()), ("momentum", {"momentum"}), ("nesterov", {"momentum"}),
    ("adagrad", {"eps", "lr_decay", "initial_accumulator_value"}),
    ("rmsprop", {"alpha", "eps"}), ("adam", {"beta1", "beta2", "eps"})])
def test_hyper_fields_only_where_they_apply(state, panel, name, shown):
    panel.combo.setCurrentIndex(panel.combo.findData(name))
    visible = {k for k, e in panel.hyper_edits.items() if e.isVisibleTo(panel)}
    assert visible == shown
    defaults = {"momentum": 0.9, "beta1": 0.9, "beta2": 0.999, "alpha": 0.99,
                "eps": 1e-10 if name == "adagrad" else 1e-8}
    for key in shown & set(defaults):
        assert float(panel.hyper_edits[key].text()) == defaults[key]
    assert panel.formula.text() == formula_html(OPTIMIZERS[name].formula)


def test_invalid_hyper_refused_with_message(qtbot, state, panel):
    panel.combo.setCurrentIndex(panel.combo.findData("momentum"))
    type_into(qtbot, panel.hyper_edits["momentum"], "1.5")
    assert state.optimizer.hyper.get("momentum", 0.9) == 0.9
    message = panel.hyper_fields["momentum"].message
    assert message.isVisibleTo(panel) and "0 ≤ μ < 1" in message.text()
    assert panel.hyper_edits["momentum"].text() == "0.9"


def test_compare_mode_starts_one_run_per_ticked_optimizer(state, panel):
    panel.compare.setChecked(True)
    panel.compare_list.item(2).setCheckState(Qt.Unchecked)  # Nesterov off
    assert state.compare_mode
    runs = state.add_run((1.0, 1.0))
    assert [r.settings.name for r in runs] == ["gd", "momentum", "adagrad", "rmsprop", "adam"]


# ----- run list -------------------------------------------------------------------------------------------------------

def test_run_list_rows_and_diverged_status(qtbot, state):
    w = RunList(state)
    qtbot.addWidget(w)
    state.set_optimizer(lr=0.01, steps=200)
    state.add_run((3.5, 1.5))
    state.set_optimizer(lr=0.5)  # recomputes the selected run: this step size blows up on Himmelblau
    state.select([])
    state.set_optimizer(lr=0.01)
    state.add_run((-1.0, 1.0))
    model = w.model
    assert model.rowCount() == 2
    bad = state.runs[0]
    assert bad.trajectory.status[0] == "diverged"
    k = int(bad.trajectory.stopped_at[0])
    state.set_frame(state.max_frame)
    assert model.index(0, 7).data() == f"diverged at step {k}"
    assert model.index(0, 7).data(Qt.ForegroundRole).color().name() == "#d62728"
    assert model.index(0, 4).data() == str(k)
    good = state.runs[1].trajectory
    assert model.index(1, 7).data() == {"max_steps": "max steps"}.get(
        good.status[0], f"converged at step {int(good.stopped_at[0])}")
    state.set_frame(0)
    assert model.index(1, 7).data() == "running"
    assert float(model.index(1, 5).data()) == pytest.approx(((-1) ** 2 + 1 - 11) ** 2 + (-1 + 1 ** 2 - 7) ** 2, rel=1e-5)
    assert model.index(0, 1).data() == "Gradient descent" and model.index(0, 2).data() == "0.5"


def test_run_list_frame_rewrites_only_changed_cells(qtbot, state):
    """A frame change announces only the cells whose text changed: a stopped run's row stays untouched, and nothing
    is announced when the frame comes back to the same numbers. Cells are not editable."""
    w = RunList(state)
    qtbot.addWidget(w)
    state.set_optimizer(lr=0.01, steps=200)
    state.add_run((3.0, 2.0))  # starts at a minimum of Himmelblau: converged at step 0
    state.add_run((-1.0, 1.0))
    assert int(state.runs[0].trajectory.stopped_at[0]) == 0 and int(state.runs[1].trajectory.stopped_at[0]) > 5
    changed = []
    w.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), a.column(), b.row(), b.column())))
    state.set_frame(1)
    assert changed and {(r0, r1) for r0, _, r1, _ in changed} == {(1, 1)}  # only the moving run's row
    assert {c for _, c0, _, c1 in changed for c in range(c0, c1 + 1)} == {4, 5, 6}  # step, f, |∇f|; status: running
    assert w.model.index(1, 4).data() == "1" and w.model.index(0, 4).data() == "0"
    changed.clear()
    w.model.refresh_frame()  # same frame: nothing to announce
    assert changed == []
    flags = w.model.index(1, 5).flags()
    assert not flags & Qt.ItemIsEditable and flags & Qt.ItemIsSelectable


def test_selecting_a_row_selects_the_run_and_delete_removes_it(qtbot, state):
    w = RunList(state)
    qtbot.addWidget(w)
    for x in (0.0, 1.0, 2.0):
        state.add_run((x, 0.0))
    ids = [r.id for r in state.runs]
    w.show()
    qtbot.waitExposed(w)
    w.table.selectionModel().select(w.model.index(1, 0), QItemSelectionModel.ClearAndSelect | QItemSelectionModel.Rows)
    assert state.selected == {ids[1]}
    w.table.setFocus()
    w.activateWindow()
    qtbot.waitUntil(lambda: w.table.hasFocus())
    qtbot.keyClick(w.table, Qt.Key_Delete)
    assert [r.id for r in state.runs] == [ids[0], ids[2]]
    assert w.model.rowCount() == 2
    state.select([ids[2]])  # the state's selection shows in the table
    assert [i.row() for i in w.table.selectionModel().selectedRows()] == [1]
    w.clear_button.click()
    assert state.runs == [] and w.model.rowCount() == 0


def test_duplicate_copies_settings_and_start(qtbot, state):
    w = RunList(state)
    qtbot.addWidget(w)
    run = state.add_run((1.0, 2.0))[0]
    w.duplicate_action.trigger()
    assert len(state.runs) == 2
    copy = state.runs[1]
    assert copy.start == run.start and copy.settings == run.settings and copy.color != run.color
    np.testing.assert_array_equal(copy.trajectory.points, run.trajectory.points)


# ----- landscape picker -----------------------------------------------------------------------------------------------

def test_picker_switches_function_and_refuses_bad_view(qtbot, state):
    w = LandscapePicker(state)
    qtbot.addWidget(w)
    row = next(i for i in range(w.list.count()) if w.list.item(i).data(Qt.UserRole) == "rosenbrock")
    w.list.setCurrentRow(row)
    assert state.function.name == "rosenbrock"
    assert "valley" in w.description.text()
    assert w.bounds["xmin"].value() == -2.0 and w.bounds["ymax"].value() == 3.0
    assert w.log_scale.isChecked()  # Rosenbrock spans many decades
    before = state.view
    messages = []
    state.message.connect(messages.append)
    w.bounds["xmin"].setValue(3.0)
    w.bounds["xmax"].setValue(1.0)
    w.apply_button.click()
    assert state.view == before
    assert w.view_error.isVisibleTo(w) and messages
    w.bounds["xmin"].setValue(-1.0)
    w.apply_button.click()
    assert state.view == ((-1.0, 1.0), (-1.0, 3.0)) and not w.view_error.isVisibleTo(w)
    w.reset_button.click()
    assert state.view == ((-2.0, 2.0), (-1.0, 3.0)) and w.bounds["xmin"].value() == -2.0


def test_picker_display_controls_write_the_state(qtbot, state):
    w = LandscapePicker(state)
    qtbot.addWidget(w)
    w.resolution.setValue(450)
    w.colormap.setCurrentIndex(w.colormap.findData("magma"))
    w.contours.setValue(7)
    w.field_mode.setCurrentIndex(w.field_mode.findData("ascent"))
    w.density.setValue(33)
    w.show_field.setChecked(False)
    d = state.display
    assert state.resolution == 450
    assert (d.colormap, d.contours, d.field_mode, d.field_density, d.show_field) == ("magma", 7, "ascent", 33, False)
    assert not w.density.isEnabled()
    state.set_display(contours=12)  # and the other way round
    assert w.contours.value() == 12


# ----- step inspector -------------------------------------------------------------------------------------------------

def shown(inspector, symbol):
    """The numbers the inspector's table shows for ``symbol`` (as plain text: symbol, '=', value on three lines)."""
    lines = inspector.browser.toPlainText().split("\n")
    i = next(i for i in range(len(lines) - 2) if lines[i] == symbol and lines[i + 1] == "=")
    return np.array([float(c) for c in lines[i + 2].strip("()").replace("−", "-").split(",")])


def test_inspector_gd_step_matches_hand_computation(qtbot, state):
    w = StepInspector(state)
    qtbot.addWidget(w)
    w.show()  # a hidden inspector defers its rendering until shown
    assert "Select a run" in w.browser.toPlainText()
    state.set_optimizer(lr=0.01, steps=100)
    run = state.add_run((0.5, 1.5))[0]
    state.set_frame(5)  # frame changes are throttled: shown within THROTTLE_MS
    qtbot.waitUntil(lambda: "step t = 5 → 6" in w.browser.toPlainText(), timeout=1000)
    # Independent: five GD steps by hand with the closed-form gradient, then the sixth written out.
    x = np.array([0.5, 1.5])
    for _ in range(5):
        x = x - 0.01 * np.array(himmelblau_grad(*x))
    g = np.array(himmelblau_grad(*x))
    x_next = x - 0.01 * g
    np.testing.assert_allclose(shown(w, "x5"), x, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "∇f(x5)"), g, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "η"), [0.01])
    np.testing.assert_allclose(shown(w, "x6"), x_next, rtol=1e-5)
    e = w.explanation
    np.testing.assert_allclose(e.x, x, rtol=1e-12)
    np.testing.assert_allclose(e.x_next, x_next, rtol=1e-12)
    assert "Run 1" in w.browser.toPlainText() and "step t = 5 → 6" in w.browser.toPlainText()
    state.select([])
    assert "Select a run" in w.browser.toPlainText()
    state.select([run.id])
    assert "x6" in w.browser.toPlainText()


def test_inspector_adam_bias_corrected_moments_at_t0(qtbot, state):
    w = StepInspector(state)
    qtbot.addWidget(w)
    w.show()  # a hidden inspector defers its rendering until shown
    state.set_optimizer(name="adam", lr=0.05, hyper={"beta1": 0.8, "beta2": 0.99})
    state.add_run((1.0, 2.0))
    g = np.array(himmelblau_grad(1.0, 2.0))      # (−36, −32)
    m1 = (1 - 0.8) * g
    v1 = (1 - 0.99) * g * g
    m_hat, v_hat = m1 / (1 - 0.8), v1 / (1 - 0.99)  # = g and g² at t = 0
    np.testing.assert_allclose(shown(w, "m̂"), m_hat, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "v̂"), v_hat, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "m1"), m1, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "v1"), v1, rtol=1e-5)
    x1 = np.array([1.0, 2.0]) - 0.05 * m_hat / (np.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(shown(w, "x1"), x1, rtol=1e-5)
    np.testing.assert_allclose(shown(w, "β1"), [0.8])


def test_inspector_after_divergence_says_so(qtbot, state):
    w = StepInspector(state)
    qtbot.addWidget(w)
    w.show()  # a hidden inspector defers its rendering until shown
    state.set_optimizer(lr=0.5, steps=100)
    run = state.add_run((3.5, 1.5))[0]
    k = int(run.trajectory.stopped_at[0])
    assert run.trajectory.status[0] == "diverged"
    state.set_frame(state.max_frame)  # right after a render: shown at the end of the throttle interval
    qtbot.waitUntil(lambda: f"Diverged at step {k}" in w.browser.toPlainText(), timeout=1000)
    np.testing.assert_allclose(shown(w, f"x{k}"), run.trajectory.points[k, 0], rtol=1e-5)


def test_inspector_lays_out_only_new_text(qtbot, state):
    """Frames past a run's stop show the same last step: the browser is not given (and does not lay out) the same
    HTML again; a frame with a new step is shown."""
    w = StepInspector(state)
    qtbot.addWidget(w)
    w.show()
    state.set_optimizer(lr=0.01, steps=40)
    run = state.add_run((-1.0, 1.0))[0]
    k = int(run.trajectory.stopped_at[0])
    w.render()
    layouts = []
    w.browser.document().contentsChanged.connect(lambda: layouts.append(1))
    state.set_frame(k)
    w.render()
    assert layouts and f"x{k}" in w.browser.toPlainText()
    layouts.clear()
    for frame in (k + 1, k + 5, k):
        state.set_frame(frame)
        w.render()
    assert layouts == []
    state.set_frame(3)
    w.render()
    assert layouts and "t = 3 → 4" in w.browser.toPlainText()


def test_inspector_start_at_a_minimum_and_deferred_rendering(qtbot, state):
    w = StepInspector(state)
    qtbot.addWidget(w)
    state.add_run((3.0, 2.0))  # a Himmelblau minimum: ∇f = 0 exactly
    assert "Converged" not in w.browser.toPlainText()  # hidden: not rendered yet
    w.show()
    text = w.browser.toPlainText()
    assert "Converged at the start" in text and "x1" not in text
    np.testing.assert_allclose(shown(w, "∇f(x0)"), [0.0, 0.0])


def test_selecting_a_run_shows_its_settings(qtbot, state, panel):
    state.set_optimizer(name="adam", lr=0.05)
    adam = state.add_run((1.0, 1.0))[0]
    state.set_optimizer(name="gd", lr=0.001)  # recomputes the selected Adam run as GD...
    assert adam.settings.name == "gd"
    state.select([])
    state.set_optimizer(name="rmsprop", lr=0.02)
    other = state.add_run((2.0, 2.0))[0]
    before = other.trajectory.points.copy()
    state.select([adam.id])  # ...selecting it shows its settings in the panel
    assert panel.combo.currentData() == "gd" and panel.lr_edit.text() == "0.001"
    state.select([other.id])
    assert panel.combo.currentData() == "rmsprop" and float(panel.lr_edit.text()) == 0.02
    np.testing.assert_array_equal(other.trajectory.points, before)  # unchanged by showing it


def test_clicking_rows_with_all_panels_live(qtbot, state):
    panel, runs = OptimizerPanel(state), RunList(state)
    inspector = StepInspector(state)
    for w in (panel, runs, inspector):
        qtbot.addWidget(w)
        w.show()
    state.set_optimizer(name="momentum", lr=0.005)
    state.add_run((0.0, 0.0))
    state.select([])
    state.set_optimizer(name="adam", lr=0.1)
    state.add_run((1.0, -1.0))
    for row, name in ((0, "momentum"), (1, "adam"), (0, "momentum")):
        rect = runs.table.visualRect(runs.model.index(row, 1))
        qtbot.mouseClick(runs.table.viewport(), Qt.LeftButton, pos=rect.center())
        assert state.selected == {state.runs[row].id}
        assert panel.combo.currentData() == name
        assert [i.row() for i in runs.table.selectionModel().selectedRows()] == [row]
        assert f"Run {state.runs[row].id}" in inspector.browser.toPlainText()
