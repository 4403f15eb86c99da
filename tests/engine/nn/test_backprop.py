"""Backprop against central finite differences of the loss; input validation."""
import numpy as np
import pytest

from engine.nn import MLP, fast, flatten, unflatten

LOSS_DATA = {
    "mse": lambda rng, n, k: rng.normal(size=(n, k)),
    "bce": lambda rng, n, k: rng.integers(0, 2, size=n).astype(float),
    "ce": lambda rng, n, k: rng.integers(0, k, size=n),
}


def finite_difference_gradient(model, params, X, y, h=1e-5):
    theta = model.flatten(params)
    g = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = h
        g[i] = (model.loss(model.unflatten(theta + e), X, y) - model.loss(model.unflatten(theta - e), X, y)) / (2 * h)
    return g


def relative_error(a, b):
    return np.linalg.norm(a - b) / max(np.linalg.norm(a) + np.linalg.norm(b), 1e-300)


@pytest.mark.parametrize("loss", ["mse", "bce", "ce"])
@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "relu", "identity", ["tanh", "relu"]])
@pytest.mark.parametrize("seed", [0, 1])
def test_backprop_matches_central_differences(loss, activation, seed):
    rng = np.random.default_rng(seed)
    n_out = 3 if loss == "ce" else (1 if loss == "bce" else int(rng.integers(1, 3)))
    hidden = [int(rng.integers(2, 6)) for _ in range(2 if isinstance(activation, list) else int(rng.integers(1, 3)))]
    sizes = [int(rng.integers(1, 4))] + hidden + [n_out]
    model = MLP(sizes, activation=activation, loss=loss, seed=seed)
    params = {k: v + 0.1 * rng.normal(size=v.shape) for k, v in model.init_params().items()}  # non-zero biases
    X = rng.normal(size=(13, sizes[0]))
    y = LOSS_DATA[loss](rng, 13, n_out)
    if "relu" in np.atleast_1d(activation):
        # keep every pre-activation away from the kink at 0 so that finite differences are valid
        _, trace = model.backward_trace(params, X, y)
        zs, _ = model.forward_pass(params, model.check_inputs(X))
        for z in zs[:-1]:
            assert np.min(np.abs(z)) > 1e-4 or pytest.skip("a ReLU input sits on its kink")
    L, grads = model.loss_and_gradients(params, X, y)
    assert L == pytest.approx(model.loss(params, X, y))
    assert set(grads) == set(params) and all(grads[k].shape == params[k].shape for k in params)
    assert relative_error(flatten(grads, sizes), finite_difference_gradient(model, params, X, y)) < 1e-6


def test_loss_values_by_hand():
    model = MLP([1, 1], loss="mse")
    params = {"W1": np.array([[2.0]]), "b1": np.array([1.0])}
    X = np.array([[0.0], [1.0]])
    assert model.loss(params, X, np.array([0.0, 0.0])) == pytest.approx((1 + 9) / 2)
    bce = MLP([1, 1], loss="bce")
    p = 1 / (1 + np.exp(-np.array([1.0, 3.0])))
    assert bce.loss(params, X, np.array([1.0, 0.0])) == pytest.approx(-(np.log(p[0]) + np.log(1 - p[1])) / 2)
    ce = MLP([1, 2], loss="ce")
    cp = {"W1": np.array([[1.0], [-1.0]]), "b1": np.array([0.0, 0.5])}   # W (out, in): z = W x + b
    z = np.array([[0.0, 0.5], [1.0, -0.5]])
    expected = -np.mean([z[0, 1] - np.log(np.exp(z[0]).sum()), z[1, 0] - np.log(np.exp(z[1]).sum())])
    assert ce.loss(cp, X, np.array([1, 0])) == pytest.approx(expected)
    assert ce.forward(cp, X).sum(axis=1) == pytest.approx([1.0, 1.0])


