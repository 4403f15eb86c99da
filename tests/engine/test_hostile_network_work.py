"""Network scenes inside every schema limit but hours of work are refused when read (issue 18 item 4), naming the
setting to lower; the shipped examples and lesson-sized networks still load."""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from engine.scene import SceneError, load, loads
from engine.scene.landscapes import MAX_NETWORK_WORK, network_parameters, network_work

ROOT = Path(__file__).resolve().parents[2]
NETWORK = json.loads((ROOT / "app" / "resources" / "scenes" / "network-slice.json").read_text())


def _scene(layers, n, resolution, runs=(), slice_=None) -> str:
    data = copy.deepcopy(NETWORK)
    data["landscape"]["layers"], data["landscape"]["dataset"]["n"], data["resolution"] = layers, n, resolution
    if slice_ is not None:
        data["landscape"]["slice"] = slice_
    data["runs"] = [{"optimizer": "gd", "lr": 0.1, "start": [0.1, 0.2], "steps": s} for s in runs]
    return json.dumps(data)


def test_the_issues_scene_is_refused_naming_the_resolution():
    text = _scene([2] + [64] * 8 + [1], 10_000, 2000)
    assert len(text) < 2000   # a small file within every schema limit
    with pytest.raises(SceneError) as caught:
        loads(text)
    message = str(caught.value)
    assert "\n" not in message and "resolution (2,000)" in message and "1.2e+15" in message


@pytest.mark.parametrize("layers, n, resolution, runs, words", [
    ([2, 64, 64, 64, 64, 1], 200, 100, (), "layer sizes"),
    ([2, 8, 8, 1], 10_000, 400, (), "dataset.n"),
    ([2, 8, 8, 1], 400, 2000, (), "resolution"),
    ([2, 16, 16, 1], 10_000, 16, [100_000] * 100, "steps"),
    ([2, 8, 1], 10_000, 2000, (), "resolution"),
])
def test_refusal_names_the_setting_furthest_above_a_lesson(layers, n, resolution, runs, words):
    with pytest.raises(SceneError) as caught:
        loads(_scene(layers, n, resolution, runs))
    assert words in str(caught.value)


@pytest.mark.parametrize("layers, n, resolution", [([2, 8, 8, 1], 200, 300), ([2, 16, 16, 1], 512, 101),
                                                   ([2, 32, 32, 1], 500, 120)])
def test_lesson_sized_networks_load(layers, n, resolution):
    loads(_scene(layers, n, resolution, runs=[500, 500]))


def test_examples_load():
    for path in sorted((ROOT / "app" / "resources" / "scenes").glob("*.json")):
        load(path)


def test_parameter_count_matches_the_network_and_work_is_counted_by_hand():
    from engine import nn
    for layers in ([2, 8, 8, 1], [2, 64, 64, 1], [1, 3, 2]):
        assert network_parameters(tuple(layers)) == nn.MLP(list(layers), seed=0).n_params
    scene = loads(_scene([2, 8, 8, 1], 200, 120, runs=[500]))
    work, _ = network_work(scene.landscape, scene.resolution, [500])
    # 105 parameters (2·8+8 + 8·8+8 + 8·1+1); per sample 120² grid points + 3 × (500 run + 200 training) steps
    assert work == 200 * 105 * (120 ** 2 + 3 * 700) and work < MAX_NETWORK_WORK
