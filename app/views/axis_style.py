"""Axes that stay cheap to repaint when their range changes often (the loss curves, the slices under the cursor).

- :class:`DecadeAxis`: on a log scale, the minor ticks (2, 3, …, 9 × 10ᵏ) only where they can be told apart.
  pyqtgraph draws nine per decade, each with its grid line, whenever its major levels are few: over the twelve decades
  a loss curve commonly spans that is ~110 grid lines on a plot 250 px tall — a grey wash, crowded labels in small
  exports, and most of the cost of repainting the curves' axes.
- :func:`steady_width`: a value axis that keeps room for a typical label and only ever widens. A width that follows
  each new range moves the plot area after the first paint (a layout pass of the window, and everything painted a
  second time) — on every mouse move for a plot that follows the cursor.
- :func:`settle_range`: after new data or a new range, the plot's auto-range and transform are brought up to date at
  once. pyqtgraph leaves both to the next paint, where the new transform moves every item's bounds in the middle of
  the paint: Qt then paints the window again (measured: the loss plots were painted two to three times per compare
  click, 4–15 ms each).
"""
from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtGui import QFontMetricsF

MINOR_TICKS_UP_TO = 3.0  # decades shown: above this, the decades alone are ticked


class DecadeAxis(pg.AxisItem):
    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if maxVal - minVal <= MINOR_TICKS_UP_TO:
            return ticks
        majors = [(spacing, values) for spacing, values in ticks if spacing is not None]
        return majors or ticks


def steady_width(axis: pg.AxisItem, widest: str = "−0.0001") -> None:
    """``axis`` (a left or right one) keeps the width of ``widest`` and grows only for wider labels."""
    axis.textWidth = max(axis.textWidth, QFontMetricsF(axis.font()).horizontalAdvance(widest))
    axis.setStyle(autoReduceTextSpace=False)  # also applies the text width to the axis's size


def settle_range(plot: pg.PlotWidget | pg.PlotItem) -> None:
    """Bring ``plot``'s auto-range and view transform up to date now, not in its next paint."""
    vb = plot.getViewBox()
    vb.prepareForPaint()  # what pyqtgraph's paint does first: the range, then the transform
    # pyqtgraph 0.14 means to exempt the view's child group from reporting its own transform changes, but the
    # exemption's attribute name is misspelt (``__inform_view_on_change`` against ``__inform_view_on_changes``): the new
    # transform queues one more auto-range. Computed here it finds the same range, and the paint has nothing to redo.
    vb.prepareForPaint()
