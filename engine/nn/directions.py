"""Directions that span a 2D slice of parameter space.

* :func:`filter_normalised_direction` — Li et al. 2018, "Visualizing the Loss Landscape of Neural Nets": a Gaussian
  direction whose every filter is rescaled to the norm of the matching filter of the weights. A filter is one
  neuron's incoming weights: row i of W_l (n_out, n_in), as in PyTorch. Biases get a zero direction by default
  (Li et al.'s ``ignore='biasbn'``);
  with ``ignore_biases=False`` each bias is its own one-number filter, rescaled to |b_j|.
* :func:`pca_directions` — the top two principal directions of a training trajectory θ_t − θ_final.
* :func:`hessian_directions` — the eigenvectors of the two largest Hessian eigenvalues at θ0.
"""
from __future__ import annotations

import numpy as np

from .params import Params

Array = np.ndarray
FULL_HESSIAN_MAX = 1500      # above this many parameters use block power iteration with Hessian-vector products


def filter_normalised_direction(params: Params, rng: np.random.Generator, ignore_biases: bool = True) -> Params:
    """One random direction with the shapes of ``params``; ‖d_W[i, :]‖ = ‖W[i, :]‖ for every neuron i."""
    d: Params = {}
    for k, v in params.items():
        v = np.asarray(v, dtype=np.float64)
        if k.startswith("W"):
            # drawn in (in, out) order and transposed, so that a seed gives the plane saved scenes were made with
            r = rng.standard_normal(v.shape[::-1]).T
            r = r * (np.linalg.norm(v, axis=1) / np.maximum(np.linalg.norm(r, axis=1), 1e-300))[:, None]
            d[k] = r
            continue
        r = rng.standard_normal(v.shape)
        if ignore_biases:
            r = np.zeros_like(v)
        else:
            r *= np.abs(v) / np.maximum(np.abs(r), 1e-300)
        d[k] = r
    return d


def orthogonalise(d1: Array, d2: Array) -> Array:
    """d2 minus its component along d1 (Gram–Schmidt), rescaled to d2's original norm."""
    n1 = float(d1 @ d1)
    if n1 == 0.0:
        return d2
    out = d2 - (d2 @ d1) / n1 * d1
    norm = np.linalg.norm(out)
    if norm == 0.0:
        raise ValueError("the two directions are parallel; cannot orthogonalise (try another seed)")
    return out * (np.linalg.norm(d2) / norm)


def pca_directions(trajectory: Array) -> tuple[Array, Array, Array, Array]:
    """Top two principal directions of θ_t − θ_final for a trajectory (T, D).

    Returns d1, d2 (unit (D,) vectors), explained-variance ratios (2,) and the trajectory's coordinates (T, 2)
    relative to θ_final. Rows are mean-centred before the SVD, as sklearn's PCA does in Li et al.'s code.
    """
    traj = np.asarray(trajectory, dtype=np.float64)
    if traj.ndim != 2 or traj.shape[0] < 3:
        raise ValueError("a PCA slice needs a trajectory of at least 3 parameter vectors, shape (T, D)")
    M = traj - traj[-1]
    _, S, Vt = np.linalg.svd(M - M.mean(axis=0), full_matrices=False)
    if len(S) < 2 or S[1] <= 1e-12 * max(S[0], 1e-300):
        raise ValueError("the trajectory does not span two directions (it is a point or a straight line)")
    d1, d2 = Vt[0], Vt[1]
    # Sign convention: the path starts at positive coordinates, so that plots look alike across runs.
    coords = M @ np.stack([d1, d2], axis=1)
    signs = np.where(coords[0] < 0, -1.0, 1.0)
    ratio = S[:2] ** 2 / np.sum(S ** 2)
    return d1 * signs[0], d2 * signs[1], ratio, coords * signs


def hessian(model, theta: Array, X: Array, t: Array, h: float = 1e-4) -> Array:
    """Full Hessian (D, D) by central differences of the analytic gradient (symmetrised); float64."""
    D = theta.size
    steps = np.eye(D) * h
    g = model.flat_gradients(np.concatenate([theta + steps, theta - steps]), X, t)
    H = (g[:D] - g[D:]) / (2 * h)
    return 0.5 * (H + H.T)


def hessian_vector_products(model, theta: Array, V: Array, X: Array, t: Array, h: float = 1e-4) -> Array:
    """H·v for the columns of V (D, k) by central differences of the gradient; returns (D, k)."""
    g = model.flat_gradients(np.concatenate([theta + h * V.T, theta - h * V.T]), X, t)
    k = V.shape[1]
    return ((g[:k] - g[k:]) / (2 * h)).T


def hessian_directions(model, theta: Array, X: Array, t: Array, seed: int = 0,
                       iterations: int = 100, l2: float = 0.0) -> tuple[Array, Array, Array]:
    """Unit eigenvectors d1, d2 of the two largest Hessian eigenvalues at θ and the eigenvalues (2,).

    Small networks (D ≤ 1500): exact ``eigh`` of the full Hessian. Larger: block power iteration with
    Hessian-vector products, which finds the eigenvalues largest in magnitude (the top two, unless the most
    negative curvature dominates). ``l2`` = λ: the Hessian of the regularised loss, H + λ·diag(weight mask).
    """
    from .minibatch import weight_mask
    decay = l2 * weight_mask(model.layer_sizes)
    D = theta.size
    if D < 2:
        raise ValueError("a Hessian slice needs a network with at least 2 parameters")
    if D <= FULL_HESSIAN_MAX:
        w, V = np.linalg.eigh(hessian(model, theta, X, t) + np.diag(decay))
        return V[:, -1], V[:, -2], w[[-1, -2]]
    rng = np.random.default_rng(seed)
    Q, _ = np.linalg.qr(rng.standard_normal((D, 4)))
    for _ in range(iterations):
        Q, _ = np.linalg.qr(hessian_vector_products(model, theta, Q, X, t) + decay[:, None] * Q)
    T = Q.T @ (hessian_vector_products(model, theta, Q, X, t) + decay[:, None] * Q)
    w, U = np.linalg.eigh(0.5 * (T + T.T))
    order = np.argsort(w)[::-1][:2]
    V = Q @ U[:, order]
    return V[:, 0], V[:, 1], w[order]
