"""The six optimizers, vectorised over K runs: each state array is shaped (K, D).

Update rules and default hyper-parameters follow PyTorch's ``torch.optim`` documentation exactly (weight decay 0,
dampening 0, ``maximize=False``), so paths drawn here can be checked against the framework a user knows:

- ``gd``       SGD:                  x ← x − η·g
- ``momentum`` SGD(momentum=μ):      v ← μ·v + g  (first step v = g);  x ← x − η·v
- ``nesterov`` SGD(nesterov=True):   v ← μ·v + g;  x ← x − η·(g + μ·v)
- ``adagrad``  Adagrad:              G ← G + g²;  x ← x − η̃·g/(√G + ε),  η̃ = η/(1 + (t−1)·lr_decay)
- ``rmsprop``  RMSprop:              s ← α·s + (1−α)·g²;  x ← x − η·g/(√s + ε)
- ``adam``     Adam:                 m ← β₁m + (1−β₁)g;  v ← β₂v + (1−β₂)g²;  x ← x − η·m̂/(√v̂ + ε)

Usage::

    opt = make("adam", lr=0.01)
    opt.init_state(K, D)
    x = opt.step(x, g)          # x, g: (K, D); returns the new (K, D) positions, updates opt.state in place
"""
from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

Array = np.ndarray


def _real(name: str, value: object) -> float:
    """``value`` as a finite float, or ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def check_lr(lr: object) -> float:
    """The learning rate as a float; ValueError unless it is finite and > 0."""
    value = _real("lr", lr)
    if value <= 0:
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return value


# Allowed ranges: name -> (low, high, low inclusive, high inclusive).
_RANGES: dict[str, tuple[float, float, bool, bool]] = {
    "momentum": (0.0, 1.0, True, False),
    "beta1": (0.0, 1.0, True, False),
    "beta2": (0.0, 1.0, True, False),
    "alpha": (0.0, 1.0, True, False),
    "eps": (0.0, math.inf, False, False),
    "lr_decay": (0.0, math.inf, True, False),
    "initial_accumulator_value": (0.0, math.inf, True, False),
}


def _range_text(name: str, lo: float, hi: float, lo_in: bool, hi_in: bool) -> str:
    left = f"{lo:g} {'≤' if lo_in else '<'} {name}"
    return left if math.isinf(hi) else f"{left} {'≤' if hi_in else '<'} {hi:g}"


def _check_hyper(name: str, value: object, ranges: dict = _RANGES) -> float:
    v = _real(name, value)
    lo, hi, lo_in, hi_in = ranges[name]
    ok_lo = v >= lo if lo_in else v > lo
    ok_hi = v <= hi if hi_in else v < hi
    if not (ok_lo and ok_hi):
        raise ValueError(f"{name} must satisfy {_range_text(name, lo, hi, lo_in, hi_in)}, got {value!r}")
    return v


# Every step of every optimizer is a handful of NumPy calls on small arrays, so the cost is per call (~0.5-1 µs),
# not per element. The kernels below therefore bind ufuncs to local names, pass ``out`` positionally and take
# constants as 0-d arrays: each of these saves ~0.1-0.4 µs a call over ``np.multiply(a, 1.5, out=o)``.
_mul, _add, _sub, _div, _sqrt = np.multiply, np.add, np.subtract, np.divide, np.sqrt


def _const(value: float) -> Array:
    """``value`` as a 0-d float array: the cheapest scalar operand for a ufunc (a Python float costs a conversion)."""
    return np.array(float(value))


class Optimizer:
    """Base class: holds lr, the resolved hyper-parameters, a step counter ``t`` and the state arrays (K, D).

    Each subclass writes its update once, as a *kernel* (see :meth:`kernel`); :meth:`advance` and :meth:`step` run it
    on the state held here, and ``descend`` runs it on a state history it keeps itself (no copy per step).
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    hyper_defaults: ClassVar[dict[str, float]] = {}
    state_names: ClassVar[tuple[str, ...]] = ()
    formula: ClassVar[str] = ""
    ranges: ClassVar[dict[str, tuple[float, float, bool, bool]]] = _RANGES

    def __init__(self, lr: float, **hyper: float) -> None:
        self.lr = check_lr(lr)
        unknown = sorted(set(hyper) - set(self.hyper_defaults))
        if unknown:
            allowed = ", ".join(self.hyper_defaults) or "(none)"
            raise ValueError(f"unknown hyper-parameter {unknown[0]!r} for {self.name}; allowed: {allowed}")
        resolved = {**self.hyper_defaults, **hyper}
        self.hyper = {k: _check_hyper(k, v, self.ranges) for k, v in resolved.items()}
        self.t = 0
        self.state: dict[str, Array] = {}
        self._shape: tuple[int, ...] | None = None

    def init_state(self, K: int, D: int) -> None:
        """Fresh zero state for K runs of D parameters and step counter 0."""
        self.t = 0
        self._set_packed(np.zeros((len(self.state_names), K, D)))

    def _set_packed(self, packed: Array) -> None:
        # All state arrays live in one (S, K, D) array so that one call can update or copy them all;
        # ``state`` holds named views of it.
        self.packed = packed
        self.state = {n: packed[i] for i, n in enumerate(self.state_names)}
        self._shape = packed.shape[1:]
        self._step = self.kernel(self._shape)

    def keep(self, rows: Array) -> None:
        """Keep only the given runs (index or boolean array over K); the others drop out of all later steps."""
        self._set_packed(self.packed[:, rows])

    def step(self, x: Array, g: Array, active: Array | None = None) -> Array:
        """One update of all K runs: x, g (K, D) -> new x (K, D); ``x`` is not modified, ``state`` is.

        ``active`` (K,) bool: rows that are False keep their position and state unchanged (frozen runs).
        Calls ``init_state(K, D)`` first if it was never called.
        """
        x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
        if self._shape is None:
            self.init_state(*g.shape)
        if x.shape != self._shape or g.shape != self._shape:
            raise ValueError(f"x and g must have shape {self._shape} (K, D), got {x.shape} and {g.shape}")
        if active is None:
            return self.advance(x, g, np.empty_like(x))
        active = np.asarray(active, dtype=bool)
        if active.shape != x.shape[:1]:
            raise ValueError(f"active must have shape ({x.shape[0]},), got {active.shape}")
        frozen = ~active[:, None]
        saved = self.packed.copy()
        new = self.advance(x, g, np.empty_like(x))
        np.copyto(self.packed, saved, where=frozen)
        np.copyto(new, x, where=frozen)
        return new

    def advance(self, x: Array, g: Array, out: Array) -> Array:
        """``step`` without checks, writing the new positions into ``out`` (K, D) and updating ``state`` in place."""
        c = self.coefficients(self.t, 1)[0]
        self.t += 1
        return self._step(x, g, out, self.packed, self.packed, c)

    def coefficients(self, t: int, n: int) -> list:
        """What the kernel needs to know about steps t+1 … t+n (step counts start at 1), one entry a step.

        Computed a block at a time so that the hot loop does no Python arithmetic; None for optimizers whose
        update does not depend on the step count.
        """
        return [None] * n

    def kernel(self, shape: tuple[int, ...]):
        """``step(x, g, out, p, q, c) -> out``: one update of arrays shaped ``shape``.

        x, g: positions and gradients; out: where the new positions go; p: the state before, (S, *shape);
        q: where the state after goes (may be ``p`` itself: updates in place); c: this step's entry of
        :meth:`coefficients`. Any layout works (the update is elementwise): ``descend`` passes (2, K) rows.
        Scratch arrays are bound in the closure, so a kernel must not be shared between threads.
        """
        raise NotImplementedError


