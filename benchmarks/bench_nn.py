"""Speed of network slices (issue 5): prints medians, ratios against baselines measured in the same run, and the
machine's own matmul GFLOP/s and tanh/s for scale. Run: .venv/bin/python benchmarks/bench_nn.py"""
from __future__ import annotations

import contextlib
import os
import sys
import time
import tracemalloc

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from engine import optimizers  # noqa: E402
from engine.nn import MLP, kernels, make_dataset, slice_plane  # noqa: E402
from engine.nn.grid import PlaneGridEvaluator  # noqa: E402


def median_time(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return float(np.median(times))


def machine_rates() -> tuple[float, float, float]:
    A = np.random.default_rng(0).random((1024, 1024), dtype=np.float32)
    gflops = 2 * 1024 ** 3 / median_time(lambda: A @ A, 7) / 1e9
    x = (np.random.default_rng(1).standard_normal(1 << 20) * 2).astype(np.float32)
    out = np.empty_like(x)
    tanh_rate = x.size / median_time(lambda: np.tanh(x, out=out), 15)
    exp_rate = x.size / median_time(lambda: np.exp(x, out=out), 15)
    return gflops, tanh_rate, exp_rate


def main() -> None:
    print(f"load average before: {os.getloadavg()}, cores: {os.cpu_count()}")
    data = make_dataset("moons", n=512, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="mse")
    params = model.init_params()
    plane = slice_plane(model, params, data.X, data.y, method="random")
    N, sizes = 512, model.layer_sizes
    flops_per_point = 2 * N * sum(sizes[i] * sizes[i + 1] for i in range(len(sizes) - 1))
    tanh_per_point = N * sum(sizes[1:-1])

    t0 = time.perf_counter()
    k = kernels.load()
    print(f"compiled kernels: {'numba ' + __import__('numba').__version__ if k else 'unavailable (NumPy paths)'}, "
          f"load + warm-up {time.perf_counter() - t0:.2f} s (the first run on a machine also compiles them)")
    gflops, tanh_rate, exp_rate = machine_rates()
    print(f"machine: float32 1024² matmul {gflops:.1f} GFLOP/s; np.tanh float32 {tanh_rate / 1e6:.0f} M/s; "
          f"np.exp float32 {exp_rate / 1e6:.0f} M/s (one thread each)")
    if k is not None:
        x = (np.random.default_rng(1).standard_normal(1 << 20) * 2)
        out = np.empty_like(x)
        r64 = x.size / median_time(lambda: k.tanh64(x, out), 15)
        r64np = x.size / median_time(lambda: np.tanh(x, out=out), 15)
        print(f"float64 tanh: compiled {r64 / 1e6:.0f} M/s vs np.tanh {r64np / 1e6:.0f} M/s (one thread)")

    # baseline: per-point float64 NumPy loop, timed on a subsample and scaled to the full grid
    rng = np.random.default_rng(0)
    sub = rng.uniform(-1, 1, size=(300, 2))
    def numpy_loop(points):                     # the baseline is plain NumPy: kernels off (model.loss uses np.tanh)
        with kernels.disabled():
            return [model.loss(plane.params_at(a, b), data.X, data.y) for a, b in points]

    loop_per_point = median_time(lambda: numpy_loop(sub), 3) / 300

    for res, target in ((101, 0.150), (201, 0.600)):
        P = res * res
        plane.loss_grid(resolution=res)                                  # warm-up, builds the evaluator
        t_fast = median_time(lambda: plane.loss_grid(resolution=res), 7 if res == 101 else 3)
        loop = loop_per_point * P
        print(f"\n{res}×{res} random-plane slice, 2-16-16-1 tanh, 512 points ({P * tanh_per_point / 1e6:.0f} M tanh, "
              f"{P * flops_per_point / 1e9:.2f} GFLOP):")
        engine = "compiled kernel" if k is not None else "NumPy, separable layer 1, logistic tanh"
        print(f"  grid engine (float32, {engine}, 2 threads): {t_fast * 1e3:.1f} ms "
              f"[target {target * 1e3:.0f} ms: {'met' if t_fast < target else 'NOT met'}]")
        print(f"    achieved {P * flops_per_point / t_fast / 1e9:.1f} GFLOP/s, "
              f"{P * tanh_per_point / t_fast / 1e6:.0f} M tanh/s")
        print(f"  per-point float64 loop (timed on 300 points, scaled): {loop * 1e3:.0f} ms -> "
              f"speed-up {loop / t_fast:.1f}× [target ≥ 5×]")
        # the machine is shared: also interleave the two, so that each ratio compares runs under the same load
        ratios = []
        for _ in range(3):
            t_f = median_time(lambda: plane.loss_grid(resolution=res), 1)
            t_l = median_time(lambda: numpy_loop(sub[:100]), 1) / 100 * P
            ratios.append(t_l / t_f)
        print(f"  interleaved speed-up vs loop (median of 3 pairs): {np.median(ratios):.1f}×")
        if res == 101:
            alphas = np.linspace(-1, 1, res)
            A, B = np.meshgrid(alphas, alphas)
            for th in (1, 2):
                ev = PlaneGridEvaluator(model, plane.X, plane.t, plane.origin, plane.d1, plane.d2, threads=th,
                                        use_compiled=False)
                fast = PlaneGridEvaluator(model, plane.X, plane.t, plane.origin, plane.d1, plane.d2, threads=th)
                t_sep, t_gen, t_jit = [], [], []
                for _ in range(5):                                       # interleaved: same load for all three
                    t_jit.append(median_time(lambda: fast.grid(alphas, alphas), 1))
                    t_sep.append(median_time(lambda: ev.grid(alphas, alphas), 1))
                    t_gen.append(median_time(lambda: ev.losses(A.ravel(), B.ravel()), 1))
                jit_text = f"compiled {np.median(t_jit) * 1e3:.1f} ms; " if k is not None else ""
                print(f"  {th} thread(s): {jit_text}NumPy separable grid {np.median(t_sep) * 1e3:.1f} ms; NumPy "
                      f"generic points path (exp per element) {np.median(t_gen) * 1e3:.1f} ms")
            with kernels.disabled():
                t64 = median_time(lambda: plane.loss_grid(resolution=res, dtype=np.float64), 1)
            print(f"  batched float64 forward (no structure, np.tanh): {t64 * 1e3:.0f} ms")
            err = np.max(np.abs(plane.loss_grid(resolution=res) / plane.loss_grid(resolution=res,
                                                                                   dtype=np.float64) - 1))
            print(f"  float32 vs float64 max relative error {err:.2e} [target < 1e-5]")
        tracemalloc.start()
        plane.loss_grid(resolution=res)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(f"  peak extra memory (tracemalloc) {peak / 2 ** 20:.1f} MB [target < 100 MB]")

    # one full-batch training step: forward + backprop + Adam update, float64. "dict" = loss_and_gradients with
    # unflatten/flatten and target checks every step (the old loop); "flat" = loss_and_flat_gradient on a checked
    # targets matrix, as engine.nn.training.train now runs. Interleaved in blocks so both see the same load.
    X, t = model.check_inputs(data.X), model.targets(data.y, len(data.y))

    def stepper(flat):
        opt = optimizers.make("adam", 0.01)
        theta = [model.flatten(params)[None]]
        opt.init_state(1, theta[0].shape[1])

        def step():
            if flat:
                _, g = model.loss_and_flat_gradient(theta[0][0], X, t)
            else:
                _, gd = model.loss_and_gradients(model.unflatten(theta[0][0]), data.X, data.y)
                g = model.flatten(gd)
            theta[0] = opt.step(theta[0], g[None])
        return step

    steps = {"dict, NumPy": (stepper(False), False), "flat, NumPy": (stepper(True), False),
             "flat, compiled": (stepper(True), True)}
    if k is None:
        del steps["flat, compiled"]
    times = {name: [] for name in steps}
    for block in range(16):
        for name, (step, compiled) in steps.items():
            for i in range(25):
                with (contextlib.nullcontext() if compiled else kernels.disabled()):
                    t0 = time.perf_counter()
                    step()
                    if block:                                            # block 0 is warm-up
                        times[name].append(time.perf_counter() - t0)
    for name in steps:
        med = float(np.median(times[name]))
        print(f"\ntraining step [{name}] (forward + backprop + Adam, 2-16-16-1, 512 points, float64): "
              f"{med * 1e6:.0f} µs [target 300 µs: {'met' if med < 300e-6 else 'NOT met'}]", end="")
    print()

    pts = np.random.default_rng(2).uniform(-1, 1, (2, 64))
    ga = median_time(lambda: plane.gradients(*pts), 5)
    with kernels.disabled():
        gn = median_time(lambda: plane.gradients(*pts), 5)
    print(f"in-plane gradient at 64 points (gradient field, basin maps, descent on a slice): "
          f"{'compiled' if k is not None else 'NumPy'} {ga * 1e3:.1f} ms, NumPy batched {gn * 1e3:.1f} ms; "
          f"40,000 points ≈ {ga * 625:.1f} s")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
