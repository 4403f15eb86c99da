"""The names of a landscape's two coordinates and its value: x, y and f(x, y) for a function or a formula; α, β and
L(α, β) for a network's loss slice (θ = θ0 + α·d1 + β·d2). The map, the colour bar, the 3D view, the exports and the
data columns all read them here."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class AxisNames:
    x: str
    y: str
    value: str
    columns: tuple[str, ...]  # the data export's columns (ASCII: spreadsheets and pandas read them as they are)

    @property
    def value_label(self) -> str:
        """"f(x, y)" or "L(α, β)"."""
        return f"{self.value}({self.x}, {self.y})"


FUNCTION_AXES = AxisNames("x", "y", "f", ("run", "step", "x", "y", "f", "dfdx", "dfdy"))
SLICE_AXES = AxisNames("α", "β", "L", ("run", "step", "alpha", "beta", "L", "dLdalpha", "dLdbeta"))


def axis_names(landscape) -> AxisNames:
    """The names for ``landscape``: a scene landscape, its JSON object (``{"kind": ...}``) or None (a function)."""
    kind = landscape.get("kind") if isinstance(landscape, dict) else getattr(landscape, "kind", None)
    return SLICE_AXES if kind == "network" else FUNCTION_AXES
