"""Training a network slice's centre (engine.nn.train inside build_landscape), a path the user waits for after Build:
a 2-8-8-1 tanh net on 200 XOR points.

Same-run baseline: the 200 full-batch Adam steps every scene had before the Training settings. Measured: the new
default (1000 full-batch steps), 1000 mini-batch steps of 32 points (each also records the loss on all points), and
1000 full-batch steps with L2. Medians over interleaved repetitions, so all see the same machine load. The build runs
on the compute service, with its progress in the Network panel.
Run: .venv/bin/python benchmarks/bench_centre_training.py
"""
from __future__ import annotations

import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from engine.nn import MLP, accuracy, fast, make_dataset, train  # noqa: E402

CASES = {
    "200 full-batch Adam steps (baseline)": dict(steps=200),
    "1000 full-batch Adam steps (new default)": dict(steps=1000),
    "1000 Adam steps, mini-batches of 32": dict(steps=1000, batch_size=32),
    "1000 full-batch Adam steps, L2 λ = 1e-3": dict(steps=1000, l2=1e-3),
}


def main() -> None:
    fast.load()
    data = make_dataset("xor", n=200, noise=0.1, seed=0)
    model = MLP([2, 8, 8, 1], activation="tanh", loss="bce")
    p0 = model.init_params()
    times = {name: [] for name in CASES}
    scores = {}
    for _ in range(7):
        for name, how in CASES.items():
            t0 = time.perf_counter()
            path, _ = train(model, p0, data.X, data.y, optimizer="adam", lr=0.01, **how)
            times[name].append(time.perf_counter() - t0)
            scores[name] = accuracy(model, model.unflatten(path[-1]), data.X, data.y)
    print(f"fast path: {'on' if fast.available() else 'off (reference NumPy)'}")
    for name in CASES:
        print(f"{name:45s} median {1e3 * statistics.median(times[name]):8.1f} ms   accuracy {scores[name]:.1%}")


if __name__ == "__main__":
    main()
