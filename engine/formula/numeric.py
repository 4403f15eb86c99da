"""sympy expressions -> vectorised NumPy functions of (x, y) that broadcast and never raise on bad points.

``lambdify`` writes code from the sympy tree (never from the user's text). Points where the formula is undefined
(log of a negative number, division by zero) give NaN or inf there, silently; a complex result (sympy may rewrite
``sqrt(-x^2)`` as ``I*|x|``) is NaN wherever its imaginary part is not 0.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy

from .vocabulary import X, Y

Array = np.ndarray


def vectorise(exprs: Sequence[sympy.Expr]) -> Callable[[Array, Array], tuple[Array, ...]]:
    """(x, y) -> one float array per expression, each of the broadcast shape of x and y."""
    printable = [sympy.sympify(e).xreplace({sympy.zoo: sympy.nan}) for e in exprs]  # zoo has no NumPy spelling
    compiled = sympy.lambdify((X, Y), tuple(printable), modules=["numpy"], cse=True)

    def evaluate(x, y) -> tuple[Array, ...]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        shape = np.broadcast_shapes(x.shape, y.shape)
        with np.errstate(all="ignore"):
            return tuple(_as_real(out, shape) for out in compiled(x, y))

    return evaluate


def _as_real(out, shape: tuple[int, ...]) -> Array:
    out = np.asarray(out)
    if np.iscomplexobj(out):
        out = np.where(out.imag == 0, out.real, np.nan)
    if out.shape == shape and out.dtype == np.float64:
        return out
    return np.array(np.broadcast_to(out, shape), dtype=float)  # constants broadcast to the grid, as a copy


def value_function(expr: sympy.Expr) -> Callable[[Array, Array], Array]:
    """f(x, y) -> array of the broadcast shape."""
    evaluate = vectorise([expr])
    return lambda x, y: evaluate(x, y)[0]


def gradient_function(dfdx: sympy.Expr, dfdy: sympy.Expr) -> Callable[[Array, Array], tuple[Array, Array]]:
    """(x, y) -> (df/dx, df/dy), sharing common subexpressions."""
    evaluate = vectorise([dfdx, dfdy])
    return lambda x, y: evaluate(x, y)  # type: ignore[return-value]


def hessian_function(expr: sympy.Expr) -> Callable[[Array, Array], tuple[Array, Array, Array]]:
    """(x, y) -> (fxx, fxy, fyy); differentiated and compiled on first use only."""
    cache: list[Callable] = []

    def hessian(x, y):
        if not cache:
            fx, fy = sympy.diff(expr, X), sympy.diff(expr, Y)
            cache.append(vectorise([sympy.diff(fx, X), sympy.diff(fx, Y), sympy.diff(fy, Y)]))
        return cache[0](x, y)

    return hessian
