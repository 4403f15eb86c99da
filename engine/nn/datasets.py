"""Toy datasets, generated deterministically from a seed (no downloads).

``make_dataset(name, n=200, noise=0.1, seed=0) -> Dataset``. Classification sets live roughly in [−1.5, 1.5]²;
``noise`` is the standard deviation of Gaussian jitter added to the inputs (classification) or to the targets
(regression); for ``blobs`` it is added to a base cluster spread of 0.3.

========  ==========  =========================================================================
name      task        X, y
========  ==========  =========================================================================
xor       binary      X uniform in [−1, 1]², y = [x₀·x₁ > 0]
moons     binary      two interleaved half circles
circles   binary      two concentric circles (radii 1 and 0.5), y = 1 inside
spirals   binary      two interleaved spirals (1.5 turns each)
blobs     multiclass  three Gaussian clusters on a circle of radius 1.2, y ∈ {0, 1, 2}
linear    regression  x uniform in [−1, 1], y = 1.5·x − 0.5
sine      regression  x uniform in [−π, π], y = sin x
========  ==========  =========================================================================

Beside them: scikit-learn's sets (:mod:`.sklearn_data`, optional: "iris", "breast-cancer", "wine", "sklearn-moons",
…), and a user's CSV file (:mod:`.csv_data`, :func:`from_arrays`). :func:`train_test_split` holds out a test set.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import sklearn_data

Array = np.ndarray
MAX_POINTS = 100_000


@dataclass(frozen=True)
class Dataset:
    """X: (N, n_features) float64. y: (N,) float64 (binary 0/1, regression) or int64 labels (multiclass).
    task: "binary" | "regression" | "multiclass". n_classes: 2 for binary, k for multiclass, 0 for regression."""

    name: str
    X: Array
    y: Array
    task: str
    n_classes: int

    @property
    def n_features(self) -> int:
        return int(self.X.shape[1])

    def __len__(self) -> int:
        return int(self.X.shape[0])


def _xor(n, rng):
    X = rng.uniform(-1.0, 1.0, size=(n, 2))
    return X, (X[:, 0] * X[:, 1] > 0).astype(np.float64)


def _halves(n):
    """Class sizes n//2 and n − n//2 with labels 0 then 1."""
    n0 = n // 2
    return n0, n - n0, np.r_[np.zeros(n0), np.ones(n - n0)]


def _moons(n, rng):
    n0, n1, y = _halves(n)
    t0, t1 = rng.uniform(0, np.pi, n0), rng.uniform(0, np.pi, n1)
    outer = np.c_[np.cos(t0), np.sin(t0)]
    inner = np.c_[1.0 - np.cos(t1), 0.5 - np.sin(t1)]
    return np.r_[outer, inner] - [0.5, 0.25], y


def _circles(n, rng):
    n0, n1, y = _halves(n)
    t = rng.uniform(0, 2 * np.pi, n)
    r = np.r_[np.ones(n0), 0.5 * np.ones(n1)]
    return np.c_[r * np.cos(t), r * np.sin(t)], y


def _spirals(n, rng):
    n0, n1, y = _halves(n)
    s = np.sqrt(rng.uniform(0.02, 1.0, n))          # sqrt: even density along the arc
    angle = 3.0 * np.pi * s + np.pi * y
    return 1.4 * np.c_[s * np.cos(angle), s * np.sin(angle)], y


def _blobs(n, rng, noise):
    y = np.arange(n) % 3
    angles = 2 * np.pi * np.arange(3) / 3 + np.pi / 2
    centres = 1.2 * np.c_[np.cos(angles), np.sin(angles)]
    return centres[y] + rng.normal(0.0, 0.3 + noise, size=(n, 2)), y.astype(np.int64)


def _regression(n, rng, noise, f, lo, hi):
    x = rng.uniform(lo, hi, size=(n, 1))
    return x, f(x[:, 0]) + noise * rng.normal(size=n)


_SKLEARN_TASKS = {name: "binary" if k == 2 else "multiclass" for name, k in sklearn_data.CLASSES.items()}
_BINARY = {"xor": _xor, "moons": _moons, "circles": _circles, "spirals": _spirals}
_TASKS = {"xor": "binary", "moons": "binary", "circles": "binary", "spirals": "binary", "blobs": "multiclass",
          "linear": "regression", "sine": "regression", **_SKLEARN_TASKS}
