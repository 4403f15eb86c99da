"""Network panel: choose a dataset, an MLP and a 2D slice of its loss; build it (in a worker); train in full space.

The widgets describe a scene ``NetworkLandscape`` (``source()``); Build (or Enter) hands it to the
:class:`~app.network_controller.NetworkController`, which validates it at once (a refusal is shown here and the
previous landscape stays) and builds it off the GUI thread. When a network landscape arrives from elsewhere (a scene
file), the widgets follow it (``show_source``).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel,
                               QLineEdit, QProgressBar, QPushButton, QScrollArea, QSpinBox, QVBoxLayout, QWidget)

from app.engine_texts import DATASET_TITLES, METHOD_TITLES, activation_title, method_title
from app.network_controller import NetworkController, default_source
from app.model import AppState
from app.panels.full_training import FullTrainingBox
from app.panels.network_training import NetworkTrainingBox
from app.engine_errors import error_text
from engine import nn
from engine import scene as scene_mod

MAX_LISTED_NAMES = 2000  # parameter combos list at most this many names (others can be typed)
TASK_LOSSES = {"binary": ("bce", "mse", "ce"), "multiclass": ("ce",), "regression": ("mse",)}
LOSS_TITLES = {
    "bce": QT_TRANSLATE_NOOP("NetworkPanel", "Binary cross-entropy"),
    "ce": QT_TRANSLATE_NOOP("NetworkPanel", "Softmax cross-entropy"),
    "mse": QT_TRANSLATE_NOOP("NetworkPanel", "Mean squared error"),
}


class NetworkPanel(QWidget):
    """Network landscape settings; see the module docstring."""

    def __init__(self, state: AppState, controller: NetworkController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("networkPanel")
        self.state = state
        self.controller = controller
        tip = self._tip

        # ----- dataset
        self.dataset = QComboBox()
        for name in nn.dataset_names():
            self.dataset.addItem(self.tr(DATASET_TITLES.get(name, name)), name)
        tip(self.dataset, self.tr("The toy dataset the network is trained on (generated from the seed, no download)"))
        self.size = QSpinBox(minimum=10, maximum=10_000, singleStep=50)
        tip(self.size, self.tr("Number of data points (10 to 10000); the loss is their mean"))
        self.noise = QDoubleSpinBox(minimum=0.0, maximum=5.0, singleStep=0.05, decimals=2)
        tip(self.noise, self.tr("Standard deviation of the Gaussian noise added to the data"))
        self.data_seed = QSpinBox(minimum=0, maximum=999_999)
        tip(self.data_seed, self.tr("Seed of the data generator: the same seed gives the same points"))

        # ----- network
        self.hidden = QLineEdit()
        self.hidden.setPlaceholderText("8, 8")
        tip(self.hidden, self.tr("Hidden layer sizes separated by commas, e.g. \"16, 16\" (1 to 64 units each; "
                                 "empty: no hidden layer). Input and output sizes follow from the data and loss."))
        self.activation = QComboBox()
        for name in scene_mod.ACTIVATIONS:
            self.activation.addItem(activation_title(name), name)
        tip(self.activation, self.tr("Activation of the hidden layers"))
        self.loss = QComboBox()
        tip(self.loss, self.tr("Loss; set by the task (BCE for two classes, softmax CE for more, MSE for "
                               "regression) — only the losses valid for this dataset are listed"))
        self.architecture = QLabel()
        tip(self.architecture, self.tr("The layer sizes the network gets, input → hidden → output"))

        # ----- slice
        self.method = QComboBox()
        for name in scene_mod.SLICE_METHODS:
            self.method.addItem(self.tr(METHOD_TITLES[name]), name)
        tip(self.method, self.tr("How the 2D plane through parameter space is chosen: two random directions "
                                 "(Li et al. 2018), two named parameters, the top two principal directions of a "
                                 "training path, or the top two Hessian eigenvectors"))
        self.seed = QSpinBox(minimum=0, maximum=999_999)
        tip(self.seed, self.tr("Seed of the initial weights and of the random directions"))
        self.centre = QComboBox()
        self.centre.addItem(self.tr("Trained parameters"), "trained")
        self.centre.addItem(self.tr("Initial parameters"), "init")
        tip(self.centre, self.tr("Centre of the slice: the initial weights, or the weights after the training set "
                                 "under Training (done in the engine before slicing)"))
        self.filter_norm = QCheckBox(self.tr("Filter-normalised"))
        tip(self.filter_norm, self.tr("Rescale each direction's rows to the norms of the matching weight rows "
                                      "(Li et al. 2018), so that the picture is comparable across networks"))
        self.orthogonal = QCheckBox(self.tr("Orthogonalise"))
        tip(self.orthogonal, self.tr("Make d2 orthogonal to d1 (Gram–Schmidt) so that the axes are not skewed"))
        self.param_a, self.param_b = QComboBox(editable=True), QComboBox(editable=True)
        tip(self.param_a, self.tr("Parameter on the horizontal axis, e.g. W1[0,0] (row = unit of the layer, "
                                  "column = unit of the layer before) or b2[0]"))
        tip(self.param_b, self.tr("Parameter on the vertical axis"))
        self.method_note = QLabel()
        self.method_note.setWordWrap(True)
        self.method_note.setStyleSheet("color: gray")

        # ----- build
        self.build_button = QPushButton(self.tr("&Build landscape"))
        tip(self.build_button, self.tr("Build the network, train it if needed and draw its loss over the slice "
                                       "(Enter); runs on the current landscape are cleared"))
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)  # busy indicator
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(8)
        self.progress.setVisible(False)
        tip(self.progress, self.tr("Building in the background; the window stays usable"))
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextFormat(Qt.TextFormat.RichText)
        self.message.setObjectName("networkMessage")
        tip(self.message, self.tr("What the last build did, or why the settings were refused"))

        self.training = FullTrainingBox(state, controller, self._on_failed)
        self.extras = NetworkTrainingBox(self)  # centre training, L2, test split, mini-batches, CSV, scikit-learn

        self._layout()
        self._connect()
        self.show_source(default_source())

    # ----- building the widget ----------------------------------------------------------------------------------------
    @staticmethod
    def _tip(widget: QWidget, text: str) -> None:
        widget.setToolTip(text)

    def _layout(self) -> None:
        data_box = QGroupBox(self.tr("Dataset"))
        f = QFormLayout(data_box)
        f.addRow(self.tr("Data"), self.dataset)
        row = QHBoxLayout()
        row.addWidget(self.size)
        row.addWidget(QLabel(self.tr("noise")))
        row.addWidget(self.noise)
        f.addRow(self.tr("Points"), row)
        f.addRow(self.tr("Data seed"), self.data_seed)
        f.addRow(self.extras.csv_row)
        net_box = QGroupBox(self.tr("Network"))
        f = QFormLayout(net_box)
        f.addRow(self.tr("Hidden"), self.hidden)
        f.addRow(self.tr("Activation"), self.activation)
        f.addRow(self.tr("Loss"), self.loss)
        f.addRow(self.tr("Layers"), self.architecture)
        slice_box = QGroupBox(self.tr("Slice"))
        f = QFormLayout(slice_box)
        f.addRow(self.tr("Method"), self.method)
        f.addRow(self.tr("Seed"), self.seed)
        f.addRow(self.tr("Centre"), self.centre)
        self.random_row = QWidget()
        r = QHBoxLayout(self.random_row)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(self.filter_norm)
        r.addWidget(self.orthogonal)
        f.addRow(self.random_row)
        self.params_row = QWidget()
        r = QHBoxLayout(self.params_row)
        r.setContentsMargins(0, 0, 0, 0)
        r.addWidget(QLabel("α"))
        r.addWidget(self.param_a, 1)
        r.addWidget(QLabel("β"))
        r.addWidget(self.param_b, 1)
        f.addRow(self.params_row)
        f.addRow(self.method_note)

        inner = QWidget()
        v = QVBoxLayout(inner)
        v.setContentsMargins(4, 4, 4, 4)
        for w in (data_box, net_box, slice_box, self.extras, self.build_button, self.progress, self.message, self.training):
            v.addWidget(w)
        v.addStretch(1)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(inner)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    def _connect(self) -> None:
        self.dataset.currentIndexChanged.connect(self._on_dataset)
        self.loss.currentIndexChanged.connect(self._update_architecture)
        self.hidden.textChanged.connect(self._update_architecture)
        self.hidden.returnPressed.connect(self.apply)
        self.method.currentIndexChanged.connect(self._on_method)
        self.build_button.clicked.connect(self.apply)
        c = self.controller
        c.busyChanged.connect(self._on_busy)
        c.progress.connect(lambda text: self._say(text))
        c.failed.connect(self._on_failed)
        c.built.connect(self._on_built)
        self.state.landscapeChanged.connect(self._on_landscape)

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply()
            return
        super().keyPressEvent(event)

    # ----- widgets <-> source -----------------------------------------------------------------------------------------
    def hidden_sizes(self) -> list[int]:
        """The hidden layer sizes typed (ValueError with a message when the text is not a list of whole numbers)."""
        text = self.hidden.text().strip()
        if not text:
            return []
        try:
            return [int(part) for part in text.replace(";", ",").split(",") if part.strip()]
        except ValueError:
            raise ValueError(self.tr("hidden layer sizes must be whole numbers separated by commas, e.g. "
                                     "\"16, 16\"; got \"{text}\"").format(text=text)) from None

    def layers(self) -> list[int]:
        name = self.dataset.currentData()
        data = self.extras.features(name)
        loss = self.loss.currentData()
        n_out = self.extras.classes(name) if loss == "ce" else 1
        return [data, *self.hidden_sizes(), n_out]

    def source(self) -> dict:
        """The scene ``NetworkLandscape`` object the widgets describe (ValueError for unreadable text)."""
        method = self.method.currentData()
        options: dict = {}
        if method == "random":
            options = {"normalization": "filter" if self.filter_norm.isChecked() else "none",
                       "orthogonalize": self.orthogonal.isChecked()}
        elif method == "params":
            options = {"param_a": self.param_a.currentText().strip(), "param_b": self.param_b.currentText().strip()}
        elif method == "pca":
            options = self.extras.pca_options()
        return self.extras.complete({"kind": "network",
                "dataset": {"name": self.dataset.currentData(), "n": self.size.value(),
                            "noise": round(self.noise.value(), 6), "seed": self.data_seed.value()},
                "layers": self.layers(), "activation": self.activation.currentData(),
                "loss": self.loss.currentData(),
                "slice": {"method": method, "seed": self.seed.value(),
                          "centre": "init" if method == "pca" else self.centre.currentData(), "options": options}})

    def show_source(self, source: dict) -> None:
        """Set the widgets to ``source`` (a valid NetworkLandscape object)."""
        ds, sl = source["dataset"], source["slice"]
        self.extras.show_source(source)
        widgets = (self.dataset, self.size, self.noise, self.data_seed, self.hidden, self.activation, self.loss,
                   self.method, self.seed, self.centre, self.filter_norm, self.orthogonal, self.param_a, self.param_b)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.dataset.setCurrentIndex(self.dataset.findData(ds["name"]))
        self.size.setValue(int(ds.get("n", 200)))
        self.noise.setValue(float(ds.get("noise", 0.1)))
        self.data_seed.setValue(int(ds.get("seed", 0)))
        self._fill_losses()
        self.loss.setCurrentIndex(max(self.loss.findData(source.get("loss", "bce")), 0))
        self.hidden.setText(", ".join(str(n) for n in source["layers"][1:-1]))
        self.activation.setCurrentIndex(max(self.activation.findData(source.get("activation", "tanh")), 0))
        self.method.setCurrentIndex(max(self.method.findData(sl.get("method", "random")), 0))
        self.seed.setValue(int(sl.get("seed", 0)))
        self.centre.setCurrentIndex(max(self.centre.findData(sl.get("centre", "trained")), 0))
        opts = sl.get("options", {})
        self.filter_norm.setChecked(opts.get("normalization", "filter") == "filter")
        self.orthogonal.setChecked(bool(opts.get("orthogonalize", False)))
        del blockers
        self._update_architecture()
        if "param_a" in opts:
            self.param_a.setCurrentText(str(opts["param_a"]))
        if "param_b" in opts:
            self.param_b.setCurrentText(str(opts["param_b"]))
        self._on_method()

    def _fill_losses(self) -> None:
        task = self.extras.task(self.dataset.currentData())
        current = self.loss.currentData()
        with QSignalBlocker(self.loss):
            self.loss.clear()
            for name in TASK_LOSSES[task]:
                self.loss.addItem(self.tr(LOSS_TITLES[name]), name)
            self.loss.setCurrentIndex(max(self.loss.findData(current), 0))

    def _on_dataset(self) -> None:
        self._fill_losses()
        self._update_architecture()

    def _update_architecture(self) -> None:
        try:
            layers = self.layers()
        except ValueError:
            self.architecture.setText(self.tr("<span style='color:#d9534f'>not a list of sizes</span>"))
            return
        try:
            n = nn.MLP(layers, activation=self.activation.currentData(), loss=self.loss.currentData()).n_params
            self.architecture.setText(self.tr("{layers}  ({n} parameters)").format(
                layers=" → ".join(map(str, layers)), n=n))
            self._fill_param_names(layers)
        except ValueError:
            self.architecture.setText(" → ".join(map(str, layers)))

    def _fill_param_names(self, layers: list[int]) -> None:
        names = []
        for key, shape in nn.param_shapes(layers).items():
            if len(shape) == 2:
                names += [f"{key}[{i},{j}]" for i in range(shape[0]) for j in range(shape[1])]
            else:
                names += [f"{key}[{j}]" for j in range(shape[0])]
        names = names[:MAX_LISTED_NAMES]
        defaults = ("W1[0,0]", f"b{len(layers) - 1}[0]")
        for combo, default in zip((self.param_a, self.param_b), defaults):
            text = combo.currentText().strip()
            try:
                nn.parse_name(text, layers)
            except ValueError:  # empty, or gone with the old architecture: the default pair
                text = default
            with QSignalBlocker(combo):
                combo.clear()
                combo.addItems(names)
                combo.setCurrentText(text)

    def _on_method(self) -> None:
        method = self.method.currentData()
        self.random_row.setVisible(method == "random")
        self.params_row.setVisible(method == "params")
        self.centre.setEnabled(method != "pca")
        notes = {"random": self.tr("Axes: α·d1 + β·d2 with two Gaussian directions."),
                 "params": self.tr("The exact 2D sub-landscape: the axes are the two parameters' values, every "
                                   "other parameter stays at the centre."),
                 "pca": self.tr("Trains from the initial weights itself (optimizer, η and steps under Training); "
                                "the plane holds the two main directions of that path, centred on its end."),
                 "hessian": self.tr("The two directions of strongest curvature at the centre.")}
        self.method_note.setText(notes[method])

    # ----- actions ----------------------------------------------------------------------------------------------------
    def apply(self) -> None:
        """Build the described landscape (refusals are shown here; the previous landscape stays)."""
        try:
            source = self.source()
        except ValueError as exc:
            self._on_failed(str(exc))
            return
        if self.controller.request_build(source):
            self._say(self.tr("Building…"))

    # ----- controller -> widgets --------------------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        colour = "#d9534f" if error else "palette(text)"
        mark = "⚠ " if error else ""
        self.message.setText(f"<span style='color:{colour}'>{mark}{html.escape(text, quote=False)}</span>")

    def _on_failed(self, text: str) -> None:
        text = error_text(text)  # the engine's refusal (e.g. the work bound) in the user's language
        self._say(self.tr("Not built: {error}. The previous landscape stays.").format(error=text)
                  if not self.controller.busy else text, error=True)
        self.state.message.emit(self.tr("Network: {error}").format(error=text))

    def _on_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)

    def _on_built(self, build) -> None:
        plane = build.plane
        self._say(self.tr("{name}: {n} parameters, {method} slice, loss at the centre {loss:.4g} "
                          "(built in {t:.2f} s). Click the map to descend in the plane.").format(
            name=build.model.name, n=build.model.n_params, method=method_title(plane.method),
            loss=float(build.model.loss(plane.centre, plane.X, plane.y)), t=build.elapsed)
            + " " + self.extras.scores(build))

    def _on_landscape(self) -> None:
        source = self.state.landscape_source
        if source.get("kind") == "network":
            try:
                self.show_source(source)
            except (KeyError, TypeError, ValueError):
                pass
