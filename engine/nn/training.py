"""Full-space training of an MLP, and its path projected onto a slice.

Uses the optimizers of :mod:`engine.optimizers` (``make(name, lr, **hyper)`` -> object with ``init_state(K, D)``
and ``step(x, g) -> x_new`` on (K, D) arrays) with K = 1 run over the D flat parameters; float64 throughout.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import numpy as np

from . import fast
from .minibatch import batches, check_l2, l2_gradient, l2_penalty, weight_mask
from .params import Params

Array = np.ndarray
REPORT_EVERY = 10  # steps between two calls of train's ``progress``


class Cancelled(Exception):
    """Training stopped because its ``progress`` callback returned False (the user cancelled, or a newer request)."""


def _check_steps(lr: float, steps: int) -> None:
    if not isinstance(steps, (int, np.integer)) or not 1 <= steps <= 100_000:
        raise ValueError(f"steps must be a whole number between 1 and 100000, got {steps!r}")
    if not np.isfinite(lr) or lr <= 0:
        raise ValueError(f"learning rate must be a positive number, got {lr!r}")


def train(model, params0: Params, X: Array, y: Array, optimizer: str = "adam", lr: float = 0.01,
          steps: int = 200, batch_size: int | None = None, l2: float = 0.0, seed: int = 0,
          progress: Callable[[float], bool] | None = None, **hyper) -> tuple[Array, Array]:
    """Training from params0. Returns the path θ_t (steps + 1, D) and the loss L_λ(θ_t) on all of (X, y) before each
    step (steps + 1,) (the last entry is the loss at the final parameters).

    ``batch_size`` None or 0: full-batch steps on the whole of (X, y); else step t follows the gradient of the loss
    on the samples ``MiniBatches(N, batch_size, seed).indices(t)`` (:mod:`.minibatch`). ``l2`` = λ adds λ/2·Σ w² to
    the loss and λ·w to the gradient. ``progress(fraction done)`` is called every REPORT_EVERY steps; when it returns
    False the training stops with :class:`Cancelled`.
    """
    from engine import optimizers  # imported here: the optimizer catalogue is a sibling module of the engine

    _check_steps(lr, steps)
    l2 = check_l2(l2)
    X = model.check_inputs(X)
    t = model.targets(y, X.shape[0])                  # checked once; each step uses the flat hot path
    schedule = batches(X.shape[0], batch_size, seed)
    mask = weight_mask(model.layer_sizes)
    opt = optimizers.make(optimizer, lr, **hyper)
    theta = model.flatten(params0)[None, :]
    opt.init_state(1, theta.shape[1])
    path = np.empty((steps + 1, theta.shape[1]))
    loss = np.empty(steps + 1)
    for s in range(steps + 1):
        if progress is not None and s % REPORT_EVERY == 0 and progress(s / steps) is False:
            raise Cancelled(f"cancelled after {s} of {steps} steps")
        path[s] = theta[0]
        if schedule is None:
            L, grad = model.loss_and_flat_gradient(theta[0], X, t)
        else:      # the loss on all points (compiled forward + backward beats NumPy's forward alone); the step's
            L = (model.loss_and_flat_gradient(theta[0], X, t)[0] if fast.available()   # gradient on its batch
                 else float(model.losses_and_gradients(theta[0], X, t, gradients=False)[0]))
            if s < steps:
                rows = schedule.indices(s)
                _, grad = model.loss_and_flat_gradient(theta[0], X[rows], t[rows])
        loss[s] = L + l2_penalty(theta[0], mask, l2)
        if s < steps:
            if l2:
                grad = grad + l2_gradient(theta[0], mask, l2)
            theta = opt.step(theta, grad[None, :])
    return path, loss


@dataclass(frozen=True)
class ProjectedPath:
    """Full-space training seen on a plane.

    thetas: (T, D) parameter path.  coords: (T, 2) least-squares (α, β) of each θ_t in the plane.
    true_loss: (T,) L(θ_t).  surface_loss: (T,) the drawn surface L(θ(α_t, β_t)) at the projected point.
    gap: true_loss − surface_loss.  off_plane: (T,) distance ‖θ_t − θ(α_t, β_t)‖ from the plane.
    """

    thetas: Array
    coords: Array
    true_loss: Array
    surface_loss: Array
    off_plane: Array
    optimizer: str

    @property
    def gap(self) -> Array:
        return self.true_loss - self.surface_loss


def project_path(plane, thetas: Array, true_loss: Array | None = None, optimizer: str = "") -> ProjectedPath:
    """Project a parameter path (T, D) onto ``plane``; computes the true loss when not given."""
    thetas = np.atleast_2d(np.asarray(thetas, dtype=np.float64))
    coords, off = plane.coordinates(thetas)
    if true_loss is None:
        true_loss = np.array([plane.model.loss(plane.model.unflatten(th), plane.X, plane.y) for th in thetas])
        true_loss = true_loss + l2_penalty(thetas, weight_mask(plane.model.layer_sizes), getattr(plane, "l2", 0.0))
    surface = plane.losses(coords[:, 0], coords[:, 1])
    return ProjectedPath(thetas, coords, np.asarray(true_loss, dtype=np.float64), surface, off, optimizer)


def train_projected(model, params0: Params, X: Array, y: Array, plane, optimizer: str = "adam",
                    lr: float = 0.01, steps: int = 200, **hyper) -> ProjectedPath:
    """Train in the full parameter space from params0 (with the plane's L2 strength, so that the true loss is the
    surface's loss) and project the path onto ``plane``."""
    hyper.setdefault("l2", getattr(plane, "l2", 0.0))
    thetas, loss = train(model, params0, X, y, optimizer=optimizer, lr=lr, steps=steps, **hyper)
    return project_path(plane, thetas, loss, optimizer)


def losses_along(plane, points: Array, X: Array | None = None, y: Array | None = None, batches: bool = False
                 ) -> Array:
    """Losses along a path of plane points (T, 2) -> (T,), for the loss curves beside the surface's own value:

    * ``X``, ``y`` given: the loss on that data (a held-out test set), without the L2 term (it is not data);
    * ``batches=True``: the regularised loss on step t's mini-batch at point t — the loss that step's gradient
      descends (the plane must have ``batch_size`` > 0).
    """
    points = np.asarray(points, dtype=np.float64).reshape(-1, 2)
    thetas = plane.vectors_at(points[:, 0], points[:, 1])
    model = plane.model
    if not batches:
        X = model.check_inputs(X)
        t = model.targets(y, X.shape[0])
        chunk = model.chunk(X.shape[0])
        return np.concatenate([model.losses_and_gradients(thetas[s:s + chunk], X, t, gradients=False)[0]
                               for s in range(0, len(thetas), chunk)]).astype(np.float64)
    if plane.batches is None:
        raise ValueError("this slice has no mini-batches (batch_size 0)")
    mask = weight_mask(model.layer_sizes)
    out = np.empty(len(thetas))
    for step, theta in enumerate(thetas):
        rows = plane.batches.indices(step)
        out[step] = model.losses_and_gradients(theta, plane.X[rows], plane.t[rows], gradients=False)[0]
    return out + l2_penalty(thetas, mask, plane.l2)
