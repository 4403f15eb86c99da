"""The Network panel's "Training" group and its data sources: how the slice's centre is trained (optimizer, learning
rate, steps, mini-batch size), the L2 strength λ of the loss, the held-out test fraction, the mini-batch size of runs
on the slice; scikit-learn's datasets in the dataset list, and a user's CSV file (Open CSV…).

The widgets write the scene keys ``training``, ``l2``, ``dataset.test_fraction``, ``slice.batch_size`` and, for a CSV
file, ``dataset.points`` / ``dataset.file`` (:meth:`NetworkTrainingBox.complete`), and follow a landscape opened from
a scene (:meth:`NetworkTrainingBox.show_source`).
"""
from __future__ import annotations

import os

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import (QComboBox, QDoubleSpinBox, QFileDialog, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QPushButton, QSpinBox, QWidget)

from app.model.landscapes import RECOMMENDED_TRAINING
from app.i18n import engine_text
from app.engine_errors import error_text
from engine import nn, vocab
from engine.optimizers import OPTIMIZERS
from engine.nn import sklearn_data
from engine.nn.datasets import dataset_task

SKLEARN_TITLES = {
    "iris": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Iris (scikit-learn, petal length and width)"),
    "breast-cancer": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Breast cancer (scikit-learn, radius and texture)"),
    "wine": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Wine (scikit-learn, alcohol and flavanoids)"),
    "sklearn-moons": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Moons (scikit-learn make_moons)"),
    "sklearn-circles": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Circles (scikit-learn make_circles)"),
    "sklearn-classification": QT_TRANSLATE_NOOP("NetworkTrainingBox", "Two clusters (scikit-learn make_classification)"),
}
OLD_TRAINING = {"optimizer": "adam", "lr": 0.01, "steps": 200, "batch_size": 0}  # a scene without "training"


