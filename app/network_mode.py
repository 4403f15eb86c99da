"""Network mode's widgets, made by the main window like every other part: the Network tab (where a slice is
described and built), the data view, backprop inspector and network graph (docks shown only while the landscape is a
network slice), and the projected training path overlay
(their progress and Cancel are the status bar's, app/progress_status.py).

The network slice itself is a landscape of the model (``state.network``); :class:`app.network_controller.
NetworkController` routes its numbers to these widgets.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, QTimer

from app.gc_policy import FREEZE_AFTER_MS, freeze_once
from app.network_controller import NetworkController
from app.network_graph import NetworkGraphController
from app.panels.backprop_inspector import BackpropInspector
from app.panels.network_graph_panel import NetworkGraphPanel
from app.panels.network_panel import NetworkPanel
from app.views.data_view import DataView
from app.views.network_graph import NetworkGraphView
from app.views.landscape_axes import axis_titles
from app.views.projected_path import ProjectedPathOverlay


def _tr(text: str) -> str:
    return QCoreApplication.translate("NetworkMode", text)


class NetworkMode(QObject):
    """The network widgets for ``state`` shown on ``landscape`` (a :class:`app.views.landscape.LandscapeView`)."""

    def __init__(self, state, compute, landscape, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.landscape = landscape
        self.controller = NetworkController(state, compute, self)
        self.panel = NetworkPanel(state, self.controller)
        self.panel.setProperty("landscape_kind", "network")
        self.data_view = DataView(self.controller)
        self.inspector = BackpropInspector(self.controller)
        self.overlay = ProjectedPathOverlay(landscape, self.controller)
        self.graph_controller = NetworkGraphController(state, compute, self.controller, self)
        self.graph_view = NetworkGraphView()
        self.graph_panel = NetworkGraphPanel(self.graph_controller, self.graph_view)
        self.data_view.sampleClicked.connect(self.graph_controller.set_sample)
        self.graph_controller.sampleChanged.connect(self.data_view.mark_sample)
        landscape.hoverChanged.connect(
            lambda info: self.controller.set_hover(None if info is None else (info.x, info.y)))
        self.controller.built.connect(self.label_axes)
        self.controller.built.connect(lambda *_: QTimer.singleShot(FREEZE_AFTER_MS, lambda: freeze_once("network")))
        self.controller.activeChanged.connect(self.label_axes)
        self.label_axes()

    def label_axes(self, *_) -> None:
        """α and β axes named by the slice (e.g. α: W1[0,0], α: PC1 (83% var.)); x and y otherwise."""
        x, y = axis_titles(self.landscape.state)
        self.landscape.plot.setLabel("bottom", x)
        self.landscape.plot.setLabel("left", y)
