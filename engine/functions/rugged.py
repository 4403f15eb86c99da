"""Rugged landscapes of the catalogue, built from trigonometry and exponentials: Rastrigin, Ackley, Lévi N.13, Easom
and Styblinski–Tang. Each is a :class:`TestFunction` constant, registered (in display order) by
:mod:`engine.functions`.
"""
from __future__ import annotations

import math

import numpy as np

from ._grid import PI, TAU, entry, line, lines
from .base import TestFunction


# --- Rastrigin, Ackley (separable trigonometry is computed on grid lines, see _grid.line) -------------------------

def _rastrigin_value(x, y):
    x, y = line(x), line(y)
    return (x * x - 10.0 * np.cos(TAU * x)) + (y * y - 10.0 * np.cos(TAU * y)) + 20.0


def _rastrigin_gradient(x, y):
    x, y = line(x), line(y)
    return 2.0 * x + 20.0 * PI * np.sin(TAU * x), 2.0 * y + 20.0 * PI * np.sin(TAU * y)


def _rastrigin_hessian(x, y):
    x, y = line(x), line(y)
    k = 40.0 * PI * PI
    return 2.0 + k * np.cos(TAU * x), 0.0, 2.0 + k * np.cos(TAU * y)


RASTRIGIN = entry(TestFunction(
    name="rastrigin",
    title="Rastrigin",
    description="A bowl covered in a regular egg-box of local minima: local methods stop in the nearest cup.",
    value=_rastrigin_value,
    gradient=_rastrigin_gradient,
    view=((-5.12, 5.12), (-5.12, 5.12)),
    minima=[(0.0, 0.0, 0.0)],
    formula="20 + x² − 10cos(2πx) + y² − 10cos(2πy)",
    hessian=_rastrigin_hessian,
))


def _ackley_parts(x, y):
    """q = 0.2·√(½(x² + y²)) and exp(−q) (full shape); exp(½cos 2πx), exp(½cos 2πy) and the two grid lines.

    The product of the two one-variable factors is exp(½(cos 2πx + cos 2πy)), so the cosines run on grid lines.
    """
    lx, ly = lines(x, y)
    q = 0.02 * lx * lx + 0.02 * ly * ly
    q = np.sqrt(q, out=q) if q.ndim else np.sqrt(q)
    e = np.exp(-q)
    return q, e, np.exp(0.5 * np.cos(TAU * lx)), np.exp(0.5 * np.cos(TAU * ly)), lx, ly


def _ackley_value(x, y):
    _, f, ex, ey, _, _ = _ackley_parts(x, y)
    f *= -20.0
    f -= ex * ey
    f += 20.0 + math.e
    return f


def _ackley_gradient(x, y):
    q, s, ex, ey, lx, ly = _ackley_parts(x, y)
    # d/dx of −20·exp(−q) is 0.4x·exp(−q)/q. At the kink q = 0 take the subgradient 0: clamping q at 1e-150 keeps
    # x/q finite and tiny where x² underflows, and changes nothing elsewhere.
    s /= np.maximum(q, 1e-150)
    gx = s * (0.4 * lx)
    gx += (PI * np.sin(TAU * lx) * ex) * ey
    s *= 0.4 * ly
    s += (PI * np.sin(TAU * ly) * ey) * ex
    return gx, s


ACKLEY = entry(TestFunction(
    name="ackley",
    title="Ackley",
    description="A funnel under a field of ripples: small steps get trapped, momentum can roll through.",
    value=_ackley_value,
    gradient=_ackley_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(0.0, 0.0, 0.0)],
    formula="−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
), blocked=True)


# --- Lévi N.13 ---------------------------------------------------------------------------------------------------

def _levi_parts(x, y):
    """One-variable pieces, on grid lines when possible: sin²(3πx), 1 + sin²(3πy), 1 + sin²(2πy)."""
    lx, ly = line(x), line(y)
    s3x = np.sin(3.0 * PI * lx)
    s3y = np.sin(3.0 * PI * ly)
    s2y = np.sin(TAU * ly)
    return lx, ly, s3x * s3x, 1.0 + s3y * s3y, 1.0 + s2y * s2y


def _levi_value(x, y):
    lx, ly, sx, wy, vy = _levi_parts(x, y)
    u = (lx - 1.0) ** 2
    w = (ly - 1.0) ** 2
    return sx + u * wy + w * vy


