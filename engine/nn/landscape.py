"""A network landscape built from its description: dataset → MLP → (trained) centre → slice plane → 2D function.

The description is the scene's ``NetworkLandscape`` object (:mod:`engine.scene`)::

    {"dataset": {"name", "n", "noise", "seed"}, "layers": [n_in, …, n_out], "activation": str, "loss": str,
     "slice": {"method", "seed", "centre": "trained" | "init", "options": {…}}}

One function builds it, so the app's network panel and a scene file opened later give the same surface: the MLP is
initialised from the slice's seed, and a "trained" centre is :data:`TRAIN_STEPS` Adam steps at :data:`TRAIN_LR`.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from . import fast
from .datasets import Dataset, make_dataset
from .mlp import MLP
from .plane import Plane
from .slices import slice_plane
from .training import Cancelled, train

TRAIN_STEPS = 200
TRAIN_LR = 0.01


@dataclass(frozen=True)
class NetworkLandscape:
    """What :func:`build_landscape` made: the dataset, the model, the centre θ0, the plane and its 2D function."""

    dataset: Dataset
    model: MLP
    params: dict
    plane: Plane
    function: Any  # engine.functions.TestFunction over (α, β)


def build_landscape(spec: dict, progress: Callable[[str], None] | None = None,
                    fraction: Callable[[float], bool] | None = None) -> NetworkLandscape:
    """Build the landscape described by ``spec`` (see the module docstring); ValueError from the engine if it can't.

    ``progress(stage)`` is told "compiling" (once per process, while the fast path loads: compiled the first time on
    a machine, read from numba's cache after), "training" and "slicing" as the build goes (for a status line).
    ``fraction(done)`` hears the share of the build done (training steps counted, the other stages counted as
    steps of the same cost); when it returns False the build stops with :class:`~.training.Cancelled`.
    """
    say = progress or (lambda stage: None)
    if not fast.is_loaded():
        if fast.installed():
            say("compiling")
        fast.load()
    ds, sl = spec["dataset"], spec["slice"]
    trained = TRAIN_STEPS if sl["centre"] == "trained" else 0
    pca = int((sl.get("options") or {}).get("steps", TRAIN_STEPS)) if sl["method"] == "pca" else 0
    total = trained + pca + 1  # + 1: the other work of the slice

    def share(start: int, length: int):
        if fraction is None:
            return None
        return lambda done: fraction((start + done * length) / total)

    def check(done: int) -> None:
        if fraction is not None and fraction(done / total) is False:
            raise Cancelled("cancelled")

    data = make_dataset(ds["name"], n=ds["n"], noise=ds["noise"], seed=ds["seed"])
    model = MLP(list(spec["layers"]), activation=spec["activation"], loss=spec["loss"], seed=sl["seed"])
    params = model.init_params()
    if sl["centre"] == "trained":
        say("training")
        path, _ = train(model, params, data.X, data.y, optimizer="adam", lr=TRAIN_LR, steps=TRAIN_STEPS,
                        progress=share(0, trained))
        params = model.unflatten(path[-1])
    say("slicing")
    check(trained)
    options = dict(sl.get("options") or {})
    if pca:
        options["progress"] = share(trained, pca)
    plane = slice_plane(model, params, data.X, data.y, method=sl["method"], seed=sl["seed"], dataset_name=ds["name"],
                        **options)
    return NetworkLandscape(data, model, params, plane, plane.as_test_function())
