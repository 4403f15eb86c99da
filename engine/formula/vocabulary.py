"""The accepted names: variables, constants and functions, each with its sympy and its plain-float meaning.

The float meaning evaluates constant parts (``2^10``, ``log(3)``) with Python floats *before* sympy sees them, so that
size limits hold and sympy never computes a huge exact number.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import sympy

X, Y = sympy.Symbol("x", real=True), sympy.Symbol("y", real=True)
VARIABLES = {"x": X, "y": Y}
CONSTANTS = {"pi": (sympy.pi, math.pi), "e": (sympy.E, math.e)}


class sigmoid(sympy.Function):  # noqa: N801 - the name sympy prints, lambdify looks up and the user types
    """σ(u) = 1/(1 + e^(−u)), kept as one node: its derivative σ(u)·(1 − σ(u)) stays small when sigmoids nest,
    where the written-out form makes sympy's derivative (and its printing and compiling) grow for seconds."""

    @classmethod
    def eval(cls, u):
        if u.is_zero:
            return sympy.Rational(1, 2)
        if u in (sympy.nan, sympy.zoo):
            return sympy.nan
        return None

    def fdiff(self, argindex=1):
        s = sigmoid(self.args[0])
        return s * (1 - s)

    def _eval_is_real(self):
        return self.args[0].is_real

    def _eval_is_positive(self):
        return True if self.args[0].is_real else None

    def _eval_rewrite_as_exp(self, u, **kwargs):
        return 1 / (1 + sympy.exp(-u))


def _sigmoid(u: sympy.Expr) -> sympy.Expr:
    return sigmoid(u)


def _float_sigmoid(u: float) -> float:
    return 1.0 / (1.0 + math.exp(-u)) if u > -700 else 0.0


@dataclass(frozen=True)
class Function:
    """An accepted function: its arity, its sympy builder, its float version and where it is not smooth."""

    arity: int
    symbolic: Callable[..., sympy.Expr]
    numeric: Callable[..., float]
    kink: str = ""  # where the function is not differentiable, for the app to say; "" when smooth


_ONE = {
    "sin": (sympy.sin, math.sin), "cos": (sympy.cos, math.cos), "tan": (sympy.tan, math.tan),
    "exp": (sympy.exp, math.exp), "log": (sympy.log, math.log),
    "tanh": (sympy.tanh, math.tanh), "sinh": (sympy.sinh, math.sinh), "cosh": (sympy.cosh, math.cosh),
    "arctan": (sympy.atan, math.atan), "atan": (sympy.atan, math.atan),
    "arcsin": (sympy.asin, math.asin), "asin": (sympy.asin, math.asin),
    "arccos": (sympy.acos, math.acos), "acos": (sympy.acos, math.acos),
    "sigmoid": (_sigmoid, _float_sigmoid),
}
FUNCTIONS: dict[str, Function] = {name: Function(1, sym, num) for name, (sym, num) in _ONE.items()}
FUNCTIONS.update({
    "sqrt": Function(1, sympy.sqrt, math.sqrt, "infinite slope at 0"),
    "abs": Function(1, sympy.Abs, abs, "kink where its argument is 0"),
    "min": Function(2, sympy.Min, min, "kink where its two arguments are equal"),
    "max": Function(2, sympy.Max, max, "kink where its two arguments are equal"),
})
NAMES = tuple(VARIABLES) + tuple(CONSTANTS) + tuple(FUNCTIONS)
