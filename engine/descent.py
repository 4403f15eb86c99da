"""Run an optimizer from K start points at once on a 2D landscape -> :class:`Trajectory`.

Row t of every array is iteration t: ``points[t]`` = x_t, ``values[t]`` = f(x_t), ``gradients[t]`` = ∇f(x_t), and
``states[name][t]`` is the optimizer's state after the step that produced x_t (row 0: the initial zeros).

Speed: the K runs advance together, ~20 NumPy calls on (2, K) arrays per step (the optimizer's kernel and the
gradient writing into preallocated rows; at this size a call's fixed cost dominates, see ``_run``). Stop conditions are checked
once per block of steps on the whole block at once; a run that stopped inside a block is cut back to its stopping row
(runs are independent, so the extra steps it took change nothing else) and drops out of the arithmetic from then on.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from engine.optimizers import check_lr, make

Array = np.ndarray
BLOCK = 128  # steps between stop checks


@dataclass
class Trajectory:
    """K descent runs of ``steps`` steps. Arrays are rectangular and finite: after run k stops at row
    ``stopped_at[k]`` its later rows repeat that row.

    points (steps+1, K, 2), values (steps+1, K), gradients (steps+1, K, 2),
    status: per run "converged" (|∇f| < tol), "diverged" (non-finite, or |coordinate| > bound, or |f| > value bound)
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


def _check_starts(starts: Any) -> Array:
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


def _check_args(steps: Any, tol: Any, bound: Any) -> tuple[int, float, float]:
    if isinstance(steps, bool) or not isinstance(steps, (int, np.integer)) or steps < 1:
        raise ValueError(f"steps must be an integer ≥ 1, got {steps!r}")
    if isinstance(tol, bool) or not isinstance(tol, (int, float, np.number)) or not (0 <= tol < math.inf):
        raise ValueError(f"tol must be a finite number ≥ 0, got {tol!r}")
    if isinstance(bound, bool) or not isinstance(bound, (int, float, np.number)) or not bound > 0:
        raise ValueError(f"bound must be a number > 0 (inf allowed), got {bound!r}")
    return int(steps), float(tol), float(bound)


def _raw_gradient(function):
    """The gradient callable without its broadcasting wrapper (``functools.wraps`` leaves it in ``__wrapped__``).

    The catalogue's wrapper makes inputs float arrays and outputs full-shape; it costs more than Rosenbrock's
    gradient itself. Here the inputs already are float arrays of one shape (K,), and ``_gradient_into`` writes into
    preallocated columns, which broadcasts a constant component anyway.
    """
    return getattr(function.gradient, "__wrapped__", function.gradient)


def _gradient_into(gradient, x: Array, out: Array) -> Array:
    """∇f at the K points x (K, 2), written into out (K, 2); ``gradient(x, y) -> (gx, gy)``."""
    gx, gy = gradient(x[:, 0], x[:, 1])
    out[:, 0] = gx
    out[:, 1] = gy
    return out


def _gradient_kernel(function):
    """``into(x, y, gx, gy, scratch)``: ∇f at points given as equal-shaped float arrays, written into gx and gy.

    Catalogue functions may offer this as ``gradient.into`` (the same arithmetic as ``gradient``, without temporaries
    or the copies into place); for any other function it wraps the raw gradient and copies its output.
    """
    into = getattr(function.gradient, "into", None)
    if into is not None:
        return into
    gradient = _raw_gradient(function)

    def copy_into(x, y, gx, gy, scratch):
        a, b = gradient(x, y)
        np.copyto(gx, a)   # broadcasts a constant component
        np.copyto(gy, b)

    return copy_into


