"""Sample a landscape on a grid: values, gradient field, contour levels and contour lines (via contourpy).

Grids are indexed [y, x] (row = y), as images are: ``values[j, i] = f(x[i], y[j])``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import contourpy
import numpy as np

Array = np.ndarray
View = tuple[tuple[float, float], tuple[float, float]]
SCALES = ("linear", "log", "quantile")
BANDS = 16  # a sample with a progress callback is computed in this many bands of rows, reporting after each


class Cancelled(Exception):
    """Sampling stopped because its ``progress`` callback returned False."""


@dataclass(frozen=True)
class Surface:
    """f sampled on a regular grid: x (nx,), y (ny,); values, gx, gy, grad_norm, finite: (ny, nx), indexed [y, x].

    ``finite`` is True where the value and both gradient components are finite numbers. A values-only surface
    (``has_gradients`` False, see :func:`sample`) holds NaN in gx, gy and grad_norm, and ``finite`` looks at the
    values alone.
    """

    x: Array
    y: Array
    values: Array
    gx: Array
    gy: Array
    grad_norm: Array
    finite: Array
    has_gradients: bool = True


def _check_view(view) -> tuple[float, float, float, float]:
    try:
        (x0, x1), (y0, y1) = view
        x0, x1, y0, y1 = (float(v) for v in (x0, x1, y0, y1))
    except (TypeError, ValueError):
        raise ValueError(f"view must be ((xmin, xmax), (ymin, ymax)), got {view!r}") from None
    if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or not (x0 < x1 and y0 < y1):
        raise ValueError(f"view must be finite with xmin < xmax and ymin < ymax, got {view!r}")
    return x0, x1, y0, y1


def _check_counts(name: str, value, minimum: int) -> tuple[int, int]:
    pair = (value, value) if isinstance(value, (int, np.integer)) and not isinstance(value, bool) else value
    try:
        nx, ny = pair
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an integer ≥ {minimum} or a pair (nx, ny), got {value!r}") from None
    for n in (nx, ny):
        if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < minimum:
            raise ValueError(f"{name} must be an integer ≥ {minimum} or a pair (nx, ny), got {value!r}")
    return int(nx), int(ny)


def _full(a, shape: tuple[int, int]) -> Array:
    """``a`` as a float array of exactly ``shape`` (a formula like f = x² may return a row; a constant a scalar)."""
    a = np.asarray(a, dtype=float)
    return a if a.shape == shape else np.broadcast_to(a, shape).copy()


def sample(function, view: View | None = None, resolution=200, gradients: bool = True, progress=None) -> Surface:
    """Sample ``function`` on a resolution (int, or (nx, ny)) grid over ``view`` (default: function.view).

    ``gradients=False`` samples the values only (gx, gy, grad_norm are NaN): what a colour map and its contours need.
    Use it where the gradient is expensive per point — a network slice's gradient is one backprop per grid point
    (90 000 for a 300² grid), while its values come from a fast batched grid pass; draw the gradient field from
    :func:`gradient_field` on a coarse sub-grid instead.

    ``progress(fraction done)``: the values are computed in :data:`BANDS` bands of rows, reporting after each; when
    it returns False the sampling stops with :class:`Cancelled` (a slow network slice at a high resolution).
    """
    x0, x1, y0, y1 = _check_view(function.view if view is None else view)
    nx, ny = _check_counts("resolution", resolution, 2)
    x, y = np.linspace(x0, x1, nx), np.linspace(y0, y1, ny)
    X, Y = x[None, :], y[:, None]  # broadcast: separable parts are computed on the axes
    shape = (ny, nx)
    with np.errstate(all="ignore"):
        values = _full(function.value(X, Y), shape) if progress is None else _banded(function, X, Y, progress)
        if not gradients:
            nan = np.full(shape, np.nan)
            return Surface(x, y, values, nan, nan.copy(), nan.copy(), np.isfinite(values), has_gradients=False)
        gx, gy = (_full(c, shape) for c in function.gradient(X, Y))
        grad_norm = np.hypot(gx, gy)
    finite = np.isfinite(values) & np.isfinite(grad_norm)
    return Surface(x, y, values, gx, gy, grad_norm, finite)


def _banded(function, X: Array, Y: Array, progress) -> Array:
    """f on the grid, computed band of rows by band of rows with ``progress`` after each (see :func:`sample`)."""
    ny, nx = Y.shape[0], X.shape[1]
    values = np.empty((ny, nx))
    edges = np.linspace(0, ny, min(BANDS, ny) + 1).round().astype(int)
    for lo, hi in zip(edges[:-1], edges[1:]):
        values[lo:hi] = _full(function.value(X, Y[lo:hi]), (hi - lo, nx))
        if progress(hi / ny) is False:
            raise Cancelled(f"cancelled after {hi} of {ny} rows")
    return values


def contour_levels(values, n: int = 20, scale: str = "linear") -> Array:
    """n strictly increasing contour levels (fewer if values are nearly constant) inside the finite values' range.

    linear: evenly spaced, excluding the extremes. log: geometrically spaced; if min ≤ 0 the values are shifted by
    the minimum first (levels = min − δ + geomspace(δ, max − min + δ), δ = 1e-6·(max − min)). quantile: levels at
    evenly spaced quantiles of the finite values, so every band covers about the same area.
    """
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"n must be an integer ≥ 1, got {n!r}")
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}; got {scale!r}")
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v)]
    if v.size == 0:
        raise ValueError("values contain no finite numbers")
    lo, hi = float(v.min()), float(v.max())
    if not hi > lo:
        return np.array([lo])
    if scale == "linear":
        levels = np.linspace(lo, hi, n + 2)[1:-1]
    elif scale == "log":
        if lo > 0:
            levels = np.geomspace(lo, hi, n + 2)[1:-1]
        else:
            delta = 1e-6 * (hi - lo)
            levels = (lo - delta) + np.geomspace(delta, hi - lo + delta, n + 2)[1:-1]
    else:
        levels = np.quantile(v, np.linspace(0.0, 1.0, n + 2)[1:-1])
    return np.unique(levels)


def contour_lines(surface: Surface, levels) -> tuple[Array, Array]:
    """All contour lines of ``surface`` at ``levels`` as one (xs, ys) pair of 1-D arrays, lines separated by NaN.

    Non-finite grid values are masked out (lines stop at them). Suited to one pyqtgraph curve with connect='finite'.
    """
    levels = np.atleast_1d(np.asarray(levels, dtype=float))
    z = np.ma.masked_invalid(surface.values) if not surface.finite.all() else surface.values
    gen = contourpy.contour_generator(surface.x, surface.y, z, line_type=contourpy.LineType.ChunkCombinedNan)
    pieces = []
    for level in levels[np.isfinite(levels)]:
        (chunk,) = gen.lines(level)[0]
        if chunk is not None and len(chunk):
            pieces.append(chunk)
            pieces.append(np.full((1, 2), np.nan))
    if not pieces:
        return np.empty(0), np.empty(0)
    xy = np.concatenate(pieces[:-1])
    return xy[:, 0].copy(), xy[:, 1].copy()


def gradient_field(function, view: View | None = None, density=20) -> tuple[Array, Array, Array, Array, Array]:
    """∇f on a regular sub-grid of density (int, or (nx, ny)) arrows per axis, at cell centres of ``view``.

    Returns X, Y, GX, GY, norm, each (ny, nx), indexed [y, x].
    """
    x0, x1, y0, y1 = _check_view(function.view if view is None else view)
    nx, ny = _check_counts("density", density, 1)
    x = x0 + (np.arange(nx) + 0.5) * (x1 - x0) / nx
    y = y0 + (np.arange(ny) + 0.5) * (y1 - y0) / ny
    X, Y = np.meshgrid(x, y)
    with np.errstate(all="ignore"):
        GX, GY = (_full(c, X.shape) for c in function.gradient(X, Y))
        norm = np.hypot(GX, GY)
    return X, Y, GX, GY, norm
