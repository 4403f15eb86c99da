"""The chain rule on its own: the computational graph of h(x), forward values, local derivatives, backward pass.

The graph is the formula parser's tree (:func:`engine.formula.chain.chain_graph`): nodes carry their forward value,
edges their local derivative ∂parent/∂child; "Backward step" multiplies one more edge (upstream × local) from the
output down to x, ending in dh/dx, which is compared with sympy's symbolic derivative. The graph is built off the
GUI thread (sympy); this panel only lays it out and draws it.
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (QDoubleSpinBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)
from app.engine_errors import error_text

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the parser loads sympy: imported in the worker, when a graph is first built
    from engine.formula.chain import ChainGraph

DEFAULT_FORMULA = "sin(x^2)"
EDGE, ACTIVE, DONE = "#8a8a8a", "#ffd34d", "#5ec8ff"


def _tr(text: str) -> str:
    return QCoreApplication.translate("ChainPanel", text)


def layout_graph(graph: "ChainGraph") -> dict[int, tuple[float, float]]:
    """(x, y) per node, as a tidy tree: the output on top (y = 0), one row per level; each use of x and each number
    takes the next column from left to right and an operation sits above the middle of its arguments. The shared input
    x goes on the bottom row, under its leftmost use, so that every path into it stays visible."""
    children: dict[int, list[int]] = {n.id: [] for n in graph.nodes}
    for e in graph.edges:
        children[e.parent].append(e.child)
    input_id = graph.input.id if graph.input is not None else None
    pos: dict[int, tuple[float, float]] = {}
    uses: list[tuple[float, int]] = []
    column = [0]

    def place(node: int, depth: int) -> float:  # the tree is at most 30 levels deep (the parser's limit)
        if node == input_id:
            uses.append((column[0], depth))
            column[0] += 1
            return column[0] - 1.0
        if not children[node]:
            pos[node] = (float(column[0]), -float(depth))
            column[0] += 1
            return pos[node][0]
        xs = [place(child, depth + 1) for child in children[node]]
        pos[node] = ((min(xs) + max(xs)) / 2.0, -float(depth))
        return pos[node][0]

    place(0, 0)
    if input_id is not None:
        pos[input_id] = (min(c for c, _ in uses), -float(max(d for _, d in uses)))
    return pos


class ChainPanel(QWidget):
    """See the module docstring."""

    def __init__(self, compute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chain_panel")
        self.compute = compute
        self.graph: "ChainGraph | None" = None
        self.step = 0  # backward steps shown
        self.edit = QLineEdit(DEFAULT_FORMULA)
        self.edit.setObjectName("chain_formula")
        self.edit.setToolTip(_tr("A formula of x alone, e.g. sin(x^2), x*exp(-x), sigmoid(2*x - 1)"))
        self.edit.returnPressed.connect(self.rebuild)
        self.x_box = QDoubleSpinBox()
        self.x_box.setObjectName("chain_x")
        self.x_box.setRange(-1e3, 1e3)
        self.x_box.setDecimals(3)
        self.x_box.setSingleStep(0.1)
        self.x_box.setValue(1.5)
        self.x_box.valueChanged.connect(lambda *_: self.rebuild())
        self.back = QPushButton(_tr("◀ Back"))
        self.next = QPushButton(_tr("Backward step ▶"))
        self.next.setObjectName("chain_next")
        self.back.clicked.connect(lambda: self.show_step(self.step - 1))
        self.next.clicked.connect(lambda: self.show_step(self.step + 1))
        self.next.setToolTip(_tr("Multiply one more local derivative: ∂h/∂child += ∂h/∂parent × ∂parent/∂child"))
        self.view = pg.PlotWidget()
        self.view.setBackground("#1e1e1e")
        self.view.setMenuEnabled(False)
        self.view.hideButtons()
        self.view.hideAxis("left")
        self.view.hideAxis("bottom")
        self.view.setMinimumHeight(170)
        self.edges = pg.PlotCurveItem(pen=pg.mkPen(EDGE, width=1.5), connect="pairs")
        self.active = pg.PlotCurveItem(pen=pg.mkPen(ACTIVE, width=3), connect="pairs")
        self.view.addItem(self.edges)
        self.view.addItem(self.active)
        self.texts: list[pg.TextItem] = []
        self.status = QLabel()
        self.status.setObjectName("chain_status")
        self.status.setTextFormat(Qt.TextFormat.PlainText)
        self.status.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel(_tr("h(x) =")))
        top.addWidget(self.edit, 1)
        top.addWidget(QLabel(_tr("at x =")))
        top.addWidget(self.x_box)
        buttons = QHBoxLayout()
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)
        layout.addWidget(self.status)
        self.back.setEnabled(False)
        self.next.setEnabled(False)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if self.graph is None:
            self.rebuild()

    def set_formula(self, formula: str, x: float) -> None:
        self.edit.setText(formula)
        self.x_box.blockSignals(True)
        self.x_box.setValue(x)
        self.x_box.blockSignals(False)
        self.rebuild()

    def rebuild(self) -> None:
        text, x = self.edit.text(), self.x_box.value()
        self.compute.submit("calculus:chain", lambda job: _graph_or_error(text, x), self._on_graph)

    def _on_graph(self, result) -> None:
        if isinstance(result, str):
            self.graph = None
            self.status.setText(_tr("Not accepted: {error}").format(error=error_text(result)))
            for item in self.texts:
                self.view.removeItem(item)
            self.texts = []
            self.edges.setData([], [])
            self.active.setData([], [])
            self.back.setEnabled(False)
            self.next.setEnabled(False)
            return
        self.graph = result
        self.positions = layout_graph(result)
        xs, ys = [], []
        for e in result.edges:
            (x0, y0), (x1, y1) = self.positions[e.parent], self.positions[e.child]
            xs += [x0, x1]
            ys += [y0, y1]
        self.edges.setData(xs, ys)
        self.show_step(0)
        xs = [p[0] for p in self.positions.values()]
        ys = [p[1] for p in self.positions.values()]
        self.view.setRange(xRange=(min(xs) - 0.6, max(xs) + 0.6), yRange=(min(ys) - 0.5, max(ys) + 0.5), padding=0)

    def show_step(self, step: int) -> None:
        """Draw the graph with the first ``step`` backward multiplications done."""
        g = self.graph
        if g is None:
            return
        step = max(0, min(step, len(g.steps)))
        self.step = step
        for item in self.texts:
            self.view.removeItem(item)
        self.texts = []
        adjoint = {0: 1.0}
        for s in g.steps[:step]:
            adjoint[s.child] = s.child_adjoint
        for e in g.edges:
            if g.nodes[e.child].kind == "constant":
                continue  # h does not flow back into a number: its local derivative is not part of dh/dx
            (x0, y0), (x1, y1) = self.positions[e.parent], self.positions[e.child]
            self._text(f"<span style='color:#cfcfcf'>{_html(e.rule)} = {e.local:.4g}</span>", (x0 + x1) / 2,
                       (y0 + y1) / 2, fill="#1e1e1e", anchor=(0.5, 0.5), border=False)
        for n in g.nodes:
            x, y = self.positions[n.id]
            lines = [f"<b>{_html(n.text)}</b>", f"= {n.value:.4g}"]
            if n.id in adjoint and n.kind != "constant":
                lines.append(f"<span style='color:{DONE}'>∂h/∂· = {adjoint[n.id]:.4g}</span>")
            self._text("<br>".join(lines), x, y, fill="#2d2d2d", anchor=(0.5, 0.5))  # nodes above the edge labels
        if step:
            s = g.steps[step - 1]
            (x0, y0), (x1, y1) = self.positions[s.parent], self.positions[s.child]
            self.active.setData([x0, x1], [y0, y1])
            text = _tr("Step {k} of {n}: ∂h/∂({child}) += {up:.4g} × {local:.4g} = {p:.4g}").format(
                k=step, n=len(g.steps), child=g.nodes[s.child].text, up=s.upstream, local=s.local, p=s.product)
        else:
            self.active.setData([], [])
            text = _tr("Forward pass done: h({x:g}) = {v:.6g}. Press “Backward step” to apply the chain rule, "
                       "starting from ∂h/∂h = 1.").format(x=g.x, v=g.value)
        if step == len(g.steps):
            text += "\n" + _tr("dh/dx = {d:.6g} (backward pass);  sympy: dh/dx = {s} = {v:.6g}  {ok}").format(
                d=g.derivative, s=g.symbolic_text, v=g.symbolic_derivative,
                ok=_tr("agree") if _close(g.derivative, g.symbolic_derivative) else _tr("DIFFER"))
        self.status.setText(text)
        self.back.setEnabled(step > 0)
        self.next.setEnabled(step < len(g.steps))

    def _text(self, html: str, x: float, y: float, fill=None, anchor=(0.5, 0.5), border: bool = True) -> None:
        item = pg.TextItem(html=html, anchor=anchor, fill=fill, border=pg.mkPen("#5a5a5a") if border else None)
        item.setPos(x, y)
        self.view.addItem(item)
        self.texts.append(item)


def _graph_or_error(text: str, x: float):
    from engine.formula import FormulaError
    from engine.formula.chain import chain_graph
    try:
        return chain_graph(text, x)
    except FormulaError as err:
        return str(err)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
