"""The three kinds of landscape a scene can show (catalogue function, typed formula, network loss slice), the
dataset and slice specifications of a network, and :func:`landscape_from_dict`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Union

from engine import functions
from engine.vocab import USER_DATASET

from . import network_extras as extras
from .validate import (ACTIVATIONS, DATASETS, LOSSES, MAX_FORMULA_CHARS, SLICE_CENTRES, SLICE_METHODS, ObjectReader,
                       check_bool, check_choice, check_int, check_real, check_text, fail)


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
    """``{"name": str, "n": int = 200, "noise": float = 0.1, "seed": int = 0, "test_fraction": float = 0}``: a toy or
    scikit-learn dataset (one of ``DATASETS``), n in 10..10000 points, noise in [0, 5], seed in 0..2³²−1, and the
    fraction of the points held out for testing (0..0.9, drawn from the seed). ``"name": "csv"`` is a user's file:
    ``"points": [[x1, x2, label], …]`` (its data, so that the scene stands alone) and ``"file"`` (its name, shown)."""

    name: str
    n: int = 200
    noise: float = 0.1
    seed: int = 0
    test_fraction: float = 0.0
    points: tuple | None = None
    file: str = ""

    @classmethod
    def from_dict(cls, data: object, where: str) -> DatasetSpec:
        obj = ObjectReader(data, where)
        name = obj.take("name", check_choice, (*DATASETS, USER_DATASET))
        n = obj.take("n", check_int, 1 if name == USER_DATASET else 10, 10_000, default=200)  # a file: its rows
        noise = obj.take("noise", check_real, 0.0, 5.0, default=0.1)
        seed = obj.take("seed", check_int, 0, 2**32 - 1, default=0)
        test = obj.take("test_fraction", extras.check_test_fraction, default=0.0)
        points, file = None, ""
        if name == USER_DATASET:
            points = obj.take("points", extras.check_points)
            file = obj.take("file", check_text, 200, default="")
            n = len(points)
        obj.done()
        return cls(name, n, noise, seed, test, points, file)

    def to_dict(self) -> dict:
        out = {"name": self.name, "n": self.n, "noise": self.noise, "seed": self.seed}
        if self.test_fraction:
            out["test_fraction"] = self.test_fraction
        if self.points is not None:
            out.update(points=[list(p) for p in self.points], file=self.file)
        return out

    @property
    def samples(self) -> int:
        """Points the dataset has (the fixed scikit-learn sets ignore n)."""
        from engine.nn.sklearn_data import SIZES
        return SIZES.get(self.name, self.n)


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


# The options each slice method of engine.nn.slices.slice_plane reads, with their checks. "pca" also passes any
# further key to the optimizer as a hyper-parameter; engine.optimizers.make checks those names and ranges.
PCA_MAX_STEPS = 100_000  # engine.nn.training's limit
_SLICE_OPTIONS: dict[str, dict[str, tuple]] = {
    "params": {"param_a": (check_text, 40), "param_b": (check_text, 40)},
    "random": {"normalization": (check_choice, ("filter", "none")), "orthogonalize": (check_bool,), "ignore_biases": (check_bool,)},
    "pca": {"optimizer": (check_choice, None), "lr": (check_real, 0.0, 1e3, True), "steps": (check_int, 1, PCA_MAX_STEPS)},
    "hessian": {},
}


def _slice_options(method: str, options: dict[str, Any], where: str) -> dict[str, Any]:
    """``options`` checked for ``method``: known keys, right types, values in range; SceneError otherwise."""
    known = _SLICE_OPTIONS[method]
    checked: dict[str, Any] = {}
    hyper: dict[str, Any] = {}
    for key, value in options.items():
        at = f"{where}.{key}"
        if key in known:
            check, *args = known[key]
            if check is check_choice and args == [None]:
                args = [_optimizer_names()]
            checked[key] = check(value, at, *args)
        elif method == "pca":
            hyper[key] = check_real(value, at)
        else:
            allowed = ", ".join(known) or "none"
            raise fail(at, f"is not an option of the {method!r} slice (its options: {allowed})")
    if method == "pca":
        from engine.optimizers import make
        try:
            make(checked.get("optimizer", "adam"), checked.get("lr", 0.01), **hyper)
        except ValueError as err:
            raise fail(where, str(err)) from None
    return {**checked, **hyper}


def _optimizer_names() -> tuple[str, ...]:
    from engine.optimizers import OPTIMIZERS
    return tuple(OPTIMIZERS)


def _check_params_names(options: dict[str, Any], layers: tuple[int, ...], where: str) -> None:
    """param_a / param_b name existing, different parameters of this network (defaults as slice_plane's)."""
    from engine.nn.params import parse_name
    names = {"param_a": options.get("param_a", "W1[0,0]"), "param_b": options.get("param_b", f"b{len(layers) - 1}[0]")}
    for key, name in names.items():
        try:
            parse_name(name, layers)
        except ValueError as err:
            raise fail(f"{where}.{key}", str(err)) from None
    if parse_name(names["param_a"], layers) == parse_name(names["param_b"], layers):
        raise fail(where, f"param_a and param_b must be two different parameters (both are {names['param_a']!r})")


@dataclass(frozen=True)
class SliceSpec:
    """``{"method": one of SLICE_METHODS = "random", "seed": int = 0, "centre": "trained"|"init" = "trained",
    "options": {}, "batch_size": 0}``: the 2D plane through parameter space that is drawn (runs on it descend with
    mini-batch gradients of ``batch_size`` points, 0: full batch). ``options``: the keyword options of
    ``engine.nn.slices.slice_plane`` for the method, each checked (``_SLICE_OPTIONS``): "random" normalization
    ("filter"/"none"), orthogonalize, ignore_biases; "params" param_a, param_b (names of this network's parameters);
    "pca" optimizer, lr (0, 1000], steps 1..100000 and the optimizer's hyper-parameters; "hessian" none."""

    method: str = "random"
    seed: int = 0
    centre: str = "trained"
    options: dict[str, Any] = field(default_factory=dict)
    batch_size: int = 0

    @classmethod
    def from_dict(cls, data: object, where: str) -> SliceSpec:
        obj = ObjectReader(data, where)
        method = obj.take("method", check_choice, SLICE_METHODS, default="random")
        spec = cls(method, obj.take("seed", check_int, 0, 2**32 - 1, default=0),
                   obj.take("centre", check_choice, SLICE_CENTRES, default="trained"),
                   _slice_options(method, obj.take("options", _options, default={}), obj.at("options")),
                   obj.take("batch_size", extras.check_batch, default=0))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        out = {"method": self.method, "seed": self.seed, "centre": self.centre, "options": dict(self.options)}
        if self.batch_size:
            out["batch_size"] = self.batch_size   # runs on the slice descend with mini-batch gradients
        return out


def _layers(value: object, where: str) -> tuple[int, ...]:
    if not isinstance(value, list) or not 2 <= len(value) <= 10:
        raise fail(where, "must be a list of 2 to 10 layer sizes")
    return tuple(check_int(size, f"{where}[{i}]", 1, 64) for i, size in enumerate(value))


@dataclass(frozen=True)
class NetworkLandscape:
    """``{"kind": "network", "dataset": DatasetSpec, "layers": [int, ...], "activation": str = "tanh",
    "loss": str = "bce", "l2": float = 0, "training": TrainingSpec = {}, "slice": SliceSpec = {}}``: the loss of a
    small MLP over a 2D slice of its parameters. layers: 2..10 sizes in 1..64, the first equal to the dataset's
    number of inputs; l2: λ in [0, 10] of the λ/2·Σ w² added to the loss; training: how a trained centre is trained."""

    dataset: DatasetSpec
    layers: tuple[int, ...]
    activation: str = "tanh"
    loss: str = "bce"
    slice: SliceSpec = field(default_factory=SliceSpec)
    l2: float = 0.0
    training: extras.TrainingSpec = field(default_factory=extras.TrainingSpec)
    kind: ClassVar[str] = "network"

    @classmethod
    def from_dict(cls, obj: ObjectReader) -> NetworkLandscape:
        dataset = DatasetSpec.from_dict(obj.take("dataset", lambda v, w: v), obj.at("dataset"))
        layers = obj.take("layers", _layers)
        inputs = DATASETS.get(dataset.name, 2)          # a CSV file has two features
        if layers[0] != inputs:
            raise fail(obj.at("layers[0]"), f"must be {inputs} (the inputs of "
                        f"{dataset.name}), got {layers[0]}")
        activation = obj.take("activation", check_choice, ACTIVATIONS, default="tanh")
        loss = obj.take("loss", check_choice, LOSSES, default="bce")
        spec = SliceSpec.from_dict(obj.take("slice", lambda v, w: v, default={}), obj.at("slice"))
        if spec.method == "params":
            _check_params_names(spec.options, layers, obj.at("slice.options"))
        l2 = obj.take("l2", extras.check_l2, default=0.0)
        training = extras.TrainingSpec.from_dict(obj.take("training", lambda v, w: v, default={}), obj.at("training"))
        return cls(dataset, layers, activation, loss, spec, l2, training)

    def to_dict(self) -> dict:
        out = {"kind": self.kind, "dataset": self.dataset.to_dict(), "layers": list(self.layers),
               "activation": self.activation, "loss": self.loss, "slice": self.slice.to_dict()}
        if self.l2:
            out["l2"] = self.l2
        if self.training != extras.TrainingSpec():
            out["training"] = self.training.to_dict()
        return out


# The work of a network landscape, in multiply-adds of the network (a forward pass of one sample costs about as many
# as it has parameters): the surface evaluates every sample at every grid point, training and runs take a forward
# and backward pass (about 3 forward passes) per step, the Hessian slice about 3·P gradients. A 2-16-16-1 net on
# 512 samples over a 101² grid is 1.8e9 of them (~1.5 s of NumPy on our machines); the budget is ~10 times that,
# so that no scene within the schema's limits can start hours of silent work (64×8 hidden units, 10,000 samples
# and a 2000² grid would be 1.2e15).
MAX_NETWORK_WORK = 2e10
TRAIN_STEPS = 200  # engine.nn.landscape.TRAIN_STEPS: the training that gives a "trained" centre
_TYPICAL = {"samples": 200, "parameters": 337, "grid points": 120 ** 2, "steps": 2000}  # what a lesson uses


def network_parameters(layers: tuple[int, ...]) -> int:
    """Weights and biases of an MLP with these layer sizes."""
    return sum(a * b + b for a, b in zip(layers, layers[1:]))


def network_work(landscape: NetworkLandscape, resolution: int, run_steps=()) -> tuple[float, dict[str, float]]:
    """(multiply-adds, the factors) needed to build and draw ``landscape`` at ``resolution`` with these runs. A step
    on a mini-batch of B points costs 3·B forward passes (the runs' recorded loss adds a forward pass of all n)."""
    n, params = landscape.dataset.samples, network_parameters(landscape.layers)
    train_steps = landscape.training.steps if landscape.slice.centre == "trained" else 0
    pca_steps = int(landscape.slice.options.get("steps", TRAIN_STEPS)) if landscape.slice.method == "pca" else 0
    runs = sum(run_steps)

    def per_step(batch: int) -> int:     # full batch: forward + backward on n; mini-batch: on B, plus the loss on n
        return 3 * n if batch == 0 else 3 * extras.batch_cost(batch, n) + n

    samples = (n * resolution ** 2 + train_steps * per_step(landscape.training.batch_size) + pca_steps * 3 * n
               + runs * per_step(landscape.slice.batch_size) + (3 * params * n if landscape.slice.method == "hessian"
                                                                 else 0))
    steps = runs + train_steps + pca_steps
    factors = {"samples": n, "parameters": params, "grid points": resolution ** 2, "steps": max(steps, 1)}
    return float(samples) * params, factors


def check_network_work(landscape: NetworkLandscape, resolution: int, run_steps=(), where: str = "landscape") -> None:
    """SceneError when the network landscape needs more than MAX_NETWORK_WORK, naming the setting furthest above
    what a lesson uses, so that the user knows what to lower."""
    work, factors = network_work(landscape, resolution, run_steps)
    if work <= MAX_NETWORK_WORK:
        return
    largest = max(factors, key=lambda k: factors[k] / _TYPICAL[k])
    setting = {"samples": f"dataset.n ({landscape.dataset.n:,})",
               "parameters": f"the layer sizes ({'-'.join(map(str, landscape.layers))}: {factors['parameters']:,} "
                             "parameters)",
               "grid points": f"the resolution ({resolution:,})",
               "steps": f"the steps of the runs and the training ({factors['steps']:,})"}[largest]
    raise fail(where, f"this network landscape needs about {work:.1e} operations ({landscape.dataset.n:,} samples × "
                f"{factors['parameters']:,} parameters × {resolution:,}² grid points, plus training); at most "
                f"{MAX_NETWORK_WORK:.0e}: lower {setting}")


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
