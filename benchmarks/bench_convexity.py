"""The convexity map |λmin/λmax| (Li et al. 2018, Fig. 7) at 41² for a 2-16-16-1 tanh net (BCE, two moons, 200
points, trained centre, filter-normalised random plane): what "Convexity map" computes in the app's worker.

Target (issue 15): ≤ 30 s. Same-run baselines: the plain loss surface of the same slice at 41² (the map the user
already sees), and the dense approach — the full Hessian by central differences of the gradient (2·D gradients) and
``eigvalsh`` at each point — timed at 8 points (median) and scaled to 41². Printed: medians, Lanczos steps, gradients a point.
Run: .venv/bin/python benchmarks/bench_convexity.py [repeats]
"""
from __future__ import annotations

import os
import statistics
import sys
import time

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from engine.nn import MLP, convexity_map, fast, make_dataset, slice_plane, train  # noqa: E402
from engine.nn.directions import hessian  # noqa: E402

RES = 41


def median_s(fn, repeats: int) -> tuple[float, object]:
    times, out = [], None
    for _ in range(repeats):
        t = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), out


def main() -> None:
    repeats = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    print(f"load average: {os.getloadavg()[0]:.2f}, cores: {os.cpu_count()}, fast path: "
          f"{'on' if fast.available() else 'off'}")
    data = make_dataset("moons", n=200, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="bce", seed=0)
    path, _ = train(model, model.init_params(), data.X, data.y, optimizer="adam", lr=0.01, steps=200)
    plane = slice_plane(model, model.unflatten(path[-1]), data.X, data.y, method="random", seed=0)
    D = model.n_params
    plane.loss_grid(resolution=RES)
    t_surface, _ = median_s(lambda: plane.loss_grid(resolution=RES), 9)
    t_map, cmap = median_s(lambda: convexity_map(plane, resolution=RES), repeats)
    pts = iter(np.random.default_rng(0).uniform(-1, 1, (8, 2)))
    t_dense, _ = median_s(lambda: np.linalg.eigvalsh(hessian(model, plane.vectors_at(*next(pts))[0], plane.X,
                                                             plane.t)), 8)          # one point each, 8 points
    t_dense *= RES * RES
    print(f"network {model.layer_sizes}, D = {D} parameters, {len(data.X)} samples, grid {RES}² = {RES * RES} points")
    print(f"loss surface {RES}² (baseline):          median {t_surface * 1e3:8.1f} ms")
    print(f"convexity map {RES}², Lanczos on HVPs:    median {t_map:8.2f} s  (target ≤ 30 s; {repeats} runs; "
          f"≤ {cmap.steps} Lanczos steps = ≤ {2 * cmap.steps} gradients a point)")
    print(f"dense Hessian + eigvalsh, scaled to {RES}²: {t_dense:8.2f} s  ({2 * D} gradients a point)")
    print(f"|λmin/λmax| from {np.nanmin(cmap.ratio):.3g} to {np.nanmax(cmap.ratio):.3g}; "
          f"map / surface = {t_map / t_surface:.0f}×, dense / map = {t_dense / t_map:.1f}×")


if __name__ == "__main__":
    main()
