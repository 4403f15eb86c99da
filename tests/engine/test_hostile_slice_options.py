"""Network slice options are validated with the rest of the scene (issue 18 item 10): a bad option is one line
naming its path, and `open` refuses the file instead of starting a window."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from engine.scene import SceneError, loads

ROOT = Path(__file__).resolve().parents[2]
NETWORK = json.loads((ROOT / "app" / "resources" / "scenes" / "network-slice.json").read_text())   # layers [2, 8, 8, 1]


def _scene(method: str, options: dict) -> str:
    data = copy.deepcopy(NETWORK)
    data["landscape"]["slice"] = {"method": method, "seed": 0, "centre": "trained", "options": options}
    return json.dumps(data)


BAD = [  # (method, options, words the message must contain)
    ("random", {"normalization": 7}, "normalization"),
    ("random", {"normalization": "l2"}, "normalization"),
    ("random", {"orthogonalize": "yes"}, "orthogonalize"),
    ("params", {"param_a": 5}, "param_a"),
    ("params", {"param_a": "W9[0,0]"}, "W9[0,0]"),
    ("params", {"param_a": "W1[0,5]"}, "W1[0,5]"),          # W1 of a 2-8-8-1 net is 8 × 2 (out, in)
    ("params", {"param_a": "b3[0]", "param_b": "b3[0]"}, "different"),
    ("params", {"param_a": "b3[0]"}, "different"),           # param_b defaults to b3[0]
    ("random", {"bogus": 1}, "bogus"),
    ("hessian", {"normalization": "filter"}, "normalization"),
    ("pca", {"lr": 0}, "lr"),
    ("pca", {"lr": -1}, "lr"),
    ("pca", {"steps": 5.5}, "steps"),
    ("pca", {"steps": 10**9}, "steps"),
    ("pca", {"optimizer": "nope"}, "optimizer"),
    ("pca", {"optimizer": "gd", "beta1": 0.5}, "beta1"),
    ("pca", {"optimizer": "adam", "beta1": 1.5}, "beta1"),
    ("pca", {"trajectory": "x"}, "trajectory"),
]


@pytest.mark.parametrize("method, options, words", BAD, ids=[f"{m}-{json.dumps(o)}" for m, o, _ in BAD])
def test_bad_slice_option_is_refused_with_its_path(method, options, words):
    with pytest.raises(SceneError) as caught:
        loads(_scene(method, options))
    message = str(caught.value)
    assert "landscape.slice.options" in message and words in message and "\n" not in message, message


GOOD = [("random", {"normalization": "none", "orthogonalize": True, "ignore_biases": False}),
        ("params", {"param_a": "W1[7,1]", "param_b": "b2[3]"}), ("params", {}), ("hessian", {}),
        ("pca", {"optimizer": "momentum", "lr": 0.05, "steps": 50, "momentum": 0.9}), ("pca", {})]


@pytest.mark.parametrize("method, options", GOOD, ids=[f"{m}-{json.dumps(o)}" for m, o in GOOD])
def test_good_slice_options_load_and_build(method, options):
    """Accepted options are ones the slice builder accepts too (built on a small dataset)."""
    from engine import nn
    scene = loads(_scene(method, options))
    sl = scene.landscape.slice
    assert sl.options == options
    model = nn.MLP(list(scene.landscape.layers), activation="tanh", loss="bce", seed=0)
    data = nn.make_dataset("moons", n=16, noise=0.1)
    plane = nn.slice_plane(model, model.init_params(), data.X, data.y, method=method, seed=0, **sl.options)
    assert plane.method == method


def test_open_refuses_a_bad_slice_option_before_a_window(tmp_path, capsys, monkeypatch):
    import app.__main__
    from app.cli import main
    started = []
    monkeypatch.setattr(app.__main__, "run_gui", lambda argv: started.append(argv) or 0)
    path = tmp_path / "bad.json"
    path.write_text(_scene("random", {"normalization": 7}))
    assert main(["open", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "normalization" in err and started == []
