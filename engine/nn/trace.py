"""One input's way through the network, forward and backward, as the network view writes it on nodes and edges.

    tr = trace(model, theta, X, y, index=3)            # θ: flat (D,) or a params dict
    tr.z[l - 1], tr.h[l]                               # forward: z_l, h_l = σ(z_l), each (n_l,); h_0 = x, h_L = ŷ
    tr.delta[l - 1], tr.dW[l - 1], tr.db[l - 1]        # backward, for the loss named by ``scope``
    u = weight_update(model, theta, grad, "W2[3,1]", lr=0.1, step=plane_step(plane, (a0, b0), (a1, b1)))

``scope`` names the loss the backward pass differentiates:

* ``"sample"``: the chosen sample's own loss ℓ_n. δ_l = ∂ℓ_n/∂z_l on the nodes, ∂ℓ_n/∂W_l = δ_l h_{l−1}ᵀ on the
  edges — the chain rule for one input, as a lesson draws it.
* ``"dataset"``: the training loss L = (1/N) Σ_n ℓ_n that gradient descent follows. Its δ_l is one column per
  sample; the nodes get their sum Σ_n δ_l,n = ∂L/∂b_l, the edges ∂L/∂W_l.

Both are :func:`engine.nn.mlp.forward_pass` and :func:`engine.nn.mlp.backprop` (the reference), on one column or
on all of them.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import losses
from .mlp import MLP, backprop, forward_pass
from .params import Params, flat_index

Array = np.ndarray
SCOPES = ("sample", "dataset")


@dataclass(frozen=True)
class NetworkTrace:
    """Forward and backward values of one sample at one parameter point, per layer (lists indexed from layer 1,
    except ``h`` which starts at h_0 = x).

    W[l−1] (n_l, n_{l−1}) and b[l−1] (n_l,): the parameters. z[l−1] (n_l,): pre-activations; h[l] (n_l,):
    activations, h[0] = x and h[L] = ŷ (the output activation fixed by the loss). delta[l−1] (n_l,): δ_l for
    ``scope`` "sample", Σ_n δ_l,n = ∂L/∂b_l for "dataset". dW[l−1], db[l−1]: the gradient of that loss.
    ``sample_loss`` ℓ_n, ``loss`` the differentiated loss (ℓ_n or L), ``target`` the sample's target row."""

    index: int
    scope: str
    W: list[Array]
    b: list[Array]
    z: list[Array]
    h: list[Array]
    delta: list[Array]
    dW: list[Array]
    db: list[Array]
    sample_loss: float
    loss: float
    target: Array

    @property
    def n_layers(self) -> int:
        return len(self.W)


def trace(model: MLP, params: Params | Array, X: Array, y: Array, index: int, scope: str = "sample"
          ) -> NetworkTrace:
    """The :class:`NetworkTrace` of sample ``index`` of (X (N, n_0), y) at ``params`` (dict or flat (D,))."""
    if scope not in SCOPES:
        raise ValueError(f"unknown scope {scope!r}; choose 'sample' (one input's loss) or 'dataset' (the mean loss)")
    X = model.check_inputs(X)
    n = X.shape[0]
    T = model.targets(y, n)                                                  # (N, n_L)
    if isinstance(index, bool) or not isinstance(index, (int, np.integer)) or not 0 <= index < n:
        raise ValueError(f"sample {index!r} does not exist; the dataset has {n} samples, numbered 0 to {n - 1}")
    index = int(index)
    if not isinstance(params, dict):
        params = np.asarray(params, dtype=np.float64)
        if params.shape != (model.n_params,):
            raise ValueError(f"parameter vector has shape {params.shape}, expected ({model.n_params},)")
    layers = model.layers(params)
    acts, name = model.activations, model.loss_name
    zs, hs = forward_pass(layers, acts, X[index:index + 1])                  # one column: (n_l, 1)
    t_n = T[index:index + 1].T
    sample_loss = float(losses.value(name, zs[-1], t_n))
    if scope == "sample":
        steps = backprop(layers, acts, zs, hs, losses.delta(name, zs[-1], t_n))
        delta = [d[:, 0] for d, _, _ in reversed(steps)]
        loss = sample_loss
    else:
        Zs, Hs = forward_pass(layers, acts, X)
        steps = backprop(layers, acts, Zs, Hs, losses.delta(name, Zs[-1], T.T))
        delta = [db for _, _, db in reversed(steps)]                        # Σ_n δ_l,n
        loss = float(losses.value(name, Zs[-1], T.T))
    h = [v[:, 0] for v in hs] + [losses.output(name, zs[-1])[:, 0]]
    return NetworkTrace(
        index=index, scope=scope,
        W=[np.array(W, dtype=np.float64) for W, _ in layers], b=[np.array(b, dtype=np.float64) for _, b in layers],
        z=[v[:, 0] for v in zs], h=h, delta=delta,
        dW=[dW for _, dW, _ in reversed(steps)], db=[db for _, _, db in reversed(steps)],
        sample_loss=sample_loss, loss=loss, target=T[index].copy())


def flat_gradient(tr: NetworkTrace) -> Array:
    """The trace's gradient as one flat vector (D,) in the order W1, b1, W2, b2, … ."""
    return np.concatenate([p for dW, db in zip(tr.dW, tr.db) for p in (dW.ravel(), db)])


def plane_step(plane, start: tuple[float, float], end: tuple[float, float]) -> Array:
    """θ(end) − θ(start) (D,) for two points of a slice θ(α, β) = θ_o + α·d1 + β·d2: Δα·d1 + Δβ·d2 (written as the
    difference of the coordinates, so that no rounding of θ_o enters)."""
    da, db = float(end[0]) - float(start[0]), float(end[1]) - float(start[1])
    return da * plane.d1 + db * plane.d2


@dataclass(frozen=True)
class WeightUpdate:
    """One parameter's update: ``before`` = w, ``grad`` = ∂L/∂w, ``lr`` = η; ``gd_after`` = w − η·∂L/∂w (plain
    gradient descent); ``step`` the change an optimizer actually made to w (None when unknown), ``after`` = w + step.
    """

    name: str
    before: float
    grad: float
    lr: float
    step: float | None = None

    @property
    def gd_step(self) -> float:
        return -self.lr * self.grad

    @property
    def gd_after(self) -> float:
        return self.before - self.lr * self.grad

    @property
    def after(self) -> float | None:
        return None if self.step is None else self.before + self.step


def weight_update(model: MLP, theta: Array, grad: Array, name: str, lr: float, step: Array | None = None
                  ) -> WeightUpdate:
    """The update of the parameter ``name`` (e.g. ``"W2[3,1]"``, ``"b1[0]"``) from flat θ (D,), ∂L/∂θ (D,), η and
    an optimizer's actual step Δθ (D,) (e.g. :func:`plane_step` between two rows of a run on a slice)."""
    k = flat_index(name, model.layer_sizes)
    return WeightUpdate(name.replace(" ", ""), float(theta[k]), float(grad[k]), float(lr),
                        None if step is None else float(step[k]))
