"""Network graph: the network as it is drawn in lessons — neurons as nodes, weights as edges (colour = sign, width =
|w|) — with one input's forward pass written on the nodes (z and h = σ(z)) and, on demand, the backward pass (δ on
the nodes; the edges then show ∂L/∂w the same way). Values are written beside the nodes of a layer when its nodes
are far enough apart to hold them; otherwise, and for every edge, hovering shows them. Clicking an edge selects it
(``edgeSelected``): the owner shows that weight's update.

The numbers are an :class:`engine.nn.NetworkTrace` handed over by :meth:`NetworkGraphView.show_trace`; this view only
draws them (one :class:`~app.views.network_graph_item.GraphItem`, whose coordinates are the view's pixels).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtWidgets import QGraphicsScene, QGraphicsView

from app.views.network_graph_item import BACKGROUND, Geometry, GraphItem

PICK_PX = 5.0          # an edge within this many pixels of the cursor is under it
WIDE_LABEL = "−0.000 → −0.000"   # z → h on one line, when the columns are far enough apart
NARROW_LABEL = "h −0.000"         # else z and h on two lines
EDGE_LABEL = "−1.23e−05"          # the widest value an edge label holds
MAX_LABELLED_EDGES = 24           # gaps with more edges show their values on hover only
EDGE_SPOTS = (0.5, 0.35, 0.65, 0.25, 0.75, 0.42, 0.58)   # where along an edge its label may sit
ACTIVATION_TEXT = {"tanh": "tanh", "sigmoid": "σ", "relu": "ReLU", "identity": "id", "softmax": "softmax"}


def num(v: float) -> str:
    """A value with 3 significant digits and a typographic minus."""
    return f"{float(v):.3g}".replace("-", "−")


class NetworkGraphView(QGraphicsView):
    """See the module docstring. ``trace`` is the trace on show, ``backward`` whether δ and ∂L/∂w are drawn,
    ``selected`` the selected edge (layer, i, j) (W_layer[i, j], from unit j of layer − 1 to unit i) or None."""

    edgeSelected = Signal(object)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.setObjectName("networkGraph")
        self.setScene(QGraphicsScene(self))
        self.item = GraphItem()
        self.item.on_hover, self.item.on_press = self._on_hover, self._on_press
        self.scene().addItem(self.item)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QGraphicsView.Shape.NoFrame)
        self.setBackgroundBrush(BACKGROUND)
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(200, 120)
        self.setToolTip(self.tr("The network: orange = positive, blue = negative, thicker = larger. Hover a node or "
                                "an edge for its values; click an edge for its update (Esc clears, arrow keys move "
                                "along the edges)"))
        self.trace = None
        self.activations: list[str] = []
        self.backward = False
        self.selected: tuple[int, int, int] | None = None
        self._sizes: tuple[int, ...] | None = None
        self.wide_labels = True

    # ----- owner -> view ------------------------------------------------------------------------------------------------
    def show_trace(self, trace, activations: list[str]) -> None:
        """Draw ``trace`` (an engine ``NetworkTrace``); ``activations`` names σ of layers 1 … L."""
        self.trace, self.activations = trace, list(activations)
        sizes = None if trace is None else (len(trace.h[0]), *(len(z) for z in trace.z))
        if sizes != self._sizes:
            self._sizes = sizes
            if self.selected is not None:
                self.select_edge(None)
            self._relayout()
        self._refresh()

    def set_backward(self, on: bool) -> None:
        if bool(on) != self.backward:
            self.backward = bool(on)
            self._relayout()  # a third label line may no longer fit
            self._refresh()

    def select_edge(self, edge: tuple[int, int, int] | None) -> None:
        """Select W_layer[i, j] (``edge`` = (layer, i, j)) or nothing; emits ``edgeSelected``."""
        if edge is not None:
            l, i, j = map(int, edge)
            s = self._sizes
            if s is None or not (1 <= l < len(s) and 0 <= i < s[l] and 0 <= j < s[l - 1]):
                raise ValueError(self.tr("no edge W{l}[{i},{j}] in this network").format(l=l, i=i, j=j))
            edge = (l, i, j)
        self.selected = self.item.selected = edge
        self.item.update()
        self.edgeSelected.emit(edge)

    # ----- geometry -----------------------------------------------------------------------------------------------------
    def edge_point(self, l: int, i: int, j: int, t: float = 0.5) -> QPointF:
        """The point a fraction ``t`` along edge W_l[i, j] as drawn (from unit j to unit i), in scene = viewport
        pixels."""
        g = self.item.geometry
        x0, y0, x1, y1 = g.segments[g.offsets[l - 1] + i * g.sizes[l - 1] + j]
        return QPointF(x0 + t * (x1 - x0), y0 + t * (y1 - y0))

    def node_position(self, l: int, i: int) -> QPointF:
        g = self.item.geometry
        return QPointF(g.x[l], float(g.y[l][i]))

    def labelled_layers(self) -> set[int]:
        """Layers whose values are written beside their nodes (the others show them on hover)."""
        return set(self.item.labelled)

    def edge_at(self, pos: QPointF) -> tuple[int, int, int] | None:
        g = self.item.geometry
        if g is None or not len(g.segments):
            return None
        s = g.segments
        p = np.array([pos.x(), pos.y()])
        a, d = s[:, :2], s[:, 2:] - s[:, :2]
        t = np.clip(((p - a) * d).sum(1) / np.maximum((d * d).sum(1), 1e-12), 0.0, 1.0)
        dist = np.hypot(*(a + t[:, None] * d - p).T)
        k = int(np.argmin(dist))
        if dist[k] > PICK_PX:
            return None
        l = int(np.searchsorted(g.offsets, k, side="right"))
        i, j = divmod(k - g.offsets[l - 1], g.sizes[l - 1])
        return l, int(i), int(j)

    def node_at(self, pos: QPointF) -> tuple[int, int] | None:
        g = self.item.geometry
        if g is None:
            return None
        for l, ys in enumerate(g.y):
            if abs(pos.x() - g.x[l]) <= g.radius[l] + 2:
                i = int(np.argmin(np.abs(ys - pos.y())))
                if abs(ys[i] - pos.y()) <= g.radius[l] + 2:
                    return l, i
        return None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._relayout()
        self._refresh()

    def _relayout(self) -> None:
        w, h = self.viewport().width(), self.viewport().height()
        self.scene().setSceneRect(QRectF(0, 0, w, h))
        if self._sizes is None:
            self.item.set_geometry(None)
            return
        m = self.item.metrics
        for text, lines in ((WIDE_LABEL, 1), (NARROW_LABEL, 2)):
            g = Geometry(self._sizes, float(w), float(h), m.horizontalAdvance(text) + 8.0, m.height())
            if g.column_gap() >= g.label_width + 2 * max(g.radius) + 3:
                break
        else:
            lines = 0
        self.wide_labels = lines == 1
        lines += bool(self.backward)
        self.item.labelled = {l for l in range(len(self._sizes))
                              if lines and g.spacing(l) >= g.line_height * (1 if l == 0 else lines) + 3}
        self.item.edge_label_at = self._place_edge_labels(g, lines)
        self.item.set_geometry(g)

    def _place_edge_labels(self, g: Geometry, lines: int) -> dict[int, np.ndarray]:
        """Top-left corners of the edge labels of every gap whose labels all find a free spot (along their edge,
        clear of the nodes, the node labels and each other); a gap where one does not fit gets none."""
        m = self.item.metrics
        w, h = m.horizontalAdvance(EDGE_LABEL) + 6.0, g.line_height + 2.0
        taken = []
        for l in self.item.labelled:
            n_lines = 1 if l == 0 else lines
            for y in g.y[l]:
                taken.append(QRectF(g.x[l] + g.radius[l] + 3.0, y - 0.5 * g.line_height * n_lines - 1.0,
                                    g.label_width, g.line_height * n_lines + 2.0))
        for l, ys in enumerate(g.y):
            for y in ys:
                r = g.radius[l] + 1.0
                taken.append(QRectF(g.x[l] - r, y - r, 2 * r, 2 * r))
        out = {}
        for l in range(1, len(g.sizes)):
            n = g.sizes[l] * g.sizes[l - 1]
            if n > MAX_LABELLED_EDGES:
                continue
            placed = []
            for x0, y0, x1, y1 in g.segments[g.offsets[l - 1]:g.offsets[l - 1] + n]:
                spot = next((r for t in EDGE_SPOTS
                             for r in [QRectF(x0 + t * (x1 - x0) - w / 2, y0 + t * (y1 - y0) - h / 2, w, h)]
                             if r.top() >= 0 and r.bottom() <= g.height
                             and not any(r.intersects(o) for o in taken + placed)), None)
                if spot is None:
                    break
                placed.append(spot)
            else:
                taken += placed
                out[l] = np.array([[r.x(), r.y()] for r in placed])
        return out

    # ----- values -------------------------------------------------------------------------------------------------------
    def _refresh(self) -> None:
        tr = self.trace
        if tr is None or self.item.geometry is None:
            self.item.labels = []
            return
        if self.backward:
            edges = np.concatenate([dW.ravel() for dW in tr.dW])
            nodes = [tr.h[0], *tr.delta]
        else:
            edges = np.concatenate([W.ravel() for W in tr.W])
            nodes = list(tr.h)
        self.item.labels = [self._labels(l) for l in range(len(tr.h))]
        values = tr.dW if self.backward else tr.W
        self.item.edge_texts = {l: [num(v) for v in values[l - 1].ravel()] for l in self.item.edge_label_at}
        self.item.legend = self._legend()
        self.item.set_values(edges, nodes)
        if self.item.hover_lines:
            self._on_hover(self.item.hover_at)

    def _labels(self, l: int) -> list[list[str]]:
        tr = self.trace
        if l not in self.item.labelled:
            return []
        if l == 0:
            return [[f"x{j} {num(v)}"] for j, v in enumerate(tr.h[0])]
        d_name = "δ" if tr.scope == "sample" else "Σδ"
        out = []
        for i in range(len(tr.z[l - 1])):
            z, h = num(tr.z[l - 1][i]), num(tr.h[l][i])
            lines = [f"{z} → {h}"] if self.wide_labels else [f"z {z}", f"{'ŷ' if l == len(tr.z) else 'h'} {h}"]
            if self.backward:
                lines.append(f"{d_name} {num(tr.delta[l - 1][i])}")
            out.append(lines)
        return out

    def _legend(self) -> str:
        """What the numbers beside the nodes are, and what the edges show."""
        if not self.item.labelled:
            text = self.tr("hover a node for z and h = σ(z)")
        else:
            text = self.tr("beside the nodes: z → h = σ(z)") if self.wide_labels else self.tr(
                "beside the nodes: z and h = σ(z)")
            if len(self.item.labelled) < len(self._sizes):
                text += self.tr(" (hover the others)")
        if self.backward:
            d = "δ = ∂ℓ/∂z" if self.trace.scope == "sample" else "Σδ = ∂L/∂b"
            grad = "∂ℓ/∂w" if self.trace.scope == "sample" else "∂L/∂w"
            return text + self.tr(", then {d}; edges: {g}").format(d=d, g=grad)
        return text + self.tr("; edges: w")

    def unit_name(self, l: int, i: int) -> str:
        if l == 0:
            return f"x[{i}]"
        return f"ŷ[{i}]" if self._sizes is not None and l == len(self._sizes) - 1 else f"h{l}[{i}]"

    def hover_lines(self, pos: QPointF) -> list[str]:
        """What hovering ``pos`` shows: the node's or edge's values (empty when nothing is there)."""
        tr = self.trace
        if tr is None:
            return []
        grad = "∂ℓ/∂" if tr.scope == "sample" else "∂L/∂"
        node = self.node_at(pos)
        if node is not None:
            l, i = node
            if l == 0:
                return [self.tr("input {name} = {v}").format(name=self.unit_name(0, i), v=num(tr.h[0][i]))]
            act = ACTIVATION_TEXT.get(self.activations[l - 1], self.activations[l - 1])
            lines = [self.tr("{name}: layer {l}, unit {i}").format(name=self.unit_name(l, i), l=l, i=i),
                     f"z = W{l}[{i},:]·h{l - 1} + b{l}[{i}] = {num(tr.z[l - 1][i])}",
                     f"h = {act}(z) = {num(tr.h[l][i])}"]
            if tr.scope == "sample":
                lines.append(f"δ = ∂ℓ/∂z = {num(tr.delta[l - 1][i])}")
            else:
                lines.append(f"Σδ = ∂L/∂b{l}[{i}] = {num(tr.delta[l - 1][i])}")
            return lines
        edge = self.edge_at(pos)
        if edge is None:
            return []
        l, i, j = edge
        return [f"W{l}[{i},{j}]: {self.unit_name(l - 1, j)} → z{l}[{i}]",
                f"w = {num(tr.W[l - 1][i, j])}",
                f"{grad}w = {num(tr.dW[l - 1][i, j])}",
                self.tr("click for its update")]

    def _on_hover(self, pos: QPointF | None) -> None:
        lines = [] if pos is None else self.hover_lines(pos)
        if lines or self.item.hover_lines:
            self.item.hover_lines = lines
            if pos is not None:
                self.item.hover_at = QPointF(pos)
            self.item.update()

    def _on_press(self, pos: QPointF) -> None:
        self.setFocus(Qt.FocusReason.MouseFocusReason)
        self.select_edge(self.edge_at(pos))

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Escape and self.selected is not None:
            self.select_edge(None)
            return
        moves = {Qt.Key.Key_Down: (0, 0, 1), Qt.Key.Key_Up: (0, 0, -1), Qt.Key.Key_PageDown: (0, 1, 0),
                 Qt.Key.Key_PageUp: (0, -1, 0), Qt.Key.Key_Right: (1, 0, 0), Qt.Key.Key_Left: (-1, 0, 0)}
        if key in moves and self._sizes is not None:
            s = self._sizes
            l, i, j = self.selected or (1, 0, 0)
            if self.selected is not None:
                dl, di, dj = moves[key]
                l = min(max(l + dl, 1), len(s) - 1)
                i = min(max(i + di, 0), s[l] - 1)
                j = min(max(j + dj, 0), s[l - 1] - 1)
            self.select_edge((l, i, j))
            return
        super().keyPressEvent(event)
