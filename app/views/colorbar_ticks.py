"""Ticks of the colour bar on a log scale: the bar shows log10(f + offset) (offset = ε − f_min, see
``app.surface_worker.colour_values``), and a tick sits at each whole decade of f − f_min, labelled with the value of f
there rounded to the decade's first digit (0.01, 0.1, 1, 10 over a minimum at 0; −1.02, −0.93, 0 over one at −1.03),
placed where that rounded value really is."""
from __future__ import annotations

import math


MIN_GAP = 0.5  # decades between two labelled ticks
MAX_SHIFT = 0.15  # decades a tick may move when f is rounded to one digit


def log_ticks(levels: tuple[float, float], offset: float, f_min: float) -> list[tuple[float, str]]:
    """(bar position, label) for the decades of f − f_min inside the bar's ``levels`` (lo, hi), from the top down."""
    lo, hi = levels
    eps = f_min + offset  # the bar's floor: f − f_min + ε is what it shows in decades
    ticks: list[tuple[float, str]] = []
    for k in range(math.ceil(hi), math.floor(lo) - 2, -1):
        quantum = 10.0 ** (k - 1)  # f rounded to the decade's first digit
        value = round((f_min + 10.0 ** k) / quantum) * quantum
        if value + offset <= 0:
            continue
        pos = math.log10(value + offset)
        if 10.0 ** k < eps:  # squeezed against the bar's floor, no longer a decade apart from the next
            break
        if not lo - 1e-9 <= pos <= hi + 1e-9 or abs(pos - math.log10(10.0 ** k + eps)) > MAX_SHIFT:
            continue
        if ticks and ticks[-1][0] - pos < MIN_GAP:
            continue
        ticks.append((pos, _fmt(value, quantum)))
    return ticks[::-1]


def _fmt(value: float, quantum: float) -> str:
    """``value`` (a multiple of ``quantum``) without the float's noise: 0.03, −1.02, 1e4 for 10000."""
    if abs(value) < quantum / 2:
        return "0"
    if abs(value) >= 1e4 or abs(value) < 1e-3:
        mantissa, exponent = f"{value:.2e}".split("e")
        text = f"{float(mantissa):g}e{int(exponent)}"
    else:
        digits = max(0, -math.floor(math.log10(quantum) + 1e-9))
        text = f"{value:.{digits}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    return text.replace("-", "−")
