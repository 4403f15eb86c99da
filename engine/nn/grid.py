"""The loss on a plane θ(α, β) = θ_o + α·d1 + β·d2 at many points: forward only, float32, chunked, threaded.

Two paths. When numba is there, float32 grids run the compiled kernel ``plane_forward`` of :mod:`engine.nn.kernels`:
one fused loop per point that keeps the point's activations in cache and evaluates tanh as a rational function,
about 2.5× the NumPy path below (``benchmarks/bench_nn.py`` measures both in the same run). The NumPy path is the
fallback and the float64 engine; the structure it exploits:

* Every layer's weights are affine in (α, β): W_l(α, β) = W_l,o + α·D_l + β·E_l, so a chunk of C points needs only
  C small matrices per layer — one tiny product (C, 3)@(3, n_l·(n_{l−1}+1)) of the coefficients (1, α, β) with the
  stacked parts — and one batched product (C, n_l, n_{l−1}+1)@(C, n_{l−1}+1, N) per layer.
* Activations are stored unit-major, (C, n_l, N): every element-wise operation and every broadcast over points
  runs along contiguous rows of N samples. Each hidden layer's buffer has one extra row of ones, so the next
  layer's bias is the last column of its matrix and the matmul adds it (no broadcast bias pass).
* The first layer's pre-activation is affine too: Z1 = Z_o + α·Z_1 + β·Z_2 with three (h1, N) matrices precomputed
  once. On a regular grid even its exponential separates: with A_i = e^{u_o + α_i u_1} and B_k = e^{−β_k u_2}
  (tabulated once), the logistic 1 / (1 + e^{u_o + α_i u_1 + β_k u_2}) = B_k / (A_i + B_k): one add and one divide
  per element instead of an exp.
* tanh and sigmoid are both computed as a logistic s = 1 / (1 + e^u): tanh(z) = 2·σ(2z) − 1 and σ(z) = σ(z). The
  pre-scale (u = −2z or −z) is folded into the layer's weights, and the output map a = 2s − 1 into the next layer's
  (W' = 2W, b' = b − Σ_rows W), so an activation costs exp + add + reciprocal — about 2.5× cheaper than np.tanh on
  float32 on our machines (benchmarks/bench_nn.py measures both).
* Chunks are spread over threads (NumPy releases the GIL inside ufuncs and matmul), each with its own buffers. All
  products are small enough that OpenBLAS runs them on the calling thread (its own threads are not used).
"""
from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from . import losses
from .batched import stack_layers

Array = np.ndarray
TABLE_BYTES_MAX = 48 << 20       # separable layer-1 tables (n_α + n_β)·N·h1 floats, at most this many bytes
COMPILED_POINTS_PER_JOB = 64     # grid points per job of the compiled kernel
ROWS_PER_JOB = 16                # β rows per grid job (jobs are shared out to the threads as they come free)
SAFE_EXPONENT = 80.0             # each table factor e^u with |u| ≤ 80 stays finite and normal in float32


