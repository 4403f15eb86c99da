"""The convexity map (Li et al. Fig. 7): Hessian-vector products and Lanczos extremes against dense Hessians built
independently — second differences of the loss itself, never the code under test."""
import numpy as np
import pytest

from engine.nn import MLP, convexity_map, make_dataset, slice_plane
from engine.nn.convexity import Cancelled, extreme_eigenvalues, hessian_vector_products, point_extremes
from engine.nn.directions import hessian


@pytest.fixture(scope="module")
def data():
    return make_dataset("moons", n=40, noise=0.1, seed=2)


def loss_hessian(model, theta, X, y, h=2e-4):
    """H_ij from the loss alone: [L(θ+he_i+he_j) − L(θ+he_i−he_j) − L(θ−he_i+he_j) + L(θ−he_i−he_j)] / 4h²."""
    D = theta.size
    E = np.eye(D) * h
    L = lambda v: model.loss(model.unflatten(v), X, y)  # noqa: E731
    H = np.empty((D, D))
    for i in range(D):
        for j in range(i, D):
            H[i, j] = H[j, i] = (L(theta + E[i] + E[j]) - L(theta + E[i] - E[j]) - L(theta - E[i] + E[j])
                                 + L(theta - E[i] - E[j])) / (4 * h * h)
    return H


@pytest.mark.parametrize("loss", ["mse", "bce"])
def test_hvp_equals_dense_hessian_times_vector(data, loss):
    model = MLP([2, 3, 1], activation="tanh", loss=loss, seed=1)
    rng = np.random.default_rng(0)
    thetas = model.flatten(model.init_params()) + 0.3 * rng.standard_normal((3, model.n_params))
    V = rng.standard_normal(thetas.shape)
    V /= np.linalg.norm(V, axis=1, keepdims=True)
    t = model.targets(data.y, len(data.y))
    hv = hessian_vector_products(model, thetas, V, data.X, t)
    for p in range(3):
        H = loss_hessian(model, thetas[p], data.X, data.y)
        assert np.allclose(hv[p], H @ V[p], atol=2e-6), np.abs(hv[p] - H @ V[p]).max()
        # and the gradient-difference Hessian of engine.nn.directions, more tightly
        assert np.allclose(hv[p], hessian(model, thetas[p], data.X, t) @ V[p], atol=1e-8)


def test_lanczos_finds_both_ends_of_a_known_spectrum():
    rng = np.random.default_rng(4)
    D = 30
    mats = []
    for spectrum in (np.linspace(-2, 5, D), np.r_[-0.01, np.zeros(D - 2), 3.0], rng.normal(size=D)):
        Q, _ = np.linalg.qr(rng.standard_normal((D, D)))
        mats.append(Q @ np.diag(spectrum) @ Q.T)       # the second has a 28-fold eigenvalue: Krylov breaks down
    M = np.stack(mats)
    lo, hi, k = extreme_eigenvalues(lambda V: np.einsum("pij,pj->pi", M, V), 3, D, tol=1e-12)
    w = np.linalg.eigvalsh(M)
    assert np.allclose(lo, w[:, 0], atol=1e-9) and np.allclose(hi, w[:, -1], atol=1e-9)
    assert k <= D


def test_convexity_map_at_a_point_equals_dense_hessian_eigenvalues(data):
    model = MLP([2, 3, 1], activation="tanh", loss="bce", seed=3)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=1)
    cmap = convexity_map(plane, (-1.0, 1.0), (-0.5, 0.5), resolution=3, tol=1e-10)
    assert cmap.lam_min.shape == (3, 3) and np.allclose(cmap.alpha, [-1, 0, 1]) and np.allclose(cmap.beta, [-0.5, 0, 0.5])
    for i, j in [(0, 0), (1, 2), (2, 1)]:                 # [β, α] indexing, as Plane.loss_grid
        theta = plane.vectors_at(cmap.alpha[j], cmap.beta[i])[0]
        w = np.linalg.eigvalsh(loss_hessian(model, theta, data.X, data.y))
        assert cmap.lam_min[i, j] == pytest.approx(w[0], abs=3e-6)
        assert cmap.lam_max[i, j] == pytest.approx(w[-1], abs=3e-6)
        assert cmap.ratio[i, j] == pytest.approx(abs(w[0] / w[-1]), rel=1e-4, abs=1e-5)


