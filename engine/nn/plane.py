"""A 2D slice of a network's loss: θ(α, β) = θ_o + α·d1 + β·d2, drawn and descended like a 2D function.

θ_o (``origin``) is the plane's (0, 0); the slice's centre θ0 sits at ``centre_coords`` — (0, 0) for random, PCA and
Hessian planes, and the two parameters' own values for a "params" plane, whose axes then read as the parameter
values themselves.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

import numpy as np

from ..functions import TestFunction
from . import fast
from .mlp import in_chunks
from .minibatch import batches, check_l2, l2_gradient, l2_penalty, weight_mask
from .params import Params

Array = np.ndarray
View = tuple[tuple[float, float], tuple[float, float]]
GRID_PATH_MIN_POINTS = 4096      # value() uses the float32 fast path from this many points on
MAX_RESOLUTION = 2001


@dataclass(frozen=True)
class SliceFunction(TestFunction):
    """A slice descended with mini-batch gradients: ``batch_gradient(t, α, β)`` is the in-plane gradient of the loss
    on step t's batch (the stepping loop of :mod:`engine.descent` uses it instead of ``gradient`` when present)."""

    batch_gradient: Callable | None = None


@dataclass(eq=False)
class Plane:
    """A slice. ``centre`` is θ0 (params dict), ``directions`` (d1, d2) params dicts, ``default_range`` a sensible
    ((α0, α1), (β0, β1)), ``axis_labels`` (α label, β label). ``explained_variance`` (PCA), ``eigenvalues``
    (Hessian) and ``trajectory_coords`` (T, 2) (PCA: the path that defined the plane) are set when they apply.
    ``l2`` = λ adds λ/2·Σ w² (weights only) to every loss and gradient of the plane; ``batch_size`` > 0 gives the
    slice's 2D function a ``batch_gradient`` (mini-batches drawn from ``batch_seed``, :mod:`.minibatch`)."""

    model: object
    X: Array
    y: Array
    method: str
    centre: Params
    directions: tuple[Params, Params]
    default_range: View
    axis_labels: tuple[str, str]
    centre_coords: tuple[float, float] = (0.0, 0.0)
    explained_variance: tuple[float, float] | None = None
    eigenvalues: tuple[float, float] | None = None
    trajectory_coords: Array | None = None
    dataset_name: str = "data"
    l2: float = 0.0
    batch_size: int = 0
    batch_seed: int = 0
    _fast: list = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        m = self.model
        self.X = m.check_inputs(self.X)
        self.t = m.targets(self.y, self.X.shape[0])
        self.d1 = m.flatten(self.directions[0])
        self.d2 = m.flatten(self.directions[1])
        a0, b0 = self.centre_coords
        self.origin = m.flatten(self.centre) - a0 * self.d1 - b0 * self.d2
        self._basis = np.stack([self.d1, self.d2], axis=1)            # (D, 2)
        self.l2 = check_l2(self.l2)
        self._mask = weight_mask(m.layer_sizes)
        self.batches = batches(self.X.shape[0], self.batch_size or None, self.batch_seed)

    @property
    def name(self) -> str:
        return f"{self.model.name}-{self.dataset_name}-{self.method}"

    # ------------------------------------------------------------ points of the plane
    def vectors_at(self, alpha: Array, beta: Array) -> Array:
        """Flat parameter vectors (P, D) at points alpha, beta (any shapes, flattened after broadcasting)."""
        a, b = (np.ravel(v).astype(np.float64) for v in np.broadcast_arrays(alpha, beta))
        return self.origin + a[:, None] * self.d1 + b[:, None] * self.d2

    def params_at(self, alpha: float, beta: float) -> Params:
        """θ(α, β) as a params dict."""
        return self.model.unflatten(self.vectors_at(alpha, beta)[0])

    def coordinates(self, thetas: Array) -> tuple[Array, Array]:
        """Least-squares (α, β) of parameter vectors (T, D) in span(d1, d2) around the origin, and the distance of
        each vector from the plane (T,)."""
        thetas = np.atleast_2d(np.asarray(thetas, dtype=np.float64))
        rel = (thetas - self.origin).T                                  # (D, T)
        coef, *_ = np.linalg.lstsq(self._basis, rel, rcond=None)
        off = np.linalg.norm(rel - self._basis @ coef, axis=0)
        return coef.T, off

    # ------------------------------------------------------------ losses and gradients
    def losses(self, alpha: Array, beta: Array, dtype=np.float64) -> Array:
        """Loss at points (broadcast shapes), returned as float64. float32: the fast path when it is on, else the
        reference computed in float32; float64: the reference."""
        shape = np.broadcast_shapes(np.shape(alpha), np.shape(beta))
        a, b = (np.ravel(v).astype(np.float64) for v in np.broadcast_arrays(alpha, beta))
        if np.dtype(dtype) == np.float32 and fast.available():
            if not self._fast:
                self._fast.append(fast.PlaneLosses(self.model, self.X, self.t, self.origin, self.d1, self.d2))
            out = self._fast[0].losses(a, b)
        else:                                   # the reference, in the dtype asked for
            X, t = self.X.astype(dtype), self.t.astype(dtype)
            out = in_chunks(lambda rows: self.model.losses_and_gradients(
                self.vectors_at(a[rows], b[rows]).astype(dtype), X, t, gradients=False)[0],
                len(a), self.model.chunk(len(X))).astype(np.float64)
        if self.l2:
            out = out + self.penalty(a, b)
        return out.reshape(shape)

    def penalty(self, alpha: Array, beta: Array) -> Array:
        """λ/2·Σ w² at θ(α, β) for points (P,): a quadratic in (α, β) from masked inner products of θ_o, d1, d2."""
        m, o, d1, d2 = self._mask, self.origin, self.d1, self.d2
        dot = lambda u, v: float(np.sum(m * u * v))  # noqa: E731
        return 0.5 * self.l2 * (dot(o, o) + 2 * alpha * dot(o, d1) + 2 * beta * dot(o, d2) + alpha ** 2 * dot(d1, d1)
                                + 2 * alpha * beta * dot(d1, d2) + beta ** 2 * dot(d2, d2))

    def loss_grid(self, alpha_range: tuple[float, float] | None = None, beta_range: tuple[float, float] | None = None,
                  resolution: int | tuple[int, int] = 101, dtype=np.float32) -> Array:
        """Loss on a regular grid, shape (n_β, n_α) indexed [β, α]; α = linspace(*alpha_range, n_α).

        ``resolution`` is n for an n×n grid or (n_α, n_β). Ranges default to ``default_range``.
        """
        alpha_range = self.default_range[0] if alpha_range is None else alpha_range
        beta_range = self.default_range[1] if beta_range is None else beta_range
        na, nb = (resolution, resolution) if np.ndim(resolution) == 0 else resolution
        if not all(isinstance(n, (int, np.integer)) and 2 <= n <= MAX_RESOLUTION for n in (na, nb)):
            raise ValueError(f"grid resolution must be a whole number between 2 and {MAX_RESOLUTION}, "
                             f"got {resolution!r}")
        for what, r in (("alpha", alpha_range), ("beta", beta_range)):
            if len(r) != 2 or not np.all(np.isfinite(r)) or r[0] == r[1]:
                raise ValueError(f"{what} range must be two different finite numbers, got {r!r}")
        A, B = np.meshgrid(np.linspace(*alpha_range, na), np.linspace(*beta_range, nb))
        return self.losses(A, B, dtype=dtype)

    def gradients(self, alpha: Array, beta: Array, rows: Array | None = None) -> tuple[Array, Array]:
        """In-plane gradient (∂L/∂α, ∂L/∂β) = (d1·∇θL, d2·∇θL) at points (broadcast shapes), float64; L is the loss
        on the samples ``rows`` (a mini-batch) when given, else on all of them (plus the L2 term either way)."""
        shape = np.broadcast_shapes(np.shape(alpha), np.shape(beta))
        a, b = (np.ravel(v) for v in np.broadcast_arrays(alpha, beta))
        thetas = self.vectors_at(a, b)
        X, t = (self.X, self.t) if rows is None else (self.X[rows], self.t[rows])
        g = self.model.flat_gradients(thetas, X, t)                                    # (P, D)
        if self.l2:
            g = g + l2_gradient(thetas, self._mask, self.l2)
        out = (g[:, None, :] * self._basis.T).sum(axis=-1)      # (P, 2); each row summed alike whatever P is
        return out[:, 0].reshape(shape), out[:, 1].reshape(shape)

    # ------------------------------------------------------------ as a 2D landscape
    def as_test_function(self) -> TestFunction:
        """The slice as an :class:`engine.functions.TestFunction`: value(α, β) and gradient(α, β) -> (∂α, ∂β) on
        arrays of any shape; inputs of ≥ 4096 points use the float32 fast path (rel. error < 1e-5), smaller ones
        float64. The gradient is always float64 backprop."""

        def value(a, b):
            n = np.broadcast_shapes(np.shape(a), np.shape(b))
            dtype = np.float32 if int(np.prod(n)) >= GRID_PATH_MIN_POINTS else np.float64
            return self.losses(a, b, dtype=dtype)[()]

        def gradient(a, b):
            ga, gb = self.gradients(a, b)
            return ga[()], gb[()]

        def batch_gradient(step, a, b):
            ga, gb = self.gradients(a, b, rows=self.batches.indices(step))
            return ga[()], gb[()]

        desc = f"{self.method} slice of {self.model.name} ({self.model.loss_name}) on {self.dataset_name}"
        if self.batches is not None:
            return SliceFunction(batch_gradient=batch_gradient, name=self.name,
                                 title=f"Network: {self.dataset_name}, {self.method} slice",
                                 description=desc + f", mini-batches of {self.batches.size}", value=value,
                                 gradient=gradient, view=self.default_range, minima=[], log_scale=False,
                                 formula=f"L(θ0 + α·d1 + β·d2); α: {self.axis_labels[0]}, β: {self.axis_labels[1]}")
        return TestFunction(name=self.name, title=f"Network: {self.dataset_name}, {self.method} slice",
                            description=desc, value=value, gradient=gradient, view=self.default_range,
                            minima=[], log_scale=False,
                            formula=f"L(θ0 + α·d1 + β·d2); α: {self.axis_labels[0]}, β: {self.axis_labels[1]}")
