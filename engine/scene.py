"""A scene: a plain, versioned JSON document describing everything that is shown.

The dataclasses below are the schema; each docstring lists its keys, their types, allowed ranges and defaults
(a key without a default is required). A version-1 file looks like::

    {"format": "descent-lab-scene", "version": 1,
     "landscape": {"kind": "function", "name": "himmelblau"},
     "view": {"x": [-5.0, 5.0], "y": [-5.0, 5.0]}, "resolution": 300,
     "display": {...}, "optimizer": {...}, "runs": [...], "playback": {...}}

``dumps`` / ``loads`` convert to and from text, ``save`` / ``load`` to and from files (saving is atomic). Loading
validates everything and raises only :class:`SceneError`, whose message names the problem and its JSON path
("runs[2].lr: must be a positive finite number, got NaN"). Older files are upgraded by ``MIGRATIONS``.
Objects built in Python are not checked until ``dumps``/``save``, which refuse to write a scene ``loads`` would refuse.
"""
from __future__ import annotations

import json
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, ClassVar, Union

from engine.atomic import WriteError, atomic_write
from engine import functions, optimizers

SCENE_FORMAT = "descent-lab-scene"
SCENE_VERSION = 1
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_STEPS = 100_000
RESOLUTION_RANGE = (16, 2000)
MAX_RUNS = 100
MAX_COORD = 1e6            # |x|, |y| of views and starts
MAX_FORMULA_CHARS = 500
COLORMAPS = ("viridis", "plasma", "inferno", "magma", "cividis", "turbo")
FIELD_MODES = ("descent", "ascent")   # arrows along −∇f (downhill) or +∇f (uphill), as app.state names them
FIELD_MODE_ALIASES = {"gradient": "ascent"}  # an early spelling of "ascent", still read (written as "ascent")
# Dataset name -> number of input features (engine/nn/datasets.py); tests check the two agree.
DATASETS = {"xor": 2, "moons": 2, "circles": 2, "spirals": 2, "blobs": 2, "linear": 1, "sine": 1}
ACTIVATIONS = ("tanh", "sigmoid", "relu", "identity")
LOSSES = ("mse", "bce", "ce")
SLICE_METHODS = ("random", "pca", "params", "hessian")  # engine/nn/slices.py METHODS
SLICE_CENTRES = ("trained", "init")
PALETTE = ("#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22",
           "#17becf")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
_MISSING: Any = object()


class SceneError(ValueError):
    """A scene that cannot be read or written; the message names the problem (and its JSON path)."""


# ----------------------------------------------------------------------------------------------- checking helpers
def _type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


def _fail(where: str, problem: str) -> SceneError:
    return SceneError(f"{where}: {problem}" if where else problem)


def _show(value: object) -> str:
    """A short JSON-like rendering of a bad value for messages (NaN written as JSON writes it)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    text = json.dumps(value) if isinstance(value, (str, bool, int)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _real(value: object, where: str, lo: float = -math.inf, hi: float = math.inf, positive: bool = False) -> float:
    """A finite float in [lo, hi] (and > 0 if ``positive``); ints are accepted, booleans are not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise _fail(where, f"must be a number, got {_type_name(value)}")
    number = float(value) if isinstance(value, float) or abs(value) < 10 ** 300 else math.inf
    if positive and not (math.isfinite(number) and number > 0):
        raise _fail(where, f"must be a positive finite number, got {_show(value)}")
    if not math.isfinite(number):
        raise _fail(where, f"must be a finite number, got {_show(value)}")
    if not lo <= number <= hi:
        raise _fail(where, f"must be between {lo:g} and {hi:g}, got {_show(value)}")
    return number


