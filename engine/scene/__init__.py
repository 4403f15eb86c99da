"""A scene: a plain, versioned JSON document describing everything that is shown.

The dataclasses are the schema; each docstring lists its keys, their types, allowed ranges and defaults
(a key without a default is required). A version-1 file looks like::

    {"format": "descent-lab-scene", "version": 2,
     "landscape": {"kind": "function", "name": "himmelblau"},
     "view": {"x": [-5.0, 5.0], "y": [-5.0, 5.0]}, "resolution": 300,
     "display": {...}, "optimizer": {...}, "runs": [...], "playback": {...}}

``dumps`` / ``loads`` convert to and from text, ``save`` / ``load`` to and from files (saving is atomic). Loading
validates everything and raises only :class:`SceneError`, whose message names the problem and its JSON path
("runs[2].lr: must be a positive finite number, got NaN"). Older files are upgraded by ``MIGRATIONS``.
Objects built in Python are not checked until ``dumps``/``save``, which refuse to write a scene ``loads`` would refuse.

Where things are: :mod:`.validate` (format constants, limits, allowed values, SceneError, the value checkers),
:mod:`.landscapes` (function / formula / network landscapes), :mod:`.schema` (Scene, View, Display,
OptimizerSettings, Run, Playback), :mod:`.migrations` (MIGRATIONS, migrate), :mod:`.io` (dumps, loads, save, load).
This module re-exports all of them: import from ``engine.scene``.
"""
from __future__ import annotations

from .io import dumps, load, loads, save
from .landscapes import (DatasetSpec, FormulaLandscape, FunctionLandscape, Landscape, NetworkLandscape, SliceSpec,
                         landscape_from_dict)
from .migrations import MIGRATIONS, migrate
from .schema import Display, OptimizerSettings, Playback, Run, Scene, View
from .validate import (ACTIVATIONS, COLORMAPS, DATASETS, FIELD_MODE_ALIASES, FIELD_MODES, LOSSES, MAX_COORD,
                       MAX_FILE_BYTES, MAX_FORMULA_CHARS, MAX_RUNS, MAX_STEPS, PALETTE, RESOLUTION_RANGE,
                       SCENE_FORMAT, SCENE_VERSION, SLICE_CENTRES, SLICE_METHODS, SceneError)

__all__ = [
    "ACTIVATIONS", "COLORMAPS", "DATASETS", "FIELD_MODE_ALIASES", "FIELD_MODES", "LOSSES", "MAX_COORD",
    "MAX_FILE_BYTES", "MAX_FORMULA_CHARS", "MAX_RUNS", "MAX_STEPS", "MIGRATIONS", "PALETTE", "RESOLUTION_RANGE",
    "SCENE_FORMAT", "SCENE_VERSION", "SLICE_CENTRES", "SLICE_METHODS", "DatasetSpec", "Display", "FormulaLandscape",
    "FunctionLandscape", "Landscape", "NetworkLandscape", "OptimizerSettings", "Playback", "Run", "Scene",
    "SceneError", "SliceSpec", "View", "dumps", "landscape_from_dict", "load", "loads", "migrate", "save",
]
