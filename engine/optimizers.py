"""The six optimizers, each ``update`` written as its rule, vectorised over K runs: x, g and every state (K, D).

Rules and defaults follow PyTorch's ``torch.optim`` (weight decay 0, dampening 0), so a path drawn here can be checked
against the framework a user knows. Usage::

    opt = make("adam", lr=0.01)
    x = opt.step(x, g)          # x, g (K, D) -> new x (K, D); the state (K, D) arrays are updated
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class Hyper:
    """A hyper-parameter's default and allowed range (``low``/``high`` included when the flag says so)."""

    default: float
    low: float
    high: float = math.inf
    low_included: bool = True
    high_included: bool = False

    def check(self, name: str, value: object) -> float:
        """``value`` as a float inside the range; ValueError naming ``name`` and the range otherwise."""
        v = real(name, value)
        above = v >= self.low if self.low_included else v > self.low
        below = v <= self.high if self.high_included else v < self.high
        if not (above and below):
            raise ValueError(f"{name} must satisfy {self.describe(name)}, got {value!r}")
        return v

    def describe(self, name: str) -> str:
        """The range as text, e.g. ``0 ≤ momentum < 1``."""
        left = f"{self.low:g} {'≤' if self.low_included else '<'} {name}"
        return left if math.isinf(self.high) else f"{left} {'≤' if self.high_included else '<'} {self.high:g}"