class GD(Optimizer):
    name, title = "gd", "Gradient descent"
    formula = "x_{t+1} = x_t − η·∇f(x_t)"

    def kernel(self, shape):
        lr, s = _const(self.lr), np.empty(shape)

        def step(x, g, out, p, q, c):
            _mul(g, lr, s)
            return _sub(x, s, out)
        return step


class Momentum(Optimizer):
    name, title = "momentum", "Momentum"
    hyper_defaults = {"momentum": 0.9}
    state_names = ("v",)
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)   (v₁ = ∇f(x₀))\nx_{t+1} = x_t − η·v_{t+1}"

    def kernel(self, shape):
        mu, lr, s = _const(self.hyper["momentum"]), _const(self.lr), np.empty(shape)

        def step(x, g, out, p, q, c):
            v = q[0]
            _mul(p[0], mu, v)
            _add(v, g, v)
            _mul(v, lr, s)
            return _sub(x, s, out)
        return step


class Nesterov(Optimizer):
    name, title = "nesterov", "Nesterov"
    hyper_defaults = {"momentum": 0.9}
    state_names = ("v",)
    ranges = {**_RANGES, "momentum": (0.0, 1.0, False, False)}  # PyTorch: nesterov needs momentum > 0
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)\nx_{t+1} = x_t − η·(∇f(x_t) + μ·v_{t+1})"

    def kernel(self, shape):
        mu, lr, s = _const(self.hyper["momentum"]), _const(self.lr), np.empty(shape)

        def step(x, g, out, p, q, c):
            v = q[0]
            _mul(p[0], mu, v)
            _add(v, g, v)
            _mul(v, mu, s)
            _add(s, g, s)
            _mul(s, lr, s)
            return _sub(x, s, out)
        return step


