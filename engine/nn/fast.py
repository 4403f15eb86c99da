"""The fast path of network mode: compiled (numba) versions of the three hot computations, each tested against the
reference in :mod:`engine.nn.mlp` (tests/engine/nn/test_fast.py).

* :func:`loss_and_flat_gradient` — the training step's forward pass and backprop, float64;
* :func:`flat_gradients` — that step at many parameter points (in-plane gradients, Hessians), on two threads;
* :class:`PlaneLosses` — the loss on a plane θ(α, β) = θ_o + α·d1 + β·d2, float32, forward only.

numba is an optional extra (``pip install descent-lab[fast]``), imported by :func:`load`, never at ``import engine``.
Without it, with ``DESCENT_LAB_NO_JIT=1``, or when it fails to compile, :func:`available` is False and callers use
the reference: every feature still works.
"""
from __future__ import annotations

import os
import threading
import warnings
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

import numpy as np

from . import losses

Array = np.ndarray
CODES = {"identity": 0, "tanh": 1, "sigmoid": 2, "relu": 3}
LOSS_CODES = {"mse": 0, "bce": 1, "ce": 2}
POINTS_PER_JOB = 64             # plane points per job of the compiled grid loop
THREADS_MIN_POINTS = 16         # flat_gradients at this many points or more use two threads
_lock = threading.Lock()
_loaded: dict = {}
_scratch = threading.local()


def load():
    """The module of compiled loops (:mod:`engine.nn.fast_kernels`), or None when the fast path is off (see the
    module docstring). Decided once per process; :func:`reset` forgets the answer."""
    if "k" in _loaded:
        return _loaded["k"]
    with _lock:
        if "k" not in _loaded:
            if os.environ.get("DESCENT_LAB_NO_JIT", "").strip() not in ("", "0"):
                _loaded["k"] = None
            else:
                try:
                    from . import fast_kernels
                    _loaded["k"] = _warm(fast_kernels)
                except ImportError:      # numba is an optional extra (descent-lab[fast]): the reference works
                    _loaded["k"] = None
                except Exception as exc:  # numba present but broken: say so, and let the reference work
                    warnings.warn(f"compiled network kernels unavailable, using NumPy ({exc})", RuntimeWarning,
                                  stacklevel=2)
                    _loaded["k"] = None
        return _loaded["k"]


def installed() -> bool:
    """Whether numba is installed and not switched off (without importing it)."""
    import importlib.util
    off = os.environ.get("DESCENT_LAB_NO_JIT", "").strip() not in ("", "0")
    return not off and importlib.util.find_spec("numba") is not None


def available() -> bool:
    """Whether the fast path is on (loads it on first call)."""
    return load() is not None


def is_loaded() -> bool:
    """Whether :func:`load` has already decided (so calling it now costs nothing)."""
    return "k" in _loaded


def reset() -> None:
    """Forget whether the fast path is available (the next :func:`load` decides again, reading the environment)."""
    with _lock:
        _loaded.clear()


@contextmanager
def disabled():
    """Within the block the fast path is off and the reference runs (same-run comparisons in tests and benchmarks;
    not meant for use while other threads compute)."""
    with _lock:
        saved = dict(_loaded)
        _loaded["k"] = None
    try:
        yield
    finally:
        with _lock:
            _loaded.clear()
            _loaded.update(saved)


def _warm(k):
    """Run every loop once on tiny inputs of the exact types used later, so that numba compiles them (or reads its
    disk cache) here, in the thread that asked first, and never in the middle of a frame."""
    z = np.zeros(4)
    k.tanh64(z, z.copy())
    k.sigmoid64(z, z.copy())
    sizes = np.array([2, 3, 1], dtype=np.int64)
    for loss_code in LOSS_CODES.values():
        _loss_grad(k, np.zeros(13), sizes, np.ones(1, np.int64), loss_code, np.zeros((2, 4)), np.zeros((1, 4)),
                   np.zeros((3, 3, 4)), np.zeros((3, 4)), np.zeros((3, 4)), np.zeros(13))
    f = np.float32
    k.plane_forward(np.zeros((1, 3), f), np.zeros((3, 3, 4), f), np.zeros(12, f), np.zeros(3, np.int64), sizes,
                    np.ones(1, np.int64), np.zeros((3, 4), f), np.zeros((3, 4), f), np.zeros(4, f),
                    np.zeros((1, 1, 4), f))
    return k


