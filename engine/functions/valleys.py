"""Curved valleys and multi-minimum polynomials of the catalogue: Himmelblau, Rosenbrock, Beale, Goldstein–Price
and McCormick. Each is a :class:`TestFunction` constant, registered (in display order) by :mod:`engine.functions`.
"""
from __future__ import annotations

import math

import numpy as np

from .base import TestFunction
from .catalogue_entry import PI, entry


# --- Himmelblau: f = a² + b² with a = x² + y − 11, b = x + y² − 7 --------------------------------------------------

def _himmelblau_value(x, y):
    return (x**2 + y - 11) ** 2 + (x + y**2 - 7) ** 2


def _himmelblau_gradient(x, y):
    a = x**2 + y - 11
    b = x + y**2 - 7
    return 4 * x * a + 2 * b, 2 * a + 4 * y * b


def _himmelblau_hessian(x, y):
    return 12 * x**2 + 4 * y - 42, 4 * x + 4 * y, 4 * x + 12 * y**2 - 26


HIMMELBLAU = entry(TestFunction(
    name="himmelblau",
    title="Himmelblau",
    description="Four equal minima: where you start decides which valley you end in.",
    value=_himmelblau_value,
    gradient=_himmelblau_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(3.0, 2.0, 0.0), (-2.805118086952745, 3.131312518250573, 0.0),
            (-3.779310253377747, -3.283185991286169, 0.0), (3.584428340330492, -1.848126526964404, 0.0)],
    formula="(x² + y − 11)² + (x + y² − 7)²",
    hessian=_himmelblau_hessian,
))


# --- Rosenbrock: f = (1 − x)² + 100(y − x²)² ----------------------------------------------------------------------

def _rosenbrock_value(x, y):
    return (1 - x) ** 2 + 100 * (y - x**2) ** 2


def _rosenbrock_gradient(x, y):
    return -2 * (1 - x) - 400 * x * (y - x**2), 200 * (y - x**2)


ROSENBROCK = entry(TestFunction(
    name="rosenbrock",
    title="Rosenbrock",
    description="A long curved valley: fast to find, slow to follow.",
    value=_rosenbrock_value,
    gradient=_rosenbrock_gradient,
    view=((-2.0, 2.0), (-1.0, 3.0)),
    minima=[(1.0, 1.0, 0.0)],
    log_scale=True,
    formula="(1 − x)² + 100(y − x²)²",
    hessian=lambda x, y: (1200 * x**2 - 400 * y + 2, -400 * x, 200.0),
))


# --- Beale: f = Σ t_k² with t_k = c_k − x + x·yᵏ, c = (1.5, 2.25, 2.625) ----------------------------------------------

_BEALE_C = (1.5, 2.25, 2.625)


def _beale_value(x, y):
    return sum((c - x + x * y**k) ** 2 for k, c in enumerate(_BEALE_C, start=1))


def _beale_gradient(x, y):
    # ∂t_k/∂x = yᵏ − 1,  ∂t_k/∂y = k·x·yᵏ⁻¹
    t = [c - x + x * y**k for k, c in enumerate(_BEALE_C, start=1)]
    gx = sum(2 * t[k - 1] * (y**k - 1) for k in (1, 2, 3))
    gy = sum(2 * t[k - 1] * k * x * y ** (k - 1) for k in (1, 2, 3))
    return gx, gy


def _beale_hessian(x, y):
    t = [c - x + x * y**k for k, c in enumerate(_BEALE_C, start=1)]
    dx = [y**k - 1 for k in (1, 2, 3)]                      # ∂t_k/∂x
    dy = [k * x * y ** (k - 1) for k in (1, 2, 3)]          # ∂t_k/∂y
    dxy = [k * y ** (k - 1) for k in (1, 2, 3)]             # ∂²t_k/∂x∂y
    dyy = [k * (k - 1) * x * y ** (k - 2) if k > 1 else 0.0 for k in (1, 2, 3)]
    fxx = sum(2 * d * d for d in dx)
    fxy = sum(2 * (dx[i] * dy[i] + t[i] * dxy[i]) for i in range(3))
    fyy = sum(2 * (dy[i] * dy[i] + t[i] * dyy[i]) for i in range(3))
    return fxx, fxy, fyy


BEALE = entry(TestFunction(
    name="beale",
    title="Beale",
    description="A flat basin walled by steep ridges in the corners: step sizes that suit one part fail the other.",
    value=_beale_value,
    gradient=_beale_gradient,
    view=((-4.5, 4.5), (-4.5, 4.5)),
    minima=[(3.0, 0.5, 0.0)],
    log_scale=True,
    formula="(1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²",
    hessian=_beale_hessian,
))