class AdaGrad(Optimizer):
    name, title = "adagrad", "AdaGrad"
    hyper_defaults = {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0}
    state_names = ("sum",)
    formula = ("G_{t+1} = G_t + ∇f(x_t)²\n"
               "x_{t+1} = x_t − η̃·∇f(x_t)/(√G_{t+1} + ε),   η̃ = η/(1 + t·lr_decay)")

    def init_state(self, K: int, D: int) -> None:
        super().init_state(K, D)
        self.state["sum"] += self.hyper["initial_accumulator_value"]

    def coefficients(self, t, n):
        # η̃ of step u = t+1 … t+n, written exactly as PyTorch does: lr / (1 + (u − 1)·lr_decay).
        lr, decay = self.lr, self.hyper["lr_decay"]
        return [_const(lr / (1.0 + u * decay)) for u in range(t, t + n)]

    def kernel(self, shape):
        eps, s = _const(self.hyper["eps"]), np.empty(shape)

        def step(x, g, out, p, q, clr):
            G = q[0]
            _mul(g, g, s)
            _add(p[0], s, G)
            _sqrt(G, s)
            _add(s, eps, s)
            _div(g, s, s)
            _mul(s, clr, s)
            return _sub(x, s, out)
        return step


class RMSProp(Optimizer):
    name, title = "rmsprop", "RMSProp"
    hyper_defaults = {"alpha": 0.99, "eps": 1e-8}
    state_names = ("square_avg",)
    formula = ("s_{t+1} = α·s_t + (1 − α)·∇f(x_t)²\n"
               "x_{t+1} = x_t − η·∇f(x_t)/(√s_{t+1} + ε)")

    def kernel(self, shape):
        alpha = self.hyper["alpha"]
        a, w, eps, lr = _const(alpha), _const(1.0 - alpha), _const(self.hyper["eps"]), _const(self.lr)
        s = np.empty(shape)

        def step(x, g, out, p, q, c):
            sq = q[0]
            _mul(g, g, s)
            _mul(s, w, s)
            _mul(p[0], a, sq)
            _add(sq, s, sq)
            _sqrt(sq, s)
            _add(s, eps, s)
            _div(g, s, s)
            _mul(s, lr, s)
            return _sub(x, s, out)
        return step


class Adam(Optimizer):
    name, title = "adam", "Adam"
    hyper_defaults = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    state_names = ("m", "v")
    formula = ("m_{t+1} = β₁·m_t + (1 − β₁)·∇f(x_t)\n"
               "v_{t+1} = β₂·v_t + (1 − β₂)·∇f(x_t)²\n"
               "m̂ = m_{t+1}/(1 − β₁^{t+1}),   v̂ = v_{t+1}/(1 − β₂^{t+1})\n"
               "x_{t+1} = x_t − η·m̂/(√v̂ + ε)")

    def coefficients(self, t, n):
        # x − η/bc1 · m/(√v/√bc2 + ε) = x − m/(√v·k/√bc2 + k·ε) with k = bc1/η: both bias corrections folded into
        # two scalars of the denominator, (k/√bc2, k·ε) for step u = t+1 … t+n, computed for all n steps at once.
        b1, b2, lr, eps = self.hyper["beta1"], self.hyper["beta2"], self.lr, self.hyper["eps"]
        u = np.arange(t + 1, t + n + 1, dtype=float)
        k = (1.0 - b1 ** u) / lr
        return [(_const(a), _const(b)) for a, b in zip((k / np.sqrt(1.0 - b2 ** u)).tolist(), (k * eps).tolist())]

    def kernel(self, shape):
        b1, b2 = self.hyper["beta1"], self.hyper["beta2"]
        # Full-size constants: a binary ufunc on equal shapes is cheaper than one that broadcasts (~0.4 vs ~1.1 µs
        # on (2, 64)), so (1−β₁)g and (1−β₂)g go into ``terms`` with one call each rather than one broadcast call.
        decay = np.stack([np.full(shape, b1), np.full(shape, b2)])
        w1, w2 = np.full(shape, 1.0 - b1), np.full(shape, 1.0 - b2)
        terms, s = np.empty((2,) + tuple(shape)), np.empty(shape)
        g_term, g2_term = terms

        def step(x, g, out, p, q, c):
            # [m, v] = [β₁, β₂]·[m, v] + [(1−β₁)g, (1−β₂)g·g]: one call per operation updates both moments.
            _mul(g, w1, g_term)
            _mul(g, w2, g2_term)
            _mul(g2_term, g, g2_term)
            _mul(p, decay, q)
            _add(q, terms, q)
            scale, shift = c
            _sqrt(q[1], s)
            _mul(s, scale, s)
            _add(s, shift, s)
            _div(q[0], s, s)
            return _sub(x, s, out)
        return step


OPTIMIZERS: dict[str, type[Optimizer]] = {c.name: c for c in (GD, Momentum, Nesterov, AdaGrad, RMSProp, Adam)}


def get_class(name: str) -> type[Optimizer]:
    """The optimizer class called ``name``; ValueError listing the allowed names otherwise."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}") from None


def make(name: str, lr: float, **hyper: float) -> Optimizer:
    """A fresh optimizer ``name`` with learning rate ``lr`` and hyper-parameters (defaults for the rest)."""
    return get_class(name)(lr, **hyper)
