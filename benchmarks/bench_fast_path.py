"""The figures behind numba's place (an optional extra): what the fast path (engine.nn.fast) costs and buys.

Prints: numba's first compile (a fresh cache directory) and a later load (warm cache), each in a new process; then
medians of the three hot computations, fast path vs the reference, on the 2-16-16-1 tanh net with 512 points:
the 101² plane loss grid, the in-plane gradient at 400 points (a 20² gradient field) and one training gradient.
Run: .venv/bin/python benchmarks/bench_fast_path.py
"""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np

ROOT = os.path.join(os.path.dirname(__file__), "..")
sys.path.insert(0, ROOT)

from engine.nn import MLP, fast, make_dataset, slice_plane  # noqa: E402

LOAD = "import time; t = time.perf_counter(); from engine.nn import fast; fast.load(); print(time.perf_counter() - t)"


def load_seconds(cache_dir: str) -> float:
    env = dict(os.environ, NUMBA_CACHE_DIR=cache_dir, PYTHONPATH=ROOT)
    out = subprocess.run([sys.executable, "-c", LOAD], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def median_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        first, warm = load_seconds(cache), load_seconds(cache)
    print(f"load average {os.getloadavg()[0]:.2f}; numba first compile {first:.1f} s, later loads {warm:.2f} s "
          f"(once per process, in a worker, only when a network is built)")
    # An app process has made large arrays before it builds a network; glibc then serves the reference's MB-sized
    # temporaries from its heap instead of fresh pages. Do the same here, or the reference pays page faults.
    A = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
    for _ in range(5):
        A @ A
    data = make_dataset("moons", n=512, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="mse")
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    X, t = model.check_inputs(data.X), model.targets(data.y, 512)
    theta = model.flatten(model.init_params())
    a, b = (v.ravel() for v in np.meshgrid(np.linspace(-1, 1, 20), np.linspace(-1, 1, 20)))
    work = {"plane loss grid 101²": (lambda: plane.loss_grid(resolution=101), 5),
            "in-plane gradient, 400 points": (lambda: plane.gradients(a, b), 5),
            "training gradient, 1 point": (lambda: model.loss_and_flat_gradient(theta, X, t), 301)}
    fast.load()
    print(f"{'computation':32s} {'fast path':>11s} {'reference':>11s} {'ratio':>7s}")
    for name, (fn, repeats) in work.items():
        fn()
        t_fast = median_s(fn, repeats)
        with fast.disabled():
            fn()
            t_ref = median_s(fn, max(3, repeats // 3))
        unit, scale = ("ms", 1e3) if t_ref > 1e-3 else ("µs", 1e6)
        print(f"{name:32s} {t_fast * scale:8.1f} {unit} {t_ref * scale:8.1f} {unit} {t_ref / t_fast:6.1f}×")


if __name__ == "__main__":
    main()
