"""The :class:`TestFunction` record every catalogue entry (and every user formula or network slice) is, with the
array type aliases its fields use."""
from __future__ import annotations

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
