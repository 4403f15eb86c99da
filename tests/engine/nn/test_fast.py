"""The fast path (engine.nn.fast), each of its three computations against the reference (engine.nn.mlp) and
independent truths: the training step, gradients at many points, the plane's loss. Several architectures,
activations and losses; float32 and float64. Also: numba stays out of ``import engine``, and everything still
works with the fast path switched off."""
import json
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

from engine.nn import MLP, fast, make_dataset, slice_plane

ROOT = Path(__file__).resolve().parents[3]
K = fast.load()
needs_kernels = pytest.mark.skipif(K is None, reason="numba is not installed here")

ARCHITECTURES = [
    ([2, 16, 16, 1], "tanh", "mse", "moons"),
    ([2, 8, 1], "sigmoid", "bce", "xor"),
    ([2, 5, 7, 3], "relu", "ce", "blobs"),
    ([2, 4, 3], "tanh", "ce", "blobs"),
    ([1, 16, 1], "tanh", "mse", "sine"),
    ([2, 1], [], "bce", "moons"),
    ([2, 6, 6, 6, 1], ["tanh", "relu", "sigmoid"], "bce", "circles"),
    ([1, 9, 1], "identity", "mse", "linear"),
]


def network(sizes, act, loss, ds, n=96, jitter=0.4, seed=3):
    data = make_dataset(ds, n=n, noise=0.1, seed=0)
    model = MLP(sizes, activation=act, loss=loss, seed=seed)
    if data.y.ndim == 2 and data.y.shape[1] != sizes[-1]:
        pytest.skip("dataset target width does not fit this architecture")
    X = model.check_inputs(data.X)
    t = model.targets(data.y, X.shape[0])
    theta = model.flatten(model.init_params()) + np.random.default_rng(seed).normal(0, jitter, model.n_params)
    return model, data, X, t, theta


@needs_kernels
def test_float64_tanh_and_sigmoid_match_numpy_to_1e_14():
    x = np.concatenate([np.linspace(-40, 40, 400_001), np.geomspace(1e-300, 1, 2000), -np.geomspace(1e-300, 1, 2000),
                        [0.0, -0.0, 0.625, np.nextafter(0.625, 0), 19.1, -19.1, 1e300, -1e300]])
    out = np.empty_like(x)
    K.tanh64(x, out)
    assert np.max(np.abs(out - np.tanh(x))) < 1e-14
    small = np.abs(x) < 0.5                          # relative accuracy where tanh is tiny, too
    assert np.max(np.abs(out[small] - np.tanh(x[small])) / np.maximum(np.abs(np.tanh(x[small])), 1e-300)) < 1e-14
    K.sigmoid64(x, out)
    exact = np.where(x >= 0, 1 / (1 + np.exp(-np.abs(x))), np.exp(-np.abs(x)) / (1 + np.exp(-np.abs(x))))
    assert np.max(np.abs(out - exact)) < 1e-14


@needs_kernels
def test_float64_activations_pass_nan_and_infinity_through():
    x = np.array([np.nan, np.inf, -np.inf, 2.0])
    out = np.empty_like(x)
    K.tanh64(x, out)
    assert np.isnan(out[0]) and out[1] == 1.0 and out[2] == -1.0 and out[3] == pytest.approx(np.tanh(2.0), 1e-15)
    K.sigmoid64(x, out)
    assert np.isnan(out[0]) and out[1] == 1.0 and out[2] == 0.0


@needs_kernels
@pytest.mark.parametrize("sizes, act, loss, ds", ARCHITECTURES)
def test_fast_training_step_equals_the_reference_and_finite_differences(sizes, act, loss, ds):
    model, _, X, t, theta = network(sizes, act, loss, ds)
    L, g = fast.loss_and_flat_gradient(model, theta, X, t)
    L_np, g_np = model.losses_and_gradients(theta, X, t)             # the reference
    assert L == pytest.approx(L_np, rel=1e-12)
    np.testing.assert_allclose(g, g_np, rtol=1e-10, atol=1e-13 * np.max(np.abs(g_np)))
    # central differences on the compiled loss itself
    h = 1e-5
    fd = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = h
        up, down = fast.loss_and_flat_gradient(model, theta + e, X, t)[0], fast.loss_and_flat_gradient(model, theta - e, X, t)[0]
        fd[i] = (up - down) / (2 * h)
    assert np.linalg.norm(fd - g) / max(np.linalg.norm(g), 1e-12) < 1e-6


@needs_kernels
@pytest.mark.parametrize("sizes, act, loss, ds", ARCHITECTURES)
def test_fast_gradients_at_many_points_equal_the_reference_batched(sizes, act, loss, ds):
    model, _, X, t, theta = network(sizes, act, loss, ds)
    thetas = theta + np.random.default_rng(1).normal(0, 0.3, (24, theta.size))    # ≥ 16 points: two threads
    got = fast.flat_gradients(model, thetas, X, t)
    ref = model.losses_and_gradients(thetas, X, t)[1]
    np.testing.assert_allclose(got, ref, rtol=1e-10, atol=1e-13 * np.max(np.abs(ref)))
    np.testing.assert_array_equal(fast.flat_gradients(model, thetas[:3], X, t), got[:3])   # one thread: same


