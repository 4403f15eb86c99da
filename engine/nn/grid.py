"""The loss on a plane θ(α, β) = θ_o + α·d1 + β·d2 at many points: forward only, float32, chunked, threaded.

Structure it exploits (why it is fast):

* Every layer's weights are affine in (α, β): W_l(α, β) = W_l,o + α·D_l + β·E_l, so a chunk of C points needs only
  C small matrices per layer and one batched product (C, N, h)@(C, h, h').
* The first layer's pre-activation is affine too: Z1 = Z_o + α·Z_1 + β·Z_2 with three (N, h1) matrices precomputed
  once. On a regular grid even its exponential separates: exp(u_o + α_i·u_1 + β_k·u_2) = A_i ⊙ B_k, with A (n_α, N, h1)
  and B (n_β, N, h1) tabulated once, so layer 1 costs one multiply per element instead of an exp.
* tanh and sigmoid are both computed as a logistic s = 1 / (1 + e^u): tanh(z) = 2·σ(2z) − 1 and σ(z) = σ(z). The
  pre-scale (u = −2z or −z) is folded into the layer's weights, and the output map a = 2s − 1 into the next layer's
  (W' = 2W, b' = b − Σ_rows W), so an activation costs exp + add + reciprocal — about 2.5× cheaper than np.tanh on
  float32 on our machines (benchmarks/bench_nn.py measures both).
* Chunks are spread over threads (NumPy releases the GIL inside ufuncs and matmul), each with its own buffers.
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import losses
from .batched import stack_layers

Array = np.ndarray
TABLE_BYTES_MAX = 48 << 20       # separable layer-1 tables (n_α + n_β)·N·h1 floats, at most this many bytes
SAFE_EXPONENT = 80.0             # each table factor e^u with |u| ≤ 80 stays finite and normal in float32


class PlaneGridEvaluator:
    """model: an MLP; X (N, n_in); t (N, n_out) targets matrix; origin, d1, d2: (D,) flat parameter vectors.

    ``chunk_elements`` bounds each per-thread buffer to about C·N·max_width numbers (default 2^18: 1 MB of float32).
    """

    def __init__(self, model, X: Array, t: Array, origin: Array, d1: Array, d2: Array, dtype=np.float32,
                 chunk_elements: int = 1 << 18, threads: int | None = None):
        self.loss_name = model.loss_name
        self.dtype = np.dtype(dtype)
        self.t = t
        self.N = X.shape[0]
        self.sizes = model.layer_sizes
        L = len(self.sizes) - 1
        stacks = [stack_layers(v[None], self.sizes) for v in (origin, d1, d2)]
        self.kinds: list[str] = []
        self.W: list[Array] = []           # per layer (3, n_{l−1}, n_l): rows = origin, d1, d2 (folded)
        self.b: list[Array] = []           # per layer (3, n_l)
        c1, c0 = 1.0, 0.0                  # previous layer's output a = c1·s + c0
        for l in range(L):
            W = np.stack([s[l][0][0] for s in stacks])
            b = np.stack([s[l][1][0] for s in stacks]) + c0 * W.sum(axis=1)
            W = c1 * W
            act = model.layer_activation(l + 1) if l < L - 1 else "identity"
            if act in ("tanh", "sigmoid"):
                k = 2.0 if act == "tanh" else 1.0
                W, b = -k * W, -k * b      # u = −k·z, s = 1 / (1 + e^u)
                c1, c0 = (2.0, -1.0) if act == "tanh" else (1.0, 0.0)
                act = "logistic"
            else:
                c1, c0 = 1.0, 0.0
            if l == 0:
                W1, b1 = W, b
            self.kinds.append(act)
            self.W.append(W.astype(self.dtype))
            self.b.append(b.astype(self.dtype))
        self.U64 = np.einsum("ni,rih->rnh", X, W1) + b1[:, None, :]  # (3, N, h1) float64
        self.U = self.U64.astype(self.dtype)                         # (3, N, h1) first-layer pre-activation parts
        width = max(self.sizes[1:])
        self.chunk = int(max(1, min(4096, chunk_elements // (self.N * width))))
        self.threads = max(1, threads if threads is not None else min(2, os.cpu_count() or 1))

    # ------------------------------------------------------------------ per chunk
    def _buffers(self, C: int) -> dict:
        return {"z": [np.empty((C, self.N, h), self.dtype) for h in self.sizes[1:]],
                "tmp": np.empty((C, self.N, self.sizes[1]), self.dtype)}

    def _activate(self, kind: str, z: Array) -> None:
        if kind == "logistic":
            with np.errstate(over="ignore"):
                np.exp(z, out=z)
            _logistic_tail(z)
        elif kind == "relu":
            np.maximum(z, 0, out=z)

    def _rest(self, a: Array, b: Array, bufs: dict, C: int) -> Array:
        """Layers 2..L from the activated first layer in bufs["z"][0][:C]; returns losses (C,)."""
        s = bufs["z"][0][:C]
        for l in range(1, len(self.W)):
            Ws, bs = self.W[l], self.b[l]
            W = Ws[0] + a[:, None, None] * Ws[1] + b[:, None, None] * Ws[2]     # (C, n_{l−1}, n_l)
            z = bufs["z"][l][:C]
            np.matmul(s, W, out=z)
            z += (bs[0] + a[:, None] * bs[1] + b[:, None] * bs[2])[:, None, :]
            if l < len(self.W) - 1:
                self._activate(self.kinds[l], z)
            s = z
        return losses.value(self.loss_name, s.astype(np.float64), self.t)

    def _points_chunk(self, a: Array, b: Array, bufs: dict) -> Array:
        C = len(a)
        z, tmp = bufs["z"][0][:C], bufs["tmp"][:C]
        np.multiply(a[:, None, None], self.U[1], out=z)
        z += self.U[0]
        np.multiply(b[:, None, None], self.U[2], out=tmp)
        z += tmp
        if len(self.W) > 1:
            self._activate(self.kinds[0], z)
        return self._rest(a, b, bufs, C)

    # ------------------------------------------------------------------ public
    def losses(self, alpha: Array, beta: Array) -> Array:
        """Loss at points (alpha[p], beta[p]); (P,), (P,) -> (P,) float64."""
        a = np.asarray(alpha, dtype=self.dtype).ravel()
        b = np.asarray(beta, dtype=self.dtype).ravel()
        out = np.empty(len(a))
        jobs = [slice(s, s + self.chunk) for s in range(0, len(a), self.chunk)]

        def work(my_jobs):
            bufs = self._buffers(self.chunk)
            for sl in my_jobs:
                out[sl] = self._points_chunk(a[sl], b[sl], bufs)

        self._run(jobs, work)
        return out

    def grid(self, alphas: Array, betas: Array) -> Array:
        """Loss on the grid alphas (n_α,) × betas (n_β,) -> (n_β, n_α) float64, indexed [β, α]."""
        alphas = np.asarray(alphas, dtype=np.float64)
        betas = np.asarray(betas, dtype=np.float64)
        tables = self._separable_tables(alphas, betas)
        if tables is None:
            A, B = np.meshgrid(alphas, betas)
            return self.losses(A, B).reshape(len(betas), len(alphas))
        EA, EB = tables
        out = np.empty((len(betas), len(alphas)))
        pieces = -(-len(alphas) // self.chunk)
        bounds = np.linspace(0, len(alphas), pieces + 1).astype(int)
        jobs = [(k, i0, i1) for k in range(len(betas)) for i0, i1 in zip(bounds[:-1], bounds[1:])]
        a32, b32 = alphas.astype(self.dtype), betas.astype(self.dtype)

        def work(my_jobs):
            bufs = self._buffers(int(np.max(np.diff(bounds))))
            for k, i0, i1 in my_jobs:
                C = i1 - i0
                z = bufs["z"][0][:C]
                np.multiply(EA[i0:i1], EB[k], out=z)                 # e^{u_o + α_i u_1 + β_k u_2}
                _logistic_tail(z)
                out[k, i0:i1] = self._rest(a32[i0:i1], np.full(C, b32[k]), bufs, C)

        self._run(jobs, work)
        return out

    def _separable_tables(self, alphas: Array, betas: Array) -> tuple[Array, Array] | None:
        """A_i = e^{u_o + α_i u_1} (n_α, N, h1), B_k = e^{β_k u_2} (n_β, N, h1), or None when the first layer is not
        logistic, the tables would be too big, or a factor could overflow float32."""
        if self.kinds[0] != "logistic" or len(self.W) < 2:
            return None
        if (len(alphas) + len(betas)) * self.U[0].size * self.dtype.itemsize > TABLE_BYTES_MAX:
            return None
        u0, u1, u2 = self.U64
        ua = u0 + alphas[:, None, None] * u1
        ub = betas[:, None, None] * u2
        if max(np.abs(ua).max(), np.abs(ub).max()) > SAFE_EXPONENT:
            return None
        return np.exp(ua).astype(self.dtype), np.exp(ub).astype(self.dtype)

    def _run(self, jobs: list, work) -> None:
        n = min(self.threads, len(jobs))
        if n <= 1:
            work(jobs)
            return
        with ThreadPoolExecutor(n) as pool:
            list(pool.map(work, [jobs[i::n] for i in range(n)]))


def _logistic_tail(e: Array) -> None:
    """e ← 1 / (1 + e), in place (e = e^u already computed)."""
    e += 1.0
    np.reciprocal(e, out=e)
