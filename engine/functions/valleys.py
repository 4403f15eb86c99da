"""Curved valleys and multi-minimum polynomials of the catalogue: Himmelblau, Rosenbrock, Beale, Goldstein–Price
and McCormick. Each is a :class:`TestFunction` constant, registered (in display order) by :mod:`engine.functions`.
"""
from __future__ import annotations

import math

import numpy as np

from ._grid import PI, const, entry, lines, polynomial
from .base import Array, TestFunction


# --- Himmelblau -------------------------------------------------------------------------------------------------

def _himmelblau_parts(x, y):
    """a = x² + y − 11, b = x + y² − 7 (full shape) and the grid lines of x and y."""
    lx, ly = lines(x, y)
    return (lx * lx - 11.0) + ly, lx + (ly * ly - 7.0), lx, ly


def _himmelblau_value(x, y):
    a, b, _, _ = _himmelblau_parts(x, y)
    a *= a
    b *= b
    a += b
    return a


def _himmelblau_gradient(x, y):
    a, b, lx, ly = _himmelblau_parts(x, y)
    gx = (4.0 * lx) * a
    gx += b
    gx += b
    gy = (4.0 * ly) * b
    gy += a
    gy += a
    return gx, gy


def _himmelblau_hessian(x, y):
    lx, ly = lines(x, y)
    return (12.0 * lx * lx - 42.0) + 4.0 * ly, 4.0 * lx + 4.0 * ly, 4.0 * lx + (12.0 * ly * ly - 26.0)


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
), blocked=True)


# --- Rosenbrock -------------------------------------------------------------------------------------------------

def _rosenbrock_value(x, y):
    lx, ly = lines(x, y)
    v = 10.0 * ly - 10.0 * lx * lx   # 10(y − x²), squared below: 100(y − x²)²
    v *= v
    v += (1.0 - lx) ** 2
    return v


def _rosenbrock_gradient(x, y):
    lx, ly = lines(x, y)
    gy = 200.0 * ly - 200.0 * lx * lx
    gx = (-2.0 * lx) * gy            # −400x(y − x²)
    gx += 2.0 * lx - 2.0             # −2(1 − x)
    return gx, gy


_C200, _CM2, _C2 = const(200.0), const(-2.0), const(2.0)


def _rosenbrock_gradient_into(x, y, gx, gy, s):
    """:func:`_rosenbrock_gradient` op for op (bit-identical) into gx, gy; 9 calls, no temporaries (s: scratch)."""
    mul, sub = np.multiply, np.subtract
    mul(x, _C200, gy)
    mul(gy, x, gy)
    mul(y, _C200, s)
    sub(s, gy, gy)        # 200y − 200x·x
    mul(x, _CM2, gx)
    mul(gx, gy, gx)       # (−2x)·gy
    mul(x, _C2, s)
    sub(s, _C2, s)        # 2x − 2
    np.add(gx, s, gx)


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
    hessian=lambda x, y: (1200.0 * x * x - 400.0 * y + 2.0, -400.0 * x, 200.0),
), gradient_into=_rosenbrock_gradient_into)


# --- Beale: t_k = c_k + x(yᵏ − 1), f = Σ t_k² ----------------------------------------------------------------------

def _beale_terms(x, y):
    """(t1, t2, t3) full shape, (d1, d2, d3) = dt_k/dx = yᵏ − 1 on the y line, and the lines."""
    lx, ly = lines(x, y)
    y2 = ly * ly
    d = (ly - 1.0, y2 - 1.0, y2 * ly - 1.0)
    t = tuple(lx * dk + ck for dk, ck in zip(d, (1.5, 2.25, 2.625)))
    return t, d, lx, ly


def _beale_value(x, y):
    (t1, t2, t3), _, _, _ = _beale_terms(x, y)
    t1 *= t1
    t2 *= t2
    t3 *= t3
    t1 += t2
    t1 += t3
    return t1


def _beale_gradient(x, y):
    # With t_k = c_k + x·d_k(y) and dt_k/dy = x·e_k(y), e_k = k·yᵏ⁻¹, the gradient is a polynomial in x whose
    # coefficients depend on y alone (computed on the y line):
    #   ∂f/∂x = 2Σ t_k d_k = U + xV,   ∂f/∂y = 2xΣ t_k e_k = x(P + xQ)
    # with U = 2Σ c_k d_k, V = 2Σ d_k², P = 2Σ c_k e_k, Q = 2Σ d_k e_k.
    lx, ly = lines(x, y)
    y2 = ly * ly
    d = (ly - 1.0, y2 - 1.0, y2 * ly - 1.0)
    e = (1.0, 2.0 * ly, 3.0 * y2)
    c = (1.5, 2.25, 2.625)
    u = 2.0 * sum(ck * dk for ck, dk in zip(c, d))
    v = 2.0 * sum(dk * dk for dk in d)
    p = 2.0 * sum(ck * ek for ck, ek in zip(c, e))
    q = 2.0 * sum(dk * ek for dk, ek in zip(d, e))
    gx = lx * v
    gx += u
    gy = lx * q
    gy += p
    gy *= lx
    return gx, gy


