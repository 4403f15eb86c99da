"""File ▸ Open surface…: an HDF5 surface becomes the window's landscape (drawn, with optimizers on the interpolant);
saving it as a scene is refused with a sentence; a bad file is a message box, the old landscape stays."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import h5py
import numpy as np
from PySide6.QtWidgets import QMessageBox

from tests.app.conftest import make_window


def _write(path):
    x, y = np.linspace(-1, 1, 9), np.linspace(-2, 2, 11)
    X, Y = np.meshgrid(x, y)
    with h5py.File(path, "w") as f:
        f["xcoordinates"], f["ycoordinates"] = x, y
        f["train_loss"], f["train_acc"] = 0.5 + X ** 2 + Y ** 2, 90 - X ** 2
    return x, y, 0.5 + X ** 2 + Y ** 2


@pytest.fixture
def boxes(monkeypatch):
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: shown.append((title, text)))
    return shown


def test_open_surface_shows_it_and_refuses_to_save_it(qtbot, tmp_path, boxes):
    x, y, z = _write(tmp_path / "surf.h5")
    window = make_window(qtbot, tmp_path / "settings.ini")
    assert window.file_actions.surfaces.action in window.file_menu.actions()
    window.file_actions.surfaces.open_path(tmp_path / "surf.h5")
    window.compute.wait()
    f = window.state.function
    assert f.name == "surface-train_loss" and window.state.view == ((-1.0, 1.0), (-2.0, 2.0))
    X, Y = np.meshgrid(x, y)
    np.testing.assert_allclose(f.value(X, Y), z)
    qtbot.waitUntil(lambda: window.landscape.result is not None
                    and window.landscape.result.request.function is f, timeout=10000)
    window.grab().save(str(tmp_path / "surface-shot.png"))
    assert not window.file_actions.save_to(tmp_path / "scene.json")
    assert "cannot be saved in a scene yet" in boxes[-1][1]
    assert not (tmp_path / "scene.json").exists()


def test_a_bad_surface_file_keeps_the_landscape(qtbot, tmp_path, boxes):
    window = make_window(qtbot, tmp_path / "settings.ini")
    before = window.state.function
    (tmp_path / "bad.h5").write_text("not hdf5")
    window.file_actions.surfaces.open_path(tmp_path / "bad.h5")
    window.compute.wait()
    assert window.state.function is before
    assert boxes and "not an HDF5 file" in boxes[-1][1]
    assert window.file_actions.save_to(tmp_path / "scene.json")  # an ordinary landscape still saves