# --------------------------------------------------------------------------------------------- the training step
def _loss_grad(k, theta, sizes, codes, loss_code: int, XT, TT, hs, d_a, d_b, grad) -> float:
    """Forward pass and backprop with the compiled per-layer loops of ``k``, in the reference's order.

    theta, grad (D,) flat; sizes (L+1,); codes (L−1,) hidden activations (``CODES``); XT (n_0, N), TT (n_L, N);
    hs (L+1, max width, N) receives h_0 … h_{L−1} and z_L; d_a, d_b (max width, N) hold δ.
    """
    L = len(sizes) - 1
    starts = [0]                                          # theta offset of W_l; b_l follows it
    for l in range(1, L + 1):
        starts.append(starts[-1] + int(sizes[l - 1]) * int(sizes[l]) + int(sizes[l]))
    h = [hs[l, :sizes[l]] for l in range(L + 1)]
    h[0][...] = XT
    for l in range(1, L + 1):                             # z_l = W_l h_{l−1} + b_l, h_l = σ(z_l)
        k.dense_forward(theta, starts[l - 1], h[l - 1], h[l], int(codes[l - 1]) if l < L else 0, l < L)
    delta, spare = d_a, d_b
    loss = k.output_delta(loss_code, h[L], TT, delta[:sizes[L]])          # δ_L = ∂L/∂z_L
    for l in range(L, 0, -1):
        k.dense_grads(grad, starts[l - 1], h[l - 1], delta[:sizes[l]])     # ∂L/∂W_l = δ_l h_{l−1}ᵀ, ∂L/∂b_l
        if l > 1:                                                          # δ_{l−1} = (W_lᵀ δ_l) ⊙ σ′(z_{l−1})
            k.dense_delta(theta, starts[l - 1], delta[:sizes[l]], h[l - 1], int(codes[l - 2]),
                          spare[:sizes[l - 1]])
            delta, spare = spare, delta
    return float(loss)


def loss_and_flat_gradient(model, theta: Array, X: Array, t: Array) -> tuple[float, Array]:
    """(L, ∂L/∂θ (D,)) at flat θ (D,) float64 on checked X (N, n_0) and targets t (N, n_L). Scratch buffers are
    kept per thread and per shape, so a training loop allocates only the gradient."""
    k = load()
    N = X.shape[0]
    key = (model.layer_sizes, tuple(model.activations), N)
    cache = getattr(_scratch, "cache", None)
    if cache is None or cache[0] != key:
        width = max(model.layer_sizes)
        codes = np.array([CODES[a] for a in model.activations] or [0], dtype=np.int64)
        cache = (key, np.array(model.layer_sizes, dtype=np.int64), codes,
                 np.empty((len(model.layer_sizes), width, N)), np.empty((width, N)), np.empty((width, N)))
        _scratch.cache = cache
    _, sizes, codes, hs, d_a, d_b = cache
    grad = np.empty_like(theta)
    loss = _loss_grad(k, np.ascontiguousarray(theta), sizes, codes, LOSS_CODES[model.loss_name],
                      np.ascontiguousarray(X.T), np.ascontiguousarray(np.asarray(t, dtype=np.float64).T),
                      hs, d_a, d_b, grad)
    return loss, grad


