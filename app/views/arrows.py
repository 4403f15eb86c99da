"""The geometry of arrows on the landscape, in data units from pixel sizes: the hover probe's readout and arrow,
the step arrows and the gradient field's arrows (their on-screen length and heads depend on the pixel scale).
Plain NumPy: the views hand the results to pyqtgraph items."""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

HEAD_PX = 7.0  # arrow-head length in pixels
HEAD_ANGLE = math.radians(26)
FIELD_CLASSES = 3  # |∇f| brightness classes of the gradient field (one item each)


@dataclass(frozen=True)
class HoverInfo:
    """The engine's numbers at the cursor: f, ∇f, |∇f| and the steepest-descent angle (degrees)."""

    x: float
    y: float
    f: float
    gx: float
    gy: float

    @property
    def norm(self) -> float:
        return math.hypot(self.gx, self.gy)

    @property
    def descent_angle(self) -> float:
        """Direction of −∇f in degrees, counter-clockwise from +x."""
        return math.degrees(math.atan2(-self.gy, -self.gx))


def probe(function, x: float, y: float) -> HoverInfo:
    """Ask ``function`` (the engine) for f and ∇f at one point."""
    with np.errstate(all="ignore"):
        f = float(function.value(np.float64(x), np.float64(y)))
        gx, gy = function.gradient(np.float64(x), np.float64(y))
    return HoverInfo(float(x), float(y), f, float(gx), float(gy))


def arrow_pairs(x0, y0, ux, uy, length_px, px, py, head_px=HEAD_PX):
    """Segments (x, y), 6 points per arrow, for ``PlotCurveItem(connect='pairs')``.

    Arrows start at data points (x0, y0) and point along the screen direction (ux, uy) (unit vectors,
    y up) with ``length_px`` pixels; ``px``, ``py`` are data units per pixel, so heads keep their shape
    whatever the aspect ratio.
    """
    x0, y0, ux, uy, length_px = (np.asarray(a, float) for a in (x0, y0, ux, uy, length_px))
    tip_x = x0 + ux * length_px * px
    tip_y = y0 + uy * length_px * py
    head = np.minimum(head_px, 0.5 * length_px)
    c, s = math.cos(HEAD_ANGLE), math.sin(HEAD_ANGLE)
    # the two barbs: -u rotated by ±HEAD_ANGLE
    b1x, b1y = -(ux * c - uy * s), -(ux * s + uy * c)
    b2x, b2y = -(ux * c + uy * s), -(-ux * s + uy * c)
    xs = np.stack([x0, tip_x, tip_x, tip_x + b1x * head * px, tip_x, tip_x + b2x * head * px], axis=-1)
    ys = np.stack([y0, tip_y, tip_y, tip_y + b1y * head * py, tip_y, tip_y + b2y * head * py], axis=-1)
    return xs.ravel(), ys.ravel()


def field_arrows(field, sampled_view, px: float, py: float, mode: str) -> list[tuple[np.ndarray, np.ndarray]]:
    """The gradient field ``field`` = (X, Y, GX, GY, |∇f|), sampled in ``sampled_view``, as ``connect='pairs'``
    arrows at ``px``, ``py`` data units per pixel, split into FIELD_CLASSES brightness classes: [(xs, ys)] per class.

    Arrows point along −∇f (``mode`` "descent") or ∇f; their length grows with log |∇f| and fits a grid cell.
    """
    empty = [(np.empty(0), np.empty(0))] * FIELD_CLASSES
    X, Y, GX, GY, norm = (np.asarray(a, float).ravel() for a in field)
    sign = -1.0 if mode == "descent" else 1.0
    sx, sy = sign * GX / px, sign * GY / py  # the vector on screen
    slen = np.hypot(sx, sy)
    ok = np.isfinite(slen) & (slen > 0) & np.isfinite(norm)
    if not ok.any():
        return empty
    n = int(round(math.sqrt(max(len(X), 1))))
    X, Y, sx, sy, slen, norm = X[ok], Y[ok], sx[ok], sy[ok], slen[ok], norm[ok]
    (x0, x1), (y0, y1) = sampled_view
    cell_px = min((x1 - x0) / max(n, 1) / px, (y1 - y0) / max(n, 1) / py)
    ref = float(np.median(norm)) or 1.0
    scale = np.log1p(norm / ref) / math.log1p(float(norm.max()) / ref)  # 0..1, flat and steep both read
    length = cell_px * 0.9 * (0.25 + 0.75 * scale)
    xs, ys = arrow_pairs(X, Y, sx / slen, sy / slen, length, px, py)
    classes = np.minimum((scale * FIELD_CLASSES).astype(int), FIELD_CLASSES - 1)
    per_arrow = np.repeat(classes, 6)
    return [(xs[per_arrow == k], ys[per_arrow == k]) for k in range(FIELD_CLASSES)]
