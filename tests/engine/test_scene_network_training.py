"""The scene keys of training as it is done and of a user's data: optional (old scenes read as before), checked, and
written back as read; the total-work bound counts the centre's training."""
import json

import pytest

from engine.scene import SceneError, landscape_from_dict, loads, dumps
from engine.scene.landscapes import MAX_NETWORK_WORK, check_network_work, network_work

OLD = {"kind": "network", "dataset": {"name": "moons", "n": 64, "noise": 0.1, "seed": 0}, "layers": [2, 4, 1],
       "activation": "tanh", "loss": "bce", "slice": {"method": "random", "seed": 0, "centre": "trained",
                                                      "options": {}}}
NEW = {"kind": "network",
       "dataset": {"name": "moons", "n": 64, "noise": 0.1, "seed": 0, "test_fraction": 0.25},
       "layers": [2, 4, 1], "activation": "tanh", "loss": "bce",
       "slice": {"method": "random", "seed": 0, "centre": "trained", "options": {}, "batch_size": 8},
       "l2": 0.01, "training": {"optimizer": "momentum", "lr": 0.05, "steps": 500, "batch_size": 16}}
CSV = {"kind": "network", "dataset": {"name": "csv", "n": 10, "noise": 0.1, "seed": 0, "file": "mine.csv",
                                      "points": [[0.1 * i, -0.2 * i, i % 2] for i in range(6)]},
       "layers": [2, 3, 1], "activation": "tanh", "loss": "bce",
       "slice": {"method": "random", "seed": 0, "centre": "init", "options": {}}}


def test_old_network_scenes_read_with_the_old_training_and_write_back_unchanged():
    land = landscape_from_dict(json.loads(json.dumps(OLD)))
    assert (land.training.optimizer, land.training.lr, land.training.steps, land.training.batch_size) == \
        ("adam", 0.01, 200, 0)
    assert land.l2 == 0 and land.slice.batch_size == 0 and land.dataset.test_fraction == 0
    assert land.to_dict() == OLD


def test_new_keys_round_trip():
    land = landscape_from_dict(json.loads(json.dumps(NEW)))
    assert land.to_dict() == NEW
    assert land.training.optimizer == "momentum" and land.slice.batch_size == 8 and land.l2 == 0.01


def test_csv_points_round_trip_and_set_the_size():
    land = landscape_from_dict(json.loads(json.dumps(CSV)))
    assert land.dataset.n == 6 and land.dataset.file == "mine.csv"
    assert land.to_dict()["dataset"]["points"] == CSV["dataset"]["points"]


@pytest.mark.parametrize("path, value, where", [
    (("l2",), -1, "landscape.l2: must be between 0 and 10"),
    (("l2",), "big", "landscape.l2: must be a number"),
    (("training", "steps"), 0, "landscape.training.steps: must be between 1 and 100000"),
    (("training", "optimizer"), "sgd9", "landscape.training.optimizer: must be one of"),
    (("training", "lr"), 0, "landscape.training.lr: must be a positive"),
    (("training", "batch_size"), -2, "landscape.training.batch_size: must be between 0 and 10000"),
    (("training", "epochs"), 3, "landscape.training"),
    (("slice", "batch_size"), 1.5, "landscape.slice.batch_size: must be an integer"),
    (("dataset", "test_fraction"), 0.95, "landscape.dataset.test_fraction: must be between 0 and 0.9"),
])
def test_bad_values_are_refused_with_their_place(path, value, where):
    data = json.loads(json.dumps(NEW))
    target = data
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(SceneError) as err:
        landscape_from_dict(data)
    assert str(err.value).startswith(where)


@pytest.mark.parametrize("points, words", [
    ([[0, 0, 0]] * 6, "a single class"),
    ([[0, 0, 0], [1, 1, 2]] * 3, "without gaps"),
    ([[0, 0, 0], [1, 1]] * 3, "points[1]: must be a row"),
    ([[0, 0, 0]] * 2, "4 to 10000 rows"),
    ([[0, 0, 0], [1, 1, 1.5]] * 3, "points[1][2]: must be an integer"),
])
def test_bad_csv_points_are_refused(points, words):
    data = json.loads(json.dumps(CSV))
    data["dataset"]["points"] = points
    with pytest.raises(SceneError, match=r"landscape\.dataset\.points"):
        landscape_from_dict(data)
    with pytest.raises(SceneError) as err:
        landscape_from_dict(data)
    assert words in str(err.value)


def test_work_counts_the_centre_training_and_mini_batches():
    base = landscape_from_dict(OLD)
    long = landscape_from_dict(dict(OLD, training={"steps": 5000}))
    params = 2 * 4 + 4 + 4 + 1
    # by hand: 64 samples × 17 parameters × (120² grid + 3 forward-pass equivalents per full-batch step)
    assert network_work(base, 120)[0] == 64 * params * (120 ** 2 + 3 * 200)
    assert network_work(long, 120)[0] == 64 * params * (120 ** 2 + 3 * 5000)
    mini = landscape_from_dict(dict(OLD, training={"steps": 5000, "batch_size": 8}))
    assert network_work(mini, 120)[0] == params * (64 * 120 ** 2 + 5000 * (3 * 8 + 64))
    big = landscape_from_dict(dict(OLD, dataset=dict(OLD["dataset"], n=500), layers=[2, 64, 64, 1],
                                   training={"steps": 100_000}))
    assert network_work(big, 64)[0] > MAX_NETWORK_WORK
    with pytest.raises(SceneError, match="lower the steps of the runs and the training"):
        check_network_work(big, 64)


def test_a_scene_file_with_csv_points_and_training_round_trips():
    from engine.scene import Scene, View
    land = landscape_from_dict(json.loads(json.dumps(dict(CSV, l2=0.5, training=NEW["training"]))))
    scene = Scene(land, View((-1.0, 1.0), (-1.0, 1.0)))
    again = loads(dumps(scene))
    assert again.landscape == land and again.landscape.dataset.points[3] == (0.30000000000000004, -0.6000000000000001, 1)
