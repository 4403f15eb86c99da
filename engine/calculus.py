"""The calculus the lesson teaches, as numbers: partial derivatives as slopes, the directional derivative, slices.

Every function takes a landscape ``fn`` (anything with ``value(x, y)`` and ``gradient(x, y) -> (∂f/∂x, ∂f/∂y)``,
e.g. a :class:`engine.functions.TestFunction`) and works on plain floats or NumPy arrays.

- :func:`unit_vector`: u = (cos θ, sin θ), θ in degrees counter-clockwise from +x.
- :func:`directional_derivative`: D_u f = ∇f·u = |∇f| cos(angle between ∇f and u).
- :func:`directional_profile`: D_u f over all directions, for the polar plot (maximum on ∇f, value |∇f|).
- :func:`secant_slopes`: (f(x₀+h, y₀) − f(x₀, y₀))/h and (f(x₀, y₀+h) − f(x₀, y₀))/h, which tend to ∂f/∂x and ∂f/∂y
  as h → 0 (the definition of a partial derivative).
- :func:`component_arrows`: (∂f/∂x, 0) and (0, ∂f/∂y), the two arrows that add up to ∇f.
- :func:`slices`: f(x, y₀) and f(x₀, y) sampled along the two axes, with their tangent lines at the point.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = ["unit_vector", "directional_derivative", "directional_profile", "secant_slopes", "component_arrows",
           "Slices", "slices", "Probe", "probe"]


def unit_vector(degrees):
    """u = (cos θ, sin θ) for θ in degrees counter-clockwise from +x; arrays broadcast."""
    theta = np.radians(np.asarray(degrees, dtype=float))
    return np.cos(theta), np.sin(theta)


def directional_derivative(fn, x: float, y: float, degrees):
    """D_u f(x, y) = ∇f·u for u = (cos θ, sin θ); ``degrees`` may be an array (one value per direction)."""
    gx, gy = (float(g) for g in fn.gradient(np.float64(x), np.float64(y)))
    ux, uy = unit_vector(degrees)
    return gx * ux + gy * uy


def directional_profile(fn, x: float, y: float, n: int = 361):
    """(θ in degrees over [0, 360], D_u f for each): D_u f over all directions, for a polar plot."""
    degrees = np.linspace(0.0, 360.0, int(n))
    return degrees, directional_derivative(fn, x, y, degrees)


def secant_slopes(fn, x: float, y: float, h: float) -> tuple[float, float]:
    """((f(x+h, y) − f(x, y))/h, (f(x, y+h) − f(x, y))/h): the difference quotients along x and along y."""
    if h == 0:
        raise ValueError("h must not be 0")
    f0 = float(fn.value(np.float64(x), np.float64(y)))
    along_x = (float(fn.value(np.float64(x + h), np.float64(y))) - f0) / h
    along_y = (float(fn.value(np.float64(x), np.float64(y + h))) - f0) / h
    return along_x, along_y


def component_arrows(fn, x: float, y: float) -> tuple[tuple[float, float], tuple[float, float]]:
    """The two components of ∇f as arrows: ((∂f/∂x, 0), (0, ∂f/∂y)); their sum is ∇f."""
    gx, gy = (float(g) for g in fn.gradient(np.float64(x), np.float64(y)))
    return (gx, 0.0), (0.0, gy)


@dataclass(frozen=True)
class Probe:
    """Everything the lesson shows at one point.

    f, gx, gy, norm:    f, ∇f = (∂f/∂x, ∂f/∂y) and |∇f|.
    degrees, ux, uy:    the chosen direction θ and u = (cos θ, sin θ).
    slope:              D_u f = ∇f·u.
    gradient_degrees:   the direction of ∇f (steepest ascent), None at a stationary point.
    """

    x: float
    y: float
    f: float
    gx: float
    gy: float
    norm: float
    degrees: float
    ux: float
    uy: float
    slope: float
    gradient_degrees: float | None


def probe(fn, x: float, y: float, degrees: float) -> Probe:
    """f, ∇f, |∇f| and D_u f at (x, y) for the direction ``degrees``."""
    with np.errstate(all="ignore"):
        f = float(fn.value(np.float64(x), np.float64(y)))
        gx, gy = (float(g) for g in fn.gradient(np.float64(x), np.float64(y)))
    ux, uy = (float(c) for c in unit_vector(degrees))
    norm = float(np.hypot(gx, gy))
    ascent = float(np.degrees(np.arctan2(gy, gx))) if norm > 0 else None
    return Probe(float(x), float(y), f, gx, gy, norm, float(degrees), ux, uy, gx * ux + gy * uy, ascent)


@dataclass(frozen=True)
class Slices:
    """The two slices through (x0, y0), each sampled on ``n`` points.

    xs, fx:  x along the horizontal slice and f(x, y0) there; tx the tangent line f0 + ∂f/∂x·(x − x0).
    ys, fy:  y along the vertical slice and f(x0, y) there; ty the tangent line f0 + ∂f/∂y·(y − y0).
    """

    x0: float
    y0: float
    f0: float
    dfdx: float
    dfdy: float
    xs: np.ndarray
    fx: np.ndarray
    tx: np.ndarray
    ys: np.ndarray
    fy: np.ndarray
    ty: np.ndarray


def slices(fn, x0: float, y0: float, x_range: tuple[float, float], y_range: tuple[float, float],
           n: int = 200) -> Slices:
    """f(x, y0) over ``x_range`` and f(x0, y) over ``y_range`` with their tangent lines at (x0, y0)."""
    xs = np.linspace(float(x_range[0]), float(x_range[1]), int(n))
    ys = np.linspace(float(y_range[0]), float(y_range[1]), int(n))
    with np.errstate(all="ignore"):
        f0 = float(fn.value(np.float64(x0), np.float64(y0)))
        gx, gy = (float(g) for g in fn.gradient(np.float64(x0), np.float64(y0)))
        fx = np.asarray(fn.value(xs, np.full_like(xs, y0)), dtype=float)
        fy = np.asarray(fn.value(np.full_like(ys, x0), ys), dtype=float)
    return Slices(float(x0), float(y0), f0, gx, gy, xs, fx, f0 + gx * (xs - x0), ys, fy, f0 + gy * (ys - y0))
