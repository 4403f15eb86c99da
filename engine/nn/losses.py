"""Loss functions with the output activation folded in.

The output layer's activation is chosen by the loss, so that the backward pass can start from the simple combined
derivative ∂L/∂z_out instead of ∂L/∂ŷ · ∂ŷ/∂z_out:

=========  ==================  ===========================================  =====================
loss       output activation   L (mean over the N samples)                  ∂L/∂z_out
=========  ==================  ===========================================  =====================
``mse``    identity            mean over all N·n_out entries of (ŷ − t)²    2(ŷ − t) / (N·n_out)
``bce``    sigmoid (n_out=1)   mean of −[t log ŷ + (1 − t) log(1 − ŷ)]      (ŷ − t) / N
``ce``     softmax (n_out≥2)   mean of −log ŷ[label]                        (ŷ − onehot) / N
=========  ==================  ===========================================  =====================

For sigmoid+BCE and softmax+CE the long product ∂L/∂ŷ · ∂ŷ/∂z collapses to ŷ − t (the 1/ŷ of the log cancels the
ŷ(1 − ŷ) of the sigmoid), which is also the numerically stable form: we never divide by a ŷ that rounds to 0.
The value is computed from the logits z with ``logaddexp`` / log-sum-exp for the same reason.

Samples are columns, as in the lesson: the output pre-activation z is (..., n_out, N) and the targets T (n_out, N)
(one-hot for ``ce``); leading axes (many parameter points at once) are kept: ``value`` returns shape (...).
"""
from __future__ import annotations

import numpy as np

from .activations import sigmoid

Array = np.ndarray

LOSSES = ("mse", "bce", "ce")
ALIASES = {
    "mse": "mse", "l2": "mse", "squared": "mse",
    "bce": "bce", "binary_cross_entropy": "bce", "binary-cross-entropy": "bce", "log": "bce",
    "ce": "ce", "cross_entropy": "ce", "cross-entropy": "ce", "softmax_ce": "ce", "softmax-ce": "ce",
}
OUTPUT_ACTIVATION = {"mse": "identity", "bce": "sigmoid", "ce": "softmax"}


def canonical_loss(name: str) -> str:
    """The canonical loss name for ``name``; ``ValueError`` listing valid names otherwise."""
    key = ALIASES.get(str(name).lower())
    if key is None:
        raise ValueError(f"unknown loss {name!r}; choose one of mse (regression), bce (binary cross-entropy), "
                         f"ce (softmax cross-entropy)")
    return key


def softmax(z: Array) -> Array:
    """Softmax over the units (axis −2), shifted by the max so that exp never overflows."""
    e = np.exp(z - z.max(axis=-2, keepdims=True))
    return e / e.sum(axis=-2, keepdims=True)


def output(loss: str, z: Array) -> Array:
    """ŷ from the output pre-activation z (..., n_out, N)."""
    if loss == "bce":
        return sigmoid(z)
    if loss == "ce":
        return softmax(z)
    return z


def value(loss: str, z: Array, T: Array) -> Array:
    """L for pre-activations z (..., n_out, N) and targets T (n_out, N); returns shape (...)."""
    if loss == "mse":
        return np.mean((z - T) ** 2, axis=(-2, -1))
    if loss == "bce":
        # −[t log σ(z) + (1 − t) log(1 − σ(z))] = log(1 + e^z) − t·z
        return np.mean(np.logaddexp(0.0, z) - T * z, axis=(-2, -1))
    m = z.max(axis=-2, keepdims=True)
    log_sum_exp = (m + np.log(np.exp(z - m).sum(axis=-2, keepdims=True)))[..., 0, :]
    return np.mean(log_sum_exp - np.sum(T * z, axis=-2), axis=-1)


def delta(loss: str, z: Array, T: Array) -> Array:
    """δ_L = ∂L/∂z_L, shape (..., n_out, N): the combined derivative of the table above."""
    n_out, n = T.shape
    if loss == "mse":
        return 2.0 * (z - T) / (n * n_out)
    return (output(loss, z) - T) / n
