"""Loading a user's model, data and loss: what works, and one clear sentence for everything that does not."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import numpy as np
import torch

from engine.torch_landscape import LandscapeError
from engine.torch_landscape.loading import Objective, check_fit, load_data, load_model
from tests.torch.conftest import MODELS


def test_factory_with_weights_loads_the_trained_parameters(digits):
    _, _, ckpts = digits
    model = load_model(f"{MODELS}:cnn", ckpts["cnn"][-1])
    saved = torch.load(ckpts["cnn"][-1], weights_only=True)
    for name, p in model.named_parameters():
        assert torch.equal(p, saved[name])


def test_exported_program_gives_the_same_outputs(digits, tmp_path):
    _, data_path, ckpts = digits
    model = load_model(f"{MODELS}:mlp", ckpts["mlp"][-1])
    X = load_data(data_path).X
    batch = torch.export.Dim("batch")
    torch.export.save(torch.export.export(model, (X[:4],), dynamic_shapes=({0: batch},)), tmp_path / "mlp.pt2")
    exported = load_model(str(tmp_path / "mlp.pt2"))
    with torch.no_grad():
        assert torch.allclose(exported(X[:50]), model(X[:50]))
    assert [n for n, _ in exported.named_parameters()]
    torch.export.save(torch.export.export(model, (X[:4],)), tmp_path / "static.pt2")
    with pytest.raises(LandscapeError, match="export it with a dynamic batch dimension"):
        check_fit(load_model(str(tmp_path / "static.pt2")), load_data(data_path), Objective("cross-entropy"))


@pytest.mark.parametrize("spec, weights, message", [
    ("{d}/missing.py:cnn", None, "does not exist"),
    ("{m}:nope", None, "has no function nope"),
    ("{m}:not_a_module", None, "not a torch.nn.Module"),
    ("model.onnx", None, "give a torch.export program"),
    ("{m}:cnn", "{mlp}", "is for another model"),
    ("{m}:cnn", "{d}/digits.npz", "not a PyTorch checkpoint"),
])
def test_bad_models_are_one_sentence(digits, spec, weights, message):
    folder, _, ckpts = digits
    fmt = dict(d=folder, m=MODELS, mlp=ckpts["mlp"][-1])
    with pytest.raises(LandscapeError, match=message) as info:
        load_model(spec.format(**fmt), weights.format(**fmt) if weights else None)
    assert "\n" not in str(info.value)


def test_data_that_does_not_fit_the_model(digits, tmp_path):
    np.savez(tmp_path / "wrong.npz", X=np.zeros((5, 10), np.float32), y=np.zeros(5, np.int64))
    model = load_model(f"{MODELS}:mlp")
    with pytest.raises(LandscapeError, match="does not fit the model"):
        check_fit(model, load_data(tmp_path / "wrong.npz"), Objective("cross-entropy"))
    np.savez(tmp_path / "labels.npz", X=np.zeros((5, 64), np.float32), y=np.array([0, 1, 2, 3, 12]))
    with pytest.raises(LandscapeError, match="labels run from 0 to 12 but the model has 10 outputs"):
        check_fit(model, load_data(tmp_path / "labels.npz"), Objective("cross-entropy"))
    np.savez(tmp_path / "short.npz", X=np.zeros((5, 64), np.float32), y=np.zeros(4))
    with pytest.raises(LandscapeError, match="one row per sample"):
        load_data(tmp_path / "short.npz")
    np.savez(tmp_path / "names.npz", inputs=np.zeros(3))
    with pytest.raises(LandscapeError, match="arrays named X and y"):
        load_data(tmp_path / "names.npz")
    with pytest.raises(LandscapeError, match="unknown loss"):
        Objective("hinge")


def test_pt_data_and_mse(tmp_path):
    torch.save({"X": torch.randn(6, 64), "y": torch.randn(6, 10)}, tmp_path / "d.pt")
    data = load_data(tmp_path / "d.pt")
    model = load_model(f"{MODELS}:mlp")
    obj = Objective("mse")
    y = check_fit(model, data, obj)
    with torch.no_grad():
        out = model(data.X)
    total, _ = obj.sum_and_correct(out, y)
    assert total / 6 == pytest.approx(float(torch.nn.functional.mse_loss(out, y)), rel=1e-5)
