"""1D linear interpolation between two parameter sets (Goodfellow, Vinyals & Saxe 2015): the loss along
θ(t) = (1 − t)·θ_a + t·θ_b, t = 0 at θ_a and 1 at θ_b; t < 0 or t > 1 extrapolates beyond the two ends.

    t, loss = interpolate(model, model.init_params(), trained, X, y, steps=101)
    line = interpolate(model, a, b, X, y, 101, t_range=(-0.5, 1.5), X_test=Xt, y_test=yt)   # line.test_loss too
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .mlp import in_chunks

Array = np.ndarray
MAX_STEPS = 10_001


@dataclass(frozen=True)
class Interpolation:
    """t (S,) increasing, loss (S,) on the training data, test_loss (S,) on a test set when one was given.
    Unpacks as ``t, loss = …``."""

    t: Array
    loss: Array
    test_loss: Array | None = None

    def __iter__(self):
        return iter((self.t, self.loss))


def line_losses(model, thetas: Array, X: Array, y: Array) -> Array:
    """The loss (float64 reference) at parameter vectors thetas (S, D) on data (X, y)."""
    X = model.check_inputs(X)
    t = model.targets(y, X.shape[0])
    return in_chunks(lambda rows: model.losses_and_gradients(thetas[rows], X, t, gradients=False)[0],
                     len(thetas), model.chunk(len(X)))


def interpolate(model, params_a, params_b, X: Array, y: Array, steps: int = 101,
                t_range: tuple[float, float] = (0.0, 1.0), X_test: Array | None = None,
                y_test: Array | None = None) -> Interpolation:
    """Loss along the line from ``params_a`` (t = 0) to ``params_b`` (t = 1); params dicts or flat vectors (D,).

    ``steps`` points evenly spaced over ``t_range``; t = 0 and t = 1 are always among them when inside the range, so
    that the curve's ends are the two parameter sets' own losses. Returns an :class:`Interpolation` (unpacks as
    ``t, loss``); with ``X_test, y_test`` its ``test_loss`` is the same line on the test set.
    """
    if not isinstance(steps, (int, np.integer)) or not 2 <= steps <= MAX_STEPS:
        raise ValueError(f"steps must be a whole number between 2 and {MAX_STEPS}, got {steps!r}")
    lo, hi = (float(v) for v in t_range)
    if not (np.isfinite(lo) and np.isfinite(hi) and lo < hi):
        raise ValueError(f"t range must be two finite numbers, the first smaller, got {t_range!r}")
    if (X_test is None) != (y_test is None):
        raise ValueError("give both X_test and y_test, or neither")
    a, b = (model.flatten(p) if isinstance(p, dict) else np.asarray(p, dtype=np.float64) for p in (params_a, params_b))
    for what, v in (("first", a), ("second", b)):
        if v.shape != (model.n_params,):
            raise ValueError(f"the {what} parameter set has {v.size} numbers, the network has {model.n_params}")
    t = np.linspace(lo, hi, steps)
    ends = [e for e in (0.0, 1.0) if lo <= e <= hi]
    for e in ends:                              # put the ends exactly where the nearest sample is
        t[int(np.argmin(np.abs(t - e)))] = e
    thetas = (1.0 - t)[:, None] * a + t[:, None] * b
    loss = line_losses(model, thetas, X, y)
    test = None if X_test is None else line_losses(model, thetas, X_test, y_test)
    return Interpolation(t, loss, test)
