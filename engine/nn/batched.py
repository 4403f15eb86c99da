"""Networks evaluated at many parameter points at once.

Two engines share the layer-by-layer structure of :class:`~engine.nn.mlp.MLP`:

* :func:`batched_loss_and_gradients` — float64 forward + backprop at P arbitrary parameter points, stacked on a
  leading axis: W_l (P, n_{l−1}, n_l), b_l (P, n_l). Used for in-plane gradients, Hessians and exact checks.
* :class:`engine.nn.grid.PlaneGridEvaluator` — the fast float32 forward-only engine for loss grids.
"""
from __future__ import annotations

from typing import Sequence

import numpy as np

from . import losses
from .activations import ACTIVATIONS

Array = np.ndarray
Layers = list[tuple[Array, Array]]


def stack_layers(vectors: Array, layer_sizes: Sequence[int]) -> Layers:
    """(P, D) flat parameter vectors -> [(W_l (P, n_{l−1}, n_l), b_l (P, n_l)), …] (views where possible)."""
    P = vectors.shape[0]
    out: Layers = []
    i = 0
    for l in range(1, len(layer_sizes)):
        m, n = layer_sizes[l - 1], layer_sizes[l]
        W = vectors[:, i:i + m * n].reshape(P, m, n)
        i += m * n
        out.append((W, vectors[:, i:i + n]))
        i += n
    return out


def batched_loss_and_gradients(model, vectors: Array, X: Array, t: Array, gradients: bool = True
                               ) -> tuple[Array, Array | None]:
    """Loss (P,) and flat gradients (P, D) at P parameter vectors (P, D); float64, same maths as MLP.backward_trace.

    X: (N, n_in); t: targets matrix (N, n_out) as from ``model.targets``.
    """
    layers = stack_layers(vectors, model.layer_sizes)
    L_layers = len(layers)
    zs: list[Array] = []
    acts: list[Array] = [X]
    for l, (W, b) in enumerate(layers, start=1):
        z = np.matmul(acts[-1], W) + b[:, None, :]                    # (P, N, n_l)
        zs.append(z)
        if l < L_layers:
            acts.append(ACTIVATIONS[model.activations[l - 1]][0](z))
    loss = losses.value(model.loss_name, zs[-1], t)                    # (P,)
    if not gradients:
        return loss, None
    delta = losses.grad_output(model.loss_name, zs[-1], t)             # δ_L (P, N, n_L)
    grads: list[Array] = []
    for l in range(L_layers, 0, -1):
        a_prev = acts[l - 1]
        a_prev_T = a_prev.T if a_prev.ndim == 2 else a_prev.transpose(0, 2, 1)
        grads.append(delta.sum(axis=1))                                # ∂L/∂b_l (P, n_l)
        grads.append(np.matmul(a_prev_T, delta).reshape(len(vectors), -1))   # ∂L/∂W_l = a_{l−1}ᵀ δ_l
        if l > 1:
            W = layers[l - 1][0]
            local = ACTIVATIONS[model.activations[l - 2]][1](zs[l - 2], acts[l - 1])
            delta = np.matmul(delta, W.transpose(0, 2, 1)) * local    # δ_{l−1} = (δ_l W_lᵀ) ⊙ σ'(z_{l−1})
    return loss, np.concatenate(grads[::-1], axis=1)


