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


class Optimizer:
    """Base class: holds lr, the resolved hyper-parameters, a step counter ``t`` and the state arrays (K, D)."""

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
        self._scratch: Array | None = None

    def init_state(self, K: int, D: int) -> None:
        """Fresh zero state for K runs of D parameters and step counter 0."""
        self.t = 0
        self._set_packed(np.zeros((len(self.state_names), K, D)))
        self._scratch = np.empty((K, D))

    def _set_packed(self, packed: Array) -> None:
        # All state arrays live in one (S, K, D) array so that a caller can copy them with one call per step;
        # ``state`` holds named views of it.
        self.packed = packed
        self.state = {n: packed[i] for i, n in enumerate(self.state_names)}

    def keep(self, rows: Array) -> None:
        """Keep only the given runs (index or boolean array over K); the others drop out of all later steps."""
        self._set_packed(self.packed[:, rows])
        self._scratch = self._scratch[rows]

    def step(self, x: Array, g: Array, active: Array | None = None) -> Array:
        """One update of all K runs: x, g (K, D) -> new x (K, D); ``x`` is not modified, ``state`` is.

        ``active`` (K,) bool: rows that are False keep their position and state unchanged (frozen runs).
        Calls ``init_state(K, D)`` first if it was never called.
        """
        x, g = np.asarray(x, dtype=float), np.asarray(g, dtype=float)
        if self._scratch is None:
            self.init_state(*g.shape)
        if x.shape != self._scratch.shape or g.shape != self._scratch.shape:
            raise ValueError(f"x and g must have shape {self._scratch.shape} (K, D), got {x.shape} and {g.shape}")
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
        """``step`` without checks, writing the new positions into ``out`` (K, D): the hot loop of ``descend``."""
        self.t += 1
        return self._update(x, g, out)

    def _update(self, x: Array, g: Array, out: Array) -> Array:
        raise NotImplementedError


class GD(Optimizer):
    name, title = "gd", "Gradient descent"
    formula = "x_{t+1} = x_t − η·∇f(x_t)"

    def _update(self, x, g, out):
        np.multiply(g, self.lr, out=self._scratch)
        return np.subtract(x, self._scratch, out=out)


class Momentum(Optimizer):
    name, title = "momentum", "Momentum"
    hyper_defaults = {"momentum": 0.9}
    state_names = ("v",)
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)   (v₁ = ∇f(x₀))\nx_{t+1} = x_t − η·v_{t+1}"

    def _update(self, x, g, out):
        v = self.state["v"]
        v *= self.hyper["momentum"]
        v += g
        np.multiply(v, self.lr, out=self._scratch)
        return np.subtract(x, self._scratch, out=out)


class Nesterov(Optimizer):
    name, title = "nesterov", "Nesterov"
    hyper_defaults = {"momentum": 0.9}
    state_names = ("v",)
    ranges = {**_RANGES, "momentum": (0.0, 1.0, False, False)}  # PyTorch: nesterov needs momentum > 0
    formula = "v_{t+1} = μ·v_t + ∇f(x_t)\nx_{t+1} = x_t − η·(∇f(x_t) + μ·v_{t+1})"

    def _update(self, x, g, out):
        mu, v, s = self.hyper["momentum"], self.state["v"], self._scratch
        v *= mu
        v += g
        np.multiply(v, mu, out=s)
        s += g
        s *= self.lr
        return np.subtract(x, s, out=out)


class AdaGrad(Optimizer):
    name, title = "adagrad", "AdaGrad"
    hyper_defaults = {"lr_decay": 0.0, "eps": 1e-10, "initial_accumulator_value": 0.0}
    state_names = ("sum",)
    formula = ("G_{t+1} = G_t + ∇f(x_t)²\n"
               "x_{t+1} = x_t − η̃·∇f(x_t)/(√G_{t+1} + ε),   η̃ = η/(1 + t·lr_decay)")

    def init_state(self, K: int, D: int) -> None:
        super().init_state(K, D)
        self.state["sum"] += self.hyper["initial_accumulator_value"]

    def _update(self, x, g, out):
        G, s = self.state["sum"], self._scratch
        clr = self.lr / (1.0 + (self.t - 1) * self.hyper["lr_decay"])
        np.multiply(g, g, out=s)
        G += s
        np.sqrt(G, out=s)
        s += self.hyper["eps"]
        np.divide(g, s, out=s)
        s *= clr
        return np.subtract(x, s, out=out)


class RMSProp(Optimizer):
    name, title = "rmsprop", "RMSProp"
    hyper_defaults = {"alpha": 0.99, "eps": 1e-8}
    state_names = ("square_avg",)
    formula = ("s_{t+1} = α·s_t + (1 − α)·∇f(x_t)²\n"
               "x_{t+1} = x_t − η·∇f(x_t)/(√s_{t+1} + ε)")

    def _update(self, x, g, out):
        alpha, sq, s = self.hyper["alpha"], self.state["square_avg"], self._scratch
        np.multiply(g, g, out=s)
        s *= 1.0 - alpha
        sq *= alpha
        sq += s
        np.sqrt(sq, out=s)
        s += self.hyper["eps"]
        np.divide(g, s, out=s)
        s *= self.lr
        return np.subtract(x, s, out=out)


class Adam(Optimizer):
    name, title = "adam", "Adam"
    hyper_defaults = {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    state_names = ("m", "v")
    formula = ("m_{t+1} = β₁·m_t + (1 − β₁)·∇f(x_t)\n"
               "v_{t+1} = β₂·v_t + (1 − β₂)·∇f(x_t)²\n"
               "m̂ = m_{t+1}/(1 − β₁^{t+1}),   v̂ = v_{t+1}/(1 − β₂^{t+1})\n"
               "x_{t+1} = x_t − η·m̂/(√v̂ + ε)")

    def init_state(self, K: int, D: int) -> None:
        super().init_state(K, D)
        b1, b2 = self.hyper["beta1"], self.hyper["beta2"]
        self._decay = np.array([b1, b2])[:, None, None]           # (2, 1, 1): m and v decay together
        self._weight = np.array([1.0 - b1, 1.0 - b2])[:, None, None]
        self._terms = np.empty((2, K, D))

    def keep(self, rows: Array) -> None:
        super().keep(rows)
        self._terms = self._terms[:, rows]

    def _update(self, x, g, out):
        # packed = [m, v]; one call updates both moments: [m, v] = [β₁, β₂]·[m, v] + [(1−β₁)g, (1−β₂)g²].
        P, terms, s = self.packed, self._terms, self._scratch
        np.multiply(g, self._weight, out=terms)
        terms[1] *= g
        P *= self._decay
        P += terms
        # x − η/bc1 · m/(√v/√bc2 + ε), with both scale factors folded into the denominator.
        bc1, bc2 = 1.0 - self.hyper["beta1"] ** self.t, 1.0 - self.hyper["beta2"] ** self.t
        k = bc1 / self.lr
        np.sqrt(P[1], out=s)
        s *= k / math.sqrt(bc2)
        s += k * self.hyper["eps"]
        np.divide(P[0], s, out=s)
        return np.subtract(x, s, out=out)


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