def _levi_gradient(x, y):
    lx, ly, sx, wy, vy = _levi_parts(x, y)
    u = lx - 1.0
    w = ly - 1.0
    gx = 3.0 * PI * np.sin(6.0 * PI * lx) + 2.0 * u * wy
    gy = (u * u) * (3.0 * PI * np.sin(6.0 * PI * ly)) + (2.0 * w * vy + (w * w) * (TAU * np.sin(2.0 * TAU * ly)))
    return gx, gy


def _levi_hessian(x, y):
    lx, ly, sx, wy, vy = _levi_parts(x, y)
    u = lx - 1.0
    w = ly - 1.0
    fxx = 18.0 * PI * PI * np.cos(6.0 * PI * lx) + 2.0 * wy
    fxy = 6.0 * PI * u * np.sin(6.0 * PI * ly)
    fyy = ((u * u) * (18.0 * PI * PI * np.cos(6.0 * PI * ly))
           + (2.0 * vy + 8.0 * PI * w * np.sin(2.0 * TAU * ly) + 8.0 * PI * PI * (w * w) * np.cos(2.0 * TAU * ly)))
    return fxx, fxy, fyy


LEVI_13 = entry(TestFunction(
    name="levi-13",
    title="Lévi N.13",
    description="Ripples in two directions on a tilted bowl: many local minima, one at the bottom.",
    value=_levi_value,
    gradient=_levi_gradient,
    view=((-4.0, 6.0), (-4.0, 6.0)),
    minima=[(1.0, 1.0, 0.0)],
    formula="sin²(3πx) + (x − 1)²(1 + sin²(3πy)) + (y − 1)²(1 + sin²(2πy))",
    hessian=_levi_hessian,
))


# --- Easom: −A(x)·A(y) with A(t) = cos t · exp(−(t − π)²), fully separable ---------------------------------------

def _easom_factor(t):
    """A(t), A'(t), A''(t) for A(t) = cos t · exp(−(t − π)²); shapes as t."""
    u = t - PI
    e = np.exp(-(u * u))
    c, s = np.cos(t), np.sin(t)
    return c * e, -(s + 2.0 * u * c) * e, ((4.0 * u * u - 3.0) * c + 4.0 * u * s) * e


def _easom_value(x, y):
    ax = _easom_factor(line(x))[0]
    ay = _easom_factor(line(y))[0]
    return -(ax * ay)


def _easom_gradient(x, y):
    ax, dax, _ = _easom_factor(line(x))
    ay, day, _ = _easom_factor(line(y))
    return -(dax * ay), -(ax * day)


def _easom_hessian(x, y):
    ax, dax, ddax = _easom_factor(line(x))
    ay, day, dday = _easom_factor(line(y))
    return -(ddax * ay), -(dax * day), -(ax * dday)


EASOM = entry(TestFunction(
    name="easom",
    title="Easom",
    description="A flat plain with one narrow hole: almost no gradient to follow until you are nearly there.",
    value=_easom_value,
    gradient=_easom_gradient,
    view=((-2.0, 8.0), (-2.0, 8.0)),
    minima=[(PI, PI, -1.0)],
    formula="−cos x · cos y · exp(−(x − π)² − (y − π)²)",
    hessian=_easom_hessian,
))


# --- Styblinski–Tang (2D) ----------------------------------------------------------------------------------------

def _styblinski_tang_value(x, y):
    x, y = line(x), line(y)
    x2, y2 = x * x, y * y
    return 0.5 * ((x2 * (x2 - 16.0) + 5.0 * x) + (y2 * (y2 - 16.0) + 5.0 * y))


def _styblinski_tang_gradient(x, y):
    x, y = line(x), line(y)
    return x * (2.0 * (x * x) - 16.0) + 2.5, y * (2.0 * (y * y) - 16.0) + 2.5


_ST_X = -2.903534027771177  # root of 2t³ − 16t + 2.5 = 0
_ST_F = -78.33233140754283
STYBLINSKI_TANG = entry(TestFunction(
    name="styblinski-tang",
    title="Styblinski–Tang",
    description="Four basins of different depths: the nearest valley is often not the deepest.",
    value=_styblinski_tang_value,
    gradient=_styblinski_tang_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(_ST_X, _ST_X, _ST_F)],
    formula="½(x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
    hessian=lambda x, y: (6.0 * (x * x) - 16.0, 0.0, 6.0 * (y * y) - 16.0),
))