# --- Goldstein–Price: f = A·B --------------------------------------------------------------------------------------
#   A = 1 + (x + y + 1)²·(19 − 14x + 3x² − 14y + 6xy + 3y²)
#   B = 30 + (2x − 3y)²·(18 − 32x + 12x² + 48y − 36xy + 27y²)

def _gp_parts(x, y):
    """A, ∂A/∂x, ∂A/∂y, B, ∂B/∂x, ∂B/∂y."""
    s, p = x + y + 1, 19 - 14 * x + 3 * x**2 - 14 * y + 6 * x * y + 3 * y**2
    d, q = 2 * x - 3 * y, 18 - 32 * x + 12 * x**2 + 48 * y - 36 * x * y + 27 * y**2
    A = 1 + s**2 * p
    Ax = 2 * s * p + s**2 * (-14 + 6 * x + 6 * y)
    Ay = 2 * s * p + s**2 * (-14 + 6 * x + 6 * y)
    B = 30 + d**2 * q
    Bx = 4 * d * q + d**2 * (-32 + 24 * x - 36 * y)
    By = -6 * d * q + d**2 * (48 - 36 * x + 54 * y)
    return A, Ax, Ay, B, Bx, By


def _goldstein_price_value(x, y):
    A, _, _, B, _, _ = _gp_parts(x, y)
    return A * B


def _goldstein_price_gradient(x, y):
    A, Ax, Ay, B, Bx, By = _gp_parts(x, y)
    return Ax * B + A * Bx, Ay * B + A * By


def _goldstein_price_hessian(x, y):
    # With u = x + y and w = 2x − 3y: A = a(u), B = b(w), so f_xx = a''b + 4a'b' + 4ab'', etc.
    u, w = x + y, 2 * x - 3 * y
    a = np.polyval((3.0, -8.0, -6.0, 24.0, 20.0), u)
    da, dda = np.polyval((12.0, -24.0, -12.0, 24.0), u), np.polyval((36.0, -48.0, -12.0), u)
    b = np.polyval((3.0, -16.0, 18.0, 0.0, 30.0), w)
    db, ddb = np.polyval((12.0, -48.0, 36.0, 0.0), w), np.polyval((36.0, -96.0, 36.0), w)
    return (dda * b + 4 * da * db + 4 * a * ddb, dda * b - da * db - 6 * a * ddb,
            dda * b - 6 * da * db + 9 * a * ddb)


GOLDSTEIN_PRICE = entry(TestFunction(
    name="goldstein-price",
    title="Goldstein–Price",
    description="Values spanning six decades with a few local minima: step sizes must adapt to survive.",
    value=_goldstein_price_value,
    gradient=_goldstein_price_gradient,
    view=((-2.0, 2.0), (-2.0, 2.0)),
    minima=[(0.0, -1.0, 3.0)],
    log_scale=True,
    formula="[1 + (x + y + 1)²(19 − 14x + 3x² − 14y + 6xy + 3y²)]"
            " · [30 + (2x − 3y)²(18 − 32x + 12x² + 48y − 36xy + 27y²)]",
    hessian=_goldstein_price_hessian,
))


# --- McCormick: f = sin(x + y) + (x − y)² − 1.5x + 2.5y + 1 ----------------------------------------------------------

def _mccormick_value(x, y):
    return np.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1


def _mccormick_gradient(x, y):
    c = np.cos(x + y)
    return c + 2 * (x - y) - 1.5, c - 2 * (x - y) + 2.5


def _mccormick_hessian(x, y):
    s = np.sin(x + y)
    return 2 - s, -2 - s, 2 - s


MCCORMICK = entry(TestFunction(
    name="mccormick",
    title="McCormick",
    description="A gently curved, tilted valley: one clear minimum and a local one up the slope.",
    value=_mccormick_value,
    gradient=_mccormick_gradient,
    view=((-1.5, 4.0), (-3.0, 4.0)),
    # Exact: the gradient vanishes where cos(x + y) = −½ and x − y = 1.
    minima=[(0.5 - PI / 3.0, -0.5 - PI / 3.0, -math.sqrt(3.0) / 2.0 - PI / 3.0)],
    formula="sin(x + y) + (x − y)² − 1.5x + 2.5y + 1",
    hessian=_mccormick_hessian,
))
