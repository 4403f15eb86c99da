"""Training as it is done: mini-batch SGD, L2 regularisation and a train/test split, each against an independent
truth (full-batch descent, central finite differences, the set of the dataset's rows)."""
import numpy as np
import pytest

from engine.descent import descend
from engine.nn import (MLP, MiniBatches, build_landscape, make_dataset, slice_plane, train, train_test_split)
from engine.nn.prediction import accuracy

DATA = make_dataset("moons", n=40, noise=0.1, seed=1)
MODEL = MLP([2, 3, 1], activation="tanh", loss="bce", seed=2)


def fd_gradient(f, theta, h=1e-6):
    """Central finite differences of a scalar function of a flat vector."""
    g = np.empty_like(theta)
    for i in range(theta.size):
        e = np.zeros_like(theta)
        e[i] = h
        g[i] = (f(theta + e) - f(theta - e)) / (2 * h)
    return g


def batch_loss(theta, rows, l2=0.0):
    """L on the samples ``rows`` plus λ/2·Σ w², written from the params dict (not the flat mask of the engine)."""
    params = MODEL.unflatten(theta)
    weights = sum(float(np.sum(params[k] ** 2)) for k in params if k.startswith("W"))
    return MODEL.loss(params, DATA.X[rows], DATA.y[rows]) + 0.5 * l2 * weights


def test_each_epoch_visits_every_sample_once_and_batches_are_reproducible():
    b = MiniBatches(23, 5, seed=4)
    assert b.per_epoch == 5
    for epoch in range(3):
        rows = np.concatenate([b.indices(epoch * 5 + k) for k in range(5)])
        assert sorted(rows.tolist()) == list(range(23))
    again = MiniBatches(23, 5, seed=4)
    assert [again.indices(t).tolist() for t in (7, 0, 3)] == [b.indices(t).tolist() for t in (7, 0, 3)]
    assert b.indices(0).tolist() != MiniBatches(23, 5, seed=5).indices(0).tolist()
    assert b.indices(0).tolist() != b.indices(5).tolist()    # a fresh permutation each epoch


def test_batch_of_all_points_follows_the_full_batch_trajectory():
    p0 = MODEL.init_params()
    full, full_loss = train(MODEL, p0, DATA.X, DATA.y, optimizer="gd", lr=0.5, steps=30)
    mini, mini_loss = train(MODEL, p0, DATA.X, DATA.y, optimizer="gd", lr=0.5, steps=30, batch_size=len(DATA), seed=9)
    np.testing.assert_allclose(mini, full, rtol=0, atol=1e-12)
    np.testing.assert_allclose(mini_loss, full_loss, rtol=1e-12)


def test_one_mini_batch_step_is_the_hand_computed_step_on_that_batch():
    p0 = MODEL.init_params()
    theta0 = MODEL.flatten(p0)
    lr, l2 = 0.3, 0.05
    path, loss = train(MODEL, p0, DATA.X, DATA.y, optimizer="gd", lr=lr, steps=2, batch_size=8, seed=3, l2=l2)
    rows0 = MiniBatches(len(DATA), 8, seed=3).indices(0)
    expected = theta0 - lr * fd_gradient(lambda th: batch_loss(th, rows0, l2), theta0)
    np.testing.assert_allclose(path[1], expected, atol=1e-8)
    # the recorded loss is the regularised loss on all points
    assert loss[1] == pytest.approx(batch_loss(path[1], np.arange(len(DATA)), l2), rel=1e-12)
    # and step 1 used another batch than step 0: a full-batch step would have gone elsewhere
    rows1 = MiniBatches(len(DATA), 8, seed=3).indices(1)
    np.testing.assert_allclose(path[2], path[1] - lr * fd_gradient(lambda th: batch_loss(th, rows1, l2), path[1]),
                               atol=1e-8)


def test_l2_gradient_equals_finite_differences_of_the_regularised_loss():
    theta = MODEL.flatten(MODEL.init_params()) + 0.3
    l2 = 0.7
    path, _ = train(MODEL, MODEL.unflatten(theta), DATA.X, DATA.y, optimizer="gd", lr=1.0, steps=1, l2=l2)
    analytic = theta - path[1]                                    # lr = 1: the step is the gradient
    numeric = fd_gradient(lambda th: batch_loss(th, np.arange(len(DATA)), l2), theta)
    np.testing.assert_allclose(analytic, numeric, atol=1e-8)
    assert np.abs(analytic - (theta - train(MODEL, MODEL.unflatten(theta), DATA.X, DATA.y, optimizer="gd",
                                            lr=1.0, steps=1)[0][1])).max() > 0.1    # λ changed the step


