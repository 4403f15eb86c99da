"""Scene documents: round trips, migrations, validation of broken and fuzzed files, atomic saving."""
from __future__ import annotations

import errno
import json
import math
import os
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from engine import functions, scene
from engine.scene import (FormulaLandscape, FunctionLandscape, Run, Scene, SceneError, View, dumps, load, loads,
                          save)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES_DIR = ROOT / "app" / "resources" / "scenes"  # read as files: the engine tests do not import app
EXAMPLES = sorted(EXAMPLES_DIR.glob("*.json"))
BAD = ROOT / "tests" / "data" / "scenes_bad"
EXPECTED_BAD = json.loads((BAD / "EXPECTED.json").read_text())


def _example(name: str) -> Scene:
    return load(EXAMPLES_DIR / f"{name}.json")


# ------------------------------------------------------------------------------------------------- round trips
def test_default_scene_is_himmelblau_in_its_catalogue_view():
    default = Scene.default()
    assert default.landscape == FunctionLandscape("himmelblau")
    assert (default.view.x, default.view.y) == functions.get("himmelblau").view
    assert loads(dumps(default)) == default


def test_dumps_writes_the_documented_keys_in_order_with_indent_2_and_a_trailing_newline():
    text = dumps(Scene.default())
    assert list(json.loads(text)) == ["format", "version", "landscape", "view", "resolution", "display",
                                      "optimizer", "runs", "playback"]
    assert text.endswith("}\n") and text.splitlines()[1] == '  "format": "descent-lab-scene",'


def test_floats_round_trip_exactly():
    lr, start = 0.1 + 0.2, (math.pi, -1e-300)
    original = Scene(FunctionLandscape("himmelblau"), View((-5.0, 5.0), (-5.0, 5.0)),
                     runs=(Run("gd", lr, start),))
    back = loads(dumps(original))
    assert back.runs[0].lr == lr and back.runs[0].start == start


def test_every_example_scene_exists():
    names = {p.stem for p in EXAMPLES}
    assert {"rosenbrock-six-optimizers", "himmelblau-four-basins", "diverging-learning-rate",
            "saddle-momentum-escapes", "network-slice"} <= names


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_example_loads_and_its_text_is_what_dumps_writes(path):
    text = path.read_text(encoding="utf-8")
    assert dumps(loads(text)) == text


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_save_load_save_gives_identical_text(path, tmp_path):
    first, second = tmp_path / "a.json", tmp_path / "b.json"
    save(load(path), first)
    save(load(first), second)
    assert first.read_bytes() == second.read_bytes() == path.read_bytes()


def test_rosenbrock_example_has_all_six_optimizers_from_one_start():
    runs = _example("rosenbrock-six-optimizers").runs
    assert sorted(r.optimizer for r in runs) == sorted(["gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"])
    assert len({r.start for r in runs}) == 1


def _final_points(s: Scene) -> np.ndarray:
    descent = pytest.importorskip("engine.descent")
    fn = functions.get(s.landscape.name)
    ends = []
    for run in s.runs:
        traj = descent.descend(fn, [run.start], run.optimizer, run.lr, run.steps, **run.hyper)
        ends.append((traj.points[traj.stopped_at[0], 0], traj.status[0]))
    return ends


def test_himmelblau_example_runs_end_in_the_four_different_minima():
    ends = _final_points(_example("himmelblau-four-basins"))
    minima = np.array([m[:2] for m in functions.get("himmelblau").minima])
    nearest = [int(np.argmin(np.linalg.norm(minima - p, axis=1))) for p, _ in ends]
    assert sorted(nearest) == [0, 1, 2, 3]
    assert all(np.linalg.norm(minima[i] - p) < 1e-3 for i, (p, _) in zip(nearest, ends))


