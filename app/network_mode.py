"""Network mode in the main window: the Network tab beside the landscape picker, the data view and backprop inspector
docks (shown only while the landscape is a network slice), the projected full-space training path on the map, and a
busy indicator while a slice is built or its surface refined.

``install_network_mode(window)`` is called once by :class:`app.main_window.MainWindow`; it only uses the window's
public parts (``state``, ``worker``, ``landscape``, ``add_dock``, ``docks``, ``panels_menu``, the status bar).
"""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QProgressBar

from app.network_controller import NetworkController
from app.panels.backprop_inspector import BackpropInspector
from app.panels.network_panel import NetworkPanel
from app.views.data_view import DataView

PATH_COLOUR = "#ff4fd8"
Z_PROJECTED = 40  # above the map, contours and field; below run handles


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetworkMode", text)


def install_network_mode(window) -> NetworkController:
    state = window.state
    controller = NetworkController(state, getattr(window, "worker", None), window)
    window.network_controller = controller
    right = Qt.DockWidgetArea.RightDockWidgetArea

    window.network_panel = NetworkPanel(state, controller)
    window.network_panel.setProperty("landscape_kind", "network")
    tabs = window.landscape_tabs  # Catalogue | Formula | Network: where the landscape comes from
    tabs.addTab(window.network_panel, _tr("Network"))
    tabs.setTabToolTip(tabs.count() - 1, _tr(
        "The loss of a small neural network, sliced to 2D: descend on it like on any function"))
    window.data_view = DataView(controller)
    data = window.add_dock(window.data_view, right, _tr("Data and prediction"), "data_dock")
    window.addDockWidget(right, data, Qt.Orientation.Vertical)  # below the right column's tabs, not one more tab
    window.backprop_inspector = BackpropInspector(controller)
    # the bottom row is only ~130 px high beside the landscape picker's column: the per-layer heat maps need the
    # right column's height, as a tab beside the loss curves
    back = window.add_dock(window.backprop_inspector, right, _tr("Backprop"), "backprop_dock")
    if "curves_dock" in window.docks:
        window.tabify_after_show(window.docks["curves_dock"], back)
    if hasattr(window, "panels_menu"):
        for dock in (data, back):
            window.panels_menu.addAction(dock.toggleViewAction())

    def on_active(active: bool) -> None:
        for dock in (data, back):
            dock.setVisible(active)
        label_axes()
        if active:  # room for the data plot and the per-layer heat maps
            back.raise_()
            window.resizeDocks([back, data], [330, 300], Qt.Orientation.Vertical)
            window.resizeDocks([data], [380], Qt.Orientation.Horizontal)

    def label_axes(*_) -> None:
        """α and β axes named by the slice (e.g. W1[0,0], PC1 (83% var.)); x and y otherwise."""
        plot = getattr(getattr(window, "landscape", None), "plot", None)
        if plot is None:
            return
        labels = ("x", "y")
        if controller.active and controller.current is not None:
            a, b = controller.current.plane.axis_labels
            labels = (f"α: {a}", f"β: {b}")
        plot.setLabel("bottom", labels[0])
        plot.setLabel("left", labels[1])

    controller.built.connect(label_axes)
    controller.activeChanged.connect(on_active)
    on_active(controller.active)

    # hover point for the data view and the inspector when no run is selected
    landscape = getattr(window, "landscape", None)
    if landscape is not None:
        landscape.hoverChanged.connect(lambda info: controller.set_hover(None if info is None else (info.x, info.y)))
        _install_projected_path(landscape, controller)

    # busy indicator: building a slice, or its surface still being refined
    busy = QProgressBar()
    busy.setRange(0, 0)
    busy.setMaximumWidth(120)
    busy.setMaximumHeight(14)
    busy.setTextVisible(False)
    busy.setToolTip(_tr("Building the network slice or refining its surface in the background"))
    busy.setVisible(False)
    window.statusBar().addPermanentWidget(busy)
    window.network_busy = busy
    surface_worker = getattr(window, "worker", None)

    def update_busy(*_) -> None:
        surface_busy = bool(surface_worker is not None and surface_worker.busy and controller.active)
        busy.setVisible(controller.busy or surface_busy)

    controller.busyChanged.connect(update_busy)
    if surface_worker is not None:
        surface_worker.busyChanged.connect(update_busy)
    controller.progress.connect(lambda text: window.statusBar().showMessage(text, 3000))
    controller.built.connect(lambda *_: window.statusBar().clearMessage())
    return controller


def _install_projected_path(landscape, controller: NetworkController) -> None:
    """The projected full-space training path: a dashed curve with its start (circle) and end (square)."""
    vb = landscape.plot.vb
    curve = pg.PlotCurveItem(pen=pg.mkPen(PATH_COLOUR, width=2.2, style=Qt.PenStyle.DashLine), antialias=True)
    ends = pg.ScatterPlotItem(size=11, pen=pg.mkPen("#111111", width=1), brush=pg.mkBrush(PATH_COLOUR))
    for item in (curve, ends):
        item.setZValue(Z_PROJECTED)
        vb.addItem(item, ignoreBounds=True)
        item.setVisible(False)  # until there is a path: empty items still cost ~0.3-0.6 ms per paint of the view
    landscape.projected_curve, landscape.projected_ends = curve, ends

    def show(path) -> None:
        for item in (curve, ends):
            item.setVisible(path is not None)
        if path is None:
            curve.setData([], [])
            ends.setData([])
            return
        xy = np.asarray(path.coords)
        curve.setData(xy[:, 0], xy[:, 1])
        ends.setData([{"pos": tuple(xy[0]), "symbol": "o"}, {"pos": tuple(xy[-1]), "symbol": "s"}])
        k = int(np.argmax(np.abs(path.gap)))
        curve.setToolTip(_tr("Full-space {opt} training projected onto the plane ({n} steps); largest "
                                      "gap true − surface = {gap:.4g} at step {k}").format(
            opt=path.optimizer, n=len(xy) - 1, gap=float(path.gap[k]), k=k))

    controller.projectedChanged.connect(show)
