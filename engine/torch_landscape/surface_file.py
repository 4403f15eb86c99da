"""HDF5 surface files in tomgoldstein/loss-landscape's layout, and a surface as an engine landscape.

Their ``plot_2D.py`` reads ``xcoordinates`` (nx,), ``ycoordinates`` (ny,) and a surface such as ``train_loss`` or
``train_acc`` (accuracy in percent), drawn with ``contour(meshgrid(x, y), Z)``, so ``Z[i, j]`` is the value at
``(x[j], y[i])``; points not computed yet hold -1 in their files (NaN in ours). A 1D file has no ``ycoordinates``.
Our files add ``done_blocks`` and attributes describing the run; ``proj_xcoord``/``proj_ycoord`` hold a training path.

Needs only h5py and NumPy (not torch).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from engine.torch_landscape import LandscapeError, require

SURFACE_NAMES = ("train_loss", "train_acc", "test_loss", "test_acc")


@dataclass
class Surface:
    x: np.ndarray
    y: np.ndarray | None  # None for a 1D curve
    values: dict[str, np.ndarray]  # name -> (ny, nx) or (nx,)
    path: np.ndarray | None = None  # (n, 2) training path in plane coordinates
    attrs: dict = field(default_factory=dict)

    def complete(self, name: str) -> bool:
        z = self.values[name]
        return bool(np.all(np.isfinite(z)) and not np.all(z == -1))


def read_surface(path: str | Path) -> Surface:
    require("h5py")
    import h5py

    p = Path(path)
    if not p.is_file():
        raise LandscapeError(f"surface file {p} does not exist")
    try:
        with h5py.File(p, "r") as f:
            if "xcoordinates" not in f:
                raise LandscapeError(f"{p} is not a loss-landscape surface file (no xcoordinates)")
            x = np.asarray(f["xcoordinates"][()], dtype=float).reshape(-1)
            y = np.asarray(f["ycoordinates"][()], dtype=float).reshape(-1) if "ycoordinates" in f else None
            shape = (len(y), len(x)) if y is not None else (len(x),)
            values = {}
            for name in f:
                ds = f[name]
                if name in ("xcoordinates", "ycoordinates") or not isinstance(ds, h5py.Dataset):
                    continue
                if ds.shape == shape and np.issubdtype(ds.dtype, np.number):
                    values[name] = np.asarray(ds[()], dtype=float)
                elif y is not None and ds.shape == shape[::-1] and np.issubdtype(ds.dtype, np.number):
                    values[name] = np.asarray(ds[()], dtype=float).T  # a rectangular file written (nx, ny)
            path_xy = None
            if "proj_xcoord" in f and "proj_ycoord" in f:
                path_xy = np.stack([f["proj_xcoord"][()], f["proj_ycoord"][()]], axis=1).astype(float)
            attrs = {k: (v.decode() if isinstance(v, bytes) else v) for k, v in f.attrs.items()}
    except OSError as err:
        raise LandscapeError(f"{p} is not an HDF5 file: {str(err).splitlines()[0]}") from None
    if not values:
        raise LandscapeError(f"{p} has no surface shaped like its coordinates ({' x '.join(map(str, shape))})")
    return Surface(x, y, values, path_xy, attrs)


def default_field(surface: Surface) -> str:
    for name in SURFACE_NAMES:
        if name in surface.values:
            return name
    return next(iter(surface.values))


def write_surface(path: str | Path, surface: Surface) -> None:
    """Write ``surface`` atomically (a temporary file renamed into place)."""
    require("h5py")
    import h5py

    from engine.atomic import AtomicFile

    out = AtomicFile(path)
    try:
        with h5py.File(out.tmp_path, "w") as f:
            f["xcoordinates"] = surface.x
            if surface.y is not None:
                f["ycoordinates"] = surface.y
            for name, z in surface.values.items():
                f[name] = z
            if surface.path is not None:
                f["proj_xcoord"], f["proj_ycoord"] = surface.path[:, 0], surface.path[:, 1]
            for k, v in surface.attrs.items():
                f.attrs[k] = v
        out.commit()
    except BaseException:
        out.discard()
        raise


def surface_function(surface: Surface, name: str | None = None, title: str = "surface", missing_ok: bool = False):
    """The surface as a :class:`~engine.functions.base.TestFunction`: the bilinear interpolant of the grid (value and
    its exact gradient; constant beyond the grid's edges). ``missing_ok``: a surface still being computed, NaN
    around the points not computed yet (a map draws them blank), instead of refusing it."""
    from engine.functions.base import TestFunction

    name = name or default_field(surface)
    if surface.y is None:
        raise LandscapeError("this file holds a 1D curve (no ycoordinates): a landscape needs a 2D surface")
    if name not in surface.values:
        raise LandscapeError(f"the file has no surface {name} (it has {', '.join(surface.values)})")
    x, y, z = surface.x, surface.y, surface.values[name]
    if len(x) < 2 or len(y) < 2 or np.any(np.diff(x) <= 0) or np.any(np.diff(y) <= 0):
        raise LandscapeError("the surface's coordinates must increase, with at least 2 points per axis")
    missing = ~np.isfinite(z) | (z == -1)
    if missing_ok:
        z = np.where(missing, np.nan, z)
    elif missing.any():
        raise LandscapeError(f"the surface is not complete: {int(missing.sum())} of {z.size} points were not "
                             f"computed (rerun the computation to finish it)")

    def locate(v, axis):
        v = np.clip(v, axis[0], axis[-1])
        i = np.clip(np.searchsorted(axis, v, side="right") - 1, 0, len(axis) - 2)
        h = axis[i + 1] - axis[i]
        return i, (v - axis[i]) / h, h

    def corners(px, py):
        px, py = np.broadcast_arrays(np.asarray(px, float), np.asarray(py, float))
        j, t, hx = locate(px, x)
        i, u, hy = locate(py, y)
        inside_x = (px >= x[0]) & (px <= x[-1])
        inside_y = (py >= y[0]) & (py <= y[-1])
        return (z[i, j], z[i, j + 1], z[i + 1, j], z[i + 1, j + 1]), t, u, hx, hy, inside_x, inside_y

    def value(px, py):
        (z00, z10, z01, z11), t, u, *_ = corners(px, py)
        return (1 - t) * (1 - u) * z00 + t * (1 - u) * z10 + (1 - t) * u * z01 + t * u * z11

    def gradient(px, py):
        (z00, z10, z01, z11), t, u, hx, hy, in_x, in_y = corners(px, py)
        gx = ((1 - u) * (z10 - z00) + u * (z11 - z01)) / hx
        gy = ((1 - t) * (z01 - z00) + t * (z11 - z10)) / hy
        return np.where(in_x, gx, 0.0), np.where(in_y, gy, 0.0)

    finite = z[np.isfinite(z)]
    k = int(np.nanargmin(z)) if finite.size else 0
    lo, hi = (float(finite.min()), float(finite.max())) if finite.size else (1.0, 1.0)
    return TestFunction(
        name=f"surface-{name}", title=title, description=f"{name} read from a surface file",
        value=value, gradient=gradient, view=((float(x[0]), float(x[-1])), (float(y[0]), float(y[-1]))),
        minima=[(float(x[k % len(x)]), float(y[k // len(x)]), float(z.flat[k]))] if finite.size == z.size else [],
        log_scale=bool(lo > 0 and hi / lo > 1e3), formula=f"bilinear interpolation of {name} on a "
                                                          f"{len(x)} x {len(y)} grid")
