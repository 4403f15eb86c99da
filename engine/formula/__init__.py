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

Points where the formula is undefined (``log(x)`` for x < 0, ``1/x`` at 0) give NaN or inf there, without warnings.
A *constant* part that is undefined (``log(-1)``, ``1/0``) is refused instead, because it is undefined everywhere.
"""
from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass

import sympy

from ..functions import TestFunction, View
from .errors import FormulaError
from .lexer import MAX_LENGTH, MAX_PAREN_DEPTH, lex
from .numeric import gradient_function, hessian_function, value_function
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
    """

    function: TestFunction
    expr_text: str
    dfdx_text: str
    dfdy_text: str
    kinks: tuple[str, ...]
    expr: sympy.Expr
    dfdx: sympy.Expr
    dfdy: sympy.Expr


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
    built = build(lexed, tree)
    try:
        return _compile(lexed.text, built.expr, built.kinks)
    except (RecursionError, MemoryError, ArithmeticError, ValueError, TypeError, KeyError) as err:
        raise FormulaError("this formula cannot be differentiated here") from err


def _compile(text: str, expr: sympy.Expr, kinks: frozenset[str]) -> FormulaInfo:
    dfdx, dfdy = sympy.diff(expr, X), sympy.diff(expr, Y)
    normalised = " ".join(text.split())
    shown = pretty(normalised)
    function = TestFunction(
        name=normalised, title=f"f(x, y) = {shown}", description=_description(kinks),
        value=value_function(expr), gradient=gradient_function(dfdx, dfdy), view=DEFAULT_VIEW,
        minima=[], log_scale=False, formula=shown, hessian=hessian_function(expr))
    ordered = tuple(sorted(kinks, key=lambda k: (normalised.find(k) if k in normalised else len(normalised), k)))
    return FormulaInfo(function, pretty_expr(expr), pretty_expr(dfdx), pretty_expr(dfdy), ordered, expr, dfdx, dfdy)


def _description(kinks: frozenset[str]) -> str:
    if not kinks:
        return "Your own formula; its gradient is exact (symbolic)."
    return f"Your own formula; exact gradient, not smooth because of {', '.join(sorted(kinks))}."