def _beale_hessian(x, y):
    (t1, t2, t3), (d1, d2, d3), lx, ly = _beale_terms(x, y)
    e1, e2, e3 = lx, 2.0 * lx * ly, 3.0 * lx * ly * ly   # dt_k/dy
    fxx = 2.0 * (d1 * d1 + d2 * d2 + d3 * d3)
    fxy = 2.0 * (d1 * e1 + t1 + d2 * e2 + 2.0 * ly * t2 + d3 * e3 + 3.0 * ly * ly * t3)
    fyy = 2.0 * (e1 * e1 + e2 * e2 + 2.0 * lx * t2 + e3 * e3 + 6.0 * lx * ly * t3)
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


# --- Goldstein–Price ---------------------------------------------------------------------------------------------
# With s = x + y and b = 2x − 3y the two factors are polynomials of one variable each:
#   1 + (s + 1)²(3s² − 14s + 19) = A(s) = 3s⁴ − 8s³ − 6s² + 24s + 20,    A'(s) = 12(s − 2)(s − 1)(s + 1)
#   30 + b²(3b² − 16b + 18)      = B(b) = 3b⁴ − 16b³ + 18b² + 30,        B'(b) = 12b(b − 1)(b − 3)
# f = A(s)·B(b), so ∂f/∂x = A'B + 2AB' and ∂f/∂y = A'B − 3AB'.

_GP_A = (3.0, -8.0, -6.0, 24.0, 20.0)
_GP_B = (3.0, -16.0, 18.0, 0.0, 30.0)
_GP_DA = tuple(np.polyder(_GP_A))
_GP_DB = tuple(np.polyder(_GP_B))


def _goldstein_price_sb(x, y):
    lx, ly = lines(x, y)
    return lx + ly, 2.0 * lx - 3.0 * ly


def _goldstein_price_value(x, y):
    s, b = _goldstein_price_sb(x, y)
    f = polynomial(s, _GP_A)
    f *= polynomial(b, _GP_B)
    return f


def _goldstein_price_gradient(x, y):
    s, b = _goldstein_price_sb(x, y)
    da_b = polynomial(s, _GP_DA)
    da_b *= polynomial(b, _GP_B)
    a_db = polynomial(b, _GP_DB)
    a_db *= polynomial(s, _GP_A)
    gx = 2.0 * a_db
    gx += da_b
    a_db *= 3.0
    da_b -= a_db
    return gx, da_b


def _goldstein_price_hessian(x, y):
    s, b = _goldstein_price_sb(x, y)
    a, da, dda = (np.polyval(p, s) for p in (_GP_A, _GP_DA, np.polyder(_GP_DA)))
    b_, db, ddb = (np.polyval(p, b) for p in (_GP_B, _GP_DB, np.polyder(_GP_DB)))
    return dda * b_ + 4.0 * da * db + 4.0 * a * ddb, dda * b_ - da * db - 6.0 * a * ddb, \
        dda * b_ - 6.0 * da * db + 9.0 * a * ddb


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
), blocked=True)


# --- McCormick ---------------------------------------------------------------------------------------------------

def _sin_cos_of_sum(x, y) -> tuple[Array, Array]:
    """sin(x + y), cos(x + y); on a grid by the addition theorems from sines and cosines of the grid lines."""
    lx, ly = lines(x, y)
    if lx.size + ly.size >= np.broadcast(lx, ly).size:
        return np.sin(lx + ly), np.cos(lx + ly)
    sx, cx, sy, cy = np.sin(lx), np.cos(lx), np.sin(ly), np.cos(ly)
    s = sx * cy
    s += cx * sy
    c = cx * cy
    c -= sx * sy
    return s, c


def _mccormick_value(x, y):
    lx, ly = lines(x, y)
    d = lx - ly
    d *= d
    d += _sin_cos_of_sum(lx, ly)[0]
    d += 1.0 - 1.5 * lx
    d += 2.5 * ly
    return d


def _mccormick_gradient(x, y):
    lx, ly = lines(x, y)
    c = _sin_cos_of_sum(lx, ly)[1]
    d = (2.0 * lx - 1.5) - 2.0 * ly      # 2(x − y) − 1.5
    gy = c - d
    gy += 1.0
    c += d
    return c, gy


def _mccormick_hessian(x, y):
    s = _sin_cos_of_sum(x, y)[0]
    return 2.0 - s, -2.0 - s, 2.0 - s


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
), blocked=True)
