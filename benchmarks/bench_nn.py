"""A 101² random-plane slice of a 2-16-16-1 tanh MLP on 512 points (what the network tab draws).

Targets (issue 12): the fast path ≤ 150 ms, within 2× of this machine's floor (the slice's tanh count at the
measured tanh throughput plus its FLOPs at the measured GEMM peak, both on 2 threads; both printed), and ≥ 10× a
per-point loop written as one writes it in PyTorch (θ → layers → forward → loss, one point at a time). Also printed:
the reference path (no numba, or DESCENT_LAB_NO_JIT=1: NumPy in float32, batched over points, 2 threads).
Run: .venv/bin/python benchmarks/bench_nn.py
"""
from __future__ import annotations

import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from engine.nn import MLP, fast, make_dataset, slice_plane  # noqa: E402

RES, N, THREADS = 101, 512, 2


def median_s(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def machine_floor(n_tanh: float, flops: float) -> tuple[float, float, float]:
    """(tanh/s on THREADS threads, float32 GEMM FLOP/s, floor seconds for the slice)."""
    A = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
    gemm = 2 * 1024 ** 3 / median_s(lambda: A @ A, 9)
    x = (np.random.default_rng(1).standard_normal(1 << 21) * 2).astype(np.float32)
    parts, outs = np.array_split(x, THREADS), [np.empty(len(p), np.float32) for p in np.array_split(x, THREADS)]
    with ThreadPoolExecutor(THREADS) as pool:
        t = median_s(lambda: list(pool.map(lambda i: np.tanh(parts[i], out=outs[i]), range(THREADS))), 15)
    tanh_rate = x.size / t
    return tanh_rate, gemm, n_tanh / tanh_rate + flops / gemm


def torch_style_loss(model, theta, X, y) -> float:
    """One point the way a PyTorch user writes it: unpack θ into layers, forward with x @ Wᵀ + b, MSE."""
    h = X
    layers = model.layers(theta)
    for l, (W, b) in enumerate(layers, start=1):
        z = h @ W.T + b
        h = np.tanh(z) if l < len(layers) else z
    return float(np.mean((h[:, 0] - y) ** 2))


def main() -> None:
    print(f"load average: {os.getloadavg()[0]:.2f}, cores: {os.cpu_count()}")
    data = make_dataset("moons", n=N, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="mse")
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    sizes, P = model.layer_sizes, RES * RES
    flops = P * 2 * N * sum(sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1))
    n_tanh = P * N * sum(sizes[1:-1])
    t0 = time.perf_counter()
    on = fast.available()
    print(f"fast path: {'on' if on else 'off'}, load {time.perf_counter() - t0:.2f} s")
    tanh_rate, gemm, floor = machine_floor(n_tanh, flops)
    print(f"slice {RES}² on {N} points: {n_tanh / 1e6:.0f} M tanh, {flops / 1e9:.2f} GFLOP")
    print(f"machine ({THREADS} threads): np.tanh float32 {tanh_rate / 1e9:.2f} G/s, float32 GEMM peak "
          f"{gemm / 1e9:.0f} GFLOP/s -> floor {floor * 1e3:.0f} ms "
          f"(tanh {n_tanh / tanh_rate * 1e3:.0f} ms + GEMM {flops / gemm * 1e3:.0f} ms)")

    plane.loss_grid(resolution=RES)                                       # warm-up
    t_fast = median_s(lambda: plane.loss_grid(resolution=RES), 9)
    with fast.disabled():
        t_ref = median_s(lambda: plane.loss_grid(resolution=RES), 3)
    pts = np.random.default_rng(0).uniform(-1, 1, (200, 2))
    t_loop = median_s(lambda: [torch_style_loss(model, plane.vectors_at(a, b)[0], data.X, data.y)
                               for a, b in pts], 3) / len(pts) * P
    err = np.max(np.abs(plane.loss_grid(resolution=RES) / plane.loss_grid(resolution=RES, dtype=np.float64) - 1))
    label = "fast path (float32, compiled)" if on else "reference (fast path off)"
    print(f"{label:32s} median {t_fast * 1e3:7.1f} ms   [target ≤ 150 ms: {'met' if t_fast <= 0.150 else 'MISSED'}]")
    print(f"  / floor                        {t_fast / floor:7.2f}×    [target ≤ 2×: "
          f"{'met' if t_fast <= 2 * floor else 'MISSED'}]")
    print(f"reference (NumPy float32, batched) median {t_ref * 1e3:7.1f} ms  ({t_ref / t_fast:.2f}× the fast path)")
    print(f"per-point PyTorch-style loop     {t_loop * 1e3:7.0f} ms (200 points timed, scaled) -> fast path "
          f"{t_loop / t_fast:.1f}× faster   [target ≥ 10×: {'met' if t_loop >= 10 * t_fast else 'MISSED'}]")
    print(f"float32 fast path vs float64 reference: max relative error {err:.1e}")


if __name__ == "__main__":
    main()
