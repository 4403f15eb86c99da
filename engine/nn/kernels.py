"""Compiled loops for the two hot paths of network mode: loss grids on a plane and float64 activations.

Why compiled: a slice of a 2-16-16-1 tanh network on 512 points costs 167 M tanh evaluations per 101² grid. NumPy
calls one ufunc per pass over memory, and its float32 ``tanh``/``exp`` run at 0.2–0.6 G/s per core on our machines;
a fused loop that evaluates tanh as a rational function (Eigen's float32 approximation: clamp to ±7.9053, odd
polynomial of degree 13 over an even one of degree 6, max abs error 3e-7, i.e. float32 rounding) and keeps each
point's activations in cache runs at about 2 G tanh/s per core.

Optional by design: numba is imported the first time :func:`load` is called (never at ``import engine``, so the
app's start-up does not pay for it), and when numba is missing, fails to compile, or ``DESCENT_LAB_NO_JIT=1`` is
set, :func:`load` returns None and every caller keeps its NumPy path. The NumPy paths are also the reference the
tests compare these kernels against.

Kernels (all release the GIL, so callers spread chunks over threads):

``plane_forward(coef, U, M, offsets, sizes, codes, buf_a, buf_b, w, z_out)``
    Forward pass of an MLP at C points of a plane θ(α, β) = θ_o + α·d1 + β·d2, float32, unit-major.
    coef (C, 3) rows (1, α, β); U (3, h1, N) first-layer pre-activation parts (z1 = U0 + α·U1 + β·U2);
    M: the stacked [Wᵀ | b] of layers 2..L for θ_o, d1, d2, flat, layer l at offsets[l] with shape (3, n_l, n_{l−1}+1);
    sizes (L+1,) layer sizes; codes (L−1,) hidden activations (see ``CODES``); buf_a, buf_b (max width, N) and
    w (max n_l·(n_{l−1}+1),) scratch; writes the output pre-activations z_L into z_out (C, n_out, N).

``dense_forward``, ``dense_grads``, ``dense_delta``, ``output_delta``
    Training's hot path in float64, one layer at a time; :func:`mlp_loss_grad` (plain Python) chains them into
    forward + backprop (used by :meth:`engine.nn.mlp.MLP.loss_and_flat_gradient`).

``tanh64(z, out)`` / ``sigmoid64(z, out)``
    float64 activations for training and gradients on 1D arrays (callers pass ``reshape(-1)`` views):
    tanh = sign·(1 − e)/(1 + e) with e = exp(−2|z|), and Cephes' rational form for |z| < 0.625 where that would
    cancel; written with no library call so that the loop vectorises. Error against ``np.tanh`` ≤ 1e-14 (tested).
"""
from __future__ import annotations

import os
import threading
import warnings
from contextlib import contextmanager

CODES = {"identity": 0, "tanh": 1, "sigmoid": 2, "relu": 3}
LOSS_CODES = {"mse": 0, "bce": 1, "ce": 2}
_lock = threading.Lock()
_loaded: dict = {}
_UNSET = object()


def load():
    """The module of compiled kernels (engine.nn._compiled), or None when they are unavailable (see the module
    docstring). The answer is decided once per process (:func:`reset` forgets it, for tests)."""
    k = _loaded.get("k", _UNSET)
    if k is not _UNSET:
        return k
    with _lock:
        if "k" not in _loaded:
            if os.environ.get("DESCENT_LAB_NO_JIT", "").strip() not in ("", "0"):
                _loaded["k"] = None
                return None
            try:
                from . import _compiled
                _loaded["k"] = _warm(_compiled)
            except Exception as exc:  # numba missing or broken: the NumPy paths do the work
                warnings.warn(f"compiled network kernels unavailable, using NumPy ({exc})", RuntimeWarning,
                              stacklevel=2)
                _loaded["k"] = None
        return _loaded["k"]


