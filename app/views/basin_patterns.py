"""How the basin map is drawn over any colour map: basin colours, the patterns of "not converged" and "diverged",
basin boundaries and the outline of one basin (pure NumPy on the labels; the overlay turns them into pixels)."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QColor

from engine.basins import DIVERGED, NOT_CONVERGED

# Categorical basin colours (Tableau 10 without its red and grey, which mean "diverged" and "not converged").
BASIN_COLORS = ["#4E79A7", "#F28E2B", "#59A14F", "#76B7B2", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F"]
# No flat colour stands out from every colour map offered (turbo spans every hue), a pattern does: "not converged"
# is thin black-and-white lines (anti-diagonal) over the landscape left visible, "diverged" black and red stripes
# (diagonal), and the basins are separated by a white line on a black halo: readable over any colour map.
NOT_CONVERGED_COLORS = ("#000000", "#FFFFFF")
NOT_CONVERGED_COLOR = "#9A9A9A"  # the legend's swatch colour when no pattern is drawn
DIVERGED_COLORS = ("#000000", "#D62728")  # the two stripes of the hatch: black and red


def basin_color(label: int) -> QColor:
    """The swatch colour of a label (basin index ≥ 0, DIVERGED, NOT_CONVERGED)."""
    if label == DIVERGED:
        return QColor(DIVERGED_COLORS[1])
    if label == NOT_CONVERGED:
        return QColor(NOT_CONVERGED_COLOR)
    if label < len(BASIN_COLORS):
        return QColor(BASIN_COLORS[label])
    return pg.intColor(label - len(BASIN_COLORS), hues=9, values=2, minValue=170, maxValue=230)


def rgb(color: QColor) -> tuple[int, int, int]:
    return color.red(), color.green(), color.blue()


def hatch_mask(shape: tuple[int, int], anti: bool = False) -> np.ndarray:
    """(ny, nx) bool: diagonal stripes about 1/25 of the map wide (the second shade of a pattern); ``anti``: the
    other diagonal."""
    ny, nx = shape
    period = max(2, max(ny, nx) // 25)
    i, j = np.indices(shape)
    return (((i - j if anti else i + j) // period) % 2) == 1


def line_pattern(shape: tuple[int, int]) -> np.ndarray:
    """(ny, nx) int: 1 and 2 on thin neighbouring anti-diagonal lines (the two colours of "not converged"), 0
    between them (left transparent, the landscape shows through)."""
    ny, nx = shape
    period = max(6, max(ny, nx) // 25)
    width = max(1, period // 6)
    i, j = np.indices(shape)
    phase = (i - j) % period
    return np.where(phase < width, 1, np.where(phase < 2 * width, 2, 0))


def stripes_of(label: int) -> tuple[QColor, QColor] | None:
    """The two colours of a patterned label (diverged, not converged), None for a plain basin colour."""
    if label == DIVERGED:
        return QColor(DIVERGED_COLORS[0]), QColor(DIVERGED_COLORS[1])
    if label == NOT_CONVERGED:
        return QColor(NOT_CONVERGED_COLORS[0]), QColor(NOT_CONVERGED_COLORS[1])
    return None


def boundary_segments(labels: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell edges between neighbouring cells of different labels, as pairs for ``connect='pairs'`` (see
    :func:`outline_segments` for the layout)."""
    ny, nx = labels.shape
    dx = (x[-1] - x[0]) / (nx - 1) if nx > 1 else 1.0
    dy = (y[-1] - y[0]) / (ny - 1) if ny > 1 else 1.0
    xe = x[0] - dx / 2 + dx * np.arange(nx + 1)
    ye = y[0] - dy / 2 + dy * np.arange(ny + 1)
    vi, vj = np.nonzero(labels[:, :-1] != labels[:, 1:])  # vertical edge right of column vj, row vi
    hi, hj = np.nonzero(labels[:-1, :] != labels[1:, :])  # horizontal edge above row hi, column hj
    xs = np.concatenate([np.stack([xe[vj + 1], xe[vj + 1]], 1).ravel(), np.stack([xe[hj], xe[hj + 1]], 1).ravel()])
    ys = np.concatenate([np.stack([ye[vi], ye[vi + 1]], 1).ravel(), np.stack([ye[hi + 1], ye[hi + 1]], 1).ravel()])
    return xs, ys


def outline_segments(mask: np.ndarray, x: np.ndarray, y: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Cell edges between ``mask`` and not-mask cells (and the map's border), as pairs for ``connect='pairs'``.

    mask (ny, nx) on cell centres x (nx,), y (ny,) (equal spacing); returns xs, ys of 2·S points for S segments.
    """
    ny, nx = mask.shape
    dx = (x[-1] - x[0]) / (nx - 1) if nx > 1 else 1.0
    dy = (y[-1] - y[0]) / (ny - 1) if ny > 1 else 1.0
    xe = x[0] - dx / 2 + dx * np.arange(nx + 1)  # cell edges
    ye = y[0] - dy / 2 + dy * np.arange(ny + 1)
    padded = np.pad(mask, 1)
    vi, vj = np.nonzero(padded[1:-1, :-1] != padded[1:-1, 1:])  # vertical edge at xe[vj], rows vi
    hi, hj = np.nonzero(padded[:-1, 1:-1] != padded[1:, 1:-1])  # horizontal edge at ye[hi], columns hj
    xs = np.concatenate([np.stack([xe[vj], xe[vj]], 1).ravel(), np.stack([xe[hj], xe[hj + 1]], 1).ravel()])
    ys = np.concatenate([np.stack([ye[vi], ye[vi + 1]], 1).ravel(), np.stack([ye[hi], ye[hi]], 1).ravel()])
    return xs, ys
