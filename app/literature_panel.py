"""The figures' docks: :class:`InterpolationPanel` (Goodfellow et al.'s linear interpolation: controls and plot) and
:class:`MapsPanel` (the convexity map's controls — show, resolution, recompute, progress, cancel — and the PCA
training path's switch and summary). Thin handlers only: the numbers come from
:class:`app.literature.LiteratureController` and the overlays."""
from __future__ import annotations

from PySide6.QtWidgets import (QCheckBox, QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QProgressBar,
                               QPushButton, QSpinBox, QVBoxLayout, QWidget)

from app.convexity_worker import MAX_RESOLUTION, MIN_RESOLUTION
from app.literature import ENDS, RANGES
from app.views.interpolation_plot import InterpolationPlot


class InterpolationPanel(QWidget):
    """Loss along θ(t) = (1 − t)·θa + t·θb: which two parameter sets, which range of t, and the plot."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("interpolationPanel")
        self.controller = controller
        self.ends = QComboBox()
        names = {"init_trained": self.tr("initial → trained"),
                 "two_seeds": self.tr("two minima (two seeds)"),
                 "centre_point": self.tr("slice centre → current point")}
        for key in ENDS:
            self.ends.addItem(names[key], key)
        self.ends.setToolTip(self.tr("The two parameter sets joined by the line θ(t) = (1 − t)·θa + t·θb; "
                                     "the current point is the selected run's position, else the cursor"))
        self.range = QComboBox()
        for key, (lo, hi) in RANGES.items():
            self.range.addItem(self.tr("t from {lo:g} to {hi:g}").format(lo=lo, hi=hi), key)
        self.range.setToolTip(self.tr("Beyond 0 and 1 the line extrapolates past the two parameter sets"))
        self.plot_button = QPushButton(self.tr("Plot"))
        self.plot_button.setToolTip(self.tr("Compute the loss along the line (trains the networks it needs)"))
        self.plot_button.clicked.connect(self.request)
        for combo in (self.ends, self.range):      # may shrink with the dock: the plot must never be clipped
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)
        row = QHBoxLayout()
        row.addWidget(self.ends, 1)
        row.addWidget(self.range, 1)
        row.addWidget(self.plot_button)
        self.plot = InterpolationPlot()
        self.plot.setMinimumHeight(160)
        v = QVBoxLayout(self)
        v.setContentsMargins(4, 4, 4, 4)
        v.addLayout(row)
        v.addWidget(self.plot, 1)
        controller.interpolationChanged.connect(self._on_line)
        controller.busyChanged.connect(lambda busy: self.plot_button.setEnabled(not busy))

    def request(self) -> bool:
        return self.controller.request_interpolation(self.ends.currentData(), self.range.currentData())

    def _on_line(self, payload) -> None:
        if payload is None:
            self.plot.show_line(None)
        else:
            self.plot.show_line(*payload)


class MapsPanel(QWidget):
    """Controls of the convexity map overlay and the PCA path overlay."""

    def __init__(self, controller, convexity, pca_overlay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("mapsPanel")
        self.controller, self.convexity, self.pca_overlay = controller, convexity, pca_overlay
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self._convexity_box())
        layout.addWidget(self._pca_box())
        layout.addStretch(1)
        controller.pcaPathChanged.connect(self._on_pca)
        convexity.progressChanged.connect(lambda f: self.progress.setValue(round(1000 * f)))
        convexity.busyChanged.connect(self._on_convexity_busy)
        convexity.mapChanged.connect(self._on_map)
        self._on_pca(controller.pca)
        self._on_convexity_busy(False)

    # ----- convexity map ---------------------------------------------------------------------------------------------
    def _convexity_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("Convexity map |λmin/λmax| (Li et al. 2018, Fig. 7)"))
        self.show_map = QCheckBox(self.tr("Show on the map"))
        self.show_map.setToolTip(self.convexity.toggle_action.toolTip())
        self.show_map.toggled.connect(self.convexity.toggle_action.setChecked)
        self.convexity.toggle_action.toggled.connect(self.show_map.setChecked)
        self.resolution = QSpinBox()
        self.resolution.setRange(MIN_RESOLUTION, MAX_RESOLUTION)
        self.resolution.setValue(self.convexity.resolution)
        self.resolution.setToolTip(self.tr("Grid points per axis; each point needs tens of Hessian-vector products"))
        self.resolution.valueChanged.connect(self.convexity.set_resolution)
        self.recompute_button = QPushButton(self.tr("Compute for this view"))
        self.recompute_button.clicked.connect(self.convexity.recompute)
        self.cancel_button = QPushButton(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop computing; the map shown stays as it was"))
        self.cancel_button.clicked.connect(self.convexity.cancel)
        self.progress = QProgressBar()
        self.progress.setRange(0, 1000)
        self.progress.setTextVisible(False)
        self.progress.setMaximumHeight(12)
        self.map_status = QLabel()
        self.map_status.setWordWrap(True)
        form = QFormLayout(box)
        row = QHBoxLayout()
        row.addWidget(self.show_map)
        row.addStretch(1)
        row.addWidget(QLabel(self.tr("Points per axis")))
        row.addWidget(self.resolution)
        form.addRow(row)
        buttons = QHBoxLayout()
        buttons.addWidget(self.recompute_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.progress, 1)
        form.addRow(buttons)
        form.addRow(self.map_status)
        return box

    def _on_convexity_busy(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        self.progress.setVisible(busy)
        if busy:
            self.map_status.setText(self.tr("Computing the Hessian's extreme eigenvalues at every grid point…"))
        elif self.convexity.result is None:
            self.map_status.setText(self.tr("λmin, λmax of the full Hessian at each grid point (Lanczos on "
                                            "Hessian-vector products)"))

    def _on_map(self, result) -> None:
        if result is None:
            self._on_convexity_busy(self.convexity.worker.busy)
            return
        m = result.map
        ratio = m.ratio
        n = len(m.alpha)
        self.map_status.setText(self.tr("{n} × {n} points in {s:.1f} s (≤ {k} Lanczos steps a point); |λmin/λmax| "
                                        "from {lo:.3g} to {hi:.3g}; λmin < 0 at {neg:.0f}% of the points").format(
            n=n, s=result.elapsed, k=m.steps, lo=float(ratio.min()), hi=float(ratio.max()),
            neg=100 * float((m.lam_min < 0).mean())))

    # ----- PCA path --------------------------------------------------------------------------------------------------
    def _pca_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("PCA plane (Li et al. 2018, Fig. 9)"))
        self.show_path = QCheckBox(self.pca_overlay.toggle_action.text().replace("&", ""))
        self.show_path.setChecked(self.pca_overlay.toggle_action.isChecked())
        self.show_path.toggled.connect(self.pca_overlay.toggle_action.setChecked)
        self.pca_overlay.toggle_action.toggled.connect(self.show_path.setChecked)
        self.pca_status = QLabel()
        self.pca_status.setWordWrap(True)
        v = QVBoxLayout(box)
        v.addWidget(self.show_path)
        v.addWidget(self.pca_status)
        return box

    def _on_pca(self, path) -> None:
        self.show_path.setEnabled(path is not None)
        self.pca_status.setText(self.pca_overlay.summary() if path is not None else self.tr(
            "Choose the PCA slice in the Network tab: its plane is made from a training path, drawn here"))
