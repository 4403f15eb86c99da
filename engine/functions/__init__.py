"""Catalogue of 2D test functions with exact, vectorised values and gradients.

Every function is a :class:`TestFunction`. ``value(x, y)`` and ``gradient(x, y)`` take arrays of
any (broadcastable) shape and return arrays of that shape; ``gradient`` returns ``(gx, gy)``.

This module holds the registry (``register``, ``get``, ``names``) and the display order. The functions themselves
live in :mod:`.bowls`, :mod:`.valleys` and :mod:`.rugged`; their one broadcasting wrapper in :mod:`.catalogue_entry`.
"""
from __future__ import annotations

import difflib

from . import bowls, rugged, valleys
from .base import Array, GradientFn, TestFunction, ValueFn, View

__all__ = ["Array", "GradientFn", "TestFunction", "ValueFn", "View", "get", "names", "register"]

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


# Display order (the landscape picker, `descent-lab functions`): Himmelblau first, the app's default.
for _fn in (valleys.HIMMELBLAU, bowls.SPHERE, bowls.ILL_CONDITIONED, bowls.SADDLE, bowls.MONKEY_SADDLE,
            valleys.ROSENBROCK, valleys.BEALE, bowls.BOOTH, bowls.MATYAS, bowls.THREE_HUMP_CAMEL, bowls.SIX_HUMP_CAMEL,
            valleys.GOLDSTEIN_PRICE, rugged.RASTRIGIN, rugged.ACKLEY, rugged.LEVI_13, rugged.EASOM, valleys.MCCORMICK,
            rugged.STYBLINSKI_TANG):
    register(_fn)
del _fn
