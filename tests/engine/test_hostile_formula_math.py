"""Formulas undefined everywhere are refused (issue 18 item 6); second derivatives of abs/min/max formulas exist
away from the kinks and are NaN on them (item 8). Truths: hand-derived values and central finite differences."""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine.formula import FormulaError, analyse, parse

UNDEFINED_EVERYWHERE = ["x + tan(pi/2)", "x/0", "log(x-x)", "1/(x-x)", "x + 1/sin(pi)", "(x-x)^-1", "0*log(y-y)",
                        "sqrt(-x^2-1)", "log(-x^2-y^2-1)", "acos(x^2+2)", "asin(2 + y^2) + x"]


@pytest.mark.parametrize("text", UNDEFINED_EVERYWHERE)
def test_formula_undefined_everywhere_is_refused(text):
    with pytest.raises(FormulaError) as caught:
        parse(text)
    assert "undefined" in caught.value.message or "no real value" in caught.value.message or \
        "division by zero" in caught.value.message


def test_undefined_part_is_pointed_at():
    err = pytest.raises(FormulaError, parse, "x^2 + tan(pi/2)").value
    assert (err.column, err.length) == (6, len("tan(pi/2)"))
    err = pytest.raises(FormulaError, parse, "y + x/0").value
    assert err.column == 4 and "division by zero" in str(err)


@pytest.mark.parametrize("text", ["log(x)", "1/x", "sqrt(x) + y", "x/(y-1)", "tan(x)", "sqrt(-x^2)", "log(x-1e5)"])
def test_formulas_undefined_somewhere_are_still_accepted(text):
    parse(text)


def test_gradient_is_nan_where_f_is_undefined():
    f = parse("log(x) + y^2")  # ∂f/∂y = 2y has a formula at x < 0, but f has no value there
    gx, gy = f.gradient(np.array([-1.0, 2.0]), np.array([0.5, 0.5]))
    assert np.isnan(gx[0]) and np.isnan(gy[0])
    assert gx[1] == pytest.approx(0.5) and gy[1] == pytest.approx(1.0)   # 1/x, 2y at (2, 0.5)


def _fd_hessian(f, x, y, h=1e-5):
    """Central differences of the exact gradient: (fxx, fxy, fyy)."""
    gxp, gyp = f.gradient(x + h, y)
    gxm, gym = f.gradient(x - h, y)
    gxq, gyq = f.gradient(x, y + h)
    gxn, gyn = f.gradient(x, y - h)
    return (float(gxp - gxm) / (2 * h), float(gyp - gym) / (2 * h), float(gyq - gyn) / (2 * h))


# Points at least 0.1 away from every kink of the formula.
SMOOTH_POINTS = {
    "abs(x) + abs(y)": [(1.0, 2.0), (-1.5, 0.5), (0.3, -0.7)],
    "min(x, y)": [(1.0, 2.0), (2.0, 1.0)],
    "max(x^2, y)": [(-1.0, 0.5), (0.5, 1.0), (2.0, -1.0)],
    "abs(x)*x + y^2": [(1.0, 2.0), (-1.0, 0.5)],
    "abs(abs(x) - 1) * y": [(0.5, 1.0), (-2.0, 3.0)],
    "min(abs(x), y^2) + x*y": [(0.5, 1.0), (-2.0, 0.5)],
    "sigmoid(abs(x)) + max(sin(x), cos(y))": [(1.0, 2.0), (-0.7, 0.3)],
    "abs(log(x)) + y": [(0.5, 1.0), (2.0, 1.0)],
    "abs(sin(x*y))": [(0.5, 1.0), (1.0, 2.0)],
}


@pytest.mark.parametrize("text", SMOOTH_POINTS)
def test_hessian_of_non_smooth_formulas_matches_finite_differences(text):
    f = parse(text)
    for x, y in SMOOTH_POINTS[text]:
        hxx, hxy, hyy = (float(v) for v in f.hessian(x, y))
        fxx, fxy, fyy = _fd_hessian(f, x, y)
        assert [hxx, hxy, hyy] == pytest.approx([fxx, fxy, fyy], rel=1e-4, abs=1e-4), (text, x, y)


def test_hessian_by_hand():
    f = parse("max(x^2, y)")
    assert [float(v) for v in f.hessian(-1.0, 0.5)] == [2.0, 0.0, 0.0]   # x² > y: f = x²
    assert [float(v) for v in f.hessian(0.5, 1.0)] == [0.0, 0.0, 0.0]    # y > x²: f = y
    f = parse("abs(x)*x")
    assert [float(v) for v in f.hessian(-3.0, 0.0)] == [-2.0, 0.0, 0.0]  # f = −x² for x < 0


@pytest.mark.parametrize("text, point, which", [
    ("abs(x) + abs(y)", (0.0, 1.0), 0),        # fxx does not exist on x = 0
    ("abs(x) + abs(y)", (1.0, 0.0), 2),
    ("min(x, y)", (1.0, 1.0), 0),               # on the kink x = y
    ("max(x^2, y)", (1.0, 1.0), 0),
    ("abs(x)*x", (0.0, 0.0), 0),                # f = x|x|: f'' jumps from −2 to 2
    ("sqrt(-x^2)", (0.0, 1.0), 0),              # defined on x = 0 only
])
def test_hessian_is_nan_where_it_does_not_exist(text, point, which):
    h = [float(v) for v in parse(text).hessian(*point)]
    assert math.isnan(h[which])


def test_hessian_is_nan_where_f_is_undefined_and_note_says_where():
    f = parse("sqrt(-x^2)")
    assert all(math.isnan(float(v)) for v in f.hessian(1.0, 0.0))
    assert "abs" in analyse("abs(x)+y").hessian_note and analyse("x^2+y").hessian_note == ""


def test_hessian_of_every_kinked_formula_runs_on_a_grid():
    x, y = np.meshgrid(np.linspace(-2, 2, 41), np.linspace(-2, 2, 41))
    for text in ["abs(x)+abs(y)", "min(x,y)", "max(x,y)", "sqrt(-x^2)", "abs(log(x))", "abs(sqrt(x))",
                 "abs(asin(x))", "min(abs(x), max(y, x^2))", "abs(tan(x))*abs(y)", "max(x^0.5, y)"]:
        h = parse(text).hessian(x, y)
        assert all(np.shape(c) == x.shape for c in h), text
        assert any(np.isfinite(c).any() for c in h), text
