"""`descent-lab landscape` end to end on the digits MLP, and its one-line errors."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import h5py
import numpy as np

from app.cli import main
from tests.torch.conftest import MODELS


def test_landscape_command_writes_a_surface(digits, tmp_path, capsys):
    _, data, ckpts = digits
    out = tmp_path / "s.h5"
    rc = main(["landscape", "--model", f"{MODELS}:mlp", "--weights", str(ckpts["mlp"][-1]), "--data", str(data),
               "--loss", "cross-entropy", "--plane", "params:0.weight[1,2],2.bias[3]", "--resolution", "5",
               "--range", "0.5", "--workers", "1", "-o", str(out)])
    assert rc == 0, capsys.readouterr().err
    assert "blocks computed" in capsys.readouterr().out
    with h5py.File(out, "r") as f:
        np.testing.assert_allclose(f["xcoordinates"][()], np.linspace(-0.5, 0.5, 5))
        assert f["train_loss"].shape == (5, 5) and np.all(np.isfinite(f["train_acc"][()]))
        # moving one bias by 0.5 barely changes the loss of a trained model: the surface is smooth and positive
        assert np.all(f["train_loss"][()] > 0)


def test_landscape_command_errors_are_one_line(digits, tmp_path, capsys):
    _, data, ckpts = digits
    base = ["landscape", "--data", str(data), "--workers", "1", "-o", str(tmp_path / "x.h5")]
    for extra, message in [(["--model", f"{MODELS}:cnn", "--weights", str(ckpts["mlp"][0])], "for another model"),
                           (["--model", f"{MODELS}:mlp", "--plane", "pca"], "at least 3 checkpoints"),
                           (["--model", f"{MODELS}:mlp", "--plane", "diagonal"], "unknown plane"),
                           (["--model", f"{MODELS}:mlp", "--loss", "hinge"], "unknown loss")]:
        assert main(base + extra) == 2
        err = capsys.readouterr().err
        assert message in err and err.count("\n") == 1, err
    assert not list(tmp_path.iterdir())


def test_our_file_opens_as_a_landscape(digits, tmp_path):
    from engine.torch_landscape.surface_file import read_surface, surface_function

    _, data, ckpts = digits
    out = tmp_path / "r.h5"
    assert main(["landscape", "--model", f"{MODELS}:mlp", "--weights", str(ckpts["mlp"][-1]), "--data", str(data),
                 "--resolution", "4", "--workers", "1", "-o", str(out)]) == 0
    s = read_surface(out)
    f = surface_function(s)
    X, Y = np.meshgrid(s.x, s.y)
    with h5py.File(out, "r") as h:
        np.testing.assert_allclose(f.value(X, Y), h["train_loss"][()])
