"""Optimizers against the update rules documented for torch.optim, written out here as independent scalar Python."""
import math

import numpy as np
import pytest

from engine.optimizers import OPTIMIZERS, make


def grad(x, y):
    """∇ of f(x, y) = x² + 2y² (a simple bowl)."""
    return 2.0 * x, 4.0 * y


def scalar_reference(name, lr, p, steps, **h):
    """Three steps for one coordinate-wise optimizer, from the torch.optim docs pseudo-code, one float at a time."""
    x, y = p
    pts = []
    state = {"b": [0.0, 0.0], "sum": [h.get("initial_accumulator_value", 0.0)] * 2, "sq": [0.0, 0.0],
             "m": [0.0, 0.0], "v": [0.0, 0.0]}
    for t in range(1, steps + 1):
        gs = grad(x, y)
        new = []
        for i, (c, g) in enumerate(zip((x, y), gs)):
            if name == "gd":
                c = c - lr * g
            elif name in ("momentum", "nesterov"):
                mu = h.get("momentum", 0.9)
                b = g if t == 1 else mu * state["b"][i] + g   # torch: first step b = g
                state["b"][i] = b
                c = c - lr * (g + mu * b if name == "nesterov" else b)
            elif name == "adagrad":
                clr = lr / (1 + (t - 1) * h.get("lr_decay", 0.0))
                state["sum"][i] += g * g
                c = c - clr * g / (math.sqrt(state["sum"][i]) + h.get("eps", 1e-10))
            elif name == "rmsprop":
                a = h.get("alpha", 0.99)
                state["sq"][i] = a * state["sq"][i] + (1 - a) * g * g
                c = c - lr * g / (math.sqrt(state["sq"][i]) + h.get("eps", 1e-8))
            elif name == "adam":
                b1, b2, eps = h.get("beta1", 0.9), h.get("beta2", 0.999), h.get("eps", 1e-8)
                state["m"][i] = b1 * state["m"][i] + (1 - b1) * g
                state["v"][i] = b2 * state["v"][i] + (1 - b2) * g * g
                m_hat = state["m"][i] / (1 - b1 ** t)
                v_hat = state["v"][i] / (1 - b2 ** t)
                c = c - lr * m_hat / (math.sqrt(v_hat) + eps)
            new.append(c)
        x, y = new
        pts.append((x, y))
    return pts


def run_class(name, lr, p, steps, **h):
    opt = make(name, lr, **h)
    x = np.array([p], dtype=float)
    opt.init_state(1, 2)
    out = []
    for _ in range(steps):
        g = np.stack(grad(x[:, 0], x[:, 1]), axis=1)
        x = opt.step(x, g)
        out.append(tuple(x[0]))
    return out


CASES = [("gd", 0.1, {}), ("momentum", 0.1, {}), ("momentum", 0.05, {"momentum": 0.5}), ("nesterov", 0.1, {}),
         ("adagrad", 0.5, {}), ("adagrad", 0.5, {"lr_decay": 0.1, "initial_accumulator_value": 0.3}),
         ("rmsprop", 0.01, {}), ("rmsprop", 0.1, {"alpha": 0.5, "eps": 1e-3}), ("adam", 0.1, {}),
         ("adam", 0.2, {"beta1": 0.5, "beta2": 0.9, "eps": 1e-4})]


@pytest.mark.parametrize("name,lr,hyper", CASES)
def test_first_three_steps_match_documented_formulas(name, lr, hyper):
    expected = scalar_reference(name, lr, (1.0, 2.0), 3, **hyper)
    np.testing.assert_allclose(run_class(name, lr, (1.0, 2.0), 3, **hyper), expected, rtol=1e-12, atol=1e-14)


def test_gd_steps_by_hand():
    # f = x² + 2y², lr 0.1: (1, 2) -g=(2, 8)-> (0.8, 1.2) -g=(1.6, 4.8)-> (0.64, 0.72) -g=(1.28, 2.88)-> (0.512, 0.432)
    np.testing.assert_allclose(run_class("gd", 0.1, (1.0, 2.0), 3), [(0.8, 1.2), (0.64, 0.72), (0.512, 0.432)])


