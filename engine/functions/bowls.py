"""Bowls, saddles and low polynomials of the catalogue: sphere, ill-conditioned bowl, saddle, monkey saddle, Booth,
Matyas and the three- and six-hump camels. Each is a :class:`TestFunction` constant, registered (in display order) by
:mod:`engine.functions`.
"""
from __future__ import annotations

import numpy as np

from .base import TestFunction
from .catalogue_entry import entry


# --- Quadratics and saddles -------------------------------------------------------------------------------------

def _quadratic(a: float, c: float):
    """value, gradient, hessian of a·x² + c·y² (a bowl when a, c > 0, a saddle when c < 0)."""

    def value(x, y):
        return a * x**2 + c * y**2

    def gradient(x, y):
        return 2 * a * x, 2 * c * y

    return value, gradient, (lambda x, y: (2.0 * a, 0.0, 2.0 * c))


def _quadratic_bowl(name: str, title: str, a: float, c: float, view, minima, description: str,
                    formula: str) -> TestFunction:
    value, gradient, hessian = _quadratic(a, c)
    return entry(TestFunction(name=name, title=title, description=description, value=value, gradient=gradient,
                              view=view, minima=minima, formula=formula, hessian=hessian))


SPHERE = _quadratic_bowl(
    "sphere", "Sphere", 1.0, 1.0, ((-3.0, 3.0), (-3.0, 3.0)), [(0.0, 0.0, 0.0)],
    "A round bowl: the gradient points straight at the minimum, so every method gets there.", "x² + y²")
# Hessian diag(2, 50): condition number 25.
ILL_CONDITIONED = _quadratic_bowl(
    "ill-conditioned", "Ill-conditioned bowl", 1.0, 25.0, ((-5.0, 5.0), (-5.0, 5.0)), [(0.0, 0.0, 0.0)],
    "An elongated bowl (condition number 25): plain descent zig-zags across, momentum glides along.",
    "x² + 25y²")
SADDLE = _quadratic_bowl(
    "saddle", "Saddle", 1.0, -1.0, ((-2.0, 2.0), (-2.0, 2.0)), [],
    "Downhill in y, uphill in x: a start on the x axis stalls at the saddle point forever.", "x² − y²")


def _monkey_value(x, y):
    return x**3 - 3 * x * y**2


def _monkey_gradient(x, y):
    return 3 * x**2 - 3 * y**2, -6 * x * y


MONKEY_SADDLE = entry(TestFunction(
    name="monkey-saddle",
    title="Monkey saddle",
    description="A flat point with three ways down: the gradient vanishes, yet it is no minimum.",
    value=_monkey_value,
    gradient=_monkey_gradient,
    view=((-2.0, 2.0), (-2.0, 2.0)),
    minima=[],
    formula="x³ − 3xy²",
    hessian=lambda x, y: (6.0 * x, -6.0 * y, -6.0 * x),
))


# --- Booth, Matyas, camels ---------------------------------------------------------------------------------------

def _booth_value(x, y):
    return (x + 2 * y - 7) ** 2 + (2 * x + y - 5) ** 2


def _booth_gradient(x, y):
    a, b = x + 2 * y - 7, 2 * x + y - 5
    return 2 * a + 4 * b, 4 * a + 2 * b


BOOTH = entry(TestFunction(
    name="booth",
    title="Booth",
    description="A tilted, mildly stretched bowl: an easy warm-up with one minimum away from the origin.",
    value=_booth_value,
    gradient=_booth_gradient,
    view=((-10.0, 10.0), (-10.0, 10.0)),
    minima=[(1.0, 3.0, 0.0)],
    formula="(x + 2y − 7)² + (2x + y − 5)²",
    hessian=lambda x, y: (10.0, 8.0, 10.0),
))


def _matyas_value(x, y):
    return 0.26 * (x**2 + y**2) - 0.48 * x * y


def _matyas_gradient(x, y):
    return 0.52 * x - 0.48 * y, 0.52 * y - 0.48 * x


MATYAS = entry(TestFunction(
    name="matyas",
    title="Matyas",
    description="A nearly flat diagonal trough: tiny gradients make plain descent crawl.",
    value=_matyas_value,
    gradient=_matyas_gradient,
    view=((-10.0, 10.0), (-10.0, 10.0)),
    minima=[(0.0, 0.0, 0.0)],
    formula="0.26(x² + y²) − 0.48xy",
    hessian=lambda x, y: (0.52, -0.48, 0.52),
))


def _three_hump_value(x, y):
    return 2 * x**2 - 1.05 * x**4 + x**6 / 6 + x * y + y**2


def _three_hump_gradient(x, y):
    return 4 * x - 4.2 * x**3 + x**5 + y, x + 2 * y


def _six_hump_value(x, y):
    return (4 - 2.1 * x**2 + x**4 / 3) * x**2 + x * y + (-4 + 4 * y**2) * y**2


def _six_hump_gradient(x, y):
    return 8 * x - 8.4 * x**3 + 2 * x**5 + y, x - 8 * y + 16 * y**3


THREE_HUMP_CAMEL = entry(TestFunction(
    name="three-hump-camel",
    title="Three-hump camel",
    description="One global minimum flanked by two local ones: a start on the side gets stuck.",
    value=_three_hump_value,
    gradient=_three_hump_gradient,
    view=((-2.5, 2.5), (-2.5, 2.5)),
    minima=[(0.0, 0.0, 0.0)],
    formula="2x² − 1.05x⁴ + x⁶/6 + xy + y²",
    hessian=lambda x, y: (4 - 12.6 * x**2 + 5 * x**4, 1.0, 2.0),
))

_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F = 0.08984201310031806, -0.7126564030207396, -1.0316284534898774
SIX_HUMP_CAMEL = entry(TestFunction(
    name="six-hump-camel",
    title="Six-hump camel",
    description="Six humps, two equally good minima and four traps: symmetric starts end in mirrored valleys.",
    value=_six_hump_value,
    gradient=_six_hump_gradient,
    view=((-2.0, 2.0), (-1.2, 1.2)),
    minima=[(_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F), (-_SIX_HUMP_X, -_SIX_HUMP_Y, _SIX_HUMP_F)],
    formula="(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
    hessian=lambda x, y: (8 - 25.2 * x**2 + 10 * x**4, 1.0, -8 + 48 * y**2),
))
