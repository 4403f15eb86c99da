"""The lesson's multilayer perceptron: forward pass, loss and backprop written as the chain rule, layer by layer.

Conventions (the lesson's, and ``torch.nn.Linear``'s):

* ``layer_sizes = [n_0, n_1, …, n_L]``; layer l has W_l (n_l, n_{l−1}) and b_l (n_l,):
  z_l = W_l h_{l−1} + b_l,  h_l = σ(z_l),  h_0 = x.  Samples are batched as columns: h_l is (n_l, N).
* Hidden activations are named per layer (one name for all hidden layers, or one per hidden layer). The output
  activation is fixed by the loss (:mod:`engine.nn.losses`): identity for ``mse``, sigmoid for ``bce`` (n_L = 1),
  softmax for ``ce`` (n_L ≥ 2).
* Data: X (N, n_0) one sample a row, as datasets come; targets y (N,) or (N, n_L) (``ce``: integer labels).

:func:`forward_pass` and :func:`backprop` are the reference; :mod:`engine.nn.fast` is the compiled fast path for the
training step, tested against them.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from . import fast, losses
from .activations import ACTIVATIONS, canonical_activation
from .params import Params, flatten, n_params, param_shapes, unflatten

Array = np.ndarray
Layers = list[tuple[Array, Array]]
MAX_UNITS = 64


def forward_pass(layers: Layers, activations: Sequence[str], X: Array) -> tuple[list[Array], list[Array]]:
    """z_l = W_l h_{l−1} + b_l and h_l = σ(z_l), from h_0 = xᵀ.

    layers: [(W_l (..., n_l, n_{l−1}), b_l (..., n_l))] for l = 1 … L, where a leading axis (...) holds many
    parameter points at once; activations: the L − 1 hidden σ names; X (N, n_0).
    Returns zs = [z_1, …, z_L] and hs = [h_0, …, h_{L−1}], each (..., n_l, N) (h_0 = Xᵀ has no leading axis).
    """
    hs, zs = [X.T], []
    for l, (W, b) in enumerate(layers, start=1):
        z = W @ hs[-1] + b[..., None]
        zs.append(z)
        if l < len(layers):
            sigma = ACTIVATIONS[activations[l - 1]][0]
            hs.append(sigma(z))
    return zs, hs


def backprop(layers: Layers, activations: Sequence[str], zs: list[Array], hs: list[Array], delta: Array
             ) -> list[tuple[Array, Array, Array]]:
    """The chain rule from δ_L = ∂L/∂z_L (..., n_L, N) back to the input, for l = L, …, 1:

        ∂L/∂W_l = δ_l h_{l−1}ᵀ,   ∂L/∂b_l = Σ_samples δ_l,   δ_{l−1} = (W_lᵀ δ_l) ⊙ σ′(z_{l−1})

    Returns [(δ_l (..., n_l, N), ∂L/∂W_l (..., n_l, n_{l−1}), ∂L/∂b_l (..., n_l))], output layer first.
    """
    out = []
    for l in range(len(layers), 0, -1):
        W = layers[l - 1][0]
        dW = delta @ hs[l - 1].swapaxes(-1, -2)
        db = delta.sum(axis=-1)
        out.append((delta, dW, db))
        if l > 1:
            sigma_prime = ACTIVATIONS[activations[l - 2]][1]
            delta = (W.swapaxes(-1, -2) @ delta) * sigma_prime(zs[l - 2], hs[l - 1])
    return out


def in_chunks(fn: Callable[[slice], Array], count: int, chunk: int) -> Array:
    """``fn`` over consecutive slices of ``count`` items, ``chunk`` at a time, concatenated along axis 0. Chunks run
    on up to two threads (NumPy releases the GIL in its loops and matrix products)."""
    parts = [slice(s, s + chunk) for s in range(0, count, chunk)]
    if len(parts) <= 1:
        return fn(slice(0, count))
    with ThreadPoolExecutor(min(2, os.cpu_count() or 1)) as pool:
        return np.concatenate(list(pool.map(fn, parts)))


@dataclass(frozen=True)
class LayerTrace:
    """Backward quantities of layer l (1-based) for the backprop inspector.

    delta: δ_l = ∂L/∂z_l, (n_l, N).  dW: ∂L/∂W_l = δ_l h_{l−1}ᵀ, (n_l, n_{l−1}).  db: ∂L/∂b_l, (n_l,).
    """

    layer: int
    delta: Array
    dW: Array
    db: Array

    @property
    def dW_norm(self) -> float:
        return float(np.linalg.norm(self.dW))

    @property
    def db_norm(self) -> float:
        return float(np.linalg.norm(self.db))

    @property
    def delta_norm(self) -> float:
        return float(np.linalg.norm(self.delta))


class MLP:
    """A small dense network. See the module docstring for shapes and conventions."""

    def __init__(self, layer_sizes: Sequence[int], activation: str | Sequence[str] = "tanh", loss: str = "mse",
                 seed: int = 0):
        self.layer_sizes = _check_layer_sizes(layer_sizes)
        n_hidden = len(self.layer_sizes) - 2
        if isinstance(activation, str):
            names = [activation] * n_hidden
        else:
            names = list(activation)
            if len(names) != n_hidden:
                raise ValueError(f"got {len(names)} activations for {n_hidden} hidden layers; "
                                 f"give one name, or one per hidden layer")
        self.activations = [canonical_activation(a) for a in names]
        self.loss_name = losses.canonical_loss(loss)
        n_out = self.layer_sizes[-1]
        if self.loss_name == "bce" and n_out != 1:
            raise ValueError(f"binary cross-entropy needs 1 output unit, the network has {n_out}")
        if self.loss_name == "ce" and n_out < 2:
            raise ValueError("softmax cross-entropy needs at least 2 output units (one per class)")
        self.seed = int(seed)

    # ----------------------------------------------------------------- description
    @property
    def n_layers(self) -> int:
        """Number of weight layers."""
        return len(self.layer_sizes) - 1

    @property
    def output_activation(self) -> str:
        return losses.OUTPUT_ACTIVATION[self.loss_name]

    @property
    def n_params(self) -> int:
        return n_params(self.layer_sizes)

    def param_shapes(self) -> dict[str, tuple[int, ...]]:
        return param_shapes(self.layer_sizes)

    @property
    def name(self) -> str:
        """E.g. ``"mlp-2-16-16-1-tanh"``."""
        acts = "-".join(dict.fromkeys(self.activations)) or "linear"
        return "mlp-" + "-".join(map(str, self.layer_sizes)) + f"-{acts}"

    def __repr__(self) -> str:
        return (f"MLP({list(self.layer_sizes)}, activation={self.activations}, loss={self.loss_name!r}, "
                f"seed={self.seed})")

    # ----------------------------------------------------------------- parameters
    def init_params(self) -> Params:
        """Fresh parameters from ``seed``: W_l ~ N(0, s²) with s = √(2/n_{l−1}) before ReLU (He), else
        √(1/n_{l−1}) (LeCun); biases start at 0."""
        rng = np.random.default_rng(self.seed)
        params: Params = {}
        for l in range(1, len(self.layer_sizes)):
            fan_in, fan_out = self.layer_sizes[l - 1], self.layer_sizes[l]
            gain = 2.0 if l - 1 < len(self.activations) and self.activations[l - 1] == "relu" else 1.0
            # drawn in (in, out) order and transposed, so that a seed gives the network saved scenes were made with
            params[f"W{l}"] = rng.normal(0.0, np.sqrt(gain / fan_in), size=(fan_in, fan_out)).T.copy()
            params[f"b{l}"] = np.zeros(fan_out)
        return params

    def flatten(self, params: Params) -> Array:
        """Params dict -> (D,) vector in the order W1, b1, W2, b2, …"""
        return flatten(params, self.layer_sizes)

    def unflatten(self, vector: Array) -> Params:
        """(D,) vector -> params dict (inverse of :meth:`flatten`)."""
        return unflatten(vector, self.layer_sizes)

    def layer_activation(self, l: int) -> str:
        """Activation of layer l (1-based); the last layer's is fixed by the loss."""
        return self.activations[l - 1] if l < self.n_layers else self.output_activation

    # ----------------------------------------------------------------- data checks
    def check_inputs(self, X: Array) -> Array:
        X = np.asarray(X, dtype=np.float64)
        if X.ndim != 2:
            raise ValueError(f"inputs X must be a 2-D array (N, n_in), got shape {X.shape}")
        if X.shape[1] != self.layer_sizes[0]:
            raise ValueError(f"the dataset has {X.shape[1]} input feature(s) but the network's input layer has "
                             f"{self.layer_sizes[0]} unit(s)")
        if X.shape[0] == 0:
            raise ValueError("the dataset is empty")
        return X

    def targets(self, y: Array, n: int) -> Array:
        """Targets as a float matrix t (N, n_out): one-hot labels for ``ce``, 0/1 for ``bce``."""
        y = np.asarray(y)
        n_out = self.layer_sizes[-1]
        if y.shape[0] != n:
            raise ValueError(f"y has {y.shape[0]} targets for {n} inputs")
        if self.loss_name == "ce":
            if y.ndim != 1 or not np.all(np.equal(np.mod(y, 1), 0)) or y.min() < 0 or y.max() >= n_out:
                raise ValueError(f"softmax cross-entropy needs integer class labels in [0, {n_out}) "
                                 f"(the network has {n_out} output units)")
            return np.eye(n_out)[y.astype(np.int64)]
        t = np.asarray(y, dtype=np.float64).reshape(n, -1)
        if t.shape[1] != n_out:
            raise ValueError(f"targets have {t.shape[1]} column(s) but the network has {n_out} output unit(s)")
        if self.loss_name == "bce" and not np.all((t == 0) | (t == 1)):
            raise ValueError("binary cross-entropy needs targets that are 0 or 1")
        return t

    # ----------------------------------------------------------------- forward and backward
    def layers(self, params: Params | Array) -> Layers:
        """[(W_1, b_1), …, (W_L, b_L)] from a params dict, or as views into flat vectors (..., D) (no copies)."""
        if isinstance(params, dict):
            return [(params[f"W{l}"], params[f"b{l}"]) for l in range(1, self.n_layers + 1)]
        lead = params.shape[:-1]
        out, i = [], 0
        for m, n in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            out.append((params[..., i:i + n * m].reshape(lead + (n, m)), params[..., i + n * m:i + n * m + n]))
            i += n * m + n
        return out

    def forward_pass(self, params: Params | Array, X: Array) -> tuple[list[Array], list[Array]]:
        """:func:`forward_pass` of this network at ``params`` (dict, or flat (..., D)) on checked inputs X."""
        return forward_pass(self.layers(params), self.activations, X)

    def forward(self, params: Params, X: Array) -> Array:
        """Predictions ŷ (N, n_L): raw values (mse), probabilities of class 1 (bce), class probabilities (ce)."""
        X = self.check_inputs(X)
        zs, _ = self.forward_pass(params, X)
        return losses.output(self.loss_name, zs[-1]).T

    def loss(self, params: Params, X: Array, y: Array) -> float:
        """Scalar loss L(θ) on the dataset (X (N, n_0), y)."""
        X = self.check_inputs(X)
        zs, _ = self.forward_pass(params, X)
        return float(losses.value(self.loss_name, zs[-1], self.targets(y, X.shape[0]).T))

    def backward_trace(self, params: Params, X: Array, y: Array) -> tuple[float, list[LayerTrace]]:
        """Loss and the per-layer backward quantities, output layer first (the order backprop visits them)."""
        X = self.check_inputs(X)
        T = self.targets(y, X.shape[0]).T
        layers = self.layers(params)
        zs, hs = forward_pass(layers, self.activations, X)
        L = float(losses.value(self.loss_name, zs[-1], T))
        steps = backprop(layers, self.activations, zs, hs, losses.delta(self.loss_name, zs[-1], T))
        return L, [LayerTrace(l, d, dW, db) for l, (d, dW, db) in zip(range(self.n_layers, 0, -1), steps)]

    def loss_and_gradients(self, params: Params, X: Array, y: Array) -> tuple[float, Params]:
        """(L, {"W1": ∂L/∂W1, "b1": ∂L/∂b1, …}) by backprop; gradients have the parameters' shapes."""
        L, trace = self.backward_trace(params, X, y)
        grads: Params = {}
        for lt in reversed(trace):
            grads[f"W{lt.layer}"] = lt.dW
            grads[f"b{lt.layer}"] = lt.db
        return L, grads

    def losses_and_gradients(self, thetas: Array, X: Array, t: Array, gradients: bool = True
                             ) -> tuple[Array, Array | None]:
        """The reference at many parameter points: thetas (..., D) -> losses (...) and flat gradients (..., D).

        X and the targets matrix t (N, n_L) must already be checked (:meth:`check_inputs`, :meth:`targets`). The
        arithmetic is done in the arrays' own dtype (float32 arrays give a float32 reference).
        """
        T = np.asarray(t).T
        layers = self.layers(thetas)
        zs, hs = forward_pass(layers, self.activations, X)
        loss = losses.value(self.loss_name, zs[-1], T)
        if not gradients:
            return loss, None
        steps = backprop(layers, self.activations, zs, hs, losses.delta(self.loss_name, zs[-1], T))
        lead = thetas.shape[:-1]
        parts = [p for _, dW, db in reversed(steps) for p in (dW.reshape(lead + (-1,)), db)]
        return loss, np.concatenate(parts, axis=-1)

    def loss_and_flat_gradient(self, theta: Array, X: Array, t: Array) -> tuple[float, Array]:
        """The training step's gradient: (L, ∂L/∂θ (D,)) at flat parameters θ (D,), on checked X and targets t
        (N, n_L). The compiled fast path when it is available (:mod:`engine.nn.fast`), else the reference."""
        if fast.available() and theta.dtype == np.float64 and X.dtype == np.float64:
            return fast.loss_and_flat_gradient(self, theta, X, t)
        L, g = self.losses_and_gradients(theta, X, t)
        return float(L), g

    def flat_gradients(self, thetas: Array, X: Array, t: Array) -> Array:
        """∂L/∂θ at P points thetas (P, D) -> (P, D): the fast path's training step at each point when it is
        available, else the reference batched over the points (in chunks that keep the activations small)."""
        if fast.available():
            return fast.flat_gradients(self, thetas, X, t)
        return in_chunks(lambda rows: self.losses_and_gradients(thetas[rows], X, t)[1], len(thetas),
                         self.chunk(X.shape[0]))

    def chunk(self, N: int) -> int:
        """Parameter points per batch of the reference on N samples: keeps one layer's activations near 2^18
        numbers."""
        return max(1, (1 << 18) // (N * max(self.layer_sizes)))


def _check_layer_sizes(layer_sizes: Sequence[int]) -> tuple[int, ...]:
    try:
        sizes = [int(s) for s in layer_sizes]
    except (TypeError, ValueError):
        raise ValueError(f"layer sizes must be whole numbers, got {layer_sizes!r}") from None
    if any(s != float(o) for s, o in zip(sizes, layer_sizes)):
        raise ValueError(f"layer sizes must be whole numbers, got {list(layer_sizes)}")
    if len(sizes) < 2:
        raise ValueError("a network needs at least an input and an output layer, e.g. [2, 16, 1]")
    for i, s in enumerate(sizes):
        what = "input layer" if i == 0 else "output layer" if i == len(sizes) - 1 else f"hidden layer {i}"
        if s < 1:
            raise ValueError(f"the {what} has {s} units; every layer needs at least 1")
        if s > MAX_UNITS:
            raise ValueError(f"the {what} has {s} units; at most {MAX_UNITS} units per layer are allowed")
    return tuple(sizes)
