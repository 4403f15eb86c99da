"""User-typed f(x, y): safe parse -> exact symbolic gradient -> vectorised NumPy functions.

    >>> f = parse("x^2 + 3*y^2")
    >>> f.value(1.0, 2.0), f.gradient(1.0, 2.0)
    (array(13.), (array(2.), array(12.)))

The user's text is never run: it is checked by a small tokenizer (:mod:`.lexer`, which also turns ``^`` into ``**``),
parsed by ``ast.parse`` and walked against an explicit whitelist (:mod:`.tree`) that builds a sympy expression node by
node. ``sympy.diff`` gives the gradient and ``sympy.lambdify`` turns both into NumPy code (:mod:`.numeric`).

Accepted: x, y; numbers (``2``, ``0.5``, ``1e-3``, at most 1e6); pi, e; ``+ - * /``; ``^`` and ``**`` (the same
power, right-associative, binding tighter than unary minus: ``-x^2`` is −(x²)); parentheses; sin, cos, tan, exp, log,
sqrt, abs, tanh, sinh, cosh, arctan/atan, arcsin/asin, arccos/acos, sigmoid and min/max of two arguments.
Not smooth (reported in :attr:`FormulaInfo.kinks`): abs (kink at 0), min/max (kink where the arguments are equal),
sqrt (infinite slope at 0) and ``^`` with a fractional constant exponent (``x^0.5``).
Implicit multiplication ("2x") is refused with the fix spelled out ("write 2*x").

Limits, all checked before sympy evaluates anything: at most 500 characters, 30 nested parentheses, 200 syntax nodes,
30 levels of nesting (a long sum a+b+c+… counts as one level), |number| <= 1e6, constant exponents |p| <= 100, constant parts |c| <= 1e100, and no exact number
of more than 300 digits (``9^9^9``, ``((9^32)^32)^32`` and ``((10*x)^100)^100`` are refused in microseconds).

Points where the formula is undefined (``log(x)`` for x < 0, ``1/x`` at 0) give NaN or inf there, without warnings,
and the gradient and Hessian are NaN there too. A part that is undefined for every x and y (``log(-1)``, ``1/0``,
``x/0``, ``log(x-x)``, ``tan(pi/2)``) is refused, and so is a formula with no real value at any point of a wide
sample grid (``sqrt(-x^2-1)``).

Second derivatives (``function.hessian``) exist away from the kinks; on a kink of abs, min or max they are NaN
(:attr:`FormulaInfo.hessian_note` says where).
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import numpy as np
import sympy

from ..functions import TestFunction, View
from .deadline import TooSlow, cpu_budget
from .errors import FormulaError
from .lexer import MAX_LENGTH, MAX_PAREN_DEPTH, lex
from .numeric import closed, gradient_function, hessian_function, value_function
from .pretty import pretty, pretty_expr
from .tree import MAX_DEPTH, MAX_EXPONENT, MAX_LITERAL, MAX_NODES, build, parse_tree
from .vocabulary import FUNCTIONS, X, Y

__all__ = ["parse", "analyse", "FormulaError", "FormulaInfo", "FUNCTIONS", "MAX_LENGTH", "MAX_PAREN_DEPTH",
           "MAX_NODES", "MAX_DEPTH", "MAX_LITERAL", "MAX_EXPONENT"]

DEFAULT_VIEW: View = ((-5.0, 5.0), (-5.0, 5.0))


@dataclass(frozen=True)
class FormulaInfo:
    """Everything the app shows about a formula.

    function:  the landscape (``TestFunction``; ``minima`` empty).
    expr_text: sympy's reading of f, pretty-printed ("2·x² + sin(y)").
    dfdx_text, dfdy_text: the exact partial derivatives, pretty-printed, for "∂f/∂x = …".
    kinks:     names of the non-smooth functions used, in text order of first use ("abs", "min", "max", "sqrt", "^").
    expr, dfdx, dfdy: the sympy expressions (symbols x and y are real).
    hessian_note: where the second derivatives do not exist (NaN there), "" for a smooth formula.
    """

    function: TestFunction
    expr_text: str
    dfdx_text: str
    dfdy_text: str
    kinks: tuple[str, ...]
    expr: sympy.Expr
    dfdx: sympy.Expr
    dfdy: sympy.Expr
    hessian_note: str = ""


def parse(text: str, view: View = DEFAULT_VIEW) -> TestFunction:
    """The landscape of a user-typed f(x, y); :class:`FormulaError` when the text is not accepted."""
    return analyse(text, view).function


def analyse(text: str, view: View = DEFAULT_VIEW) -> FormulaInfo:
    """The landscape of ``text`` with its derivatives as text and its kinks; :class:`FormulaError` if refused."""
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, not {type(text).__name__}")
    info = _analyse(text)
    view = _as_view(view)
    if view == info.function.view:
        return info
    return dataclasses.replace(info, function=dataclasses.replace(info.function, view=view))


def _as_view(view: View) -> View:
    (x0, x1), (y0, y1) = view
    return (float(x0), float(x1)), (float(y0), float(y1))


@functools.lru_cache(maxsize=128)
def _analyse(text: str) -> FormulaInfo:
    lexed = lex(text)
    tree = parse_tree(lexed)
    try:
        with cpu_budget():
            built = build(lexed, tree)
            return _compile(lexed.text, built.expr, built.kinks)
    except TooSlow:
        raise FormulaError("the formula is too complicated to differentiate quickly",
                           hint="simplify it or nest fewer functions") from None
    except FormulaError:
        raise
    except (RecursionError, MemoryError, ArithmeticError, ValueError, TypeError, KeyError) as err:
        raise FormulaError("this formula cannot be differentiated here") from err


def _compile(text: str, expr: sympy.Expr, kinks: frozenset[str]) -> FormulaInfo:
    dfdx, dfdy = closed(sympy.diff(expr, X)), closed(sympy.diff(expr, Y))
    normalised = " ".join(text.split())
    shown = pretty(normalised)
    value = value_function(expr)
    _check_defined_somewhere(value)
    function = TestFunction(
        name=normalised, title=f"f(x, y) = {shown}", description=_description(kinks),
        value=value, gradient=gradient_function(dfdx, dfdy, expr), view=DEFAULT_VIEW,
        minima=[], log_scale=False, formula=shown, hessian=hessian_function(expr))
    ordered = tuple(sorted(kinks, key=lambda k: (normalised.find(k) if k in normalised else len(normalised), k)))
    return FormulaInfo(function, pretty_expr(expr), pretty_expr(dfdx), pretty_expr(dfdy), ordered, expr, dfdx, dfdy,
                       _hessian_note(ordered))


# 0, ±1e-3 … ±1e6 on a log scale and a fine linear part near 0: a formula real somewhere in any sensible view is
# real at one of these points (``sqrt(-x^2)`` on the line x = 0 included).
_SAMPLES = np.unique(np.concatenate([[0.0], np.linspace(-10, 10, 81), np.logspace(-3, 6, 28), -np.logspace(-3, 6, 28)]))


def _check_defined_somewhere(value) -> None:
    gx, gy = np.meshgrid(_SAMPLES, _SAMPLES)
    if not np.isfinite(value(gx, gy)).any():
        raise FormulaError("this formula has no real value anywhere",
                           hint="e.g. sqrt or log of something negative for every x and y")


_HESSIAN_GAPS = {"abs": "where an argument of abs is 0", "min": "where the two arguments of min are equal",
                 "max": "where the two arguments of max are equal", "sqrt": "where an argument of sqrt is 0",
                 "^": "where the base of a fractional power is 0"}


def _hessian_note(kinks: tuple[str, ...]) -> str:
    gaps = [_HESSIAN_GAPS[k] for k in kinks if k in _HESSIAN_GAPS]
    return "no second derivatives (NaN) " + "; ".join(gaps) if gaps else ""


def _description(kinks: frozenset[str]) -> str:
    if not kinks:
        return "Your own formula; its gradient is exact (symbolic)."
    return f"Your own formula; exact gradient, not smooth because of {', '.join(sorted(kinks))}."
