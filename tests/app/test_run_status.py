"""The status a user reads for each way a run can end (run list, tooltips): converged, diverged with the reason,
unbounded below (the saddle example's escape is not a divergence), max steps."""
from __future__ import annotations

from app.model import AppState
from app.panels import is_failed, status_text
from app.resources import example_scene
from engine import scene as scene_mod
from engine.scene import FormulaLandscape, Run, Scene, View


def test_the_saddle_examples_escaping_run_reads_unbounded_not_diverged(qapp):
    state = AppState()
    state.apply_scene(scene_mod.load(example_scene("saddle-momentum-escapes.json")))
    ends = {r.trajectory.status[0] for r in state.runs}
    assert "diverged" not in ends and "unbounded" in ends
    escaped = next(r for r in state.runs if r.trajectory.status[0] == "unbounded")
    text = status_text(escaped, state.max_frame)
    assert text.startswith("unbounded below at step") and "−∞" in text
    assert not is_failed(escaped, state.max_frame)


def test_a_too_large_learning_rate_says_so(qapp):
    state = AppState()
    state.apply_scene(Scene(FormulaLandscape("x^2 + y^2"), View((-2.0, 2.0), (-2.0, 2.0)),
                            runs=(Run("gd", 1.1, (1.0, 0.5), steps=2000),)))
    run = state.runs[0]
    text = status_text(run, state.max_frame)
    assert "η too large" in text and "|∇f| grew ×38.3 in 20 steps" in text   # 1.2²⁰ = 38.34
    assert is_failed(run, state.max_frame) and status_text(run, 0) == "running"
