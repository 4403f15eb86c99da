"""The scene document: :class:`Scene` and its parts (view, display, optimizer settings, runs, playback), each with
``from_dict`` (validating, SceneError otherwise) and ``to_dict``. The landscapes are in :mod:`.landscapes`.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from engine import functions
from engine.vocab import OPTIMIZER_NAMES

from .landscapes import FunctionLandscape, Landscape, NetworkLandscape, check_network_work, read_landscape
from .validate import (COLORMAPS, FIELD_MODE_ALIASES, FIELD_MODES, MAX_RUNS, MAX_STEPS, PALETTE, RESOLUTION_RANGE,
                       SCENE_FORMAT, SCENE_VERSION, ObjectReader, check_bool, check_choice, check_color, check_hyper,
                       check_int, check_pair, check_real, fail, show, type_name)


@dataclass(frozen=True)
class View:
    """``{"x": [xmin, xmax], "y": [ymin, ymax]}``: the rectangle shown; finite, min < max, |coordinates| ≤ 10⁶."""

    x: tuple[float, float]
    y: tuple[float, float]

    @classmethod
    def from_dict(cls, data: object, where: str) -> View:
        obj = ObjectReader(data, where)
        view = cls(obj.take("x", check_pair), obj.take("y", check_pair))
        obj.done()
        for axis, (lo, hi) in (("x", view.x), ("y", view.y)):
            if not lo < hi:
                raise fail(obj.at(axis), f"minimum must be below maximum, got [{lo!r}, {hi!r}]")
        return view

    def to_dict(self) -> dict:
        return {"x": list(self.x), "y": list(self.y)}


def _field_mode(value: object, where: str) -> str:
    if isinstance(value, str) and value in FIELD_MODE_ALIASES:
        return FIELD_MODE_ALIASES[value]
    return check_choice(value, where, FIELD_MODES)


@dataclass(frozen=True)
class Display:
    """How the landscape is drawn; every key is optional.

    colormap: one of ``COLORMAPS`` = "viridis".  log_scale: bool = false (colours on a log scale).
    contours: number of contour lines, 0..100 = 20.  show_field: bool = true (gradient arrows).
    field_mode: "descent" (arrows along −∇f) | "ascent" (+∇f) = "descent"; "gradient" is read as "ascent".
    field_density: arrows per side, 2..100 = 20.  show_minima: bool = true (mark known minima).
    equal_axes: bool = true (one unit is as long on x as on y, in the map and in every export; a landscape's
    default when it is shown, like log_scale).
    """

    colormap: str = "viridis"
    log_scale: bool = False
    contours: int = 20
    show_field: bool = True
    field_mode: str = "descent"
    field_density: int = 20
    show_minima: bool = True
    equal_axes: bool = True

    @classmethod
    def from_dict(cls, data: object, where: str) -> Display:
        obj, d = ObjectReader(data, where), cls()
        display = cls(obj.take("colormap", check_choice, COLORMAPS, default=d.colormap),
                      obj.take("log_scale", check_bool, default=d.log_scale),
                      obj.take("contours", check_int, 0, 100, default=d.contours),
                      obj.take("show_field", check_bool, default=d.show_field),
                      obj.take("field_mode", _field_mode, default=d.field_mode),
                      obj.take("field_density", check_int, 2, 100, default=d.field_density),
                      obj.take("show_minima", check_bool, default=d.show_minima),
                      obj.take("equal_axes", check_bool, default=d.equal_axes))
        obj.done()
        return display

    def to_dict(self) -> dict:
        return {"colormap": self.colormap, "log_scale": self.log_scale, "contours": self.contours,
                "show_field": self.show_field, "field_mode": self.field_mode,
                "field_density": self.field_density, "show_minima": self.show_minima,
                **({} if self.equal_axes else {"equal_axes": False})}  # written when off: older files stay as they were


@dataclass(frozen=True)
class OptimizerSettings:
    """The optimizer panel's current settings: ``{"name": str = "gd", "lr": float = 0.01, "hyper": {} ,
    "steps": int = 500}``. name: one of ``engine.vocab.OPTIMIZER_NAMES``; lr: finite, > 0;
    hyper: that optimizer's hyper-parameters (others refused), missing ones take its defaults; steps: 1..100000."""

    name: str = "gd"
    lr: float = 0.01
    hyper: dict[str, float] = field(default_factory=dict)
    steps: int = 500

    @classmethod
    def from_dict(cls, data: object, where: str) -> OptimizerSettings:
        obj = ObjectReader(data, where)
        d = cls()
        name = obj.take("name", check_choice, OPTIMIZER_NAMES, default=d.name)
        settings = cls(name, obj.take("lr", check_real, positive=True, default=d.lr),
                       obj.take("hyper", check_hyper, name, default={}),
                       obj.take("steps", check_int, 1, MAX_STEPS, default=d.steps))
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
        obj = ObjectReader(data, where)
        name = obj.take("optimizer", check_choice, OPTIMIZER_NAMES)
        run = cls(name, obj.take("lr", check_real, positive=True), obj.take("start", check_pair),
                  obj.take("hyper", check_hyper, name, default={}),
                  obj.take("steps", check_int, 1, MAX_STEPS, default=500),
                  obj.take("color", check_color, default=PALETTE[index % len(PALETTE)]))
        obj.done()
        return run

    def to_dict(self) -> dict:
        return {"optimizer": self.optimizer, "lr": self.lr, "hyper": dict(self.hyper), "start": list(self.start),
                "steps": self.steps, "color": self.color}