def test_saddle_example_gd_stalls_and_momentum_escapes():
    s = _example("saddle-momentum-escapes")
    (gd_end, _), (momentum_end, _) = _final_points(s)
    assert [r.optimizer for r in s.runs] == ["gd", "momentum"]
    assert abs(gd_end[1]) < 0.1            # still on the ridge near the saddle point
    assert abs(momentum_end[1]) > 1.0      # left it along the downhill y direction


def test_diverging_example_has_a_diverging_and_a_converging_run():
    statuses = [status for _, status in _final_points(_example("diverging-learning-rate"))]
    assert "diverged" in statuses and statuses[0] != "diverged"


# -------------------------------------------------------------------------------------------------- migrations
V0 = """{"format": "descent-lab-scene", "version": 0, "function": "himmelblau",
         "view": {"x": [-4, 4], "y": [-3, 3]},
         "runs": [{"optimizer": "adam", "lr": 0.1, "start": [1, 1]}]}"""


def test_version_0_file_is_migrated_to_the_current_version():
    s = loads(V0)
    assert s == Scene(FunctionLandscape("himmelblau"), View((-4.0, 4.0), (-3.0, 3.0)),
                      runs=(Run("adam", 0.1, (1.0, 1.0), color=scene.PALETTE[0]),))
    assert json.loads(dumps(s))["version"] == scene.SCENE_VERSION == 2


def test_version_0_formula_is_migrated_and_migration_leaves_its_input_alone():
    data = json.loads(V0)
    data.pop("function")
    data["formula"] = "x**2 + 3*y**2"
    copy = json.loads(json.dumps(data))
    assert loads(json.dumps(data)).landscape == FormulaLandscape("x**2 + 3*y**2")
    scene.migrate(data)
    assert data == copy


@pytest.mark.parametrize("version, message", [
    (3, "made by a newer Descent Lab (version 3); this one reads up to 2"),
    (-1, "version: -1 is not a Descent Lab scene version"),
    ("1", "version: must be an integer, got a string"),
    (True, "version: must be an integer, got a boolean"),
])
def test_unsupported_versions_are_refused(version, message):
    data = json.loads(V0)
    data["version"] = version
    with pytest.raises(SceneError) as err:
        loads(json.dumps(data))
    assert str(err.value) == message


# -------------------------------------------------------------------------------------------------- validation
@pytest.mark.parametrize("name", sorted(EXPECTED_BAD))
def test_corpus_of_broken_files_is_refused_naming_the_problem(name):
    with pytest.raises(SceneError) as err:
        load(BAD / name)
    assert EXPECTED_BAD[name] in str(err.value)
    assert str(err.value).startswith(f"{name}: ")


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000, "nested too deeply"),
    ("{" * 100_000, None),
    ('{"format": "descent-lab-scene", "version": 1' + ' ' * 10, "truncated"),
    ("1" * 5000, None),                                   # more digits than Python converts
    ("\ufeff{}", None),                                   # a byte-order mark
    ("x" * (scene.MAX_FILE_BYTES + 1), "too large"),
])
def test_hostile_texts_raise_scene_error(text, message):
    with pytest.raises(SceneError, match=message):
        loads(text)


def test_oversized_file_is_refused_without_reading_it_all(tmp_path):
    path = tmp_path / "big.json"
    path.write_bytes(b" " * (scene.MAX_FILE_BYTES + 10))
    with pytest.raises(SceneError, match="too large"):
        load(path)


def test_missing_file_and_folder_give_scene_error(tmp_path):
    with pytest.raises(SceneError, match="no such file"):
        load(tmp_path / "nope.json")
    with pytest.raises(SceneError, match="cannot read"):
        load(tmp_path)


def test_defaults_fill_documented_optional_keys():
    s = loads('{"format": "descent-lab-scene", "version": 1, "landscape": {"kind": "function", '
              '"name": "himmelblau"}, "view": {"x": [-1, 1], "y": [-1, 1]}, '
              '"runs": [{"optimizer": "gd", "lr": 0.1, "start": [0, 0]}, {"optimizer": "gd", "lr": 0.1, '
              '"start": [0, 0]}]}')
    assert (s.resolution, s.display, s.optimizer, s.playback) == (300, scene.Display(), scene.OptimizerSettings(),
                                                                   scene.Playback())
    assert [r.color for r in s.runs] == ["#E69F00", "#56B4E9"]   # Okabe-Ito's colour-blind-safe palette, in order
    assert s.runs[0].steps == 500 and s.runs[0].hyper == {}


