"""A 200×200 basin map for GD on Himmelblau (lr 0.01, 500 steps) vs. the same starts run one by one via descend.

Targets: the map ≤ 3 s (issue 12); at least 20× faster than the one-by-one baseline (a random sample of 200 of the 40,000
starts is run one by one and the time scaled by 200 — measured in the same process); peak extra memory (tracemalloc)
under 300 MB. Also printed, without target: the worst case where no run stops early (tol = 0, all 500 steps).
"""
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine import functions  # noqa: E402
from engine.basins import basin_map, grid_axis  # noqa: E402
from engine.descent import descend  # noqa: E402

RES, STEPS, LR, SAMPLE = 200, 500, 0.01, 200
f = functions.get("himmelblau")
(X_RANGE, Y_RANGE) = f.view


def the_map(tol: float = 1e-6) -> None:
    basin_map(f, X_RANGE, Y_RANGE, RES, optimizer="gd", lr=LR, steps=STEPS, tol=tol)


def sample_starts() -> np.ndarray:
    gx, gy = np.meshgrid(grid_axis(*X_RANGE, RES), grid_axis(*Y_RANGE, RES))
    starts = np.stack([gx.ravel(), gy.ravel()], axis=1)
    return starts[np.random.default_rng(0).choice(len(starts), SAMPLE, replace=False)]


def one_by_one(starts: np.ndarray) -> None:
    for start in starts:
        descend(f, start, optimizer="gd", lr=LR, steps=STEPS)


def median_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def peak_mb(fn) -> float:
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 2 ** 20


if __name__ == "__main__":
    the_map()  # warm-up
    fast = median_s(the_map, 3)
    starts = sample_starts()
    sample = median_s(lambda: one_by_one(starts), 3)
    slow = sample * (RES * RES / SAMPLE)
    worst = median_s(lambda: the_map(tol=0.0), 3)
    peak = peak_mb(the_map)
    peak_worst = peak_mb(lambda: the_map(tol=0.0))
    print(f"basin map {RES}x{RES} GD lr {LR} x {STEPS} steps on Himmelblau: median {fast:7.3f} s   (target ≤ 3 s)")
    print(f"one by one: {SAMPLE} random starts of the grid through descend: median {sample:7.3f} s, "
          f"scaled x{RES * RES // SAMPLE} to {RES * RES} starts: {slow:7.1f} s")
    print(f"ratio one-by-one (scaled) / map: {slow / fast:.1f}x   (target >= 20x)")
    print(f"peak traced memory of one map: {peak:.1f} MB   (target < 300 MB)")
    print(f"worst case, tol 0 (no run stops early): median {worst:7.3f} s, peak {peak_worst:.1f} MB")