def _int(value: object, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise _fail(where, f"must be an integer, got {_type_name(value)}")
    if not lo <= value <= hi:
        raise _fail(where, f"must be between {lo} and {hi}, got {_show(value)}")
    return value


def _bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise _fail(where, f"must be true or false, got {_type_name(value)}")
    return value


def _text(value: object, where: str, max_chars: int = 100) -> str:
    if not isinstance(value, str):
        raise _fail(where, f"must be a string, got {_type_name(value)}")
    if len(value) > max_chars:
        raise _fail(where, f"is too long ({len(value)} characters, at most {max_chars})")
    return value


def _choice(value: object, where: str, choices) -> str:
    text = _text(value, where)
    if text not in choices:
        raise _fail(where, f"must be one of {', '.join(choices)}, got {_show(text)}")
    return text


def _color(value: object, where: str) -> str:
    text = _text(value, where)
    if not _COLOR.fullmatch(text):
        raise _fail(where, f"must be a colour written #rrggbb, got {_show(text)}")
    return text


def _pair(value: object, where: str, lo: float = -MAX_COORD, hi: float = MAX_COORD) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise _fail(where, f"must be a list of two numbers, got {_type_name(value)}")
    return _real(value[0], f"{where}[0]", lo, hi), _real(value[1], f"{where}[1]", lo, hi)


class _Obj:
    """A JSON object being read: ``take`` each known key, then ``done`` refuses whatever is left."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise _fail(where, f"must be an object, got {_type_name(data)}")
        self.data, self.where, self.seen = data, where, set()

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def take(self, key: str, check: Callable[..., Any], *args: Any, default: Any = _MISSING, **kwargs: Any) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if default is _MISSING:
                raise _fail(self.at(key), "is required but missing")
            return default
        return check(self.data[key], self.at(key), *args, **kwargs)

    def done(self) -> None:
        unknown = [str(k) for k in self.data if k not in self.seen]
        if unknown:
            names = ", ".join(repr(k[:40]) for k in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise _fail(self.where, f"unknown key{'s' if len(unknown) > 1 else ''} {names}")


def _hyper(value: object, where: str, optimizer: str) -> dict[str, float]:
    """Hyper-parameters of ``optimizer``: names and ranges from engine.optimizers (its classes are the truth)."""
    obj = _Obj(value, where)
    allowed = optimizers.OPTIMIZERS[optimizer].hyper_defaults
    unknown = [k for k in obj.data if k not in allowed]
    if unknown:
        raise _fail(obj.at(str(unknown[0])[:40]), f"is not a hyper-parameter of {optimizer}; "
                    f"allowed: {', '.join(allowed) or '(none)'}")
    result = {}
    for key in obj.data:
        number = _real(obj.data[key], obj.at(key))
        try:
            optimizers.make(optimizer, 1.0, **{key: number})
        except ValueError as err:
            raise _fail(obj.at(key), str(err)) from None
        result[key] = number
    return result


# ----------------------------------------------------------------------------------------------------- landscapes
@dataclass(frozen=True)
class FunctionLandscape:
    """``{"kind": "function", "name": str}``: a function of the catalogue (``engine.functions.names()``)."""

    name: str
    kind: ClassVar[str] = "function"

    @classmethod
    def from_dict(cls, obj: _Obj) -> FunctionLandscape:
        name = obj.take("name", _text)
        try:
            functions.get(name)
        except KeyError as err:
            raise _fail(obj.at("name"), str(err.args[0])) from None
        return cls(name)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name}


def _check_formula(text: str, where: str) -> None:
    """Refuse text the formula parser refuses; without engine.formula.parse, only bound what it may contain."""
    try:
        from engine.formula import FormulaError, parse
    except ImportError:  # the parser is not there: accept only short, plain formula-like text
        if not re.fullmatch(r"[A-Za-z0-9_ .+\-*/^(),]*", text):
            raise _fail(where, "contains characters a formula cannot contain") from None
        return
    try:
        parse(text)
    except FormulaError as err:
        raise _fail(where, f"formula refused: {str(err)[:200]}") from None
    except (ValueError, ArithmeticError, RecursionError, MemoryError) as err:
        raise _fail(where, f"formula refused ({type(err).__name__}: {err})") from None


@dataclass(frozen=True)
class FormulaLandscape:
    """``{"kind": "formula", "text": str}``: f(x, y) typed by the user, at most 500 characters, accepted by
    ``engine.formula.parse``."""

    text: str
    kind: ClassVar[str] = "formula"

    @classmethod
    def from_dict(cls, obj: _Obj) -> FormulaLandscape:
        text = obj.take("text", _text, MAX_FORMULA_CHARS)
        if not text.strip():
            raise _fail(obj.at("text"), "is empty")
        _check_formula(text, obj.at("text"))
        return cls(text)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "text": self.text}


@dataclass(frozen=True)
class DatasetSpec:
    """``{"name": str, "n": int = 200, "noise": float = 0.1, "seed": int = 0}``: a toy dataset (one of ``DATASETS``),
    n in 10..10000 points, noise in [0, 5], seed in 0..2³²−1."""

    name: str
    n: int = 200
    noise: float = 0.1
    seed: int = 0

    @classmethod
    def from_dict(cls, data: object, where: str) -> DatasetSpec:
        obj = _Obj(data, where)
        spec = cls(obj.take("name", _choice, tuple(DATASETS)), obj.take("n", _int, 10, 10_000, default=200),
                   obj.take("noise", _real, 0.0, 5.0, default=0.1), obj.take("seed", _int, 0, 2**32 - 1, default=0))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "noise": self.noise, "seed": self.seed}


def _options(value: object, where: str) -> dict[str, Any]:
    obj = _Obj(value, where)
    if len(obj.data) > 20:
        raise _fail(where, f"has {len(obj.data)} entries, at most 20")
    result: dict[str, Any] = {}
    for key, item in obj.data.items():
        _text(key, f"{where} key", 40)
        if isinstance(item, str):
            result[key] = _text(item, obj.at(key))
        elif isinstance(item, bool) or item is None:
            result[key] = item
        else:
            result[key] = item if isinstance(item, int) and abs(item) < 2**53 else _real(item, obj.at(key))
    return result


@dataclass(frozen=True)
class SliceSpec:
    """``{"method": one of SLICE_METHODS = "random", "seed": int = 0, "centre": "trained"|"init" = "trained",
    "options": {}}``: the 2D plane through parameter space that is drawn. ``options``: at most 20 scalar keyword
    options of ``engine.nn.slices.slice_plane`` for the method (e.g. ``{"normalization": "filter"}``)."""

    method: str = "random"
    seed: int = 0
    centre: str = "trained"
    options: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: object, where: str) -> SliceSpec:
        obj = _Obj(data, where)
        spec = cls(obj.take("method", _choice, SLICE_METHODS, default="random"),
                   obj.take("seed", _int, 0, 2**32 - 1, default=0),
                   obj.take("centre", _choice, SLICE_CENTRES, default="trained"),
                   obj.take("options", _options, default={}))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        return {"method": self.method, "seed": self.seed, "centre": self.centre, "options": dict(self.options)}


def _layers(value: object, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not 2 <= len(value) <= 10:
        raise _fail(where, "must be a list of 2 to 10 layer sizes")
    return tuple(_int(size, f"{where}[{i}]", 1, 64) for i, size in enumerate(value))


@dataclass(frozen=True)
class NetworkLandscape:
    """``{"kind": "network", "dataset": DatasetSpec, "layers": [int, ...], "activation": str = "tanh",
    "loss": str = "bce", "slice": SliceSpec = {}}``: the loss of a small MLP over a 2D slice of its parameters.
    layers: 2..10 sizes in 1..64, the first equal to the dataset's number of inputs."""

    dataset: DatasetSpec
    layers: tuple[int, ...]
    activation: str = "tanh"
    loss: str = "bce"
    slice: SliceSpec = field(default_factory=SliceSpec)
    kind: ClassVar[str] = "network"

    @classmethod
    def from_dict(cls, obj: _Obj) -> NetworkLandscape:
        dataset = DatasetSpec.from_dict(obj.take("dataset", lambda v, w: v), obj.at("dataset"))
        layers = obj.take("layers", _layers)
        if layers[0] != DATASETS[dataset.name]:
            raise _fail(obj.at("layers[0]"), f"must be {DATASETS[dataset.name]} (the inputs of "
                        f"{dataset.name}), got {layers[0]}")
        return cls(dataset, layers, obj.take("activation", _choice, ACTIVATIONS, default="tanh"),
                   obj.take("loss", _choice, LOSSES, default="bce"),
                   SliceSpec.from_dict(obj.take("slice", lambda v, w: v, default={}), obj.at("slice")))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "dataset": self.dataset.to_dict(), "layers": list(self.layers),
                "activation": self.activation, "loss": self.loss, "slice": self.slice.to_dict()}


