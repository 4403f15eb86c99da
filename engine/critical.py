"""Local minima of a 2D landscape inside a view, found numerically (the catalogue lists only the global minima).

Method: the sampled grid's strict local minima (lower than all 8 neighbours, by more than a tiny share of the grid's
value range, so that plateaus and rounding noise do not count) are the candidates; each is refined by Newton steps
on the exact gradient, x ← x − H⁻¹∇f, with the function's exact Hessian when it has one and central differences of
the exact gradient otherwise; a step that would not go downhill falls back to a short gradient step. A refined point
is a local minimum when it stays in the view, its gradient vanishes (|∇f| ≤ 1e-8 × scale) and its Hessian is
positive definite; duplicates and the known global minima are dropped. Tested against published local minima
(three-hump camel, six-hump camel, McCormick, Goldstein–Price, Styblinski–Tang) in tests/engine/test_critical.py.
"""
from __future__ import annotations

import numpy as np

from .functions import TestFunction

MAX_CANDIDATES = 200  # the lowest candidates are refined; a rugged view (Rastrigin) has ~120 minima
NEWTON_STEPS = 30


def _hessian(function: TestFunction, x: np.ndarray, y: np.ndarray, h: np.ndarray) -> tuple:
    """(fxx, fxy, fyy) at the points (x, y): exact when the function has it, else central differences of ∇f."""
    if function.hessian is not None:
        return tuple(np.broadcast_to(np.asarray(v, float), x.shape) for v in function.hessian(x, y))
    gxp, gyp = function.gradient(x + h, y)
    gxm, gym = function.gradient(x - h, y)
    gx_yp, gy_yp = function.gradient(x, y + h)
    gx_ym, gy_ym = function.gradient(x, y - h)
    fxx = (np.asarray(gxp) - gxm) / (2 * h)
    fyy = (np.asarray(gy_yp) - gy_ym) / (2 * h)
    fxy = 0.5 * ((np.asarray(gyp) - gym) / (2 * h) + (np.asarray(gx_yp) - gx_ym) / (2 * h))
    return fxx, fxy, fyy


def grid_candidates(values: np.ndarray, x: np.ndarray, y: np.ndarray, limit: int = MAX_CANDIDATES) -> np.ndarray:
    """(K, 2) grid points lower than their 8 neighbours by more than 1e-9 of the value range, lowest first."""
    v = np.where(np.isfinite(values), values, np.inf)
    finite = v[np.isfinite(v)]
    if finite.size == 0 or v.shape[0] < 3 or v.shape[1] < 3:
        return np.empty((0, 2))
    margin = 1e-9 * max(float(finite.max() - finite.min()), 1e-300)
    centre = v[1:-1, 1:-1]
    lowest = np.ones(centre.shape, bool)
    for di in (-1, 0, 1):
        for dj in (-1, 0, 1):
            if di or dj:
                lowest &= centre < v[1 + di:v.shape[0] - 1 + di, 1 + dj:v.shape[1] - 1 + dj] - margin
    j, i = np.nonzero(lowest & np.isfinite(centre))
    order = np.argsort(centre[j, i])[:limit]
    return np.stack([x[i[order] + 1], y[j[order] + 1]], axis=1)


def refine(function: TestFunction, points: np.ndarray, scale: float) -> tuple[np.ndarray, np.ndarray]:
    """Newton steps from ``points`` (K, 2); returns the refined points and a mask of the converged local minima."""
    p = np.array(points, float)
    h = np.full(len(p), 1e-5 * scale)
    step_cap = 0.05 * scale  # a Newton step longer than this is taken as a gradient step of this length
    for _ in range(NEWTON_STEPS):
        gx, gy = (np.asarray(g, float) for g in function.gradient(p[:, 0], p[:, 1]))
        fxx, fxy, fyy = _hessian(function, p[:, 0], p[:, 1], h)
        det = fxx * fyy - fxy * fxy
        with np.errstate(divide="ignore", invalid="ignore"):
            dx = -(fyy * gx - fxy * gy) / det
            dy = -(-fxy * gx + fxx * gy) / det
        newton_ok = (det > 0) & (fxx > 0) & np.isfinite(dx) & np.isfinite(dy) & (np.hypot(dx, dy) <= step_cap)
        norm = np.maximum(np.hypot(gx, gy), 1e-300)
        dx = np.where(newton_ok, dx, -gx / norm * np.minimum(norm, step_cap))
        dy = np.where(newton_ok, dy, -gy / norm * np.minimum(norm, step_cap))
        p = p + np.stack([np.nan_to_num(dx), np.nan_to_num(dy)], axis=1)
    gx, gy = (np.asarray(g, float) for g in function.gradient(p[:, 0], p[:, 1]))
    fxx, fxy, fyy = _hessian(function, p[:, 0], p[:, 1], h)
    det = fxx * fyy - fxy * fxy
    curvature = np.maximum(np.abs(fxx) + np.abs(fyy), 1e-300)
    ok = np.isfinite(gx) & np.isfinite(gy) & (det > 1e-12 * curvature ** 2) & (fxx > 0)
    ok &= np.hypot(gx, gy) <= 1e-6 * np.maximum(curvature * scale, 1e-12)
    return p, ok


def local_minima(function: TestFunction, view, values: np.ndarray | None = None, resolution: int = 201,
                 limit: int = MAX_CANDIDATES) -> list[tuple[float, float, float]]:
    """The local minima of ``function`` inside ``view`` that are not among its known global minima, as (x, y, f),
    lowest first. ``values``: the grid already sampled on ``view`` (ny, nx), else ``resolution`` points per axis."""
    (x0, x1), (y0, y1) = view
    if values is None:
        x, y = np.linspace(x0, x1, resolution), np.linspace(y0, y1, resolution)
        values = np.asarray(function.value(*np.meshgrid(x, y)), float)
    else:
        values = np.asarray(values, float)
        x, y = np.linspace(x0, x1, values.shape[1]), np.linspace(y0, y1, values.shape[0])
    scale = max(x1 - x0, y1 - y0)
    candidates = grid_candidates(values, x, y, limit)
    if len(candidates) == 0:
        return []
    with np.errstate(all="ignore"):
        points, ok = refine(function, candidates, scale)
    inside = (points[:, 0] >= x0) & (points[:, 0] <= x1) & (points[:, 1] >= y0) & (points[:, 1] <= y1)
    points = points[ok & inside]
    found: list[tuple[float, float, float]] = []
    tol = 1e-6 * scale
    known = [(m[0], m[1]) for m in function.minima]
    for px, py in points:
        if any(abs(px - a) <= 1e3 * tol and abs(py - b) <= 1e3 * tol for a, b in known):
            continue
        if any(abs(px - a) <= tol and abs(py - b) <= tol for a, b, _ in found):
            continue
        found.append((float(px), float(py), float(function.value(np.float64(px), np.float64(py)))))
    return sorted(found, key=lambda m: m[2])
