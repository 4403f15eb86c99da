"""engine.surface.sample(..., gradients=False): the values of a landscape without one gradient call per grid point."""
import numpy as np
import pytest

from engine import functions, nn
from engine.functions import TestFunction
from engine.surface import contour_levels, contour_lines, sample

ROSENBROCK = functions.get("rosenbrock")


def _counting(fn: TestFunction) -> tuple[TestFunction, dict]:
    calls = {"value": 0, "gradient": 0}

    def value(x, y):
        calls["value"] += 1
        return fn.value(x, y)

    def gradient(x, y):
        calls["gradient"] += 1
        return fn.gradient(x, y)

    return TestFunction(fn.name, fn.title, fn.description, value, gradient, fn.view), calls


def test_values_only_never_calls_the_gradient_and_keeps_the_values():
    counted, calls = _counting(ROSENBROCK)
    full = sample(ROSENBROCK, ((-2, 2), (-1, 3)), (41, 31))
    lean = sample(counted, ((-2, 2), (-1, 3)), (41, 31), gradients=False)
    assert calls == {"value": 1, "gradient": 0}
    np.testing.assert_array_equal(lean.x, full.x)
    np.testing.assert_array_equal(lean.y, full.y)
    np.testing.assert_array_equal(lean.values, full.values)
    X, Y = np.meshgrid(lean.x, lean.y)
    np.testing.assert_allclose(lean.values, (1 - X) ** 2 + 100 * (Y - X * X) ** 2, rtol=1e-12, atol=1e-12)
    assert not lean.has_gradients and full.has_gradients
    for a in (lean.gx, lean.gy, lean.grad_norm):
        assert a.shape == (31, 41) and np.isnan(a).all()
    assert lean.finite.all()


def test_default_still_samples_gradients():
    counted, calls = _counting(ROSENBROCK)
    s = sample(counted, ((-2, 2), (-1, 3)), 11)
    assert calls == {"value": 1, "gradient": 1}
    gx, gy = ROSENBROCK.gradient(s.x[3], s.y[5])
    assert (s.gx[5, 3], s.gy[5, 3]) == pytest.approx((gx, gy), rel=1e-14)


def test_values_only_finite_mask_follows_values_and_contours_match():
    f = TestFunction("hole", "Hole", "", lambda x, y: np.where(x * x + y * y < 0.25, np.nan, x * x + y * y),
                     lambda x, y: (np.full(np.shape(x), np.nan), np.full(np.shape(y), np.nan)), ((-2, 2), (-2, 2)))
    lean = sample(f, None, 41, gradients=False)
    X, Y = np.meshgrid(lean.x, lean.y)
    np.testing.assert_array_equal(lean.finite, X * X + Y * Y >= 0.25)   # the NaN gradient does not mask anything
    full = sample(f, None, 41)
    assert not full.finite.any()                                         # ... whereas it masks everything here
    levels = contour_levels(lean.values, 5)
    xs, ys = contour_lines(lean, levels)
    r2 = xs[np.isfinite(xs)] ** 2 + ys[np.isfinite(ys)] ** 2
    assert r2.size and np.all(r2 >= 0.25 - 0.2)                          # lines live where values exist


def test_network_slice_values_only_is_fast_path_and_exact():
    data = nn.make_dataset("moons", n=64, noise=0.1, seed=1)
    model = nn.MLP([2, 4, 1], activation="tanh", loss="bce", seed=0)
    plane = nn.slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=0)
    fn = plane.as_test_function()
    lean = sample(fn, plane.default_range, 70, gradients=False)         # 4900 points: the float32 grid path
    for j, i in [(0, 0), (13, 52), (69, 69)]:
        truth = model.loss(plane.params_at(lean.x[i], lean.y[j]), data.X, data.y)
        assert lean.values[j, i] == pytest.approx(truth, rel=1e-5)
    assert np.isnan(lean.gx).all()
