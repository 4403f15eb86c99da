"""The runs on the landscape: every run's path and step arrow as one graphics item, and each run's markers (head,
draggable start handle; :class:`RunGraphics`).

The playback timer changes every run's path and step arrow on every frame. They are drawn by one
``pg.GraphicsObject`` (pyqtgraph's ``examples/customGraphicsItem.py`` pattern: a public ``paint`` and
``boundingRect``): a run's path is cut into line segments once (:func:`path_lines`), a frame hands over a prefix of
them, and ``paint`` draws each run's segments with one ``QPainter.drawLines`` call. Non-finite points are dropped as
pyqtgraph's ``PlotCurveItem`` drops them, so the picture is the one a ``PlotCurveItem`` per path would paint
(tests/app/test_landscape_view.py compares the pixels).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
import shiboken6
from PySide6.QtCore import QCoreApplication, QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QPen
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsItem, QGraphicsRectItem

from app.views.arrows import arrow_pairs

Z_MARK, Z_HANDLE = 8, 10  # above the paths (the view's Z_PATH), below the hover arrow
LIMIT = 1e150  # bounding rects are clamped to ±LIMIT: a diverged run's 1e300 would overflow Qt's geometry


@dataclass(frozen=True)
class Track:
    """What one run shows at a frame: its path so far and its step arrow, as (n, 4) float64 C-contiguous segments
    (x0, y0, x1, y1), drawn with ``path_pen`` and ``step_pen``."""

    run_id: int
    path_pen: QPen
    step_pen: QPen
    path: np.ndarray
    step: np.ndarray


class RunTracks(pg.GraphicsObject):
    """Every run's path and step arrow in one item. All paths are drawn first, in run order, then all step arrows
    (as two z levels of separate curves would be)."""

    def __init__(self) -> None:
        super().__init__()
        self.tracks: tuple[Track, ...] = ()
        self._bounds: tuple[float, float, float, float] | None = None  # data bounds of every segment
        self._pad_px = 0.0  # half the widest pen, in pixels
        self._rect: QRectF | None = None  # bounds + pad, in data units; None: work it out at the next ask

    def set_tracks(self, tracks, bounds: tuple[float, float, float, float] | None) -> None:
        """Show ``tracks`` (a sequence of :class:`Track`); ``bounds`` = (x0, x1, y0, y1) of all their finite
        segment end points (None when there are none), known to the caller from the runs' running minima/maxima."""
        self.prepareGeometryChange()
        self.tracks = tuple(tracks)
        self._bounds = bounds
        widths = [max(pen.widthF(), 1.0) for t in self.tracks for pen in (t.path_pen, t.step_pen)]
        self._pad_px = 0.5 * max(widths, default=1.0) + 1.0
        self._rect = None
        self.update()

    def path_of(self, run_id: int) -> np.ndarray:
        """The segments of ``run_id``'s path as shown ((0, 4) when it shows none)."""
        return next((t.path for t in self.tracks if t.run_id == run_id), np.empty((0, 4)))

    def step_of(self, run_id: int) -> np.ndarray:
        """The segments of ``run_id``'s step arrow as shown (shaft first, then the two barbs)."""
        return next((t.step for t in self.tracks if t.run_id == run_id), np.empty((0, 4)))

    # ----- QGraphicsItem ----------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        if self._rect is None:
            self._rect = self._padded_bounds()
        return self._rect

    def viewTransformChanged(self) -> None:
        """A zoom or resize changes how many data units the pen's pixels cover."""
        self.prepareGeometryChange()
        self._rect = None

    def paint(self, p, *args) -> None:
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        for attr, pen_attr in (("path", "path_pen"), ("step", "step_pen")):
            for track in self.tracks:
                lines = getattr(track, attr)
                if len(lines):
                    p.setPen(getattr(track, pen_attr))
                    p.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))

    def _padded_bounds(self) -> QRectF:
        if self._bounds is None:
            return QRectF()
        x0, x1, y0, y1 = (min(max(v, -LIMIT), LIMIT) for v in self._bounds)
        px, py = _pixel_size(self)
        pad_x, pad_y = px * self._pad_px, py * self._pad_px
        return QRectF(x0 - pad_x, y0 - pad_y, x1 - x0 + 2 * pad_x, y1 - y0 + 2 * pad_y)


def _tr(text: str) -> str:
    return QCoreApplication.translate("LandscapeView", text)


def _pixel_size(item: QGraphicsItem) -> tuple[float, float]:
    """Data units per device pixel along x and y (0 while the item is in no view)."""
    vx, vy = item.pixelVectors()
    if vx is None or vy is None:
        return 0.0, 0.0
    return math.hypot(vx.x(), vx.y()), math.hypot(vy.x(), vy.y())


