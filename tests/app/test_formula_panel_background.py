"""The formula panel checks what the user types off the GUI thread (issue 18 item 7), says it is checking, and
shows only the result for the text still in the field."""
from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import QSettings

from app.panels.formula_panel import FormulaPanel
from app.model import AppState
from engine import formula as engine_formula


@pytest.fixture
def panel(qtbot, tmp_path):
    from app.compute import ComputeService

    state = AppState(ComputeService())
    panel = FormulaPanel(state, QSettings(str(tmp_path / "s.ini"), QSettings.IniFormat))
    qtbot.addWidget(panel)
    panel.show()
    qtbot.waitUntil(lambda: not panel.is_checking(), timeout=5000)
    return panel


@pytest.fixture
def calls(monkeypatch):
    """Every analyse call: (text, the thread it ran on); a gate holds the work until the test opens it."""
    seen, gate, real = [], threading.Event(), engine_formula.analyse

    def analyse(text, view=engine_formula.DEFAULT_VIEW):
        seen.append((text, threading.get_ident()))
        gate.wait(10)
        return real(text, view)

    monkeypatch.setattr(engine_formula, "analyse", analyse)
    return seen, gate


def test_typing_is_checked_on_a_worker_thread_while_the_panel_says_so(qtbot, panel, calls):
    seen, gate = calls
    panel.edit.setText("sin(x) * y^2")
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)        # the debounce timer started the check
    assert seen[-1] == ("sin(x) * y^2", seen[-1][1]) and seen[-1][1] != threading.get_ident()
    assert "checking" in panel.status.text() and panel.is_checking()
    qtbot.wait(50)                                            # the GUI thread is free while the worker waits
    gate.set()
    qtbot.waitUntil(lambda: "✓" in panel.status.text(), timeout=5000)
    assert "cos(<i>x</i>)" in panel.dfdx.text()


def test_a_stale_result_is_dropped(qtbot, panel, calls):
    seen, gate = calls
    panel.edit.setText("x + q")                                # refused, but its answer comes late
    qtbot.waitUntil(lambda: bool(seen), timeout=3000)
    panel.edit.setText("x^2 + y^2")                            # typed on before the first answer
    gate.set()
    qtbot.waitUntil(lambda: "✓" in panel.status.text() and not panel.is_checking(), timeout=5000)
    qtbot.wait(100)
    assert "unknown name" not in panel.status.text() and "2·<i>x</i>" in panel.dfdx.text()


def test_a_refused_formula_from_the_worker_is_shown_with_its_column(qtbot, panel):
    panel.edit.setText("x/0 + y")
    qtbot.waitUntil(lambda: "✗" in panel.status.text(), timeout=5000)
    assert "division by zero" in panel.status.text() and panel.marked.isVisible()
