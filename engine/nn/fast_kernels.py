"""The numba loops of the fast path (imported only by :func:`engine.nn.fast.load`; see :mod:`engine.nn.fast`).

Same conventions as the reference (:mod:`engine.nn.mlp`): W_l (n_l, n_{l−1}) row-major in the flat vector, followed
by b_l; activations unit-major, one row of N samples per unit. Module-level functions, so that ``cache=True`` keeps
the machine code on disk between processes.
"""
import math

import numba
import numpy as np

# fast-math without "nnan"/"ninf": a diverged network's NaN and ±inf must come through as they are
fast = {"contract", "arcp", "nsz", "afn", "reassoc"}
jit = numba.njit(nogil=True, fastmath=fast, error_model="numpy", cache=True)
f32 = np.float32


@numba.njit(inline="always", fastmath=fast, error_model="numpy")
def tanh32(v):
    """float32 tanh as Eigen computes it: clamp to ±7.9053 (tanh is ±1 in float32 beyond), then an odd degree-13
    polynomial over an even degree-6 one; max abs error 3e-7 (tested against np.tanh through the grids)."""
    c = f32(7.90531110763549805)
    v = min(max(v, -c), c)
    x2 = v * v
    p = f32(-2.76076847742355e-16)
    p = p * x2 + f32(2.00018790482477e-13)
    p = p * x2 + f32(-8.60467152213735e-11)
    p = p * x2 + f32(5.12229709037114e-08)
    p = p * x2 + f32(1.48572235717979e-05)
    p = p * x2 + f32(6.37261928875436e-04)
    p = p * x2 + f32(4.89352455891786e-03)
    q = f32(1.19825839466702e-06)
    q = q * x2 + f32(1.18534705686654e-04)
    q = q * x2 + f32(2.26843463243900e-03)
    q = q * x2 + f32(4.89352518554385e-03)
    return v * p / q


@numba.njit(inline="always", fastmath=fast, error_model="numpy")
def activate_row(code, row, n):
    """row[:n] = σ(row[:n]) in place for the activation code (fast.CODES); identity leaves it."""
    if code == 1:
        for k in range(n):
            row[k] = tanh32(row[k])
    elif code == 2:                                   # σ(z) = (1 + tanh(z/2)) / 2
        for k in range(n):
            row[k] = f32(0.5) + f32(0.5) * tanh32(f32(0.5) * row[k])
    elif code == 3:
        for k in range(n):
            row[k] = max(row[k], f32(0.0))


@jit
def plane_forward(coef, U, M, offsets, sizes, codes, buf_a, buf_b, w, z_out):
    """Output pre-activations z_L at C points of a plane, float32 (arguments: see engine.nn.fast.PlaneLosses)."""
    C = coef.shape[0]
    N = U.shape[2]
    L = sizes.shape[0] - 1
    h1 = sizes[1]
    for p in range(C):
        a = coef[p, 1]
        b = coef[p, 2]
        first = z_out[p] if L == 1 else buf_a
        for j in range(h1):
            u0, u1, u2, row = U[0, j], U[1, j], U[2, j], first[j]
            for k in range(N):
                row[k] = u0[k] + a * u1[k] + b * u2[k]
            if L > 1:
                activate_row(codes[0], row, N)
        prev, cur = buf_a, buf_b
        for l in range(2, L + 1):
            n_in, n_out = sizes[l - 1], sizes[l]
            width = n_in + 1
            size = n_out * width
            o = offsets[l]
            for e in range(size):                     # [W_l | b_l] at (α, β)
                w[e] = M[o + e] + a * M[o + size + e] + b * M[o + 2 * size + e]
            target = z_out[p] if l == L else cur
            for i in range(n_out):
                row = target[i]
                bias = w[i * width + n_in]
                for k in range(N):
                    row[k] = bias
                for j in range(n_in):
                    wij = w[i * width + j]
                    src = prev[j]
                    for k in range(N):
                        row[k] += wij * src[k]
                if l < L:
                    activate_row(codes[l - 1], row, N)
            prev, cur = cur, prev

# exp(x) on |x| ≤ ln2/2 as Cephes writes it: 1 + 2x·P(x²) / (Q(x²) − x·P(x²)), relative error ~1e-16
EP0, EP1, EP2 = 1.26177193074810590878e-4, 3.02994407707441961300e-2, 9.99999999999999999910e-1
EQ0, EQ1, EQ2, EQ3 = 3.00198505138664455042e-6, 2.52448340349684104192e-3, 2.27265548208155028766e-1, 2.0


# tanh(x) on |x| < 0.625 (Cephes): x + x·x²·P(x²)/Q(x²), where (1 − e)/(1 + e) would cancel
TP0, TP1, TP2 = -9.64399179425052238628e-1, -9.92877231001918586564e1, -1.61468768441708447952e3
TQ0, TQ1, TQ2 = 1.12811678491632931402e2, 2.23548839060100448583e3, 4.84406305325125486048e3


@numba.njit(inline="always", fastmath=fast, error_model="numpy")
def tanh_abs(ax):
    """tanh(|x|) for ax = |x| ≤ 19.1 (beyond, tanh rounds to 1): e = exp(−2·ax) as exp(−2·ax/128)^128 (no
    2^k scaling, so the loop vectorises; the 7 squarings cost ~7 bits: error ≤ 4e-15)."""
    x2 = ax * ax
    small = ax + ax * x2 * ((TP0 * x2 + TP1) * x2 + TP2) / (((x2 + TQ0) * x2 + TQ1) * x2 + TQ2)
    r = ax * (-2.0 / 128.0)
    r2 = r * r
    px = r * ((EP0 * r2 + EP1) * r2 + EP2)
    e = 1.0 + 2.0 * px / ((((EQ0 * r2 + EQ1) * r2 + EQ2) * r2 + EQ3) - px)
    for _ in range(7):
        e = e * e
    big = (1.0 - e) / (1.0 + e)
    return small if ax < 0.625 else big


