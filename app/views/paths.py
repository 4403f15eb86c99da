"""A run's path and step arrow on the landscape: curves told their bounds, pixel size and segments with the data.

The playback timer changes 16 curves a frame (8 runs' paths and step arrows). pyqtgraph would work each one's bounds
out from the data, its padding from the device transform and its segments from the points, in Python, on every
change and paint; the landscape view knows all three already (a run's path is cut into segments once, its running
minima and maxima are computed once, the pixel size is the one the frame was laid out with), so it hands them over.
The picture is the one pyqtgraph paints (tests/app/test_landscape_view.py compares segments and pixels).
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QLineF, QRectF
from PySide6.QtOpenGLWidgets import QOpenGLWidget


class Track(pg.PlotCurveItem):
    """A run's path or step arrow: a ``PlotCurveItem`` told its data bounds, the pixel size and its segments with its
    data.

    pyqtgraph works out a curve's bounding rect from ``nanmin``/``nanmax`` over the data and from the item's device
    transform (~0.2 ms of Python per curve); with 16 curves changing each frame that was ~3 ms of the frame. The view
    knows both already: a path's bounds are running minima/maxima precomputed per run, and the pixel size is the one
    the frame was laid out with. Without them (other callers, or after the view's transform changed) it falls back to
    pyqtgraph's own computation, which gives the same rect. With segments handed over, paint draws them with the one
    ``drawLines`` call pyqtgraph's paint ends in (for the pens it draws as segments) and skips its Python.
    """

    def __init__(self, *args, **kwargs) -> None:
        self._bounds: tuple | None = None  # ((xmin, xmax), (ymin, ymax)) of the finite data
        self._pixel: tuple | None = None  # data units per pixel (px, py) in the current view
        self._lines: np.ndarray | None = None  # (n, 4) C-contiguous float64: the segments pyqtgraph would draw
        self._checked: tuple = (None, None, None, False)  # (pen, antialias, segment mode, drawn as segments?)
        super().__init__(*args, **kwargs)

    def set_track(self, xs, ys, bounds: tuple | None = None, pixel: tuple | None = None,
                  lines: np.ndarray | None = None) -> None:
        """``lines``: the segments (x0, y0, x1, y1) of this data as pyqtgraph would cut them (finite points
        joined, or finite pairs), handed over by a caller that cut a whole run's once; paint draws them as they are."""
        self._bounds, self._pixel = bounds, pixel  # before setData: it asks for the new bounding rect
        super().setData(xs, ys)
        self._lines = lines

    def setData(self, *args, **kwargs) -> None:
        self._bounds = self._pixel = self._lines = None  # data without bounds: pyqtgraph works them out
        super().setData(*args, **kwargs)

    def paint(self, p, opt, widget):
        """With segments handed over and a pen pyqtgraph draws as segments (wide, solid, opaque, no antialiasing):
        the one ``drawLines`` call pyqtgraph's paint ends in, without its ~0.1 ms of Python per curve."""
        lines, opts = self._lines, self.opts
        pen = opts["pen"]
        if pen is not self._checked[0] or opts["antialias"] != self._checked[1] \
                or opts["segmentedLineMode"] != self._checked[2]:  # asks Qt about the pen: once per pen
            self._checked = (pen, opts["antialias"], opts["segmentedLineMode"], self._shouldUseDrawLineSegments(pen))
        if (lines is None or not self._checked[3] or self._exportOpts is not False or opts["shadowPen"] is not None
                or opts["fillLevel"] is not None or opts["compositionMode"] is not None or opts["stepMode"]
                or isinstance(widget, QOpenGLWidget)):
            return super().paint(p, opt, widget)
        if len(lines):
            p.setRenderHint(p.RenderHint.Antialiasing, False)
            p.setPen(pen)
            p.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))

    def dataBounds(self, ax, frac=1.0, orthoRange=None):
        if self._bounds is not None and frac >= 1.0 and orthoRange is None and self.opts["pen"].isCosmetic():
            return self._bounds[ax]
        return super().dataBounds(ax, frac, orthoRange)

    def boundingRect(self) -> QRectF:
        rect = self._boundingRect  # Qt asks twice per paint: the kept rect without pyqtgraph's Python layers
        if rect is not None:
            return rect
        if self._bounds is not None and self._pixel is not None:
            (x0, x1), (y0, y1) = self._bounds
            pad = self.pixelPadding()
            px, py = self._pixel[0] * pad, self._pixel[1] * pad
            self._boundingRect = QRectF(x0 - px, y0 - py, 2 * px + x1 - x0, 2 * py + y1 - y0)
        return super().boundingRect()

    def viewTransformChanged(self) -> None:
        self._pixel = None  # the pixel size handed over is stale now
        super().viewTransformChanged()


def running_bounds(v: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Minimum and maximum of the finite values of ``v[: i + 1]`` for every i (NaN while there are none)."""
    finite = np.where(np.isfinite(v), v, np.nan)
    return np.fmin.accumulate(finite), np.fmax.accumulate(finite)


def path_lines(xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A run's path as pyqtgraph draws it (``connect='all'``: non-finite points dropped, the rest joined in order):
    ``lines[k]`` = (x0, y0, x1, y1) of the k-th segment, and ``finite_upto[i]`` = how many finite points rows 0..i
    hold, so the path up to row i is ``lines[: finite_upto[i] - 1]``."""
    finite = np.isfinite(xs) & np.isfinite(ys)
    fx, fy = xs[finite], ys[finite]
    lines = np.empty((max(len(fx) - 1, 0), 4))
    lines[:, 0], lines[:, 1], lines[:, 2], lines[:, 3] = fx[:-1], fy[:-1], fx[1:], fy[1:]
    return lines, np.cumsum(finite)


def pair_lines(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Segments of ``connect='pairs'`` data as pyqtgraph draws them (a pair with a non-finite point dropped)."""
    lines = np.stack([xs[0::2], ys[0::2], xs[1::2], ys[1::2]], axis=-1)
    return np.ascontiguousarray(lines[np.isfinite(lines).all(axis=1)])


def pair_rows(xs: np.ndarray, ys: np.ndarray) -> tuple[list, list, list]:
    """Rows of ``connect='pairs'`` data ((n, 2k) arrays, one curve per row, e.g. every run's step arrow): per row
    its (x, y) views, data bounds (as :func:`pair_bounds`) and segments (as :func:`pair_lines`), from whole-array
    operations."""
    lines = np.stack([xs[:, 0::2], ys[:, 0::2], xs[:, 1::2], ys[:, 1::2]], axis=-1)  # (n, k, 4), C-contiguous
    finite = np.isfinite(lines).all(axis=2)
    whole = finite.all(axis=1)
    lo_x, hi_x, lo_y, hi_y = xs.min(axis=1), xs.max(axis=1), ys.min(axis=1), ys.max(axis=1)
    bounded = np.isfinite(lo_x + hi_x + lo_y + hi_y)
    data = list(zip(xs, ys))
    bounds = [((float(lo_x[r]), float(hi_x[r])), (float(lo_y[r]), float(hi_y[r]))) if bounded[r] else None
              for r in range(len(xs))]
    segments = [lines[r] if whole[r] else np.ascontiguousarray(lines[r][finite[r]]) for r in range(len(xs))]
    return data, bounds, segments


def pair_bounds(xs: np.ndarray, ys: np.ndarray) -> tuple | None:
    x0, x1, y0, y1 = float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())
    return ((x0, x1), (y0, y1)) if math.isfinite(x0 + x1 + y0 + y1) else None
