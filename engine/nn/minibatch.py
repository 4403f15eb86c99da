"""Mini-batches and the L2 term: the two ways training "as it is done" differs from full-batch descent on L.

* :class:`MiniBatches` — which samples step t uses. Each epoch is a fresh permutation of the N samples (drawn from
  ``(seed, epoch)``), cut into consecutive batches of ``size`` (the last one of an epoch may be smaller, as in
  PyTorch's ``DataLoader``). Any step's batch can be asked for in any order and is always the same, so a run on a
  slice, the centre's training and a basin map that reuses the stepping loop all see the same noise.
* L2 regularisation (weight decay written into the loss): L_λ(θ) = L(θ) + λ/2·Σ w², summed over the weights W_l
  only (biases are not decayed); ∂L_λ/∂θ = ∂L/∂θ + λ·w on the weights.
"""
from __future__ import annotations

import numpy as np

Array = np.ndarray


class MiniBatches:
    """The batches of mini-batch SGD over ``n`` samples: ``indices(t)`` -> the sample indices of step t."""

    def __init__(self, n: int, size: int, seed: int = 0) -> None:
        if not isinstance(n, (int, np.integer)) or n < 1:
            raise ValueError(f"the number of samples must be a whole number ≥ 1, got {n!r}")
        if isinstance(size, bool) or not isinstance(size, (int, np.integer)) or size < 1:
            raise ValueError(f"batch size must be a whole number ≥ 1, got {size!r}")
        self.n, self.size, self.seed = int(n), int(min(size, n)), int(seed)
        self.per_epoch = -(-self.n // self.size)                  # ceil(n / size)
        self._last: tuple[int, Array] = (-1, np.arange(self.n))

    def order(self, epoch: int) -> Array:
        """The permutation of the samples in ``epoch``. The last one is kept as one (epoch, order) pair, replaced
        whole, so that two threads reading one plane (a run and its loss curves) never mix two epochs."""
        last = self._last
        if last[0] != epoch:
            last = (int(epoch), np.random.default_rng([self.seed, int(epoch)]).permutation(self.n))
            self._last = last
        return last[1]

    def indices(self, t: int) -> Array:
        """Sample indices (≤ size,) of step t (t = 0, 1, …)."""
        epoch, k = divmod(int(t), self.per_epoch)
        return self.order(epoch)[k * self.size:(k + 1) * self.size]


def batches(n: int, batch_size: int | None, seed: int = 0) -> MiniBatches | None:
    """:class:`MiniBatches`, or None for full-batch training (``batch_size`` None or 0)."""
    if batch_size is None or batch_size == 0:
        return None
    return MiniBatches(n, batch_size, seed)


def check_l2(l2: float) -> float:
    l2 = float(l2)
    if not np.isfinite(l2) or l2 < 0:
        raise ValueError(f"the L2 strength λ must be a finite number ≥ 0, got {l2!r}")
    return l2


def weight_mask(layer_sizes) -> Array:
    """(D,) 1.0 at the weights and 0.0 at the biases of the flat parameter vector (order W1, b1, W2, b2, …)."""
    parts = []
    for m, n in zip(layer_sizes[:-1], layer_sizes[1:]):
        parts += [np.ones(n * m), np.zeros(n)]
    return np.concatenate(parts)


def l2_penalty(theta: Array, mask: Array, l2: float) -> Array:
    """λ/2·Σ w² of parameter vectors theta (..., D); shape (...)."""
    return 0.5 * l2 * np.sum(mask * theta * theta, axis=-1)


def l2_gradient(theta: Array, mask: Array, l2: float) -> Array:
    """∂(λ/2·Σ w²)/∂θ = λ·w on the weights, 0 on the biases; shape of theta."""
    return l2 * mask * theta
