"""The parts of a network landscape that say how it is trained and on what: the centre's training, the points of a
user's CSV file, and the checks of the held-out test fraction, L2 strength and batch sizes (all optional keys, so
that scenes written before them still open and build the same network)."""
from __future__ import annotations

from dataclasses import dataclass

from engine.vocab import OPTIMIZER_NAMES

from .validate import ObjectReader, check_choice, check_int, check_real, fail

MAX_BATCH = 10_000
MAX_TRAIN_STEPS = 100_000     # engine.nn.training's limit
MAX_CSV_POINTS = 10_000       # engine.nn.csv_data.MAX_ROWS
MAX_CLASSES = 10              # engine.nn.csv_data.MAX_CLASSES
MAX_L2 = 10.0
MAX_TEST_FRACTION = 0.9


@dataclass(frozen=True)
class TrainingSpec:
    """``{"optimizer": "adam", "lr": 0.01, "steps": 200, "batch_size": 0}``: how a "trained" centre is trained on
    the training points (batch_size 0: full batch; mini-batches are drawn from the slice's seed). The defaults are the
    training every scene had before this object existed."""

    optimizer: str = "adam"
    lr: float = 0.01
    steps: int = 200
    batch_size: int = 0

    @classmethod
    def from_dict(cls, data: object, where: str) -> TrainingSpec:
        obj = ObjectReader(data, where)
        spec = cls(obj.take("optimizer", check_choice, OPTIMIZER_NAMES, default="adam"),
                   obj.take("lr", check_real, 0.0, 1e3, True, default=0.01),
                   obj.take("steps", check_int, 1, MAX_TRAIN_STEPS, default=200),
                   obj.take("batch_size", check_int, 0, MAX_BATCH, default=0))
        obj.done()
        return spec

    def to_dict(self) -> dict:
        return {"optimizer": self.optimizer, "lr": self.lr, "steps": self.steps, "batch_size": self.batch_size}


def check_points(value: object, where: str) -> tuple[tuple[float, float, int], ...]:
    """The points of a CSV dataset: 4 to MAX_CSV_POINTS rows [x1, x2, label], finite features, labels whole numbers
    0 … k−1 with 2 ≤ k ≤ MAX_CLASSES (as engine.nn.load_csv returns them)."""
    if not isinstance(value, list) or not 4 <= len(value) <= MAX_CSV_POINTS:
        raise fail(where, f"must be a list of 4 to {MAX_CSV_POINTS} rows [x1, x2, label]")
    rows = []
    for i, row in enumerate(value):
        at = f"{where}[{i}]"
        if not isinstance(row, list) or len(row) != 3:
            raise fail(at, "must be a row [x1, x2, label]")
        x1, x2 = check_real(row[0], f"{at}[0]"), check_real(row[1], f"{at}[1]")
        rows.append((x1, x2, check_int(row[2], f"{at}[2]", 0, MAX_CLASSES - 1)))
    labels = {r[2] for r in rows}
    if len(labels) < 2:
        raise fail(where, "has a single class; a classifier needs at least two")
    if labels != set(range(len(labels))):
        raise fail(where, f"labels must be numbered 0 … {len(labels) - 1} without gaps, got {sorted(labels)}")
    return tuple(rows)


def check_test_fraction(value: object, where: str) -> float:
    return check_real(value, where, 0.0, MAX_TEST_FRACTION)


def check_l2(value: object, where: str) -> float:
    return check_real(value, where, 0.0, MAX_L2)


def check_batch(value: object, where: str) -> int:
    return check_int(value, where, 0, MAX_BATCH)


def batch_cost(batch: int, n: int) -> int:
    """Samples a step with this batch size touches (0: all n)."""
    return n if batch == 0 else min(batch, n)
