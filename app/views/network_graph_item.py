"""The network drawing itself: one ``QGraphicsObject`` whose coordinates are the view's pixels, painting every edge,
node and label of the network in one ``paint`` (public Qt API; no item per edge or per label).

Geometry (where nodes and edges sit) is worked out when the architecture or the size changes; a new frame only hands
over values (:meth:`GraphItem.set_values`), which are sorted into a few pens and brushes, and asks for one repaint.
"""
from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import shiboken6
from PySide6.QtCore import QLineF, QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetricsF, QPen
from PySide6.QtWidgets import QGraphicsObject

POSITIVE = QColor(240, 160, 48)      # orange: w > 0 (as TensorFlow Playground draws it)
NEGATIVE = QColor(61, 143, 214)      # blue: w < 0
ZERO = QColor(120, 120, 120)
SELECTED = QColor(255, 235, 59)
BACKGROUND = QColor(30, 30, 30)
LABEL_FILL = QColor(22, 22, 22)       # opaque: translucent boxes cost far more to paint
BUCKETS = 12                          # widths / colour strengths per sign
MAX_WIDTH_PX = 6.0
MARGIN = 10.0


def bucket_of(values: np.ndarray) -> np.ndarray:
    """Signed strength buckets in −BUCKETS … BUCKETS: sign(v)·√(|v|/max|v|), so that one large value does not fade
    all the others (the order of magnitudes is kept)."""
    m = float(np.max(np.abs(values), initial=0.0))
    if not np.isfinite(m) or m == 0.0:
        return np.zeros(values.shape, dtype=np.int64)
    return np.rint(np.sign(values) * np.sqrt(np.clip(np.abs(values) / m, 0.0, 1.0)) * BUCKETS).astype(np.int64)


def _mix(colour: QColor, towards: QColor, s: float) -> QColor:
    return QColor(*(int(round(b + (a - b) * s)) for a, b in ((colour.red(), towards.red()),
                                                               (colour.green(), towards.green()),
                                                               (colour.blue(), towards.blue()))))


def _pens() -> dict[int, QPen]:
    """Opaque pens faded towards the background for weak edges: translucent antialiased lines cost several times
    more to paint."""
    pens = {}
    for k in range(-BUCKETS, BUCKETS + 1):
        s = abs(k) / BUCKETS
        c = _mix(POSITIVE if k > 0 else NEGATIVE if k < 0 else ZERO, BACKGROUND, 0.3 + 0.7 * s)
        pen = QPen(c, 0.6 + (MAX_WIDTH_PX - 0.6) * s)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        pens[k] = pen
    return pens


def _brushes() -> dict[int, QBrush]:
    grey = QColor(70, 70, 70)
    return {k: QBrush(_mix(POSITIVE if k > 0 else NEGATIVE, grey, abs(k) / BUCKETS))
            for k in range(-BUCKETS, BUCKETS + 1)}


@dataclass
class Geometry:
    """Pixel layout for layer sizes ``sizes`` in a ``width`` × ``height`` view."""

    sizes: tuple[int, ...]
    width: float
    height: float
    label_width: float
    line_height: float
    x: list[float] = field(default_factory=list)            # column of each layer
    y: list[np.ndarray] = field(default_factory=list)       # (n_l,) rows of each layer's units
    radius: list[float] = field(default_factory=list)
    segments: np.ndarray = field(default_factory=lambda: np.empty((0, 4)))   # (E, 4): every edge, layer by layer
    offsets: list[int] = field(default_factory=list)        # first segment of layer l (1-based) at offsets[l − 1]

    def __post_init__(self) -> None:
        L = len(self.sizes) - 1
        left, right = MARGIN + 14.0, MARGIN + 1.3 * self.label_width   # room for the output's labels
        top, bottom = MARGIN + self.line_height, MARGIN
        span_x = max(self.width - left - right, 1.0)
        span_y = max(self.height - top - bottom, 1.0)
        self.x = [left + span_x * l / max(L, 1) for l in range(L + 1)]
        self.y = [top + (np.arange(n) + 0.5) * span_y / n for n in self.sizes]
        self.radius = [float(np.clip(0.3 * span_y / n, 2.5, 9.0)) for n in self.sizes]
        parts, self.offsets, count = [], [], 0
        for l in range(1, L + 1):
            yi, yj = self.y[l], self.y[l - 1]
            x0, x1 = self.x[l - 1] + self.radius[l - 1], self.x[l] - self.radius[l]
            ii, jj = np.meshgrid(np.arange(len(yi)), np.arange(len(yj)), indexing="ij")   # W_l's (out, in) order
            seg = np.empty((ii.size, 4))
            seg[:, 0], seg[:, 1], seg[:, 2], seg[:, 3] = x0, yj[jj.ravel()], x1, yi[ii.ravel()]
            parts.append(seg)
            self.offsets.append(count)
            count += ii.size
        self.segments = np.ascontiguousarray(np.concatenate(parts) if parts else np.empty((0, 4)))

    def spacing(self, l: int) -> float:
        return float(self.y[l][1] - self.y[l][0]) if len(self.y[l]) > 1 else self.height

    def column_gap(self) -> float:
        return float(self.x[1] - self.x[0]) if len(self.x) > 1 else self.width