class PlaneGridEvaluator:
    """model: an MLP; X (N, n_in); t (N, n_out) targets matrix; origin, d1, d2: (D,) flat parameter vectors.

    float32 evaluation runs the compiled kernel (:mod:`engine.nn.kernels`) when it is available and
    ``use_compiled``; otherwise, and for float64, the NumPy path below (also the kernel's reference in the tests).

    ``chunk_elements`` bounds each per-thread buffer to about C·N·(max_width + 1) numbers (default 2^18: 1 MB of
    float32; 2^16 and 2^17 measured no faster).
    """

    def __init__(self, model, X: Array, t: Array, origin: Array, d1: Array, d2: Array, dtype=np.float32,
                 chunk_elements: int = 1 << 18, threads: int | None = None, use_compiled: bool = True):
        self.loss_name = model.loss_name
        self.dtype = np.dtype(dtype)
        self.t = np.asarray(t, dtype=np.float64)
        self.N = X.shape[0]
        self.sizes = model.layer_sizes
        L = len(self.sizes) - 1
        stacks = [stack_layers(v[None], self.sizes) for v in (origin, d1, d2)]
        self.kinds: list[str] = []
        self.M: list[Array] = []           # per layer l ≥ 2: (3, n_l·(n_{l−1}+1)), rows = origin, d1, d2 parts of [Wᵀ | b]
        c1, c0 = 1.0, 0.0                  # previous layer's output a = c1·s + c0
        for l in range(L):
            W = np.stack([s[l][0][0] for s in stacks])                   # (3, n_{l−1}, n_l)
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
            Wb = np.concatenate([W.transpose(0, 2, 1), b[:, :, None]], axis=2)   # (3, n_l, n_{l−1}+1)
            self.M.append(Wb.reshape(3, -1).astype(self.dtype))
        self.U64 = np.ascontiguousarray(np.einsum("ni,rih->rhn", X, W1) + b1[:, :, None])  # (3, h1, N) float64
        self.U = self.U64.astype(self.dtype)                         # (3, h1, N) first-layer pre-activation parts
        width = max(self.sizes[1:]) + 1
        self.chunk = int(max(1, min(4096, chunk_elements // (self.N * width))))
        self.threads = max(1, threads if threads is not None else min(2, os.cpu_count() or 1))
        self.compiled = (self._compiled_setup(model, X, stacks) if use_compiled and self.dtype == np.float32
                         else None)

    def _compiled_setup(self, model, X: Array, stacks) -> dict | None:
        """Inputs of the compiled kernel (engine.nn.kernels.plane_forward), or None when it is unavailable. Its
        weights are the plain [Wᵀ | b] (tanh is evaluated as such, not folded into a logistic)."""
        from . import kernels
        k = kernels.load()
        if k is None:
            return None
        L = len(self.sizes) - 1
        (W1, b1) = [np.stack([s[0][i][0] for s in stacks]) for i in range(2)]      # (3, n_in, h1), (3, h1)
        U = np.einsum("ni,rih->rhn", X, W1) + b1[:, :, None]                       # (3, h1, N)
        parts, offsets = [], np.zeros(L + 1, dtype=np.int64)
        for l in range(1, L):                       # layer l + 1 at offsets[l + 1]: (3, n_{l+1}, n_l + 1)
            W = np.stack([s[l][0][0] for s in stacks]).transpose(0, 2, 1)
            b = np.stack([s[l][1][0] for s in stacks])[:, :, None]
            parts.append(np.concatenate([W, b], axis=2).ravel())
        offsets[2:] = np.cumsum([0] + [p.size for p in parts])[:L - 1]
        sizes = np.asarray(self.sizes, dtype=np.int64)
        scratch = max([sizes[l] * (sizes[l - 1] + 1) for l in range(2, L + 1)], default=1)
        return {"k": k, "U": np.ascontiguousarray(U, dtype=np.float32),
                "M": np.concatenate(parts).astype(np.float32) if parts else np.zeros(1, np.float32),
                "offsets": offsets, "sizes": sizes, "scratch": int(scratch),
                "codes": np.array([kernels.CODES[model.layer_activation(l)] for l in range(1, L)] or [0],
                                  dtype=np.int64)}

    def _compiled_losses(self, coef: Array) -> Array:
        """Loss at the points coef (P, 3) through the compiled kernel, in jobs of COMPILED_POINTS_PER_JOB points
        shared out to the threads."""
        c = self.compiled
        out = np.empty(len(coef))
        jobs = [slice(s, s + COMPILED_POINTS_PER_JOB) for s in range(0, len(coef), COMPILED_POINTS_PER_JOB)]
        width = max(self.sizes[1:])

        def work(my_jobs):
            buf_a = np.empty((width, self.N), np.float32)
            buf_b = np.empty((width, self.N), np.float32)
            w = np.empty(c["scratch"], np.float32)
            z = np.empty((COMPILED_POINTS_PER_JOB, self.sizes[-1], self.N), np.float32)
            for sl in my_jobs:
                part = coef[sl]
                c["k"].plane_forward(part, c["U"], c["M"], c["offsets"], c["sizes"], c["codes"], buf_a, buf_b, w,
                                     z[:len(part)])
                out[sl] = self._loss(z[:len(part)])

        self._run(jobs, work)
        return out

    # ------------------------------------------------------------------ per chunk
    def _buffers(self, C: int) -> dict:
        """Per-thread buffers: layer l's activations (C, n_l + 1, N) with a last row of ones (the next layer's bias
        input) for hidden layers, (C, n_out, N) for the output layer."""
        L = len(self.sizes) - 1
        s = [np.empty((C, n + (l < L), self.N), self.dtype) for l, n in enumerate(self.sizes[1:], start=1)]
        for buf in s[:-1]:
            buf[:, -1, :] = 1.0
        return {"s": s, "tmp": np.empty((C, self.sizes[1], self.N), self.dtype)}

    def _activate(self, kind: str, z: Array) -> None:
        if kind == "logistic":
            with np.errstate(over="ignore"):
                np.exp(z, out=z)
            _logistic_tail(z)
        elif kind == "relu":
            np.maximum(z, 0, out=z)

    def _rest(self, coef: Array, bufs: dict) -> Array:
        """Layers 2..L from the activated first layer in bufs["s"][0][:C]; coef (C, 3) rows (1, α, β); returns
        losses (C,)."""
        C = len(coef)
        s = bufs["s"][0][:C]
        for l in range(1, len(self.M)):
            n = self.sizes[l + 1]
            W = (coef @ self.M[l]).reshape(C, n, -1)                    # (C, n_l, n_{l−1}+1): [W_lᵀ | b_l] at each point
            z = bufs["s"][l][:C, :n]
            np.matmul(W, s, out=z)                                      # (C, n_l, N), bias included
            if l < len(self.M) - 1:
                self._activate(self.kinds[l], z)
            s = bufs["s"][l][:C]
        return self._loss(z)

    def _loss(self, z: Array) -> Array:
        """Losses (C,) from the output pre-activations z (C, n_out, N)."""
        if self.loss_name == "mse":
            d = z - self.t.T                                            # float64 (C, n_out, N)
            return np.einsum("cij,cij->c", d, d) / self.t.size
        return losses.value(self.loss_name, z.transpose(0, 2, 1).astype(np.float64), self.t)

    def _points_chunk(self, coef: Array, bufs: dict) -> Array:
        C = len(coef)
        z, tmp = bufs["s"][0][:C, :self.sizes[1]], bufs["tmp"][:C]
        np.multiply(coef[:, 1, None, None], self.U[1], out=z)
        z += self.U[0]
        np.multiply(coef[:, 2, None, None], self.U[2], out=tmp)
        z += tmp
        if len(self.M) == 1:
            return self._loss(z)
        self._activate(self.kinds[0], z)
        return self._rest(coef, bufs)

    def _coefficients(self, a: Array, b: Array) -> Array:
        """(C, 3) rows (1, α, β) in the engine's dtype."""
        return np.stack([np.ones_like(a), a, b], axis=1).astype(self.dtype)

    # ------------------------------------------------------------------ public
    def losses(self, alpha: Array, beta: Array) -> Array:
        """Loss at points (alpha[p], beta[p]); (P,), (P,) -> (P,) float64."""
        coef = self._coefficients(np.ravel(alpha), np.ravel(beta))
        if self.compiled is not None:
            return self._compiled_losses(coef)
        out = np.empty(len(coef))
        jobs = [slice(s, s + self.chunk) for s in range(0, len(coef), self.chunk)]

        def work(my_jobs):
            bufs = self._buffers(self.chunk)
            for sl in my_jobs:
                out[sl] = self._points_chunk(coef[sl], bufs)

        self._run(jobs, work)
        return out

    def grid(self, alphas: Array, betas: Array) -> Array:
        """Loss on the grid alphas (n_α,) × betas (n_β,) -> (n_β, n_α) float64, indexed [β, α]."""
        alphas = np.asarray(alphas, dtype=np.float64)
        betas = np.asarray(betas, dtype=np.float64)
        tables = None if self.compiled is not None else self._separable_tables(alphas, betas)
        if tables is None:
            A, B = np.meshgrid(alphas, betas)
            return self.losses(A, B).reshape(len(betas), len(alphas))
        EA, EB = tables
        out = np.empty((len(betas), len(alphas)))
        # Jobs are (α block, β range): a job keeps its block of the A table (C·h1·N floats) in cache while it walks
        # over the β rows, reading one small B row per step.
        pieces = -(-len(alphas) // self.chunk)
        bounds = np.linspace(0, len(alphas), pieces + 1).astype(int)
        row_pieces = -(-len(betas) // ROWS_PER_JOB)
        rows = np.linspace(0, len(betas), row_pieces + 1).astype(int)
        jobs = [(i0, i1, k0, k1) for i0, i1 in zip(bounds[:-1], bounds[1:]) for k0, k1 in zip(rows[:-1], rows[1:])]
        h1 = self.sizes[1]

        def work(my_jobs):
            bufs = self._buffers(int(np.max(np.diff(bounds))))
            for i0, i1, k0, k1 in my_jobs:
                coef = self._coefficients(alphas[i0:i1], np.zeros(i1 - i0))
                z = bufs["s"][0][:i1 - i0, :h1]
                for k in range(k0, k1):
                    np.add(EA[i0:i1], EB[k], out=z)                   # A_i + B_k
                    np.divide(EB[k], z, out=z)                        # B_k / (A_i + B_k) = 1 / (1 + e^{u(α_i, β_k)})
                    coef[:, 2] = betas[k]
                    out[k, i0:i1] = self._rest(coef, bufs)

        self._run(jobs, work)
        return out

    def _separable_tables(self, alphas: Array, betas: Array) -> tuple[Array, Array] | None:
        """A_i = e^{u_o + α_i u_1} (n_α, h1, N), B_k = e^{−β_k u_2} (n_β, h1, N), or None when the first layer is
        not logistic, the tables would be too big, or a factor could overflow float32."""
        if self.kinds[0] != "logistic" or len(self.M) < 2:
            return None
        if (len(alphas) + len(betas)) * self.U[0].size * self.dtype.itemsize > TABLE_BYTES_MAX:
            return None
        u0, u1, u2 = self.U64
        ua = u0 + alphas[:, None, None] * u1
        ub = -betas[:, None, None] * u2
        if max(np.abs(ua).max(), np.abs(ub).max()) > SAFE_EXPONENT:
            return None
        return (np.ascontiguousarray(np.exp(ua), dtype=self.dtype),
                np.ascontiguousarray(np.exp(ub), dtype=self.dtype))

    def _run(self, jobs: list, work) -> None:
        """work(iterable of jobs) on up to ``threads`` threads; each thread takes the next job when it is free, so a
        core slowed by another process does not hold up the end."""
        n = min(self.threads, len(jobs))
        if n <= 1:
            work(jobs)
            return
        shared = iter(jobs)
        with ThreadPoolExecutor(n) as pool:
            list(pool.map(lambda _: work(shared), range(n)))


def _logistic_tail(e: Array) -> None:
    """e ← 1 / (1 + e), in place (e = e^u already computed)."""
    e += 1.0
    np.reciprocal(e, out=e)