def test_backward_trace_layers_and_norms():
    model = MLP([2, 4, 3, 1], loss="bce")
    rng = np.random.default_rng(3)
    X, y = rng.normal(size=(7, 2)), rng.integers(0, 2, 7).astype(float)
    L, trace = model.backward_trace(model.init_params(), X, y)
    assert [t.layer for t in trace] == [3, 2, 1]
    assert [t.delta.shape for t in trace] == [(1, 7), (3, 7), (4, 7)]      # δ_l (n_l, N): samples are columns
    assert [t.dW.shape for t in trace] == [(1, 3), (3, 4), (4, 2)]         # ∂L/∂W_l (n_l, n_{l−1})
    assert trace[0].dW_norm == pytest.approx(np.linalg.norm(trace[0].dW))


def test_flatten_roundtrip_order():
    model = MLP([2, 3, 1])
    params = model.init_params()
    v = flatten(params, [2, 3, 1])
    assert v.shape == (2 * 3 + 3 + 3 + 1,)
    assert v[:6] == pytest.approx(params["W1"].ravel()) and v[6:9] == pytest.approx(params["b1"])
    back = unflatten(v, [2, 3, 1])
    assert list(back) == ["W1", "b1", "W2", "b2"] and all(np.array_equal(back[k], params[k]) for k in params)


@pytest.mark.parametrize("kwargs, message", [
    (dict(layer_sizes=[2, 0, 1]), "at least 1"),
    (dict(layer_sizes=[2, 65, 1]), "at most 64"),
    (dict(layer_sizes=[2]), "input and an output"),
    (dict(layer_sizes=[2, 4, 1], activation="swish"), "unknown activation"),
    (dict(layer_sizes=[2, 4, 1], loss="hinge"), "unknown loss"),
    (dict(layer_sizes=[2, 4, 2], loss="bce"), "1 output unit"),
    (dict(layer_sizes=[2, 4, 1], loss="ce"), "at least 2 output"),
    (dict(layer_sizes=[2, 4, 4, 1], activation=["tanh"]), "one per hidden layer"),
])
def test_bad_settings_raise(kwargs, message):
    with pytest.raises(ValueError, match=message):
        MLP(**kwargs)


def test_dataset_mismatch_raises():
    model = MLP([3, 4, 1])
    with pytest.raises(ValueError, match="3 unit"):
        model.loss(model.init_params(), np.zeros((5, 2)), np.zeros(5))
    with pytest.raises(ValueError, match="class labels"):
        MLP([2, 4, 3], loss="ce").loss(MLP([2, 4, 3], loss="ce").init_params(), np.zeros((2, 2)), np.array([0, 3]))
    with pytest.raises(ValueError, match="0 or 1"):
        MLP([2, 1], loss="bce").loss(MLP([2, 1], loss="bce").init_params(), np.zeros((2, 2)), np.array([0, 0.5]))


@pytest.mark.parametrize("loss, activation", [("mse", "tanh"), ("bce", ["relu", "sigmoid"]), ("ce", "tanh")])
def test_flat_gradient_is_backward_trace_flattened(loss, activation):
    model = MLP([2, 5, 4, 3 if loss == "ce" else 1], activation=activation, loss=loss, seed=4)
    rng = np.random.default_rng(0)
    X = rng.standard_normal((40, 2))
    y = rng.integers(0, 3, 40) if loss == "ce" else (rng.random(40) > 0.5).astype(float)
    params = model.init_params()
    theta = model.flatten(params)
    with fast.disabled():                                    # the reference: the same operations exactly
        L, grads = model.loss_and_gradients(params, X, y)
        L_flat, g = model.loss_and_flat_gradient(theta, X, model.targets(y, 40))
    assert L_flat == L and np.array_equal(g, model.flatten(grads))
    assert np.array_equal(theta, model.flatten(params))     # parameters only read
    # the fast path (when numba is there): the same chain rule, summed in another order
    L_fast, g_fast = model.loss_and_flat_gradient(theta, X, model.targets(y, 40))
    assert L_fast == pytest.approx(L, rel=1e-13)
    np.testing.assert_allclose(g_fast, g, rtol=1e-11, atol=1e-14)
    assert np.array_equal(theta, model.flatten(params))
