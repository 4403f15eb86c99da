"""What a network predicts at one point of its parameter space: the decision regions over the data, the decision
boundary, the loss and the accuracy (the data view draws these numbers).

    p = predict(model, params, data)        # classification: p.probs (ny, nx, n_out), p.boundary, p.accuracy
"""
from __future__ import annotations

from dataclasses import dataclass, field

import contourpy
import numpy as np

GRID = 100  # decision regions: GRID × GRID forward passes


@dataclass(frozen=True)
class Prediction:
    """The network's prediction over its data at one parameter vector.

    Classification: ``xs`` (nx,), ``ys`` (ny,) grid axes over the data's bounding box; ``probs`` (ny, nx, n_out)
    class probabilities (n_out = 1: P(class 1)); ``boundary`` (bx, by) the NaN-separated decision boundary
    (P = 0.5 for two classes). Regression: ``xs`` (n,) inputs and ``curve`` (n,) predictions. ``loss`` on the
    dataset; ``accuracy`` the fraction of points classified right (NaN for regression)."""

    task: str
    xs: np.ndarray
    ys: np.ndarray
    probs: np.ndarray | None
    curve: np.ndarray | None
    boundary: tuple[np.ndarray, np.ndarray] = field(default_factory=lambda: (np.empty(0), np.empty(0)))
    loss: float = float("nan")
    accuracy: float = float("nan")


def accuracy(model, params, X: np.ndarray, y: np.ndarray) -> float:
    """Fraction of the n samples X (n, n_in) whose predicted class equals y (n,): P > 0.5 for one output unit,
    the largest output otherwise."""
    out = model.forward(params, X)
    labels = (out[:, 0] > 0.5) if out.shape[1] == 1 else out.argmax(axis=1)
    return float(np.mean(labels.astype(np.int64) == np.asarray(y).astype(np.int64)))


def grid_axes(X: np.ndarray, n: int = GRID) -> tuple[np.ndarray, np.ndarray]:
    """Axes (n,) each over the bounding box of X (m, 2) with a 10 % margin."""
    lo, hi = X.min(axis=0), X.max(axis=0)
    pad = 0.1 * np.maximum(hi - lo, 1e-6)
    return np.linspace(lo[0] - pad[0], hi[0] + pad[0], n), np.linspace(lo[1] - pad[1], hi[1] + pad[1], n)


def decision_boundary(xs: np.ndarray, ys: np.ndarray, p: np.ndarray, level: float = 0.5):
    """The curve where p (ny, nx) crosses ``level``, as NaN-separated (bx, by) for one curve item."""
    gen = contourpy.contour_generator(xs, ys, p, line_type=contourpy.LineType.ChunkCombinedNan)
    (chunk,) = gen.lines(level)[0]
    if chunk is None or not len(chunk):
        return np.empty(0), np.empty(0)
    return chunk[:, 0].copy(), chunk[:, 1].copy()


def predict(model, params, data, n: int = GRID) -> Prediction:
    """The prediction of ``model`` at ``params`` over ``data`` (an ``engine.nn.Dataset``): see :class:`Prediction`."""
    loss = float(model.loss(params, data.X, data.y))
    if data.task == "regression":
        lo, hi = float(data.X[:, 0].min()), float(data.X[:, 0].max())
        pad = 0.05 * (hi - lo)
        xs = np.linspace(lo - pad, hi + pad, 4 * n)
        curve = model.forward(params, xs[:, None])[:, 0]
        return Prediction(data.task, xs, np.empty(0), None, curve, loss=loss)
    xs, ys = grid_axes(data.X, n)
    gx, gy = np.meshgrid(xs, ys)
    probs = model.forward(params, np.c_[gx.ravel(), gy.ravel()]).reshape(len(ys), len(xs), -1)
    boundary = (np.empty(0), np.empty(0))
    if probs.shape[2] in (1, 2):
        boundary = decision_boundary(xs, ys, probs[:, :, -1], 0.5)
    return Prediction(data.task, xs, ys, probs, None, boundary, loss, accuracy(model, params, data.X, data.y))
