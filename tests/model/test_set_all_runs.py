"""AppState.set_all_runs: every run gets the value, keeps its other settings, and is re-run (compared with descend)."""
from __future__ import annotations

import numpy as np

from app.model import AppState
from engine import functions
from engine.descent import descend
from engine.scene import OptimizerSettings


def test_every_run_gets_the_value_and_keeps_the_rest():
    state = AppState()
    a = state.add_run_with(OptimizerSettings("momentum", 0.001, {"momentum": 0.5}, 300), (0.0, 0.0))
    b = state.add_run_with(OptimizerSettings("adam", 0.05, {"beta1": 0.8}, 300), (1.0, -1.0))
    c = state.add_run_with(OptimizerSettings("gd", 0.002, {}, 300), (-2.0, 1.0))
    state.set_all_runs(lr=0.004)
    assert [r.settings.lr for r in (a, b, c)] == [0.004] * 3
    assert a.settings.hyper == {"momentum": 0.5} and b.settings.hyper == {"beta1": 0.8}
    state.set_all_runs(hyper={"momentum": 0.7, "beta1": 0.6})
    assert a.settings.hyper == {"momentum": 0.7} and b.settings.hyper == {"beta1": 0.6} and c.settings.hyper == {}
    f = functions.get("himmelblau")
    for run in (a, b, c):
        s = run.settings
        expected = descend(f, [run.start], s.name, s.lr, s.steps, **s.hyper)
        assert np.array_equal(run.trajectory.points, expected.points)


def test_a_refused_value_marks_the_run_not_the_others():
    state = AppState()
    n = state.add_run_with(OptimizerSettings("nesterov", 0.001, {"momentum": 0.5}, 100), (0.0, 0.0))
    m = state.add_run_with(OptimizerSettings("momentum", 0.001, {"momentum": 0.5}, 100), (0.0, 0.0))
    state.set_all_runs(hyper={"momentum": 0.0})
    assert n.trajectory is None and "momentum" in n.error
    assert m.trajectory is not None and m.error is None
