"""Fixtures for the model-landscape tests: digits data and a CNN and an MLP trained a few epochs (cached per session
in a temp folder). Every test module here starts with :func:`require_extra`, so without the optional extra they skip
with the reason (a skip in this conftest would stop the whole session)."""
import importlib.util
from pathlib import Path

import numpy as np
import pytest

MODELS = Path(__file__).with_name("digits_models.py")
EXTRA = ("torch", "h5py", "distributed", "sklearn")


def require_extra() -> None:
    """Skip the calling test module when a package of the optional extra is missing."""
    from app.model_landscape import missing_extra

    missing = missing_extra(EXTRA)
    if missing:
        pytest.skip(f"the optional extra is not installed ({', '.join(missing)} missing): pip install -e '.[torch]'",
                    allow_module_level=True)


def _train(factory, X, y, epochs, snapshots, folder: Path, name: str) -> list[Path]:
    import torch

    spec = importlib.util.spec_from_file_location("digits_models_fixture", MODELS)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    model = getattr(mod, factory)()
    opt = torch.optim.SGD(model.parameters(), lr=0.1, momentum=0.9)
    Xt, yt = torch.from_numpy(X), torch.from_numpy(y)
    gen = torch.Generator().manual_seed(1)
    paths = []
    for epoch in range(epochs):
        perm = torch.randperm(len(Xt), generator=gen)
        for i in range(0, len(Xt), 64):
            idx = perm[i:i + 64]
            opt.zero_grad()
            torch.nn.functional.cross_entropy(model(Xt[idx]), yt[idx]).backward()
            opt.step()
        if epoch + 1 in snapshots:
            p = folder / f"{name}-epoch{epoch + 1}.pt"
            torch.save(model.state_dict(), p)
            paths.append(p)
    return paths


@pytest.fixture(scope="session")
def digits(tmp_path_factory):
    """(folder, data.npz path, {"cnn": [checkpoints], "mlp": [checkpoints]})."""
    import torch
    from sklearn import datasets

    folder = tmp_path_factory.mktemp("digits")
    d = datasets.load_digits()
    X = (d.data / 16.0).astype(np.float32)
    y = d.target.astype(np.int64)
    np.savez(folder / "digits.npz", X=X, y=y)
    torch.set_num_threads(1)
    ckpts = {"cnn": _train("cnn", X, y, 3, {1, 2, 3}, folder, "cnn"),
             "mlp": _train("mlp", X, y, 4, {1, 2, 3, 4}, folder, "mlp")}
    return folder, folder / "digits.npz", ckpts
