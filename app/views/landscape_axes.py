"""The landscape map's axes: equal scales (one unit as long on x as on y) when the display asks for them, and the
coordinate names (x, y, f(x, y); α, β, L(α, β) for a network slice) on the axes and the colour bar."""
from __future__ import annotations

import math

from app.engine_texts import axis_label
from app.model.axes import axis_names


def axis_titles(state) -> tuple[str, str]:
    """The map's axis titles: x and y, or α and β with what the slice's directions are (e.g. "α: PC1 (83.1% var.)",
    "β: d2 (filter-normalised)") once the network's slice is built."""
    names = axis_names(state.landscape)
    build = getattr(state, "network", None)
    if build is None or names.x == "x":
        return names.x, names.y
    a, b = build.plane.axis_labels
    return f"{names.x}: {axis_label(a)}", f"{names.y}: {axis_label(b)}"


def apply_axes(view) -> bool:
    """Lock or free the aspect of ``view``'s plot from the state's display and name its axes; True when the aspect
    lock changed (the view rectangle must then be fitted again)."""
    state, vb = view.state, view.plot.vb
    names = axis_names(state.landscape)
    x, y = axis_titles(state)
    view.plot.setLabel("bottom", x)
    view.plot.setLabel("left", y)
    view.colorbar.getAxis("left").setLabel(names.value_label)  # where pyqtgraph puts a vertical bar's label
    lock = bool(state.display.equal_axes)
    if bool(vb.state["aspectLocked"]) == lock:
        return False
    vb.setAspectLocked(lock, 1.0)
    return True


def shown_view(view):
    """The rectangle the plot shows: the state's view, widened on one axis when the axes are equal (the surface is
    sampled over all of it, so the colour map fills the plot)."""
    state = view.state
    if not state.display.equal_axes:
        return state.view
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    if not all(math.isfinite(v) for v in (x0, x1, y0, y1)) or x1 <= x0 or y1 <= y0:
        return state.view
    return (float(x0), float(x1)), (float(y0), float(y1))


def sampled_or_shown(sampled, shown, keep: float = 0.9):
    """``sampled`` when it still covers ``shown`` and ``shown`` spans at least ``keep`` of it on both axes (the plot
    settling a few pixels after it is shown, a window made a little smaller: the surface on screen still fills it, at
    nearly its resolution); otherwise ``shown``, to be sampled anew."""
    for (a0, a1), (b0, b1) in zip(sampled, shown):
        if b0 < a0 or b1 > a1 or (b1 - b0) < keep * (a1 - a0):
            return shown
    return sampled
