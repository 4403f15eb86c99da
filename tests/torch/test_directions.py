"""The planes: Li et al.'s filter normalisation checked against a direct NumPy transcription of their formula, the
PCA plane against the checkpoints it came from, named parameters and the interpolation line against hand-set
parameters."""
import pytest

from tests.torch.conftest import require_extra

require_extra()

import numpy as np
import torch

from engine.torch_landscape import LandscapeError
from engine.torch_landscape import directions as dirs
from engine.torch_landscape.evaluate import Evaluator
from engine.torch_landscape.loading import Objective, check_fit, load_data, load_model, load_state_dict
from tests.torch.conftest import MODELS


def li_filter_normalised(d: np.ndarray, w: np.ndarray, zero_1d: bool) -> np.ndarray:
    """Li et al. (2018), eq. in section 4: d_{i,j} <- d_{i,j} / ||d_{i,j}|| * ||theta_{i,j}|| per filter j (first
    axis); their code zeroes 1D parameters with ignore='biasbn' and copies the weights otherwise."""
    if d.ndim <= 1:
        return np.zeros_like(d) if zero_1d else w.copy()
    out = np.empty_like(d)
    for j in range(d.shape[0]):
        out[j] = d[j] / (np.sqrt(np.sum(d[j] ** 2)) + 1e-10) * np.sqrt(np.sum(w[j] ** 2))
    return out


@pytest.mark.parametrize("zero_1d", [True, False])
def test_filter_normalisation_is_li_et_al(digits, zero_1d):
    _, _, ckpts = digits
    model = torch.nn.Sequential(torch.nn.Conv2d(1, 4, 3), torch.nn.BatchNorm2d(4), torch.nn.Flatten(),
                                torch.nn.Linear(4 * 36, 3))
    names, weights = dirs.parameters(model)
    raw = [torch.randn(w.shape, generator=torch.Generator().manual_seed(i), dtype=torch.float64)
           for i, w in enumerate(weights)]
    got = dirs.filter_normalize(raw, [w.double() for w in weights], zero_1d)
    for d, w, g, name in zip(raw, weights, got, names):
        expected = li_filter_normalised(d.numpy(), w.double().detach().numpy(), zero_1d)
        np.testing.assert_allclose(g.numpy(), expected, rtol=1e-12, atol=1e-15, err_msg=name)
    # the property itself: every filter of a 2D+ parameter has the weight's filter norm
    conv_d, conv_w = got[0], weights[0].double()
    assert torch.allclose(conv_d.flatten(1).norm(dim=1), conv_w.flatten(1).norm(dim=1))


def test_random_plane_is_reproducible_and_filter_normalised(digits):
    _, _, ckpts = digits
    model = load_model(f"{MODELS}:cnn", ckpts["cnn"][-1])
    a, b = dirs.random_plane(model, seed=3), dirs.random_plane(model, seed=3)
    assert np.array_equal(a.flat("dx"), b.flat("dx")) and not np.array_equal(a.flat("dx"), a.flat("dy"))
    for d, w in zip(a.dx, a.origin):
        if w.dim() > 1:
            assert torch.allclose(d.flatten(1).norm(dim=1), w.flatten(1).norm(dim=1), rtol=1e-5)
        else:
            assert not d.any()


def test_pca_plane_contains_the_path(digits):
    _, _, ckpts = digits
    paths = ckpts["mlp"][-3:]  # three checkpoints span exactly a plane through the last one
    model = load_model(f"{MODELS}:mlp", paths[-1])
    states = [load_state_dict(p) for p in paths]
    plane = dirs.pca_plane(model, states, [str(p) for p in paths])
    u, v = plane.flat("dx"), plane.flat("dy")
    assert abs(u @ v) < 1e-6 and abs(u @ u - 1) < 1e-6  # stored as float32
    assert np.allclose(plane.path[-1], 0)  # the centre is the last checkpoint
    final = plane.flat("origin")
    for state, (x, y) in zip(states, plane.path):
        theta = np.concatenate([state[n].reshape(-1).double().numpy() for n in plane.names])
        np.testing.assert_allclose(x * u + y * v, theta - final, atol=1e-5 * np.linalg.norm(theta - final) + 1e-7)
    lo, hi = plane.x_range
    assert lo <= plane.path[:, 0].min() and plane.path[:, 0].max() <= hi
    with pytest.raises(LandscapeError, match="at least 3 checkpoints"):
        dirs.pca_plane(model, states[:2], ["a", "b"])


def test_params_plane_moves_two_entries(digits):
    _, data_path, ckpts = digits
    model = load_model(f"{MODELS}:mlp", ckpts["mlp"][-1])
    plane = dirs.params_plane(model, "0.weight[2,5],2.bias[1]", span=0.5)
    data = load_data(data_path)
    obj = Objective("cross-entropy")
    ev = Evaluator(model, data, obj, check_fit(model, data, obj), plane)
    loss, _ = ev.at(0.25, -0.5)
    # by hand: a copy of the model with the two entries shifted
    manual = load_model(f"{MODELS}:mlp", ckpts["mlp"][-1])
    with torch.no_grad():
        manual[0].weight[2, 5] += 0.25
        manual[2].bias[1] -= 0.5
        expected = torch.nn.functional.cross_entropy(manual(data.X), data.y.long())
    assert loss == pytest.approx(float(expected), rel=1e-5)
    for bad, msg in [("0.weight[2,5]", "name two"), ("fc.weight[0,0],2.bias[1]", "no parameter fc.weight"),
                     ("0.weight[40,0],2.bias[1]", "outside 0.weight")]:
        with pytest.raises(LandscapeError, match=msg):
            dirs.params_plane(model, bad)


def test_interpolation_line_ends_at_both_checkpoints(digits):
    _, data_path, ckpts = digits
    a, b = ckpts["mlp"][0], ckpts["mlp"][-1]
    model = load_model(f"{MODELS}:mlp", b)
    plane = dirs.interpolation_line(model, load_state_dict(a), load_state_dict(b), (str(a), str(b)))
    data = load_data(data_path)
    obj = Objective("cross-entropy")
    ev = Evaluator(model, data, obj, check_fit(model, data, obj), plane)
    for x, ckpt in ((0.0, a), (1.0, b)):
        direct = load_model(f"{MODELS}:mlp", ckpt)
        with torch.no_grad():
            out = direct(data.X)
        loss, acc = ev.at(x)
        assert loss == pytest.approx(float(torch.nn.functional.cross_entropy(out, data.y.long())), rel=1e-5)
        assert acc == pytest.approx(100 * float((out.argmax(1) == data.y).double().mean()), abs=1e-9)
    with pytest.raises(LandscapeError, match="for another model"):
        dirs.interpolation_line(model, load_state_dict(ckpts["cnn"][0]), load_state_dict(b), ("c", "b"))
