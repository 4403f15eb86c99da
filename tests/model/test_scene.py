"""Model ⇄ scene, without Qt: round trips give identical JSON, a refused scene leaves the model alone, examples all
apply."""
from __future__ import annotations

import dataclasses
import json

import numpy as np
import pytest

from app.model import AppState, OptimizerSettings, default_scene
from app.resources import example_scenes
from engine import descent, functions
from engine import scene as scene_mod
from engine.scene import FormulaLandscape, Run, Scene, SceneError, View

EXAMPLES = example_scenes()


@pytest.fixture
def state():
    return AppState()


def _busy_state(state: AppState) -> AppState:
    """A state the user built by hand: another landscape, display, optimizer settings and three runs."""
    state.set_landscape(functions.get("rosenbrock"))
    state.set_view(((-2.0, 2.0), (-1.0, 3.0)))
    state.set_resolution(200)
    state.set_display(colormap="magma", contours=10, field_mode="ascent", field_density=15, show_minima=False)
    state.set_optimizer(name="momentum", lr=0.001, hyper={"momentum": 0.8}, steps=300)
    state.add_run((-1.5, 2.0))
    state.add_run_with(OptimizerSettings("adam", 0.05, {"beta1": 0.85}, 400), (1.25, -0.5), "#123abc")
    state.add_run_with(OptimizerSettings("gd", 0.0005, {}, 200), (0.1, 0.2))
    state.set_frame(37)
    return state


def test_round_trip_state_scene_file_state_scene_file_gives_identical_json(state, tmp_path):
    _busy_state(state)
    first = tmp_path / "first.json"
    scene_mod.save(state.to_scene(), first)
    other = AppState()
    other.apply_scene(scene_mod.load(first))
    second = tmp_path / "second.json"
    scene_mod.save(other.to_scene(), second)
    assert first.read_bytes() == second.read_bytes()
    data = json.loads(first.read_text())
    assert data["landscape"] == {"kind": "function", "name": "rosenbrock"}
    assert data["display"]["field_mode"] == "ascent" and data["playback"]["frame"] == 37
    assert [r["start"] for r in data["runs"]] == [[-1.5, 2.0], [1.25, -0.5], [0.1, 0.2]]
    assert data["runs"][1] == {"optimizer": "adam", "lr": 0.05, "hyper": {"beta1": 0.85}, "start": [1.25, -0.5],
                               "steps": 400, "color": "#123abc"}
    assert other.frame == 37 and other.display == state.display and other.optimizer == state.optimizer


def test_applied_runs_have_the_engines_trajectories(state):
    _busy_state(state)
    other = AppState()
    other.apply_scene(state.to_scene())
    assert len(other.runs) == 3
    for run in other.runs:
        s = run.settings
        truth = descent.descend(functions.get("rosenbrock"), np.array([run.start]), optimizer=s.name, lr=s.lr,
                                steps=s.steps, **s.hyper)
        np.testing.assert_array_equal(run.trajectory.points, truth.points)
        np.testing.assert_array_equal(run.trajectory.values, truth.values)


def test_formula_scene_round_trips(state):
    scene = Scene(FormulaLandscape("x^2 + 3*y^2"), View((-2.0, 2.0), (-1.0, 1.0)),
                  runs=(Run("gd", 0.1, (1.5, 0.5), steps=50),))
    state.apply_scene(scene)
    assert state.landscape_source == {"kind": "formula", "text": "x^2 + 3*y^2"}
    assert state.view == ((-2.0, 2.0), (-1.0, 1.0))
    assert float(state.function.value(np.float64(1.0), np.float64(1.0))) == 4.0
    assert scene_mod.dumps(state.to_scene()) == scene_mod.dumps(scene)


def _snapshot(state: AppState):
    return (state.function, state.landscape_source, state.view, state.resolution, state.display, state.optimizer,
            [(r.id, r.start, r.settings, r.color) for r in state.runs], state.frame)


