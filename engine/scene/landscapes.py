"""The three kinds of landscape a scene can show (catalogue function, typed formula, network loss slice), the
dataset and slice specifications of a network, and :func:`landscape_from_dict`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union

from engine import functions

from .validate import (ACTIVATIONS, DATASETS, LOSSES, MAX_FORMULA_CHARS, SLICE_CENTRES, SLICE_METHODS, check_choice,
                       fail, check_int, ObjectReader, check_real, check_text)


@dataclass(frozen=True)
class FunctionLandscape:
    """``{"kind": "function", "name": str}``: a function of the catalogue (``engine.functions.names()``)."""

    name: str
    kind: ClassVar[str] = "function"

    @classmethod
    def from_dict(cls, obj: ObjectReader) -> FunctionLandscape:
        name = obj.take("name", check_text)
        try:
            functions.get(name)
        except KeyError as err:
            raise fail(obj.at("name"), str(err.args[0])) from None
        return cls(name)

    def to_dict(self) -> dict:
        return {"kind": self.kind, "name": self.name}


def _check_formula(text: str, where: str) -> None:
    """Refuse text the formula parser refuses; without engine.formula.parse, only bound what it may contain."""
    try:
        from engine.formula import FormulaError, parse
    except ImportError:  # the parser is not there: accept only short, plain formula-like text
        if not re.fullmatch(r"[A-Za-z0-9_ .+\-*/^(),]*", text):
            raise fail(where, "contains characters a formula cannot contain") from None
        return
    try:
        parse(text)
    except FormulaError as err:
        raise fail(where, f"formula refused: {str(err)[:200]}") from None
    except (ValueError, ArithmeticError, RecursionError, MemoryError) as err:
        raise fail(where, f"formula refused ({type(err).__name__}: {err})") from None


@dataclass(frozen=True)
class FormulaLandscape:
    """``{"kind": "formula", "text": str}``: f(x, y) typed by the user, at most 500 characters, accepted by
    ``engine.formula.parse``."""

    text: str
    kind: ClassVar[str] = "formula"

    @classmethod
    def from_dict(cls, obj: ObjectReader) -> FormulaLandscape:
        text = obj.take("text", check_text, MAX_FORMULA_CHARS)
        if not text.strip():
            raise fail(obj.at("text"), "is empty")
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
        obj = ObjectReader(data, where)
        spec = cls(obj.take("name", check_choice, tuple(DATASETS)), obj.take("n", check_int, 10, 10_000, default=200),
                   obj.take("noise", check_real, 0.0, 5.0, default=0.1),
                   obj.take("seed", check_int, 0, 2**32 - 1, default=0))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        return {"name": self.name, "n": self.n, "noise": self.noise, "seed": self.seed}


def _options(value: object, where: str) -> dict[str, Any]:
    obj = ObjectReader(value, where)
    if len(obj.data) > 20:
        raise fail(where, f"has {len(obj.data)} entries, at most 20")
    result: dict[str, Any] = {}
    for key, item in obj.data.items():
        check_text(key, f"{where} key", 40)
        if isinstance(item, str):
            result[key] = check_text(item, obj.at(key))
        elif isinstance(item, bool) or item is None:
            result[key] = item
        else:
            result[key] = item if isinstance(item, int) and abs(item) < 2**53 else check_real(item, obj.at(key))
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
        obj = ObjectReader(data, where)
        spec = cls(obj.take("method", check_choice, SLICE_METHODS, default="random"),
                   obj.take("seed", check_int, 0, 2**32 - 1, default=0),
                   obj.take("centre", check_choice, SLICE_CENTRES, default="trained"),
                   obj.take("options", _options, default={}))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        return {"method": self.method, "seed": self.seed, "centre": self.centre, "options": dict(self.options)}


def _layers(value: object, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not 2 <= len(value) <= 10:
        raise fail(where, "must be a list of 2 to 10 layer sizes")
    return tuple(check_int(size, f"{where}[{i}]", 1, 64) for i, size in enumerate(value))


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
    def from_dict(cls, obj: ObjectReader) -> NetworkLandscape:
        dataset = DatasetSpec.from_dict(obj.take("dataset", lambda v, w: v), obj.at("dataset"))
        layers = obj.take("layers", _layers)
        if layers[0] != DATASETS[dataset.name]:
            raise fail(obj.at("layers[0]"), f"must be {DATASETS[dataset.name]} (the inputs of "
                        f"{dataset.name}), got {layers[0]}")
        return cls(dataset, layers, obj.take("activation", check_choice, ACTIVATIONS, default="tanh"),
                   obj.take("loss", check_choice, LOSSES, default="bce"),
                   SliceSpec.from_dict(obj.take("slice", lambda v, w: v, default={}), obj.at("slice")))

    def to_dict(self) -> dict:
        return {"kind": self.kind, "dataset": self.dataset.to_dict(), "layers": list(self.layers),
                "activation": self.activation, "loss": self.loss, "slice": self.slice.to_dict()}


Landscape = Union[FunctionLandscape, FormulaLandscape, NetworkLandscape]
_KINDS = {c.kind: c for c in (FunctionLandscape, FormulaLandscape, NetworkLandscape)}


def landscape_from_dict(data: object, where: str = "landscape") -> Landscape:
    """Validate one landscape object (``FunctionLandscape.to_dict()`` etc.); SceneError otherwise."""
    return read_landscape(data, where)


def read_landscape(value: object, where: str) -> Landscape:
    obj = ObjectReader(value, where)
    kind = obj.take("kind", check_choice, tuple(_KINDS))
    landscape = _KINDS[kind].from_dict(obj)
    obj.done()
    return landscape
