"""Run an optimizer from K start points at once on a 2D landscape: the one stepping loop, :class:`Descent`.

Row t of every array is iteration t: ``points[t]`` = x_t, ``values[t]`` = f(x_t), ``gradients[t]`` = ∇f(x_t), and
``states[name][t]`` is the optimizer's state after the step that produced x_t (row 0: the initial state).
:func:`descend` records whole paths (:class:`Trajectory`); :mod:`engine.basins` keeps only where runs end. Both
iterate :meth:`Descent.blocks`, so a start gives the same path, bit for bit, whichever asks.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any, Iterator

import numpy as np

from engine.optimizers import check_lr, make

Array = np.ndarray
BLOCK = 128  # steps between stop tests in descend: the stop test runs on a whole block at once


@dataclass
class Trajectory:
    """K descent runs of ``steps`` steps. Arrays are rectangular and finite: after run k stops at row
    ``stopped_at[k]`` its later rows repeat that row.

    points (steps+1, K, 2), values (steps+1, K), gradients (steps+1, K, 2),
    status: per run "converged" (|∇f| < tol), "diverged" (non-finite, or |coordinate| > bound, or |f| > value bound,
            f not falling: η too large), "unbounded" (it left the bounds while f fell below zero: f → −∞, no minimum
            that way)
    or "max_steps"; stopped_at (K,) int: the last valid row of each run;
    states: optimizer state name -> (steps+1, K, 2); hyper: every hyper-parameter, defaults included.
    """

    points: Array
    values: Array
    gradients: Array
    status: list[str]
    stopped_at: Array
    optimizer: str
    lr: float
    hyper: dict[str, float]
    states: dict[str, Array] = field(default_factory=dict)
    function_name: str = ""
    tol: float = 1e-6
    bound: float = 1e6

    @property
    def steps(self) -> int:
        return self.points.shape[0] - 1

    @property
    def n_runs(self) -> int:
        return self.points.shape[1]

    @property
    def grad_norm(self) -> Array:
        """|∇f| per row and run, (steps+1, K)."""
        return np.hypot(self.gradients[..., 0], self.gradients[..., 1])

    @property
    def final_points(self) -> Array:
        """(K, 2): each run's last valid point."""
        return self.points[self.stopped_at, np.arange(self.n_runs)]


def check_starts(starts: Any) -> Array:
    """Start points as a float (K, 2) array (one (2,) pair gives K = 1); ValueError naming the fault."""
    try:
        x = np.array(starts, dtype=float)
    except (TypeError, ValueError):
        raise ValueError(f"starts must be numbers shaped (K, 2) or (2,), got {starts!r}") from None
    if x.ndim == 1 and x.shape == (2,):
        x = x[None, :]
    if x.ndim != 2 or x.shape[1] != 2 or x.shape[0] < 1:
        raise ValueError(f"starts must have shape (K, 2) with K ≥ 1, or (2,); got shape {x.shape}")
    bad = ~np.isfinite(x).all(axis=1)
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(f"starts must be finite; start {k} is {tuple(x[k])}")
    return x


def check_limits(steps: Any, tol: Any, bound: Any) -> tuple[int, float, float]:
    """steps ≥ 1, tol ≥ 0 and bound > 0 as (int, float, float); ValueError naming the bad one."""
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be an integer ≥ 1, got {steps!r}")
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.number)) or not (0 <= tol < math.inf):
        raise ValueError(f"tol must be a finite number ≥ 0, got {tol!r}")
    if isinstance(bound, bool) or not isinstance(bound, (int, float, np.number)) or not bound > 0:
        raise ValueError(f"bound must be a number > 0 (inf allowed), got {bound!r}")
    return int(steps), float(tol), float(bound)


def gradient_at(function, x: Array, step: int = 0) -> Array:
    """∇f at the K points x (K, 2) as a (K, 2) array (step ``step``'s mini-batch gradient when the function has a
    ``batch_gradient(t, x, y)``, as a network slice trained with mini-batches)."""
    out = np.empty(x.shape)
    batch = getattr(function, "batch_gradient", None)
    if batch is not None:
        out[:, 0], out[:, 1] = batch(step, x[:, 0], x[:, 1])
    else:
        out[:, 0], out[:, 1] = function.gradient(x[:, 0], x[:, 1])
    return out


