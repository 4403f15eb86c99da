"""Li et al.'s and Goodfellow et al.'s figures for network slices: the PCA plane's own training path, the 1D linear
interpolation between two parameter sets, and the convexity map |λmin/λmax| of the Hessian.

:class:`Literature` builds them into the main window (overlays on the map; a "Linear interpolation" dock on
the right and a "Convexity and PCA path" dock on the left, shown only on a network slice; two checkable actions in
the View menu). :class:`LiteratureController` routes numbers
from :mod:`engine.nn` to those widgets; everything slow runs on the compute service ("interp" and "convexity" lanes).
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal

from app.convexity_worker import ConvexityWorker
from engine import nn
from engine.nn.landscape import TRAIN_LR, TRAIN_STEPS

ENDS = ("init_trained", "two_seeds", "centre_point")
RANGES = {"unit": (0.0, 1.0), "wide": (-0.5, 1.5)}
STEPS = 101
KEY = "interp:line"


def tr(text: str) -> str:
    return QCoreApplication.translate("Literature", text)


def trained(build, seed: int) -> np.ndarray:
    """The slice's network trained from the initialisation of ``seed`` the way the slice's centre is trained (its
    optimizer, η, steps, mini-batches and L2; the slice's own trained centre when that is what the landscape shows),
    as a flat vector."""
    sl = build.landscape.slice
    if seed == sl.seed and sl.centre == "trained":
        return build.model.flatten(build.params)
    how = getattr(build.landscape, "training", None)
    optimizer, lr, steps, batch = ((how.optimizer, how.lr, how.steps, how.batch_size) if how is not None
                                   else ("adam", TRAIN_LR, TRAIN_STEPS, 0))
    model = nn.MLP(list(build.model.layer_sizes), activation=build.model.activations, loss=build.model.loss_name,
                   seed=seed)
    path, _ = nn.train(model, model.init_params(), build.plane.X, build.plane.y, optimizer=optimizer, lr=float(lr),
                       steps=int(steps), batch_size=int(batch), l2=float(getattr(build.landscape, "l2", 0.0)),
                       seed=seed)
    return path[-1]


def endpoints(build, ends: str, point: tuple[float, float] | None = None) -> tuple[np.ndarray, np.ndarray, tuple]:
    """(θ_a, θ_b, (name a, name b)) for one of ``ENDS``; trains when a trained network is needed."""
    seed = int(build.landscape.slice.seed)
    if ends == "init_trained":
        init = nn.MLP(list(build.model.layer_sizes), activation=build.model.activations,
                      loss=build.model.loss_name, seed=seed).init_params()
        return build.model.flatten(init), trained(build, seed), (tr("initial"), tr("trained"))
    if ends == "two_seeds":
        return trained(build, seed), trained(build, seed + 1), (tr("seed {s}").format(s=seed),
                                                                tr("seed {s}").format(s=seed + 1))
    if ends == "centre_point":
        point = point if point is not None else build.plane.centre_coords
        return (build.plane.vectors_at(*build.plane.centre_coords)[0], build.plane.vectors_at(*point)[0],
                (tr("centre"), tr("point")))
    raise ValueError(f"unknown interpolation ends {ends!r}")


def held_out(build):
    """(X_test, y_test) when the slice holds out a test set (``build.test``, a Dataset, or ``X_test``/``y_test`` on
    its dataset), else (None, None)."""
    test = getattr(build, "test", None)
    if test is not None:
        return test.X, test.y
    ds = build.dataset
    X, y = getattr(ds, "X_test", None), getattr(ds, "y_test", None)
    return (X, y) if X is not None and y is not None and len(X) else (None, None)


class LiteratureController(QObject):
    """Interpolation requests and the PCA path of the shown slice; see the module docstring."""

    interpolationChanged = Signal(object)       # (Interpolation, (name a, name b)) or None
    pcaPathChanged = Signal(object)             # engine.nn.PCAPath or None
    busyChanged = Signal(bool)
    failed = Signal(str)

    def __init__(self, state, compute, network, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.state, self.compute, self.network = state, compute, network
        self.busy = False
        self.line = None
        self.pca = None
        network.built.connect(self._on_build)
        network.activeChanged.connect(self._on_build)
        self._on_build()

    def _on_build(self, *_) -> None:
        build = self.network.current
        self.pca = nn.pca_path(build.plane) if build is not None else None
        self.pcaPathChanged.emit(self.pca)
        if self.line is not None:
            self.line = None
            self.interpolationChanged.emit(None)

    def request_interpolation(self, ends: str = "init_trained", t_range: str = "unit") -> bool:
        build = self.network.current
        if build is None:
            self.failed.emit(tr("Build a network landscape first"))
            return False
        cp = self.network.current_point()
        point = cp[0] if cp is not None else None
        X_test, y_test = held_out(build)
        lo_hi = RANGES[t_range]

        def work(job):
            a, b, names = endpoints(build, ends, point)
            job.check()
            return build, nn.interpolate(build.model, a, b, build.plane.X, build.plane.y, STEPS, lo_hi,
                                         X_test, y_test), names

        def done(result) -> None:
            self._set_busy(False)
            made_for, line, names = result
            if made_for is self.network.current:
                self.line = (line, names)
                self.interpolationChanged.emit(self.line)

        def refused(message: str) -> None:
            self._set_busy(False)
            self.failed.emit(message)

        self._set_busy(True)
        self.compute.submit(KEY, work, done, refused)
        return True

    def _set_busy(self, on: bool) -> None:
        if on != self.busy:
            self.busy = on
            self.busyChanged.emit(on)


class Literature(QObject):
    """The figures in main window ``w`` (made after network mode and the status bar's progress exist), which keeps
    this object: ``controller``, the overlays ``pca_path_overlay`` and ``convexity_overlay``, the docks' panels
    ``interpolation_panel`` and ``maps_panel``."""

    def __init__(self, w) -> None:
        super().__init__(w)
        from app.literature_panel import InterpolationPanel, MapsPanel
        from app.views.convexity_overlay import ConvexityOverlay
        from app.views.pca_path_overlay import PCAPathOverlay

        self.window = w
        self.controller = LiteratureController(w.state, w.compute, w.network_controller, self)
        self.pca_path_overlay = PCAPathOverlay(w.landscape, self)
        self.controller.pcaPathChanged.connect(self.pca_path_overlay.show)
        self.pca_path_overlay.show(self.controller.pca)
        self.convexity_overlay = overlay = ConvexityOverlay(w.state, w.landscape, ConvexityWorker(w.compute, self))
        self.interpolation_panel = InterpolationPanel(self.controller)
        self.maps_panel = MapsPanel(self.controller, overlay, self.pca_path_overlay)
        self.line_dock = w.add_dock(self.interpolation_panel, Qt.DockWidgetArea.RightDockWidgetArea,
                                    tr("Linear interpolation"), "interpolation_dock")
        w.tabify_after_show(w.docks["curves_dock"], self.line_dock)
        self.maps_dock = w.add_dock(self.maps_panel, Qt.DockWidgetArea.LeftDockWidgetArea, tr("Convexity and PCA path"),
                                    "network_maps_dock", scroll=True)
        w.tabifyDockWidget(w.docks["optimizer_dock"], self.maps_dock)  # the left column's tab group
        w.docks["optimizer_dock"].raise_()
        for act in (overlay.toggle_action, self.pca_path_overlay.toggle_action):
            w.view_menu.addAction(act)
        for signal in (self.controller.failed, overlay.failed):
            signal.connect(w.show_message)
        w.network_controller.activeChanged.connect(self.on_active)
        self.on_active(w.network_controller.active)

    def follow_progress(self, status) -> None:
        """Show the convexity map's progress and Cancel (Esc) in the status bar's ``status``
        (:class:`app.progress_status.ProgressStatus`), with the other slow work's: the map can be asked for from the
        View menu while its panel is hidden."""
        overlay = self.convexity_overlay
        status.add("convexity", tr("Computing the convexity map |λmin/λmax|…"), overlay.busyChanged,
                   lambda: overlay.worker.busy, overlay.cancel)

    def on_active(self, active: bool) -> None:
        controller = self.window.network_controller
        for dock in (self.line_dock, self.maps_dock):  # shown one per event-loop pass, as network mode's own docks
            if active:
                self.window.compute.later(lambda dock=dock: controller.active and dock.show())
            else:
                dock.hide()
        self.convexity_overlay.toggle_action.setEnabled(active)
        self.pca_path_overlay.toggle_action.setEnabled(active)
        if not active:
            self.convexity_overlay.set_enabled(False)
