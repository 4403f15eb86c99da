"""Why momentum works: the local quadratic panel and its overlay on the map, the hyper-parameter map and the
sweeps, put into a window by :class:`MomentumTools` (made once by :class:`app.main_window.MainWindow`)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject, Qt


def _tr(text: str) -> str:
    return QCoreApplication.translate("MomentumTools", text)


class MomentumTools(QObject):
    """Docks ``analysis_dock``, ``hypermap_dock`` and ``sweep_dock`` (tabbed with the right column), the map overlay
    and their wiring in ``w`` (a :class:`app.main_window.MainWindow`), which keeps this object."""

    def __init__(self, w) -> None:
        super().__init__(w)
        from app.panels.analysis_panel import AnalysisPanel
        from app.panels.hypermap_panel import HyperMapPanel
        from app.panels.sweep_panel import SweepPanel
        from app.views.quadratic_overlay import QuadraticOverlay

        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.analysis_panel = analysis_panel = AnalysisPanel(w.state, w.compute)
        self.quadratic_overlay = QuadraticOverlay(w.landscape.plot, w.state)
        analysis_panel.quadraticChanged.connect(self.quadratic_overlay.show)
        w.landscape.hoverChanged.connect(lambda info: info is not None and analysis_panel.set_cursor(info.x, info.y))
        analysis = w.add_dock(analysis_panel, right, _tr("Local quadratic"), "analysis_dock", scroll=True)
        w.tabify_after_show(w.docks["curves_dock"], analysis)
        self.hypermap_panel = HyperMapPanel(w.state, w.compute)
        hypermap = w.add_dock(self.hypermap_panel, right, _tr("Hyper-parameter map"), "hypermap_dock")
        w.tabify_after_show(w.docks["curves_dock"], hypermap)
        self.sweep_panel = SweepPanel(w.state)
        self.sweep_panel.legend.setParentItem(w.landscape.plot.vb)
        self.sweep_panel.legend.anchor((1, 0), (1, 0), offset=(-10, 10))
        sweep = w.add_dock(self.sweep_panel, right, _tr("Sweeps"), "sweep_dock", scroll=True)
        w.tabify_after_show(w.docks["optimizer_dock"], sweep)
        for dock in (analysis, hypermap, sweep):
            w.panels_menu.addAction(dock.toggleViewAction())
