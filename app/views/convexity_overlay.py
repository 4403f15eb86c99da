"""The convexity map over a network slice (Li et al. 2018, Fig. 7): |λ_min / λ_max| of the full Hessian at each grid
point, blue where the loss is (nearly) convex, yellow where it curves strongly downward.

One semi-transparent ``ImageItem`` above the surface colours and a colour legend; the numbers come from
:mod:`app.convexity_worker` (computed off the GUI thread, delivered only when complete). The map is computed for the
view on screen when the overlay is switched on (``toggle_action``) or :meth:`recompute` is asked for; a new landscape
clears it (and recomputes while the overlay is on). Hovering a cell names its eigenvalues.
"""
from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QObject, QRectF, Qt, Signal
from PySide6.QtGui import QAction

from app.convexity_worker import DEFAULT_RESOLUTION, MAX_RESOLUTION, MIN_RESOLUTION, ConvexityResult, \
    ConvexityWorker

Z_CONVEXITY = -7          # above the surface image (-10) and the basin map (-8), below contours (-5) and runs
COLORMAP = "viridis"      # blue (convex) to yellow (strong negative curvature), as the paper's figure
RATIO_CAP = 1.0           # ratios above this share the top colour


def _tr(text: str) -> str:
    return QCoreApplication.translate("ConvexityOverlay", text)


def colour_levels(ratio: np.ndarray) -> tuple[float, float]:
    """(0, top) of the colour scale: the map's largest finite ratio, capped at RATIO_CAP, at least 1e-3."""
    finite = ratio[np.isfinite(ratio)]
    top = float(finite.max()) if finite.size else RATIO_CAP
    return 0.0, min(max(top, 1e-3), RATIO_CAP)


