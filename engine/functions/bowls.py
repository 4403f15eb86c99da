"""Bowls, saddles and low polynomials of the catalogue: sphere, ill-conditioned bowl, saddle, monkey saddle, Booth,
Matyas and the three- and six-hump camels. Each is a :class:`TestFunction` constant, registered (in display order) by
:mod:`engine.functions`.
"""
from __future__ import annotations

import numpy as np

from ._grid import entry, lines, polynomial
from .base import TestFunction


# --- Quadratics and saddles -------------------------------------------------------------------------------------

def _quadratic(a: float, c: float):
    """value, gradient, hessian of a·x² + c·y² (a bowl when a, c > 0, a saddle when c < 0)."""

    def value(x, y):
        lx, ly = lines(x, y)
        return (a * lx * lx) + (c * ly * ly)

    return value, (lambda x, y: (2.0 * a * x, 2.0 * c * y)), (lambda x, y: (2.0 * a, 0.0, 2.0 * c))


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
    lx, ly = lines(x, y)
    return lx * lx * lx - (3.0 * lx) * (ly * ly)


def _monkey_gradient(x, y):
    lx, ly = lines(x, y)
    return 3.0 * lx * lx - 3.0 * ly * ly, (-6.0 * lx) * ly


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
    lx, ly = lines(x, y)
    a = (lx - 7.0) + 2.0 * ly
    b = (2.0 * lx - 5.0) + ly
    a *= a
    b *= b
    a += b
    return a


def _booth_gradient(x, y):
    lx, ly = lines(x, y)
    return (10.0 * lx - 34.0) + 8.0 * ly, 8.0 * lx + (10.0 * ly - 38.0)


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
    lx, ly = lines(x, y)
    f = 0.26 * lx * lx + 0.26 * ly * ly
    f -= (0.48 * lx) * ly
    return f


def _matyas_gradient(x, y):
    lx, ly = lines(x, y)
    return 0.52 * lx - 0.48 * ly, 0.52 * ly - 0.48 * lx


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


def _camel(px: tuple[float, ...], py: tuple[float, ...]):
    """value, gradient, hessian of P(x) + xy + Q(y) for polynomials P, Q given by coefficients (highest first)."""
    dpx, dpy = np.polyder(px), np.polyder(py)
    ddpx, ddpy = np.polyder(dpx), np.polyder(dpy)

    def value(x, y):
        lx, ly = lines(x, y)
        f = lx * ly
        f += polynomial(lx, px)
        f += polynomial(ly, py)
        return f

    def gradient(x, y):
        lx, ly = lines(x, y)
        return polynomial(lx, tuple(dpx)) + ly, lx + polynomial(ly, tuple(dpy))

    def hessian(x, y):
        return np.polyval(ddpx, x), 1.0, np.polyval(ddpy, y)

    return value, gradient, hessian


_v3, _g3, _h3 = _camel((1.0 / 6.0, 0.0, -1.05, 0.0, 2.0, 0.0, 0.0), (1.0, 0.0, 0.0))
THREE_HUMP_CAMEL = entry(TestFunction(
    name="three-hump-camel",
    title="Three-hump camel",
    description="One global minimum flanked by two local ones: a start on the side gets stuck.",
    value=_v3,
    gradient=_g3,
    view=((-2.5, 2.5), (-2.5, 2.5)),
    minima=[(0.0, 0.0, 0.0)],
    formula="2x² − 1.05x⁴ + x⁶/6 + xy + y²",
    hessian=_h3,
))

_v6, _g6, _h6 = _camel((1.0 / 3.0, 0.0, -2.1, 0.0, 4.0, 0.0, 0.0), (4.0, 0.0, -4.0, 0.0, 0.0))
_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F = 0.08984201310031806, -0.7126564030207396, -1.0316284534898774
SIX_HUMP_CAMEL = entry(TestFunction(
    name="six-hump-camel",
    title="Six-hump camel",
    description="Six humps, two equally good minima and four traps: symmetric starts end in mirrored valleys.",
    value=_v6,
    gradient=_g6,
    view=((-2.0, 2.0), (-1.2, 1.2)),
    minima=[(_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F), (-_SIX_HUMP_X, -_SIX_HUMP_Y, _SIX_HUMP_F)],
    formula="(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
    hessian=_h6,
))
