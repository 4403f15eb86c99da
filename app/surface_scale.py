"""Colour and contour levels of a sampled surface read from a part of it: with equal axes the map samples a rectangle
wider (or taller) than the view asked for, and the colours and contour spacing still follow the values inside that
view, so widening never washes out the landscape the user chose. Outside it, colours saturate and the contour lines
go on with the same spacing."""
from __future__ import annotations

import numpy as np

from engine import surface as engine_surface

MAX_EXTRA = 0.5  # at most this share of the asked-for number of lines is added outside the inner values' range


def inside_mask(x: np.ndarray, y: np.ndarray, view) -> np.ndarray | None:
    """(ny, nx) mask of the grid points inside ``view`` = ((x0, x1), (y0, y1)); None for no view or no point."""
    if view is None:
        return None
    (x0, x1), (y0, y1) = view
    mask = ((y >= y0) & (y <= y1))[:, None] & ((x >= x0) & (x <= x1))[None, :]
    return mask if mask.any() else None


def contour_levels(values: np.ndarray, n: int, log_scale: bool, inside: np.ndarray | None) -> np.ndarray:
    """``n`` levels spread over the values inside (all values when ``inside`` is None), continued with the same
    spacing (linear) or ratio (log) up to the largest value of the whole grid and, linear, down to its smallest."""
    scale = "log" if log_scale else "linear"
    inner = values if inside is None else values[inside]
    levels = np.asarray(engine_surface.contour_levels(inner, n, scale=scale), dtype=float)
    finite = values[np.isfinite(values)]
    if inside is None or levels.size < 2 or finite.size == 0:
        return levels
    top, bottom = float(finite.max()), float(finite.min())
    if log_scale:
        lo = float(np.nanmin(inner))
        base = 0.0 if lo > 0 else lo - 1e-6 * (float(np.nanmax(inner)) - lo)
        ratio = (levels[1] - base) / (levels[0] - base)
        up = base + (levels[-1] - base) * ratio ** np.arange(1, int(MAX_EXTRA * n) + 1)
        return np.concatenate([levels, up[up < top]])
    step = levels[1] - levels[0]
    k = np.arange(1, int(MAX_EXTRA * n) + 1)
    up, down = levels[-1] + step * k, levels[0] - step * k
    return np.concatenate([down[down > bottom + step / 2][::-1], levels, up[up < top - step / 2]])


def sample_counts(resolution: int, view, scale_view):
    """Grid points per axis: ``resolution`` across the part asked for (``scale_view``), as many per unit on the
    widened axis (at most 4 × resolution), so the cells stay square and a circle's colours stay round."""
    if scale_view is None:
        return resolution
    counts = []
    for (lo, hi), (a, b) in zip(view, scale_view):
        ratio = (hi - lo) / (b - a) if b > a else 1.0
        counts.append(int(min(4 * resolution, max(2, round(resolution * ratio)))))
    return tuple(counts)