BROKEN = {
    "nan learning rate": lambda s: dataclasses.replace(s, runs=(dataclasses.replace(s.runs[0], lr=float("nan")),)),
    "unknown function": lambda s: dataclasses.replace(s, landscape=scene_mod.FunctionLandscape("no-such-thing")),
    "hostile formula": lambda s: dataclasses.replace(s, landscape=FormulaLandscape("__import__('os').system('x')")),
    "absurd resolution": lambda s: dataclasses.replace(s, resolution=1_000_000),
    "empty view": lambda s: dataclasses.replace(s, view=View((1.0, 1.0), (0.0, 1.0))),
    "bad colour map": lambda s: dataclasses.replace(s, display=dataclasses.replace(s.display, colormap="jet")),
    "unknown optimizer": lambda s: dataclasses.replace(s, runs=(dataclasses.replace(s.runs[0], optimizer="sgd2"),)),
    "bad slice option": lambda s: dataclasses.replace(
        scene_mod.load(EXAMPLES[[p.stem for p in EXAMPLES].index("network-slice")]),
        landscape=dataclasses.replace(scene_mod.load(EXAMPLES[[p.stem for p in EXAMPLES].index("network-slice")])
                                      .landscape, slice=scene_mod.SliceSpec(options={"bogus": 1}))),
}


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_applying_a_broken_scene_raises_scene_error_and_leaves_the_state_unchanged(state, name):
    _busy_state(state)
    before = _snapshot(state)
    base = scene_mod.load(EXAMPLES[0])
    heard = []
    state.landscapeChanged.connect(lambda: heard.append("landscape"))
    state.runsChanged.connect(lambda: heard.append("runs"))
    with pytest.raises(SceneError):
        state.apply_scene(BROKEN[name](base))
    assert heard == []
    assert _snapshot(state) == before
    assert state.function is before[0] and len(state.runs) == 3


def test_broken_file_on_disk_is_refused_with_its_name(state, tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "descent-lab-scene", "version": 1, "landscape": {"kind": "function", '
                    '"name": "himmelblau"}, "view": {"x": [0, 1], "y": [0, 1]}, "runs": [{"optimizer": "gd", '
                    '"lr": NaN, "start": [0, 0]}]}')
    with pytest.raises(SceneError, match=r"broken.json: runs\[0\]\.lr"):
        state.apply_scene(scene_mod.load(path))
    assert state.function.name == "himmelblau" and state.runs == []


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_every_example_applies_and_computes_its_runs(state, path):
    scene = scene_mod.load(path)
    state.apply_scene(scene)
    assert len(state.runs) == len(scene.runs) >= 2
    for run, spec in zip(state.runs, scene.runs):
        assert run.error is None and run.trajectory is not None
        assert run.trajectory.points[0, 0].tolist() == list(spec.start)
        assert run.trajectory.points.shape[0] == spec.steps + 1
        assert (run.settings.name, run.settings.lr, run.color) == (spec.optimizer, spec.lr, spec.color)
        f0 = float(state.function.value(np.float64(spec.start[0]), np.float64(spec.start[1])))
        assert run.trajectory.values[0, 0] == pytest.approx(f0, rel=1e-5)
    assert state.view == (scene.view.x, scene.view.y) and state.resolution == scene.resolution
    assert scene_mod.dumps(state.to_scene()) == scene_mod.dumps(scene)


def test_network_example_builds_the_slice_the_engine_builds(state):
    from engine import nn

    scene = scene_mod.load([p for p in EXAMPLES if p.stem == "network-slice"][0])
    state.apply_scene(scene)
    ls = scene.landscape
    data = nn.make_dataset(ls.dataset.name, n=ls.dataset.n, noise=ls.dataset.noise, seed=ls.dataset.seed)
    model = nn.MLP(list(ls.layers), activation=ls.activation, loss=ls.loss, seed=ls.slice.seed)
    path, _ = nn.train(model, model.init_params(), data.X, data.y, optimizer="adam", lr=0.01, steps=200)
    plane = nn.slice_plane(model, model.unflatten(path[-1]), data.X, data.y, method="random", seed=0,
                           normalization="filter")
    a, b = np.array([0.3, -0.2]), np.array([0.1, 0.5])
    np.testing.assert_allclose(state.function.value(a, b), plane.losses(a, b), rtol=1e-12)
    assert state.landscape_source == ls.to_dict()


def test_playback_speed_and_loop_are_part_of_the_scene(state):
    state.set_playback(speed=240, loop=True)
    scene = state.to_scene()
    assert (scene.playback.speed, scene.playback.loop) == (240.0, True)
    other = AppState()
    other.apply_scene(scene)
    assert (other.speed, other.loop) == (240.0, True)


def test_default_scene_is_what_a_fresh_window_shows(state):
    scene = default_scene()
    assert scene_mod.dumps(scene) == scene_mod.dumps(AppState().to_scene())
    assert scene.landscape.to_dict() == {"kind": "function", "name": "himmelblau"} and scene.runs == ()
