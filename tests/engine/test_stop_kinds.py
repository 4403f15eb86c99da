"""A run that escapes downhill for ever is not a divergence: "unbounded" when it leaves with f falling below zero,
"diverged" when the learning rate is too large (|∇f| grows step after step)."""
from __future__ import annotations

import numpy as np

from engine import descent, functions
from engine.formula import parse


def test_escaping_a_saddle_downhill_is_unbounded_not_diverged():
    saddle = parse("x^2 - y^2")                       # no minimum: along y, f falls without end
    traj = descent.descend(saddle, [[1.0, 1e-3]], optimizer="momentum", lr=0.05, steps=5000, momentum=0.9)
    assert traj.status == ["unbounded"]
    k = int(traj.stopped_at[0])
    assert traj.values[k, 0] < traj.values[0, 0] and np.all(np.diff(traj.values[k - 20: k + 1, 0]) < 0)


def test_a_learning_rate_too_large_diverges_and_says_how_fast_the_gradient_grew():
    bowl = parse("x^2 + y^2")                         # GD on x²: x ← (1 − 2η) x, |1 − 2η| = 1.2 > 1 for η = 1.1
    traj = descent.descend(bowl, [[1.0, 0.5]], optimizer="gd", lr=1.1, steps=5000)
    assert traj.status == ["diverged"]
    factor, n = descent.gradient_growth(traj)
    assert n == 20 and np.isclose(factor, 1.2 ** 20, rtol=1e-9)   # |∇f| = 2|x| grows ×1.2 a step


def test_himmelblau_at_a_sane_rate_still_converges():
    traj = descent.descend(functions.get("himmelblau"), [[0.0, 0.0]], optimizer="gd", lr=0.01, steps=2000)
    assert traj.status == ["converged"]