Landscape = Union[FunctionLandscape, FormulaLandscape, NetworkLandscape]
_KINDS = {c.kind: c for c in (FunctionLandscape, FormulaLandscape, NetworkLandscape)}


def landscape_from_dict(data: object, where: str = "landscape") -> Landscape:
    """Validate one landscape object (``FunctionLandscape.to_dict()`` etc.); SceneError otherwise."""
    return _landscape(data, where)


def _landscape(value: object, where: str) -> Landscape:
    obj = _Obj(value, where)
    kind = obj.take("kind", _choice, tuple(_KINDS))
    landscape = _KINDS[kind].from_dict(obj)
    obj.done()
    return landscape


# ------------------------------------------------------------------------------------------- view, display, runs
@dataclass(frozen=True)
class View:
    """``{"x": [xmin, xmax], "y": [ymin, ymax]}``: the rectangle shown; finite, min < max, |coordinates| ≤ 10⁶."""

    x: tuple[float, float]
    y: tuple[float, float]

    @classmethod
    def from_dict(cls, data: object, where: str) -> View:
        obj = _Obj(data, where)
        view = cls(obj.take("x", _pair), obj.take("y", _pair))
        obj.done()
        for axis, (lo, hi) in (("x", view.x), ("y", view.y)):
            if not lo < hi:
                raise _fail(obj.at(axis), f"minimum must be below maximum, got [{lo!r}, {hi!r}]")
        return view

    def to_dict(self) -> dict:
        return {"x": list(self.x), "y": list(self.y)}


