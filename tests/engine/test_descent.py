"""descend() and explain_step(): paths against the documented update rules, batching, stop statuses, validation."""
import numpy as np
import pytest

from engine import functions
from engine.descent import BLOCK, descend, explain_step
from engine.functions import TestFunction
from engine.optimizers import OPTIMIZERS
from tests.engine.test_optimizers import scalar_reference

BOWL = TestFunction("bowl", "Bowl", "x² + 2y²", lambda x, y: x * x + 2 * y * y, lambda x, y: (2 * x, 4 * y),
                    ((-3, 3), (-3, 3)))
EXP = TestFunction("exp", "Exp", "e^x overflows", lambda x, y: np.exp(x) + y * 0,
                   lambda x, y: (np.exp(x), y * 0), ((-3, 3), (-3, 3)))
ROSENBROCK = functions.get("rosenbrock")
SPHERE = functions.get("sphere")


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_path_follows_documented_update_rule(name):
    traj = descend(BOWL, [[1.0, 2.0]], optimizer=name, lr=0.05, steps=3, tol=0)
    expected = scalar_reference(name, 0.05, (1.0, 2.0), 3)
    np.testing.assert_allclose(traj.points[1:, 0], expected, rtol=1e-12, atol=1e-14)
    # values and gradients belong to the points of the same row
    x, y = traj.points[..., 0], traj.points[..., 1]
    np.testing.assert_allclose(traj.values, x * x + 2 * y * y, rtol=1e-15)
    np.testing.assert_allclose(traj.gradients, np.stack([2 * x, 4 * y], axis=-1), rtol=1e-15)


@pytest.mark.parametrize("name", list(OPTIMIZERS))
def test_k_runs_together_equal_runs_one_by_one(name):
    rng = np.random.default_rng(3)
    starts = np.vstack([rng.uniform([-2, -1], [2, 3], (6, 2)), [[1.0, 1.0], [-1.5, 2.0], [3.0, -3.0]]])
    # chosen so that runs converge, diverge and run out of steps in different blocks (compaction is exercised)
    lr = {"gd": 0.002, "momentum": 0.0015, "nesterov": 0.0015, "adagrad": 0.5, "rmsprop": 0.02, "adam": 0.05}[name]
    steps = 3 * BLOCK + 17
    together = descend(ROSENBROCK, starts, optimizer=name, lr=lr, steps=steps, tol=0.05)
    for k, start in enumerate(starts):
        alone = descend(ROSENBROCK, start, optimizer=name, lr=lr, steps=steps, tol=0.05)
        np.testing.assert_array_equal(together.points[:, k], alone.points[:, 0])
        np.testing.assert_array_equal(together.values[:, k], alone.values[:, 0])
        np.testing.assert_array_equal(together.gradients[:, k], alone.gradients[:, 0])
        for s in together.states:
            np.testing.assert_array_equal(together.states[s][:, k], alone.states[s][:, 0])
        assert together.status[k] == alone.status[0]
        assert together.stopped_at[k] == alone.stopped_at[0]


def test_mixed_statuses_with_stops_in_different_blocks():
    traj = descend(SPHERE, [[1e-9, 0.0], [1.0, 1.0], [1e3, 1e3]], "gd", lr=0.025, steps=2 * BLOCK, tol=1e-3)
    assert traj.status == ["converged", "converged", "max_steps"]
    # gd on x² + y² with lr 0.025 multiplies x by 0.95 a step: |∇f(x_t)| = 2·√2·0.95ᵗ < 1e-3 first at this t
    first = int(np.ceil(np.log(1e-3 / (2 * np.sqrt(2))) / np.log(0.95)))
    assert BLOCK < first < 2 * BLOCK
    np.testing.assert_array_equal(traj.stopped_at, [0, first, 2 * BLOCK])
    np.testing.assert_allclose(traj.points[first, 1], 0.95 ** first * np.ones(2), rtol=1e-12)


def test_gd_on_rosenbrock_with_lr_1_diverges_without_nan():
    traj = descend(ROSENBROCK, [-1.5, 2.0], "gd", lr=1.0, steps=100)
    assert traj.status == ["diverged"]
    assert traj.stopped_at[0] == 0  # x₁ = (153.5, 52): f ≈ 5e10 is far beyond the bound
    for a in (traj.points, traj.values, traj.gradients):
        assert np.isfinite(a).all()
    np.testing.assert_array_equal(traj.points[:, 0], np.broadcast_to([-1.5, 2.0], (101, 2)))


def test_overflow_to_inf_is_diverged_and_arrays_stay_finite():
    blow = TestFunction("blow", "Blow", "", lambda x, y: np.exp(x * x) + 0 * y,
                        lambda x, y: (2 * x * np.exp(x * x), 0 * y), ((-3, 3), (-3, 3)))
    # gd from x = 1 with lr 1 overshoots to x = 1 − 2e ≈ −4.4, then to ~1e9 and inf: no bound needed to stop it
    traj = descend(blow, [[1.0, 0.0], [0.0, 0.0]], "gd", lr=1.0, steps=50, bound=np.inf)
    assert traj.status == ["diverged", "converged"]
    for a in (traj.points, traj.values, traj.gradients):
        assert np.isfinite(a).all()
    assert traj.stopped_at[0] >= 1


