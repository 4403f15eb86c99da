"""The seed's multilayer perceptron: dense layers, backprop written as the chain rule, layer by layer.

Conventions (as in the seed):

* ``layer_sizes = [n_in, h1, …, n_out]``; layer l maps a_{l−1} (N, n_{l−1}) to a_l (N, n_l) by
  z_l = a_{l−1} @ W_l + b_l with ``W_l`` of shape (n_{l−1}, n_l) and ``b_l`` of shape (n_l,); a_l = σ_l(z_l); a_0 = X.
* Hidden activations are named per layer (one name for all hidden layers, or a list with one name per hidden layer).
* The output activation is fixed by the loss (see :mod:`engine.nn.losses`): identity for ``mse`` (regression),
  sigmoid for ``bce`` (binary classification, n_out = 1), softmax for ``ce`` (multiclass, n_out ≥ 2).
* Targets ``y``: regression (N,) or (N, n_out) floats; bce (N,) of 0/1; ce (N,) of integer labels in [0, n_out).
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from . import losses
from .activations import ACTIVATIONS, canonical_activation
from .params import Params, flatten, n_params, param_shapes, unflatten

Array = np.ndarray
MAX_UNITS = 64


@dataclass(frozen=True)
class LayerTrace:
    """Backward quantities of layer l (1-based) for the backprop inspector.

    delta: ∂L/∂z_l, (N, n_l).  dW: ∂L/∂W_l, (n_{l−1}, n_l).  db: ∂L/∂b_l, (n_l,).
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
            params[f"W{l}"] = rng.normal(0.0, np.sqrt(gain / fan_in), size=(fan_in, fan_out))
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

    # ----------------------------------------------------------------- forward
    def layer_views(self, vector: Array) -> list[tuple[Array, Array]]:
        """(D,) flat vector -> [(W_1, b_1), (W_2, b_2), …] as views into it (no copies; writing a view writes the
        vector). Same order as :meth:`flatten`."""
        views = []
        i = 0
        for m, n in zip(self.layer_sizes[:-1], self.layer_sizes[1:]):
            views.append((vector[i:i + m * n].reshape(m, n), vector[i + m * n:i + m * n + n]))
            i += m * n + n
        return views

    def _forward_cache(self, params: Params | list[tuple[Array, Array]], X: Array) -> tuple[list[Array], list[Array]]:
        """Forward pass caching every layer: zs[l] = z_l (N, n_l) for l = 1..L (zs[0] is None), a[l] = a_l, a[0] = X.
        The last a is the hidden-style output before the loss's output activation (i.e. a_L = z_L).
        ``params``: a params dict or a list of (W_l, b_l) as from :meth:`layer_views`."""
        layers = _as_layers(params, self.n_layers)
        zs: list[Array] = [None]  # type: ignore[list-item]
        acts = [X]
        for l, (W, b) in enumerate(layers, start=1):
            z = acts[-1] @ W
            z += b
            zs.append(z)
            acts.append(ACTIVATIONS[self.activations[l - 1]][0](z) if l < self.n_layers else z)
        return zs, acts

    def forward(self, params: Params, X: Array) -> Array:
        """Predictions ŷ (N, n_out): raw values (mse), probabilities of class 1 (bce), class probabilities (ce)."""
        X = self.check_inputs(X)
        zs, _ = self._forward_cache(params, X)
        return losses.output(self.loss_name, zs[-1])

    def loss(self, params: Params, X: Array, y: Array) -> float:
        """Scalar loss L(θ) on the dataset (X (N, n_in), y)."""
        X = self.check_inputs(X)
        zs, _ = self._forward_cache(params, X)
        return float(losses.value(self.loss_name, zs[-1], self.targets(y, X.shape[0])))

    # ----------------------------------------------------------------- backward
    def backward_trace(self, params: Params, X: Array, y: Array) -> tuple[float, list[LayerTrace]]:
        """Loss and the per-layer backward quantities, output layer first (the order backprop visits them)."""
        X = self.check_inputs(X)
        t = self.targets(y, X.shape[0])
        zs, a = self._forward_cache(params, X)
        L = float(losses.value(self.loss_name, zs[-1], t))
        # Start of the chain: ∂L/∂z_out. For sigmoid+BCE and softmax+CE this is the combined ŷ − t (see losses.py);
        # for MSE it is ∂L/∂ŷ itself since the output activation is the identity.
        delta = losses.grad_output(self.loss_name, zs[-1], t)          # δ_L, (N, n_L)
        trace: list[LayerTrace] = []
        for l in range(self.n_layers, 0, -1):
            dW = a[l - 1].T @ delta                                     # ∂L/∂W_l = a_{l−1}ᵀ · δ_l
            db = delta.sum(axis=0)                                      # ∂L/∂b_l = Σ_samples δ_l
            trace.append(LayerTrace(l, delta, dW, db))
            if l > 1:                                                   # δ_{l−1} = (δ_l · W_lᵀ) ⊙ σ'(z_{l−1})
                local = ACTIVATIONS[self.activations[l - 2]][1](zs[l - 1], a[l - 1])
                delta = (delta @ params[f"W{l}"].T) * local
        return L, trace

    def loss_and_gradients(self, params: Params, X: Array, y: Array) -> tuple[float, Params]:
        """(L, {"W1": ∂L/∂W1, "b1": ∂L/∂b1, …}) by backprop; gradients have the parameters' shapes."""
        L, trace = self.backward_trace(params, X, y)
        grads: Params = {}
        for lt in reversed(trace):
            grads[f"W{lt.layer}"] = lt.dW
            grads[f"b{lt.layer}"] = lt.db
        return L, grads

    def loss_and_flat_gradient(self, theta: Array, X: Array, t: Array) -> tuple[float, Array]:
        """Training's hot path: (L, ∂L/∂θ (D,)) at the flat parameters theta (D,), by the same backprop as
        :meth:`backward_trace`. X and the targets matrix t must already be checked (:meth:`check_inputs`,
        :meth:`targets`): a training loop does that once, not every step. Parameters are read, and the gradient
        written, through :meth:`layer_views` (no dicts, no copies)."""
        fast = _compiled_step(self, theta, X, t)
        if fast is not None:
            return fast
        layers = self.layer_views(theta)
        grad = np.empty_like(theta)
        grad_layers = self.layer_views(grad)
        zs, a = self._forward_cache(layers, X)
        L = float(losses.value(self.loss_name, zs[-1], t))
        delta = losses.grad_output(self.loss_name, zs[-1], t)          # δ_L, (N, n_L)
        for l in range(self.n_layers, 0, -1):
            dW, db = grad_layers[l - 1]
            np.matmul(a[l - 1].T, delta, out=dW)                        # ∂L/∂W_l = a_{l−1}ᵀ · δ_l
            np.sum(delta, axis=0, out=db)                               # ∂L/∂b_l = Σ_samples δ_l
            if l > 1:                                                   # δ_{l−1} = (δ_l · W_lᵀ) ⊙ σ'(z_{l−1})
                local = ACTIVATIONS[self.activations[l - 2]][1](zs[l - 1], a[l - 1])
                W = layers[l - 1][0]
                # one output unit: δ·Wᵀ is an outer product, which BLAS runs ~5× slower than a broadcast multiply
                delta = delta * W[:, 0] if W.shape[1] == 1 else delta @ W.T
                delta *= local
        return L, grad


