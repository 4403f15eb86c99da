"""Catalogue of 2D test functions with exact, vectorised values and gradients.

Every function is a :class:`TestFunction`. ``value(x, y)`` and ``gradient(x, y)`` take arrays of
any (broadcastable) shape and return arrays of that shape; ``gradient`` returns ``(gx, gy)``.
"""
from __future__ import annotations

import dataclasses
import difflib
import functools
import math
from dataclasses import dataclass, field
from typing import Callable

import numpy as np

Array = np.ndarray
ValueFn = Callable[[Array, Array], Array]
GradientFn = Callable[[Array, Array], tuple[Array, Array]]
View = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class TestFunction:
    """A 2D landscape.

    name:        kebab-case identifier (``"rosenbrock"``).
    title:       human name (``"Rosenbrock"``).
    description: one line for the landscape picker.
    value:       f(x, y) -> array, same shape as the broadcast inputs.
    gradient:    (x, y) -> (df/dx, df/dy), exact (closed form), same shape.
    view:        default rectangle ((xmin, xmax), (ymin, ymax)).
    minima:      all global minima as (x, y, f).
    log_scale:   True when values span many decades (draw colours on a log scale by default).
    formula:     the definition as text, for display.
    hessian:     optional (x, y) -> (fxx, fxy, fyy).
    """

    __test__ = False  # not a pytest test class, despite the name

    name: str
    title: str
    description: str
    value: ValueFn
    gradient: GradientFn
    view: View
    minima: list[tuple[float, float, float]] = field(default_factory=list)
    log_scale: bool = False
    formula: str = ""
    hessian: Callable[[Array, Array], tuple[Array, Array, Array]] | None = None


_CATALOGUE: dict[str, TestFunction] = {}


def register(fn: TestFunction) -> TestFunction:
    _CATALOGUE[fn.name] = fn
    return fn


def names() -> list[str]:
    """Catalogue names in display order."""
    return list(_CATALOGUE)


def get(name: str) -> TestFunction:
    """The catalogue function called ``name``; ``KeyError`` listing close matches otherwise."""
    try:
        return _CATALOGUE[name]
    except KeyError:
        close = difflib.get_close_matches(str(name).lower(), list(_CATALOGUE), n=3, cutoff=0.4)
        hint = f"; did you mean {', '.join(close)}?" if close else f"; known: {', '.join(_CATALOGUE)}"
        raise KeyError(f"unknown function {name!r}{hint}") from None


# ---------------------------------------------------------------------------------------------------------------
# Helpers. Every public value/gradient/hessian goes through `_vectorised`: inputs become float arrays, outputs take
# the broadcast shape of the inputs (a function of x alone, or a constant, still returns a full grid).
#
# Speed: on a meshgrid, terms of one variable are computed once per grid line (see `_line`) and combined with
# broadcasting, so a 1024² grid costs a handful of full-size operations (~1 ms each) instead of dozens, and
# transcendental functions (~10-15 ms each on 1M points here) run on 1024 points.
# ---------------------------------------------------------------------------------------------------------------

PI = math.pi
TAU = 2.0 * math.pi


def _fit(out, shape: tuple[int, ...]):
    """``out`` as an array of ``shape`` (a fresh copy only when broadcasting was needed)."""
    if np.shape(out) == shape:
        return out
    return np.broadcast_to(out, shape).copy()


