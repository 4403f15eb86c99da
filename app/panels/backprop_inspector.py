"""Backprop inspector: how the gradient flows back through the network at the current point of the slice.

For θ(α, β) at the current point (the selected run at ``state.frame``, else the hovered point, else the slice centre),
one block per layer, output layer first — the order backprop visits them: the chain-rule line of that layer, the norms
of δ_l, ∂L/∂W_l and ∂L/∂b_l, and ∂L/∂W_l (rows: units of layer l, columns: units of layer l − 1, as W_l is shaped in
the lesson and in ``torch.nn.Linear``) with ∂L/∂b_l as a column beside it, heat maps on a diverging colour map
(white = 0, levels symmetric per layer). On top, the loss and the in-plane gradient
(d1·∇θL, d2·∇θL): what a run on the map descends. Numbers from ``MLP.backward_trace`` and ``Plane.gradients``
through the controller.
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF
from PySide6.QtWidgets import QScrollArea, QVBoxLayout, QWidget

from app.network_controller import BackpropReport, NetworkController
from app.readout import RichReadout, TextReadout

GRADIENT_LUT = pg.ColorMap([0.0, 0.5, 1.0], [(33, 102, 172), (247, 247, 247), (178, 24, 43)]).getLookupTable(
    0.0, 1.0, 256)
CELL_PX = 14
B_GAP = 0.4  # columns of space between the ∂L/∂W and ∂L/∂b maps
MAX_BLOCK_PX = 260
ACTIVATION_SYMBOL = {"tanh": "tanh", "sigmoid": "σ", "relu": "ReLU", "identity": "id"}


# the transpose is the letter ᵀ, not <sup>T</sup>: a superscript on a label's first line is clipped at its top

def _sub(text: str) -> str:
    return f"<sub>{text}</sub>"


class _LayerBlock(QWidget):
    """One layer: formula and norms, ∂L/∂W_l and ∂L/∂b_l heat maps, the value under the cursor."""

    def __init__(self, layer: int, shape: tuple[int, int], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.layer, self.shape = layer, shape
        self.text = RichReadout()  # new norms at every point hovered: no new layout for each
        self.text.setToolTip(self.tr("The chain rule for this layer and the sizes of its gradients"))
        self.maps = pg.GraphicsLayoutWidget()
        self.maps.setBackground("#1e1e1e")
        rows, cols = shape
        self.maps.setFixedHeight(min(MAX_BLOCK_PX, CELL_PX * (rows + 0.4) + 12))
        self.maps.setToolTip(self.tr("Left: ∂L/∂W{l} (row i = unit of layer {l}, column j = unit of layer {k}); "
                                     "right column: ∂L/∂b{l}. Red = positive, blue = negative, white = 0; hover a "
                                     "cell for its value").format(l=layer, k=layer - 1))
        # one view box: ∂L/∂W_l (rows × cols) with ∂L/∂b_l as an extra column on the right, aligned on the units
        self.box = self.maps.addViewBox(row=0, col=0, lockAspect=True, invertY=True, enableMouse=False,
                                        enableMenu=False)
        self.dW_image = pg.ImageItem(axisOrder="row-major")
        self.db_image = pg.ImageItem(axisOrder="row-major")
        self.box.addItem(self.dW_image)
        self.box.addItem(self.db_image)
        self.dW_image.setRect(QRectF(0, 0, cols, rows))
        self.db_image.setRect(QRectF(cols + B_GAP, 0, 1, rows))
        self.value = TextReadout(colour="gray")
        self.value.setToolTip(self.tr("The gradient entry under the cursor"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 4)
        layout.setSpacing(2)
        layout.addWidget(self.text)
        layout.addWidget(self.maps)
        layout.addWidget(self.value)
        self.maps.scene().sigMouseMoved.connect(self._on_mouse)

    def show_trace(self, lt, formula: str) -> None:
        dW, db = np.asarray(lt.dW, dtype=float), np.asarray(lt.db, dtype=float)
        m = float(max(np.abs(dW).max(initial=0.0), np.abs(db).max(initial=0.0))) or 1.0
        rows, cols = self.shape
        self.dW_image.setImage(dW, levels=(-m, m), autoLevels=False, lut=GRADIENT_LUT, rect=QRectF(0, 0, cols, rows))
        self.db_image.setImage(db[:, None], levels=(-m, m), autoLevels=False, lut=GRADIENT_LUT,
                               rect=QRectF(cols + B_GAP, 0, 1, rows))
        self.box.setRange(xRange=(0, cols + B_GAP + 1), yRange=(0, rows), padding=0.02)
        l = self.layer
        self.text.setText(
            "<b>" + self.tr("Layer {l}").format(l=l) + f"</b> &nbsp; {formula}<br>"
            + self.tr("‖δ{l}‖ = {d:.3g} &nbsp; ‖∂L/∂W{l}‖ = {w:.3g} &nbsp; ‖∂L/∂b{l}‖ = {b:.3g} &nbsp; "
                      "max |entry| = {m:.3g}").format(l=_sub(str(l)), d=lt.delta_norm, w=lt.dW_norm, b=lt.db_norm,
                                                     m=m))

    def _on_mouse(self, pos) -> None:
        rows, cols = self.shape
        if self.dW_image.image is not None and self.box.sceneBoundingRect().contains(pos):
            p = self.box.mapSceneToView(pos)
            x, i = p.x(), int(np.floor(p.y()))
            if 0 <= i < rows and 0 <= x < cols:
                j = int(np.floor(x))
                self.value.setText(f"∂L/∂W{self.layer}[{i},{j}] = {self.dW_image.image[i, j]:.6g}")
                return
            if 0 <= i < rows and cols + B_GAP <= x < cols + B_GAP + 1:
                self.value.setText(f"∂L/∂b{self.layer}[{i}] = {self.db_image.image[i, 0]:.6g}")
                return
        self.value.setText(" ")


class BackpropInspector(QWidget):
    """See the module docstring. ``report`` holds the numbers on show; ``blocks`` maps layer -> block."""

    def __init__(self, controller: NetworkController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("backpropInspector")
        self.controller = controller
        self.report: BackpropReport | None = None
        self.blocks: dict[int, _LayerBlock] = {}
        self._arch = None
        self._to_make: list[tuple[int, tuple[int, int]]] = []  # (layer, W's shape) of blocks not made yet
        self._dirty = True
        self.header = RichReadout()
        self.header.setToolTip(self.tr("The point whose gradients are shown, its loss, and the gradient a run on "
                                       "the map follows: the full gradient projected on the plane's directions"))
        self.body = QWidget()
        self.body_layout = QVBoxLayout(self.body)
        self.body_layout.setContentsMargins(2, 2, 2, 2)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.body)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.header)
        layout.addWidget(scroll, 1)
        controller.pointChanged.connect(lambda: controller.compute.later(self.refresh))  # a pass of its own
        controller.built.connect(lambda *_: self.refresh())
        self.refresh()

    def showEvent(self, event) -> None:
        if self._dirty:
            self.render()
        super().showEvent(event)

    def refresh(self) -> None:
        """Render now when visible; otherwise on the next show (no cost while the dock is hidden)."""
        self._dirty = True
        if self.isVisible() or self.controller.result is None:  # clearing is cheap: never keep stale numbers
            self.render()

    def render(self) -> None:
        self._dirty = False
        result = self.controller.result
        if result is None:
            self.report = None
            self._set_blocks(None)
            self.header.setText("<span style='color:gray'>" + self.tr(
                "Build a network landscape (Network tab) to see backprop at a point of its slice.") + "</span>")
            return
        point, what, build = result.point, result.what, result.build
        if not self._set_blocks(build.model):
            return  # the blocks of a new architecture are still being made; the last one renders
        report = result.report
        self.report = report
        model = build.model
        for lt in report.traces:
            self.blocks[lt.layer].show_trace(lt, self._formula(model, lt.layer))
        ga, gb = report.in_plane
        self.header.setText(self.tr(
            "At {what}: α = {a:.4g}, β = {b:.4g}, L = {loss:.6g}<br>In-plane gradient (d{s1}·∇<sub>θ</sub>L, "
            "d{s2}·∇<sub>θ</sub>L) = ({ga:.6g}, {gb:.6g})").format(
            what=what, a=point[0], b=point[1], loss=report.loss, ga=ga, gb=gb, s1=_sub("1"), s2=_sub("2")))

    def _set_blocks(self, model) -> bool:
        """The per-layer blocks of ``model``'s architecture, made one per event-loop pass (each block is a new layout
        and a first paint: all at once were ~30 ms of one pass); True when they are all there."""
        arch = None if model is None else (tuple(model.layer_sizes), model.loss_name, tuple(model.activations))
        if arch != self._arch:
            self._arch = arch
            for block in self.blocks.values():
                block.setParent(None)
                block.deleteLater()
            self.blocks = {}
            while self.body_layout.count():
                item = self.body_layout.takeAt(0)
                if item.widget() is not None:
                    item.widget().setParent(None)
            sizes = [] if model is None else model.layer_sizes
            self._to_make = [(l, (sizes[l], sizes[l - 1])) for l in range(len(sizes) - 1, 0, -1)]
            if self._to_make:
                self.controller.compute.later(self._make_block)
        return not self._to_make

    def _make_block(self) -> None:
        if not self._to_make:
            return
        l, shape = self._to_make.pop(0)
        self.blocks[l] = _LayerBlock(l, shape)
        self.body_layout.addWidget(self.blocks[l])
        if self._to_make:
            self.controller.compute.later(self._make_block)
        else:
            self.body_layout.addStretch(1)
            self.refresh()

    def _formula(self, model, l: int) -> str:
        """The chain-rule line of layer l (δ_l = ∂L/∂z_l)."""
        L = model.n_layers
        s = lambda k: _sub(str(k))  # noqa: E731
        grads = (f"∂L/∂W{s(l)} = δ{s(l)} h{s(l - 1)}ᵀ, &nbsp; ∂L/∂b{s(l)} = Σ<sub>n</sub> δ{s(l)}"
                 + (" &nbsp; (h<sub>0</sub> = x)" if l == 1 else ""))
        if l == L:
            start = {"bce": self.tr("sigmoid + binary CE: δ{l} = ∂L/∂z{l} = (ŷ − t) / N"),
                     "ce": self.tr("softmax + CE: δ{l} = ∂L/∂z{l} = (ŷ − t) / N"),
                     "mse": self.tr("identity output, MSE: δ{l} = ∂L/∂ŷ = 2 (ŷ − t) / (N·n{l})")}[
                model.loss_name].format(l=s(l))
            return f"{start} &nbsp;⇒&nbsp; {grads}"
        act = ACTIVATION_SYMBOL.get(model.activations[l - 1], model.activations[l - 1])
        return (f"δ{s(l)} = (W{s(l + 1)}ᵀ δ{s(l + 1)}) ⊙ {act}′(z{s(l)}) &nbsp;⇒&nbsp; {grads}")
