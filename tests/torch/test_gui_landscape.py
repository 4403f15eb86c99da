"""File ▸ Compute a model's landscape… (issue 17): the dialog runs the command line's job through the compute service,
the map fills in block by block with the values the command line computes, Cancel stops at the next block and keeps
the finished ones, computing again resumes and gives the same surface as one uninterrupted command-line run."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import time

import h5py
import numpy as np
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from app.cli import main
from tests.app.conftest import unrestored_window
from tests.torch.conftest import MODELS

TIMEOUT = 120_000
RESOLUTION = 9  # 81 points, 6 blocks of 16


@pytest.fixture
def window(qtbot, tmp_path):
    w = unrestored_window(qtbot, tmp_path / "settings.ini")
    w.compute.wait(TIMEOUT)
    yield w
    w.file_actions.model_landscape.runner.cancel()
    w.compute.wait(TIMEOUT)


@pytest.fixture
def truth(digits, tmp_path_factory):
    """train_loss of the same job computed by `descent-lab landscape` (x, y, loss)."""
    _, data, ckpts = digits
    out = tmp_path_factory.mktemp("cli") / "truth.h5"
    assert main(["landscape", "--model", f"{MODELS}:mlp", "--weights", str(ckpts["mlp"][-1]), "--data", str(data),
                 "--plane", "random", "--resolution", str(RESOLUTION), "--range", "0.5", "--seed", "2",
                 "--workers", "1", "-o", str(out)]) == 0
    with h5py.File(out, "r") as f:
        return f["xcoordinates"][()], f["ycoordinates"][()], f["train_loss"][()]


def fill(dialog, digits, out):
    _, data, ckpts = digits
    dialog.model.setText(f"{MODELS}:mlp")
    dialog.weights.setText(str(ckpts["mlp"][-1]))
    dialog.data.setText(str(data))
    dialog.resolution.setValue(RESOLUTION)
    dialog.range.setValue(0.5)
    dialog.seed.setValue(2)
    dialog.output.setText(str(out))


def on_the_map(window, x, y):
    X, Y = np.meshgrid(x, y)
    return np.asarray(window.state.function.value(X, Y), float)


def test_the_map_fills_in_stops_on_cancel_and_resumes_to_the_cli_surface(window, qtbot, digits, truth, tmp_path,
                                                                          monkeypatch):
    import engine.torch_landscape.run as run

    slow = run.evaluate_block

    def paced(*args, **kwargs):  # a block takes a moment, so that Cancel lands mid-run
        time.sleep(0.15)
        return slow(*args, **kwargs)

    monkeypatch.setattr(run, "evaluate_block", paced)
    monkeypatch.setattr("app.model_landscape.PARTIAL_EVERY", 0.0)  # every block reaches the map
    x, y, loss = truth
    actions = window.file_actions.model_landscape
    runner, status = actions.runner, window.progress_status
    dialog = actions.open_dialog()
    out = tmp_path / "gui.h5"
    fill(dialog, digits, out)
    QTest.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.blocks[0] >= 2 and runner.function is not None, timeout=TIMEOUT)
    assert not dialog.isVisible()  # closed once the model and data were loaded
    qtbot.waitUntil(lambda: not status.isHidden() and status.current().lane == "torch", timeout=TIMEOUT)
    assert "of 6 blocks" in status.label.text()
    shown = on_the_map(window, x, y)
    computed = np.isfinite(shown)
    assert 0 < computed.sum() < shown.size  # half filled in: the computed points carry the CLI's values
    np.testing.assert_allclose(shown[computed], loss[computed], rtol=1e-6)
    QTest.mouseClick(status.button, Qt.MouseButton.LeftButton)
    at_cancel = runner.blocks[0]
    assert not runner.running and (status.current() is None or status.current().lane != "torch")
    window.compute.wait(TIMEOUT)
    partial = run.partial_path(out)
    assert partial.exists() and not out.exists()
    with h5py.File(partial, "r") as f:
        kept = int(f["done_blocks"][()].sum())
    assert at_cancel <= kept <= at_cancel + 1 < 6  # the block being computed at the click, no more

    dialog = actions.open_dialog()  # the same inputs again: resumes
    QTest.mouseClick(dialog.compute_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: runner.stats is not None, timeout=TIMEOUT)
    assert runner.stats.blocks_computed == 6 - kept and out.exists() and not partial.exists()
    with h5py.File(out, "r") as f:
        np.testing.assert_array_equal(f["train_loss"][()], loss)
    np.testing.assert_allclose(on_the_map(window, x, y), loss, rtol=1e-12)
    assert window.file_actions.surfaces.showing_file()  # a scene cannot hold it: Save says so


def test_a_bad_input_is_one_sentence_in_the_dialog_and_nothing_is_written(window, qtbot, digits, tmp_path):
    actions = window.file_actions.model_landscape
    dialog = actions.open_dialog()
    fill(dialog, digits, tmp_path / "x.h5")
    dialog.start()
    dialog.model.setText(str(tmp_path / "missing.py:mlp"))
    window.compute.wait(TIMEOUT)  # the first, good run finishes
    dialog = actions.open_dialog()
    dialog.start()
    window.compute.wait(TIMEOUT)
    text = dialog.message.text()
    assert dialog.isVisible() and "does not exist" in text and "\n" not in text
    dialog.output.clear()
    dialog.start()
    assert "give an output file" in dialog.message.text()
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != ".ini") == ["x.h5"]