class GraphItem(QGraphicsObject):
    """See the module docstring. ``labels[l]`` (lists of text lines per unit) are drawn for the layers in
    ``labelled``; the owner decides what they say."""

    def __init__(self) -> None:
        super().__init__()
        self.setAcceptHoverEvents(True)
        self.font = QFont()
        self.font.setPointSizeF(8.0)
        self.metrics = QFontMetricsF(self.font)
        self.geometry: Geometry | None = None
        self.pens, self.brushes = _pens(), _brushes()
        self._edge_groups: list[tuple[QPen, np.ndarray]] = []
        self._node_buckets: list[np.ndarray] = []
        self.labels: list[list[list[str]]] = []
        self.labelled: set[int] = set()
        self.edge_label_at: dict[int, np.ndarray] = {}   # layer l -> (E_l, 2) top-left corners of its edge labels
        self.edge_texts: dict[int, list[str]] = {}        # layer l -> the text of each edge label, W_l's order
        self.legend = ""              # what the labels say, drawn at the top left
        self.selected: tuple[int, int, int] | None = None
        self.hover_lines: list[str] = []
        self.hover_at = QPointF()
        self.on_hover = None          # callable(QPointF | None), set by the view
        self.on_press = None          # callable(QPointF), set by the view

    # ----- owner -> item ----------------------------------------------------------------------------------------------
    def set_geometry(self, geometry: Geometry | None) -> None:
        self.prepareGeometryChange()
        self.geometry = geometry
        self.update()

    def set_values(self, edge_values: np.ndarray, node_values: list[np.ndarray]) -> None:
        """Edges (E,) in the geometry's segment order (colour = sign, width = magnitude) and node values per layer
        (fill = sign and magnitude, per layer)."""
        keys = bucket_of(np.asarray(edge_values, dtype=float))
        order = np.lexsort((keys, np.abs(keys)))              # one group per pen; strong edges drawn last, on top
        sorted_keys = keys[order]
        cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
        segs = self.geometry.segments
        self._edge_groups = [(self.pens[int(sorted_keys[idx[0]])], np.ascontiguousarray(segs[idx]))
                             for idx in np.split(order, cuts) if len(idx)]
        self._node_buckets = [bucket_of(np.asarray(v, dtype=float)) for v in node_values]
        self.update()

    # ----- QGraphicsItem -----------------------------------------------------------------------------------------------
    def boundingRect(self) -> QRectF:
        g = self.geometry
        return QRectF() if g is None else QRectF(0, 0, g.width, g.height)

    def paint(self, p, *args) -> None:
        g = self.geometry
        if g is None:
            return
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        for pen, lines in self._edge_groups:
            p.setPen(pen)
            p.drawLines(shiboken6.wrapInstance(lines.ctypes.data, QLineF), len(lines))
        if self.selected is not None:
            l, i, j = self.selected
            k = g.offsets[l - 1] + i * g.sizes[l - 1] + j
            p.setPen(QPen(SELECTED, 2.5))
            p.drawLine(QLineF(*g.segments[k]))
        outline = QPen(QColor(15, 15, 15), 1.2)
        chosen = QPen(SELECTED, 2.5)
        ends = set()
        if self.selected is not None:
            l, i, j = self.selected
            ends = {(l, i), (l - 1, j)}
        for l, ys in enumerate(g.y):
            r, x = g.radius[l], g.x[l]
            buckets = self._node_buckets[l] if l < len(self._node_buckets) else np.zeros(len(ys), dtype=int)
            for i, y in enumerate(ys):
                p.setPen(chosen if (l, i) in ends else outline)
                p.setBrush(self.brushes[int(buckets[i])])
                p.drawEllipse(QPointF(x, y), r, r)
        p.setFont(self.font)
        if self.legend:
            p.setPen(QColor(170, 170, 170))
            legend = self.metrics.elidedText(self.legend, Qt.TextElideMode.ElideRight, g.width - 2 * MARGIN)
            p.drawText(QPointF(MARGIN, MARGIN + self.metrics.ascent() - 4.0), legend)
        for l in sorted(self.labelled):
            if l < len(self.labels):
                self._paint_labels(p, l)
        for l, corners in self.edge_label_at.items():
            for (x, y), text in zip(corners, self.edge_texts.get(l, ())):
                self._paint_box(p, self._box_rect(QPointF(x, y), [text]), [text], LABEL_FILL)
        if self.hover_lines:
            self._paint_box(p, self._box_rect(self.hover_at, self.hover_lines, hover=True), self.hover_lines,
                            QColor(50, 50, 50))

    def edge_label_rects(self) -> list[tuple[int, int, QRectF]]:
        """(layer, edge index in W_l's order, box) of every edge label drawn."""
        return [(l, k, self._box_rect(QPointF(x, y), [text]))
                for l, corners in self.edge_label_at.items()
                for k, ((x, y), text) in enumerate(zip(corners, self.edge_texts.get(l, ())))]

    def label_rects(self) -> list[tuple[int, int, QRectF]]:
        """(layer, unit, box) of every node label drawn, in item (= view pixel) coordinates."""
        g, out = self.geometry, []
        for l in sorted(self.labelled):
            if l >= len(self.labels):
                continue
            x = g.x[l] + g.radius[l] + 3.0
            for i, y in enumerate(g.y[l]):
                lines = self.labels[l][i]
                out.append((l, i, self._box_rect(QPointF(x, y - 0.5 * g.line_height * len(lines)), lines)))
        return out

    def _paint_labels(self, p, l: int) -> None:
        g = self.geometry
        x = g.x[l] + g.radius[l] + 3.0
        for i, y in enumerate(g.y[l]):
            lines = self.labels[l][i]
            self._paint_box(p, self._box_rect(QPointF(x, y - 0.5 * g.line_height * len(lines)), lines), lines,
                            LABEL_FILL)

    def _box_rect(self, at: QPointF, lines: list[str], hover: bool = False) -> QRectF:
        w = max(self.metrics.horizontalAdvance(t) for t in lines) + 6.0
        h = self.geometry.line_height * len(lines) + 2.0
        x, y = at.x(), at.y()
        if hover:   # beside the cursor, kept inside the view
            x = max(min(x + 14.0, self.geometry.width - w - 2.0), 0.0)
            y = max(min(y + 14.0, self.geometry.height - h - 2.0), 0.0)
        return QRectF(x, y, w, h)

    def _paint_box(self, p, rect: QRectF, lines: list[str], fill: QColor) -> None:
        lh = self.geometry.line_height
        p.setRenderHint(p.RenderHint.Antialiasing, False)
        p.fillRect(rect, fill)
        p.setRenderHint(p.RenderHint.Antialiasing, True)
        p.setPen(QColor(235, 235, 235))
        for n, text in enumerate(lines):
            p.drawText(QPointF(rect.x() + 3.0, rect.y() + 1.0 + lh * n + self.metrics.ascent()), text)

    def hoverMoveEvent(self, event) -> None:
        if self.on_hover is not None:
            self.on_hover(event.pos())

    def hoverLeaveEvent(self, event) -> None:
        if self.on_hover is not None:
            self.on_hover(None)

    def mousePressEvent(self, event) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.on_press is not None:
            self.on_press(event.pos())
            event.accept()
        else:
            super().mousePressEvent(event)
