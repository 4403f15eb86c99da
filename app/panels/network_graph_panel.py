"""Network graph dock: which sample is traced, whether the backward pass is drawn and for which loss, the graph
itself (an ``app.views.network_graph.NetworkGraphView`` handed in by the network mode), and the selected weight's
update with its numbers: w ← w − η·∂L/∂w, and the step the selected run's optimizer actually takes for it.

Handlers only: the numbers are the :class:`~app.network_graph.NetworkGraphController`'s.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (QCheckBox, QComboBox, QFrame, QHBoxLayout, QSizePolicy, QSpinBox,
                               QTextBrowser, QVBoxLayout, QWidget)

from app.network_graph import NetworkGraphController
from app.panels import optimizer_title
from app.readout import RichReadout


def n6(v: float) -> str:
    return f"{float(v):.6g}".replace("-", "−")


def paren(v: float) -> str:
    """A signed number as a term: 0.5 or (−0.5)."""
    return f"({n6(v)})" if v < 0 else n6(v)


class NetworkGraphPanel(QWidget):
    """See the module docstring. ``update_text`` holds the selected weight's update as shown."""

    def __init__(self, controller: NetworkGraphController, view, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkGraphPanel")
        self.controller, self.view = controller, view
        self._update_html = None
        self.sample = QSpinBox(minimum=0, maximum=0)
        self.sample.setPrefix(self.tr("sample "))
        self.sample.setKeyboardTracking(False)
        self.sample.setToolTip(self.tr("The input whose forward pass is written on the nodes (or click a point in "
                                       "the data view); S and Shift+S step through the samples"))
        self.backward = QCheckBox(self.tr("Backward pass (&δ)"))
        self.backward.setToolTip(self.tr("Show δ = ∂L/∂z on the nodes and ∂L/∂w on the edges instead of the "
                                          "weights (D)"))
        self.scope = QComboBox()
        self.scope.addItem(self.tr("this sample's loss ℓ"), "sample")
        self.scope.addItem(self.tr("training loss L (mean)"), "dataset")
        self.scope.setToolTip(self.tr("Which loss the backward pass differentiates: the traced sample's own loss ℓ, "
                                      "or the mean loss L over the dataset that training follows (its δ summed "
                                      "over the samples is ∂L/∂b)"))
        self.header = RichReadout(rich=False)  # new numbers at every point hovered: no new layout for each
        self.header.setToolTip(self.tr("The parameters traced (the selected run at the current iteration, else the "
                                       "cursor, else the slice centre) and the sample's way through the network"))
        self.update_text = QTextBrowser()
        self.update_text.setObjectName("weightUpdate")
        self.update_text.setFrameShape(QFrame.Shape.NoFrame)
        self.update_text.setOpenLinks(False)
        self.update_text.setToolTip(self.tr("The selected weight's update: plain gradient descent on the training "
                                             "loss, and the step the selected run's optimizer takes for it"))
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sample)
        row.addWidget(self.backward, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        # the loss on a line of its own: one row of all three made the right column wider than it is in function
        # mode, so entering network mode shrank the map (a new view, a new surface to compute, every dock moved)
        layout.addLayout(row)
        layout.addWidget(self.scope)
        layout.addWidget(self.header)
        self.update_text.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.update_text.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        layout.addWidget(view, 1)
        layout.addWidget(self.update_text)
        self._actions()
        self.sample.valueChanged.connect(controller.set_sample)
        self.backward.toggled.connect(self._on_backward)
        self.scope.currentIndexChanged.connect(lambda *_: controller.set_scope(self.scope.currentData()))
        controller.sampleChanged.connect(self._on_sample)
        controller.resultChanged.connect(self.render)
        controller.failed.connect(lambda message: self.header.setText(message))
        view.edgeSelected.connect(lambda *_: self.show_update())
        self.render()

    def _actions(self) -> None:
        def add(keys: str, slot) -> None:
            act = QAction(self)
            act.setShortcut(QKeySequence(keys))
            act.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            act.triggered.connect(slot)
            self.addAction(act)

        add("D", self.backward.toggle)
        add("S", lambda: self.sample.setValue(self.sample.value() + 1))
        add("Shift+S", lambda: self.sample.setValue(self.sample.value() - 1))

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self.controller.set_live(True)

    def hideEvent(self, event) -> None:
        super().hideEvent(event)
        self.controller.set_live(False)

    def _on_backward(self, on: bool) -> None:
        self.view.set_backward(on)

    def _on_sample(self, index: int) -> None:
        self.sample.blockSignals(True)
        self.sample.setMaximum(max(self.controller.n_samples() - 1, 0))
        self.sample.setValue(index)
        self.sample.blockSignals(False)

    # ----- result -> widgets ------------------------------------------------------------------------------------------
    def render(self) -> None:
        r = self.controller.result
        if r is None:
            self.view.show_trace(None, [])
            self.header.setText(self.tr("Build a network landscape (Network tab) to see the network."))
            self._set_update("")
            return
        model = r.build.model
        self._on_sample(r.trace.index)
        self.view.show_trace(r.trace, [model.layer_activation(l) for l in range(1, model.n_layers + 1)])
        t = r.trace
        x = ", ".join(n6(v)[:8] for v in t.h[0])
        y_hat = ", ".join(f"{v:.4g}" for v in t.h[-1])
        target = ", ".join(f"{v:.4g}" for v in t.target)
        self.header.setText(self.tr("At {what}: sample {n}, x = ({x}), target {t} → ŷ = {y}, ℓ = {l:.4g}; "
                                    "L = {L:.4g}").format(what=r.what, n=t.index, x=x, t=target, y=y_hat,
                                                          l=t.sample_loss, L=r.loss))
        self.show_update()

    def _set_update(self, html: str) -> None:
        if html != self._update_html:   # an unchanged text is not laid out again
            self._update_html = html
            self.update_text.setHtml(html)
            self._fit_update()

    def _fit_update(self) -> None:
        """As tall as its text (one line for the hint), at most 40 % of the panel: the graph keeps the rest."""
        doc = self.update_text.document()
        doc.setTextWidth(self.update_text.viewport().width())
        height = int(doc.size().height()) + 2 * self.update_text.frameWidth() + 2
        self.update_text.setFixedHeight(max(min(height, int(0.4 * self.height())), 24))

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._fit_update()

    def show_update(self) -> None:
        """Write the selected edge's update (or how to get one)."""
        r, edge = self.controller.result, self.view.selected
        u = self.controller.update_for(edge)
        if r is None or u is None:
            self._set_update("<span style='color:gray'>" + self.tr(
                "Click an edge to see its weight's update (arrow keys move along the edges).") + "</span>")
            return
        l, i, j = edge
        src = "x" if l == 1 else f"h{l - 1}"
        n = r.build.plane.X.shape[0]
        lines = [self.tr("<b>{name}</b> ({src}[{j}] → z{l}[{i}]) at {what}").format(
            name=u.name, src=src, j=j, l=l, i=i, what=r.what),
            self.tr("w = {w}, &nbsp; ∂L/∂w = {g} &nbsp; (L: the mean loss over the {n} points, by backprop)").format(
                w=n6(u.before), g=n6(u.grad), n=n),
            self.tr("Gradient descent, η = {lr}: &nbsp; w ← w − η·∂L/∂w = {w} − {lr} × {g} = <b>{after}</b>").format(
                lr=n6(u.lr), w=n6(u.before), g=paren(u.grad), after=n6(u.gd_after))]
        if u.step is not None:
            lines.append(self.tr(
                "{opt} (run {id}), iteration {t} → {t1}: the run moves (α, β), so w moves by Δw = d1·Δα + d2·Δβ = "
                "{step}: &nbsp; w ← {w} + {pstep} = <b>{after}</b>").format(
                opt=optimizer_title(r.optimizer), id=r.run_id, t=r.row, t1=r.row + 1, step=n6(u.step),
                w=n6(u.before), pstep=paren(u.step), after=n6(u.after)))
            lines.append("<span style='color:gray'>" + self.tr(
                "(on a slice only the in-plane part of a step moves the weights)") + "</span>")
        elif r.note:
            lines.append("<span style='color:gray'>" + r.note + "</span>")
        self._set_update("<br>".join(lines))
