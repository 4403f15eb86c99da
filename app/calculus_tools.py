"""The lesson's calculus tools in the window: the Slices view, the directional-derivative probe, the chain-rule panel
and their overlay on the map, all looking at one :class:`~app.model.calculus_focus.CalculusFocus` that follows the
cursor on the map (or stays where it is pinned). :class:`CalculusTools` makes them and adds the three docks to the
window (closed at first; View ▸ Panels and the lessons open them)."""
from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, Qt, QTimer

from app.model.calculus_focus import CalculusFocus
from app.panels.chain_panel import ChainPanel
from app.views.calculus_overlay import CalculusOverlay
from app.views.direction_probe import DirectionProbe
from app.views.slices import SlicesView


def _tr(text: str) -> str:
    return QCoreApplication.translate("CalculusTools", text)


class CalculusTools(QObject):
    """The focus point, the Slices view, the directional-derivative probe, the chain-rule panel, the map overlay and
    their docks in ``window`` (a :class:`app.main_window.MainWindow`), which keeps this object."""

    def __init__(self, window) -> None:
        super().__init__(window)
        right, left = Qt.DockWidgetArea.RightDockWidgetArea, Qt.DockWidgetArea.LeftDockWidgetArea
        focus = self.focus = CalculusFocus()
        self.slices_view = SlicesView(window.state, focus, window.compute)
        self.direction_probe = DirectionProbe(window.state, focus, window.compute)
        self.chain_panel = ChainPanel(window.compute)
        self.overlay = overlay = CalculusOverlay(window.state, focus, window.landscape.plot)
        # scrolled when the window is short: opening a tool must not make the window taller than the screen
        slices = window.add_dock(self.slices_view, right, _tr("Slices: ∂f/∂x and ∂f/∂y"), "slices_dock", scroll=True)
        probe = window.add_dock(self.direction_probe, left, _tr("Directional derivative D_u f"), "probe_dock",
                                scroll=True)
        chain = window.add_dock(self.chain_panel, Qt.DockWidgetArea.BottomDockWidgetArea, _tr("Chain rule"),
                                "chain_dock")
        window.tabify_after_show(window.docks["inspector_dock"], chain)
        for dock in (slices, probe, chain):
            dock.hide()
        for view in (self.slices_view, self.direction_probe):  # a moving point: one tool per event-loop pass
            focus.changed.disconnect(view.refresh)
            focus.changed.connect(lambda v=view: window.compute.later(v.refresh))

        def on_visibility(*_) -> None:
            if shiboken6.isValid(overlay.pin):  # docks report hiding while the window is torn down, after the map
                overlay.set_parts(not slices.isHidden(), not probe.isHidden())

        def give_room(dock) -> None:  # a tool just opened gets the height its content asks for, if the column has it
            if not shiboken6.isValid(dock) or not dock.isVisible():
                return
            need = dock.widget().widget().minimumSizeHint().height() + dock.height() - dock.widget().height()
            if dock.height() < need:
                window.resizeDocks([dock], [need], Qt.Orientation.Vertical)

        for dock in (slices, probe):
            dock.visibilityChanged.connect(on_visibility)
            dock.visibilityChanged.connect(lambda shown, d=dock: shown and QTimer.singleShot(0, lambda: give_room(d)))
        window.landscape.hoverChanged.connect(lambda info: focus.hover(info.x, info.y) if info is not None else None)
