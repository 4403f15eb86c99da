"""Local quadratic analysis: Hessians against finite differences of the exact gradient, and the step-size scale
against what gradient descent actually does on quadratics."""
import math

import numpy as np
import pytest

from engine import functions
from engine.analysis import (BEST, DIVERGES, EXACT, FINITE_DIFFERENCES, NO_CURVATURE, OSCILLATES, SLOW,
                             local_quadratic)
from engine.descent import descend
from engine.formula import parse


def numerical_hessian(fn, x, y, h=1e-4):
    """Independent of the code under test: a 4-point central difference of the exact gradient, larger step."""
    def grad(px, py):
        return np.array([float(np.asarray(c)) for c in fn.gradient(np.float64(px), np.float64(py))])
    cols = [(grad(x + h, y) - grad(x - h, y)) / (2 * h), (grad(x, y + h) - grad(x, y - h)) / (2 * h)]
    H = np.column_stack(cols)
    return 0.5 * (H + H.T)


def sample_points(fn, n=5, seed=0):
    (x0, x1), (y0, y1) = fn.view
    rng = np.random.default_rng(seed)
    pts = [(m[0], m[1]) for m in fn.minima]
    pts += list(zip(rng.uniform(x0, x1, n), rng.uniform(y0, y1, n)))
    return pts


@pytest.mark.parametrize("name", functions.names())
def test_eigen_decomposition_matches_finite_differences(name):
    fn = functions.get(name)
    for x, y in sample_points(fn):
        if name == "ackley" and math.hypot(x, y) < 1e-3:
            continue  # Ackley's minimum is a kink: no Hessian there
        q = local_quadratic(fn, (x, y))
        H = numerical_hessian(fn, x, y)
        scale = max(1.0, np.abs(H).max())
        assert np.allclose(q.hessian, H, atol=2e-5 * scale), (name, x, y, q.hessian, H)
        w, _ = np.linalg.eigh(H)
        assert np.all(np.diff(q.eigenvalues) >= 0)
        assert np.allclose(q.eigenvalues, w, atol=2e-5 * scale)
        V = q.eigenvectors
        assert np.allclose(np.linalg.norm(V, axis=0), 1.0)
        # each column is an eigenvector of the numerical Hessian: H v = λ v
        for j in range(2):
            assert np.allclose(H @ V[:, j], q.eigenvalues[j] * V[:, j], atol=1e-4 * scale), (name, x, y)


def test_source_is_exact_where_a_hessian_is_known_and_finite_differences_otherwise():
    assert local_quadratic(functions.get("rosenbrock"), (0.5, 0.5)).source == EXACT
    assert local_quadratic(functions.get("ackley"), (1.0, 0.5)).source == FINITE_DIFFERENCES
    assert local_quadratic(parse("x^2 + 3*x*y + 5*y^2"), (0.3, -2)).source == EXACT


def test_formula_hessian_is_symbolic_and_hand_checked():
    # f = x²y + sin(y): fxx = 2y, fxy = 2x, fyy = −sin(y)
    q = local_quadratic(parse("x^2*y + sin(y)"), (1.5, 0.7))
    assert np.allclose(q.hessian, [[1.4, 3.0], [3.0, -math.sin(0.7)]])


def test_rosenbrock_at_its_minimum_by_hand():
    # H(1, 1) = [[802, −400], [−400, 200]]: trace 1002, det 400 -> λ = 501 ± √(501² − 400)
    q = local_quadratic(functions.get("rosenbrock"), (1.0, 1.0))
    root = math.sqrt(501 ** 2 - 400)
    assert q.eigenvalues == pytest.approx([501 - root, 501 + root])
    assert q.condition == pytest.approx((501 + root) / (501 - root))
    assert q.critical_lr == pytest.approx(2 / (501 + root))
    assert q.best_lr == pytest.approx(2 / 1002)


def test_scale_on_the_ill_conditioned_bowl():
    # x² + 25y²: H = diag(2, 50), κ = 25, 2/λ_max = 0.04, best 2/52
    q = local_quadratic(functions.get("ill-conditioned"), (3.0, -1.0))
    assert q.eigenvalues == pytest.approx([2, 50]) and q.condition == pytest.approx(25)
    assert np.allclose(np.abs(q.eigenvectors), np.eye(2))
    assert q.critical_lr == pytest.approx(0.04) and q.best_lr == pytest.approx(2 / 52)
    assert q.placement(0.042) == DIVERGES
    assert q.describe(0.042) == "η = 0.042 > 2/λ_max = 0.04: diverges along the steep axis"
    assert q.placement(0.01) == SLOW and q.placement(2 / 52) == BEST and q.placement(0.039) == OSCILLATES
    assert q.rate(0.01) == pytest.approx(0.98)  # |1 − 0.01·2|
    assert q.rate(0.039) == pytest.approx(0.95)  # |1 − 0.039·50|


def test_saddle_and_maximum():
    saddle = local_quadratic(functions.get("saddle"), (0.1, 0.1))
    assert saddle.eigenvalues == pytest.approx([-2, 2]) and saddle.best_lr is None
    assert saddle.critical_lr == pytest.approx(1.0)
    assert saddle.describe(0.5) == ("η = 0.5 < 2/λ_max = 1: stable along the steep axis; λ_min < 0: a saddle, "
                                    "it slides away along the shallow axis")
    top = local_quadratic(parse("-(x^2 + y^2)"), (0, 0))
    assert top.critical_lr is None and top.placement(0.1) == NO_CURVATURE
    assert top.to_dict()["critical_lr"] is None


@pytest.mark.parametrize("name,start", [("ill-conditioned", (3.0, 1.0)), ("sphere", (2.0, -1.0)),
                                        ("booth", (4.0, 1.0)), ("matyas", (5.0, -3.0))])
def test_just_below_critical_converges_just_above_diverges(name, start):
    fn = functions.get(name)
    q = local_quadratic(fn, start)  # a quadratic: the same Hessian everywhere
    below = descend(fn, start, "gd", 0.98 * q.critical_lr, steps=20000)
    above = descend(fn, start, "gd", 1.02 * q.critical_lr, steps=20000)
    assert below.status == ["converged"] and above.status == ["diverged"]


def test_bad_points_are_refused():
    with pytest.raises(ValueError, match="finite"):
        local_quadratic(functions.get("sphere"), (math.nan, 0))
    with pytest.raises(ValueError, match="not defined"):
        local_quadratic(parse("1/x + y^2"), (0.0, 0.0))


@pytest.mark.parametrize("mu", [0.0, 0.5, 0.9])
def test_momentum_critical_lr_on_the_bowl(mu):
    fn = functions.get("ill-conditioned")
    crit = local_quadratic(fn, (0, 0)).momentum_critical_lr(mu)
    assert crit == pytest.approx(2 * (1 + mu) / 50)
    below = descend(fn, (3.0, 1.0), "momentum", 0.97 * crit, steps=50000, momentum=mu)
    above = descend(fn, (3.0, 1.0), "momentum", 1.03 * crit, steps=50000, momentum=mu)
    assert below.status == ["converged"] and above.status == ["diverged"]