@dataclass
class Block:
    """What one block of steps did to the runs still going.

    start: the row of the block's first step (rows start … start+n−1); runs (Ka,): their indices among the K runs;
    points, gradients (n, Ka, 2), values (n, Ka), states: name -> (n, Ka, 2); previous (Ka, 2): the points before
    the block; stopped (Ka,) bool: the runs whose stop (see :func:`find_stops`) falls in this block.
    """

    start: int
    runs: Array
    points: Array
    gradients: Array
    values: Array
    states: dict[str, Array]
    previous: Array
    stopped: Array

    def points_at(self, rows: Array, cols: Array) -> Array:
        """(m, 2) points of runs ``cols`` (block columns) at global rows ``rows`` ≥ start − 1."""
        rel = rows - self.start
        return np.where((rel < 0)[:, None], self.previous[cols], self.points[np.maximum(rel, 0), cols])


class Descent:
    """The stepping loop: K runs of one optimizer from ``starts`` (K, 2), advanced together by :meth:`blocks`.

    Stopping: a run converges when |∇f| < tol; it diverges when a coordinate, f or ∇f is not finite, a coordinate
    leaves [−bound, bound] or |f| > max(bound, 10·|f(start)|) (so a start already above ``bound`` does not diverge
    at once) — "unbounded" instead when it left with f finite and negative (descent going on downhill for ever, as
    off a saddle with no minimum beyond); otherwise it runs ``steps`` steps ("max_steps"). ``stopped_at`` (K,) and ``status`` (K,) hold the
    verdicts as the blocks go. A start where f or ∇f is not finite raises ValueError, or with
    ``bad_starts="diverge"`` is marked diverged at step 0.
    """

    def __init__(self, function, starts, optimizer: str = "gd", lr: float = 0.01, steps: int = 1000,
                 tol: float = 1e-6, bound: float = 1e6, block: int = BLOCK, bad_starts: str = "raise",
                 **hyper: float) -> None:
        self.function = function
        self.x0 = check_starts(starts)
        self.steps, self.tol, self.bound = check_limits(steps, tol, bound)
        self.optimizer = make(optimizer, check_lr(lr), **hyper)
        K = self.x0.shape[0]
        self.optimizer.init_state(K, 2)
        self.initial_states = {n: a.copy() for n, a in self.optimizer.state.items()}
        self.block = int(block)
        with np.errstate(all="ignore"):
            self.values0 = np.broadcast_to(function.value(self.x0[:, 0], self.x0[:, 1]), (K,)).astype(float)
            self.gradients0 = gradient_at(function, self.x0)
        bad = ~(np.isfinite(self.values0) & np.isfinite(self.gradients0).all(axis=1))
        if bad.any() and bad_starts == "raise":
            raise ValueError(f"starts: f or its gradient is not finite at start {int(np.argmax(bad))}")
        converged = ~bad & ((self.gradients0 ** 2).sum(axis=1) < self.tol * self.tol)
        self.status = np.full(K, "max_steps", dtype=object)
        self.status[converged], self.status[bad] = "converged", "diverged"
        self.stopped_at = np.where(converged | bad, 0, self.steps)
        self.value_bound = np.maximum(self.bound, 10.0 * np.abs(self.values0))

    def blocks(self) -> Iterator[Block]:
        """Advance the runs still going, a block of steps at a time, yielding each :class:`Block` after its stops
        are recorded; runs that stopped drop out of the next blocks."""
        f, opt = self.function, self.optimizer
        # The catalogue wraps each gradient to take any broadcastable input; here the inputs already are two
        # float rows of one shape, so the formula itself is called (the wrapper would cost as much as the formula).
        gradient = getattr(f.gradient, "__wrapped__", f.gradient)
        batch = getattr(f, "batch_gradient", None)  # mini-batch gradients: row t uses step t's batch
        runs = np.flatnonzero(self.stopped_at == self.steps)
        # Coordinates as rows, x = [x coordinates; y coordinates] (2, Ka): the gradient then reads and writes
        # contiguous rows. The rules are element-wise, so the optimizer runs on this layout as it is.
        opt.init_state(2, runs.size)
        x, g = self.x0[runs].T.copy(), self.gradients0[runs].T.copy()
        t = 0
        while t < self.steps and runs.size:
            n = min(self.block, self.steps - t)
            bx, bg = np.empty((n, 2, runs.size)), np.empty((n, 2, runs.size))
            bs = {name: np.empty((n, 2, runs.size)) for name in opt.state_names}
            previous = x.T
            with np.errstate(all="ignore"):
                for i in range(n):
                    x = bx[i] = opt.update(x, g)
                    if batch is None:
                        bg[i, 0], bg[i, 1] = gradient(x[0], x[1])
                    else:
                        bg[i, 0], bg[i, 1] = batch(t + i + 1, x[0], x[1])
                    g = bg[i]
                    for name, a in opt.state.items():
                        bs[name][i] = a
                bv = np.broadcast_to(f.value(bx[:, 0], bx[:, 1]), (n, runs.size))
            points, gradients = bx.transpose(0, 2, 1), bg.transpose(0, 2, 1)          # (n, Ka, 2) views
            stopped = find_stops(points, gradients, bv, t, runs, self.tol, self.bound, self.value_bound,
                                 self.stopped_at, self.status)
            yield Block(t + 1, runs, points, gradients, bv, {k: a.transpose(0, 2, 1) for k, a in bs.items()},
                        previous, stopped)
            t += n
            if stopped.any():
                going = ~stopped
                runs = runs[going]
                opt.keep(going, axis=1)
                x, g = bx[-1][:, going], bg[-1][:, going]


