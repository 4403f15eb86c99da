"""Data as ``module.py:factory`` returning a ``torch.utils.data.Dataset`` (issue 17): read into the same tensors as the
``.npz`` it serves, the same surface from the CLI, and one sentence for every kind of wrong factory."""
import re

import pytest

from tests.torch.conftest import require_extra

require_extra()

import h5py
import numpy as np
import torch

from app.cli import main
from engine.torch_landscape import LandscapeError
from engine.torch_landscape.loading import load_data
from tests.torch.conftest import MODELS

USER_DATA = '''
import numpy as np
import torch
from torch.utils.data import Dataset, IterableDataset


class Digits(Dataset):
    """One (image, label) per item, as NumPy values: the DataLoader's collation makes tensors of them."""

    def __init__(self):
        with np.load({path!r}) as f:
            self.X, self.y = f["X"], f["y"]

    def __len__(self):
        return len(self.X)

    def __getitem__(self, i):
        return self.X[i], int(self.y[i])


class Stream(IterableDataset):
    def __iter__(self):
        d = Digits()
        return iter((torch.from_numpy(d.X[i]), int(d.y[i])) for i in range(len(d.X)))


def digits():
    return Digits()


def stream():
    return Stream()


def a_list():
    return [1, 2, 3]


def singles():
    return torch.utils.data.TensorDataset(torch.zeros(4, 3))


def broken():
    raise OSError("no such folder: /data/imagenet")
'''


@pytest.fixture
def user_data(digits, tmp_path):
    _, data, _ = digits
    module = tmp_path / "user_data.py"
    module.write_text(USER_DATA.format(path=str(data)))
    return module


@pytest.mark.parametrize("factory", ["digits", "stream"])
def test_a_dataset_gives_the_tensors_of_the_npz_it_reads(digits, user_data, factory):
    _, data, _ = digits
    with np.load(data) as f:
        X, y = f["X"], f["y"]
    loaded = load_data(f"{user_data}:{factory}")
    assert loaded.X.dtype == torch.float32 and loaded.X.shape == X.shape == (1797, 64)
    np.testing.assert_array_equal(loaded.X.numpy(), X)
    np.testing.assert_array_equal(loaded.y.numpy(), y)


@pytest.mark.parametrize("factory, message", [
    ("a_list", "returned list, not a torch.utils.data.Dataset"),
    ("singles", "must be (input, target) pairs"),
    ("broken", "OSError: no such folder"),
    ("missing", "has no function missing"),
])
def test_wrong_factories_are_one_sentence(user_data, factory, message):
    with pytest.raises(LandscapeError, match=re.escape(message)) as info:
        load_data(f"{user_data}:{factory}")
    assert "\n" not in str(info.value)


def test_the_cli_gives_the_same_surface_from_a_dataset_as_from_the_npz(digits, user_data, tmp_path, capsys):
    _, data, ckpts = digits
    surfaces = []
    for source, out in ((str(data), tmp_path / "npz.h5"), (f"{user_data}:digits", tmp_path / "dataset.h5")):
        rc = main(["landscape", "--model", f"{MODELS}:mlp", "--weights", str(ckpts["mlp"][-1]), "--data", source,
                   "--plane", "random", "--resolution", "4", "--range", "0.5", "--workers", "1", "-o", str(out)])
        assert rc == 0, capsys.readouterr().err
        with h5py.File(out, "r") as f:
            surfaces.append((f["train_loss"][()], f["train_acc"][()]))
    np.testing.assert_array_equal(surfaces[0][0], surfaces[1][0])
    np.testing.assert_array_equal(surfaces[0][1], surfaces[1][1])
    assert np.all(np.isfinite(surfaces[1][0]))
