"""Where the lesson's calculus tools look: the point (the cursor, or a pinned point), the direction u and the step h.

Qt-free and evented like :class:`app.model.AppState`. The slices view, the directional-derivative probe and their
overlay on the map all listen to one :class:`CalculusFocus`; the window feeds it the cursor position.
"""
from __future__ import annotations

import math

from psygnal import Signal

H_RANGE = (1e-3, 2.0)  # the secant's step h, from visibly the tangent to a wide chord


class CalculusFocus:
    """point: (x, y) or None (no cursor, nothing pinned); pinned: the point stays where it was pinned;
    degrees: the probe's direction θ, counter-clockwise from +x, in [0, 360); h: the secant's step."""

    changed = Signal()  # point or pinned
    directionChanged = Signal()
    stepChanged = Signal()

    def __init__(self) -> None:
        self.point: tuple[float, float] | None = None
        self.pinned = False
        self.degrees = 30.0
        self.h = 1.0

    def hover(self, x: float | None, y: float | None = None) -> None:
        """The cursor is at (x, y); ignored while a point is pinned. None (the cursor left the map) keeps the last
        point, so that the user can reach the pin button with the tools still showing where the cursor was."""
        if self.pinned or x is None or y is None:
            return
        point = (float(x), float(y))
        if point != self.point:
            self.point = point
            self.changed.emit()

    def pin(self, x: float, y: float) -> None:
        if not (math.isfinite(x) and math.isfinite(y)):
            raise ValueError("the pinned point must be finite")
        self.point, self.pinned = (float(x), float(y)), True
        self.changed.emit()

    def unpin(self) -> None:
        if self.pinned:
            self.pinned = False
            self.changed.emit()

    def set_degrees(self, degrees: float) -> None:
        degrees = float(degrees) % 360.0
        if degrees != self.degrees:
            self.degrees = degrees
            self.directionChanged.emit()

    def set_h(self, h: float) -> None:
        lo, hi = H_RANGE
        h = min(max(float(h), lo), hi)
        if h != self.h:
            self.h = h
            self.stepChanged.emit()