@needs_kernels
def test_fast_training_step_on_a_hand_computed_one_neuron_case():
    # y = w·x + b on two points, MSE: L = ((w + b − 1)² + (2w + b − 3)²) / 2 at w = 0.5, b = 0.25
    model = MLP([1, 1], loss="mse")
    X = np.array([[1.0], [2.0]])
    t = np.array([[1.0], [3.0]])
    theta = np.array([0.5, 0.25])                     # W1 (1×1), b1
    L, g = fast.loss_and_flat_gradient(model, theta, X, t)
    r1, r2 = 0.5 + 0.25 - 1.0, 1.0 + 0.25 - 3.0
    assert L == pytest.approx((r1 ** 2 + r2 ** 2) / 2, rel=1e-15)
    np.testing.assert_allclose(g, [(2 * r1 * 1 + 2 * r2 * 2) / 2, (2 * r1 + 2 * r2) / 2], rtol=1e-14)


@needs_kernels
@pytest.mark.parametrize("sizes, act, loss, ds", ARCHITECTURES)
def test_fast_plane_losses_equal_the_reference_in_float64_and_float32(sizes, act, loss, ds):
    model, data, *_ = network(sizes, act, loss, ds, n=128)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=1)
    lanes = fast.PlaneLosses(model, plane.X, plane.t, plane.origin, plane.d1, plane.d2)
    for lo, hi in ((-1.0, 1.0), (-12.0, 9.0)):       # far out the tanh units saturate
        A, B = (v.ravel() for v in np.meshgrid(np.linspace(lo, hi, 13), np.linspace(lo, hi, 11)))
        got = lanes.losses(A, B)
        thetas = plane.vectors_at(A, B)
        exact = model.losses_and_gradients(thetas, plane.X, plane.t, gradients=False)[0]
        assert np.max(np.abs(got / exact - 1)) < 1e-5
        # the reference evaluated in float32 throughout agrees as well as float32 allows
        ref32 = model.losses_and_gradients(thetas.astype(np.float32), plane.X.astype(np.float32),
                                           plane.t.astype(np.float32), gradients=False)[0]
        assert ref32.dtype == np.float32 and np.max(np.abs(got / ref32 - 1)) < 1e-4
        np.testing.assert_allclose(plane.loss_grid((lo, hi), (lo, hi), (13, 11)).ravel(), got, rtol=1e-6)


@needs_kernels
def test_fast_plane_losses_are_the_same_from_two_threads_at_once():
    model, data, *_ = network([2, 16, 16, 1], "tanh", "mse", "moons", n=256)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    ref = plane.loss_grid(resolution=33)
    results = []
    threads = [threading.Thread(target=lambda: results.append(plane.loss_grid(resolution=33))) for _ in range(2)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert len(results) == 2 and all(np.array_equal(r, ref) for r in results)


def test_no_numba_at_import_and_numpy_paths_without_it():
    """``import engine`` (what the app does at start) must not pay for numba; with DESCENT_LAB_NO_JIT=1 the
    fast path is off and grids and gradients still agree with float64 references."""
    script = """
import json, sys, numpy as np
import engine, engine.nn, engine.nn.mlp, engine.nn.fast, engine.nn.plane
imported = "numba" in sys.modules
from engine.nn import MLP, fast, make_dataset, slice_plane
d = make_dataset("moons", n=64, noise=0.1, seed=0)
m = MLP([2, 8, 1], activation="tanh", loss="bce")
p = slice_plane(m, m.init_params(), d.X, d.y, method="random")
g32, g64 = p.loss_grid(resolution=9), p.loss_grid(resolution=9, dtype=np.float64)
th = m.flatten(m.init_params())
L, g = m.loss_and_flat_gradient(th, m.check_inputs(d.X), m.targets(d.y, 64))
L2, gd = m.loss_and_gradients(m.init_params(), d.X, d.y)
print(json.dumps({"numba_at_import": imported, "loaded": fast.load() is not None,
                  "numba_after": "numba" in sys.modules, "grid_err": float(np.max(np.abs(g32 / g64 - 1))),
                  "grad_err": float(np.max(np.abs(g - m.flatten(gd))))}))
"""
    env = {"PATH": "/usr/bin:/bin", "DESCENT_LAB_NO_JIT": "1", "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120,
                         env=env)
    assert out.returncode == 0, out.stderr
    r = json.loads(out.stdout.strip().splitlines()[-1])
    assert r["numba_at_import"] is False
    assert r["loaded"] is False and r["numba_after"] is False
    assert r["grid_err"] < 1e-5 and r["grad_err"] < 1e-14


@needs_kernels
@pytest.mark.parametrize("sizes, act, loss, ds", ARCHITECTURES[:4])
def test_fast_in_plane_gradients_equal_the_reference_and_the_surface_slope(sizes, act, loss, ds):
    model, data, *_ = network(sizes, act, loss, ds, n=128)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=2)
    rng = np.random.default_rng(5)
    a, b = rng.uniform(-1, 1, 40), rng.uniform(-1, 1, 40)       # ≥ 16 points: the two-thread path
    ga, gb = plane.gradients(a, b)
    with fast.disabled():
        na, nb = plane.gradients(a, b)                          # the reference, batched over the points
    scale = max(np.abs(na).max(), np.abs(nb).max())
    assert np.max(np.abs(ga - na)) < 1e-12 * scale and np.max(np.abs(gb - nb)) < 1e-12 * scale
    h = 1e-6                                                     # the slope of the drawn (float64) surface
    fa = (plane.losses(a + h, b) - plane.losses(a - h, b)) / (2 * h)
    fb = (plane.losses(a, b + h) - plane.losses(a, b - h)) / (2 * h)
    assert np.max(np.abs(fa - ga)) < 1e-6 * scale and np.max(np.abs(fb - gb)) < 1e-6 * scale
    one = plane.gradients(a[:3], b[:3])                         # the one-thread path gives the same numbers
    assert np.array_equal(one[0], ga[:3]) and np.array_equal(one[1], gb[:3])
