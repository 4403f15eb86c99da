"""A network landscape built from its description: dataset → MLP → (trained) centre → slice plane → 2D function.

The description is the scene's ``NetworkLandscape`` object (:mod:`engine.scene`)::

    {"dataset": {"name", "n", "noise", "seed", "test_fraction": 0, "points": [[x1, x2, label], …] (name "csv")},
     "layers": [n_in, …, n_out], "activation": str, "loss": str, "l2": 0,
     "training": {"optimizer": "adam", "lr": 0.01, "steps": 200, "batch_size": 0},
     "slice": {"method", "seed", "centre": "trained" | "init", "batch_size": 0, "options": {…}}}

One function builds it, so the app's network panel and a scene file opened later give the same surface: the data
(a built-in or scikit-learn set, or the points of a CSV file) is split into training and test points
(``test_fraction``, drawn from the dataset's seed), the MLP is initialised from the slice's seed, a "trained" centre is
``training`` (defaults: :data:`TRAIN_STEPS` full-batch Adam steps at :data:`TRAIN_LR`; mini-batches drawn from the
slice's seed) on the training points, and the slice is the training loss plus λ/2·Σ w² (``l2``); runs on it descend
with mini-batches of ``slice.batch_size`` (0: full batch).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

import numpy as np

from . import fast
from .datasets import Dataset, from_arrays, make_dataset, train_test_split
from .mlp import MLP
from .plane import Plane
from .slices import slice_plane
from .training import Cancelled, train

TRAIN_STEPS = 200
TRAIN_LR = 0.01


@dataclass(frozen=True)
class NetworkLandscape:
    """What :func:`build_landscape` made: the training data, the model, the centre θ0, the plane, its 2D function,
    and the held-out test points (None without a split)."""

    dataset: Dataset
    model: MLP
    params: dict
    plane: Plane
    function: Any  # engine.functions.TestFunction over (α, β)
    test: Dataset | None = None


TRAINING = {"optimizer": "adam", "lr": TRAIN_LR, "steps": TRAIN_STEPS, "batch_size": 0}


def make_data(ds: dict) -> tuple[Dataset, Dataset | None]:
    """(training points, test points or None) of the scene's dataset object ``ds``."""
    if ds["name"] == "csv":
        points = np.asarray(ds["points"], dtype=np.float64)
        data = from_arrays(str(ds.get("file") or "csv"), points[:, :2], points[:, 2].astype(np.int64))
    else:
        data = make_dataset(ds["name"], n=ds["n"], noise=ds["noise"], seed=ds["seed"])
    return train_test_split(data, float(ds.get("test_fraction", 0.0)), int(ds.get("seed", 0)))


def build_landscape(spec: dict, progress: Callable[[str], None] | None = None,
                    train_progress: Callable[[float], object] | None = None,
                    fraction: Callable[[float], bool] | None = None) -> NetworkLandscape:
    """Build the landscape described by ``spec`` (see the module docstring); ValueError from the engine if it can't.

    ``progress(stage)`` is told "compiling" (once per process, while the fast path loads: compiled the first time on
    a machine, read from numba's cache after), "training" and "slicing" as the build goes (for a status line);
    ``train_progress(fraction)`` hears how far the centre's training is. ``fraction(done)`` hears the share of the
    build done (training steps counted, the other stages counted as steps of the same cost); when it returns False
    the build stops with :class:`~.training.Cancelled`.
    """
    say = progress or (lambda stage: None)
    if not fast.is_loaded():
        if fast.installed():
            say("compiling")
        fast.load()
    ds, sl = spec["dataset"], spec["slice"]
    data, test = make_data(ds)
    how = {**TRAINING, **dict(spec.get("training") or {})}
    trained = int(how["steps"]) if sl["centre"] == "trained" else 0
    pca = int((sl.get("options") or {}).get("steps", TRAIN_STEPS)) if sl["method"] == "pca" else 0
    total = trained + pca + 1  # + 1: the other work of the slice

    def share(start: int, length: int):
        if fraction is None:
            return None
        return lambda done: fraction((start + done * length) / total)

    def check(done: int) -> None:
        if fraction is not None and fraction(done / total) is False:
            raise Cancelled("cancelled")

    def on_training(done: float):
        if train_progress is not None:
            train_progress(done)
        return None if fraction is None else share(0, trained)(done)

    model = MLP(list(spec["layers"]), activation=spec["activation"], loss=spec["loss"], seed=sl["seed"])
    params = model.init_params()
    l2 = float(spec.get("l2", 0.0))
    if sl["centre"] == "trained":
        say("training")
        path, _ = train(model, params, data.X, data.y, optimizer=how["optimizer"], lr=float(how["lr"]),
                        steps=int(how["steps"]), batch_size=int(how["batch_size"]), l2=l2, seed=sl["seed"],
                        progress=on_training if (fraction or train_progress) else None)
        params = model.unflatten(path[-1])
    say("slicing")
    check(trained)
    options = dict(sl.get("options") or {})
    if pca:
        options["progress"] = share(trained, pca)
    plane = slice_plane(model, params, data.X, data.y, method=sl["method"], seed=sl["seed"], dataset_name=data.name,
                        l2=l2, batch_size=int(sl.get("batch_size", 0)), **options)
    return NetworkLandscape(data, model, params, plane, plane.as_test_function(), test)
