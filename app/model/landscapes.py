"""Landscapes of the model: a scene ``Landscape`` (catalogue function, typed formula or network slice) turned into the
engine's 2D test function it shows.

Functions and formulas build at once. A network slice trains a small MLP (seconds), so the model builds it through its
compute object; :func:`build_network` is that work. Built networks are cached by their description, so showing the
same scene again (the export renderer, Save then Open) does not train again.
"""
from __future__ import annotations

import json
import time
from dataclasses import dataclass, field
from typing import Any, Callable

from engine import scene as scene_mod
from engine.functions import TestFunction
from engine.scene import FormulaLandscape, FunctionLandscape, Landscape, NetworkLandscape, SceneError
from engine.vocab import USER_DATASET

from .compute import Cancelled
from .i18n import translate

_CACHE: dict[str, "NetworkBuild"] = {}
_CACHE_SIZE = 8


def tr(text: str) -> str:
    return translate("Landscapes", text)


# How a new network's centre is trained (a scene without "training" keeps the 200 steps it was made with): enough
# Adam steps for the lesson's nets to fit their data (XOR on 2-8-8-1: 93 % after 200 steps, 97.5 % after 1000).
RECOMMENDED_TRAINING = {"optimizer": "adam", "lr": 0.01, "steps": 1000, "batch_size": 0}


def default_network() -> NetworkLandscape:
    """A good first picture: two moons, 2-8-8-1 tanh, BCE, a filter-normalised random slice around trained θ."""
    return scene_mod.landscape_from_dict(
        {"kind": "network", "dataset": {"name": "moons", "n": 200, "noise": 0.1, "seed": 0},
         "layers": [2, 8, 8, 1], "activation": "tanh", "loss": "bce", "training": dict(RECOMMENDED_TRAINING),
         "slice": {"method": "random", "seed": 0, "centre": "trained",
                   "options": {"normalization": "filter", "orthogonalize": True}}})


@dataclass(frozen=True)
class NetworkBuild:
    """One built slice: its scene ``landscape``, dataset, model, trained parameters, plane and 2D test function."""

    landscape: NetworkLandscape
    dataset: Any
    model: Any
    params: Any
    plane: Any
    function: TestFunction
    elapsed: float = 0.0
    test: Any = None  # the held-out test points (engine.nn.Dataset), None without a split
    scores: dict = field(default_factory=dict)  # at the centre: "train" and "test" -> (loss, accuracy)

    @property
    def source(self) -> dict:
        return self.landscape.to_dict()


def key_of(landscape: Landscape) -> str:
    return json.dumps(landscape.to_dict(), sort_keys=True)


def check_network(landscape: NetworkLandscape) -> None:
    """Cheap checks a scene's schema cannot make (no training): loss against the dataset's targets, parameter names of
    a "params" slice. ValueError with a message for the user."""
    from engine import nn

    model = nn.MLP(list(landscape.layers), activation=landscape.activation, loss=landscape.loss,
                   seed=landscape.slice.seed)
    ds = landscape.dataset
    if ds.name == USER_DATASET:
        data = nn.from_arrays(ds.file, [p[:2] for p in ds.points], [p[2] for p in ds.points])
    else:
        data = nn.make_dataset(ds.name, n=min(ds.n, 16), noise=ds.noise)
    model.targets(data.y, len(data))  # e.g. BCE on three classes is refused here
    if landscape.slice.method == "params":
        opts = landscape.slice.options
        for key in ("param_a", "param_b"):
            if key in opts:
                nn.parse_name(str(opts[key]), model.layer_sizes)
        if opts.get("param_a") is not None and opts.get("param_a") == opts.get("param_b"):
            raise ValueError(tr("choose two different parameters (both are {name})").format(name=opts["param_a"]))


def build_network(landscape: NetworkLandscape, progress: Callable[[str], None] | None = None,
                  fraction: Callable[[float], bool] | None = None) -> NetworkBuild:
    """Train and slice ``landscape`` (cached); ``progress(text)`` hears each stage, ``fraction(done)`` the share done
    (returning False stops the build: :class:`app.model.compute.Cancelled`). ValueError from the engine."""
    key = key_of(landscape)
    if key in _CACHE:
        return _CACHE[key]
    from engine import nn

    check_network(landscape)
    say = progress or (lambda text: None)
    stages = {"compiling": tr("loading the compiled network kernels (the first run on a computer compiles them: "
                              "a few seconds)…"),
              "training": tr("training the network…"),
              "slicing": tr("building the {method} slice…").format(method=landscape.slice.method)}
    said = [-1]

    def trained(fraction: float) -> None:  # every 5 %: a status line, not a flood of signals
        percent = int(100 * fraction) // 5 * 5
        if percent > said[0]:
            said[0] = percent
            say(tr("training the network: {done} of {steps} steps…").format(
                done=int(fraction * landscape.training.steps), steps=landscape.training.steps))

    t0 = time.perf_counter()
    try:
        built = nn.build_landscape(landscape.to_dict(), progress=lambda stage: say(stages.get(stage, stage)),
                                   train_progress=trained, fraction=fraction)
    except nn.Cancelled:
        raise Cancelled(key) from None
    scores = {name: centre_scores(built.model, built.params, data)
              for name, data in (("train", built.dataset), ("test", built.test)) if data is not None}
    result = NetworkBuild(landscape, built.dataset, built.model, built.params, built.plane, built.function,
                          time.perf_counter() - t0, built.test, scores)
    if len(_CACHE) >= _CACHE_SIZE:
        _CACHE.pop(next(iter(_CACHE)))
    _CACHE[key] = result
    return result


def centre_scores(model, params, data) -> tuple[float, float]:
    """(loss without the L2 term, accuracy) of ``params`` on ``data``; accuracy NaN for regression."""
    from engine import nn
    acc = nn.accuracy(model, params, data.X, data.y) if data.task != "regression" else float("nan")
    return float(model.loss(params, data.X, data.y)), acc


def clear_network_cache() -> None:
    """Forget every built network (the next build of a description trains again)."""
    _CACHE.clear()


def build_function(landscape: Landscape, view=None) -> TestFunction:
    """The engine's function for a catalogue or formula ``landscape`` (at once); SceneError naming the problem."""
    try:
        if isinstance(landscape, FunctionLandscape):
            from engine import functions
            return functions.get(landscape.name)
        if isinstance(landscape, FormulaLandscape):
            from engine import formula
            return formula.parse(landscape.text, None if view is None else (tuple(view[0]), tuple(view[1])))
    except KeyError as err:
        raise SceneError(f"landscape: {err.args[0] if err.args else err}") from None
    except (ValueError, ArithmeticError, RecursionError, MemoryError) as err:  # FormulaError is a ValueError
        raise SceneError(f"landscape: cannot be built: {err}") from None
    raise SceneError(f"landscape: {type(landscape).__name__} is built by build_network")
