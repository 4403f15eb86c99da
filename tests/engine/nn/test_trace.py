"""The network view's numbers (engine.nn.trace) against independent truths: a forward pass written unit by unit
with math, central finite differences of the loss for δ and ∂L/∂W, and optimizer steps on a slice computed by hand."""
import math

import numpy as np
import pytest

from engine.descent import descend
from engine.nn import MLP, make_dataset, plane_step, slice_plane, trace, weight_update
from engine.nn.trace import flat_gradient

CASES = [("tanh", "bce", [2, 4, 3, 1]), ("relu", "ce", [2, 5, 3]), ("sigmoid", "mse", [2, 3, 1]),
         ("tanh", "mse", [1, 6, 1])]
ACT = {"tanh": math.tanh, "relu": lambda z: max(z, 0.0), "sigmoid": lambda z: 1.0 / (1.0 + math.exp(-z))}


def data_for(sizes, loss):
    if sizes[0] == 1:
        return make_dataset("sine", n=12, noise=0.1, seed=3)
    return make_dataset("blobs" if loss == "ce" else "moons", n=12, noise=0.2, seed=3)


def forward_by_hand(params, sizes, act, loss, x):
    """z and h unit by unit with Python floats (no matrix products)."""
    h, zs, hs = list(map(float, x)), [], [list(map(float, x))]
    L = len(sizes) - 1
    for l in range(1, L + 1):
        W, b = params[f"W{l}"], params[f"b{l}"]
        z = [sum(W[i, j] * h[j] for j in range(sizes[l - 1])) + b[i] for i in range(sizes[l])]
        if l < L:
            h = [ACT[act](v) for v in z]
        elif loss == "bce":
            h = [1.0 / (1.0 + math.exp(-z[0]))]
        elif loss == "ce":
            e = [math.exp(v - max(z)) for v in z]
            h = [v / sum(e) for v in e]
        else:
            h = list(z)
        zs.append(z)
        hs.append(h)
    return zs, hs


def fd(f, params, key, index, h=1e-6):
    p, m = {k: v.copy() for k, v in params.items()}, {k: v.copy() for k, v in params.items()}
    p[key][index] += h
    m[key][index] -= h
    return (f(p) - f(m)) / (2 * h)


@pytest.mark.parametrize("act, loss, sizes", CASES)
def test_forward_values_equal_a_pass_written_unit_by_unit(act, loss, sizes):
    data = data_for(sizes, loss)
    model = MLP(sizes, activation=act, loss=loss, seed=1)
    params = model.init_params()
    params["b1"] += 0.3                                   # non-zero biases, so that b enters every z
    for n in (0, 7):
        tr = trace(model, model.flatten(params), data.X, data.y, n)
        zs, hs = forward_by_hand(params, sizes, act, loss, data.X[n])
        for l in range(1, len(sizes)):
            assert np.allclose(tr.z[l - 1], zs[l - 1], rtol=1e-12, atol=1e-14)
            assert np.allclose(tr.h[l], hs[l], rtol=1e-12, atol=1e-14)
            assert np.array_equal(tr.W[l - 1], params[f"W{l}"])
        assert np.array_equal(tr.h[0], data.X[n])
        assert np.isclose(tr.sample_loss, model.loss(params, data.X[n:n + 1], data.y[n:n + 1]), rtol=1e-12)


@pytest.mark.parametrize("act, loss, sizes", CASES)
def test_sample_backward_equals_finite_differences_of_that_samples_loss(act, loss, sizes):
    data = data_for(sizes, loss)
    model = MLP(sizes, activation=act, loss=loss, seed=2)
    params = model.init_params()
    params["b1"] += 0.2
    n = 5
    tr = trace(model, params, data.X, data.y, n, scope="sample")
    sample_loss = lambda p: model.loss(p, data.X[n:n + 1], data.y[n:n + 1])  # noqa: E731
    for l in range(1, len(sizes)):
        for i in range(sizes[l]):
            # z_l = W_l h + b_l, so ∂ℓ/∂b_l[i] is δ_l[i] for one sample
            assert tr.delta[l - 1][i] == pytest.approx(fd(sample_loss, params, f"b{l}", (i,)), rel=1e-6, abs=1e-9)
            for j in range(sizes[l - 1]):
                assert tr.dW[l - 1][i, j] == pytest.approx(fd(sample_loss, params, f"W{l}", (i, j)),
                                                           rel=1e-6, abs=1e-9)