def prepare(starts, optimizer: str, lr: float, steps: int, tol: float, bound: float, hyper: dict):
    """Checked arguments shared by :func:`descend` and :mod:`engine.basins`: (starts (K, 2), an optimizer with its
    state for K runs in 2D, steps, tol, bound); ValueError naming the bad argument."""
    x0 = _check_starts(starts)
    steps, tol, bound = _check_args(steps, tol, bound)
    opt = make(optimizer, check_lr(lr), **hyper)
    opt.init_state(x0.shape[0], 2)
    return x0, opt, steps, tol, bound


def descend(function, starts, optimizer: str = "gd", lr: float = 0.01, steps: int = 1000,
            tol: float = 1e-6, bound: float = 1e6, **hyper: float) -> Trajectory:
    """Run ``optimizer`` from every start point for at most ``steps`` steps.

    function: anything with vectorised ``value(x, y)`` and ``gradient(x, y) -> (gx, gy)`` (a TestFunction).
    starts: (K, 2) array or list of pairs, or one (2,) pair.
    A run converges when |∇f| < tol; it diverges when a coordinate or f is non-finite, |coordinate| > bound, or
    |f| > max(bound, 10·|f(start)|) (so a start already above ``bound`` is not declared diverged at once).
    Raises ValueError for an unknown optimizer or hyper-parameter, lr ≤ 0, steps < 1, bad starts, or a start
    where f or ∇f is not finite.
    """
    x0, opt, steps, tol, bound = prepare(starts, optimizer, lr, steps, tol, bound, hyper)
    K = x0.shape[0]
    points = np.empty((steps + 1, K, 2))
    gradients = np.empty((steps + 1, K, 2))
    values = np.empty((steps + 1, K))
    states = {n: np.empty((steps + 1, K, 2)) for n in opt.state_names}
    with np.errstate(all="ignore"):
        points[0] = x0
        values[0] = function.value(x0[:, 0], x0[:, 1])
        _gradient_into(function.gradient, x0, gradients[0])
        _check_first_row(values[0], gradients[0])
        for n, a in opt.state.items():
            states[n][0] = a
        value_bound = np.maximum(bound, 10.0 * np.abs(values[0]))
        stopped_at = np.full(K, steps)
        status = np.array(["max_steps"] * K, dtype=object)
        converged = (gradients[0] ** 2).sum(axis=1) < tol * tol
        stopped_at[converged], status[converged] = 0, "converged"
        _run(function, opt, points, gradients, values, states, ~converged, tol, bound, value_bound,
             stopped_at, status)
    _repeat_after_stop(stopped_at, points, values, gradients, *states.values())
    return Trajectory(points, values, gradients, list(status), stopped_at, opt.name, opt.lr, dict(opt.hyper), states,
                      getattr(function, "name", ""), tol, bound)


def _check_first_row(values: Array, gradients: Array) -> None:
    bad = ~(np.isfinite(values) & np.isfinite(gradients).all(axis=1))
    if bad.any():
        k = int(np.argmax(bad))
        raise ValueError(f"starts: f or its gradient is not finite at start {k}")


