"""Catalogue of 2D test functions with exact, vectorised values and gradients.

Every function is a :class:`TestFunction`. ``value(x, y)`` and ``gradient(x, y)`` take arrays of
any (broadcastable) shape and return arrays of that shape; ``gradient`` returns ``(gx, gy)``.
"""
from __future__ import annotations

import difflib
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


def _himmelblau_value(x, y):
    return (x * x + y - 11.0) ** 2 + (x + y * y - 7.0) ** 2


def _himmelblau_gradient(x, y):
    a = x * x + y - 11.0
    b = x + y * y - 7.0
    return 4.0 * x * a + 2.0 * b, 2.0 * a + 4.0 * y * b


register(TestFunction(
    name="himmelblau",
    title="Himmelblau",
    description="Four equal minima: where you start decides which valley you end in.",
    value=_himmelblau_value,
    gradient=_himmelblau_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(3.0, 2.0, 0.0), (-2.805118, 3.131312, 0.0), (-3.779310, -3.283186, 0.0), (3.584428, -1.848126, 0.0)],
    formula="(x² + y − 11)² + (x + y² − 7)²",
))
