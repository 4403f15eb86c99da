"""Formula panel against independent truths: derivatives worked out by hand, columns counted in the typed text."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QTextDocument

from app.panels.formula_panel import EXAMPLES, MAX_RECENT, RECENT_KEY, FormulaPanel
from app.model import AppState
from engine import formula as engine_formula

POINTS = [(1.0, 2.0), (-0.7, 0.3), (2.5, -1.25), (0.1, -3.0)]
_SUPERSCRIPTS = {"⁰": "0", "¹": "1", "²": "2", "³": "3", "⁴": "4", "⁵": "5", "⁶": "6", "⁷": "7", "⁸": "8",
                 "⁹": "9", "⁻": "-"}


@pytest.fixture
def settings(tmp_path):
    return QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)


@pytest.fixture
def state(qtbot):
    return AppState()


@pytest.fixture
def panel(qtbot, state, settings):
    w = FormulaPanel(state, settings)
    qtbot.addWidget(w)
    w.show()
    return w


def type_formula(qtbot, panel, text, enter=False):
    panel.edit.clear()
    qtbot.keyClicks(panel.edit, text)
    if enter:
        qtbot.keyClick(panel.edit, Qt.Key_Return)


def plain(label) -> str:
    doc = QTextDocument()
    doc.setHtml(label.text())
    return doc.toPlainText()


def displayed_rhs(label) -> str:
    """The right-hand side of "∂f/∂x = 2·x" as typed text: "2*x" (unicode operators and superscripts undone)."""
    rhs = plain(label).split("=", 1)[1]
    rhs = rhs.replace("·", "*").replace("−", "-")
    return re.sub(r"[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+", lambda m: "^" + "".join(_SUPERSCRIPTS[c] for c in m.group()) + " ", rhs)


# ----- errors: shown inline, the state is untouched ---------------------------------------------------------------

def test_bad_formula_shows_message_and_column_and_keeps_landscape(qtbot, state, panel):
    before_fn, before_source, before_view = state.function, dict(state.landscape_source), state.view
    text = "x^2 + 3*z"
    type_formula(qtbot, panel, text)
    assert panel.check_pending  # debounced: nothing checked yet on every key
    qtbot.waitUntil(lambda: "z" in panel.status.text(), timeout=2000)
    column = text.index("z") + 1  # what a user counts: the 9th character
    assert "unknown name 'z'" in panel.status.text()
    assert f"character {column}" in panel.status.text()
    assert panel.marked.isVisible()
    marked = re.search(r"text-decoration: ?underline[^>]*>([^<]*)<", panel.marked.text())
    assert marked and marked.group(1) == "z"
    assert plain(panel.marked).splitlines()[0] == text

    qtbot.keyClick(panel.edit, Qt.Key_Return)  # Enter with the bad formula: refused, no exception
    qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
    assert state.function is before_fn
    assert state.landscape_source == before_source and state.view == before_view
    assert "unknown name 'z'" in panel.status.text()


def test_error_at_an_unclosed_parenthesis_marks_it(qtbot, state, panel):
    text = "cos(x) + sin(x"
    type_formula(qtbot, panel, text)
    assert not panel.check()
    marked = re.search(r"text-decoration: ?underline[^>]*>([^<]*)<", panel.marked.text())
    assert marked.group(1) == "("
    assert f"character {text.rindex('(') + 1}" in panel.status.text()
    messages = []
    state.message.connect(messages.append)
    assert not panel.apply()
    assert messages and "closing parenthesis" in messages[0]


def test_error_after_a_valid_formula_keeps_it_applied(qtbot, state, panel):
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)
    applied = state.function
    type_formula(qtbot, panel, "x^2 + 2y", enter=True)
    assert state.function is applied
    assert state.landscape_source == {"kind": "formula", "text": "x^2 + y^2"}
    assert "2*y" in panel.status.text()  # the engine's hint for implicit multiplication
    assert not panel.gradient_box.isEnabled()  # the gradient shown belongs to the earlier formula


# ----- applying ---------------------------------------------------------------------------------------------------

def test_enter_applies_formula_with_exact_gradient(qtbot, state, panel):
    type_formula(qtbot, panel, "x**2 + 3*y**2", enter=True)
    gx, gy = state.function.gradient(1.0, 2.0)
    assert (float(gx), float(gy)) == (2.0, 12.0)  # (2x, 6y) at (1, 2)
    assert float(state.function.value(1.0, 2.0)) == 13.0
    assert state.landscape_source == {"kind": "formula", "text": "x**2 + 3*y**2"}
    assert state.view == ((-5.0, 5.0), (-5.0, 5.0))
    assert "Shown" in panel.status.text()


def test_apply_button_and_example_chips(qtbot, state, panel):
    chip = panel.example_buttons[EXAMPLES.index("x^2 - y^2")]
    qtbot.mouseClick(chip, Qt.LeftButton)
    assert state.landscape_source == {"kind": "formula", "text": "x^2 - y^2"}
    gx, gy = state.function.gradient(1.5, -2.0)
    assert (float(gx), float(gy)) == (3.0, 4.0)  # (2x, −2y)
    panel.edit.setText("x*y")
    qtbot.mouseClick(panel.apply_button, Qt.LeftButton)
    assert [float(g) for g in state.function.gradient(3.0, 5.0)] == [5.0, 3.0]  # (y, x)


def test_every_example_applies(qtbot, state, panel):
    for text in EXAMPLES:
        panel.use_example(text)
        assert state.landscape_source == {"kind": "formula", "text": text}
        assert panel.status.styleSheet().find("d62728") < 0


def test_log_of_negative_numbers_applies_with_nan_there(qtbot, state, panel):
    type_formula(qtbot, panel, "log(x)", enter=True)
    assert state.landscape_source == {"kind": "formula", "text": "log(x)"}
    assert math.isnan(float(state.function.value(-1.0, 0.0)))
    assert float(state.function.value(math.e, 0.0)) == pytest.approx(1.0)
    assert float(state.function.gradient(4.0, 0.0)[0]) == pytest.approx(0.25)


# ----- the view rectangle ----------------------------------------------------------------------------------------

def test_view_rectangle_is_used(qtbot, state, panel):
    for key, value in zip(("xmin", "xmax", "ymin", "ymax"), (-1.0, 3.0, -2.0, 0.5)):
        panel.bounds[key].setValue(value)
    type_formula(qtbot, panel, "x + y", enter=True)
    assert state.view == ((-1.0, 3.0), (-2.0, 0.5))
    assert state.function.view == ((-1.0, 3.0), (-2.0, 0.5))


@pytest.mark.parametrize("bounds", [(2.0, 2.0, -1.0, 1.0), (-1.0, 1.0, 3.0, -3.0)])
def test_view_with_min_not_below_max_is_refused(qtbot, state, panel, bounds):
    before = state.function
    for key, value in zip(("xmin", "xmax", "ymin", "ymax"), bounds):
        panel.bounds[key].setValue(value)
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)
    assert state.function is before
    assert panel.view_error.isVisible()
    axis = "x" if bounds[0] >= bounds[1] else "y"
    assert f"smallest {axis} must be less than the largest {axis}" in panel.view_error.text()


def test_enter_in_a_bound_reapplies_same_formula_keeping_runs(qtbot, state, panel):
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)
    applied = state.function
    state.add_run((1.0, 1.0))
    panel.bounds["xmax"].lineEdit().selectAll()
    qtbot.keyClicks(panel.bounds["xmax"].lineEdit(), "8")
    qtbot.keyClick(panel.bounds["xmax"].lineEdit(), Qt.Key_Return)
    assert state.view == ((-5.0, 8.0), (-5.0, 5.0))
    assert state.function is applied and len(state.runs) == 1


def test_panning_a_formula_landscape_updates_the_bounds(qtbot, state, panel):
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)
    state.set_view(((-2.0, 1.0), (0.0, 4.0)))
    assert panel.view() == ((-2.0, 1.0), (0.0, 4.0))


# ----- the gradient's definition ----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, dfdx, dfdy", [
    ("x**2 + 3*y**2", lambda x, y: 2 * x, lambda x, y: 6 * y),
    ("(1-x)^2 + 100*(y-x^2)^2", lambda x, y: -2 * (1 - x) - 400 * x * (y - x * x), lambda x, y: 200 * (y - x * x)),
    ("sin(x)*cos(y) + 0.1*(x^2+y^2)", lambda x, y: math.cos(x) * math.cos(y) + 0.2 * x,
     lambda x, y: -math.sin(x) * math.sin(y) + 0.2 * y),
])
def test_displayed_derivatives_are_the_hand_derivatives(qtbot, panel, text, dfdx, dfdy):
    type_formula(qtbot, panel, text)
    assert panel.check()
    assert plain(panel.dfdx).startswith("∂f/∂x =") and plain(panel.dfdy).startswith("∂f/∂y =")
    shown_x = engine_formula.parse(displayed_rhs(panel.dfdx))
    shown_y = engine_formula.parse(displayed_rhs(panel.dfdy))
    for x, y in POINTS:
        assert float(shown_x.value(x, y)) == pytest.approx(dfdx(x, y), rel=1e-12, abs=1e-12)
        assert float(shown_y.value(x, y)) == pytest.approx(dfdy(x, y), rel=1e-12, abs=1e-12)


def test_simple_derivatives_read_as_expected(qtbot, panel):
    type_formula(qtbot, panel, "x**2 + 3*y**2")
    panel.check()
    assert plain(panel.dfdx) == "∂f/∂x = 2·x"
    assert plain(panel.dfdy) == "∂f/∂y = 6·y"
    assert "<i>x</i>" in panel.dfdx.text()  # variables set in italics


def test_kink_note_for_abs_and_none_for_smooth(qtbot, panel):
    type_formula(qtbot, panel, "abs(x) + abs(y)")
    panel.check()
    assert panel.kink_note.isVisible()
    assert "abs has a kink at 0" in plain(panel.kink_note) and "subgradient" in plain(panel.kink_note)
    type_formula(qtbot, panel, "sqrt(x^2 + 1) + max(x, y)")
    panel.check()
    note = plain(panel.kink_note)
    assert "sqrt" in note and "max" in note
    type_formula(qtbot, panel, "x^2 + y^2")
    panel.check()
    assert not panel.kink_note.isVisible()


def test_help_lists_every_accepted_function(panel):
    help_text = panel.help_button.toolTip()
    for name in engine_formula.FUNCTIONS:
        assert name in help_text
    assert "^" in help_text and "**" in help_text and "pi" in help_text
    assert all(w.toolTip() for w in [panel.edit, panel.apply_button, panel.recent_button, *panel.bounds.values(),
                                     *panel.example_buttons])


# ----- recent formulas --------------------------------------------------------------------------------------------

def test_recent_formulas_persist_across_panels_and_browse_with_up_down(qtbot, state, panel, tmp_path):
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)
    type_formula(qtbot, panel, "x^4 + y^2", enter=True)
    type_formula(qtbot, panel, "x^2 + y^2", enter=True)  # again: moves to the front, not duplicated
    del panel

    fresh = QSettings(str(tmp_path / "settings.ini"), QSettings.IniFormat)
    assert fresh.value(RECENT_KEY) == ["x^2 + y^2", "x^4 + y^2"]
    other = FormulaPanel(AppState(), fresh)
    qtbot.addWidget(other)
    other.edit.setFocus()
    other.edit.setText("")
    qtbot.keyClicks(other.edit, "draft")
    qtbot.keyClick(other.edit, Qt.Key_Up)
    assert other.edit.text() == "x^2 + y^2"
    qtbot.keyClick(other.edit, Qt.Key_Up)
    assert other.edit.text() == "x^4 + y^2"
    qtbot.keyClick(other.edit, Qt.Key_Up)  # oldest: stays
    assert other.edit.text() == "x^4 + y^2"
    qtbot.keyClick(other.edit, Qt.Key_Down)
    assert other.edit.text() == "x^2 + y^2"
    qtbot.keyClick(other.edit, Qt.Key_Down)
    assert other.edit.text() == "draft"


def test_single_recent_formula_survives_ini_round_trip(qtbot, tmp_path):
    path = str(tmp_path / "one.ini")
    first = FormulaPanel(AppState(), QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(first)
    first.use_example("x^2 - y^2")
    second = FormulaPanel(AppState(), QSettings(path, QSettings.IniFormat))
    qtbot.addWidget(second)
    assert second.recent() == ["x^2 - y^2"]
    assert second.edit.text() == "x^2 - y^2"  # a new panel starts with the most recent formula


def test_recent_keeps_at_most_twenty_most_recent_first(qtbot, panel, settings):
    for k in range(MAX_RECENT + 5):
        panel.edit.setText(f"x^2 + {k}*y")
        assert panel.apply()
    recent = panel.recent()
    assert len(recent) == MAX_RECENT
    assert recent == [f"x^2 + {k}*y" for k in range(MAX_RECENT + 4, 4, -1)]
    panel.clear_recent()
    assert panel.recent() == [] and settings.value(RECENT_KEY) is None


def test_refused_formula_is_not_remembered(qtbot, panel):
    type_formula(qtbot, panel, "x +* y", enter=True)
    assert panel.recent() == []


def test_formula_landscape_set_elsewhere_shows_in_the_field(qtbot, state, panel):
    state.set_landscape(engine_formula.parse("x^3 - y"), source={"kind": "formula", "text": "x^3 - y"},
                        view=((-1.0, 1.0), (-2.0, 2.0)))
    assert panel.edit.text() == "x^3 - y"
    assert panel.view() == ((-1.0, 1.0), (-2.0, 2.0))
    assert plain(panel.dfdx) == "∂f/∂x = 3·x²"
    assert "Shown" in panel.status.text()
    np.testing.assert_allclose(state.function.gradient(2.0, 0.0), (12.0, -1.0))
