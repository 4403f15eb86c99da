"""The convexity map of Li et al. 2018 (Fig. 7): |λ_min / λ_max| of the full-parameter Hessian at every point of a
slice, from Hessian-vector products only (the Hessian itself is never formed).

* :func:`hessian_vector_products` — H(θ_p)·v_p at many points at once by **central differences of the exact backprop
  gradient**: Hv ≈ (∇L(θ + h v) − ∇L(θ − h v)) / 2h, with ‖v‖ = 1 and h = 1e-4 (error O(h²) from the third
  derivative, rounding O(ε/h)); two gradients per product, on the compiled fast path when it is available.
* :func:`extreme_eigenvalues` — the smallest and largest eigenvalue of symmetric operators by the Lanczos method
  with full re-orthogonalisation, batched over many points, stopped when the Ritz residual bounds of both ends are
  below ``tol`` · max(|λ_min|, |λ_max|) (or after D steps, where the tridiagonal matrix holds the whole spectrum).
* :func:`convexity_map` — both on a grid of the plane, with a ``progress(fraction) -> bool`` that can cancel it.

λ_min is the algebraic minimum: where it is negative the loss curves downward along some direction (a non-convex
point); a small |λ_min / λ_max| means the point is nearly convex, as in the paper's colour scale.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from .minibatch import weight_mask

Array = np.ndarray
HVP_STEP = 1e-4           # h of the central difference, for unit vectors v
POINTS_PER_CHUNK = 48     # grid points iterated together, at most
CHUNK_NUMBERS = 1 << 24   # cap on a chunk's Lanczos basis (points × steps × D float64 numbers: 128 MB)
MAX_STEPS = 150           # default cap on Lanczos steps a point (the extremes converge in a few tens)
CHECK_EVERY = 4           # Lanczos steps between convergence checks


class Cancelled(Exception):
    """The ``progress`` callback of :func:`convexity_map` returned False."""


def hessian_vector_products(model, thetas: Array, V: Array, X: Array, t: Array, h: float = HVP_STEP) -> Array:
    """H(θ_p) v_p for P points: thetas (P, D), V (P, D) (rows of unit norm) -> (P, D), float64.

    Central differences of the exact backprop gradient (see the module docstring); X and t (N, n_L) checked inputs
    and targets (:meth:`MLP.check_inputs`, :meth:`MLP.targets`).
    """
    thetas, V = np.atleast_2d(thetas), np.atleast_2d(V)
    P = len(thetas)
    g = model.flat_gradients(np.concatenate([thetas + h * V, thetas - h * V]), X, t)
    return (g[:P] - g[P:]) / (2.0 * h)


def extreme_eigenvalues(matvec: Callable[[Array], Array], P: int, D: int, tol: float = 1e-3,
                        max_iterations: int | None = None, seed: int = 0) -> tuple[Array, Array, int]:
    """(λ_min (P,), λ_max (P,), steps taken) of P symmetric D × D operators given by ``matvec(V (P, D)) -> (P, D)``.

    Lanczos from a random unit vector per operator, with full re-orthogonalisation (twice, classical Gram–Schmidt):
    T_k = Q_kᵀ H Q_k is tridiagonal, its extreme eigenvalues (Ritz values) approach H's. A Ritz value θ_i lies within
    β_k |s_{k,i}| of an eigenvalue of H (s_i its eigenvector of T_k); the iteration stops when that bound is below
    ``tol`` · max(|λ_min|, |λ_max|) at both ends for every operator, or after ``max_iterations`` steps (default D:
    exact in exact arithmetic).
    An invariant subspace found early (β ≈ 0) is continued with a fresh random vector orthogonal to it, so k = D
    steps always give the exact spectrum.
    """
    k_max = D if max_iterations is None else max(1, min(int(max_iterations), D))
    rng = np.random.default_rng(seed)
    Q = np.empty((P, k_max, D))
    alpha, beta = np.zeros((P, k_max)), np.zeros((P, k_max))
    q = _unit(rng.standard_normal((P, D)))
    lo = hi = np.zeros(P)
    for j in range(k_max):
        Q[:, j] = q
        w = matvec(q)
        alpha[:, j] = np.einsum("pd,pd->p", w, q)
        for _ in range(2):                     # against every earlier vector: orthogonality kept to rounding
            w -= np.einsum("pkd,pk->pd", Q[:, :j + 1], np.einsum("pkd,pd->pk", Q[:, :j + 1], w))
        b = np.linalg.norm(w, axis=1)
        scale = np.maximum(np.abs(alpha[:, :j + 1]).max(axis=1) + beta[:, :j + 1].max(axis=1), 1e-300)
        broke = b <= 1e-10 * scale
        if broke.any() and j + 1 < k_max:      # an invariant subspace: restart orthogonal to it
            fresh = rng.standard_normal((int(broke.sum()), D))
            for _ in range(2):
                fresh -= np.einsum("pkd,pk->pd", Q[broke, :j + 1], np.einsum("pkd,pd->pk", Q[broke, :j + 1], fresh))
            w[broke], b[broke] = _unit(fresh), 0.0
        beta[:, j] = b
        q = np.where(broke[:, None], w, w / np.where(broke, 1.0, b)[:, None])
        last = j + 1 == k_max
        if last or (j + 1) % CHECK_EVERY == 0:
            lo, hi, bound_lo, bound_hi = _ritz_ends(alpha[:, :j + 1], beta[:, :j + 1])
            size = np.maximum(np.maximum(np.abs(lo), np.abs(hi)), 1e-300)
            if last or (np.all(bound_lo <= tol * size) and np.all(bound_hi <= tol * size)):
                return lo, hi, j + 1
    return lo, hi, k_max


def _unit(V: Array) -> Array:
    return V / np.linalg.norm(V, axis=1, keepdims=True)


def _ritz_ends(alpha: Array, beta: Array) -> tuple[Array, Array, Array, Array]:
    """Smallest and largest eigenvalue of each tridiagonal T (diagonal alpha (P, k), off-diagonal beta[:, :k−1]) and
    their residual bounds β_k |s_{k,i}|."""
    P, k = alpha.shape
    T = np.zeros((P, k, k))
    i = np.arange(k)
    T[:, i, i] = alpha
    T[:, i[:-1], i[1:]] = T[:, i[1:], i[:-1]] = beta[:, :k - 1]
    w, S = np.linalg.eigh(T)
    b = beta[:, k - 1]
    return w[:, 0], w[:, -1], b * np.abs(S[:, -1, 0]), b * np.abs(S[:, -1, -1])


@dataclass(frozen=True)
class ConvexityMap:
    """λ_min and λ_max of the Hessian on a grid of a plane: alpha (n_α,), beta (n_β,), lam_min and lam_max
    (n_β, n_α) indexed [β, α] like :meth:`Plane.loss_grid`; ``steps`` the most Lanczos steps a chunk took."""

    alpha: Array
    beta: Array
    lam_min: Array
    lam_max: Array
    steps: int
    tol: float

    @property
    def ratio(self) -> Array:
        """|λ_min / λ_max| (n_β, n_α): near 0 where the loss is (nearly) convex, large where it curves down."""
        with np.errstate(divide="ignore", invalid="ignore"):
            return np.abs(self.lam_min / self.lam_max)


def point_extremes(model, theta: Array, X: Array, t: Array, tol: float = 1e-3, max_iterations: int | None = None,
                   seed: int = 0) -> tuple[float, float]:
    """(λ_min, λ_max) of the Hessian at one flat parameter vector θ (D,) by Lanczos on Hessian-vector products."""
    theta = np.asarray(theta, dtype=np.float64)[None, :]
    lo, hi, _ = extreme_eigenvalues(lambda V: hessian_vector_products(model, theta, V, X, t), 1, theta.shape[1],
                                    tol, max_iterations, seed)
    return float(lo[0]), float(hi[0])


def convexity_map(plane, alpha_range: tuple[float, float] | None = None,
                  beta_range: tuple[float, float] | None = None, resolution: int = 41, tol: float = 1e-3,
                  max_iterations: int | None = None, seed: int = 0,
                  progress: Callable[[float], bool] | None = None) -> ConvexityMap:
    """λ_min and λ_max of the full-parameter Hessian at every point θ(α, β) of a resolution × resolution grid.

    Ranges default to the plane's ``default_range``; ``progress(fraction)`` is called after each chunk of grid points
    and returning False raises :class:`Cancelled`. ``max_iterations`` caps the Lanczos steps a point (default
    min(D, MAX_STEPS)). ValueError for a resolution outside 2 … 201 or a bad range.
    """
    alpha_range = plane.default_range[0] if alpha_range is None else alpha_range
    beta_range = plane.default_range[1] if beta_range is None else beta_range
    if not isinstance(resolution, (int, np.integer)) or not 2 <= resolution <= 201:
        raise ValueError(f"the convexity map's resolution must be a whole number between 2 and 201, got {resolution!r}")
    for what, r in (("alpha", alpha_range), ("beta", beta_range)):
        if len(r) != 2 or not np.all(np.isfinite(r)) or r[0] == r[1]:
            raise ValueError(f"{what} range must be two different finite numbers, got {r!r}")
    a, b = np.linspace(*alpha_range, resolution), np.linspace(*beta_range, resolution)
    A, B = (v.ravel() for v in np.meshgrid(a, b))                     # row-major over [β, α]
    model, X, t = plane.model, plane.X, plane.t
    D, n = plane.origin.size, len(A)
    # the slice's loss may carry λ/2·Σ w² over the weights (plane.l2): its Hessian adds λ on the weights' diagonal
    l2 = float(getattr(plane, "l2", 0.0) or 0.0)
    ridge = l2 * weight_mask(model.layer_sizes) if l2 else None
    k_max = min(D, MAX_STEPS) if max_iterations is None else max(1, min(int(max_iterations), D))
    chunk = max(1, min(POINTS_PER_CHUNK, CHUNK_NUMBERS // (k_max * D)))
    lo, hi = np.empty(n), np.empty(n)
    steps = 0
    for s in range(0, n, chunk):
        part = plane.vectors_at(A[s:s + chunk], B[s:s + chunk])      # (chunk, D)
        def matvec(V, part=part):
            hv = hessian_vector_products(model, part, V, X, t)
            return hv if ridge is None else hv + ridge * V

        lo[s:s + len(part)], hi[s:s + len(part)], k = extreme_eigenvalues(matvec, len(part), D, tol, k_max, seed + s)
        steps = max(steps, k)
        if progress is not None and progress((s + len(part)) / n) is False:
            raise Cancelled("convexity map cancelled")
    shape = (resolution, resolution)
    return ConvexityMap(a, b, lo.reshape(shape), hi.reshape(shape), steps, float(tol))
