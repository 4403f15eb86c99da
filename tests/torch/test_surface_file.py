"""Interop with tomgoldstein/loss-landscape's HDF5 surface files, and a surface as an engine landscape (bilinear
interpolation: value at the grid points, exact gradient of the interpolant against finite differences)."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import h5py
import numpy as np

from engine.torch_landscape import LandscapeError
from engine.torch_landscape.surface_file import Surface, read_surface, surface_function, write_surface


def _theirs(path, nx=6, ny=6, fill_missing=False):
    """A file shaped as their plot_surface.py writes it: -1 where not computed, losses[i, j] at (x[j], y[i])."""
    x, y = np.linspace(-1, 1, nx), np.linspace(-1, 1, ny)
    X, Y = np.meshgrid(x, y)
    loss = 1 + X ** 2 + 2 * Y ** 2
    if fill_missing:
        loss.ravel()[5:] = -1
    with h5py.File(path, "w") as f:
        f["xcoordinates"], f["ycoordinates"] = x, y
        f["train_loss"], f["train_acc"] = loss, 100 - loss
        f.attrs["dir_file"] = "directions.h5"
    return x, y, loss


def test_a_file_shaped_like_theirs_opens(tmp_path):
    x, y, loss = _theirs(tmp_path / "theirs.h5")
    s = read_surface(tmp_path / "theirs.h5")
    assert set(s.values) == {"train_loss", "train_acc"} and s.attrs["dir_file"] == "directions.h5"
    f = surface_function(s)
    X, Y = np.meshgrid(x, y)
    np.testing.assert_allclose(f.value(X, Y), loss)  # the interpolant passes through the grid
    assert f.view == ((-1.0, 1.0), (-1.0, 1.0))
    assert f.minima[0][2] == pytest.approx(loss.min())


def test_gradient_is_the_interpolants_derivative(tmp_path):
    _theirs(tmp_path / "theirs.h5", nx=7, ny=5)
    f = surface_function(read_surface(tmp_path / "theirs.h5"))
    rng = np.random.default_rng(0)
    px, py = rng.uniform(-0.95, 0.95, 50), rng.uniform(-0.95, 0.95, 50)
    h = 1e-6
    gx, gy = f.gradient(px, py)
    fdx = (f.value(px + h, py) - f.value(px - h, py)) / (2 * h)
    fdy = (f.value(px, py + h) - f.value(px, py - h)) / (2 * h)
    grid_x, grid_y = np.linspace(-1, 1, 7), np.linspace(-1, 1, 5)
    away = (np.min(np.abs(px[:, None] - grid_x), axis=1) > 1e-4) & (np.min(np.abs(py[:, None] - grid_y), axis=1) > 1e-4)
    np.testing.assert_allclose(gx[away], fdx[away], rtol=1e-5, atol=1e-6)
    np.testing.assert_allclose(gy[away], fdy[away], rtol=1e-5, atol=1e-6)


def test_ours_read_back_with_their_names(tmp_path):
    x, y = np.linspace(-2, 2, 4), np.linspace(-1, 1, 3)
    z = np.arange(12.0).reshape(3, 4)
    write_surface(tmp_path / "ours.h5", Surface(x, y, {"train_loss": z, "train_acc": 50 + z},
                                                np.array([[0.0, 0.1], [0.2, 0.3]])))
    with h5py.File(tmp_path / "ours.h5", "r") as f:
        np.testing.assert_array_equal(f["xcoordinates"][()], x)
        np.testing.assert_array_equal(f["ycoordinates"][()], y)
        np.testing.assert_array_equal(f["train_loss"][()], z)
        np.testing.assert_array_equal(f["train_acc"][()], 50 + z)
        np.testing.assert_array_equal(f["proj_xcoord"][()], [0.0, 0.2])
    assert [p.name for p in tmp_path.iterdir()] == ["ours.h5"]  # no temporary file left


def test_unusable_files_are_one_sentence(tmp_path):
    _theirs(tmp_path / "partial.h5", fill_missing=True)
    with pytest.raises(LandscapeError, match="not complete: 31 of 36"):
        surface_function(read_surface(tmp_path / "partial.h5"))
    (tmp_path / "junk.h5").write_text("hello")
    with pytest.raises(LandscapeError, match="not an HDF5 file"):
        read_surface(tmp_path / "junk.h5")
    with h5py.File(tmp_path / "line.h5", "w") as f:
        f["xcoordinates"], f["train_loss"] = np.linspace(0, 1, 5), np.ones(5)
    with pytest.raises(LandscapeError, match="1D curve"):
        surface_function(read_surface(tmp_path / "line.h5"))
    with pytest.raises(LandscapeError, match="does not exist"):
        read_surface(tmp_path / "nope.h5")