def test_regularised_slice_value_and_in_plane_gradient():
    l2 = 0.4
    plane = slice_plane(MODEL, MODEL.init_params(), DATA.X, DATA.y, method="random", seed=1, l2=l2)
    f = plane.as_test_function()
    a, b = 0.3, -0.2
    theta = plane.vectors_at(a, b)[0]
    assert float(f.value(np.float64(a), np.float64(b))) == pytest.approx(batch_loss(theta, np.arange(len(DATA)), l2),
                                                                          rel=1e-12)
    h = 1e-6
    ga, gb = f.gradient(np.float64(a), np.float64(b))
    fa = (f.value(np.float64(a + h), np.float64(b)) - f.value(np.float64(a - h), np.float64(b))) / (2 * h)
    fb = (f.value(np.float64(a), np.float64(b + h)) - f.value(np.float64(a), np.float64(b - h))) / (2 * h)
    assert float(ga) == pytest.approx(float(fa), abs=1e-7) and float(gb) == pytest.approx(float(fb), abs=1e-7)
    # the float32 grid path adds the same term
    grid = plane.losses(np.full(5000, a), np.full(5000, b), dtype=np.float32)
    assert grid[0] == pytest.approx(batch_loss(theta, np.arange(len(DATA)), l2), rel=1e-5)


def test_runs_on_a_mini_batch_slice():
    params = MODEL.init_params()
    full = slice_plane(MODEL, params, DATA.X, DATA.y, method="random", seed=1).as_test_function()
    every = slice_plane(MODEL, params, DATA.X, DATA.y, method="random", seed=1,
                        batch_size=len(DATA)).as_test_function()
    small_plane = slice_plane(MODEL, params, DATA.X, DATA.y, method="random", seed=1, batch_size=4)
    small = small_plane.as_test_function()
    starts = [[0.4, -0.3], [-0.5, 0.2]]
    a = descend(full, starts, "gd", lr=0.5, steps=40)
    b = descend(every, starts, "gd", lr=0.5, steps=40)
    np.testing.assert_allclose(b.points, a.points, atol=1e-12)
    c = descend(small, starts, "gd", lr=0.5, steps=40)
    again = descend(small, starts, "gd", lr=0.5, steps=40)
    np.testing.assert_array_equal(c.points, again.points)           # seeded: the same noise every time
    assert np.abs(c.points - a.points).max() > 1e-3                  # and it is noise: another path
    # step 0 follows the in-plane gradient of the loss on batch 0, by finite differences along d1 and d2
    rows = MiniBatches(len(DATA), 4, seed=1).indices(0)
    x0 = np.array(starts[0])
    h = 1e-6
    along = lambda d: (batch_loss(small_plane.vectors_at(*(x0 + h * d))[0], rows)  # noqa: E731
                       - batch_loss(small_plane.vectors_at(*(x0 - h * d))[0], rows)) / (2 * h)
    g = np.array([along(np.array([1.0, 0.0])), along(np.array([0.0, 1.0]))])
    np.testing.assert_allclose(c.points[1, 0], x0 - 0.5 * g, atol=1e-8)
    # the recorded values are the full loss on the surface at the path's points
    assert c.values[5, 0] == pytest.approx(float(full.value(*c.points[5, 0].astype(np.float64))), rel=1e-9)


def test_train_test_split_sizes_and_disjointness():
    data = make_dataset("circles", n=101, noise=0.05, seed=3)
    train_set, test_set = train_test_split(data, 0.3, seed=3)
    assert (len(train_set), len(test_set)) == (71, 30)
    rows = lambda d: {tuple(r) for r in np.c_[d.X, d.y]}  # noqa: E731
    assert not rows(train_set) & rows(test_set)
    assert rows(train_set) | rows(test_set) == rows(data)
    assert train_test_split(data, 0.3, seed=3)[1].X.tolist() == test_set.X.tolist()
    assert train_test_split(data, 0.0)[1] is None
    with pytest.raises(ValueError, match="test fraction"):
        train_test_split(data, 1.0)