def _field_mode(value: object, where: str) -> str:
    if isinstance(value, str) and value in FIELD_MODE_ALIASES:
        return FIELD_MODE_ALIASES[value]
    return _choice(value, where, FIELD_MODES)


@dataclass(frozen=True)
class Display:
    """How the landscape is drawn; every key is optional.

    colormap: one of ``COLORMAPS`` = "viridis".  log_scale: bool = false (colours on a log scale).
    contours: number of contour lines, 0..100 = 20.  show_field: bool = true (gradient arrows).
    field_mode: "descent" (arrows along −∇f) | "ascent" (+∇f) = "descent"; "gradient" is read as "ascent".
    field_density: arrows per side, 2..100 = 20.  show_minima: bool = true (mark known minima).
    """

    colormap: str = "viridis"
    log_scale: bool = False
    contours: int = 20
    show_field: bool = True
    field_mode: str = "descent"
    field_density: int = 20
    show_minima: bool = True

    @classmethod
    def from_dict(cls, data: object, where: str) -> Display:
        obj, d = _Obj(data, where), cls()
        display = cls(obj.take("colormap", _choice, COLORMAPS, default=d.colormap),
                      obj.take("log_scale", _bool, default=d.log_scale),
                      obj.take("contours", _int, 0, 100, default=d.contours),
                      obj.take("show_field", _bool, default=d.show_field),
                      obj.take("field_mode", _field_mode, default=d.field_mode),
                      obj.take("field_density", _int, 2, 100, default=d.field_density),
                      obj.take("show_minima", _bool, default=d.show_minima))
        obj.done()
        return display

    def to_dict(self) -> dict:
        return {"colormap": self.colormap, "log_scale": self.log_scale, "contours": self.contours,
                "show_field": self.show_field, "field_mode": self.field_mode,
                "field_density": self.field_density, "show_minima": self.show_minima}


@dataclass(frozen=True)
class OptimizerSettings:
    """The optimizer panel's current settings: ``{"name": str = "adam", "lr": float = 0.05, "hyper": {} ,
    "steps": int = 500}``. name: a key of ``engine.optimizers.OPTIMIZERS``; lr: finite, > 0;
    hyper: that optimizer's hyper-parameters (others refused), missing ones take its defaults; steps: 1..100000."""

    name: str = "adam"
    lr: float = 0.05
    hyper: dict[str, float] = field(default_factory=dict)
    steps: int = 500

    @classmethod
    def from_dict(cls, data: object, where: str) -> OptimizerSettings:
        obj = _Obj(data, where)
        name = obj.take("name", _choice, tuple(optimizers.OPTIMIZERS), default="adam")
        settings = cls(name, obj.take("lr", _real, positive=True, default=0.05),
                       obj.take("hyper", _hyper, name, default={}),
                       obj.take("steps", _int, 1, MAX_STEPS, default=500))
        obj.done()
        return settings

    def to_dict(self) -> dict:
        return {"name": self.name, "lr": self.lr, "hyper": dict(self.hyper), "steps": self.steps}


@dataclass(frozen=True)
class Run:
    """One optimizer run: ``{"optimizer": str, "lr": float, "hyper": {} , "start": [x, y], "steps": int = 500,
    "color": "#rrggbb" = palette colour}``. Ranges as in :class:`OptimizerSettings`; start finite, |·| ≤ 10⁶;
    a missing colour takes ``PALETTE[index % 10]``."""

    optimizer: str
    lr: float
    start: tuple[float, float]
    hyper: dict[str, float] = field(default_factory=dict)
    steps: int = 500
    color: str = PALETTE[0]

    @classmethod
    def from_dict(cls, data: object, where: str, index: int = 0) -> Run:
        obj = _Obj(data, where)
        name = obj.take("optimizer", _choice, tuple(optimizers.OPTIMIZERS))
        run = cls(name, obj.take("lr", _real, positive=True), obj.take("start", _pair),
                  obj.take("hyper", _hyper, name, default={}), obj.take("steps", _int, 1, MAX_STEPS, default=500),
                  obj.take("color", _color, default=PALETTE[index % len(PALETTE)]))
        obj.done()
        return run

    def to_dict(self) -> dict:
        return {"optimizer": self.optimizer, "lr": self.lr, "hyper": dict(self.hyper), "start": list(self.start),
                "steps": self.steps, "color": self.color}