@jit
def tanh64(z, out):
    for i in range(z.size):
        x = z[i]
        t = tanh_abs(min(abs(x), 19.1))
        out[i] = t if x >= 0 else -t


@jit
def sigmoid64(z, out):
    for i in range(z.size):
        x = z[i]
        t = tanh_abs(min(abs(0.5 * x), 19.1))
        out[i] = 0.5 + 0.5 * (t if x >= 0 else -t)


@numba.njit(inline="always", fastmath=fast, error_model="numpy")
def activate64(code, row, n):
    if code == 1:
        for k in range(n):
            x = row[k]
            t = tanh_abs(min(abs(x), 19.1))
            row[k] = t if x >= 0 else -t
    elif code == 2:
        for k in range(n):
            x = row[k]
            t = tanh_abs(min(abs(0.5 * x), 19.1))
            row[k] = 0.5 + 0.5 * (t if x >= 0 else -t)
    elif code == 3:
        for k in range(n):
            row[k] = max(row[k], 0.0)


@numba.njit(inline="always", fastmath=fast, error_model="numpy")
def times_local_derivative(code, out, a, n):
    """out ⊙= ∂a/∂z from the layer's output a: tanh' = 1 − a², σ' = a(1 − a), relu' = [a > 0], identity' = 1."""
    if code == 1:
        for k in range(n):
            out[k] *= 1.0 - a[k] * a[k]
    elif code == 2:
        for k in range(n):
            out[k] *= a[k] * (1.0 - a[k])
    elif code == 3:
        for k in range(n):
            out[k] = out[k] if a[k] > 0.0 else 0.0


# Each layer's loops are a function of their own: LLVM then sees two distinct array arguments and vectorises
# the inner loop over samples (inlined into one body with swapped buffers, it does not).
@jit
def dense_forward(theta, w0, src, dst, code, activate):
    """dst (n, N) = W_l src + b_l, then σ in place when ``activate``; W_l (n, m) at theta[w0:], b_l after."""
    m, n, N = src.shape[0], dst.shape[0], src.shape[1]
    for i in range(n):
        row = dst[i]
        bias = theta[w0 + m * n + i]
        for k in range(N):
            row[k] = bias
        for j in range(m):
            w = theta[w0 + i * m + j]
            s = src[j]
            for k in range(N):
                row[k] += w * s[k]
        if activate:
            activate64(code, row, N)


@jit
def dense_grads(grad, w0, src, delta):
    """∂L/∂W_l = δ_l h_{l−1}ᵀ into grad[w0:w0+n·m], ∂L/∂b_l = Σ_samples δ_l after it."""
    m, n, N = src.shape[0], delta.shape[0], src.shape[1]
    for i in range(n):
        row = delta[i]
        acc = 0.0
        for k in range(N):
            acc += row[k]
        grad[w0 + m * n + i] = acc
    for j in range(m):
        s = src[j]
        for i in range(n):
            row = delta[i]
            acc = 0.0
            for k in range(N):
                acc += s[k] * row[k]
            grad[w0 + i * m + j] = acc


@jit
def dense_delta(theta, w0, delta, a_prev, code, out):
    """δ_{l−1} = (W_lᵀ δ_l) ⊙ σ′(z_{l−1}) into out (m, N), σ′ read off h_{l−1}."""
    m, n, N = a_prev.shape[0], delta.shape[0], delta.shape[1]
    for j in range(m):
        o = out[j]
        for k in range(N):
            o[k] = 0.0
        for i in range(n):
            w = theta[w0 + i * m + j]
            row = delta[i]
            for k in range(N):
                o[k] += w * row[k]
        times_local_derivative(code, o, a_prev[j], N)


@jit
def output_delta(loss_code, z, tT, delta):
    """The loss at the output pre-activations z (n_out, N) and δ_L = ∂L/∂z into delta (as engine.nn.losses.delta)."""
    n_out, N = z.shape
    loss = 0.0
    if loss_code == 0:                            # mse: δ = 2(z − t) / (N·n_out)
        scale = 2.0 / (N * n_out)
        for i in range(n_out):
            for k in range(N):
                d = z[i, k] - tT[i, k]
                loss += d * d
                delta[i, k] = scale * d
        return loss / (N * n_out)
    if loss_code == 1:                            # bce on logits: log(1 + e^z) − t·z; δ = (σ(z) − t) / N
        for k in range(N):
            v = z[0, k]
            e = math.exp(-abs(v))
            loss += max(v, 0.0) + math.log1p(e) - tT[0, k] * v
            s = 1.0 / (1.0 + e) if v >= 0 else e / (1.0 + e)
            delta[0, k] = (s - tT[0, k]) / N
        return loss / N
    for k in range(N):                            # softmax ce: log Σ e^z − Σ t·z; δ = (softmax − t) / N
        mx = z[0, k]
        for i in range(1, n_out):
            mx = max(mx, z[i, k])
        total = 0.0
        for i in range(n_out):
            total += math.exp(z[i, k] - mx)
        loss += mx + math.log(total)
        for i in range(n_out):
            loss -= tT[i, k] * z[i, k]
            delta[i, k] = (math.exp(z[i, k] - mx) / total - tT[i, k]) / N
    return loss / N