class NetworkTrainingBox(QGroupBox):
    """See the module docstring. ``panel`` is the Network panel (its dataset widgets, failure display and Build)."""

    def __init__(self, panel) -> None:
        super().__init__()
        self.setTitle(self.tr("Training"))
        self.setObjectName("networkTraining")
        self.panel = panel
        self.csv: tuple[str, list] | None = None    # (file name, points [[x1, x2, label], …]) of the opened file
        self.optimizer = QComboBox()
        for name in vocab.OPTIMIZER_NAMES:
            self.optimizer.addItem(engine_text(OPTIMIZERS[name].title), name)
        self.optimizer.setToolTip(self.tr("Optimizer that trains the slice's centre (all parameters)"))
        self.lr = QDoubleSpinBox(minimum=1e-5, maximum=10.0, decimals=5, singleStep=0.005)
        self.lr.setToolTip(self.tr("Learning rate of the centre's training"))
        self.steps = QSpinBox(minimum=1, maximum=100_000, singleStep=100)
        self.steps.setToolTip(self.tr("Training steps before slicing (shown as progress while the network trains)"))
        self.batch = self._batch_box(self.tr("Mini-batch size of the centre's training: each step follows the "
                                             "gradient on this many points drawn without replacement, a new "
                                             "shuffle each epoch (full batch: every point, every step)"))
        self.run_batch = self._batch_box(self.tr("Mini-batch size of runs on the slice: each iteration follows the "
                                                 "in-plane gradient on a batch of points (drawn from the slice's "
                                                 "seed), so the path wobbles; the loss curve is the loss on all "
                                                 "training points"))
        self.l2 = QDoubleSpinBox(minimum=0.0, maximum=10.0, decimals=4, singleStep=0.001)
        self.l2.setSpecialValueText(self.tr("none"))
        self.l2.setToolTip(self.tr("L2 regularisation (weight decay): the loss becomes L + λ/2·Σw² over the "
                                   "weights (not the biases); the surface, the training and the runs all use it"))
        self.test = QDoubleSpinBox(minimum=0.0, maximum=0.9, decimals=2, singleStep=0.05)
        self.test.setSpecialValueText(self.tr("none"))
        self.test.setToolTip(self.tr("Fraction of the points held out as a test set (drawn from the data seed): "
                                     "the network trains on the rest, and the test loss and accuracy are shown"))
        self.open_button = QPushButton(self.tr("Open &CSV…"))
        self.open_button.setToolTip(self.tr("Train on your own data: a CSV file with two feature columns and a "
                                            "label column (whole numbers), header optional"))
        self.csv_row = QWidget()
        row = QHBoxLayout(self.csv_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.open_button)
        row.addStretch(1)

        f = QFormLayout(self)
        line = QHBoxLayout()
        line.addWidget(self.optimizer)
        line.addWidget(QLabel("η"))
        line.addWidget(self.lr)
        f.addRow(self.tr("Optimizer"), line)
        line = QHBoxLayout()
        line.addWidget(self.steps)
        line.addWidget(QLabel(self.tr("batch")))
        line.addWidget(self.batch)
        f.addRow(self.tr("Steps"), line)
        f.addRow(self.tr("L2 λ"), self.l2)
        f.addRow(self.tr("Test fraction"), self.test)
        f.addRow(self.tr("Runs' batch"), self.run_batch)
        self._add_sklearn_entries()
        self.open_button.clicked.connect(self.choose_csv)
        panel.dataset.currentIndexChanged.connect(self._on_dataset)
        self.show_source({"training": RECOMMENDED_TRAINING})

    def _batch_box(self, tip: str) -> QSpinBox:
        box = QSpinBox(minimum=0, maximum=10_000, singleStep=8)
        box.setSpecialValueText(self.tr("full batch"))
        box.setToolTip(tip)
        return box

    def _add_sklearn_entries(self) -> None:
        combo, ready = self.panel.dataset, sklearn_data.installed()
        for name in nn.sklearn_names():
            title = self.tr(SKLEARN_TITLES.get(name, name))
            combo.addItem(title if ready else self.tr("{title} — needs scikit-learn").format(title=title), name)
            index = combo.count() - 1
            if not ready:
                combo.model().item(index).setEnabled(False)
                combo.setItemData(index, self.tr("scikit-learn is not installed: pip install "
                                                 "'descent-lab[datasets]'"), Qt.ItemDataRole.ToolTipRole)

    # ----- what the dataset combo names ---------------------------------------------------------------------------
    def task(self, name: str) -> str:
        """"binary" | "multiclass" | "regression" of a dataset name of the combo (a CSV file: by its labels)."""
        if name == vocab.USER_DATASET:
            classes = 1 + max(p[2] for p in self.csv[1]) if self.csv else 2
            return "binary" if classes <= 2 else "multiclass"
        return dataset_task(name)

    def classes(self, name: str) -> int:
        """Output units of a softmax network for this dataset."""
        if name == vocab.USER_DATASET and self.csv:
            return 1 + max(p[2] for p in self.csv[1])
        return {"iris": 3, "wine": 3, "blobs": 3}.get(name, 2)

    def features(self, name: str) -> int:
        return vocab.DATASETS.get(name, 2)

    def _on_dataset(self) -> None:
        """Fixed sets (a file, scikit-learn's bundled data) have their own points: no size or noise to choose."""
        name = self.panel.dataset.currentData()
        fixed = name == vocab.USER_DATASET or name in sklearn_data.SIZES
        self.panel.size.setEnabled(not fixed)
        self.panel.noise.setEnabled(not fixed)

    # ----- a user's CSV file --------------------------------------------------------------------------------------
    def choose_csv(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open training data"), "",
                                              self.tr("CSV files (*.csv *.txt);;All files (*)"))
        if path:
            self.open_csv(path)

    def open_csv(self, path: str) -> bool:
        """Read ``path`` with ``engine.nn.load_csv`` and build a landscape on it; a refusal is shown in one line and
        the current landscape stays."""
        try:
            X, y = nn.load_csv(path)
        except ValueError as err:
            self.panel._on_failed(self.tr("cannot use this file: {error}").format(error=error_text(err)))
            return False
        if len(X) < 4:
            self.panel._on_failed(self.tr("cannot use this file: {name} has {n} data rows, at least 4 are needed")
                                  .format(name=os.path.basename(path), n=len(X)))
            return False
        self.set_csv(os.path.basename(path)[:200], [[float(a), float(b), int(c)] for (a, b), c in zip(X, y)])
        self.panel.apply()
        return True

    def set_csv(self, file: str, points: list) -> None:
        """Make (file, points) the combo's CSV entry and select it."""
        self.csv = (file, points)
        combo = self.panel.dataset
        index = combo.findData(vocab.USER_DATASET)
        title = self.tr("CSV: {file} ({n} points)").format(file=file, n=len(points))
        if index < 0:
            combo.addItem(title, vocab.USER_DATASET)
            index = combo.count() - 1
        combo.setItemText(index, title)
        combo.setCurrentIndex(index)

    # ----- widgets <-> source -------------------------------------------------------------------------------------
    def complete(self, source: dict) -> dict:
        """``source`` (the panel's description) with this group's keys added."""
        ds, sl = source["dataset"], source["slice"]
        if ds["name"] == vocab.USER_DATASET:
            if self.csv is None:
                raise ValueError(self.tr("open a CSV file first"))
            ds.update(points=self.csv[1], file=self.csv[0])
        if self.test.value():
            ds["test_fraction"] = round(self.test.value(), 4)
        if self.run_batch.value():
            sl["batch_size"] = self.run_batch.value()
        if self.l2.value():
            source["l2"] = round(self.l2.value(), 6)
        source["training"] = {"optimizer": self.optimizer.currentData(), "lr": round(self.lr.value(), 6),
                              "steps": self.steps.value(), "batch_size": self.batch.value()}
        return source

    def pca_options(self) -> dict:
        """A PCA slice trains its own path from the initial weights: with this group's optimizer, η and steps."""
        return {"optimizer": self.optimizer.currentData(), "lr": round(self.lr.value(), 6), "steps": self.steps.value()}

    def show_source(self, source: dict) -> None:
        """Set the widgets to ``source`` (missing keys: the scene's defaults)."""
        ds, sl = source.get("dataset") or {}, source.get("slice") or {}
        how = {**OLD_TRAINING, **(source.get("training") or {})}
        if sl.get("method") == "pca":
            how.update({k: v for k, v in (sl.get("options") or {}).items() if k in ("optimizer", "lr", "steps")})
        widgets = (self.optimizer, self.lr, self.steps, self.batch, self.l2, self.test, self.run_batch)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.optimizer.setCurrentIndex(max(self.optimizer.findData(how["optimizer"]), 0))
        self.lr.setValue(float(how["lr"]))
        self.steps.setValue(int(how["steps"]))
        self.batch.setValue(int(how["batch_size"]))
        self.l2.setValue(float(source.get("l2", 0.0)))
        self.test.setValue(float(ds.get("test_fraction", 0.0)))
        self.run_batch.setValue(int(sl.get("batch_size", 0)))
        del blockers
        if ds.get("name") == vocab.USER_DATASET and ds.get("points"):
            self.set_csv(str(ds.get("file") or "csv"), [list(p) for p in ds["points"]])
        self._on_dataset()

    def scores(self, build) -> str:
        """The centre's training and test loss and accuracy, for the panel's message after a build."""
        parts = []
        for key, label in (("train", self.tr("training")), ("test", self.tr("test"))):
            if key not in build.scores:
                continue
            loss, acc = build.scores[key]
            text = self.tr("{set} loss {loss:.4g}").format(set=label, loss=loss)
            if acc == acc:    # not NaN: a classifier
                text += self.tr(", accuracy {acc:.1%}").format(acc=acc)
            parts.append(text)
        return self.tr("At the centre: {scores}.").format(scores="; ".join(parts)) if parts else ""
