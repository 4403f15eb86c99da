"""sympy expressions -> vectorised NumPy functions of (x, y) that broadcast and never raise on bad points.

``lambdify`` writes code from the sympy tree (never from the user's text). Points where the formula is undefined
(log of a negative number, division by zero) give NaN or inf there, silently; a complex result (sympy may rewrite
``sqrt(-x^2)`` as ``I*|x|``) is NaN wherever its imaginary part is not 0. Derivatives are NaN wherever f itself has
no finite real value: a slope of an undefined function is undefined, whatever its symbolic formula gives there.

Second derivatives of abs, min and max contain Dirac deltas (``d/dx sign(x) = 2·δ(x)``): they are 0 away from the
kink and NaN on it, where the second derivative does not exist.
"""
from __future__ import annotations

from typing import Callable, Sequence

import numpy as np
import sympy
from sympy.printing.numpy import NumPyPrinter

from .vocabulary import X, Y

Array = np.ndarray


def _dirac(u, *order):
    """δ(u) (or a derivative of it) at real points: 0 where u ≠ 0, NaN at the kink u = 0 (no second derivative)."""
    u = np.asarray(u)
    return np.where(u == 0, np.nan, 0.0)


def _sigmoid(u):
    """σ(u) without overflow warnings: exp(−log(1 + e^(−u))) for real u (exact in both tails)."""
    u = np.asarray(u)
    if np.iscomplexobj(u):
        return 1.0 / (1.0 + np.exp(-u))
    return np.exp(-np.logaddexp(0.0, -u))


_MODULES = [{"DiracDelta": _dirac, "sigmoid": _sigmoid}, "numpy"]


class _Printer(NumPyPrinter):
    """NumPy code for sympy expressions, with the step function printed as ``numpy.heaviside``: sympy's printer
    rewrites it as a Piecewise and simplifies the conditions, seconds for one ``min(x, y, 0.1)``."""

    def _print_Heaviside(self, expr):
        h0 = expr.args[1] if len(expr.args) > 1 else sympy.Rational(1, 2)
        return f"{self._module_format('numpy.heaviside')}({self._print(expr.args[0])}, {self._print(h0)})"


def vectorise(exprs: Sequence[sympy.Expr], defined_by: sympy.Expr | None = None
              ) -> Callable[[Array, Array], tuple[Array, ...]]:
    """(x, y) -> one float array per expression, each of the broadcast shape of x and y.

    defined_by: when given, every output is NaN wherever this expression (f) is not a finite real number.
    """
    printable = [_printable(e) for e in exprs]
    if defined_by is not None:
        printable.append(_printable(defined_by))
    printer = _Printer({"fully_qualified_modules": False, "inline": True, "allow_unknown_functions": True,
                        "user_functions": {}})
    compiled = sympy.lambdify((X, Y), tuple(printable), modules=_MODULES, cse=True, printer=printer)

    def evaluate(x, y) -> tuple[Array, ...]:
        x, y = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
        shape = np.broadcast_shapes(x.shape, y.shape)
        with np.errstate(all="ignore"):
            outs = [_as_real(out, shape) for out in compiled(x, y)]
        if defined_by is None:
            return tuple(outs)
        undefined = ~np.isfinite(outs.pop())
        if undefined.any():
            outs = [np.where(undefined, np.nan, out) for out in outs]
        return tuple(outs)

    return evaluate


def _printable(expr: sympy.Expr) -> sympy.Expr:
    """zoo (complex infinity) has no NumPy spelling; it is undefined, so NaN."""
    return sympy.sympify(expr).xreplace({sympy.zoo: sympy.nan})


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


def gradient_function(dfdx: sympy.Expr, dfdy: sympy.Expr, expr: sympy.Expr | None = None
                      ) -> Callable[[Array, Array], tuple[Array, Array]]:
    """(x, y) -> (df/dx, df/dy), sharing common subexpressions; NaN where ``expr`` (f) is undefined."""
    evaluate = vectorise([dfdx, dfdy], defined_by=expr)
    return lambda x, y: evaluate(x, y)  # type: ignore[return-value]


def second_derivatives(expr: sympy.Expr) -> tuple[sympy.Expr, sympy.Expr, sympy.Expr]:
    """(fxx, fxy, fyy) of f, with every derivative sympy leaves unevaluated either worked out or NaN.

    sympy leaves d/dx sign(u) unevaluated when it cannot prove u real (``abs(log(x))``); for real u it is 2·δ(u)·u'.
    Any other unevaluated derivative has no closed form here and is NaN.
    """
    fx, fy = sympy.diff(expr, X), sympy.diff(expr, Y)
    return tuple(closed(d) for d in (sympy.diff(fx, X), sympy.diff(fx, Y), sympy.diff(fy, Y)))  # type: ignore


def closed(expr: sympy.Expr) -> sympy.Expr:
    """``expr`` with every unevaluated ``Derivative`` worked out (d/dx sign(u) = 2·δ(u)·du/dx) or replaced by NaN."""
    if not expr.has(sympy.Derivative):
        return expr
    expr = expr.replace(lambda e: isinstance(e, sympy.Derivative) and isinstance(e.expr, sympy.sign)
                        and e.derivative_count == 1,
                        lambda e: 2 * sympy.DiracDelta(e.expr.args[0]) * sympy.diff(e.expr.args[0], *e.variables))
    return expr.replace(lambda e: isinstance(e, sympy.Derivative), lambda e: sympy.nan)


def hessian_function(expr: sympy.Expr) -> Callable[[Array, Array], tuple[Array, Array, Array]]:
    """(x, y) -> (fxx, fxy, fyy); differentiated and compiled on first use only.

    NaN where f is undefined, on the kinks of abs/min/max, and where a second derivative is infinite (sqrt at 0).
    """
    cache: list[Callable] = []

    def hessian(x, y):
        if not cache:
            cache.append(vectorise(second_derivatives(expr), defined_by=expr))
        return tuple(np.where(np.isfinite(h), h, np.nan) for h in cache[0](x, y))

    return hessian