class ConvexityOverlay(QObject):
    """See the module docstring. ``state`` is the app model (``state.network``: the slice), ``landscape_view`` the map."""

    mapChanged = Signal(object)         # ConvexityResult now shown, or None
    progressChanged = Signal(float)     # fraction of the running request
    busyChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, state, landscape_view, worker: ConvexityWorker) -> None:
        super().__init__(landscape_view)
        self.state, self.view, self.worker = state, landscape_view, worker
        self.enabled = False
        self.resolution = DEFAULT_RESOLUTION
        self.opacity = 0.7
        self.result: ConvexityResult | None = None
        self.progress = 0.0
        self._rect = QRectF()
        vb = landscape_view.plot.vb
        self.image = pg.ImageItem(axisOrder="row-major")
        self.image.setZValue(Z_CONVEXITY)
        self.image.setAcceptedMouseButtons(Qt.MouseButton.NoButton)    # clicks still start runs
        self.image.setVisible(False)
        vb.addItem(self.image, ignoreBounds=True)
        self.legend = pg.GradientLegend(size=(14, 110), offset=(-12, 12))
        self.legend.setColorMap(pg.colormap.get(COLORMAP))
        self.legend.setParentItem(vb)
        self.legend.setVisible(False)
        self.toggle_action = QAction(_tr("Con&vexity map |λmin/λmax|"), self)
        self.toggle_action.setCheckable(True)
        tip = _tr("Colour the network slice by |λmin/λmax| of the full Hessian (Li et al. 2018, Fig. 7); "
                  "computed for the view on screen")
        self.toggle_action.setToolTip(tip)
        self.toggle_action.setStatusTip(tip)
        self.toggle_action.toggled.connect(self.set_enabled)
        worker.ready.connect(self._on_ready)
        worker.failed.connect(lambda _req, message: self.failed.emit(message))
        worker.progress.connect(self._on_progress)
        worker.busyChanged.connect(self.busyChanged)
        state.landscapeChanged.connect(self._on_landscape)
        landscape_view.hoverChanged.connect(self._on_hover)

    # ----- settings and requests -----------------------------------------------------------------------------------
    @property
    def available(self) -> bool:
        """Whether the landscape is a network slice (the only kind with a Hessian to speak of)."""
        return self.state.network is not None

    def set_enabled(self, on: bool) -> None:
        on = bool(on)
        if self.toggle_action.isChecked() != on:
            self.toggle_action.setChecked(on)       # re-enters through toggled
            return
        if on == self.enabled:
            return
        self.enabled = on
        if on and self.result is None:
            self.recompute()
        elif not on:
            self.worker.cancel()
        self._redraw()

    def set_resolution(self, n: int) -> None:
        n = int(n)
        if not MIN_RESOLUTION <= n <= MAX_RESOLUTION:
            raise ValueError(_tr("the convexity map's resolution must be between {lo} and {hi}").format(
                lo=MIN_RESOLUTION, hi=MAX_RESOLUTION))
        self.resolution = n

    def recompute(self) -> bool:
        """Compute the map for the view on screen (a running one is replaced); False without a network slice."""
        build = self.state.network
        if build is None:
            self.failed.emit(_tr("The convexity map needs a network slice: build one in the Network tab"))
            return False
        self.progress = 0.0
        self.progressChanged.emit(0.0)
        self.worker.request(build.plane, self.state.view, self.resolution)
        return True

    def cancel(self) -> None:
        """Stop the running computation; the map on screen (if any) stays as it was."""
        self.worker.cancel()
        self.progress = 0.0
        self.progressChanged.emit(0.0)

    def _on_landscape(self) -> None:
        """A map (shown or computing) belongs to one slice: another slice drops it, and computes its own while on."""
        plane = self.state.network.plane if self.state.network is not None else None
        running = self.worker.latest
        if running is not None and running.plane is not plane:
            self.worker.cancel()
        if self.result is not None and self.result.request.plane is not plane:
            self._show(None)
        if self.enabled and plane is not None and self.result is None and self.worker.latest is None:
            self.recompute()

    def _on_ready(self, result: ConvexityResult) -> None:
        build = self.state.network
        if build is None or result.request.plane is not build.plane:
            return                                  # computed for a slice no longer shown
        self.progress = 1.0
        self.progressChanged.emit(1.0)
        self._show(result)

    def _on_progress(self, _id: int, fraction: float) -> None:
        self.progress = fraction
        self.progressChanged.emit(fraction)

    # ----- drawing ---------------------------------------------------------------------------------------------------
    def _show(self, result: ConvexityResult | None) -> None:
        self.result = result
        if result is not None:
            m = result.map
            dx = (m.alpha[-1] - m.alpha[0]) / (len(m.alpha) - 1)
            dy = (m.beta[-1] - m.beta[0]) / (len(m.beta) - 1)
            self._rect = QRectF(m.alpha[0] - dx / 2, m.beta[0] - dy / 2, dx * len(m.alpha), dy * len(m.beta))
        self._redraw()
        self.mapChanged.emit(result)

    def rgba(self) -> np.ndarray | None:
        """(n_β, n_α, 4) uint8 pixels of the shown map; cells without a finite ratio are transparent."""
        if self.result is None:
            return None
        ratio = self.result.map.ratio
        lo, hi = colour_levels(ratio)
        lut = pg.colormap.get(COLORMAP).getLookupTable(nPts=256, alpha=False)
        finite = np.isfinite(ratio)
        idx = np.clip(np.round((np.where(finite, ratio, 0.0) - lo) / (hi - lo) * 255), 0, 255).astype(int)
        out = np.zeros(ratio.shape + (4,), np.uint8)
        out[..., :3] = lut[idx]
        out[..., 3] = np.where(finite, round(255 * self.opacity), 0)
        return out

    def _redraw(self) -> None:
        visible = self.enabled and self.result is not None
        self.image.setVisible(visible)
        self.legend.setVisible(visible)
        if not visible:
            return
        self.image.setImage(self.rgba(), autoLevels=False, levels=(0, 255))
        self.image.setRect(self._rect)
        lo, hi = colour_levels(self.result.map.ratio)
        top = f"{hi:.2g}" + ("+" if hi >= RATIO_CAP else "")
        self.legend.setLabels({_tr("{v} non-convex").format(v=top): 1.0, _tr("0 convex"): 0.0})

    # ----- hover -----------------------------------------------------------------------------------------------------
    def cell_at(self, x: float, y: float) -> tuple[int, int] | None:
        """(row i (β), column j (α)) of the shown map's cell containing (x, y), or None outside it."""
        if self.result is None:
            return None
        m, r = self.result.map, self._rect
        j = math.floor((x - r.left()) / r.width() * len(m.alpha))
        i = math.floor((y - r.top()) / r.height() * len(m.beta))
        return (i, j) if 0 <= i < len(m.beta) and 0 <= j < len(m.alpha) else None

    def describe(self, i: int, j: int) -> str:
        m = self.result.map
        lo, hi = float(m.lam_min[i, j]), float(m.lam_max[i, j])
        text = _tr("Hessian at α = {a:.3g}, β = {b:.3g}: λmin = {lo:.4g}, λmax = {hi:.4g}, |λmin/λmax| = {r:.3g}").format(
            a=m.alpha[j], b=m.beta[i], lo=lo, hi=hi, r=float(m.ratio[i, j]))
        if lo >= 0:
            text += _tr(" (locally convex)")
        return text

    def _on_hover(self, info) -> None:
        cell = None if info is None or not self.enabled else self.cell_at(info.x, info.y)
        self.image.setToolTip(self.describe(*cell) if cell is not None else "")

    def shutdown(self) -> None:
        self.worker.cancel()