def test_split_in_a_built_landscape_trains_on_the_training_points_only():
    spec = {"dataset": {"name": "moons", "n": 100, "noise": 0.1, "seed": 0, "test_fraction": 0.25},
            "layers": [2, 4, 1], "activation": "tanh", "loss": "bce",
            "slice": {"method": "random", "seed": 0, "centre": "init", "options": {}}}
    built = build_landscape(spec)
    assert (len(built.dataset), len(built.test)) == (75, 25)
    value = float(built.function.value(np.float64(0.0), np.float64(0.0)))
    assert value == pytest.approx(MLP([2, 4, 1], "tanh", "bce", seed=0).loss(built.params, built.dataset.X,
                                                                          built.dataset.y), rel=1e-12)


XOR = {"dataset": {"name": "xor", "n": 200, "noise": 0.1, "seed": 0}, "layers": [2, 8, 8, 1], "activation": "tanh",
       "loss": "bce", "slice": {"method": "random", "seed": 0, "centre": "trained", "options": {}}}


def test_centre_training_settings_change_the_centre_and_xor_is_learnt():
    old = build_landscape(XOR)                         # 200 Adam steps at 0.01: the training before the settings
    new = build_landscape(dict(XOR, training={"optimizer": "adam", "lr": 0.01, "steps": 1000, "batch_size": 0}))
    acc = lambda b: accuracy(b.model, b.params, b.dataset.X, b.dataset.y)  # noqa: E731
    assert acc(old) < 0.95 <= acc(new)
    sgd = build_landscape(dict(XOR, training={"optimizer": "gd", "lr": 0.5, "steps": 1000, "batch_size": 16}))
    assert acc(sgd) >= 0.9
    assert not np.allclose(sgd.model.flatten(sgd.params), new.model.flatten(new.params))


def test_losses_along_a_path_on_test_points_and_on_each_steps_batch():
    l2 = 0.2
    plane = slice_plane(MODEL, MODEL.init_params(), DATA.X, DATA.y, method="random", seed=1, batch_size=6, l2=l2)
    test = make_dataset("moons", n=15, noise=0.1, seed=9)
    from engine.nn.training import losses_along
    points = np.array([[0.1, 0.2], [0.3, -0.1], [-0.2, 0.0]])
    on_test = losses_along(plane, points, test.X, test.y)
    assert on_test[1] == pytest.approx(MODEL.loss(plane.params_at(0.3, -0.1), test.X, test.y), rel=1e-12)
    on_batches = losses_along(plane, points, batches=True)
    rows2 = MiniBatches(len(DATA), 6, seed=1).indices(2)
    assert on_batches[2] == pytest.approx(batch_loss(plane.vectors_at(-0.2, 0.0)[0], rows2, l2), rel=1e-12)


def test_hessian_slice_of_a_regularised_loss_has_the_curvature_of_finite_differences():
    l2 = 0.3
    params = MODEL.init_params()
    plane = slice_plane(MODEL, params, DATA.X, DATA.y, method="hessian", l2=l2)
    theta = MODEL.flatten(params)
    # Hessian of L + λ/2·Σw² by central differences of its finite-difference gradient (small net: D = 13)
    f = lambda th: batch_loss(th, np.arange(len(DATA)), l2)  # noqa: E731
    h = 1e-4
    H = np.array([(fd_gradient(f, theta + h * e, 1e-5) - fd_gradient(f, theta - h * e, 1e-5)) / (2 * h)
                  for e in np.eye(theta.size)])
    top = np.sort(np.linalg.eigvalsh(0.5 * (H + H.T)))[::-1][:2]
    np.testing.assert_allclose(plane.eigenvalues, top, rtol=1e-3, atol=1e-4)


def test_batches_read_from_two_threads_are_each_steps_own():
    from concurrent.futures import ThreadPoolExecutor
    shared, fresh = MiniBatches(50, 7, seed=3), MiniBatches(50, 7, seed=3)
    steps = list(range(0, 400, 3)) + list(range(400, 0, -5))
    expected = {t: fresh.indices(t).tolist() for t in steps}
    with ThreadPoolExecutor(2) as pool:
        for _ in range(3):
            got = list(pool.map(lambda t: (t, shared.indices(t).tolist()), steps))
            assert all(rows == expected[t] for t, rows in got)
