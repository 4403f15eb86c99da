"""The local quadratic at a point: Hessian, eigen-directions, condition number and the step sizes they allow.

Near a point p a smooth f is f(p) + ∇f·d + ½ dᵀH d. Gradient descent on that quadratic multiplies the error along
each eigenvector of H by (1 − ηλ) every step, so

- it converges along every axis exactly when 0 < ηλ < 2 for every eigenvalue: the *critical* rate is 2/λ_max;
- its rate is max(|1 − ηλ_min|, |1 − ηλ_max|), smallest at the *best* fixed rate η* = 2/(λ_min + λ_max),
  where it equals (κ − 1)/(κ + 1) with κ = λ_max/λ_min.

Hessians: exact when the function carries one (``TestFunction.hessian``: catalogue functions written by hand,
formulas differentiated symbolically); otherwise central finite differences of the exact gradient (for a network
slice these are Hessian-vector products of the loss along the slice's two directions, projected on the plane).

    >>> q = local_quadratic(functions.get("ill-conditioned"), (1.0, 1.0))
    >>> q.eigenvalues, q.critical_lr, q.best_lr
    (array([ 2., 50.]), 0.04, 0.0384...)
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

Array = np.ndarray

EXACT, FINITE_DIFFERENCES = "exact", "finite differences"

# Where η sits on the scale 0 < 2/(λ_min+λ_max) < 2/λ_max (see :meth:`LocalQuadratic.placement`).
NO_CURVATURE = "no-curvature"   # λ_max ≤ 0: no direction curves up, descent leaves along every axis
SLOW = "slow"                   # η < η*: monotone along every axis, the shallow axis sets the pace
BEST = "best"                   # η ≈ η*
OSCILLATES = "oscillates"       # η* < η < 2/λ_max: zig-zags along the steep axis, still converges
CRITICAL = "critical"           # η ≈ 2/λ_max: the steep axis neither shrinks nor grows
DIVERGES = "diverges"           # η > 2/λ_max: grows along the steep axis
STEEP_STABLE = "steep-stable"   # λ_min ≤ 0 < λ_max, η < 2/λ_max: shrinks along the steep axis only
CLOSE = 1e-3                    # relative distance within which η "is" η* or 2/λ_max


def hessian_at(function, x: float, y: float) -> tuple[Array, str]:
    """(H (2, 2) symmetric, how it was obtained: ``EXACT`` or ``FINITE_DIFFERENCES``) of ``function`` at (x, y)."""
    exact = getattr(function, "hessian", None)
    if exact is not None:
        with np.errstate(all="ignore"):
            fxx, fxy, fyy = (float(np.asarray(c, dtype=float)) for c in exact(np.float64(x), np.float64(y)))
        return np.array([[fxx, fxy], [fxy, fyy]]), EXACT
    return finite_difference_hessian(function, x, y), FINITE_DIFFERENCES


def finite_difference_hessian(function, x: float, y: float, h: float | None = None) -> Array:
    """Central differences of the exact gradient, symmetrised: column j = (∇f(p + h eⱼ) − ∇f(p − h eⱼ)) / 2h.

    The step is relative to the point's scale (the error is O(h²) for the truncation and O(ε/h) for rounding,
    balanced near h ≈ ε^(1/3) ≈ 6e-6 times the scale).
    """
    h = 6e-6 * max(1.0, abs(x), abs(y)) if h is None else float(h)
    px = np.array([x + h, x - h, x, x])
    py = np.array([y, y, y + h, y - h])
    with np.errstate(all="ignore"):
        gx, gy = (np.broadcast_to(np.asarray(c, dtype=float), (4,)) for c in function.gradient(px, py))
    H = np.array([[gx[0] - gx[1], gx[2] - gx[3]],
                  [gy[0] - gy[1], gy[2] - gy[3]]]) / (2.0 * h)
    return 0.5 * (H + H.T)


@dataclass(frozen=True)
class LocalQuadratic:
    """The local quadratic model of f at ``point``.

    hessian (2, 2); eigenvalues (2,) ascending; eigenvectors (2, 2) with unit column j for eigenvalue j (sign fixed
    so that the largest component is positive); source: ``EXACT`` or ``FINITE_DIFFERENCES``.
    """

    point: tuple[float, float]
    hessian: Array
    eigenvalues: Array
    eigenvectors: Array
    source: str

    @property
    def lam_min(self) -> float:
        return float(self.eigenvalues[0])

    @property
    def lam_max(self) -> float:
        return float(self.eigenvalues[1])

    @property
    def is_finite(self) -> bool:
        return bool(np.isfinite(self.hessian).all())

    @property
    def condition(self) -> float:
        """κ = |λ|_max / |λ|_min, the ratio of the steepest to the shallowest curvature (inf when one is zero)."""
        big, small = np.abs(self.eigenvalues).max(), np.abs(self.eigenvalues).min()
        return math.inf if small == 0 else float(big / small)

    @property
    def critical_lr(self) -> float | None:
        """2/λ_max: gradient descent diverges along the steep axis above it; None when λ_max ≤ 0."""
        return 2.0 / self.lam_max if self.lam_max > 0 else None

    @property
    def best_lr(self) -> float | None:
        """2/(λ_min + λ_max), the fixed rate with the fastest worst axis; None unless both curvatures are > 0."""
        return 2.0 / (self.lam_min + self.lam_max) if self.lam_min > 0 else None

    def momentum_critical_lr(self, mu: float) -> float | None:
        """2(1 + μ)/λ_max: heavy-ball momentum (x ← x − ηg + μ(x − x_prev), torch's SGD momentum) diverges above it.

        Its characteristic roots z² − (1 + μ − ηλ)z + μ = 0 lie inside the unit circle iff 0 < ηλ < 2(1 + μ), 0 ≤ μ < 1.
        """
        return 2.0 * (1.0 + mu) / self.lam_max if self.lam_max > 0 else None

    def rate(self, lr: float) -> float:
        """Gradient descent's contraction factor per step: max(|1 − ηλ_min|, |1 − ηλ_max|) (< 1: converges)."""
        return float(max(abs(1.0 - lr * self.lam_min), abs(1.0 - lr * self.lam_max)))

    def steps_to_shrink(self, lr: float, factor: float) -> float:
        """Steps for the slowest axis to shrink by ``factor`` (< 1) at rate :meth:`rate`; inf when it doesn't."""
        r = self.rate(lr)
        if not 0 < factor < 1:
            raise ValueError(f"factor must be in (0, 1), got {factor!r}")
        if r >= 1:
            return math.inf
        return 0.0 if r == 0 else math.log(factor) / math.log(r)

    def placement(self, lr: float) -> str:
        """Where η sits on the scale: SLOW, BEST, OSCILLATES, CRITICAL, DIVERGES, STEEP_STABLE or NO_CURVATURE."""
        crit, best = self.critical_lr, self.best_lr
        if crit is None:
            return NO_CURVATURE
        if abs(lr - crit) <= CLOSE * crit:
            return CRITICAL
        if lr > crit:
            return DIVERGES
        if best is None:
            return STEEP_STABLE
        if best is not None and abs(lr - best) <= CLOSE * best:
            return BEST
        if best is not None and lr < best:
            return SLOW
        return OSCILLATES

    def describe(self, lr: float) -> str:
        """One line placing ``lr`` on the scale, e.g. "η = 0.042 > 2/λ_max = 0.04: diverges along the steep axis"."""
        crit, best, where = self.critical_lr, self.best_lr, self.placement(lr)
        saddle = "; λ_min < 0: a saddle, it slides away along the shallow axis" if self.lam_min < 0 else ""
        if where == NO_CURVATURE:
            return f"λ_max = {_g(self.lam_max)} ≤ 0: no axis curves up here, descent moves away along every axis"
        if where == DIVERGES:
            return f"η = {_g(lr)} > 2/λ_max = {_g(crit)}: diverges along the steep axis"
        if where == CRITICAL:
            return f"η = {_g(lr)} ≈ 2/λ_max = {_g(crit)}: the steep axis bounces without shrinking" + saddle
        if where == STEEP_STABLE:
            return f"η = {_g(lr)} < 2/λ_max = {_g(crit)}: stable along the steep axis" + saddle
        rate = f" (rate {self.rate(lr):.4g} a step)" if best is not None else ""
        if where == BEST:
            return f"η = {_g(lr)} ≈ 2/(λ_min + λ_max) = {_g(best)}: the fastest fixed step" + rate
        if where == SLOW:
            return f"η = {_g(lr)} < 2/(λ_min + λ_max) = {_g(best)}: converges, slowly along the shallow axis" + rate
        return f"η = {_g(lr)} < 2/λ_max = {_g(crit)}: zig-zags along the steep axis but converges" + rate + saddle

    def to_dict(self) -> dict:
        """JSON-ready: hessian, eigenvalues (ascending), eigenvectors (one unit vector per eigenvalue), condition,
        critical_lr, best_lr (None for "undefined" or infinite values)."""
        return {"point": [float(v) for v in self.point], "hessian": self.hessian.tolist(),
                "eigenvalues": self.eigenvalues.tolist(), "eigenvectors": self.eigenvectors.T.tolist(),
                "condition": _finite_or_none(self.condition), "critical_lr": self.critical_lr,
                "best_lr": self.best_lr, "source": self.source}


def local_quadratic(function, point) -> LocalQuadratic:
    """The local quadratic of ``function`` (anything with ``gradient``, optionally ``hessian``) at ``point`` (x, y).

    ValueError when the point is not finite or the Hessian there is not (e.g. a kink or a pole).
    """
    x, y = (float(v) for v in point)
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"the point must be finite, got ({x}, {y})")
    H, source = hessian_at(function, x, y)
    if not np.isfinite(H).all():
        raise ValueError(f"the Hessian is not defined at ({x:g}, {y:g})")
    values, vectors = np.linalg.eigh(H)            # ascending, orthonormal columns
    signs = np.where(vectors[np.argmax(np.abs(vectors), axis=0), [0, 1]] < 0, -1.0, 1.0)
    return LocalQuadratic((x, y), H, values, vectors * signs, source)


def _g(v: float) -> str:
    return format(float(v), ".3g")


def _finite_or_none(v: float) -> float | None:
    return float(v) if math.isfinite(v) else None
