"""Hyper-parameter maps: from one start point, steps to converge (or "diverged") for every (η, μ) / (η, β₁) pair.

:func:`hyper_map` runs every cell of the grid as one run of a vectorised loop, K = rows × columns runs at once.
The optimizers of :mod:`engine.optimizers` take one learning rate and one μ for all K runs, so a map of K different
pairs would need K calls of :func:`engine.descent.descend` (10,000 for a 100 × 100 map). Here the same update rules
are written once more with *per-run* η, μ and β₁ (arrays broadcast over the runs), for the optimizers a map can vary:

- ``gd``        x ← x − η·g
- ``momentum``  v ← μ·v + g;  x ← x − η·v
- ``nesterov``  v ← μ·v + g;  x ← x − η·(g + μ·v)
- ``adam``      m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  x ← x − η·m̂/(√v̂ + ε)

with the stopping rules of ``descend`` (converged when |∇f| < tol, diverged past ``bound`` or on a non-finite value).
Both are tested to give the same steps as ``descend`` run by run. Other optimizers (η only) fall back to one
``descend`` call per cell.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

from engine.descent import descend
from engine.optimizers import get_class

Array = np.ndarray
BLOCK = 64  # steps between stop checks
CONVERGED, DIVERGED, MAX_STEPS = 0, 1, 2
SECOND_AXIS = {"momentum": "momentum", "nesterov": "momentum", "adam": "beta1"}  # optimizer -> its map's 2nd axis
VECTORISED = ("gd", "momentum", "nesterov", "adam")


@dataclass(frozen=True)
class HyperMap:
    """The result of :func:`hyper_map`.

    lrs (N,) the columns; second_name ("momentum", "beta1" or None) and second (M,) the rows (M = 1, second = None
    for a 1D η curve); status (M, N) of CONVERGED / DIVERGED / MAX_STEPS; stopped_at (M, N): the step at which each
    run converged, or its last finite step before diverging, or ``steps``.
    """

    optimizer: str
    start: tuple[float, float]
    lrs: Array
    second_name: str | None
    second: Array | None
    status: Array
    stopped_at: Array
    steps: int
    tol: float
    hyper: dict

    @property
    def converge_steps(self) -> Array:
        """(M, N) float: steps to converge, NaN where the run diverged or ran out of steps."""
        return np.where(self.status == CONVERGED, self.stopped_at, np.nan).astype(float)

    def cell(self, row: int, col: int) -> tuple[float, dict]:
        """(η, hyper-parameters) of one cell, as ``descend`` takes them."""
        hyper = dict(self.hyper)
        if self.second_name is not None:
            hyper[self.second_name] = float(self.second[row])
        return float(self.lrs[col]), hyper

    def label(self, row: int, col: int) -> str:
        """"412" / "diverged" / "not converged" for a cell."""
        s = int(self.status[row, col])
        return str(int(self.stopped_at[row, col])) if s == CONVERGED else ("diverged" if s == DIVERGED
                                                                          else "not converged")


def axis(lo: float, hi: float, n: int, log: bool) -> Array:
    """n values from lo to hi, log-spaced (learning rates) or evenly spaced (μ, β₁); ValueError on bad input."""
    if isinstance(n, bool) or not isinstance(n, (int, np.integer)) or n < 1:
        raise ValueError(f"the number of values must be an integer ≥ 1, got {n!r}")
    lo, hi = float(lo), float(hi)
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
        raise ValueError(f"the range must be finite with low ≤ high, got {lo:g}:{hi:g}")
    if n == 1:
        return np.array([lo])
    if log:
        if lo <= 0:
            raise ValueError(f"a log-spaced range needs low > 0, got {lo:g}")
        return np.geomspace(lo, hi, int(n))
    return np.linspace(lo, hi, int(n))


def hyper_map(function, start, optimizer: str, lrs, second=None, steps: int = 1000, tol: float = 1e-6,
              bound: float = 1e6, progress: Callable[[float], bool] | None = None, **hyper: float) -> HyperMap | None:
    """Run ``optimizer`` from ``start`` for every η in ``lrs`` (columns) and every value of its second axis in
    ``second`` (rows: μ for momentum/Nesterov, β₁ for Adam; None for a 1D η curve).

    ``hyper`` fixes the other hyper-parameters (defaults: torch.optim's). ``progress(fraction)`` is told how far the
    map is; when it returns False the map stops and None is returned. ValueError for bad arguments (the engine's
    checks of every η and hyper-parameter).
    """
    cls = get_class(optimizer)
    lrs = np.atleast_1d(np.asarray(lrs, dtype=float))
    second_name = None
    if second is not None:
        if optimizer not in SECOND_AXIS:
            raise ValueError(f"{optimizer} has no second map axis; only {', '.join(SECOND_AXIS)} have one")
        second_name = SECOND_AXIS[optimizer]
        second = np.atleast_1d(np.asarray(second, dtype=float))
        if second_name in hyper:
            raise ValueError(f"{second_name} is the map's second axis; it cannot also be fixed")
    if lrs.ndim != 1 or lrs.size == 0 or (second is not None and (second.ndim != 1 or second.size == 0)):
        raise ValueError("the map's axes must be non-empty lists of numbers")
    for lr in lrs:  # the engine's own checks of every value, before any work
        cls(float(lr), **hyper)
    for value in (second if second is not None else []):
        cls(float(lrs[0]), **{**hyper, second_name: float(value)})
    start = np.asarray(start, dtype=float).reshape(2)
    M, N = (1 if second is None else second.size), lrs.size
    resolved = {**cls.hyper_defaults, **hyper}
    lr_grid = np.broadcast_to(lrs, (M, N)).ravel()
    sec_grid = None if second is None else np.broadcast_to(second[:, None], (M, N)).ravel()
    if optimizer in VECTORISED:
        out = _vectorised(function, start, optimizer, lr_grid, sec_grid, resolved, steps, tol, bound, progress)
    else:
        out = _one_by_one(function, start, optimizer, lr_grid, steps, tol, bound, progress, hyper)
    if out is None:
        return None
    status, stopped = out
    return HyperMap(optimizer, (float(start[0]), float(start[1])), lrs, second_name, second,
                    status.reshape(M, N), stopped.reshape(M, N), int(steps), float(tol),
                    {k: v for k, v in resolved.items() if k != second_name})


def _one_by_one(function, start, optimizer, lr_grid, steps, tol, bound, progress, hyper):
    status, stopped = np.empty(lr_grid.size, dtype=np.int8), np.empty(lr_grid.size, dtype=np.int64)
    codes = {"converged": CONVERGED, "diverged": DIVERGED, "max_steps": MAX_STEPS}
    for k, lr in enumerate(lr_grid):
        traj = descend(function, start, optimizer, float(lr), steps, tol=tol, bound=bound, **hyper)
        status[k], stopped[k] = codes[traj.status[0]], traj.stopped_at[0]
        if progress is not None and not progress((k + 1) / lr_grid.size):
            return None
    return status, stopped


def _vectorised(function, start, optimizer, lr, second, hyper, steps, tol, bound, progress):
    """Every cell at once; returns (status (K,), stopped_at (K,)) or None when cancelled."""
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be an integer ≥ 1, got {steps!r}")
    K = lr.size
    status = np.full(K, MAX_STEPS, dtype=np.int8)
    stopped = np.full(K, int(steps), dtype=np.int64)
    with np.errstate(all="ignore"):
        f0 = float(np.asarray(function.value(start[0], start[1]), dtype=float))
        g0 = np.array([float(np.asarray(c, dtype=float)) for c in function.gradient(start[0], start[1])])
        if not (math.isfinite(f0) and np.isfinite(g0).all()):
            raise ValueError("f or its gradient is not finite at the start")
        value_bound = max(bound, 10.0 * abs(f0))
        if g0 @ g0 < tol * tol:
            return np.full(K, CONVERGED, dtype=np.int8), np.zeros(K, dtype=np.int64)
        x = np.repeat(start[:, None], K, axis=1)          # (2, K): rows are the x and y coordinates
        g = np.repeat(g0[:, None], K, axis=1)
        rule = _Rule(optimizer, lr, second, hyper, K)
        active = np.arange(K)
        t = 0
        while t < steps and active.size:
            n = min(BLOCK, steps - t)
            bx, bg = np.empty((n, 2, active.size)), np.empty((n, 2, active.size))
            for i in range(n):
                x = rule.step(x, g, t + i + 1, bx[i])
                gx, gy = function.gradient(x[0], x[1])
                bg[i, 0], bg[i, 1] = gx, gy
                g = bg[i]
            bv = np.broadcast_to(function.value(bx[:, 0], bx[:, 1]), (n, active.size))
            done = _mark(bx, bg, bv, t, active, tol, bound, value_bound, status, stopped)
            t += n
            if done.any():
                keep = ~done
                active, x, g = active[keep], x[:, keep], g[:, keep]
                rule.keep(keep)
            if progress is not None and not progress(t / steps):
                return None
    return status, stopped


class _Rule:
    """One optimizer's update with per-run η (and μ or β₁): state arrays (2, Ka), parameters (Ka,)."""

    def __init__(self, name, lr, second, hyper, K):
        self.name, self.lr = name, lr.copy()
        self.mu = second.copy() if name in ("momentum", "nesterov") and second is not None else \
            np.full(K, hyper.get("momentum", 0.0))
        self.b1 = second.copy() if name == "adam" and second is not None else np.full(K, hyper.get("beta1", 0.9))
        self.b2, self.eps = hyper.get("beta2", 0.999), hyper.get("eps", 1e-8)
        self.v = np.zeros((2, K))
        self.m = np.zeros((2, K))

    def keep(self, rows):
        for name in ("lr", "mu", "b1"):
            setattr(self, name, getattr(self, name)[rows])
        self.v, self.m = self.v[:, rows], self.m[:, rows]

    def step(self, x, g, u, out):
        """x_{u−1}, g = ∇f(x_{u−1}) -> x_u written into ``out``; the same arithmetic (and order) as the optimizers."""
        if self.name == "gd":
            return np.subtract(x, g * self.lr, out)
        if self.name in ("momentum", "nesterov"):
            self.v = self.v * self.mu + g
            s = self.v * self.lr if self.name == "momentum" else (self.v * self.mu + g) * self.lr
            return np.subtract(x, s, out)
        # Adam, with both bias corrections folded into two scalars per run as engine.optimizers.Adam does:
        # x − m/(√v·k/√bc2 + k·ε), k = (1 − β₁ᵘ)/η.
        b1 = self.b1
        self.m = self.m * b1 + g * (1.0 - b1)
        self.v = self.v * self.b2 + (g * (1.0 - self.b2)) * g
        k = (1.0 - b1 ** float(u)) / self.lr
        scale, shift = k / math.sqrt(1.0 - self.b2 ** float(u)), k * self.eps
        return np.subtract(x, self.m / (np.sqrt(self.v) * scale + shift), out)


def _mark(bx, bg, bv, t, active, tol, bound, value_bound, status, stopped) -> Array:
    """Record each active run's first stop in rows t+1 … t+n (as ``descend`` does); the (Ka,) stopped mask."""
    x, y, gx, gy = bx[:, 0], bx[:, 1], bg[:, 0], bg[:, 1]
    ok = (np.abs(x) <= bound) & (np.abs(y) <= bound) & (np.abs(bv) <= value_bound) & np.isfinite(gx) & np.isfinite(gy)
    event = (gx * gx + gy * gy < tol * tol) | ~ok
    hit = event.any(axis=0)
    if hit.any():
        first = np.argmax(event, axis=0)
        cols = np.flatnonzero(hit)
        diverged = ~ok[first[cols], cols]
        stopped[active[cols]] = t + 1 + first[cols] - diverged
        status[active[cols]] = np.where(diverged, DIVERGED, CONVERGED)
    return hit