def _runs(value: object, where: str) -> tuple[Run, ...]:
    if not isinstance(value, list):
        raise fail(where, f"must be a list, got {type_name(value)}")
    if len(value) > MAX_RUNS:
        raise fail(where, f"has {len(value)} runs, at most {MAX_RUNS}")
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
        obj = ObjectReader(data, where)
        playback = cls(obj.take("frame", check_int, 0, MAX_STEPS, default=0),
                       obj.take("speed", check_real, 0.0, 10_000.0, True, default=60.0),
                       obj.take("loop", check_bool, default=False))
        obj.done()
        return playback

    def to_dict(self) -> dict:
        return {"frame": self.frame, "speed": self.speed, "loop": self.loop}


@dataclass(frozen=True)
class Scene:
    """The whole document: ``{"format": "descent-lab-scene", "version": 2, "landscape": Landscape,
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
        obj = ObjectReader(data, "")
        if obj.take("format", lambda v, w: v) != SCENE_FORMAT:
            raise fail("format", f"must be {SCENE_FORMAT!r}: this is not a Descent Lab scene")
        if obj.take("version", lambda v, w: v) != SCENE_VERSION or isinstance(data["version"], bool):
            raise fail("version", f"must be {SCENE_VERSION}, got {show(data['version'])}")
        lo, hi = RESOLUTION_RANGE
        scene = cls(obj.take("landscape", read_landscape), obj.take("view", View.from_dict),
                    obj.take("resolution", check_int, lo, hi, default=300),
                    obj.take("display", Display.from_dict, default=Display()),
                    obj.take("optimizer", OptimizerSettings.from_dict, default=OptimizerSettings()),
                    obj.take("runs", _runs, default=()),
                    obj.take("playback", Playback.from_dict, default=Playback()))
        obj.done()
        if isinstance(scene.landscape, NetworkLandscape):  # bounded work: refuse hours of silent computing
            check_network_work(scene.landscape, scene.resolution, [run.steps for run in scene.runs])
        return scene

    def to_dict(self) -> dict:
        return {"format": SCENE_FORMAT, "version": SCENE_VERSION, "landscape": self.landscape.to_dict(),
                "view": self.view.to_dict(), "resolution": self.resolution, "display": self.display.to_dict(),
                "optimizer": self.optimizer.to_dict(), "runs": [run.to_dict() for run in self.runs],
                "playback": self.playback.to_dict()}