def test_hyper_parameter_ranges_come_from_the_optimizers():
    data = json.loads(dumps(_example("saddle-momentum-escapes")))
    data["runs"][1]["hyper"]["momentum"] = 1.0
    with pytest.raises(SceneError, match=r"runs\[1\]\.hyper\.momentum: .*momentum"):
        loads(json.dumps(data))


def test_network_layers_must_start_with_the_dataset_inputs():
    data = json.loads(dumps(_example("network-slice")))
    data["landscape"]["layers"][0] = 3
    with pytest.raises(SceneError, match=r"landscape\.layers\[0\]: must be 2"):
        loads(json.dumps(data))


def test_field_mode_uses_the_app_names_and_reads_the_old_gradient_spelling():
    data = json.loads(dumps(_example("himmelblau-four-basins")))
    data["display"]["field_mode"] = "ascent"
    assert loads(json.dumps(data)).display.field_mode == "ascent"
    data["display"]["field_mode"] = "gradient"   # an early spelling: read as "ascent", written as "ascent"
    assert json.loads(dumps(loads(json.dumps(data))))["display"]["field_mode"] == "ascent"
    data["display"]["field_mode"] = "uphill"
    with pytest.raises(SceneError, match=r"display\.field_mode: must be one of descent, ascent"):
        loads(json.dumps(data))


def test_dumps_refuses_a_scene_built_with_bad_values():
    bad = Scene(FunctionLandscape("himmelblau"), View((1.0, 0.0), (0.0, 1.0)))
    with pytest.raises(SceneError, match="view.x"):
        dumps(bad)


def test_schema_lists_agree_with_the_engine_modules():
    optimizers = pytest.importorskip("engine.optimizers")
    assert set(optimizers.OPTIMIZERS) == {"gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam"}
    datasets = pytest.importorskip("engine.nn.datasets")
    assert set(scene.DATASETS) == {*datasets.dataset_names(), *datasets.sklearn_names()}
    from engine.nn import sklearn_data
    for name, inputs in scene.DATASETS.items():
        if name in sklearn_data.NAMES and not sklearn_data.installed():
            continue  # an optional extra's set: listed, built only where scikit-learn is installed
        assert datasets.make_dataset(name, n=20).n_features == inputs
    activations = pytest.importorskip("engine.nn.activations")
    losses = pytest.importorskip("engine.nn.losses")
    assert set(scene.ACTIVATIONS) <= set(activations.ACTIVATIONS) and set(scene.LOSSES) <= set(losses.LOSSES)
    slices = pytest.importorskip("engine.nn.slices")
    assert set(scene.SLICE_METHODS) == set(slices.METHODS)


# ----------------------------------------------------------------------------------------------------- fuzzing
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-10**400, 10**400) | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=10)
VALID = [json.loads(p.read_text()) for p in EXAMPLES]


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, prefix + (key,))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, prefix + (index,))


@st.composite
def mutated_scenes(draw):
    data = json.loads(json.dumps(draw(st.sampled_from(VALID))))
    for _ in range(draw(st.integers(1, 3))):
        paths = [p for p in _paths(data) if p]
        if not paths:
            break
        *head, last = draw(st.sampled_from(paths))
        parent = data
        for key in head:
            parent = parent[key]
        action = draw(st.sampled_from(["replace", "delete", "add"]))
        if action == "replace":
            parent[last] = draw(JSON_VALUES)
        elif action == "delete":
            del parent[last]
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(JSON_VALUES)
        else:
            parent.append(draw(JSON_VALUES))
    return data


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_scenes())
def test_mutated_scenes_load_or_raise_scene_error_only(data):
    try:
        text = json.dumps(data)
    except ValueError:  # integers too long for json to write
        return
    try:
        result = loads(text)
    except SceneError:
        return
    assert loads(dumps(result)) == result   # whatever is accepted can be written and read back


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_raise_scene_error_only(raw):
    with pytest.raises(SceneError):
        loads(raw)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([p.read_bytes() for p in EXAMPLES]), st.data())
