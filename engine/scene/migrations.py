"""Upgrading older scene documents: ``MIGRATIONS[v]`` turns a version-v document into a version v+1 one, and
:func:`migrate` applies them up to ``SCENE_VERSION``.
"""
from __future__ import annotations

import re
from typing import Callable

from .validate import MISSING, SCENE_FORMAT, SCENE_VERSION, SceneError, fail, type_name


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


_WEIGHT = re.compile(r"^(\s*W\d+\s*\[)\s*(\d+)\s*,\s*(\d+)\s*(\].*)$", re.S)


def _v1_to_v2(data: dict) -> dict:
    """Version 1 named a weight ``W1[i,j]`` with i the input unit and j the output unit; version 2 stores W shaped
    (out, in), as the lesson and ``torch.nn.Linear`` do, so the same weight is ``W1[j,i]``. A "params" slice's axis
    names are rewritten so that an old scene shows the same plane."""
    data = dict(data)
    land = data.get("landscape")
    if isinstance(land, dict) and land.get("kind") == "network" and isinstance(land.get("slice"), dict) \
            and isinstance(land["slice"].get("options"), dict):
        options = dict(land["slice"]["options"])
        for key in ("param_a", "param_b"):
            m = _WEIGHT.match(options[key]) if isinstance(options.get(key), str) else None
            if m:
                options[key] = f"{m.group(1)}{m.group(3)},{m.group(2)}{m.group(4)}"
        data["landscape"] = {**land, "slice": {**land["slice"], "options": options}}
    data["version"] = 2
    return data


# MIGRATIONS[v] turns a version-v document into a version v+1 one (a new dict; the input is not modified).
MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _v0_to_v1, 1: _v1_to_v2}


def migrate(data: object) -> dict:
    """Upgrade a parsed document to ``SCENE_VERSION`` (not yet validated); SceneError for unknown versions."""
    if not isinstance(data, dict):
        raise SceneError(f"a scene must be a JSON object, got {type_name(data)}")
    if data.get("format") != SCENE_FORMAT:
        raise fail("format", f"must be {SCENE_FORMAT!r}: this is not a Descent Lab scene")
    version = data.get("version", MISSING)
    if version is MISSING:
        raise fail("version", "is required but missing")
    if isinstance(version, bool) or not isinstance(version, int):
        raise fail("version", f"must be an integer, got {type_name(version)}")
    if version > SCENE_VERSION:
        raise SceneError(f"made by a newer Descent Lab (version {version}); this one reads up to {SCENE_VERSION}")
    if version < min(MIGRATIONS, default=SCENE_VERSION):
        raise fail("version", f"{version} is not a Descent Lab scene version")
    for step in range(version, SCENE_VERSION):
        data = MIGRATIONS[step](data)
    return data
