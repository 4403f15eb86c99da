"""Basin-of-attraction and convergence-speed maps: where does descent from every start of a grid end, and how fast?

``basin_map`` runs the optimizer from every cell centre of a resolution × resolution grid at once and labels each
start by the minimum it converges to (a catalogue minimum of ``function.minima``, or one found by clustering end
points), ``-1`` when it diverges and ``-2`` when it has not converged after ``steps`` steps. The runs go through
:class:`engine.descent.Descent`, the loop ``descend`` uses, keeping only where each run ends: a start's end point
and step count equal ``descend``'s from that start. A start where f or ∇f is not finite is labelled diverged
instead of raising, so one bad cell does not void a map. ``progress(fraction) -> bool`` is called about every
``REPORT_EVERY`` steps; returning False raises :class:`Cancelled`.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Sequence

import numpy as np

from engine.descent import Descent

Array = np.ndarray
Progress = Callable[[float], bool]

DIVERGED, NOT_CONVERGED = -1, -2   # labels of starts that have no basin
BLOCK = 32                          # steps between stop tests: 32 × 40,000 starts × 2 floats ≈ 20 MB a block array
REPORT_EVERY = 100                  # steps between progress calls
CLUSTER_FRACTION = 1e-3             # default cluster_tol: this fraction of the view's diagonal


class Cancelled(Exception):
    """Raised when the ``progress`` callback returns False."""


@dataclass(frozen=True)
class Basin:
    """One basin: ``index`` (its label), ``point`` (x, y) of its minimum, ``value`` f there, ``share`` of the starts
    (area) that end in it, in [0, 1]; ``known``: matched to a catalogue minimum (else discovered by clustering)."""

    index: int
    point: tuple[float, float]
    value: float
    share: float
    known: bool


@dataclass(frozen=True)
class Ends:
    """Where K runs stopped: ``points`` (K, 2) last valid point (finite), ``stopped_at`` (K,) step of that point,
    ``status`` (K,) str: "converged", "diverged", "unbounded" or "max_steps" (as in ``Trajectory.status``)."""

    points: Array
    stopped_at: Array
    status: Array


@dataclass(frozen=True)
class BasinLabels:
    """K starts labelled: ``labels`` (K,) int (basin index ≥ 0, -1 diverged, -2 not converged), ``end_points``
    (K, 2), ``steps`` (K,) steps to converge (``max_steps`` for runs that did not converge), ``basins``,
    ``cluster_tol`` used, ``max_steps`` = the ``steps`` argument."""

    labels: Array
    end_points: Array
    steps: Array
    basins: list[Basin]
    cluster_tol: float
    max_steps: int

    @property
    def diverged_share(self) -> float:
        return float(np.mean(self.labels == DIVERGED))

    @property
    def not_converged_share(self) -> float:
        return float(np.mean(self.labels == NOT_CONVERGED))


@dataclass(frozen=True)
class BasinMap(BasinLabels):
    """A basin map on a grid of start points, indexed [y, x] like an image.

    labels (res, res) int, end_points (res, res, 2), steps (res, res) int: as in :class:`BasinLabels`;
    x (res,), y (res,): the start coordinates (cell centres: x[j] = xmin + (j + ½)·(xmax − xmin)/res), so cell
    [i, j] starts at (x[j], y[i]) and covers the rectangle around it; basins: each basin with its share of the area.
    """

    x: Array = None  # type: ignore[assignment]
    y: Array = None  # type: ignore[assignment]


# --- running every start to its end --------------------------------------------------------------------------

def descend_ends(function, starts, optimizer: str = "gd", lr: float = 0.01, steps: int = 1000, tol: float = 1e-6,
                 bound: float = 1e6, progress: Progress | None = None, **hyper: float) -> Ends:
    """``descend`` from K starts (K, 2) keeping only where each run stops, not its path."""
    run = Descent(function, starts, optimizer, lr, steps, tol, bound, block=BLOCK, bad_starts="diverge", **hyper)
    ends = run.x0.copy()
    for b in run.blocks():
        cols = np.flatnonzero(b.stopped)
        ends[b.runs[cols]] = b.points_at(run.stopped_at[b.runs[cols]], cols)
        ends[b.runs[~b.stopped]] = b.points[-1, ~b.stopped]
        t_before, t = b.start - 1, b.start - 1 + len(b.points)
        if progress is not None and t // REPORT_EVERY > t_before // REPORT_EVERY and not progress(t / run.steps):
            raise Cancelled(f"cancelled after {t} of {run.steps} steps")
    return Ends(ends, run.stopped_at, run.status)


# --- clustering end points into basins ------------------------------------------------------------------------

def _nearest(points: Array, centres: Array, tol: float) -> Array:
    """(P,) index of the nearest of the (M, 2) centres within distance ≤ tol of each of the (P, 2) points, else -1."""
    if not len(centres) or not len(points):
        return np.full(len(points), -1)
    d = np.hypot(points[:, None, 0] - centres[None, :, 0], points[:, None, 1] - centres[None, :, 1])  # (P, M)
    best = np.argmin(d, axis=1)
    return np.where(d[np.arange(len(points)), best] <= tol, best, -1)


def _discover(points: Array, tol: float) -> tuple[Array, Array]:
    """Greedy clustering of (R, 2) points: -> centres (B, 2), member (R,) cluster index; B ordered by size.

    Points are first binned into cells of side tol (np.unique); then the most populated remaining cell seeds a
    cluster that takes every remaining cell whose mean lies within tol of the seed's. Cost O(cells · clusters).
    """
    if not len(points):
        return np.empty((0, 2)), np.empty(0, dtype=int)
    cells, inverse, counts = np.unique(np.floor(points / tol).astype(np.int64), axis=0, return_inverse=True,
                                       return_counts=True)
    inverse = inverse.ravel()
    sums = np.zeros((len(cells), 2))
    np.add.at(sums, inverse, points)
    means = sums / counts[:, None]
    cell_cluster = np.empty(len(cells), dtype=int)
    remaining = np.argsort(-counts, kind="stable")
    centres, sizes = [], []
    while remaining.size:
        near = np.hypot(*(means[remaining] - means[remaining[0]]).T) <= tol
        members = remaining[near]
        cell_cluster[members] = len(centres)
        centres.append(sums[members].sum(axis=0) / counts[members].sum())
        sizes.append(counts[members].sum())
        remaining = remaining[~near]
    order = np.argsort(-np.array(sizes), kind="stable")
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    return np.array(centres)[order], rank[cell_cluster[inverse]]


def _references(function, basins: Sequence[Basin] | None) -> list[Basin]:
    """The centres matched first: the given basins, or the catalogue minima (index -1: assigned when reached)."""
    if basins is not None:
        return list(basins)
    return [Basin(-1, (float(m[0]), float(m[1])), float(m[2]), 0.0, True) for m in getattr(function, "minima", [])]


def label_ends(function, ends: Ends, cluster_tol: float, basins: Sequence[Basin] | None = None
               ) -> tuple[Array, list[Basin]]:
    """Labels (K,) and the reached basins for K end points; only converged runs get a basin.

    Converged end points within cluster_tol of a reference (``basins`` if given, keeping their indices; else the
    catalogue minima, indexed 0, 1, … in catalogue order among those reached) get its label; the rest are clustered
    (``_discover``) into new basins indexed after the references, largest first.
    """
    K = len(ends.status)
    labels = np.full(K, NOT_CONVERGED)
    labels[(ends.status == "diverged") | (ends.status == "unbounded")] = DIVERGED
    conv = np.flatnonzero(ends.status == "converged")
    refs = _references(function, basins)
    ref_id = _nearest(ends.points[conv], np.array([r.point for r in refs]).reshape(-1, 2), cluster_tol)
    found: list[Basin] = []
    next_index = 0 if basins is None else max((r.index for r in refs), default=-1) + 1
    for m, ref in enumerate(refs):
        members = conv[ref_id == m]
        if members.size:
            index = next_index if basins is None else ref.index
            next_index += basins is None
            labels[members] = index
            found.append(Basin(index, ref.point, ref.value, members.size / K, ref.known))
    rest = conv[ref_id < 0]
    centres, member = _discover(ends.points[rest], cluster_tol)
    for b, c in enumerate(centres):
        labels[rest[member == b]] = next_index + b
        value = float(np.asarray(function.value(c[0], c[1])))
        found.append(Basin(next_index + b, (float(c[0]), float(c[1])), value, np.sum(member == b) / K, False))
    return labels, found


def _default_cluster_tol(x_range: Sequence[float], y_range: Sequence[float]) -> float:
    return CLUSTER_FRACTION * math.hypot(x_range[1] - x_range[0], y_range[1] - y_range[0])


def _check_cluster_tol(cluster_tol) -> float:
    if isinstance(cluster_tol, bool) or not isinstance(cluster_tol, (int, float, np.number)) \
            or not 0 < cluster_tol < math.inf:
        raise ValueError(f"cluster_tol must be a finite number > 0, got {cluster_tol!r}")
    return float(cluster_tol)


# --- public API -----------------------------------------------------------------------------------------------

def basin_labels(function, starts, optimizer: str = "gd", lr: float = 0.01, steps: int = 2000, tol: float = 1e-6,
                 cluster_tol: float | None = None, basins: Sequence[Basin] | None = None, bound: float = 1e6,
                 progress: Progress | None = None, **hyper: float) -> BasinLabels:
    """Label K starts (K, 2) by where descent from each ends. ``cluster_tol`` defaults to 1e-3 of the diagonal of
    ``function.view``. Pass a map's ``basins`` to label new starts with that map's indices (e.g. to check that a
    single run ends in the basin the map promised). Raises ValueError for bad arguments, :class:`Cancelled`."""
    if cluster_tol is None:
        cluster_tol = _default_cluster_tol(*function.view)
    cluster_tol = _check_cluster_tol(cluster_tol)
    ends = descend_ends(function, starts, optimizer, lr, steps, tol, bound, progress, **hyper)
    labels, found = label_ends(function, ends, cluster_tol, basins)
    to_converge = np.where(ends.status == "converged", ends.stopped_at, int(steps))
    return BasinLabels(labels, ends.points, to_converge, found, cluster_tol, int(steps))


def grid_axis(lo: float, hi: float, resolution: int) -> Array:
    """(resolution,) cell centres of ``resolution`` equal cells covering [lo, hi]."""
    return lo + (np.arange(resolution) + 0.5) * ((hi - lo) / resolution)


def _check_range(name: str, r) -> tuple[float, float]:
    try:
        lo, hi = (float(v) for v in r)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a pair (min, max), got {r!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi):
        raise ValueError(f"{name} must be finite with min < max, got {r!r}")
    return lo, hi


def basin_map(function, x_range: Sequence[float], y_range: Sequence[float], resolution: int = 200,
              optimizer: str = "gd", lr: float = 0.01, steps: int = 2000, tol: float = 1e-6,
              cluster_tol: float | None = None, bound: float = 1e6, progress: Progress | None = None,
              **hyper: float) -> BasinMap:
    """Basin and steps-to-converge maps for resolution × resolution starts covering x_range × y_range.

    ``cluster_tol`` defaults to 1e-3 of the diagonal of the ranges. For a coarse preview, call with a small
    ``resolution`` first. Raises ValueError for bad arguments and :class:`Cancelled` when ``progress`` says so.
    """
    x_range, y_range = _check_range("x_range", x_range), _check_range("y_range", y_range)
    if isinstance(resolution, bool) or not isinstance(resolution, (int, np.integer)) or resolution < 1:
        raise ValueError(f"resolution must be an integer ≥ 1, got {resolution!r}")
    if cluster_tol is None:
        cluster_tol = _default_cluster_tol(x_range, y_range)
    x, y = grid_axis(*x_range, int(resolution)), grid_axis(*y_range, int(resolution))
    gx, gy = np.meshgrid(x, y)                                          # (res, res), [y, x]
    starts = np.stack([gx.ravel(), gy.ravel()], axis=1)
    r = basin_labels(function, starts, optimizer, lr, steps, tol, cluster_tol, None, bound, progress, **hyper)
    shape = gx.shape
    return BasinMap(r.labels.reshape(shape), r.end_points.reshape(shape + (2,)), r.steps.reshape(shape), r.basins,
                    r.cluster_tol, r.max_steps, x=x, y=y)
