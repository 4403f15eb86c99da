"""scikit-learn's bundled datasets beside the built-in ones (an optional extra: ``pip install descent-lab[datasets]``).

Fixed sets are read from the files scikit-learn ships (no download); generated sets use scikit-learn's generators
with the dataset's n, noise and seed. Every set is reduced to two features and standardised (zero mean, unit variance
per feature), so that it lives in the same few units as the built-in sets.

=====================  ======  ==========================================================================
name                   n       source
=====================  ======  ==========================================================================
iris                   150     ``load_iris``: petal length and width, 3 species
breast-cancer          569     ``load_breast_cancer``: mean radius and mean texture, malignant / benign
wine                   178     ``load_wine``: alcohol and flavanoids, 3 cultivars
sklearn-moons          n       ``make_moons(n, noise, random_state=seed)``
sklearn-circles        n       ``make_circles(n, noise, factor=0.5, random_state=seed)``
sklearn-classification n       ``make_classification(n, 2 informative features, random_state=seed)``
=====================  ======  ==========================================================================
"""
from __future__ import annotations

import importlib.util

import numpy as np

FIXED = {"iris": ("load_iris", [2, 3]), "breast-cancer": ("load_breast_cancer", [0, 1]),
         "wine": ("load_wine", [0, 6])}
GENERATED = ("sklearn-moons", "sklearn-circles", "sklearn-classification")
NAMES = (*FIXED, *GENERATED)
CLASSES = {"iris": 3, "breast-cancer": 2, "wine": 3, "sklearn-moons": 2, "sklearn-circles": 2,
           "sklearn-classification": 2}
SIZES = {"iris": 150, "breast-cancer": 569, "wine": 178}   # fixed sets: n and noise do not apply


def installed() -> bool:
    """Whether scikit-learn can be imported (without importing it)."""
    return importlib.util.find_spec("sklearn") is not None


def _standardise(X: np.ndarray) -> np.ndarray:
    return (X - X.mean(axis=0)) / np.maximum(X.std(axis=0), 1e-12)


def load(name: str, n: int, noise: float, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """(X (N, 2) float64, y (N,) labels) of the scikit-learn set ``name``; ValueError when scikit-learn is missing."""
    if not installed():
        raise ValueError(f"the dataset {name!r} needs scikit-learn, which is not installed "
                         f"(pip install 'descent-lab[datasets]')")
    import sklearn.datasets as skd

    if name in FIXED:
        loader, columns = FIXED[name]
        bunch = getattr(skd, loader)()
        X, y = bunch.data[:, columns], bunch.target
    elif name == "sklearn-moons":
        X, y = skd.make_moons(n_samples=n, noise=noise, random_state=seed)
    elif name == "sklearn-circles":
        X, y = skd.make_circles(n_samples=n, noise=noise, factor=0.5, random_state=seed)
    else:
        X, y = skd.make_classification(n_samples=n, n_features=2, n_informative=2, n_redundant=0,
                                       n_clusters_per_class=1, flip_y=min(noise, 0.5), random_state=seed)
    return _standardise(np.asarray(X, dtype=np.float64)), np.asarray(y, dtype=np.int64)