def test_converges_on_sphere():
    traj = descend(SPHERE, [[2.0, -1.0], [0.3, 0.1]], "adam", lr=0.05, steps=5000, tol=1e-6)
    assert traj.status == ["converged", "converged"]
    s = traj.stopped_at
    norms = traj.grad_norm
    for k in range(2):
        assert norms[s[k], k] < 1e-6 and (norms[: s[k], k] >= 1e-6).all()
        np.testing.assert_allclose(traj.final_points[k], [0.0, 0.0], atol=1e-6)
        assert (traj.points[s[k]:, k] == traj.points[s[k], k]).all()


def test_shapes_states_and_hyper():
    traj = descend(BOWL, [[1.0, 2.0], [0.5, -0.5], [2.0, 0.0]], "adam", lr=0.01, steps=20, beta1=0.8)
    assert traj.points.shape == (21, 3, 2) and traj.values.shape == (21, 3) and traj.gradients.shape == (21, 3, 2)
    assert traj.hyper == {"beta1": 0.8, "beta2": 0.999, "eps": 1e-8} and traj.optimizer == "adam" and traj.lr == 0.01
    assert set(traj.states) == {"m", "v"} and all(a.shape == (21, 3, 2) for a in traj.states.values())
    g = traj.gradients
    np.testing.assert_array_equal(traj.states["m"][0], 0.0)
    np.testing.assert_allclose(traj.states["m"][2], 0.8 * 0.2 * g[0] + 0.2 * g[1], rtol=1e-14)
    np.testing.assert_allclose(traj.states["v"][1], 0.001 * g[0] ** 2, rtol=1e-14)


@pytest.mark.parametrize("kwargs,words", [
    ({"optimizer": "sgd"}, ["optimizer", "gd", "rmsprop"]),
    ({"lr": 0}, ["lr", "> 0"]),
    ({"lr": float("inf")}, ["lr", "finite"]),
    ({"steps": 0}, ["steps", "≥ 1"]),
    ({"steps": 2.5}, ["steps", "integer"]),
    ({"starts": [[1, 2, 3]]}, ["starts", "(K, 2)"]),
    ({"starts": []}, ["starts", "(K, 2)"]),
    ({"starts": [[1.0, np.nan]]}, ["starts", "finite"]),
    ({"starts": "ab"}, ["starts"]),
    ({"momentum": 0.9}, ["momentum", "(none)"]),
    ({"tol": -1}, ["tol"]),
])
def test_bad_arguments_raise_value_error_naming_them(kwargs, words):
    args = {"starts": [[1.0, 2.0]], **kwargs}
    with pytest.raises(ValueError) as info:
        descend(BOWL, args.pop("starts"), **args)
    for w in words:
        assert w in str(info.value)


def test_explain_gd_step_by_hand():
    traj = descend(SPHERE, [1.0, 2.0], "gd", lr=0.01, steps=3)
    e = explain_step(traj, 0, 0)
    np.testing.assert_allclose(e.gradient, [2.0, 4.0])
    np.testing.assert_allclose(e.delta, [-0.02, -0.04])
    np.testing.assert_allclose(e.x_next, [0.98, 1.96])
    assert e.line.startswith("x₁ = x₀ − η·∇f(x₀) = x₀ − 0.01·(2, 4) = (1, 2)")
    assert e.line.endswith("= (0.98, 1.96)")


def test_explain_adam_terms():
    traj = descend(BOWL, [[1.0, 2.0]], "adam", lr=0.1, steps=5)
    e = explain_step(traj, 0, 0)
    np.testing.assert_allclose(e.terms["m̂"], [2.0, 8.0])           # bias-corrected first step: m̂ = g, v̂ = g²
    np.testing.assert_allclose(e.terms["v̂"], [4.0, 64.0])
    np.testing.assert_allclose(e.delta, [-0.1, -0.1], rtol=1e-7)
    assert len(e.lines) == 4 and "m̂" in e.text
    e2 = explain_step(traj, 0, 3)
    np.testing.assert_allclose(e2.delta, traj.points[4, 0] - traj.points[3, 0])


def test_explain_after_stop_and_bad_indices():
    traj = descend(SPHERE, [[0.0, 0.0]], "momentum", lr=0.1, steps=3)
    e = explain_step(traj, 0, 1)
    assert e.stopped and (e.delta == 0).all() and "converged" in e.line
    with pytest.raises(ValueError, match="t must"):
        explain_step(traj, 0, 3)
    with pytest.raises(ValueError, match="k must"):
        explain_step(traj, 1, 0)
