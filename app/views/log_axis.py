"""An axis whose log scale draws the minor ticks (2, 3, …, 9 × 10ᵏ) only where they can be told apart.

pyqtgraph draws nine minor ticks per decade, each with its grid line, whenever its major levels are few: over the
twelve decades a loss curve commonly spans that is ~110 grid lines on a plot 250 px tall — a grey wash, crowded
labels in small exports, and most of the cost of repainting the curves' axes.
"""
from __future__ import annotations

import pyqtgraph as pg

MINOR_TICKS_UP_TO = 3.0  # decades shown: above this, the decades alone are ticked


class DecadeAxis(pg.AxisItem):
    def logTickValues(self, minVal, maxVal, size, stdTicks):  # noqa: N802, N803 (pyqtgraph's names)
        ticks = super().logTickValues(minVal, maxVal, size, stdTicks)
        if maxVal - minVal <= MINOR_TICKS_UP_TO:
            return ticks
        majors = [(spacing, values) for spacing, values in ticks if spacing is not None]
        return majors or ticks
