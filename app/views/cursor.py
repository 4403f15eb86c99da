"""The arrow at the cursor: −∇f (or +∇f when the field shows ascent arrows) at the hovered point, a fixed length in
pixels (its direction is what it shows)."""
from __future__ import annotations

import math

import pyqtgraph as pg

from app.views.arrows import HoverInfo, arrow_pairs

CURSOR_ARROW_PX = 34.0


class CursorArrow(pg.PlotCurveItem):
    """Hidden while there is no hover readout (an empty curve is still painted with every frame)."""

    def __init__(self) -> None:
        super().__init__(pen=pg.mkPen("#ff4d4d", width=2.2), connect="pairs", antialias=True)
        self.setVisible(False)

    def show_at(self, info: HoverInfo | None, px: float | None, py: float | None, ascent: bool = False) -> None:
        """Point along −∇f (``ascent``: +∇f) at ``info`` (data units per pixel ``px``, ``py``); hide for None or a
        zero gradient."""
        if info is None or px is None or not (info.norm > 0 and math.isfinite(info.norm)):
            self.setData([], [])
            self.setVisible(False)
            return
        sign = 1.0 if ascent else -1.0
        sx, sy = sign * info.gx / px, sign * info.gy / py
        slen = math.hypot(sx, sy)
        xs, ys = arrow_pairs(info.x, info.y, sx / slen, sy / slen, CURSOR_ARROW_PX, px, py, head_px=9)
        self.setData(xs, ys)
        self.setVisible(True)
