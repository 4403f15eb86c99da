"""The catalogue's one wrapper: inputs of any broadcastable shape in, full-shape float arrays out.

A function of x alone, or a constant component of a gradient, still returns a full grid, so callers can index any
output like the inputs.
"""
from __future__ import annotations

import dataclasses
import functools
import math

import numpy as np

from .base import TestFunction

PI = math.pi
TAU = 2.0 * math.pi


def vectorised(fn):
    """Wrap ``fn(x, y)`` (returning an array or a tuple of arrays) to take any broadcastable inputs and return
    arrays of the broadcast shape."""

    @functools.wraps(fn)
    def wrapper(x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shape = np.broadcast_shapes(x.shape, y.shape)
        out = fn(x, y)
        if isinstance(out, tuple):
            return tuple(_full(o, shape) for o in out)
        return _full(out, shape)

    return wrapper


def _full(out, shape: tuple[int, ...]):
    return out if np.shape(out) == shape else np.broadcast_to(out, shape).copy()


def entry(fn: TestFunction) -> TestFunction:
    """``fn`` with value, gradient and hessian wrapped by :func:`vectorised`, ready for the catalogue."""
    wrapped = {k: vectorised(getattr(fn, k)) for k in ("value", "gradient", "hessian") if getattr(fn, k)}
    return dataclasses.replace(fn, **wrapped)
