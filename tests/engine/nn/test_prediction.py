"""engine.nn.predict: accuracy, decision boundary and loss checked against independent computations."""
from __future__ import annotations

import numpy as np

from engine import nn


def test_accuracy_counts_points_on_the_right_side_of_a_hand_set_boundary():
    model = nn.MLP([2, 1], activation="identity", loss="bce", seed=0)
    params = model.init_params()
    X = np.array([[1.0, 0.0], [2.0, 1.0], [-1.0, 0.5], [-3.0, -1.0], [0.5, 4.0]])
    y = np.array([1, 1, 0, 0, 0])
    # a single sigmoid unit: P(class 1) > 0.5 exactly where its pre-activation w·x + b > 0
    weights = {"W1": np.array([1.0, 0.0]).reshape(params["W1"].shape), "b1": np.zeros(1)}  # boundary x₁ = 0
    by_hand = np.mean((X[:, 0] > 0).astype(int) == y)
    assert nn.accuracy(model, weights, X, y) == by_hand == 0.8


def test_decision_boundary_lies_where_the_probability_is_one_half():
    data = nn.make_dataset("moons", n=120, noise=0.1, seed=0)
    model = nn.MLP([2, 8, 1], activation="tanh", loss="bce", seed=1)
    params = model.init_params()
    p = nn.predict(model, params, data, n=60)
    bx, by = p.boundary
    pts = np.c_[bx, by][np.isfinite(bx)]
    assert len(pts) > 10
    probs = model.forward(params, pts)[:, 0]
    np.testing.assert_allclose(probs, 0.5, atol=0.02)  # a contour of the grid: linear interpolation between nodes
    assert p.loss == model.loss(params, data.X, data.y)
    assert p.probs.shape == (60, 60, 1) and (p.xs[0] < data.X[:, 0].min() < data.X[:, 0].max() < p.xs[-1])
