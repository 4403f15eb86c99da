"""Hyper-parameter maps: every cell equals a descend run with that cell's settings; on a quadratic bowl the GD
curve follows the closed-form rate."""
import math

import numpy as np
import pytest

from engine import functions
from engine.analysis import local_quadratic
from engine.descent import descend
from engine.hypermaps import CONVERGED, DIVERGED, MAX_STEPS, axis, hyper_map

CODES = {"converged": CONVERGED, "diverged": DIVERGED, "max_steps": MAX_STEPS}


@pytest.mark.parametrize("optimizer,second", [("momentum", (0.0, 0.99)), ("nesterov", (0.05, 0.95)),
                                              ("adam", (0.0, 0.99)), ("gd", None), ("rmsprop", None)])
@pytest.mark.parametrize("name,start", [("rosenbrock", (-1.5, 2.0)), ("himmelblau", (0.5, -4.0))])
def test_every_cell_equals_its_descend_run(optimizer, second, name, start):
    fn = functions.get(name)
    lrs = axis(1e-4, 0.2, 7, log=True)
    sec = None if second is None else axis(*second, 5, log=False)
    m = hyper_map(fn, start, optimizer, lrs, sec, steps=600)
    assert m.status.shape == (1 if sec is None else 5, 7)
    for i in range(m.status.shape[0]):
        for j in range(m.status.shape[1]):
            lr, hyper = m.cell(i, j)
            run = descend(fn, start, optimizer, lr, 600, **hyper)
            assert (CODES[run.status[0]], int(run.stopped_at[0])) == (m.status[i, j], m.stopped_at[i, j]), (i, j)


def test_gd_curve_on_a_bowl_follows_the_closed_form_rate():
    fn = functions.get("ill-conditioned")  # x² + 25y²: λ = 2 along x, 50 along y
    q = local_quadratic(fn, (0, 0))
    lrs = axis(1e-3, 0.06, 60, log=True)
    start, tol = np.array([1.0, 1.0]), 1e-6
    m = hyper_map(fn, start, "gd", lrs, steps=20000, tol=tol)
    g0 = np.array([2.0 * start[0], 50.0 * start[1]])  # the gradient's component along each eigen-axis
    checked = 0
    for j, lr in enumerate(lrs):
        r = np.abs(1 - lr * q.eigenvalues)          # per-axis factor; the rate is the larger one
        if r.max() >= 1:
            assert m.status[0, j] == DIVERGED or (r.max() == 1 and m.status[0, j] == MAX_STEPS)
            continue
        if abs(r[0] - r[1]) < 0.05:
            continue  # both axes matter equally: the one-axis prediction below does not apply
        slow = int(np.argmax(r))
        predicted = math.ceil(math.log(tol / abs(g0[slow])) / math.log(q.rate(lr)))
        assert m.status[0, j] == CONVERGED
        assert abs(int(m.stopped_at[0, j]) - predicted) <= 1, (lr, m.stopped_at[0, j], predicted)
        checked += 1
    assert checked > 40
    crit = q.critical_lr
    assert (m.status[0, lrs < 0.999 * crit] == CONVERGED).all() and (m.status[0, lrs > 1.001 * crit] == DIVERGED).all()


def test_bad_arguments_are_refused_before_any_work():
    fn = functions.get("sphere")
    with pytest.raises(ValueError, match="lr"):
        hyper_map(fn, (1, 1), "momentum", [0.1, -0.1], [0.5])
    with pytest.raises(ValueError, match="momentum"):
        hyper_map(fn, (1, 1), "momentum", [0.1], [0.5, 1.0])
    with pytest.raises(ValueError, match="second map axis"):
        hyper_map(fn, (1, 1), "rmsprop", [0.1], [0.5])
    with pytest.raises(ValueError, match="optimizer"):
        hyper_map(fn, (1, 1), "sgd", [0.1])
    with pytest.raises(ValueError, match="low > 0"):
        axis(0, 1, 5, log=True)


def test_progress_can_cancel():
    seen = []
    out = hyper_map(functions.get("rosenbrock"), (-1, 1), "momentum", axis(1e-4, 1e-3, 5, True),
                    axis(0, 0.9, 5, False), steps=1000, progress=lambda f: seen.append(f) or len(seen) < 2)
    assert out is None and len(seen) == 2