class Dot(QGraphicsEllipseItem):
    """A marker of constant pixel size at a data position (cheap to move: ``setPos``)."""

    def __init__(self, diameter: float, color: str, outline: str = "#ffffff") -> None:
        super().__init__(-diameter / 2, -diameter / 2, diameter, diameter)
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(color)))
        self.setPen(QPen(QColor(outline), 1.5))


class StartHandle(QGraphicsRectItem):
    """A run's start marker: a square that can be dragged or clicked. ``on_click(run_id)``,
    ``on_drag(run_id, (x, y))`` while it moves and ``on_drop(run_id, (x, y))`` at the end are the view's."""

    def __init__(self, run_id: int, color: str, to_view, on_click, on_drag, on_drop) -> None:
        size = 11.0
        super().__init__(-size / 2, -size / 2, size, size)
        self.run_id = run_id
        self._to_view, self._on_click, self._on_drag, self._on_drop = to_view, on_click, on_drag, on_drop
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setBrush(QBrush(QColor(color)))
        self.setPen(QPen(QColor("#111111"), 1.5))
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setAcceptHoverEvents(True)

    # pyqtgraph's scene delivers these (its own event objects) to any item that defines them
    def mouseClickEvent(self, ev):
        if ev.button() == Qt.MouseButton.LeftButton:
            ev.accept()
            self._on_click(self.run_id)
        else:
            ev.ignore()

    def mouseDragEvent(self, ev):
        if ev.button() != Qt.MouseButton.LeftButton:
            ev.ignore()
            return
        ev.accept()
        p = self._to_view(ev.scenePos())
        self.setPos(p)
        (self._on_drop if ev.isFinish() else self._on_drag)(self.run_id, (p.x(), p.y()))


NO_LINES = np.empty((0, 4))


class RunGraphics:
    """One run's markers (head, start handle) and its precomputed path segments (created once per run) in a
    landscape view; its path and step arrow are drawn by the view's :class:`RunTracks`."""

    def __init__(self, view, run) -> None:
        self.head = Dot(11, run.color)
        state = view.state
        self.handle = StartHandle(run.id, run.color, view.plot.vb.mapSceneToView,
                                  on_click=lambda run_id: state.select({run_id}), on_drag=view.start_drag.move,
                                  on_drop=view.start_drag.drop)
        for item in (self.head, self.handle):
            view.plot.vb.addItem(item, ignoreBounds=True)
        self.rebind(run, state)

    def rebind(self, run, state) -> None:
        """Show ``run`` with these items (a removed run's items are kept hidden and reused for the next new run:
        items added to and removed from a view leave references behind in Qt and pyqtgraph)."""
        self.run_id = run.id
        self.handle.run_id = run.id
        if getattr(self, "color", None) != run.color:
            self.color = run.color
            self.head.setBrush(QBrush(QColor(run.color)))
            self.handle.setBrush(QBrush(QColor(run.color)))
        self.path_pen = pg.mkPen(run.color, width=2)
        self.step_pen = pg.mkPen(run.color, width=2)
        self.xs = self.ys = np.empty(0)
        self.bounds = (np.empty(0),) * 4  # running x min, x max, y min, y max along the path
        self.last = -1  # last valid row (stopped_at), -1 when the run has no trajectory
        self.mark_row = -1  # row of the ✕ for a diverged run
        self.handle.setVisible(True)
        self.set_run(run, state)

    def set_run(self, run, state) -> None:
        traj = run.trajectory
        self.handle.setPos(QPointF(*run.start))
        start_text = f"({run.start[0]:.4g}, {run.start[1]:.4g})"
        self.handle.setToolTip(_tr("Run {id} · {label}\nstart {start}\nDrag to start from elsewhere").format(
            id=run.id, label=run.label, start=start_text))
        if traj is None:
            self.xs = self.ys = np.empty(0)
            self.lines, self.finite_upto = np.empty((0, 4)), np.zeros(0, np.intp)
            self.last = self.mark_row = -1
            return
        pts = traj.points[:, 0, :]
        self.xs = np.ascontiguousarray(pts[:, 0])
        self.ys = np.ascontiguousarray(pts[:, 1])
        self.bounds = (*running_bounds(self.xs), *running_bounds(self.ys))
        self.lines, self.finite_upto = path_lines(self.xs, self.ys)
        self.last = int(traj.stopped_at[0])
        self.mark_row = -1
        if traj.status[0] == "diverged":
            (x0, x1), (y0, y1) = state.view
            inside = ((self.xs[: self.last + 1] >= x0) & (self.xs[: self.last + 1] <= x1)
                      & (self.ys[: self.last + 1] >= y0) & (self.ys[: self.last + 1] <= y1))
            # the ✕ sits at the last point, or where the run left the view when it flew off-screen
            self.mark_row = self.last if inside[self.last] or not inside.any() else int(np.flatnonzero(inside)[-1])

    def path_lines(self, i: int) -> np.ndarray:
        """The segments of the path up to row ``i``: a view of the first rows of :attr:`lines`."""
        return self.lines[: max(int(self.finite_upto[i]) - 1, 0)]

    def path_bounds(self, i: int) -> tuple | None:
        """(x0, x1, y0, y1) of the path up to row ``i`` (None when it has no finite point)."""
        x0, x1, y0, y1 = (float(b[i]) for b in self.bounds)
        return (x0, x1, y0, y1) if math.isfinite(x0 + x1 + y0 + y1) else None

    def set_selected(self, selected: bool) -> None:
        self.path_pen = pg.mkPen(self.color, width=3.5 if selected else 2)
        self.handle.setPen(QPen(QColor("#ffffff" if selected else "#111111"), 2 if selected else 1.5))

    def set_order(self, index: int) -> None:
        """Stack as the ``index``-th run (later runs' markers above earlier ones', whichever items they reuse)."""
        self.head.setZValue(Z_MARK + index * 1e-4)
        self.handle.setZValue(Z_HANDLE + index * 1e-4)

    def hide(self) -> None:
        """Hidden until :meth:`rebind` gives these items another run."""
        for item in (self.head, self.handle):
            item.setVisible(False)


