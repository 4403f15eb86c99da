"""Rosenbrock at 400×400: sample (values + gradient field) and contour lines (20 log levels), medians in ms.

Baseline in the same run: NumPy's meshgrid evaluation of the value alone, for scale.
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine import functions  # noqa: E402
from engine.surface import contour_levels, contour_lines, gradient_field, sample  # noqa: E402

f = functions.get("rosenbrock")
N = 400


def median_ms(fn, repeats: int = 15) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1e3)
    return statistics.median(times)


if __name__ == "__main__":
    X, Y = np.meshgrid(np.linspace(-2, 2, N), np.linspace(-1, 3, N))
    base = median_ms(lambda: f.value(X, Y))
    surf = sample(f, None, N)
    levels = contour_levels(surf.values, 20, "log")
    t_sample = median_ms(lambda: sample(f, None, N))
    t_levels = median_ms(lambda: contour_levels(surf.values, 20, "log"))
    t_lines = median_ms(lambda: contour_lines(surf, levels))
    t_field = median_ms(lambda: gradient_field(f, None, 25))
    print(f"baseline f.value on meshgrid {N}x{N}: median {base:7.2f} ms")
    print(f"sample {N}x{N} (values, gradient, |grad|, mask): median {t_sample:7.2f} ms  ({t_sample / base:.1f}x baseline)")
    print(f"contour_levels 20 log:                median {t_levels:7.2f} ms")
    print(f"contour_lines 20 levels:              median {t_lines:7.2f} ms  ({t_lines / base:.1f}x baseline)")
    print(f"sample + levels + lines:              {t_sample + t_levels + t_lines:7.2f} ms")
    print(f"gradient_field 25x25:                 median {t_field:7.2f} ms")