def find_stops(x: Array, g: Array, v: Array, t: int, runs: Array, tol: float, bound: float, value_bound: Array,
               stopped_at: Array, status: Array) -> Array:
    """Each run's first stop within rows t+1 … t+n of a block; record it in stopped_at and status (K,); return the
    (Ka,) mask of runs that stopped.

    x, g (n, Ka, 2) points and gradients, v (n, Ka) values of the runs ``runs`` (Ka,). A diverged run's last valid
    row is the one before its first bad row. NaN compares False, so ``|x| <= bound`` also catches NaN and ±inf.
    """
    with np.errstate(all="ignore"):
        ok = (np.abs(x) <= bound).all(axis=-1) & (np.abs(v) <= value_bound[runs]) & np.isfinite(g).all(axis=-1)
        converged = (g * g).sum(axis=-1) < tol * tol
    event = converged | ~ok
    hit = event.any(axis=0)
    if not hit.any():
        return hit
    first = np.argmax(event, axis=0)                    # (Ka,) block row of the first event
    cols = np.flatnonzero(hit)
    diverged = ~ok[first[cols], cols]
    stopped_at[runs[cols]] = t + 1 + first[cols] - diverged
    with np.errstate(all="ignore"):  # f finite and below zero where the run left: it went on falling (f → −∞)
        falling = np.isfinite(v[first[cols], cols]) & (v[first[cols], cols] < 0) & np.isfinite(g[first[cols], cols]).all(
            axis=-1)
    status[runs[cols]] = np.where(diverged, np.where(falling, "unbounded", "diverged"), "converged")
    return hit


def gradient_growth(traj: Trajectory, k: int = 0, window: int = 20) -> tuple[float, int]:
    """(factor, n): how much |∇f| grew over run ``k``'s last ``n`` ≤ ``window`` steps before it stopped — the mark of
    a learning rate too large (each step overshoots further than the last)."""
    last = int(traj.stopped_at[k])
    n = min(window, last)
    norms = np.linalg.norm(traj.gradients[last - n: last + 1, k], axis=-1)
    with np.errstate(all="ignore"):
        factor = float(norms[-1] / norms[0]) if n and norms[0] > 0 else float("inf")
    return factor, n


