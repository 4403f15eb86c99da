"""Activation functions σ and their local derivatives σ′, element-wise on arrays of any shape.

Each entry is a pair ``(σ, σ′)`` with ``σ′(z, h)`` given both z and h = σ(z), because the textbook forms use h:
tanh′ = 1 − h², sigmoid′ = h(1 − h), relu′ = [z > 0].
"""
from __future__ import annotations

from typing import Callable

import numpy as np

Array = np.ndarray


def tanh(z: Array) -> Array:
    """tanh(z) (NumPy's)."""
    return np.tanh(z)


def sigmoid(z: Array) -> Array:
    """σ(z) = 1 / (1 + e^{−z}), written so that neither branch overflows."""
    z = np.asarray(z)
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e)).astype(np.result_type(z, np.float32), copy=False)


def relu(z: Array) -> Array:
    return np.maximum(z, 0.0)


def identity(z: Array) -> Array:
    return z


ACTIVATIONS: dict[str, tuple[Callable[[Array], Array], Callable[[Array, Array], Array]]] = {
    "tanh": (tanh, lambda z, h: 1.0 - h * h),
    "sigmoid": (sigmoid, lambda z, h: h * (1.0 - h)),
    "relu": (relu, lambda z, h: (z > 0).astype(z.dtype)),
    "identity": (identity, lambda z, h: np.ones_like(z)),
}
ALIASES = {"linear": "identity", "none": "identity", "logistic": "sigmoid", "ReLU": "relu"}


def canonical_activation(name: str) -> str:
    """The catalogue name for ``name`` (aliases accepted); ``ValueError`` listing valid names otherwise."""
    key = ALIASES.get(str(name), str(name).lower())
    key = ALIASES.get(key, key)
    if key not in ACTIVATIONS:
        raise ValueError(f"unknown activation {name!r}; choose one of {', '.join(ACTIVATIONS)}")
    return key
