"""One training step of a 2-16-16-1 tanh MLP on 512 points: forward + backprop + Adam update, float64.

Target (issue 12): ≤ 300 µs with the fast path. Same-run baseline: the reference (engine.nn.mlp's forward_pass and
backprop, NumPy). Medians over interleaved blocks, so both see the same machine load.
Run: .venv/bin/python benchmarks/bench_train_step.py
"""
from __future__ import annotations

import contextlib
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))

from engine import optimizers  # noqa: E402
from engine.nn import MLP, fast, make_dataset  # noqa: E402


def main() -> None:
    data = make_dataset("moons", n=512, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="mse")
    X, t = model.check_inputs(data.X), model.targets(data.y, 512)
    on = fast.available()

    def stepper():
        opt = optimizers.make("adam", 0.01)
        theta = model.flatten(model.init_params())[None]
        opt.init_state(1, theta.shape[1])
        state = [theta]

        def step():
            _, g = model.loss_and_flat_gradient(state[0][0], X, t)
            state[0] = opt.step(state[0], g[None])
        return step

    paths = {"fast path": stepper(), "reference": stepper()} if on else {"reference": stepper()}
    times = {name: [] for name in paths}
    for block in range(21):
        for name, step in paths.items():
            with fast.disabled() if name == "reference" else contextlib.nullcontext():
                for _ in range(30):
                    t0 = time.perf_counter()
                    step()
                    if block:                                   # block 0 warms up
                        times[name].append(time.perf_counter() - t0)
    print(f"load average: {os.getloadavg()[0]:.2f}; training step (forward + backprop + Adam), 2-16-16-1 tanh, "
          f"512 points, float64")
    for name in paths:
        med = statistics.median(times[name]) * 1e6
        target = f"   [target ≤ 300 µs: {'met' if med <= 300 else 'MISSED'}]" if name == "fast path" else ""
        print(f"  {name:10s} median {med:7.0f} µs{target}")
    if on:
        ratio = statistics.median(times["reference"]) / statistics.median(times["fast path"])
        print(f"  reference / fast path: {ratio:.1f}×")


if __name__ == "__main__":
    main()
