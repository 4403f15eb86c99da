"""What a valid scene is made of: the format's name and version, limits and allowed values, :class:`SceneError`, and
the checkers that read one JSON value against them.

Each checker takes ``(value, where, ...)`` and returns the value read, or raises a SceneError whose message starts
with ``where``, the value's JSON path (``runs[2].lr``). :class:`ObjectReader` reads a JSON object key by key and
refuses unknown keys. The allowed names (optimizers, colour maps, activations, …) come from :mod:`engine.vocab`.
"""
from __future__ import annotations

import json
import math
import re
from typing import Any, Callable

from engine.vocab import (ACTIVATIONS, COLORMAPS, DATASETS, FIELD_MODE_ALIASES, FIELD_MODES, LOSSES,  # noqa: F401
                          SLICE_CENTRES, SLICE_METHODS, hyper_parameters)

SCENE_FORMAT = "descent-lab-scene"
SCENE_VERSION = 2
MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_STEPS = 100_000
RESOLUTION_RANGE = (16, 2000)
MAX_RUNS = 100
MAX_COORD = 1e6            # |x|, |y| of views and starts
MAX_FORMULA_CHARS = 500
# Run colours, colour-blind-friendly: Okabe-Ito first, then tab10 leftovers
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#FFFFFF", "#8C564B",
           "#BCBD22")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")
MISSING: Any = object()


class SceneError(ValueError):
    """A scene that cannot be read or written; the message names the problem (and its JSON path)."""


# ----------------------------------------------------------------------------------------------- checking helpers
def type_name(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean", type(None): "null",
            int: "an integer", float: "a number"}.get(type(value), type(value).__name__)


def fail(where: str, problem: str) -> SceneError:
    return SceneError(f"{where}: {problem}" if where else problem)


def show(value: object) -> str:
    """A short JSON-like rendering of a bad value for messages (NaN written as JSON writes it)."""
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("Infinity" if value > 0 else "-Infinity")
    text = json.dumps(value) if isinstance(value, (str, bool, int)) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def check_real(value: object, where: str, lo: float = -math.inf, hi: float = math.inf, positive: bool = False) -> float:
    """A finite float in [lo, hi] (and > 0 if ``positive``); ints are accepted, booleans are not."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise fail(where, f"must be a number, got {type_name(value)}")
    number = float(value) if isinstance(value, float) or abs(value) < 10 ** 300 else math.inf
    if positive and not (math.isfinite(number) and number > 0):
        raise fail(where, f"must be a positive finite number, got {show(value)}")
    if not math.isfinite(number):
        raise fail(where, f"must be a finite number, got {show(value)}")
    if not lo <= number <= hi:
        raise fail(where, f"must be between {lo:g} and {hi:g}, got {show(value)}")
    return number


def check_int(value: object, where: str, lo: int, hi: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(where, f"must be an integer, got {type_name(value)}")
    if not lo <= value <= hi:
        raise fail(where, f"must be between {lo} and {hi}, got {show(value)}")
    return value


def check_bool(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise fail(where, f"must be true or false, got {type_name(value)}")
    return value


def check_text(value: object, where: str, max_chars: int = 100) -> str:
    if not isinstance(value, str):
        raise fail(where, f"must be a string, got {type_name(value)}")
    if len(value) > max_chars:
        raise fail(where, f"is too long ({len(value)} characters, at most {max_chars})")
    return value


def check_choice(value: object, where: str, choices) -> str:
    text = check_text(value, where)
    if text not in choices:
        raise fail(where, f"must be one of {', '.join(choices)}, got {show(text)}")
    return text


def check_color(value: object, where: str) -> str:
    text = check_text(value, where)
    if not _COLOR.fullmatch(text):
        raise fail(where, f"must be a colour written #rrggbb, got {show(text)}")
    return text


def check_pair(value: object, where: str, lo: float = -MAX_COORD, hi: float = MAX_COORD) -> tuple[float, float]:
    if not isinstance(value, list) or len(value) != 2:
        raise fail(where, f"must be a list of two numbers, got {type_name(value)}")
    return check_real(value[0], f"{where}[0]", lo, hi), check_real(value[1], f"{where}[1]", lo, hi)


class ObjectReader:
    """A JSON object being read: ``take`` each known key, then ``done`` refuses whatever is left."""

    def __init__(self, data: object, where: str) -> None:
        if not isinstance(data, dict):
            raise fail(where, f"must be an object, got {type_name(data)}")
        self.data, self.where, self.seen = data, where, set()

    def at(self, key: str) -> str:
        return f"{self.where}.{key}" if self.where else key

    def take(self, key: str, check: Callable[..., Any], *args: Any, default: Any = MISSING, **kwargs: Any) -> Any:
        self.seen.add(key)
        if key not in self.data:
            if default is MISSING:
                raise fail(self.at(key), "is required but missing")
            return default
        return check(self.data[key], self.at(key), *args, **kwargs)

    def done(self) -> None:
        unknown = [str(k) for k in self.data if k not in self.seen]
        if unknown:
            names = ", ".join(repr(k[:40]) for k in unknown[:5]) + (" ..." if len(unknown) > 5 else "")
            raise fail(self.where, f"unknown key{'s' if len(unknown) > 1 else ''} {names}")


def check_hyper(value: object, where: str, optimizer: str) -> dict[str, float]:
    """Hyper-parameters of ``optimizer``: names, defaults and ranges from :mod:`engine.vocab`."""
    obj = ObjectReader(value, where)
    allowed = hyper_parameters(optimizer)
    unknown = [k for k in obj.data if k not in allowed]
    if unknown:
        raise fail(obj.at(str(unknown[0])[:40]), f"is not a hyper-parameter of {optimizer}; "
                    f"allowed: {', '.join(allowed) or '(none)'}")
    result = {}
    for key in obj.data:
        number = check_real(obj.data[key], obj.at(key))
        try:
            result[key] = allowed[key].check(key, number)
        except ValueError as err:
            raise fail(obj.at(key), str(err)) from None
    return result