def test_momentum_steps_by_hand():
    # lr 0.1, μ 0.9: v1 = g0 = (2, 8) -> x1 = (0.8, 1.2); g1 = (1.6, 4.8), v2 = (3.4, 12.0) -> x2 = (0.46, 0.0)
    np.testing.assert_allclose(run_class("momentum", 0.1, (1.0, 2.0), 2), [(0.8, 1.2), (0.46, 0.0)], atol=1e-12)


def test_adam_first_step_is_lr_times_sign():
    # m̂ = g, v̂ = g² after one step, so the step is lr·g/(|g| + ε) ≈ lr in each coordinate.
    (x1,) = run_class("adam", 0.1, (1.0, -2.0), 1)
    np.testing.assert_allclose(x1, (0.9, -1.9), rtol=1e-9)


def test_state_names_and_shapes():
    expected = {"gd": (), "momentum": ("v",), "nesterov": ("v",), "adagrad": ("sum",), "rmsprop": ("square_avg",),
                "adam": ("m", "v")}
    for name, cls in OPTIMIZERS.items():
        opt = make(name, 0.1)
        opt.init_state(5, 7)  # D general: the network trainer uses D = number of parameters
        assert tuple(opt.state) == expected[name]
        assert all(a.shape == (5, 7) for a in opt.state.values())
        assert cls.title and cls.formula and isinstance(cls.hyper_defaults, dict)
        x = opt.step(np.ones((5, 7)), np.ones((5, 7)))
        assert x.shape == (5, 7)


def test_torch_defaults():
    assert OPTIMIZERS["momentum"].hyper_defaults == {"momentum": 0.9}
    assert OPTIMIZERS["adagrad"].hyper_defaults == {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0}
    assert OPTIMIZERS["rmsprop"].hyper_defaults == {"alpha": 0.99, "eps": 1e-8}
    assert OPTIMIZERS["adam"].hyper_defaults == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_rows_are_independent_and_frozen_rows_do_not_move(name):
    rng = np.random.default_rng(1)
    x0, gs = rng.normal(size=(4, 2)), rng.normal(size=(3, 4, 2))
    together = make(name, 0.1)
    active = np.array([True, False, True, True])
    x = x0.copy()
    for g in gs:
        x = together.step(x, g, active=active)
    np.testing.assert_array_equal(x[1], x0[1])
    for k in (0, 2, 3):
        alone = make(name, 0.1)
        xk = x0[k:k + 1]
        for g in gs:
            xk = alone.step(xk, g[k:k + 1])
        np.testing.assert_allclose(x[k], xk[0], rtol=1e-13)
    for a in together.state.values():
        np.testing.assert_array_equal(a[1], 0.0 if name != "adagrad" else a[1])


@pytest.mark.parametrize("call,words", [
    (lambda: make("sgd", 0.1), ["optimizer", "gd", "adam"]),
    (lambda: make("adam", 0.1, beta=0.9), ["beta", "beta1", "beta2", "eps"]),
    (lambda: make("gd", 0.1, momentum=0.9), ["momentum", "(none)"]),
    (lambda: make("momentum", 0.1, momentum=1.5), ["momentum", "< 1"]),
    (lambda: make("nesterov", 0.1, momentum=0.0), ["momentum", "0 <"]),
    (lambda: make("adam", 0.1, eps=-1.0), ["eps", "0 <"]),
    (lambda: make("rmsprop", 0.1, alpha="x"), ["alpha", "real number"]),
    (lambda: make("adam", 0.0), ["lr", "> 0"]),
    (lambda: make("adam", float("nan")), ["lr", "finite"]),
])
def test_bad_arguments_raise_value_error_naming_them(call, words):
    with pytest.raises(ValueError) as info:
        call()
    for w in words:
        assert w in str(info.value)