def is_loaded() -> bool:
    """Whether :func:`load` has already decided (so calling it now costs nothing)."""
    return "k" in _loaded


def _warm(k):
    """Call every kernel once on tiny inputs of the exact types the engine passes, so that numba compiles them (or
    reads its on-disk cache) here, in the thread that asked first, and never later in the middle of a frame."""
    import numpy as np

    z = np.zeros(4)
    k.tanh64(z, z.copy())
    k.sigmoid64(z, z.copy())
    sizes = np.array([2, 3, 1], dtype=np.int64)
    theta, X = np.zeros(13), np.zeros((2, 4))
    for loss_code in LOSS_CODES.values():
        mlp_loss_grad(k, theta, sizes, np.ones(1, np.int64), loss_code, X, np.zeros((1, 4)), np.zeros((3, 3, 4)),
                      np.zeros((3, 4)), np.zeros((3, 4)), np.zeros(13))
    f = np.float32
    k.plane_forward(np.zeros((1, 3), f), np.zeros((3, 3, 4), f), np.zeros(12, f), np.zeros(3, np.int64), sizes,
                    np.ones(1, np.int64), np.zeros((3, 4), f), np.zeros((3, 4), f), np.zeros(4, f),
                    np.zeros((1, 1, 4), f))
    return k


def mlp_loss_grad(k, theta, sizes, codes, loss_code: int, XT, tT, acts, d_a, d_b, grad) -> float:
    """Loss and flat gradient of an MLP in float64: forward, then backprop layer by layer with the compiled
    per-layer loops of ``k`` (the same chain rule as MLP.backward_trace; the layer loop stays in Python, so numba
    compiles four small loops instead of one big function: ~3 s instead of ~10 s on first use).

    theta, grad (D,) in MLP.flatten's order; sizes (L+1,), codes (L−1,) hidden activations (``CODES``);
    XT (n_in, N), tT (n_out, N) unit-major; acts (L+1, max width, N) receives a_0 = X, a_1 … a_{L−1} and z_L;
    d_a, d_b (max width, N) hold δ."""
    L = len(sizes) - 1
    starts = [0]                                          # theta offset of W_l; b_l follows at + m·n
    for l in range(1, L + 1):
        starts.append(starts[-1] + int(sizes[l - 1]) * int(sizes[l]) + int(sizes[l]))
    a = [acts[l, :sizes[l]] for l in range(L + 1)]
    a[0][...] = XT
    for l in range(1, L + 1):                             # z_l = W_lᵀ a_{l−1} + b_l, a_l = σ(z_l)
        k.dense_forward(theta, starts[l - 1], a[l - 1], a[l], int(codes[l - 1]) if l < L else 0, l < L)
    delta, spare = d_a, d_b
    loss = k.output_delta(loss_code, a[L], tT, delta[:sizes[L]])         # δ_L = ∂L/∂z_L
    for l in range(L, 0, -1):
        k.dense_grads(grad, starts[l - 1], a[l - 1], delta[:sizes[l]])    # ∂L/∂W_l = a_{l−1}ᵀ δ_l, ∂L/∂b_l = Σ δ_l
        if l > 1:                                                          # δ_{l−1} = (W_l δ_l) ⊙ σ'(z_{l−1})
            k.dense_delta(theta, starts[l - 1], delta[:sizes[l]], a[l - 1], int(codes[l - 2]),
                          spare[:sizes[l - 1]])
            delta, spare = spare, delta
    return float(loss)


def reset() -> None:
    """Forget whether the kernels are available (the next :func:`load` decides again, reading the environment)."""
    with _lock:
        _loaded.clear()


@contextmanager
def disabled():
    """Within the block :func:`load` answers None, so the NumPy paths run (same-run comparisons in tests and
    benchmarks; not meant for use while other threads compute)."""
    with _lock:
        saved = dict(_loaded)
        _loaded["k"] = None
    try:
        yield
    finally:
        with _lock:
            _loaded.clear()
            _loaded.update(saved)
