"""A network build tells how far the centre's training is (every 5 %), and its centre scores on the training and
held-out points are the model's own loss and accuracy there."""
import pytest

from app.model.landscapes import build_network, clear_network_cache
from engine import nn
from engine import scene as scene_mod

SPEC = {"kind": "network", "dataset": {"name": "moons", "n": 80, "noise": 0.1, "seed": 0, "test_fraction": 0.25},
        "layers": [2, 4, 1], "activation": "tanh", "loss": "bce",
        "training": {"optimizer": "adam", "lr": 0.02, "steps": 400, "batch_size": 0},
        "slice": {"method": "random", "seed": 0, "centre": "trained", "options": {}}}


def test_progress_and_scores():
    clear_network_cache()
    said = []
    build = build_network(scene_mod.landscape_from_dict(SPEC), progress=said.append)
    steps = [text for text in said if "of 400 steps" in text]
    assert steps[0].startswith("training the network: 0 of 400") and "400 of 400" in steps[-1]
    assert 15 <= len(steps) <= 21                          # every 5 %, not every step
    for key, data in (("train", build.dataset), ("test", build.test)):
        loss, acc = build.scores[key]
        assert loss == pytest.approx(build.model.loss(build.params, data.X, data.y), rel=1e-12)
        assert acc == nn.accuracy(build.model, build.params, data.X, data.y)
    assert (len(build.dataset), len(build.test)) == (60, 20)