@pytest.mark.parametrize("act, loss, sizes", CASES)
def test_dataset_backward_equals_finite_differences_and_the_reference(act, loss, sizes):
    data = data_for(sizes, loss)
    model = MLP(sizes, activation=act, loss=loss, seed=4)
    params = model.init_params()
    tr = trace(model, params, data.X, data.y, 2, scope="dataset")
    full_loss = lambda p: model.loss(p, data.X, data.y)  # noqa: E731
    L, grads = model.loss_and_gradients(params, data.X, data.y)
    assert tr.loss == pytest.approx(L, rel=1e-12)
    for l in range(1, len(sizes)):
        assert np.allclose(tr.dW[l - 1], grads[f"W{l}"], rtol=1e-12, atol=1e-15)
        for i in range(sizes[l]):
            assert tr.delta[l - 1][i] == pytest.approx(fd(full_loss, params, f"b{l}", (i,)), rel=1e-6, abs=1e-9)
            j = (i * 7) % sizes[l - 1]
            assert tr.dW[l - 1][i, j] == pytest.approx(fd(full_loss, params, f"W{l}", (i, j)), rel=1e-6, abs=1e-9)
    # the dataset loss is the mean of the sample losses, so its gradient is the mean of theirs
    mean = np.mean([flat_gradient(trace(model, params, data.X, data.y, n)) for n in range(len(data.X))], axis=0)
    assert np.allclose(flat_gradient(tr), mean, rtol=1e-10, atol=1e-14)


def test_bad_sample_and_scope_are_refused_in_words():
    data = make_dataset("moons", n=10, seed=0)
    model = MLP([2, 3, 1], loss="bce")
    with pytest.raises(ValueError, match="sample 10 does not exist.*0 to 9"):
        trace(model, model.init_params(), data.X, data.y, 10)
    with pytest.raises(ValueError, match="unknown scope"):
        trace(model, model.init_params(), data.X, data.y, 0, scope="batch")


def test_gradient_descent_update_of_one_weight_is_w_minus_lr_times_finite_difference():
    data = make_dataset("moons", n=30, noise=0.1, seed=0)
    model = MLP([2, 5, 1], loss="bce", seed=3)
    params = model.init_params()
    theta = model.flatten(params)
    tr = trace(model, theta, data.X, data.y, 0, scope="dataset")
    u = weight_update(model, theta, flat_gradient(tr), "W1[3, 1]", lr=0.25)
    g = fd(lambda p: model.loss(p, data.X, data.y), params, "W1", (3, 1))
    assert u.before == params["W1"][3, 1]
    assert u.grad == pytest.approx(g, rel=1e-6)
    assert u.gd_after == pytest.approx(params["W1"][3, 1] - 0.25 * g, rel=1e-9)
    assert u.step is None and u.after is None


def hand_steps(name, lr, grads):
    """(Δα, Δβ) of the last of len(grads) optimizer steps on the plane, each rule written out by hand (PyTorch's)."""
    g = np.asarray(grads, dtype=float)
    if name == "gd":
        return -lr * g[-1]
    if name == "momentum":
        v = np.zeros(2)
        for gt in g:
            v = 0.9 * v + gt
        return -lr * v
    m, s = np.zeros(2), np.zeros(2)                    # adam, betas (0.9, 0.999), eps 1e-8
    for gt in g:
        m, s = 0.9 * m + 0.1 * gt, 0.999 * s + 0.001 * gt * gt
    t = len(g)
    return -lr * (m / (1 - 0.9 ** t)) / (np.sqrt(s / (1 - 0.999 ** t)) + 1e-8)


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.5), ("momentum", 0.2), ("adam", 0.05)])
def test_a_slice_runs_step_of_one_weight_equals_its_optimizer_step_computed_by_hand(optimizer, lr):
    data = make_dataset("moons", n=40, noise=0.1, seed=1)
    model = MLP([2, 4, 1], loss="bce", seed=0)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=2)
    f = plane.as_test_function()
    traj = descend(f, [(0.3, -0.2)], optimizer=optimizer, lr=lr, steps=6)
    row = 3
    h = 1e-6
    grads = [((f.value(a + h, b) - f.value(a - h, b)) / (2 * h), (f.value(a, b + h) - f.value(a, b - h)) / (2 * h))
             for a, b in traj.points[:row + 1, 0]]
    d_ab = hand_steps(optimizer, lr, grads)
    start, end = traj.points[row, 0], traj.points[row + 1, 0]
    step = plane_step(plane, start, end)
    theta = plane.vectors_at(*start)[0]
    for name in ("W1[2,0]", "W2[0,3]", "W1[0,1]"):
        k = {"W1[2,0]": 2 * 2 + 0, "W1[0,1]": 1, "W2[0,3]": 4 * 2 + 4 + 3}[name]
        u = weight_update(model, theta, np.zeros_like(theta), name, lr, step)
        by_hand = d_ab[0] * plane.d1[k] + d_ab[1] * plane.d2[k]
        assert u.step == pytest.approx(by_hand, rel=1e-5, abs=1e-12)
        assert u.after == pytest.approx(plane.vectors_at(*end)[0][k], rel=1e-12, abs=1e-14)