def descend(function, starts, optimizer: str = "gd", lr: float = 0.01, steps: int = 1000,
            tol: float = 1e-6, bound: float = 1e6, **hyper: float) -> Trajectory:
    """Run ``optimizer`` from every start point for at most ``steps`` steps and record the paths.

    function: anything with vectorised ``value(x, y)`` and ``gradient(x, y) -> (gx, gy)`` (a TestFunction).
    starts: (K, 2) array or list of pairs, or one (2,) pair. Stopping rules: :class:`Descent`.
    Raises ValueError for an unknown optimizer or hyper-parameter, lr ≤ 0, steps < 1, bad starts, or a start
    where f or ∇f is not finite.
    """
    run = Descent(function, starts, optimizer, lr, steps, tol, bound, **hyper)
    K, steps = run.x0.shape[0], run.steps
    points, gradients = np.empty((steps + 1, K, 2)), np.empty((steps + 1, K, 2))
    values = np.empty((steps + 1, K))
    states = {n: np.empty((steps + 1, K, 2)) for n in run.optimizer.state_names}
    points[0], values[0], gradients[0] = run.x0, run.values0, run.gradients0
    for n, a in run.initial_states.items():
        states[n][0] = a
    for b in run.blocks():
        rows = slice(b.start, b.start + len(b.points))
        points[rows, b.runs], gradients[rows, b.runs], values[rows, b.runs] = b.points, b.gradients, b.values
        for n, a in b.states.items():
            states[n][rows, b.runs] = a
    for k in np.flatnonzero(run.stopped_at < steps):       # after its stop a run repeats its last valid row
        s = run.stopped_at[k]
        for a in (points, values, gradients, *states.values()):
            a[s + 1:, k] = a[s, k]
    opt = run.optimizer
    return Trajectory(points, values, gradients, list(run.status), run.stopped_at, opt.name, opt.lr, dict(opt.hyper),
                      states, getattr(function, "name", ""), run.tol, run.bound)


# --- step inspector -------------------------------------------------------------------------------------------

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
_SUP = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def _num(v: float) -> str:
    return format(float(v), ".4g").replace("-", "−")


def _vec(v: Array) -> str:
    return "(" + ", ".join(_num(c) for c in np.ravel(v)) + ")"


@dataclass(frozen=True)
class StepExplanation:
    """Run k's update from iteration t to t+1, ready to print.

    x, gradient, delta (= x_next − x), x_next: (2,) arrays; terms: label -> (2,) array of the optimizer's state
    terms (velocity, accumulators, moments, bias-corrected moments); lines: the update equations with the numbers
    substituted, the last one being x_{t+1}; stopped: True when run k had already stopped (then delta is zero).
    """

    k: int
    t: int
    optimizer: str
    x: Array
    gradient: Array
    value: float
    terms: dict[str, Array]
    delta: Array
    x_next: Array
    value_next: float
    lines: list[str]
    stopped: bool = False

    @property
    def line(self) -> str:
        return self.lines[-1]

    @property
    def text(self) -> str:
        return "\n".join(self.lines)


def explain_step(traj: Trajectory, k: int, t: int) -> StepExplanation:
    """The terms and numbers of run ``k``'s step from iteration ``t`` to ``t + 1`` (0 ≤ t < steps)."""
    if not 0 <= k < traj.n_runs:
        raise ValueError(f"k must be a run index in [0, {traj.n_runs - 1}], got {k!r}")
    if not 0 <= t < traj.steps:
        raise ValueError(f"t must be an iteration in [0, {traj.steps - 1}], got {t!r}")
    x, g, x1 = traj.points[t, k], traj.gradients[t, k], traj.points[t + 1, k]
    before = {n: a[t, k] for n, a in traj.states.items()}
    after = {n: a[t + 1, k] for n, a in traj.states.items()}
    T, T1 = str(t).translate(_SUB), str(t + 1).translate(_SUB)
    stopped = t >= traj.stopped_at[k]
    if stopped:
        terms, lines = {}, [f"run {k} stopped at iteration {traj.stopped_at[k]} ({traj.status[k]}): x{T1} = x{T}"]
    else:
        terms, lines = _EXPLAINERS[traj.optimizer](traj.lr, traj.hyper, t + 1, g, before, after, T, T1)
        lines.append(lines.pop() + f" = {_vec(x)} − {_vec(x - x1)} = {_vec(x1)}")
    return StepExplanation(k, t, traj.optimizer, x.copy(), g.copy(), float(traj.values[t, k]), terms, x1 - x,
                           x1.copy(), float(traj.values[t + 1, k]), lines, bool(stopped))


def _explain_gd(lr, hyper, n, g, before, after, T, T1):
    return {}, [f"x{T1} = x{T} − η·∇f(x{T}) = x{T} − {_num(lr)}·{_vec(g)}"]


