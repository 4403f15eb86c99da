"""Slices of the loss: directions, grid engines, the one-neuron landscape by hand, in-plane gradients, projection."""
import numpy as np
import pytest

from engine.nn import MLP, make_dataset, slice_plane, train_projected
from engine.nn.directions import hessian
from engine.nn.training import project_path


@pytest.fixture(scope="module")
def moons():
    return make_dataset("moons", n=64, noise=0.1, seed=1)


def test_filter_normalised_rows_match_weight_rows(moons):
    model = MLP([2, 8, 5, 1], loss="bce")
    params = model.init_params()
    plane = slice_plane(model, params, moons.X, moons.y, method="random", seed=3)
    for d in plane.directions:
        for k, v in params.items():
            if k.startswith("W"):   # a filter = one neuron's incoming weights = a row of W (n_out, n_in)
                assert np.allclose(np.linalg.norm(d[k], axis=1), np.linalg.norm(v, axis=1), rtol=1e-12)
            else:
                assert not np.any(d[k])   # biases zeroed by default
    assert plane.default_range == ((-1.0, 1.0), (-1.0, 1.0))


def test_orthogonalised_directions_are_orthogonal(moons):
    model = MLP([2, 6, 1])
    plane = slice_plane(model, model.init_params(), moons.X, moons.y, method="random", orthogonalize=True)
    assert abs(plane.d1 @ plane.d2) < 1e-12 * np.linalg.norm(plane.d1) * np.linalg.norm(plane.d2)


@pytest.mark.parametrize("activation, loss, sizes", [
    ("tanh", "mse", [2, 5, 4, 1]), ("sigmoid", "bce", [2, 6, 1]), ("relu", "ce", [2, 5, 3]),
    ("tanh", "ce", [2, 4, 3, 3]), ("identity", "mse", [2, 3, 1]), ("tanh", "bce", [2, 1]),
    ("sigmoid", "mse", [2, 4, 3, 5, 1]), ("relu", "bce", [2, 3, 4, 1]),
])
def test_batched_grid_equals_per_point_loop(moons, activation, loss, sizes):
    model = MLP(sizes, activation=activation, loss=loss, seed=2)
    y = (np.arange(64) % 3) if loss == "ce" else moons.y
    plane = slice_plane(model, model.init_params(), moons.X, y, method="random", seed=5)
    alphas, betas = np.linspace(-1, 1, 7), np.linspace(-0.8, 1.2, 5)
    loop = np.array([[model.loss(plane.params_at(a, b), moons.X, y) for a in alphas] for b in betas])
    assert np.allclose(plane.loss_grid((-1, 1), (-0.8, 1.2), (7, 5), dtype=np.float64), loop, rtol=1e-12)
    assert np.allclose(plane.loss_grid((-1, 1), (-0.8, 1.2), (7, 5)), loop, rtol=1e-5)
    A, B = np.meshgrid(alphas, betas)
    assert np.allclose(plane.losses(A, B, dtype=np.float32), loop, rtol=1e-5)


@pytest.mark.parametrize("activation, loss", [("tanh", "mse"), ("sigmoid", "bce"), ("relu", "mse")])
def test_float32_grid_within_1e5_of_float64(activation, loss):
    data = make_dataset("moons", n=512, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation=activation, loss=loss)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    g32 = plane.loss_grid(resolution=41)
    g64 = plane.loss_grid(resolution=41, dtype=np.float64)
    assert g32.shape == (41, 41) and np.max(np.abs(g32 / g64 - 1)) < 1e-5


def test_one_neuron_slice_equals_loss_by_hand():
    rng = np.random.default_rng(0)
    x = rng.normal(size=20)
    y = (x + 0.3 * rng.normal(size=20) > 0).astype(float)
    model = MLP([1, 1], loss="bce")
    plane = slice_plane(model, model.init_params(), x[:, None], y, method="params", param_a="W1[0,0]",
                        param_b="b1[0]")
    ws, bs = np.linspace(-3, 3, 9), np.linspace(-2, 2, 6)

    def by_hand(w, b):   # mean binary cross-entropy of y_hat = sigma(w x + b)
        p = 1.0 / (1.0 + np.exp(-(w * x + b)))
        return -np.mean(y * np.log(p) + (1 - y) * np.log(1 - p))

    expected = np.array([[by_hand(w, b) for w in ws] for b in bs])
    for dtype in (np.float64, np.float32):
        assert np.allclose(plane.loss_grid((-3, 3), (-2, 2), (9, 6), dtype=dtype), expected, rtol=1e-6)
    assert plane.axis_labels == ("W1[0,0]", "b1[0]")
    assert plane.params_at(1.5, -0.5)["W1"][0, 0] == 1.5 and plane.params_at(1.5, -0.5)["b1"][0] == -0.5


def test_in_plane_gradient_is_slope_of_drawn_value(moons):
    model = MLP([2, 6, 4, 1], activation="tanh", loss="bce", seed=1)
    f = slice_plane(model, model.init_params(), moons.X, moons.y, method="random", seed=2).as_test_function()
    a, b = np.array([[0.1, -0.4], [0.7, 0.0]]), np.array([[0.3, 0.2], [-0.6, 0.9]])
    ga, gb = f.gradient(a, b)
    h = 1e-5
    assert ga.shape == (2, 2)
    assert np.allclose(ga, (f.value(a + h, b) - f.value(a - h, b)) / (2 * h), rtol=1e-6, atol=1e-9)
    assert np.allclose(gb, (f.value(a, b + h) - f.value(a, b - h)) / (2 * h), rtol=1e-6, atol=1e-9)
    assert np.ndim(f.value(0.0, 0.0)) == 0 and f.name == "mlp-2-6-4-1-tanh-data-random"


