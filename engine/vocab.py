"""Every vocabulary a scene, the app and the CLI choose from, in one place.

Each list is defined where its meaning is implemented and gathered here (optimizers and their hyper-parameters in
:mod:`engine.optimizers`, activations, losses, datasets and slice methods in :mod:`engine.nn`); the ones that only
name a display choice (colour maps, field modes, slice centres) are defined here. Scene validation reads this
module; so should the app. Plain NumPy imports only: no numba, no Qt.
"""
from __future__ import annotations

from engine.nn.activations import ACTIVATIONS as _ACTIVATION_FUNCTIONS
from engine.nn.datasets import FEATURES
from engine.nn.losses import LOSSES
from engine.nn.slices import METHODS
from engine.optimizers import OPTIMIZERS, Hyper

__all__ = ["ACTIVATIONS", "COLORMAPS", "DATASETS", "FIELD_MODES", "FIELD_MODE_ALIASES", "Hyper", "LOSSES",
           "OPTIMIZERS", "OPTIMIZER_NAMES", "SLICE_CENTRES", "SLICE_METHODS", "USER_DATASET", "hyper_parameters"]

OPTIMIZER_NAMES: tuple[str, ...] = tuple(OPTIMIZERS)       # display order: gd, momentum, nesterov, adagrad, ...


def hyper_parameters(optimizer: str) -> dict[str, Hyper]:
    """{name: Hyper(default, low, high, …)} of ``optimizer``; KeyError for an unknown name."""
    return dict(OPTIMIZERS[optimizer].hypers)


COLORMAPS: tuple[str, ...] = ("viridis", "plasma", "inferno", "magma", "cividis", "turbo")   # matplotlib's names
FIELD_MODES: tuple[str, ...] = ("descent", "ascent")   # arrows along −∇f (downhill) or +∇f (uphill)
FIELD_MODE_ALIASES = {"gradient": "ascent"}            # an early spelling of "ascent", still read
ACTIVATIONS: tuple[str, ...] = tuple(_ACTIVATION_FUNCTIONS)
DATASETS: dict[str, int] = dict(FEATURES)               # dataset name -> input features per sample
USER_DATASET = "csv"                                    # a user's CSV file (two features), its points in the scene
SLICE_METHODS: tuple[str, ...] = METHODS
SLICE_CENTRES: tuple[str, ...] = ("trained", "init")
