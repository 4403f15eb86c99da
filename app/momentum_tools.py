"""Why momentum works: the local quadratic panel and its overlay on the map, the hyper-parameter map and the
sweeps, put into a window by :func:`install_momentum_tools` (called once from :class:`app.main_window.MainWindow`)."""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt


def _tr(text: str) -> str:
    return QCoreApplication.translate("MomentumTools", text)


def install_momentum_tools(w) -> None:
    """Docks ``analysis_dock``, ``hypermap_dock`` and ``sweep_dock`` (tabbed with the right column), the map overlay
    and their wiring; kept as ``w.analysis_panel``, ``w.quadratic_overlay``, ``w.hypermap_panel``,
    ``w.sweep_panel``."""
    from app.panels.analysis_panel import AnalysisPanel
    from app.panels.hypermap_panel import HyperMapPanel
    from app.panels.sweep_panel import SweepPanel
    from app.views.quadratic_overlay import QuadraticOverlay

    right = Qt.DockWidgetArea.RightDockWidgetArea
    w.analysis_panel = AnalysisPanel(w.state, w.compute)
    w.quadratic_overlay = QuadraticOverlay(w.landscape.plot, w.state)
    w.analysis_panel.quadraticChanged.connect(w.quadratic_overlay.show)
    w.landscape.hoverChanged.connect(lambda info: info is not None and w.analysis_panel.set_cursor(info.x, info.y))
    analysis = w.add_dock(w.analysis_panel, right, _tr("Local quadratic"), "analysis_dock", scroll=True)
    w.tabify_after_show(w.docks["curves_dock"], analysis)
    w.hypermap_panel = HyperMapPanel(w.state, w.compute)
    hypermap = w.add_dock(w.hypermap_panel, right, _tr("Hyper-parameter map"), "hypermap_dock")
    w.tabify_after_show(w.docks["curves_dock"], hypermap)
    w.sweep_panel = SweepPanel(w.state)
    w.sweep_panel.legend.setParentItem(w.landscape.plot.vb)
    w.sweep_panel.legend.anchor((1, 0), (1, 0), offset=(-10, 10))
    sweep = w.add_dock(w.sweep_panel, right, _tr("Sweeps"), "sweep_dock", scroll=True)
    w.tabify_after_show(w.docks["optimizer_dock"], sweep)
    for dock in (analysis, hypermap, sweep):
        w.panels_menu.addAction(dock.toggleViewAction())