def test_projection_reproduces_path_in_the_plane(moons):
    model = MLP([2, 5, 1])
    plane = slice_plane(model, model.init_params(), moons.X, moons.y, method="random", seed=4)
    coords = np.c_[np.linspace(-1, 0.5, 6), np.sin(np.arange(6))]
    thetas = plane.vectors_at(coords[:, 0], coords[:, 1])
    path = project_path(plane, thetas)
    assert np.allclose(path.coords, coords, atol=1e-10) and np.allclose(path.off_plane, 0, atol=1e-10)
    assert np.allclose(path.gap, 0, atol=1e-12)


def test_train_projected_reports_true_loss_and_gap(moons):
    model = MLP([2, 5, 1], loss="bce")
    p0 = model.init_params()
    plane = slice_plane(model, p0, moons.X, moons.y, method="random")
    path = train_projected(model, p0, moons.X, moons.y, plane, optimizer="gd", lr=0.5, steps=20)
    assert path.coords.shape == (21, 2) and path.true_loss[-1] < path.true_loss[0]
    assert path.true_loss[3] == pytest.approx(model.loss(model.unflatten(path.thetas[3]), moons.X, moons.y))
    assert path.coords[0] == pytest.approx([0, 0], abs=1e-12) and path.gap[0] == pytest.approx(0, abs=1e-12)
    # plain GD: θ1 = θ0 − lr ∇L(θ0)
    _, g = model.loss_and_gradients(p0, moons.X, moons.y)
    assert np.allclose(path.thetas[1], model.flatten(p0) - 0.5 * model.flatten(g))


def test_pca_plane_of_a_trajectory(moons):
    model = MLP([2, 4, 1])
    p0 = model.init_params()
    plane = slice_plane(model, p0, moons.X, moons.y, method="pca", steps=30, lr=0.05)
    assert np.linalg.norm(plane.d1) == pytest.approx(1) and abs(plane.d1 @ plane.d2) < 1e-10
    ev = plane.explained_variance
    assert ev[0] >= ev[1] > 0 and ev[0] + ev[1] <= 1 + 1e-12 and "%" in plane.axis_labels[0]
    assert plane.trajectory_coords.shape == (31, 2)
    # the trajectory from a given list lies exactly in its plane when it was made in a plane
    base = model.flatten(p0)
    u, v = np.eye(base.size)[0], np.eye(base.size)[3]
    traj = [base + np.cos(t) * u + 0.3 * np.sin(t) * v for t in np.linspace(0, 3, 12)]
    p2 = slice_plane(model, p0, moons.X, moons.y, method="pca", trajectory=traj)
    coords, off = p2.coordinates(np.array(traj))
    assert np.allclose(off, 0, atol=1e-10) and np.allclose(coords, p2.trajectory_coords, atol=1e-10)


def test_hessian_directions_are_top_eigenvectors(moons):
    model = MLP([2, 3, 1], loss="bce")
    p0 = model.init_params()
    plane = slice_plane(model, p0, moons.X, moons.y, method="hessian")
    theta, L0 = model.flatten(p0), model.loss(p0, moons.X, moons.y)
    h = 1e-3
    for d, lam in zip((plane.d1, plane.d2), plane.eigenvalues):   # curvature along d by second differences of L
        curv = (model.loss(model.unflatten(theta + h * d), moons.X, moons.y) - 2 * L0
                + model.loss(model.unflatten(theta - h * d), moons.X, moons.y)) / h ** 2
        assert curv == pytest.approx(lam, rel=1e-4)
    assert plane.eigenvalues[0] >= plane.eigenvalues[1]
    H = hessian(model, theta, moons.X, model.targets(moons.y, 64))
    assert np.max(np.linalg.eigvalsh(H)) == pytest.approx(plane.eigenvalues[0], rel=1e-6)


@pytest.mark.parametrize("options, message", [
    (dict(method="params", param_a="W3[0,0]"), "valid names"),
    (dict(method="params", param_a="W1[5,0]"), "valid names"),
    (dict(method="params", param_a="b1[0]", param_b="b1[0]"), "two different"),
    (dict(method="random", normalization="layer"), "normalization"),
    (dict(method="random", colour="red"), "unknown option"),
    (dict(method="umap"), "unknown slice method"),
])
def test_bad_slice_settings(moons, options, message):
    model = MLP([2, 4, 1])
    with pytest.raises(ValueError, match=message):
        slice_plane(model, model.init_params(), moons.X, moons.y, **options)


def test_bad_grid_settings(moons):
    model = MLP([2, 4, 1])
    plane = slice_plane(model, model.init_params(), moons.X, moons.y)
    with pytest.raises(ValueError, match="resolution"):
        plane.loss_grid(resolution=1)
    with pytest.raises(ValueError, match="range"):
        plane.loss_grid((1, 1), (0, 1), 5)
