"""Surface sampling, gradient field, contour levels and contour lines."""
import numpy as np
import pytest

from engine import functions
from engine.functions import TestFunction
from engine.surface import contour_levels, contour_lines, gradient_field, sample

SPHERE = functions.get("sphere")
ROSENBROCK = functions.get("rosenbrock")


def test_grid_layout_and_values():
    s = sample(ROSENBROCK, ((-2, 2), (-1, 3)), (41, 31))
    assert s.x.shape == (41,) and s.y.shape == (31,) and s.values.shape == (31, 41)
    j, i = 7, 29
    x, y = s.x[i], s.y[j]
    assert s.values[j, i] == pytest.approx((1 - x) ** 2 + 100 * (y - x * x) ** 2, rel=1e-14)
    gx, gy = ROSENBROCK.gradient(x, y)
    assert (s.gx[j, i], s.gy[j, i]) == pytest.approx((gx, gy), rel=1e-14)
    assert s.grad_norm[j, i] == pytest.approx(np.hypot(gx, gy))
    assert s.finite.all()


def test_symmetric_function_gives_symmetric_grid():
    s = sample(SPHERE, ((-2, 2), (-2, 2)), 51)
    np.testing.assert_allclose(s.values, s.values[::-1, :], rtol=1e-14)
    np.testing.assert_allclose(s.values, s.values[:, ::-1], rtol=1e-14)
    np.testing.assert_allclose(s.values, s.values.T, rtol=1e-14)
    np.testing.assert_allclose(s.gx, -s.gx[:, ::-1], atol=1e-14)


def test_formula_of_x_alone_and_constant_gradient_fill_the_grid():
    f = TestFunction("line", "Line", "", lambda x, y: 3 * x, lambda x, y: (3.0, 0.0), ((0, 1), (0, 1)))
    s = sample(f, None, (5, 4))
    assert s.values.shape == s.gx.shape == s.gy.shape == (4, 5)
    np.testing.assert_array_equal(s.gx, 3.0)


def test_non_finite_values_are_masked():
    f = TestFunction("log", "Log", "", lambda x, y: np.log(x) + y, lambda x, y: (1 / x, np.ones_like(y)),
                     ((-1, 1), (0, 1)))
    s = sample(f, None, 21)
    assert not s.finite[:, s.x <= 0].any() and s.finite[:, s.x > 0].all()
    xs, ys = contour_lines(s, contour_levels(s.values, 5))
    assert (xs[np.isfinite(xs)] >= -1e-12).all()


def test_gradient_field_matches_function_gradient():
    X, Y, GX, GY, norm = gradient_field(ROSENBROCK, ((-2, 2), (-1, 3)), (8, 6))
    assert X.shape == (6, 8)
    np.testing.assert_allclose(X[0], -2 + (np.arange(8) + 0.5) * 0.5)   # cell centres
    np.testing.assert_allclose(Y[:, 0], -1 + (np.arange(6) + 0.5) * (4 / 6))
    for j, i in [(0, 0), (3, 5), (5, 7)]:
        gx, gy = ROSENBROCK.gradient(X[j, i], Y[j, i])
        assert (GX[j, i], GY[j, i]) == pytest.approx((gx, gy), rel=1e-14)
        assert norm[j, i] == pytest.approx(np.hypot(gx, gy))


@pytest.mark.parametrize("scale", ["linear", "log", "quantile"])
def test_levels_are_strictly_increasing_inside_the_range(scale):
    v = sample(ROSENBROCK, None, 101).values
    levels = contour_levels(v, 15, scale)
    assert len(levels) == 15 and (np.diff(levels) > 0).all()
    assert v.min() < levels[0] and levels[-1] < v.max()


def test_log_levels_are_log_spaced():
    v = np.array([[1.0, 10.0], [100.0, 1e4]])
    levels = contour_levels(v, 3, "log")
    np.testing.assert_allclose(levels, [10.0, 100.0, 1000.0])
    shifted = contour_levels(v - 5.0, 10, "log")            # min ≤ 0: shifted by the minimum
    delta = 1e-6 * (1e4 - 1.0)
    logs = np.log(shifted - (-4.0 - delta))
    np.testing.assert_allclose(np.diff(logs), np.diff(logs)[0], rtol=1e-9)


def test_levels_ignore_non_finite_and_reject_bad_input():
    levels = contour_levels([0.0, np.nan, np.inf, 4.0], 3)
    np.testing.assert_allclose(levels, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="scale must be one of linear, log, quantile"):
        contour_levels([0.0, 1.0], 3, "cubic")
    with pytest.raises(ValueError, match="n must"):
        contour_levels([0.0, 1.0], 0)
    with pytest.raises(ValueError, match="no finite"):
        contour_levels([np.nan], 3)


def test_sphere_contour_at_r_squared_lies_on_circle_of_radius_r():
    s = sample(SPHERE, ((-2, 2), (-2, 2)), 201)
    xs, ys = contour_lines(s, [1.0, 2.25])
    ok = np.isfinite(xs)
    assert np.isnan(xs).sum() == 1                            # two closed lines, one NaN break
    r = np.hypot(xs[ok], ys[ok])
    assert set(np.round(r, 2)) == {1.0, 1.5}
    assert np.abs(r - np.where(r < 1.25, 1.0, 1.5)).max() < 2e-4  # linear interpolation on a 0.02 grid


@pytest.mark.parametrize("call,words", [
    (lambda: sample(SPHERE, ((1, 0), (0, 1)), 10), ["view", "xmin < xmax"]),
    (lambda: sample(SPHERE, "abc", 10), ["view"]),
    (lambda: sample(SPHERE, None, 1), ["resolution", "≥ 2"]),
    (lambda: gradient_field(SPHERE, None, 0), ["density", "≥ 1"]),
])
def test_bad_input(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for w in words:
        assert w in str(info.value)