def _explain_momentum(lr, hyper, n, g, before, after, T, T1):
    mu, v0, v1 = hyper["momentum"], before["v"], after["v"]
    lines = [f"v{T1} = μ·v{T} + ∇f(x{T}) = {_num(mu)}·{_vec(v0)} + {_vec(g)} = {_vec(v1)}",
             f"x{T1} = x{T} − η·v{T1} = x{T} − {_num(lr)}·{_vec(v1)}"]
    return {"v": v1}, lines


def _explain_nesterov(lr, hyper, n, g, before, after, T, T1):
    terms, lines = _explain_momentum(lr, hyper, n, g, before, after, T, T1)
    look = g + hyper["momentum"] * after["v"]
    lines[-1] = (f"x{T1} = x{T} − η·(∇f(x{T}) + μ·v{T1}) = x{T} − {_num(lr)}·({_vec(g)} + "
                 f"{_num(hyper['momentum'])}·{_vec(after['v'])}) = x{T} − {_num(lr)}·{_vec(look)}")
    return {**terms, "∇f + μ·v": look}, lines


def _explain_adagrad(lr, hyper, n, g, before, after, T, T1):
    G0, G1, eps = before["sum"], after["sum"], hyper["eps"]
    clr = lr / (1.0 + (n - 1) * hyper["lr_decay"])
    lines = [f"G{T1} = G{T} + ∇f(x{T})² = {_vec(G0)} + {_vec(g * g)} = {_vec(G1)}",
             f"x{T1} = x{T} − η̃·∇f(x{T})/(√G{T1} + ε) = x{T} − {_num(clr)}·{_vec(g)}/({_vec(np.sqrt(G1))} + {_num(eps)})"]
    return {"G (sum of squares)": G1, "√G + ε": np.sqrt(G1) + eps}, lines


def _explain_rmsprop(lr, hyper, n, g, before, after, T, T1):
    a, s0, s1, eps = hyper["alpha"], before["square_avg"], after["square_avg"], hyper["eps"]
    lines = [f"s{T1} = α·s{T} + (1 − α)·∇f(x{T})² = {_num(a)}·{_vec(s0)} + {_num(1 - a)}·{_vec(g * g)} = {_vec(s1)}",
             f"x{T1} = x{T} − η·∇f(x{T})/(√s{T1} + ε) = x{T} − {_num(lr)}·{_vec(g)}/({_vec(np.sqrt(s1))} + {_num(eps)})"]
    return {"s (mean square)": s1, "√s + ε": np.sqrt(s1) + eps}, lines


def _explain_adam(lr, hyper, n, g, before, after, T, T1):
    b1, b2, eps = hyper["beta1"], hyper["beta2"], hyper["eps"]
    m1, v1 = after["m"], after["v"]
    m_hat, v_hat = m1 / (1.0 - b1 ** n), v1 / (1.0 - b2 ** n)
    N = str(n).translate(_SUP)
    lines = [f"m{T1} = β₁·m{T} + (1 − β₁)·∇f(x{T}) = {_num(b1)}·{_vec(before['m'])} + {_num(1 - b1)}·{_vec(g)} = {_vec(m1)}",
             f"v{T1} = β₂·v{T} + (1 − β₂)·∇f(x{T})² = {_num(b2)}·{_vec(before['v'])} + {_num(1 - b2)}·{_vec(g * g)}"
             f" = {_vec(v1)}",
             f"m̂ = m{T1}/(1 − β₁{N}) = {_vec(m_hat)},   v̂ = v{T1}/(1 − β₂{N}) = {_vec(v_hat)}",
             f"x{T1} = x{T} − η·m̂/(√v̂ + ε) = x{T} − {_num(lr)}·{_vec(m_hat)}/({_vec(np.sqrt(v_hat))} + {_num(eps)})"]
    return {"m": m1, "v": v1, "m̂": m_hat, "v̂": v_hat}, lines


_EXPLAINERS = {"gd": _explain_gd, "momentum": _explain_momentum, "nesterov": _explain_nesterov,
               "adagrad": _explain_adagrad, "rmsprop": _explain_rmsprop, "adam": _explain_adam}
