"""Guided lessons: a lesson is a JSON file of steps, each a scene, the panels to show and a caption.

Qt-free (the ``lessons`` command lists them headless). A lesson file reads::

    {"format": "descent-lab-lesson", "version": 1, "id": "chain-rule", "title": "The chain rule",
     "steps": [{"caption": "Two or three sentences.", "panels": ["chain"], "point": [1.0, 2.0],
                "chain": {"formula": "sin(x^2)", "x": 1.5},
                "scene": {"landscape": {...}, "view": {...}, "runs": [...], ...}}]}

``scene`` is a scene document (:mod:`engine.scene`) whose "format" and "version" may be left out; it is validated
exactly like a saved scene. ``panels`` names docks from :data:`PANELS`; ``point`` pins the slices view and the
directional-derivative probe there; ``chain`` fills the chain-rule panel. Errors are :class:`LessonError`, one line
naming the file, the JSON path and the problem ("steps[1].panels[0]: must be one of …, got "x"").
Captions and titles are English in the file; the app translates them through the Qt catalogue (context "Lessons").
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from engine.scene import SCENE_FORMAT, SCENE_VERSION, Scene, SceneError

LESSON_FORMAT = "descent-lab-lesson"
LESSON_VERSION = 1
MAX_LESSON_BYTES = 2 * 1024 * 1024
MAX_STEPS = 50
MAX_CAPTION = 600
PANELS = ("slices", "probe", "chain", "curves", "inspector", "runs", "optimizer", "backprop", "data")
LESSONS_FOLDER = "lessons"


class LessonError(ValueError):
    """A lesson that cannot be read; the message names the problem and its JSON path."""


@dataclass(frozen=True)
class ChainSpec:
    formula: str
    x: float


@dataclass(frozen=True)
class LessonStep:
    scene: Scene
    caption: str
    panels: tuple[str, ...] = ()
    point: tuple[float, float] | None = None
    chain: ChainSpec | None = None


@dataclass(frozen=True)
class Lesson:
    id: str
    title: str
    steps: tuple[LessonStep, ...] = field(default_factory=tuple)


def _fail(where: str, problem: str) -> LessonError:
    return LessonError(f"{where}: {problem}" if where else problem)


def _object(value: object, where: str, keys: set[str], required: set[str]) -> dict:
    if not isinstance(value, dict):
        raise _fail(where, f"must be an object, got {type(value).__name__}")
    unknown = sorted(set(value) - keys)
    if unknown:
        raise _fail(f"{where}.{unknown[0]}" if where else unknown[0], f"unknown key (allowed: {', '.join(sorted(keys))})")
    missing = sorted(required - set(value))
    if missing:
        raise _fail(f"{where}.{missing[0]}" if where else missing[0], "is missing")
    return value


def _text(value: object, where: str, max_chars: int) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _fail(where, "must be a non-empty string")
    if len(value) > max_chars:
        raise _fail(where, f"is too long ({len(value)} characters, at most {max_chars})")
    return value


def _number(value: object, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) \
            or abs(value) > 1e6:
        raise _fail(where, "must be a finite number of size at most 1e6")
    return float(value)


def _step(value: object, where: str) -> LessonStep:
    obj = _object(value, where, {"scene", "caption", "panels", "point", "chain"}, {"scene", "caption"})
    caption = _text(obj["caption"], f"{where}.caption", MAX_CAPTION)
    panels = obj.get("panels", [])
    if not isinstance(panels, list):
        raise _fail(f"{where}.panels", "must be a list of panel names")
    for i, name in enumerate(panels):
        if name not in PANELS:
            raise _fail(f"{where}.panels[{i}]", f"must be one of {', '.join(PANELS)}, got {json.dumps(name)}")
    point = None
    if "point" in obj:
        if not isinstance(obj["point"], list) or len(obj["point"]) != 2:
            raise _fail(f"{where}.point", "must be a list of two numbers [x, y]")
        point = (_number(obj["point"][0], f"{where}.point[0]"), _number(obj["point"][1], f"{where}.point[1]"))
    chain = None
    if "chain" in obj:
        spec = _object(obj["chain"], f"{where}.chain", {"formula", "x"}, {"formula", "x"})
        formula = _text(spec["formula"], f"{where}.chain.formula", 500)
        from engine.formula import FormulaError
        from engine.formula.chain import chain_graph
        try:
            chain_graph(formula, _number(spec["x"], f"{where}.chain.x"))
        except FormulaError as err:
            raise _fail(f"{where}.chain.formula", str(err)) from None
        chain = ChainSpec(formula, float(spec["x"]))
    scene_data = obj["scene"]
    if not isinstance(scene_data, dict):
        raise _fail(f"{where}.scene", "must be a scene object")
    try:
        scene = Scene.from_dict({"format": SCENE_FORMAT, "version": SCENE_VERSION, **scene_data})
    except SceneError as err:
        raise _fail(f"{where}.scene", str(err)) from None
    return LessonStep(scene, caption, tuple(panels), point, chain)


def lesson_from_dict(data: object) -> Lesson:
    """Validate a lesson document; LessonError (only) otherwise."""
    obj = _object(data, "", {"format", "version", "id", "title", "steps"}, {"format", "version", "id", "title",
                                                                           "steps"})
    if obj["format"] != LESSON_FORMAT:
        raise _fail("format", f"must be {LESSON_FORMAT!r}: this is not a Descent Lab lesson")
    if obj["version"] != LESSON_VERSION or isinstance(obj["version"], bool):
        raise _fail("version", f"must be {LESSON_VERSION}")
    lesson_id = _text(obj["id"], "id", 60)
    title = _text(obj["title"], "title", 100)
    steps = obj["steps"]
    if not isinstance(steps, list) or not steps:
        raise _fail("steps", "must be a non-empty list of steps")
    if len(steps) > MAX_STEPS:
        raise _fail("steps", f"has {len(steps)} steps, at most {MAX_STEPS}")
    return Lesson(lesson_id, title, tuple(_step(s, f"steps[{i}]") for i, s in enumerate(steps)))


def loads(text: str | bytes) -> Lesson:
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_LESSON_BYTES:
            raise LessonError(f"file too large ({len(text)} bytes; a lesson is at most {MAX_LESSON_BYTES})")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise LessonError(f"not a text file: invalid UTF-8 at byte {err.start}") from None
    if not text.strip():
        raise LessonError("empty file: not a lesson")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise LessonError(f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}") from None
    except (RecursionError, ValueError) as err:
        raise LessonError(f"not valid JSON: {err}") from None
    return lesson_from_dict(data)


def load(path: str | Path) -> Lesson:
    """Read and validate the lesson at ``path``; LessonError naming the file and the problem."""
    path = Path(path)
    try:
        with open(path, "rb") as src:
            data = src.read(MAX_LESSON_BYTES + 1)
    except OSError as err:
        raise LessonError(f"cannot read {path}: {(err.strerror or str(err)).lower()}") from None
    try:
        return loads(data)
    except LessonError as err:
        raise LessonError(f"{path.name}: {err}") from None


def bundled_lesson_files() -> list[Path]:
    """The lesson files shipped in app/resources/lessons, in file-name order (files are numbered)."""
    from app.resources import resource_path
    folder = resource_path("app.resources", LESSONS_FOLDER)
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def bundled_lessons() -> list[Lesson]:
    """The shipped lessons, each loaded and validated."""
    return [load(p) for p in bundled_lesson_files()]


def lesson_header(path: str | Path) -> tuple[str, str]:
    """(id, title) of a lesson file, read without validating its steps: the app's menu needs only these at start-up,
    and validating a step's scene may load the formula parser (sympy), which start-up should not wait for."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise LessonError(f"{path.name}: cannot be read ({err})") from None
    if not isinstance(data, dict):
        raise LessonError(f"{path.name}: not a lesson")
    return _text(data.get("id"), f"{path.name}: id", 60), _text(data.get("title"), f"{path.name}: title", 100)
