"""Shared machinery of the catalogue: broadcasting wrappers, grid-line and row-band evaluation, Horner polynomials.

Every public value/gradient/hessian goes through :func:`vectorised`: inputs become float arrays, outputs take the
broadcast shape of the inputs (a function of x alone, or a constant, still returns a full grid).

Speed: on a meshgrid, terms of one variable are computed once per grid line (see :func:`line`) and combined with
broadcasting, so a 1024² grid costs a handful of full-size operations (~1 ms each) instead of dozens, and
transcendental functions (~10-15 ms each on 1M points here) run on 1024 points.
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from .base import Array, TestFunction

PI = math.pi
TAU = 2.0 * math.pi


def _fit(out, shape: tuple[int, ...]):
    """``out`` as an array of ``shape`` (a fresh copy only when broadcasting was needed)."""
    if np.shape(out) == shape:
        return out
    return np.broadcast_to(out, shape).copy()


def vectorised(fn, blocked: bool = False):
    """Wrap ``fn(x, y)`` (returning an array or a tuple of arrays) to accept any broadcastable inputs.

    blocked: evaluate large 2-D inputs in bands of rows (see ``in_blocks``); worth it for functions with many
    elementwise passes, a loss for those with only a few.
    """

    @functools.wraps(fn)
    def wrapper(x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shape = x.shape if x.shape == y.shape else np.broadcast_shapes(x.shape, y.shape)
        if blocked and x.shape == y.shape and x.ndim == 2 and x.size >= 4 * BLOCK:
            return in_blocks(fn, x, y)
        out = fn(x, y)
        if isinstance(out, tuple):
            return tuple(_fit(o, shape) for o in out)
        return _fit(out, shape)

    return wrapper


# Large grids are evaluated a band of rows at a time so that the temporaries of one band (512 kB each) stay in
# cache: the many elementwise passes of a polynomial then stop being bound by memory bandwidth.
BLOCK = 1 << 16


def in_blocks(fn, x: Array, y: Array):
    """``fn(x, y)`` for equal-shaped 2-D ``x``, ``y``, computed in bands of rows and written into fresh arrays."""
    rows = max(1, BLOCK // x.shape[1])
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


def line(a: Array) -> Array:
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


def lines(x: Array, y: Array) -> tuple[Array, Array]:
    return line(x), line(y)


def entry(fn: TestFunction, blocked: bool = False, gradient_into=None) -> TestFunction:
    """``fn`` with its callables wrapped by :func:`vectorised`, ready for the catalogue.

    gradient_into: optional ``into(x, y, gx, gy, scratch)``, the gradient's arithmetic op for op (bit-identical) on
    equal-shaped float arrays, written into gx and gy (scratch: one more array of that shape). ``descend`` calls it
    every step, where NumPy's per-call cost dominates and temporaries and copies into place would double the work.
    Kept as the wrapped gradient's ``into`` attribute: the public interface does not change.
    """
    wrapped = {k: vectorised(getattr(fn, k), blocked) for k in ("value", "gradient", "hessian") if getattr(fn, k)}
    if gradient_into is not None:
        wrapped["gradient"].into = gradient_into
    return dataclasses.replace(fn, **wrapped)


def const(value: float) -> Array:
    """``value`` as a 0-d float array: for tiny arrays the cheapest scalar operand of a ufunc (a Python float is
    converted on every call)."""
    return np.array(float(value))


def polynomial(t: Array, coefficients: tuple[float, ...]) -> Array:
    """c₀tⁿ + c₁tⁿ⁻¹ + … + cₙ by Horner's rule, in place on one fresh array (``t`` is not modified)."""
    out = coefficients[0] * t
    for c in coefficients[1:-1]:
        if c:
            out += c
        out *= t
    if coefficients[-1]:
        out += coefficients[-1]
    return out
