"""Readable, translatable titles of the shipped example scenes (File ▸ Examples); other files are titled from their
names."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

EXAMPLE_TITLES = {  # readable, translatable titles of the shipped examples (others: from the file name)
    "rosenbrock-six-optimizers": QT_TRANSLATE_NOOP("FileActions", "Rosenbrock: six optimizers from one start"),
    "himmelblau-four-basins": QT_TRANSLATE_NOOP("FileActions", "Himmelblau: four starts, four minima"),
    "diverging-learning-rate": QT_TRANSLATE_NOOP("FileActions", "A learning rate that diverges"),
    "saddle-momentum-escapes": QT_TRANSLATE_NOOP("FileActions", "Saddle: GD stalls, momentum escapes"),
    "network-slice": QT_TRANSLATE_NOOP("FileActions", "Network: a slice of a small MLP's loss"),
}


def example_title(path: Path) -> str:
    known = EXAMPLE_TITLES.get(path.stem)
    if known:
        return QCoreApplication.translate("FileActions", known)
    return path.stem.replace("-", " ").replace("_", " ").capitalize()