def sync_run_graphics(view, shown: dict, spare: list) -> None:
    """Make ``shown`` (run id → :class:`RunGraphics`) match ``view.state.runs``: a removed run's items are hidden into
    ``spare`` and reused by the next new run; every run's markers are stacked in run order."""
    state = view.state
    ids = {r.id for r in state.runs}
    for run_id in [i for i in shown if i not in ids]:
        g = shown.pop(run_id)
        g.hide()
        spare.append(g)
    for index, run in enumerate(state.runs):
        g = shown.get(run.id)
        if g is None and spare:
            g = shown[run.id] = spare.pop()
            g.rebind(run, state)
        elif g is None:
            g = shown[run.id] = RunGraphics(view, run)
        else:
            g.set_run(run, state)
        g.set_order(index)


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


def union_bounds(boxes) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) around every finite box of ``boxes`` (each (x0, x1, y0, y1) or None); None for none."""
    finite = [b for b in boxes if b is not None and all(math.isfinite(v) for v in b)]
    if not finite:
        return None
    a = np.array(finite)
    return float(a[:, 0].min()), float(a[:, 1].max()), float(a[:, 2].min()), float(a[:, 3].max())


def lines_bounds(lines: np.ndarray) -> tuple[float, float, float, float] | None:
    """(x0, x1, y0, y1) of finite segments ``lines`` ((n, 4)); None when there are none."""
    if not len(lines):
        return None
    xs, ys = lines[:, 0::2], lines[:, 1::2]
    return float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max())


def frame_tracks(runs, t: int, px: float | None, py: float | None) -> tuple[list[Track], tuple | None, list]:
    """What the runs show at iteration ``t`` (``px``, ``py``: the view's data units per pixel, None when unknown):
    each run's :class:`Track`, their union's bounds and the (run id, x, y) of the ✕ of each diverged run that has
    stopped. Heads move here too (slices of precomputed arrays only: the playback's per-frame work)."""
    marks, shown, boxes = [], [], []
    steps = []  # (index in shown, x_t, y_t, screen direction ux, uy, length in pixels)
    for g in runs:
        if g.last < 0:
            g.head.setVisible(False)
            continue
        i = min(t, g.last)
        shown.append([g, g.path_lines(i), NO_LINES])
        boxes.append(g.path_bounds(i))
        g.head.setVisible(True)
        g.head.setPos(g.xs[i], g.ys[i])
        length = 0.0
        if i < g.last and px is not None:
            dx, dy = (g.xs[i + 1] - g.xs[i]) / px, (g.ys[i + 1] - g.ys[i]) / py
            length = math.hypot(dx, dy)
        if length > 0:
            steps.append((len(shown) - 1, g.xs[i], g.ys[i], dx / length, dy / length, length))
        if g.mark_row >= 0 and t >= g.last:
            marks.append((g.run_id, g.xs[g.mark_row], g.ys[g.mark_row]))
    if steps:  # every run's step arrow from one arrow_pairs call
        index, *columns = zip(*steps)
        xs, ys = arrow_pairs(*(np.array(c) for c in columns), px, py)
        arrows = np.stack([xs[0::2], ys[0::2], xs[1::2], ys[1::2]], axis=-1).reshape(len(index), 3, 4)
        for k, segments in zip(index, arrows):
            segments = np.ascontiguousarray(segments[np.isfinite(segments).all(axis=1)])
            shown[k][2] = segments
            boxes.append(lines_bounds(segments))
    return [Track(g.run_id, g.path_pen, g.step_pen, path, step) for g, path, step in shown], union_bounds(boxes), marks


__all__ = ["Track", "RunTracks", "RunGraphics", "Dot", "StartHandle", "running_bounds", "path_lines", "pair_lines",
           "union_bounds", "lines_bounds", "frame_tracks"]
