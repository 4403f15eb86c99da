"""Geometry of the 3D view's box, without OpenGL: a run's path cut where it leaves the box, and the tick values
written along the box's edges (x and y of the view, f up the height)."""
from __future__ import annotations

import math

import numpy as np

from app.views.colorbar_ticks import log_ticks

BOX = 1.0  # the surface spans [-BOX, BOX]² in x and y


def nice_ticks(lo: float, hi: float, count: int = 5) -> list[float]:
    """About ``count`` round values (steps of 1, 2 or 5 × 10ⁿ) inside [lo, hi]."""
    span = hi - lo
    if not (math.isfinite(span) and span > 0):
        return []
    raw = span / max(count, 1)
    base = 10.0 ** math.floor(math.log10(raw))
    step = next(m * base for m in (1, 2, 5, 10) if m * base >= raw)
    first = math.ceil(lo / step - 1e-9)
    values = [round(k * step, 12) for k in range(first, int(math.floor(hi / step + 1e-9)) + 1)]
    return [0.0 if abs(v) < step * 1e-9 else v for v in values]


def tick_text(value: float) -> str:
    return f"{value:.4g}".replace("-", "−")


def box_path(bx: np.ndarray, by: np.ndarray, bz: np.ndarray, last: int, z_top: float) -> tuple[np.ndarray, int]:
    """(N, 3) float32 path in box coordinates and its last shown row: a path that leaves the box (|x|, |y| > 1 or
    z > ``z_top``: a diverged run) is cut where it crosses the box's side or lid, that crossing being its end."""
    pos = np.column_stack([bx, by, np.nan_to_num(np.asarray(bz, float), nan=np.inf)]).astype(float)
    pos[:, 2] = np.minimum(pos[:, 2], 1e12)  # inf → far above the lid (the crossing is found all the same)
    if last >= 0:
        shown = pos[: last + 1]
        outside = (np.abs(shown[:, 0]) > BOX) | (np.abs(shown[:, 1]) > BOX) | (shown[:, 2] > z_top)
        if outside.any():
            k = int(np.argmax(outside))
            if k == 0:
                return np.ascontiguousarray(np.minimum(pos, z_top), np.float32), -1  # starts outside: nothing
            a, b = pos[k - 1], pos[k]
            s = 1.0  # the largest fraction of the step a → b that stays inside the box
            for axis, bound in ((0, BOX), (1, BOX), (2, z_top)):
                d = b[axis] - a[axis]
                if axis < 2 and abs(b[axis]) > bound and d != 0:
                    s = min(s, (math.copysign(bound, d) - a[axis]) / d)
                elif axis == 2 and b[axis] > bound and d > 0:
                    s = min(s, (bound - a[axis]) / d)
            pos[k] = a + max(0.0, min(1.0, s)) * (b - a)
            last = k
    pos[:, 2] = np.minimum(pos[:, 2], z_top)  # rows after the end are never shown; keep them finite
    return np.ascontiguousarray(pos, np.float32), last


def axis_ticks(mapping, f_min: float) -> list[tuple[tuple[float, float, float], str]]:
    """(box position, text) of the tick values: x along the front edge (y = −1), y along the left edge (x = −1),
    f up the f axis at the corner (−1, −1), at the heights the surface gives those values (``f_min``: the surface's lowest f,
    which a log scale's heights are measured from)."""
    (x0, x1), (y0, y1) = mapping.view
    out = []
    for v in nice_ticks(x0, x1):
        bx, _ = mapping.xy(v, y0)
        out.append(((float(bx), -BOX - 0.08, 0.0), tick_text(v)))
    for v in nice_ticks(y0, y1):
        _, by = mapping.xy(x0, v)
        out.append(((-BOX - 0.1, float(by), 0.0), tick_text(v)))
    lo, hi = mapping.levels
    if mapping.log_offset is None:
        heights = [(float(mapping.z_of_colour(v)), tick_text(v)) for v in nice_ticks(lo, hi)]
    else:
        heights = [(float(mapping.z_of_colour(p)), label) for p, label in log_ticks((lo, hi), mapping.log_offset,
                                                                                 f_min)]
    for z, text in heights:
        out.append(((-BOX - 0.06, -BOX - 0.06, z), text))  # beside the f axis, which stands at (−1, −1)
    return out