def test_convexity_map_of_a_regularised_slice_is_the_hessian_of_the_regularised_loss(data):
    """With L2 (λ/2·Σ w² over the weights, not the biases) the map's eigenvalues are those of the dense Hessian of the
    regularised loss, built from second differences of that loss alone."""
    from engine.nn.minibatch import weight_mask

    lam = 0.3
    model = MLP([2, 3, 1], activation="tanh", loss="bce", seed=3)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=1, l2=lam)
    cmap = convexity_map(plane, (-1.0, 1.0), (-0.5, 0.5), resolution=3, tol=1e-10)
    mask = weight_mask(model.layer_sizes)
    assert 0 < mask.sum() < mask.size                     # some parameters are biases, left out of the penalty
    penalised = MLP([2, 3, 1], activation="tanh", loss="bce", seed=3)
    plain_loss = penalised.loss
    penalised.loss = lambda p, X, y: plain_loss(p, X, y) + 0.5 * lam * float(np.sum(mask * model.flatten(p) ** 2))
    theta = plane.vectors_at(cmap.alpha[2], cmap.beta[1])[0]
    w = np.linalg.eigvalsh(loss_hessian(penalised, theta, data.X, data.y))
    assert cmap.lam_min[1, 2] == pytest.approx(w[0], abs=3e-6)
    assert cmap.lam_max[1, 2] == pytest.approx(w[-1], abs=3e-6)


def test_default_tolerance_is_close_enough_on_a_bigger_net(data):
    model = MLP([2, 8, 8, 1], activation="tanh", loss="bce", seed=0)
    theta = model.flatten(model.init_params())
    t = model.targets(data.y, len(data.y))
    w = np.linalg.eigvalsh(hessian(model, theta, data.X, t))
    lo, hi = point_extremes(model, theta, data.X, t, tol=1e-3)
    assert abs(hi - w[-1]) <= 1e-3 * abs(w[-1]) and abs(lo - w[0]) <= 2e-3 * abs(w[-1])


def test_progress_reports_and_cancels(data):
    model = MLP([2, 3, 1], loss="bce")
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    seen = []
    convexity_map(plane, resolution=8, progress=lambda f: seen.append(f) or True)
    assert seen == sorted(seen) and seen[-1] == 1.0 and len(seen) >= 2
    calls = []
    with pytest.raises(Cancelled):
        convexity_map(plane, resolution=8, progress=lambda f: calls.append(f) or False)
    assert len(calls) == 1


@pytest.mark.parametrize("res", [1, 202, 4.5])
def test_bad_resolution_is_refused(data, res):
    model = MLP([2, 3, 1], loss="bce")
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random")
    with pytest.raises(ValueError, match="resolution"):
        convexity_map(plane, resolution=res)


def test_small_chunks_give_the_same_map(data, monkeypatch):
    import engine.nn.convexity as cv
    model = MLP([2, 3, 1], activation="tanh", loss="bce", seed=3)
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", seed=1)
    whole = convexity_map(plane, resolution=4, tol=1e-10)
    monkeypatch.setattr(cv, "CHUNK_NUMBERS", 2 * model.n_params ** 2)     # two points a chunk
    seen = []
    parts = convexity_map(plane, resolution=4, tol=1e-10, progress=lambda f: seen.append(f) or True)
    assert len(seen) == 8
    assert np.allclose(parts.lam_min, whole.lam_min, atol=1e-8) and np.allclose(parts.lam_max, whole.lam_max, atol=1e-8)
