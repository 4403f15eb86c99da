"""Speed of user formulas: parse time, and value + gradient on a 1000² grid against hand-written NumPy.

Run: .venv/bin/python benchmarks/bench_formula.py     (prints medians; the baseline runs in the same process)
"""
from __future__ import annotations

import statistics
import time

import numpy as np

from engine import formula

TEXT = "sin(x)*cos(y) + 0.1*(x^2+y^2)"


def median_seconds(action, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def hand_written(x: np.ndarray, y: np.ndarray):
    sx, cx, sy, cy = np.sin(x), np.cos(x), np.sin(y), np.cos(y)
    return sx * cy + 0.1 * (x * x + y * y), (cx * cy + 0.2 * x, -sx * sy + 0.2 * y)


def main() -> None:
    parse_time = median_seconds(lambda: (formula._analyse.cache_clear(), formula.parse(TEXT)), 20)
    refuse_time = median_seconds(lambda: _refuse("((9**32)**32)**32"), 200)
    print(f"parse {TEXT!r} (uncached): median {parse_time * 1e3:.1f} ms")
    print(f"refuse '((9**32)**32)**32': median {refuse_time * 1e6:.0f} µs")

    fn = formula.parse(TEXT)
    xx, yy = np.meshgrid(np.linspace(-5, 5, 1000), np.linspace(-5, 5, 1000))
    ours = median_seconds(lambda: (fn.value(xx, yy), fn.gradient(xx, yy)), 15)
    base = median_seconds(lambda: hand_written(xx, yy), 15)
    value, (gx, gy) = fn.value(xx, yy), fn.gradient(xx, yy)
    ref_value, (ref_gx, ref_gy) = hand_written(xx, yy)
    error = max(np.max(np.abs(value - ref_value)), np.max(np.abs(gx - ref_gx)), np.max(np.abs(gy - ref_gy)))
    print(f"value+gradient on 1000x1000: formula {ours * 1e3:.1f} ms, hand-written NumPy {base * 1e3:.1f} ms, "
          f"ratio {ours / base:.2f} (max abs difference {error:.1e})")


def _refuse(text: str) -> None:
    try:
        formula.parse(text)
    except formula.FormulaError:
        return
    raise AssertionError(f"{text!r} was accepted")


if __name__ == "__main__":
    main()