FEATURES = {name: 1 if task == "regression" else 2 for name, task in _TASKS.items()}   # inputs per sample


def dataset_names() -> list[str]:
    """Names of the built-in sets, in display order (:func:`make_dataset` also takes :func:`sklearn_names`)."""
    return [name for name in _TASKS if name not in sklearn_data.NAMES]


def sklearn_names() -> list[str]:
    """Names of scikit-learn's sets :func:`make_dataset` takes (each needs scikit-learn installed)."""
    return list(sklearn_data.NAMES)


def dataset_task(name: str) -> str:
    """"binary" | "multiclass" | "regression" for a dataset name."""
    _check_name(name)
    return _TASKS[name]


def _check_name(name: str) -> None:
    if name not in _TASKS:
        raise ValueError(f"unknown dataset {name!r}; choose one of {', '.join(_TASKS)}")


def make_dataset(name: str, n: int = 200, noise: float = 0.1, seed: int = 0) -> Dataset:
    """The dataset ``name`` with ``n`` points; the same (name, n, noise, seed) always gives the same arrays."""
    _check_name(name)
    if not isinstance(n, (int, np.integer)) or not 4 <= n <= MAX_POINTS:
        raise ValueError(f"dataset size must be a whole number between 4 and {MAX_POINTS}, got {n!r}")
    if not np.isfinite(noise) or noise < 0:
        raise ValueError(f"noise must be a finite number ≥ 0, got {noise!r}")
    rng = np.random.default_rng(seed)
    task = _TASKS[name]
    if name in sklearn_data.NAMES:
        X, y = sklearn_data.load(name, int(n), float(noise), int(seed))
        return from_arrays(name, X, y)
    if name in _BINARY:
        X, y = _BINARY[name](n, rng)
        X = X + noise * rng.normal(size=X.shape)
        return Dataset(name, X, y, task, 2)
    if name == "blobs":
        X, y = _blobs(n, rng, noise)
        return Dataset(name, X, y, task, 3)
    if name == "linear":
        X, y = _regression(n, rng, noise, lambda x: 1.5 * x - 0.5, -1.0, 1.0)
    else:
        X, y = _regression(n, rng, noise, np.sin, -np.pi, np.pi)
    return Dataset(name, X, y, task, 0)


def from_arrays(name: str, X: Array, y: Array) -> Dataset:
    """A classification Dataset from features X (N, 2) and whole-number labels y (N,) 0 … k−1 (a CSV file, a
    scikit-learn set): binary (y as 0.0/1.0) for two classes, multiclass otherwise."""
    X = np.asarray(X, dtype=np.float64)
    y = np.asarray(y).astype(np.int64)
    k = int(y.max()) + 1
    if k <= 2:
        return Dataset(name, X, y.astype(np.float64), "binary", 2)
    return Dataset(name, X, y, "multiclass", k)


def train_test_split(data: Dataset, test_fraction: float, seed: int = 0) -> tuple[Dataset, Dataset | None]:
    """(train, test): a seeded random ``test_fraction`` of the points held out (rounded, at least one point), the rest
    for training (at least two points); (data, None) for a fraction of 0."""
    if not np.isfinite(test_fraction) or not 0 <= test_fraction < 1:
        raise ValueError(f"the test fraction must be a number in [0, 1), got {test_fraction!r}")
    n = len(data)
    if test_fraction == 0:
        return data, None
    n_test = max(1, int(round(test_fraction * n)))
    if n - n_test < 2:
        raise ValueError(f"a test fraction of {test_fraction:g} leaves {n - n_test} of {n} points for training; "
                         "lower it or use more points")
    order = np.random.default_rng([int(seed), 0x7e57]).permutation(n)
    test, train = np.sort(order[:n_test]), np.sort(order[n_test:])
    part = lambda rows: Dataset(data.name, data.X[rows], data.y[rows], data.task, data.n_classes)  # noqa: E731
    return part(train), part(test)
