"""The training path that defines a PCA plane (Li et al. 2018, Fig. 9), seen on that plane.

A PCA plane is spanned by the top two principal directions of a recorded training path θ_0 … θ_T; the plane passes
through the final point θ_T (its centre). Each θ_t is drawn at its orthogonal projection (α_t, β_t); what the
projection leaves out, the *residual* ‖θ_t − θ(α_t, β_t)‖, is the part of the path the picture cannot show.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

Array = np.ndarray


@dataclass(frozen=True)
class PCAPath:
    """coords (T, 2) the projected (α, β) of every recorded step; residual (T,) ‖θ_t − θ(α_t, β_t)‖;
    distance (T,) ‖θ_t − θ_T‖ from the centre; explained_variance (PC1, PC2) as fractions of the path's variance."""

    coords: Array
    residual: Array
    distance: Array
    explained_variance: tuple[float, float]

    @property
    def steps(self) -> Array:
        """Step number of every point (0 … T − 1): full-batch training, so one step is one epoch."""
        return np.arange(len(self.coords))

    @property
    def max_residual(self) -> float:
        return float(self.residual.max())

    @property
    def relative_residual(self) -> float:
        """Largest residual as a fraction of the path's largest distance from the centre (0 for a flat path)."""
        far = float(self.distance.max())
        return self.max_residual / far if far > 0 else 0.0


def pca_path(plane) -> PCAPath | None:
    """The recorded path of a PCA ``plane`` projected onto it; None for other planes."""
    traj = getattr(plane, "trajectory", None)
    if plane.method != "pca" or traj is None:
        return None
    coords, residual = plane.coordinates(traj)
    distance = np.linalg.norm(traj - plane.vectors_at(*plane.centre_coords), axis=1)
    return PCAPath(coords, residual, distance, tuple(float(v) for v in plane.explained_variance))


def marker_steps(count: int, markers: int = 5) -> Array:
    """About ``markers`` round step numbers between 0 and count − 1 (always both ends), for labels on the path."""
    last = count - 1
    if last <= 0:
        return np.array([0])
    raw = last / max(markers, 1)
    unit = 10 ** np.floor(np.log10(raw))
    step = max(1, next(m * unit for m in (1, 2, 5, 10) if m * unit >= raw))
    ticks = np.arange(0, last + 1, step).astype(int)
    if last - ticks[-1] <= 0.5 * step:
        ticks = ticks[:-1]
    return np.append(ticks, last)
