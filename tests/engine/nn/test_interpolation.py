"""Goodfellow et al.'s 1D interpolation and the PCA plane's own training path, checked against losses and
parameters computed directly."""
import numpy as np
import pytest

from engine.nn import MLP, interpolate, make_dataset, pca_path, slice_plane, train
from engine.nn.pca_path import marker_steps


@pytest.fixture(scope="module")
def data():
    return make_dataset("moons", n=60, noise=0.1, seed=5)


def test_interpolation_ends_are_the_two_losses(data):
    model = MLP([2, 6, 1], loss="bce", seed=0)
    a = model.init_params()
    b = MLP([2, 6, 1], loss="bce", seed=7).init_params()
    t, loss = interpolate(model, a, b, data.X, data.y, steps=11)
    assert t[0] == 0.0 and t[-1] == 1.0 and len(t) == len(loss) == 11
    assert loss[0] == pytest.approx(model.loss(a, data.X, data.y), rel=1e-12)
    assert loss[-1] == pytest.approx(model.loss(b, data.X, data.y), rel=1e-12)
    mid = {k: 0.5 * (a[k] + b[k]) for k in a}
    assert loss[5] == pytest.approx(model.loss(mid, data.X, data.y), rel=1e-12)


def test_extrapolated_range_keeps_exact_ends_and_draws_a_test_curve(data):
    model = MLP([2, 4, 1], loss="mse", seed=1)
    path, losses = train(model, model.init_params(), data.X, data.y, optimizer="adam", lr=0.05, steps=30)
    test = make_dataset("moons", n=30, noise=0.1, seed=9)
    line = interpolate(model, path[0], path[-1], data.X, data.y, steps=41, t_range=(-0.5, 1.5),
                       X_test=test.X, y_test=test.y)
    t = line.t
    assert t[0] == -0.5 and t[-1] == 1.5 and np.all(np.diff(t) > 0)
    i0, i1 = list(t).index(0.0), list(t).index(1.0)
    assert line.loss[i0] == pytest.approx(losses[0], rel=1e-12)     # the loss training recorded at θ_0
    assert line.loss[i1] == pytest.approx(losses[-1], rel=1e-12)
    assert line.test_loss[i1] == pytest.approx(model.loss(model.unflatten(path[-1]), test.X, test.y), rel=1e-12)
    # beyond t = 1 the line leaves the minimum found: the loss rises again
    assert line.loss[-1] > line.loss[i1]


@pytest.mark.parametrize("kwargs, match", [({"steps": 1}, "steps"), ({"t_range": (1, 0)}, "t range"),
                                           ({"X_test": np.zeros((3, 2))}, "both")])
def test_interpolation_refuses_bad_input(data, kwargs, match):
    model = MLP([2, 3, 1], loss="bce")
    p = model.init_params()
    with pytest.raises(ValueError, match=match):
        interpolate(model, p, p, data.X, data.y, **{"steps": 5, **kwargs})


def test_interpolation_refuses_parameters_of_another_network(data):
    model = MLP([2, 3, 1], loss="bce")
    with pytest.raises(ValueError, match="numbers"):
        interpolate(model, model.init_params(), np.zeros(5), data.X, data.y, 5)


def test_pca_path_projects_back_onto_the_recorded_parameters_within_its_residual(data):
    model = MLP([2, 5, 1], loss="bce", seed=2)
    p0 = model.init_params()
    plane = slice_plane(model, p0, data.X, data.y, method="pca", optimizer="adam", lr=0.05, steps=40)
    recorded, _ = train(model, p0, data.X, data.y, optimizer="adam", lr=0.05, steps=40)   # the same path, again
    path = pca_path(plane)
    assert path.coords.shape == (41, 2) and np.allclose(plane.trajectory, recorded)
    back = plane.vectors_at(path.coords[:, 0], path.coords[:, 1])           # θ(α_t, β_t)
    miss = np.linalg.norm(back - recorded, axis=1)
    assert np.all(miss <= path.residual * (1 + 1e-9) + 1e-12) and np.all(miss >= path.residual * (1 - 1e-9) - 1e-12)
    assert path.max_residual > 0                                           # a real path leaves the plane a little
    # the coordinates are the SVD's own projection, and the residual is what Pythagoras leaves
    assert np.allclose(path.coords, plane.trajectory_coords, atol=1e-10)
    rel = recorded - recorded[-1]
    assert np.allclose(path.residual ** 2 + (path.coords ** 2).sum(axis=1), (rel ** 2).sum(axis=1), rtol=1e-8)
    assert path.coords[-1] == pytest.approx([0, 0], abs=1e-12) and path.residual[-1] == pytest.approx(0, abs=1e-12)
    assert 0 < path.relative_residual < 1 and path.explained_variance == plane.explained_variance


def test_pca_path_is_none_for_other_planes(data):
    model = MLP([2, 3, 1], loss="bce")
    assert pca_path(slice_plane(model, model.init_params(), data.X, data.y, method="random")) is None


@pytest.mark.parametrize("count, expected", [(201, [0, 50, 100, 150, 200]), (31, [0, 10, 20, 30]), (36, [0, 10, 20, 35]),
                                             (2, [0, 1]), (1, [0])])
def test_marker_steps(count, expected):
    assert list(marker_steps(count)) == expected