def _run(function, opt, points, gradients, values, states, going, tol, bound, value_bound, stopped_at, status):
    """Advance the runs flagged ``going`` block by block, filling rows 1..steps and marking stops.

    Inside the loop the K runs are laid out as rows, x (2, Ka) = [x coordinates, y coordinates]: the gradient then
    reads and writes contiguous rows in place, and each block is copied once into (steps+1, K, 2) (``_store_rows``).
    The optimizer kernel writes each step's state into its own row of the block's state history ``bs``, reading the
    previous row: the history costs no copy per step.
    """
    steps = points.shape[0] - 1
    into = _gradient_kernel(function)
    active = np.flatnonzero(going)        # global run indices still advancing
    x, g = points[0, active].T.copy(), gradients[0, active].T.copy()
    p = opt.packed[:, active].transpose(0, 2, 1).copy()        # (S, 2, Ka)
    step, scratch = opt.kernel(x.shape), np.empty(x.shape[1])
    t = 0
    while t < steps and active.size:
        n = min(BLOCK, steps - t)
        every = active.size == points.shape[1]
        bx, bg = np.empty((n, 2, active.size)), np.empty((n, 2, active.size))
        bs = np.empty((n,) + p.shape)                                # (n, S, 2, Ka)
        # The hot loop: ~20 NumPy calls a step on (2, Ka) arrays. Iterating arrays hands out the row views in C.
        for xi, xr, yr, gi, gxr, gyr, si, c in zip(bx, bx[:, 0], bx[:, 1], bg, bg[:, 0], bg[:, 1], bs,
                                                  opt.coefficients(t, n)):
            step(x, g, xi, p, si, c)
            into(xr, yr, gxr, gyr, scratch)
            x, g, p = xi, gi, si
        bv = np.broadcast_to(function.value(bx[:, 0], bx[:, 1]), (n, active.size))
        cols = slice(None) if every else active
        rows = slice(t + 1, t + 1 + n)
        _store_rows(points, rows, cols, bx, every)
        _store_rows(gradients, rows, cols, bg, every)
        _store(values, rows, cols, bv, every)
        for j, name in enumerate(opt.state_names):
            _store_rows(states[name], rows, cols, bs[:, j], every)
        done = _mark_stops(bx[:, 0], bx[:, 1], bg[:, 0], bg[:, 1], bv, t, active, tol, bound, value_bound,
                           stopped_at, status)
        t += n
        if done.any():
            keep = ~done
            active = active[keep]
            x, g, p = bx[-1][:, keep], bg[-1][:, keep], bs[-1][..., keep]
            step, scratch = opt.kernel(x.shape), np.empty(x.shape[1])


def _store(out: Array, rows: slice, cols, block: Array, every: bool) -> None:
    if every:
        out[rows] = block
    else:
        out[rows, cols] = block


def _store_rows(out: Array, rows: slice, cols, block: Array, every: bool) -> None:
    """Store a block laid out (n, 2, Ka) into ``out`` (steps+1, K, 2): one copy per coordinate (a transposed copy
    in one call walks the length-2 axis innermost and is ~4× slower)."""
    for d in (0, 1):
        if every:
            out[rows, :, d] = block[:, d]
        else:
            out[rows, cols, d] = block[:, d]


def _mark_stops(x, y, gx, gy, v, t, active, tol, bound, value_bound, stopped_at, status) -> Array:
    """Find each active run's first stop inside the block of rows t+1..t+n; record it; return the (Ka,) stopped mask.

    x, y, gx, gy, v: (n, Ka), one array per coordinate (reducing over a last axis of length 2 is NumPy's slowest
    reduction pattern). NaN compares False, so ``|x| <= bound`` fails for NaN, inf and escapes in one test.
    """
    ok = np.abs(x) <= bound
    ok &= np.abs(y) <= bound
    ok &= np.abs(v) <= value_bound[active]
    ok &= np.isfinite(gx)
    ok &= np.isfinite(gy)
    conv = gx * gx + gy * gy < tol * tol                # = (g * g).sum(axis=-1) bit for bit
    event = conv | ~ok
    hit = event.any(axis=0)
    if not hit.any():
        return hit
    first = np.argmax(event, axis=0)                    # (Ka,) block row of the first event
    cols = np.flatnonzero(hit)
    runs = active[cols]
    diverged = ~ok[first[cols], cols]
    stopped_at[runs] = t + 1 + first[cols] - diverged   # diverged: the row before is the last valid one
    status[runs] = np.where(diverged, "diverged", "converged")
    return hit


def _repeat_after_stop(stopped_at: Array, *arrays: Array) -> None:
    """For each run that stopped early, copy its last valid row into all later rows of every array."""
    steps = arrays[0].shape[0] - 1
    for k in np.flatnonzero(stopped_at < steps):
        s = stopped_at[k]
        for a in arrays:
            a[s + 1:, k] = a[s, k]


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
