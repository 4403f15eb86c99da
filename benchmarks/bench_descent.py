"""64 Adam runs × 10,000 steps on Rosenbrock: one vectorised call vs. the same runs one after another.

Target (issue 12): the batched call ≤ 300 ms and at least 20× faster than the sequential baseline (same process,
same run).

Each batched step is the optimizer's rule and the function's gradient written as formulas, a few dozen NumPy calls on
(64, 2)-sized arrays, so its cost is per call, not per element. The first
row times one such tiny call (``np.multiply`` on a (64, 2) array with ``out=``) in the same run, and the batched
step cost is also printed in those "ufunc-call equivalents", so a reader can scale the result to their machine.
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


def ufunc_call_us(calls: int = 20_000, repeats: int = 7) -> float:
    """Median cost of one tiny ufunc call, np.multiply on a (K, 2) array with out=, in µs."""
    a, out = np.ones((K, 2)), np.empty((K, 2))
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(calls):
            np.multiply(a, 1.5, out=out)
        times.append((time.perf_counter() - t0) / calls * 1e6)
    return statistics.median(times)


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
    call = ufunc_call_us()
    (fast, fast_cpu), (slow, slow_cpu) = median_ms(batched, 9), median_ms(sequential, 3)
    step_us = fast * 1e3 / STEPS
    print(f"baseline   one ufunc call, np.multiply on ({K}, 2), out=: median {call:6.2f} µs")
    print(f"batched    {K} Adam runs x {STEPS} steps: median {fast:8.1f} ms wall, {fast_cpu:8.1f} ms CPU"
          "   (target ≤ 300 ms)")
    print(f"           per step {step_us:.1f} µs = {step_us / call:.1f} ufunc-call equivalents"
          f"   (300 ms = {300e3 / STEPS / call:.1f} here)")
    print(f"sequential {K} runs one after another:     median {slow:8.1f} ms wall, {slow_cpu:8.1f} ms CPU")
    print(f"ratio sequential / batched: {slow / fast:.1f}x wall, {slow_cpu / fast_cpu:.1f}x CPU   (target >= 20x)")