def _runs(value: object, where: str) -> tuple[Run, ...]:
    if not isinstance(value, list):
        raise _fail(where, f"must be a list, got {_type_name(value)}")
    if len(value) > MAX_RUNS:
        raise _fail(where, f"has {len(value)} runs, at most {MAX_RUNS}")
    return tuple(Run.from_dict(item, f"{where}[{i}]", i) for i, item in enumerate(value))


@dataclass(frozen=True)
class Playback:
    """``{"frame": int = 0, "speed": float = 60.0, "loop": bool = false}``: the shown step (0..100000), the
    playback speed in steps per second (finite, > 0, ≤ 10000) and whether playback restarts at the end."""

    frame: int = 0
    speed: float = 60.0
    loop: bool = False

    @classmethod
    def from_dict(cls, data: object, where: str) -> Playback:
        obj = _Obj(data, where)
        playback = cls(obj.take("frame", _int, 0, MAX_STEPS, default=0),
                       obj.take("speed", _real, 0.0, 10_000.0, True, default=60.0),
                       obj.take("loop", _bool, default=False))
        obj.done()
        return playback

    def to_dict(self) -> dict:
        return {"frame": self.frame, "speed": self.speed, "loop": self.loop}


@dataclass(frozen=True)
class Scene:
    """The whole document: ``{"format": "descent-lab-scene", "version": 1, "landscape": Landscape,
    "view": View, "resolution": int = 300, "display": Display = {}, "optimizer": OptimizerSettings = {},
    "runs": [Run, ...] = [], "playback": Playback = {}}``.

    landscape: {"kind": "function" | "formula" | "network", ...}, see the three landscape classes.
    resolution: grid samples per side, 16..2000.  runs: at most 100.
    """

    landscape: Landscape
    view: View
    resolution: int = 300
    display: Display = field(default_factory=Display)
    optimizer: OptimizerSettings = field(default_factory=OptimizerSettings)
    runs: tuple[Run, ...] = ()
    playback: Playback = field(default_factory=Playback)

    @classmethod
    def default(cls) -> Scene:
        """Himmelblau in its catalogue view, no runs."""
        (x0, x1), (y0, y1) = functions.get("himmelblau").view
        return cls(FunctionLandscape("himmelblau"), View((float(x0), float(x1)), (float(y0), float(y1))))

    @classmethod
    def from_dict(cls, data: object) -> Scene:
        """Validate a current-version document (see ``loads`` for migrations); SceneError otherwise."""
        obj = _Obj(data, "")
        if obj.take("format", lambda v, w: v) != SCENE_FORMAT:
            raise _fail("format", f"must be {SCENE_FORMAT!r}: this is not a Descent Lab scene")
        if obj.take("version", lambda v, w: v) != SCENE_VERSION or isinstance(data["version"], bool):
            raise _fail("version", f"must be {SCENE_VERSION}, got {_show(data['version'])}")
        lo, hi = RESOLUTION_RANGE
        scene = cls(obj.take("landscape", _landscape), obj.take("view", View.from_dict),
                    obj.take("resolution", _int, lo, hi, default=300),
                    obj.take("display", Display.from_dict, default=Display()),
                    obj.take("optimizer", OptimizerSettings.from_dict, default=OptimizerSettings()),
                    obj.take("runs", _runs, default=()),
                    obj.take("playback", Playback.from_dict, default=Playback()))
        obj.done()
        return scene

    def to_dict(self) -> dict:
        return {"format": SCENE_FORMAT, "version": SCENE_VERSION, "landscape": self.landscape.to_dict(),
                "view": self.view.to_dict(), "resolution": self.resolution, "display": self.display.to_dict(),
                "optimizer": self.optimizer.to_dict(), "runs": [run.to_dict() for run in self.runs],
                "playback": self.playback.to_dict()}