def flat_gradients(model, thetas: Array, X: Array, t: Array) -> Array:
    """∂L/∂θ at P points thetas (P, D) -> (P, D), one training step's backprop per point, the points shared
    between two threads when there are enough of them."""
    out = np.empty_like(thetas, dtype=np.float64)

    def work(rows: range) -> None:
        for p in rows:
            out[p] = loss_and_flat_gradient(model, thetas[p], X, t)[1]

    P = len(thetas)
    if P < THREADS_MIN_POINTS:
        work(range(P))
    else:
        with ThreadPoolExecutor(2) as pool:
            list(pool.map(work, [range(0, P // 2), range(P // 2, P)]))
    return out


# --------------------------------------------------------------------------------------------- the plane's loss
class PlaneLosses:
    """The loss at points of the plane θ(α, β) = θ_o + α·d1 + β·d2, float32, by the compiled forward loop.

    model: an MLP; X (N, n_0); t (N, n_L) targets matrix; origin, d1, d2 (D,) flat vectors. Each layer is affine in
    (α, β): [W_l | b_l](α, β) = M_o + α·M_1 + β·M_2, so the loop builds each point's weights from three stacked
    parts, and the first layer's pre-activation from three precomputed (n_1, N) parts U_r = W_1,r Xᵀ + b_1,r.
    """

    def __init__(self, model, X: Array, t: Array, origin: Array, d1: Array, d2: Array, threads: int | None = None):
        self.k = load()
        self.loss_name, self.sizes = model.loss_name, np.asarray(model.layer_sizes, dtype=np.int64)
        self.N, self.T = X.shape[0], np.asarray(t, dtype=np.float64).T
        L = len(self.sizes) - 1
        parts = [model.layers(v) for v in (origin, d1, d2)]           # parts[r][l] = (W, b) of vector r
        W1, b1 = np.stack([p[0][0] for p in parts]), np.stack([p[0][1] for p in parts])
        self.U = np.ascontiguousarray(W1 @ X.T + b1[:, :, None], dtype=np.float32)       # (3, n_1, N)
        stacked = [np.concatenate([np.stack([p[l][0] for p in parts]),
                                   np.stack([p[l][1] for p in parts])[:, :, None]], axis=2).ravel()
                   for l in range(1, L)]                                # layer l+1: (3, n_{l+1}, n_l + 1)
        self.offsets = np.zeros(L + 1, dtype=np.int64)
        self.offsets[2:] = np.cumsum([0] + [a.size for a in stacked])[:L - 1]
        self.M = np.concatenate(stacked).astype(np.float32) if stacked else np.zeros(1, np.float32)
        self.scratch = max([int(self.sizes[l] * (self.sizes[l - 1] + 1)) for l in range(2, L + 1)], default=1)
        self.codes = np.array([CODES[model.layer_activation(l)] for l in range(1, L)] or [0], dtype=np.int64)
        self.threads = max(1, threads if threads is not None else min(2, os.cpu_count() or 1))

    def losses(self, alpha: Array, beta: Array) -> Array:
        """Loss at points (alpha[p], beta[p]): (P,), (P,) -> (P,) float64 (computed in float32)."""
        coef = np.stack([np.ones_like(alpha), alpha, beta], axis=1).astype(np.float32)
        out = np.empty(len(coef))
        jobs = iter([slice(s, s + POINTS_PER_JOB) for s in range(0, len(coef), POINTS_PER_JOB)])
        width = int(max(self.sizes[1:]))

        def work(_):
            buf_a, buf_b = np.empty((width, self.N), np.float32), np.empty((width, self.N), np.float32)
            w = np.empty(self.scratch, np.float32)
            z = np.empty((POINTS_PER_JOB, int(self.sizes[-1]), self.N), np.float32)
            for sl in jobs:                 # each thread takes the next job when it is free
                part = coef[sl]
                self.k.plane_forward(part, self.U, self.M, self.offsets, self.sizes, self.codes, buf_a, buf_b, w,
                                     z[:len(part)])
                out[sl] = losses.value(self.loss_name, z[:len(part)].astype(np.float64), self.T)

        n = min(self.threads, -(-len(coef) // POINTS_PER_JOB))
        if n <= 1:
            work(0)
        else:
            with ThreadPoolExecutor(n) as pool:
                list(pool.map(work, range(n)))
        return out
