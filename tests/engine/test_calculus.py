"""engine.calculus against closed forms and central finite differences; asymmetric functions so that a swapped axis
or a wrong sign fails."""
import math

import numpy as np
import pytest

from engine import calculus, functions
from engine.formula import parse


class Cubic:
    """f = x²·y + y³ (∂f/∂x = 2xy, ∂f/∂y = x² + 3y²), written out by hand, independent of the engine."""

    @staticmethod
    def value(x, y):
        return x * x * y + y ** 3

    @staticmethod
    def gradient(x, y):
        return 2 * x * y, x * x + 3 * y * y


def _fd_along(fn, x, y, degrees, h=1e-6):
    ux, uy = math.cos(math.radians(degrees)), math.sin(math.radians(degrees))
    return (fn.value(x + h * ux, y + h * uy) - fn.value(x - h * ux, y - h * uy)) / (2 * h)


def test_unit_vector_is_counter_clockwise_from_x():
    ux, uy = calculus.unit_vector([0.0, 90.0, 180.0, 30.0])
    np.testing.assert_allclose(ux, [1.0, 0.0, -1.0, math.sqrt(3) / 2], atol=1e-15)
    np.testing.assert_allclose(uy, [0.0, 1.0, 0.0, 0.5], atol=1e-15)


@pytest.mark.parametrize("fn", [Cubic, functions.get("rosenbrock"), functions.get("himmelblau"),
                                parse("sin(x) * exp(y/3) + x*y^2")])
@pytest.mark.parametrize("point", [(0.7, -1.3), (-1.1, 0.4)])
@pytest.mark.parametrize("degrees", [0.0, 37.0, 90.0, 200.0, 311.0])
def test_directional_derivative_matches_finite_difference_along_u(fn, point, degrees):
    x, y = point
    expected = _fd_along(fn, x, y, degrees)
    got = calculus.directional_derivative(fn, x, y, degrees)
    assert got == pytest.approx(expected, rel=1e-6, abs=1e-6)


def test_directional_derivative_closed_form_picks_the_right_axis():
    # at (1, 2): ∇f = (2·1·2, 1 + 3·4) = (4, 13); along +x it is 4, along +y 13, along −y −13
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, 0.0) == pytest.approx(4.0)
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, 90.0) == pytest.approx(13.0)
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, 270.0) == pytest.approx(-13.0)
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, 45.0) == pytest.approx(17.0 / math.sqrt(2))


def test_profile_maximum_lies_on_the_gradient_with_value_its_length():
    degrees, slopes = calculus.directional_profile(Cubic, 1.0, 2.0, n=36001)
    norm = math.hypot(4.0, 13.0)
    best = degrees[np.argmax(slopes)]
    assert best == pytest.approx(math.degrees(math.atan2(13.0, 4.0)), abs=0.01)
    assert slopes.max() == pytest.approx(norm, rel=1e-8)
    assert degrees[np.argmin(slopes)] == pytest.approx(math.degrees(math.atan2(-13.0, -4.0)) + 360.0, abs=0.01)
    assert slopes.min() == pytest.approx(-norm, rel=1e-8)


def test_zero_along_the_contour_and_minus_norm_against_the_gradient():
    p = calculus.probe(Cubic, 1.0, 2.0, 0.0)
    along_contour = p.gradient_degrees + 90.0
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, along_contour) == pytest.approx(0.0, abs=1e-12)
    # the contour really is level there: f barely changes along it (second order only)
    assert abs(_fd_along(Cubic, 1.0, 2.0, along_contour)) < 1e-6
    assert calculus.directional_derivative(Cubic, 1.0, 2.0, p.gradient_degrees + 180.0) == pytest.approx(-p.norm)


def test_probe_numbers():
    p = calculus.probe(Cubic, 1.0, 2.0, 90.0)
    assert (p.f, p.gx, p.gy) == pytest.approx((1 * 2 + 8, 4.0, 13.0))
    assert (p.ux, p.uy) == pytest.approx((0.0, 1.0), abs=1e-15)
    assert p.slope == pytest.approx(13.0)
    stationary = calculus.probe(Cubic, 0.0, 0.0, 10.0)
    assert stationary.norm == 0 and stationary.gradient_degrees is None and stationary.slope == 0


@pytest.mark.parametrize("h", [1.0, 0.5, -0.25, 1e-3])
def test_secant_slopes_closed_form(h):
    x0, y0 = 1.5, -0.5
    # (f(x0+h, y0) − f(x0, y0))/h = (2·x0 + h)·y0 ; (f(x0, y0+h) − f(x0, y0))/h = x0² + 3·y0² + 3·y0·h + h²
    sx, sy = calculus.secant_slopes(Cubic, x0, y0, h)
    assert sx == pytest.approx((2 * x0 + h) * y0, rel=1e-9)
    assert sy == pytest.approx(x0 ** 2 + 3 * y0 ** 2 + 3 * y0 * h + h * h, rel=1e-9)


def test_secant_approaches_the_partials():
    errors = [abs(calculus.secant_slopes(Cubic, 1.5, -0.5, h)[0] - 2 * 1.5 * -0.5) for h in (1.0, 0.1, 0.01)]
    assert errors[0] > errors[1] > errors[2]
    with pytest.raises(ValueError):
        calculus.secant_slopes(Cubic, 0, 0, 0.0)


def test_component_arrows_add_up_to_the_gradient():
    (ax, ay), (bx, by) = calculus.component_arrows(Cubic, 1.0, 2.0)
    assert (ax, ay) == (4.0, 0.0) and (bx, by) == (0.0, 13.0)


def test_slices_are_the_function_along_each_axis_with_tangents():
    s = calculus.slices(Cubic, 1.0, 2.0, (-2.0, 3.0), (0.0, 4.0), n=11)
    np.testing.assert_allclose(s.fx, s.xs ** 2 * 2.0 + 8.0)  # f(x, 2)
    np.testing.assert_allclose(s.fy, 1.0 * s.ys + s.ys ** 3)  # f(1, y)
    np.testing.assert_allclose(s.tx, 10.0 + 4.0 * (s.xs - 1.0))
    np.testing.assert_allclose(s.ty, 10.0 + 13.0 * (s.ys - 2.0))
    assert (s.dfdx, s.dfdy) == (4.0, 13.0)
