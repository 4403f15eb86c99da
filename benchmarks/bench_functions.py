"""Benchmark: value + gradient of every catalogue function on a 1024×1024 grid over its default view, given as
broadcasting axes (x a row, y a column) exactly as ``engine.surface.sample`` passes them; outputs are full (1024, 1024).

Targets: Rosenbrock ≤ 20 ms (issue 12), every function under 60 ms (the written-as-published formulas, no grid tricks). Baseline measured in the same run: one
``np.sin(X)`` on the same grid, so readers on other machines can scale the figures.

Run from the repository root: ``.venv/bin/python benchmarks/bench_functions.py``
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from engine import functions  # noqa: E402

N = 1024
REPEATS = 15
TARGET_MS = {"rosenbrock": 20.0}
DEFAULT_TARGET_MS = 60.0


def grid(view) -> tuple[np.ndarray, np.ndarray]:
    (xmin, xmax), (ymin, ymax) = view
    return np.meshgrid(np.linspace(xmin, xmax, N), np.linspace(ymin, ymax, N), sparse=True)


def timings_ms(work, repeats: int = REPEATS) -> tuple[float, float]:
    """(median, best) wall time of ``work()`` in ms; the best shows the cost on an unloaded machine."""
    work()  # warm-up
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return 1e3 * statistics.median(times), 1e3 * min(times)


def main() -> int:
    X, _ = np.meshgrid(np.linspace(-5.0, 5.0, N), np.linspace(-5.0, 5.0, N))
    baseline, baseline_best = timings_ms(lambda: np.sin(X))
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"grid {N}x{N}, {REPEATS} runs each, load average {load:.2f}; "
          f"baseline np.sin(X): median {baseline:.2f} ms, best {baseline_best:.2f} ms")
    print(f"{'function':18s} {'median ms':>9s} {'best ms':>8s} {'x baseline':>10s} {'target ms':>9s}  result (median)")
    misses = 0
    for name in functions.names():
        fn = functions.get(name)
        X, Y = grid(fn.view)
        ms, best = timings_ms(lambda: (fn.value(X, Y), fn.gradient(X, Y)))
        target = TARGET_MS.get(name, DEFAULT_TARGET_MS)
        ok = ms <= target
        misses += not ok
        print(f"{name:18s} {ms:9.2f} {best:8.2f} {ms / baseline:10.2f} {target:9.0f}  {'PASS' if ok else 'MISS'}")
    print(f"{misses} miss(es)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