_scratch = threading.local()


def _compiled_step(model: MLP, theta: Array, X: Array, t: Array) -> tuple[float, Array] | None:
    """loss_and_flat_gradient through the compiled kernel (engine.nn.kernels), or None when it is unavailable.
    Scratch buffers are kept per thread and per shape, so a training loop allocates nothing but the gradient."""
    from . import kernels
    k = kernels.load()
    if k is None or theta.dtype != np.float64 or X.dtype != np.float64:
        return None
    N = X.shape[0]
    key = (model.layer_sizes, tuple(model.activations), N)
    cache = getattr(_scratch, "cache", None)
    if cache is None or cache[0] != key:
        width = max(model.layer_sizes)
        codes = np.array([kernels.CODES[a] for a in model.activations] or [0], dtype=np.int64)
        cache = (key, np.array(model.layer_sizes, dtype=np.int64), codes,
                 np.empty((len(model.layer_sizes), width, N)), np.empty((width, N)), np.empty((width, N)))
        _scratch.cache = cache
    _, sizes, codes, acts, d_a, d_b = cache
    grad = np.empty_like(theta)
    loss = kernels.mlp_loss_grad(k, np.ascontiguousarray(theta), sizes, codes, kernels.LOSS_CODES[model.loss_name],
                                 np.ascontiguousarray(X.T), np.ascontiguousarray(np.asarray(t, dtype=np.float64).T),
                                 acts, d_a, d_b, grad)
    return float(loss), grad


def _as_layers(params: Params | list[tuple[Array, Array]], n_layers: int) -> list[tuple[Array, Array]]:
    if isinstance(params, dict):
        return [(params[f"W{l}"], params[f"b{l}"]) for l in range(1, n_layers + 1)]
    return params


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
