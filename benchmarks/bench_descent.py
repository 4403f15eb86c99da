"""64 Adam runs × 10,000 steps on Rosenbrock: one vectorised call vs. the same runs one after another.

Target: the batched call under 200 ms and at least 20× faster than the sequential baseline (same process, same run).
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine import functions  # noqa: E402
from engine.descent import descend  # noqa: E402

K, STEPS, LR = 64, 10_000, 0.01
f = functions.get("rosenbrock")
starts = np.random.default_rng(0).uniform([-2.0, -1.0], [2.0, 3.0], (K, 2))


def batched() -> None:
    descend(f, starts, optimizer="adam", lr=LR, steps=STEPS, tol=0.0)  # tol 0: every run does all steps


def sequential() -> None:
    for start in starts:
        descend(f, start, optimizer="adam", lr=LR, steps=STEPS, tol=0.0)


def median_ms(fn, repeats: int) -> tuple[float, float]:
    """Median wall time and median CPU time of this process, in ms (CPU time is less disturbed by a busy machine)."""
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - w0) * 1e3)
        cpu.append((time.process_time() - c0) * 1e3)
    return statistics.median(wall), statistics.median(cpu)


if __name__ == "__main__":
    batched()  # warm-up
    (fast, fast_cpu), (slow, slow_cpu) = median_ms(batched, 9), median_ms(sequential, 3)
    print(f"batched    {K} Adam runs x {STEPS} steps: median {fast:8.1f} ms wall, {fast_cpu:8.1f} ms CPU"
          "   (target < 200 ms)")
    print(f"sequential {K} runs one after another:     median {slow:8.1f} ms wall, {slow_cpu:8.1f} ms CPU")
    print(f"ratio sequential / batched: {slow / fast:.1f}x wall, {slow_cpu / fast_cpu:.1f}x CPU   (target >= 20x)")
