"""A 100 × 100 (η, μ) momentum map of 1,000-step runs on Rosenbrock from one start: target ≤ 2 s.

Baseline, same run: the same cells one by one through ``engine.descent.descend`` (the only way with the optimizers'
scalar η and μ), timed on a random sample of 100 cells and scaled to the 10,000 cells. Wall and CPU medians of 5.
The map is also run with tol = 0 (no run converges: every non-diverging run does all 1,000 steps), the worst case.
"""
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from engine import functions  # noqa: E402
from engine.descent import descend  # noqa: E402
from engine.hypermaps import axis, hyper_map  # noqa: E402

N, STEPS, START = 100, 1000, (-1.5, 2.0)
f = functions.get("rosenbrock")
LRS, MUS = axis(1e-5, 1e-2, N, log=True), axis(0.0, 0.99, N, log=False)


def timed(fn, repeats=5):
    wall, cpu = [], []
    for _ in range(repeats):
        w0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append(time.perf_counter() - w0)
        cpu.append(time.process_time() - c0)
    return statistics.median(wall), statistics.median(cpu)


def main():
    rng = np.random.default_rng(0)
    sample = [(int(i), int(j)) for i, j in rng.integers(N, size=(100, 2))]

    def one_by_one():
        for i, j in sample:
            descend(f, START, "momentum", float(LRS[j]), STEPS, momentum=float(MUS[i]))

    result = hyper_map(f, START, "momentum", LRS, MUS, steps=STEPS)
    counts = np.bincount(result.status.ravel(), minlength=3)
    w, c = timed(lambda: hyper_map(f, START, "momentum", LRS, MUS, steps=STEPS))
    wt, ct = timed(lambda: hyper_map(f, START, "momentum", LRS, MUS, steps=STEPS, tol=0.0))
    wb, cb = timed(one_by_one, repeats=3)
    scale = N * N / len(sample)
    print(f"cells: {N}×{N}, {STEPS} steps; converged {counts[0]}, diverged {counts[1]}, not converged {counts[2]}")
    print(f"map (one vectorised loop)       median wall {w * 1e3:8.1f} ms   cpu {c * 1e3:8.1f} ms")
    print(f"map, tol = 0 (all steps)        median wall {wt * 1e3:8.1f} ms   cpu {ct * 1e3:8.1f} ms")
    print(f"one by one via descend (x{scale:.0f})   median wall {wb * scale * 1e3:8.1f} ms   cpu {cb * scale * 1e3:8.1f} ms"
          f"   ({wb / len(sample) * 1e3:.2f} ms a cell)")
    print(f"speed-up {wb * scale / w:.0f}×; target ≤ 2000 ms: {'met' if max(w, wt) <= 2.0 else 'NOT met'}")


if __name__ == "__main__":
    main()