def real(name: str, value: object) -> float:
    """``value`` as a finite float, or ValueError naming ``name``."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a real number, got {value!r}")
    value = float(value)
    if not math.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def check_lr(lr: object) -> float:
    """The learning rate as a float; ValueError unless it is finite and > 0."""
    value = real("lr", lr)
    if value <= 0:
        raise ValueError(f"lr must be a finite number > 0, got {lr!r}")
    return value


DECAY = Hyper(0.9, 0.0, 1.0)          # a running-average factor in [0, 1)
EPS = Hyper(1e-8, 0.0, low_included=False)


class Optimizer:
    """Base class: ``lr``, the resolved hyper-parameters ``hyper``, the step count ``t`` and ``state`` (K, D) arrays.

    A subclass writes its rule once, in :meth:`update`; :meth:`step` checks shapes and can freeze runs.
    """

    name: ClassVar[str] = ""
    title: ClassVar[str] = ""
    hypers: ClassVar[dict[str, Hyper]] = {}
    hyper_defaults: ClassVar[dict[str, float]] = {}     # {name: default}, filled in for every class below
    state_names: ClassVar[tuple[str, ...]] = ()
    formula: ClassVar[str] = ""

    def __init__(self, lr: float, **hyper: float) -> None:
        self.lr = check_lr(lr)
        unknown = sorted(set(hyper) - set(self.hypers))
        if unknown:
            allowed = ", ".join(self.hypers) or "(none)"
            raise ValueError(f"unknown hyper-parameter {unknown[0]!r} for {self.name}; allowed: {allowed}")
        self.hyper = {k: h.check(k, hyper.get(k, h.default)) for k, h in self.hypers.items()}
        self.t = 0
        self.shape: tuple[int, int] | None = None
        self.state: dict[str, Array] = {}

    def init_state(self, K: int, D: int) -> None:
        """Fresh zero state for K runs of D parameters and step count 0."""
        self.t = 0
        self.shape = (K, D)
        self.state = {n: np.zeros((K, D)) for n in self.state_names}

    def keep(self, rows: Array, axis: int = 0) -> None:
        """Keep only the given runs (index or boolean array along ``axis`` of the state arrays, the runs' axis);
        the others drop out of later steps. The rules are element-wise, so any layout works."""
        self.state = {n: np.take(a, np.arange(a.shape[axis])[rows], axis=axis) for n, a in self.state.items()}
        shape = list(self.shape)
        shape[axis] = len(np.arange(shape[axis])[rows])
        self.shape = tuple(shape)

    def step(self, x: Array, g: Array, active: Array | None = None) -> Array:
        """One update of all K runs: x, g (K, D) -> new x (K, D); ``x`` is not modified, ``state`` is.

        ``active`` (K,) bool: rows that are False keep their position and state (frozen runs).
        Calls ``init_state(K, D)`` first when it was never called.
        """
        x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
        if x.ndim != 2 or g.shape != x.shape:
            raise ValueError(f"x and g must have one shape (K, D), got {x.shape} and {g.shape}")
        if self.shape is None:
            self.init_state(*x.shape)
        if x.shape != self.shape:
            raise ValueError(f"x and g must have shape {self.shape} (K, D), got {x.shape}")
        if active is None:
            return self.update(x, g)
        active = np.asarray(active, dtype=bool)
        if active.shape != x.shape[:1]:
            raise ValueError(f"active must have shape ({x.shape[0]},), got {active.shape}")
        before = dict(self.state)
        new = self.update(x, g)
        moving = active[:, None]
        self.state = {n: np.where(moving, a, before[n]) for n, a in self.state.items()}
        return np.where(moving, new, x)

    def update(self, x: Array, g: Array) -> Array:
        """The rule: positions x and gradients g (K, D) -> new positions (K, D); advances ``t`` and ``state``."""
        raise NotImplementedError


class GD(Optimizer):
    """x ← x − η·g"""

    name, title = "gd", "Gradient descent"
    formula = "x_{t+1} = x_t − η·∇f(x_t)"

    def update(self, x, g):
        self.t += 1
        return x - self.lr * g


class Momentum(Optimizer):
    """v ← μ·v + g;  x ← x − η·v   (v starts at 0, so the first v is g, as in PyTorch)"""

    name, title = "momentum", "Momentum"
    hypers = {"momentum": DECAY}
    state_names = ("v",)
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)   (v₁ = ∇f(x₀))\nx_{t+1} = x_t − η·v_{t+1}"

    def update(self, x, g):
        mu, lr = self.hyper["momentum"], self.lr
        self.t += 1
        v = self.state["v"] = mu * self.state["v"] + g
        return x - lr * v


class Nesterov(Optimizer):
    """v ← μ·v + g;  x ← x − η·(g + μ·v)   (PyTorch's SGD(nesterov=True); needs μ > 0)"""

    name, title = "nesterov", "Nesterov"
    hypers = {"momentum": Hyper(0.9, 0.0, 1.0, low_included=False)}
    state_names = ("v",)
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)\nx_{t+1} = x_t − η·(∇f(x_t) + μ·v_{t+1})"

    def update(self, x, g):
        mu, lr = self.hyper["momentum"], self.lr
        self.t += 1
        v = self.state["v"] = mu * self.state["v"] + g
        return x - lr * (g + mu * v)


class AdaGrad(Optimizer):
    """G ← G + g²;  x ← x − η̃·g/(√G + ε)  with  η̃ = η/(1 + (t − 1)·lr_decay)"""

    name, title = "adagrad", "AdaGrad"
    hypers = {"lr_decay": Hyper(0.0, 0.0), "eps": Hyper(1e-10, 0.0, low_included=False),
              "initial_accumulator_value": Hyper(0.0, 0.0)}
    state_names = ("sum",)
    formula = ("G_{t+1} = G_t + ∇f(x_t)²\n"
               "x_{t+1} = x_t − η̃·∇f(x_t)/(√G_{t+1} + ε),   η̃ = η/(1 + t·lr_decay)")

    def init_state(self, K: int, D: int) -> None:
        super().init_state(K, D)
        self.state["sum"] += self.hyper["initial_accumulator_value"]

    def update(self, x, g):
        lr, decay, eps = self.lr, self.hyper["lr_decay"], self.hyper["eps"]
        t = self.t = self.t + 1
        lr_t = lr / (1 + (t - 1) * decay)
        G = self.state["sum"] = self.state["sum"] + g * g
        return x - lr_t * g / (np.sqrt(G) + eps)


class RMSProp(Optimizer):
    """s ← α·s + (1 − α)·g²;  x ← x − η·g/(√s + ε)"""

    name, title = "rmsprop", "RMSProp"
    hypers = {"alpha": Hyper(0.99, 0.0, 1.0), "eps": EPS}
    state_names = ("square_avg",)
    formula = ("s_{t+1} = α·s_t + (1 − α)·∇f(x_t)²\n"
               "x_{t+1} = x_t − η·∇f(x_t)/(√s_{t+1} + ε)")

    def update(self, x, g):
        alpha, lr, eps = self.hyper["alpha"], self.lr, self.hyper["eps"]
        self.t += 1
        s = self.state["square_avg"] = alpha * self.state["square_avg"] + (1 - alpha) * g * g
        return x - lr * g / (np.sqrt(s) + eps)


class Adam(Optimizer):
    """m ← β₁·m + (1 − β₁)·g;  v ← β₂·v + (1 − β₂)·g²;  m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ);  x ← x − η·m̂/(√v̂ + ε)"""

    name, title = "adam", "Adam"
    hypers = {"beta1": DECAY, "beta2": Hyper(0.999, 0.0, 1.0), "eps": EPS}
    state_names = ("m", "v")
    formula = ("m_{t+1} = β₁·m_t + (1 − β₁)·∇f(x_t)\n"
               "v_{t+1} = β₂·v_t + (1 − β₂)·∇f(x_t)²\n"
               "m̂ = m_{t+1}/(1 − β₁^{t+1}),   v̂ = v_{t+1}/(1 − β₂^{t+1})\n"
               "x_{t+1} = x_t − η·m̂/(√v̂ + ε)")

    def update(self, x, g):
        beta1, beta2, lr, eps = self.hyper["beta1"], self.hyper["beta2"], self.lr, self.hyper["eps"]
        t = self.t = self.t + 1
        m = self.state["m"] = beta1 * self.state["m"] + (1 - beta1) * g
        v = self.state["v"] = beta2 * self.state["v"] + (1 - beta2) * g * g
        m_hat = m / (1 - beta1**t)
        v_hat = v / (1 - beta2**t)
        return x - lr * m_hat / (np.sqrt(v_hat) + eps)


OPTIMIZERS: dict[str, type[Optimizer]] = {c.name: c for c in (GD, Momentum, Nesterov, AdaGrad, RMSProp, Adam)}
for _cls in OPTIMIZERS.values():
    _cls.hyper_defaults = {k: h.default for k, h in _cls.hypers.items()}
del _cls


def get_class(name: str) -> type[Optimizer]:
    """The optimizer class called ``name``; ValueError listing the allowed names otherwise."""
    try:
        return OPTIMIZERS[name]
    except (KeyError, TypeError):
        raise ValueError(f"optimizer must be one of {', '.join(OPTIMIZERS)}; got {name!r}") from None


def make(name: str, lr: float, **hyper: float) -> Optimizer:
    """A fresh optimizer ``name`` with learning rate ``lr`` and hyper-parameters (defaults for the rest)."""
    return get_class(name)(lr, **hyper)
