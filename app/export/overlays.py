"""What a self-explaining frame says besides the picture (no Qt): the landscape's title, a legend (colour →
optimizer, η, start), the iteration counter t and, on request, one run's update rule.

:class:`Overlays` is the choice (the export dialog's check boxes, the command line's ``--no-legend`` …);
:func:`overlay_content` turns a window state into the texts; :mod:`.overlay_paint` draws them on a frame and
:mod:`.svg` writes them as SVG text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from app.export.timeline import translate

MAX_LEGEND_RUNS = 8  # more runs are summed up in one line


def _tr(text: str) -> str:
    return translate("Export", text)


@dataclass(frozen=True)
class Overlays:
    """Which overlays a frame carries. ``rule_run``: index (in the scene's runs) of the run whose rule is shown."""

    legend: bool = True
    title: bool = True
    counter: bool = True
    update_rule: bool = False
    rule_run: int = 0


NO_OVERLAYS = Overlays(legend=False, title=False, counter=False, update_rule=False)


@dataclass(frozen=True)
class OverlayContent:
    title: str = ""
    legend: tuple[tuple[str, str], ...] = ()  # (colour "#rrggbb", text)
    rule: tuple[str, ...] = ()  # heading, then the rule's lines
    counter: bool = False

    @property
    def empty(self) -> bool:
        return not (self.title or self.legend or self.rule or self.counter)


def overlay_content(state, overlays: Overlays) -> OverlayContent:
    """The texts of ``overlays`` for a window state (read through ``function``, ``landscape``, ``runs``)."""
    from engine.optimizers import get_class

    runs = list(state.runs)
    legend: list[tuple[str, str]] = []
    if overlays.legend:
        for run in runs[:MAX_LEGEND_RUNS]:
            s = run.settings
            legend.append((run.color, _tr("{optimizer}  η = {lr}  start ({x}, {y})").format(
                optimizer=translate("engine", get_class(s.name).title), lr=f"{s.lr:g}",
                x=f"{run.start[0]:.3g}", y=f"{run.start[1]:.3g}")))
        if len(runs) > MAX_LEGEND_RUNS:
            legend.append(("", _tr("… and {n} more runs").format(n=len(runs) - MAX_LEGEND_RUNS)))
    rule: tuple[str, ...] = ()
    if overlays.update_rule and runs:
        run = runs[min(max(overlays.rule_run, 0), len(runs) - 1)]
        cls = get_class(run.settings.name)
        rule = (_tr("Update rule of {optimizer}:").format(optimizer=translate("engine", cls.title)),
                *plain_formula(cls.formula).split("\n"))
    return OverlayContent(title_of(state) if overlays.title else "", tuple(legend), rule,
                          overlays.counter and bool(runs))


def title_of(state) -> str:
    """The landscape's name with its formula ("Sphere   f(x, y) = x² + y²"), a typed formula, or a network slice's
    title."""
    fn = state.function
    kind = getattr(state.landscape, "kind", "function")
    if kind == "function" and fn.formula:
        return f"{translate('engine', fn.title)}   f(x, y) = {fn.formula}"
    return translate("engine", fn.title)


def counter_text(t: int) -> str:
    return f"t = {int(t)}"


_SUB = str.maketrans("0123456789+-−=()aehijklmnoprstuvx", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ")
_SUP = str.maketrans("0123456789+-−=()int", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁱⁿᵗ")
_SUB_CHARS, _SUP_CHARS = set("0123456789+-−=()aehijklmnoprstuvx"), set("0123456789+-−=()int")


def _script(text: str, table, chars: set, mark: str) -> str:
    body = text.replace(" ", "")
    return body.translate(table) if set(body) <= chars else f"{mark}({text})"


def plain_formula(text: str) -> str:
    """An engine formula ("x_{t+1} = x_t − η·v_{t+1}", "β₁^{t+1}") in plain Unicode with sub- and superscript
    characters ("xₜ₊₁ = xₜ − η·vₜ₊₁", "β₁ᵗ⁺¹"), for painters that draw one line of text at a time."""
    out = re.sub(r"_\{([^}]*)\}", lambda m: _script(m.group(1), _SUB, _SUB_CHARS, "_"), text)
    out = re.sub(r"\^\{([^}]*)\}", lambda m: _script(m.group(1), _SUP, _SUP_CHARS, "^"), out)
    return re.sub(r"_([A-Za-z0-9])(?![A-Za-z])", lambda m: _script(m.group(1), _SUB, _SUB_CHARS, "_"), out)