def _vectorised(fn, blocked: bool = False):
    """Wrap ``fn(x, y)`` (returning an array or a tuple of arrays) to accept any broadcastable inputs.

    blocked: evaluate large 2-D inputs in bands of rows (see ``_in_blocks``); worth it for functions with many
    elementwise passes, a loss for those with only a few.
    """

    @functools.wraps(fn)
    def wrapper(x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shape = x.shape if x.shape == y.shape else np.broadcast_shapes(x.shape, y.shape)
        if blocked and x.shape == y.shape and x.ndim == 2 and x.size >= 4 * _BLOCK:
            return _in_blocks(fn, x, y)
        out = fn(x, y)
        if isinstance(out, tuple):
            return tuple(_fit(o, shape) for o in out)
        return _fit(out, shape)

    return wrapper


# Large grids are evaluated a band of rows at a time so that the temporaries of one band (512 kB each) stay in
# cache: the many elementwise passes of a polynomial then stop being bound by memory bandwidth.
_BLOCK = 1 << 16


def _in_blocks(fn, x: Array, y: Array):
    """``fn(x, y)`` for equal-shaped 2-D ``x``, ``y``, computed in bands of rows and written into fresh arrays."""
    rows = max(1, _BLOCK // x.shape[1])
    outs = None
    for start in range(0, x.shape[0], rows):
        band = slice(start, start + rows)
        part = fn(x[band], y[band])
        single = not isinstance(part, tuple)
        part = (part,) if single else part
        if outs is None:
            outs = tuple(np.empty(x.shape) for _ in part)
        for out, p in zip(outs, part):
            out[band] = p   # broadcasts a band's row, column or constant
    return outs[0] if single else outs


def _line(a: Array) -> Array:
    """``a`` shrunk to one row (1, m) or one column (n, 1) when a 2-D ``a`` repeats it, as meshgrid output does.

    The result broadcasts back to exactly ``a``; any other array is returned unchanged. The check costs ~0.7 ms on
    1024² (one comparison), far less than the full-size operations it saves.
    """
    if a.ndim != 2 or a.size < 4096:
        return a
    if a.strides[0] == 0 or (np.array_equal(a[0], a[-1]) and (a == a[:1]).all()):
        return a[:1]
    if a.strides[1] == 0 or (np.array_equal(a[:, 0], a[:, -1]) and (a == a[:, :1]).all()):
        return a[:, :1]
    return a


def _lines(x: Array, y: Array) -> tuple[Array, Array]:
    return _line(x), _line(y)


def _add(fn: TestFunction, blocked: bool = False) -> TestFunction:
    """Register ``fn`` with its callables wrapped by :func:`_vectorised`."""
    wrapped = {k: _vectorised(getattr(fn, k), blocked) for k in ("value", "gradient", "hessian") if getattr(fn, k)}
    return register(dataclasses.replace(fn, **wrapped))


def _polynomial(t: Array, coefficients: tuple[float, ...]) -> Array:
    """c₀tⁿ + c₁tⁿ⁻¹ + … + cₙ by Horner's rule, in place on one fresh array (``t`` is not modified)."""
    out = coefficients[0] * t
    for c in coefficients[1:-1]:
        if c:
            out += c
        out *= t
    if coefficients[-1]:
        out += coefficients[-1]
    return out


# --- Himmelblau -------------------------------------------------------------------------------------------------

def _himmelblau_parts(x, y):
    """a = x² + y − 11, b = x + y² − 7 (full shape) and the grid lines of x and y."""
    lx, ly = _lines(x, y)
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
    lx, ly = _lines(x, y)
    return (12.0 * lx * lx - 42.0) + 4.0 * ly, 4.0 * lx + 4.0 * ly, 4.0 * lx + (12.0 * ly * ly - 26.0)


_add(TestFunction(
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


# --- Quadratics and saddles -------------------------------------------------------------------------------------

def _quadratic(a: float, c: float):
    """value, gradient, hessian of a·x² + c·y² (a bowl when a, c > 0, a saddle when c < 0)."""

    def value(x, y):
        lx, ly = _lines(x, y)
        return (a * lx * lx) + (c * ly * ly)

    return value, (lambda x, y: (2.0 * a * x, 2.0 * c * y)), (lambda x, y: (2.0 * a, 0.0, 2.0 * c))


for _name, _title, _a, _c, _view, _minima, _desc, _formula in [
    ("sphere", "Sphere", 1.0, 1.0, ((-3.0, 3.0), (-3.0, 3.0)), [(0.0, 0.0, 0.0)],
     "A round bowl: the gradient points straight at the minimum, so every method gets there.", "x² + y²"),
    # Hessian diag(2, 50): condition number 25.
    ("ill-conditioned", "Ill-conditioned bowl", 1.0, 25.0, ((-5.0, 5.0), (-5.0, 5.0)), [(0.0, 0.0, 0.0)],
     "An elongated bowl (condition number 25): plain descent zig-zags across, momentum glides along.",
     "x² + 25y²"),
    ("saddle", "Saddle", 1.0, -1.0, ((-2.0, 2.0), (-2.0, 2.0)), [],
     "Downhill in y, uphill in x: a start on the x axis stalls at the saddle point forever.", "x² − y²"),
]:
    _v, _g, _h = _quadratic(_a, _c)
    _add(TestFunction(name=_name, title=_title, description=_desc, value=_v, gradient=_g, view=_view,
                      minima=_minima, formula=_formula, hessian=_h))


def _monkey_value(x, y):
    lx, ly = _lines(x, y)
    return lx * lx * lx - (3.0 * lx) * (ly * ly)


def _monkey_gradient(x, y):
    lx, ly = _lines(x, y)
    return 3.0 * lx * lx - 3.0 * ly * ly, (-6.0 * lx) * ly


_add(TestFunction(
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


# --- Rosenbrock -------------------------------------------------------------------------------------------------

def _rosenbrock_value(x, y):
    lx, ly = _lines(x, y)
    v = 10.0 * ly - 10.0 * lx * lx   # 10(y − x²), squared below: 100(y − x²)²
    v *= v
    v += (1.0 - lx) ** 2
    return v


def _rosenbrock_gradient(x, y):
    lx, ly = _lines(x, y)
    gy = 200.0 * ly - 200.0 * lx * lx
    gx = (-2.0 * lx) * gy            # −400x(y − x²)
    gx += 2.0 * lx - 2.0             # −2(1 − x)
    return gx, gy


_add(TestFunction(
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
))


# --- Beale: t_k = c_k + x(yᵏ − 1), f = Σ t_k² ----------------------------------------------------------------------

def _beale_terms(x, y):
    """(t1, t2, t3) full shape, (d1, d2, d3) = dt_k/dx = yᵏ − 1 on the y line, and the lines."""
    lx, ly = _lines(x, y)
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
    lx, ly = _lines(x, y)
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


_add(TestFunction(
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


# --- Booth, Matyas, camels ---------------------------------------------------------------------------------------

def _booth_value(x, y):
    lx, ly = _lines(x, y)
    a = (lx - 7.0) + 2.0 * ly
    b = (2.0 * lx - 5.0) + ly
    a *= a
    b *= b
    a += b
    return a


def _booth_gradient(x, y):
    lx, ly = _lines(x, y)
    return (10.0 * lx - 34.0) + 8.0 * ly, 8.0 * lx + (10.0 * ly - 38.0)


_add(TestFunction(
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
    lx, ly = _lines(x, y)
    f = 0.26 * lx * lx + 0.26 * ly * ly
    f -= (0.48 * lx) * ly
    return f


def _matyas_gradient(x, y):
    lx, ly = _lines(x, y)
    return 0.52 * lx - 0.48 * ly, 0.52 * ly - 0.48 * lx


_add(TestFunction(
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
        lx, ly = _lines(x, y)
        f = lx * ly
        f += _polynomial(lx, px)
        f += _polynomial(ly, py)
        return f

    def gradient(x, y):
        lx, ly = _lines(x, y)
        return _polynomial(lx, tuple(dpx)) + ly, lx + _polynomial(ly, tuple(dpy))

    def hessian(x, y):
        return np.polyval(ddpx, x), 1.0, np.polyval(ddpy, y)

    return value, gradient, hessian


_v, _g, _h = _camel((1.0 / 6.0, 0.0, -1.05, 0.0, 2.0, 0.0, 0.0), (1.0, 0.0, 0.0))
_add(TestFunction(
    name="three-hump-camel",
    title="Three-hump camel",
    description="One global minimum flanked by two local ones: a start on the side gets stuck.",
    value=_v,
    gradient=_g,
    view=((-2.5, 2.5), (-2.5, 2.5)),
    minima=[(0.0, 0.0, 0.0)],
    formula="2x² − 1.05x⁴ + x⁶/6 + xy + y²",
    hessian=_h,
))

_v, _g, _h = _camel((1.0 / 3.0, 0.0, -2.1, 0.0, 4.0, 0.0, 0.0), (4.0, 0.0, -4.0, 0.0, 0.0))
_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F = 0.08984201310031806, -0.7126564030207396, -1.0316284534898774
_add(TestFunction(
    name="six-hump-camel",
    title="Six-hump camel",
    description="Six humps, two equally good minima and four traps: symmetric starts end in mirrored valleys.",
    value=_v,
    gradient=_g,
    view=((-2.0, 2.0), (-1.2, 1.2)),
    minima=[(_SIX_HUMP_X, _SIX_HUMP_Y, _SIX_HUMP_F), (-_SIX_HUMP_X, -_SIX_HUMP_Y, _SIX_HUMP_F)],
    formula="(4 − 2.1x² + x⁴/3)x² + xy + (−4 + 4y²)y²",
    hessian=_h,
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
    lx, ly = _lines(x, y)
    return lx + ly, 2.0 * lx - 3.0 * ly


def _goldstein_price_value(x, y):
    s, b = _goldstein_price_sb(x, y)
    f = _polynomial(s, _GP_A)
    f *= _polynomial(b, _GP_B)
    return f


def _goldstein_price_gradient(x, y):
    s, b = _goldstein_price_sb(x, y)
    da_b = _polynomial(s, _GP_DA)
    da_b *= _polynomial(b, _GP_B)
    a_db = _polynomial(b, _GP_DB)
    a_db *= _polynomial(s, _GP_A)
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


_add(TestFunction(
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


# --- Rastrigin, Ackley (separable trigonometry is computed on grid lines, see _line) ------------------------------

def _rastrigin_value(x, y):
    x, y = _line(x), _line(y)
    return (x * x - 10.0 * np.cos(TAU * x)) + (y * y - 10.0 * np.cos(TAU * y)) + 20.0


def _rastrigin_gradient(x, y):
    x, y = _line(x), _line(y)
    return 2.0 * x + 20.0 * PI * np.sin(TAU * x), 2.0 * y + 20.0 * PI * np.sin(TAU * y)


def _rastrigin_hessian(x, y):
    x, y = _line(x), _line(y)
    k = 40.0 * PI * PI
    return 2.0 + k * np.cos(TAU * x), 0.0, 2.0 + k * np.cos(TAU * y)


_add(TestFunction(
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
    lx, ly = _lines(x, y)
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


_add(TestFunction(
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
    lx, ly = _line(x), _line(y)
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


_add(TestFunction(
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
    ax = _easom_factor(_line(x))[0]
    ay = _easom_factor(_line(y))[0]
    return -(ax * ay)


def _easom_gradient(x, y):
    ax, dax, _ = _easom_factor(_line(x))
    ay, day, _ = _easom_factor(_line(y))
    return -(dax * ay), -(ax * day)


def _easom_hessian(x, y):
    ax, dax, ddax = _easom_factor(_line(x))
    ay, day, dday = _easom_factor(_line(y))
    return -(ddax * ay), -(dax * day), -(ax * dday)


_add(TestFunction(
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


# --- McCormick ---------------------------------------------------------------------------------------------------

def _sin_cos_of_sum(x, y) -> tuple[Array, Array]:
    """sin(x + y), cos(x + y); on a grid by the addition theorems from sines and cosines of the grid lines."""
    lx, ly = _lines(x, y)
    if lx.size + ly.size >= np.broadcast(lx, ly).size:
        return np.sin(lx + ly), np.cos(lx + ly)
    sx, cx, sy, cy = np.sin(lx), np.cos(lx), np.sin(ly), np.cos(ly)
    s = sx * cy
    s += cx * sy
    c = cx * cy
    c -= sx * sy
    return s, c


def _mccormick_value(x, y):
    lx, ly = _lines(x, y)
    d = lx - ly
    d *= d
    d += _sin_cos_of_sum(lx, ly)[0]
    d += 1.0 - 1.5 * lx
    d += 2.5 * ly
    return d


def _mccormick_gradient(x, y):
    lx, ly = _lines(x, y)
    c = _sin_cos_of_sum(lx, ly)[1]
    d = (2.0 * lx - 1.5) - 2.0 * ly      # 2(x − y) − 1.5
    gy = c - d
    gy += 1.0
    c += d
    return c, gy


def _mccormick_hessian(x, y):
    s = _sin_cos_of_sum(x, y)[0]
    return 2.0 - s, -2.0 - s, 2.0 - s


_add(TestFunction(
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


# --- Styblinski–Tang (2D) ----------------------------------------------------------------------------------------

def _styblinski_tang_value(x, y):
    x, y = _line(x), _line(y)
    x2, y2 = x * x, y * y
    return 0.5 * ((x2 * (x2 - 16.0) + 5.0 * x) + (y2 * (y2 - 16.0) + 5.0 * y))


def _styblinski_tang_gradient(x, y):
    x, y = _line(x), _line(y)
    return x * (2.0 * (x * x) - 16.0) + 2.5, y * (2.0 * (y * y) - 16.0) + 2.5


_ST_X = -2.903534027771177  # root of 2t³ − 16t + 2.5 = 0
_ST_F = -78.33233140754283
_add(TestFunction(
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