def test_truncated_or_corrupted_examples_raise_scene_error_only(raw, data):
    cut = data.draw(st.integers(0, len(raw) - 2))
    flip = data.draw(st.integers(0, len(raw) - 1))
    corrupted = raw[:flip] + bytes([raw[flip] ^ data.draw(st.integers(1, 255))]) + raw[flip + 1:]
    with pytest.raises(SceneError):
        loads(raw[:cut])
    try:
        loads(corrupted)
    except SceneError:
        pass


# ------------------------------------------------------------------------------------------------ atomic saving
def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_failing_rename_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "scene.json"
    save(Scene.default(), path)
    before = path.read_bytes()

    def full_disk(*args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(scene.io.os, "replace", full_disk)
    with pytest.raises(SceneError, match="no space left on device"):
        save(_example("himmelblau-four-basins"), path)
    assert path.read_bytes() == before and _leftovers(tmp_path) == []


def test_failing_write_keeps_the_previous_file_and_leaves_no_temporary(tmp_path, monkeypatch):
    path = tmp_path / "scene.json"
    save(Scene.default(), path)
    before = path.read_bytes()

    def broken_fsync(fd):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(scene.io.os, "fsync", broken_fsync)
    with pytest.raises(SceneError, match="input/output error"):
        save(_example("himmelblau-four-basins"), path)
    assert path.read_bytes() == before and _leftovers(tmp_path) == []


def test_interrupted_save_leaves_no_temporary(tmp_path, monkeypatch):
    def interrupt(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(scene.io.os, "replace", interrupt)
    with pytest.raises(KeyboardInterrupt):
        save(Scene.default(), tmp_path / "s.json")
    assert list(tmp_path.iterdir()) == []


def test_save_into_unwritable_places_gives_scene_error_and_leaves_nothing(tmp_path, monkeypatch):
    # Tests run as root, for whom chmod 555 does not stop writes: use a "folder" that is a regular file, a folder
    # that does not exist, and an os.open that refuses like a read-only folder would.
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SceneError, match=r"cannot write .*not a directory"):
        save(Scene.default(), blocker / "s.json")
    with pytest.raises(SceneError, match="no such file or directory"):
        save(Scene.default(), tmp_path / "a" / "b" / "s.json")

    def refuse(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES))

    monkeypatch.setattr(scene.io.os, "open", refuse)
    with pytest.raises(SceneError, match="permission denied"):
        save(Scene.default(), tmp_path / "s.json")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_version_1_weight_names_are_rewritten_to_the_out_in_convention():
    """Version 1 named W1[i,j] with i the input unit; version 2 stores W (out, in), so the same weight is W1[j,i]."""
    v1 = {"format": "descent-lab-scene", "version": 1,
          "landscape": {"kind": "network", "dataset": {"name": "moons", "n": 64, "noise": 0.1, "seed": 0},
                        "layers": [2, 4, 1], "activation": "tanh", "loss": "bce",
                        "slice": {"method": "params", "seed": 0, "centre": "init",
                                  "options": {"param_a": "W1[0,3]", "param_b": "b2[0]"}}},
          "view": {"x": [-1, 1], "y": [-1, 1]}}
    copy = json.loads(json.dumps(v1))
    s = loads(json.dumps(v1))
    assert s.landscape.slice.options == {"param_a": "W1[3,0]", "param_b": "b2[0]"}
    assert v1 == copy
    assert loads(dumps(s)).landscape.slice.options["param_a"] == "W1[3,0]"     # version 2 is read as written