# ----------------------------------------------------------------------------------------------------- migrations
def _v0_to_v1(data: dict) -> dict:
    """Version 0 (the pre-release format) named the landscape at the top level: ``"function": name`` or
    ``"formula": text``. Version 1 nests it under ``"landscape"`` with a ``"kind"``."""
    data = dict(data)
    if "function" in data:
        data["landscape"] = {"kind": "function", "name": data.pop("function")}
    elif "formula" in data:
        data["landscape"] = {"kind": "formula", "text": data.pop("formula")}
    data["version"] = 1
    return data


# MIGRATIONS[v] turns a version-v document into a version v+1 one (a new dict; the input is not modified).
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1}


def migrate(data: object) -> dict:
    """Upgrade a parsed document to ``SCENE_VERSION`` (not yet validated); SceneError for unknown versions."""
    if not isinstance(data, dict):
        raise SceneError(f"a scene must be a JSON object, got {_type_name(data)}")
    if data.get("format") != SCENE_FORMAT:
        raise _fail("format", f"must be {SCENE_FORMAT!r}: this is not a Descent Lab scene")
    version = data.get("version", _MISSING)
    if version is _MISSING:
        raise _fail("version", "is required but missing")
    if isinstance(version, bool) or not isinstance(version, int):
        raise _fail("version", f"must be an integer, got {_type_name(version)}")
    if version > SCENE_VERSION:
        raise SceneError(f"made by a newer Descent Lab (version {version}); this one reads up to {SCENE_VERSION}")
    if version < min(MIGRATIONS, default=SCENE_VERSION):
        raise _fail("version", f"{version} is not a Descent Lab scene version")
    for step in range(version, SCENE_VERSION):
        data = MIGRATIONS[step](data)
    return data


# ------------------------------------------------------------------------------------------------------- text I/O
def _encode(value: Any, depth: int = 0) -> str:
    """JSON with 2-space indents, lists of plain values on one line; floats by repr (they round-trip exactly)."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(k))}: {_encode(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "[" + ", ".join(_encode(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _encode(v, depth + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)


def dumps(scene: Scene) -> str:
    """The scene as JSON text: fixed key order, indent 2, trailing newline. SceneError if ``loads`` would refuse it."""
    data = scene.to_dict()
    Scene.from_dict(json.loads(json.dumps(data)))  # write only what we can read back
    return _encode(data) + "\n"


def loads(text: str | bytes) -> Scene:
    """Parse, migrate and validate a scene; SceneError (only) for anything wrong with ``text``."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_FILE_BYTES:
            raise SceneError(f"file too large ({len(text)} bytes; a scene is at most {MAX_FILE_BYTES} bytes)")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise SceneError(f"not a text file: invalid UTF-8 at byte {err.start}") from None
    if not isinstance(text, str):
        raise SceneError(f"a scene is text, got {type(text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise SceneError(f"file too large ({len(text)} characters; a scene is at most {MAX_FILE_BYTES})")
    if not text.strip():
        raise SceneError("empty file: not a scene")
    try:
        data = json.loads(text)  # NaN / Infinity parse as floats; validation refuses them with their path
    except json.JSONDecodeError as err:
        end = " (the file ends too early: truncated?)" if err.pos >= len(text.rstrip()) else ""
        raise SceneError(f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}{end}") from None
    except RecursionError:
        raise SceneError("not a scene: JSON nested too deeply") from None
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise SceneError(f"not valid JSON: {err}") from None
    return Scene.from_dict(migrate(data))


# ------------------------------------------------------------------------------------------------------- file I/O
def _os_problem(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def save(scene: Scene, path: str | os.PathLike) -> None:
    """Write the scene to ``path`` atomically (:func:`engine.atomic.atomic_write`: a temporary file in the same
    folder, flushed, fsynced, renamed over ``path``). On any error the temporary file is removed, an existing
    ``path`` is untouched, and a SceneError says what went wrong ("cannot write to /x/s.json: permission denied")."""
    data = dumps(scene).encode("utf-8")
    try:
        with atomic_write(path) as out:
            out.write(data)
    except WriteError as err:
        raise SceneError(str(err)) from None


def load(path: str | os.PathLike) -> Scene:
    """Read and validate the scene at ``path``; SceneError (only) naming the file and the problem."""
    path = Path(path)
    try:
        with open(path, "rb") as src:
            data = src.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise SceneError(f"cannot read {path}: {_os_problem(err)}") from None
    try:
        return loads(data)
    except SceneError as err:
        raise SceneError(f"{path.name}: {err}") from None
