"""The main window: landscape view in the centre, panels in docks, menus, toolbars, status bar, settings.

Later features add to the obvious places: :meth:`MainWindow.add_dock` for a panel, and the menus kept as
attributes (``file_menu``, ``view_menu``, ``playback_menu``, ``help_menu``).
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QSettings, Qt, QTimer
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QDockWidget, QFrame, QLabel, QMainWindow, QScrollArea, QTabBar, QTabWidget, QWidget

from app.file_actions import FileActions
from app.gc_policy import FREEZE_AFTER_MS, freeze_once
from app.momentum_tools import MomentumTools
from app.network_curves import NetworkCurves
from app.network_mode import NetworkMode
from app.panels.wheel_guard import guard_wheel
from app.window_settings import restore_settings, save_settings
from app.window_actions import (make_action, make_actions, make_menus, make_toolbars, shortcut_rows,
                                shortcuts_dialog, sync_display_actions)
from app.playback import Playback
from app.progress_status import install_progress_status
from app.compute import ComputeService
from app.model import AppState, set_translator
from app.surface_worker import SurfaceWorker
from app.views.landscape import HoverInfo, LandscapeView
from app.readout import TextReadout
from app.views.surface3d import Surface3DView
from app.engine_errors import error_text

APP_NAME = "Descent Lab"
ORGANISATION = "Descent Lab"
MESSAGE_MS = 6000


class MainWindow(QMainWindow):
    """Descent Lab's window; ``settings`` defaults to the user's QSettings (tests pass a temporary file)."""

    def __init__(self, state: AppState | None = None, settings: QSettings | None = None,
                 restore: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Descent Lab"))
        set_translator(QCoreApplication.translate)  # the model's messages in the user's language
        self.compute = ComputeService(self)
        self.state = state or AppState(self.compute)
        self.settings = settings if settings is not None else QSettings()
        self.worker = SurfaceWorker(self, self.compute)
        self.landscape = LandscapeView(self.state, self.worker)
        self.landscape.setToolTip("")
        self.surface3d = Surface3DView(self.state)
        self.views = QTabWidget()
        self.views.setObjectName("views_tabs")
        self.views.setDocumentMode(True)
        self.views.addTab(self.landscape, self.tr("2D map"))
        self.views.addTab(self.surface3d, self.tr("3D surface"))
        self.views.setTabToolTip(0, self.tr("Contour map, gradient field and runs; click to start a run"))
        self.views.setTabToolTip(1, self.tr("The landscape as a surface; runs move in step with the 2D map"))
        self.setCentralWidget(self.views)
        self.playback = Playback(self.state, self)
        self.docks: dict[str, QDockWidget] = {}
        self._pending_tabs: list[tuple[QDockWidget, QDockWidget]] = []

        make_actions(self)
        make_menus(self)
        make_toolbars(self)
        self._make_status_bar()
        self._add_panels()
        self.progress_status = install_progress_status(self)  # progress and Cancel (Esc) of slow work
        self.literature_figures.follow_progress(self.progress_status)
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu(self.tr("&Panels and toolbars"))
        for dock in self.docks.values():
            self.panels_menu.addAction(dock.toggleViewAction())
        momentum = self.momentum_tools = MomentumTools(self)  # local quadratic, hyper-parameter map, sweeps
        self.analysis_panel, self.quadratic_overlay = momentum.analysis_panel, momentum.quadratic_overlay
        self.hypermap_panel, self.sweep_panel = momentum.hypermap_panel, momentum.sweep_panel
        for bar in (self.main_toolbar, self.playback_bar):
            self.panels_menu.addAction(bar.toggleViewAction())
        self.landscape.context_actions = [self.reset_view_action, self.clear_runs_action, None,
                                          self.field_action, self.ascent_action, self.minima_action,
                                          self.log_action]

        self.state.message.connect(self.show_message)
        self.state.displayChanged.connect(lambda: sync_display_actions(self))
        self.state.runsChanged.connect(self._on_runs)
        self.landscape.hoverChanged.connect(self._on_hover)
        self.worker.busyChanged.connect(self._on_busy)
        self.resize(1280, 800)
        self.file_actions = FileActions(self)  # File ▸ New/Open/Save/Examples/Export (app/file_actions.py)
        if restore:  # after every dock exists, so that the saved layout places them all
            with self.file_actions.not_a_change():  # restored settings are not unsaved scene changes
                self.restore_settings()
        sync_display_actions(self)
        self._on_runs()

    # ----- building ------------------------------------------------------------------------
    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_label = QLabel()
        self.busy_label.setToolTip(self.tr("The landscape is being recomputed in the background"))
        # changes on every mouse move: a readout of steady size (a QLabel re-lays out the window for each new text)
        self.hover_label = TextReadout(sample="x = −0.0000, y = −0.0000   f = −0.000000   ∇f = (−0.000000, "
                                              "−0.000000)   |∇f| = 0.000000   −∇f at 000.0°")
        self.hover_label.setObjectName("hover_readout")
        self.hover_label.setToolTip(self.tr("f and its gradient at the cursor, from the engine's exact formulas"))
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.hover_label)
        self._on_hover(None)

    def add_dock(self, widget: QWidget, area: Qt.DockWidgetArea, title: str, name: str,
                 scroll: bool = False) -> QDockWidget:
        """Put ``widget`` in a dock called ``name`` (its objectName, used to remember the layout).

        ``scroll`` wraps a tall form in a scroll area, so that it never forces the window taller than the screen.
        """
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            area_widget = QScrollArea()
            area_widget.setObjectName(f"{name}_scroll")
            area_widget.setWidgetResizable(True)
            area_widget.setFrameShape(QFrame.Shape.NoFrame)
            area_widget.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area_widget.setWidget(widget)
            # the horizontal bar is off, so the dock must be at least as wide as the form, or the form is clipped
            bar = area_widget.verticalScrollBar().sizeHint().width()
            area_widget.setMinimumWidth(widget.minimumSizeHint().width() + bar)
            dock.setWidget(area_widget)
        else:
            dock.setWidget(widget)
        dock.setFeatures(QDockWidget.DockWidgetFeature.DockWidgetMovable
                         | QDockWidget.DockWidgetFeature.DockWidgetFloatable
                         | QDockWidget.DockWidgetFeature.DockWidgetClosable)
        self.addDockWidget(area, dock)
        self.docks[name] = dock
        # scrolling the dock scrolls it: its value widgets take the wheel only when focused (also ones added later)
        dock.visibilityChanged.connect(lambda visible, d=dock: visible and guard_wheel(d))
        return dock

    def tabify_after_show(self, first: QDockWidget, second: QDockWidget) -> None:
        """Put ``second`` in a tab beside ``first`` once the window is on screen.

        Qt 6.11 leaves a stale copy of a second tab group's tab bar floating over the central widget when that group
        is tabified before the window is first shown; the first group is safe (see _add_panels).
        """
        if self.isVisible():
            self.tabifyDockWidget(first, second)
        else:
            self._pending_tabs.append((first, second))

    def childEvent(self, event) -> None:
        """Tab bars of tabbed docks (Qt makes them as docks are tabbed) keep their titles whole and scroll when
        they do not fit, instead of cutting every title to a letter or two."""
        super().childEvent(event)
        child = event.child()
        if event.polished() and isinstance(child, QTabBar):
            child.setElideMode(Qt.TextElideMode.ElideNone)
            child.setUsesScrollButtons(True)

    def setVisible(self, visible: bool) -> None:
        if visible and not self.isVisible():
            self._asked_size = self.size()  # before show() fits the window to the docks' minimum
        super().setVisible(visible)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        QTimer.singleShot(FREEZE_AFTER_MS, lambda: freeze_once("window"))  # see app.gc_policy
        pending, self._pending_tabs = self._pending_tabs, []
        for first, second in pending:
            self.tabifyDockWidget(first, second)
            first.raise_()
        # docks still stacked made show() grow the window (874 px, not 800): tabbed, it fits again (not when the
        # window manager sizes it: maximized or full screen)
        if pending and not (self.isMaximized() or self.isFullScreen()):
            self.layout().activate()
            self.resize(self._asked_size.expandedTo(self.minimumSizeHint()))

    def _show_landscape_source_tab(self) -> None:
        """Show the tab that matches where the current landscape came from (catalogue, formula, ...)."""
        kind = self.state.landscape_source.get("kind")
        for i in range(self.landscape_tabs.count()):
            if self.landscape_tabs.widget(i).property("landscape_kind") == kind:
                self.landscape_tabs.setCurrentIndex(i)
                return

    def _toggle_3d(self) -> None:
        self.views.setCurrentIndex(1 - self.views.currentIndex())

    def edit_formula(self) -> None:
        """Landscape ▸ Your own formula: show the formula tab and put the cursor in its field."""
        dock = self.docks["landscape_dock"]
        dock.show()
        dock.raise_()
        self.landscape_tabs.setCurrentWidget(self.formula_panel)
        self.formula_panel.edit.setFocus()
        self.formula_panel.edit.selectAll()

    def _add_network_mode(self, right: Qt.DockWidgetArea) -> None:
        """The Network tab, the data view and backprop docks (shown only on a network slice), the busy indicator."""
        mode = self.network_mode = NetworkMode(self.state, self.compute, self.landscape, self)
        self.network_controller, self.network_panel = mode.controller, mode.panel
        self.data_view, self.backprop_inspector = mode.data_view, mode.inspector
        tabs = self.landscape_tabs
        tabs.addTab(mode.panel, self.tr("Network"))
        tabs.setTabToolTip(tabs.count() - 1, self.tr(
            "The loss of a small neural network, sliced to 2D: descend on it like on any function"))
        data = self.add_dock(mode.data_view, right, self.tr("Data and prediction"), "data_dock")
        self.addDockWidget(right, data, Qt.Orientation.Vertical)  # below the right column's tabs
        # the per-layer heat maps need the right column's height: a tab beside the loss curves
        back = self.add_dock(mode.inspector, right, self.tr("Backprop"), "backprop_dock")
        self.tabify_after_show(self.docks["curves_dock"], back)
        self.network_graph = mode.graph_panel
        graph = self.add_dock(mode.graph_panel, right, self.tr("Network graph"), "network_graph_dock")
        self.tabify_after_show(back, graph)
        mode.controller.built.connect(lambda *_: self.statusBar().clearMessage())

        def on_active(active: bool) -> None:
            if not active:
                for dock in (data, back, graph):
                    dock.hide()
                return
            # each dock's first layout and paint in an event-loop pass of its own (none once the network is left);
            # the Backprop tab goes in front first, so the data dock's arrival does not resize and repaint the curves
            for step in (lambda: back.show() or back.raise_(), graph.show, data.show, make_room):
                self.compute.later(lambda step=step: mode.controller.active and step())

        def make_room() -> None:  # for the data plot and the per-layer heat maps (the map keeps its width and view)
            self.resizeDocks([back, data], [330, 300], Qt.Orientation.Vertical)

        mode.controller.activeChanged.connect(on_active)
        on_active(mode.controller.active)

    def _add_panels(self) -> None:
        from app.panels.inspector import StepInspector
        from app.panels.formula_panel import FormulaPanel
        from app.panels.landscape_picker import LandscapePicker
        from app.panels.optimizer_panel import OptimizerPanel
        from app.panels.basin_panel import BasinPanel
        from app.panels.run_list import RunList
        from app.basin_worker import BasinWorker
        from app.views.basin_overlay import BasinOverlay
        from app.views.curves import CurvesView

        left, right = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea
        bottom = Qt.DockWidgetArea.BottomDockWidgetArea
        self.optimizer_panel = OptimizerPanel(self.state)
        self.landscape_picker = LandscapePicker(self.state)
        self.run_list = RunList(self.state)
        self.curves = CurvesView(self.state)
        self.inspector = StepInspector(self.state)
        opt = self.add_dock(self.optimizer_panel, left, self.tr("Optimizer"), "optimizer_dock", scroll=True)
        self.formula_panel = FormulaPanel(self.state, self.settings)
        # Where the landscape comes from: the catalogue, a typed formula (and network slices, app/network_mode.py).
        self.landscape_tabs = QTabWidget()
        self.landscape_tabs.setObjectName("landscape_tabs")
        self.landscape_tabs.setDocumentMode(True)
        self.landscape_picker.setProperty("landscape_kind", "function")
        self.formula_panel.setProperty("landscape_kind", "formula")
        self.landscape_tabs.addTab(self.landscape_picker, self.tr("Catalogue"))
        self.landscape_tabs.addTab(self.formula_panel, self.tr("Formula"))
        self.landscape_tabs.setTabToolTip(0, self.tr("The classic test functions with their known minima"))
        self.landscape_tabs.setTabToolTip(1, self.tr("Type your own f(x, y); its exact gradient is derived for you"))
        self.state.landscapeChanged.connect(lambda: self.compute.later(self._show_landscape_source_tab))
        pick = self.add_dock(self.landscape_tabs, left, self.tr("Landscape"), "landscape_dock", scroll=True)
        curves = self.add_dock(self.curves, right, self.tr("Loss and |∇f|"), "curves_dock")
        self._add_network_mode(right)
        self.network_curves = NetworkCurves(self.state, self.compute, self.curves, self)  # test / mini-batch losses
        self.basin_overlay = BasinOverlay(self.state, self.landscape, BasinWorker(self, self.compute))
        self.basin_panel = BasinPanel(self.state, self.basin_overlay)
        from app.views.local_minima import LocalMinimaMarks
        self.local_minima = LocalMinimaMarks(self.state, self.landscape, self.compute)  # circles beside the stars
        basins = self.add_dock(self.basin_panel, left, self.tr("Basins"), "basins_dock")
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.basin_overlay.toggle_action)
        self.formula_action = make_action(self, self.tr("Your own &formula…"), "Ctrl+Shift+F",
                                           self.tr("Type f(x, y) and see its landscape and exact gradient"),
                                           self.edit_formula)
        self.addAction(self.formula_action)
        self.view_menu.insertAction(self.view_menu.actions()[0], self.formula_action)
        self.view_3d_action = make_action(self, self.tr("&3D surface"), "Ctrl+3",
                                           self.tr("Switch between the 2D map and the 3D surface"),
                                           self._toggle_3d)
        self.addAction(self.view_3d_action)
        self.view_menu.insertAction(self.view_menu.actions()[1], self.view_3d_action)
        runs = self.add_dock(self.run_list, bottom, self.tr("Runs"), "runs_dock")
        inspector = self.add_dock(self.inspector, bottom, self.tr("Step inspector"), "inspector_dock")
        self.splitDockWidget(runs, inspector, Qt.Orientation.Horizontal)
        # One tab group only: with Qt 6.11 a second group tabified before the first show leaves a stale copy of
        # its tab bar floating over the landscape (reproduced with plain QDockWidgets).
        self.tabifyDockWidget(opt, pick)
        self.tabifyDockWidget(opt, basins)
        opt.raise_()
        # the landscape gets most of a 1280 × 800 window; docks keep a readable minimum
        self.resizeDocks([opt, curves], [290, 330], Qt.Orientation.Horizontal)
        self.resizeDocks([runs, inspector], [700, 580], Qt.Orientation.Horizontal)
        self.resizeDocks([runs], [190], Qt.Orientation.Vertical)
        from app.calculus_tools import CalculusTools
        from app.lesson_actions import LessonPlayer
        calculus = self.calculus_tools = CalculusTools(self)  # Slices, directional derivative, chain rule (closed)
        self.calculus_focus = calculus.focus
        self.slices_view, self.direction_probe = calculus.slices_view, calculus.direction_probe
        self.chain_panel, self.calculus_overlay = calculus.chain_panel, calculus.overlay
        self.lessons = LessonPlayer(self)  # Lessons menu and panel, File ▸ Open lesson…
        from app.literature import Literature
        figures = self.literature_figures = Literature(self)  # PCA path, interpolation, convexity map (networks)
        self.literature, self.pca_path_overlay = figures.controller, figures.pca_path_overlay
        self.convexity_overlay = figures.convexity_overlay
        self.interpolation_panel, self.maps_panel = figures.interpolation_panel, figures.maps_panel

    # ----- state -> widgets ----------------------------------------------------------------
    def _on_runs(self) -> None:
        self.clear_runs_action.setEnabled(bool(self.state.runs))

    def set_resolution(self, n: int) -> None:
        try:
            self.state.set_resolution(n)
        except ValueError as exc:
            self.show_message(str(exc))
        sync_display_actions(self)

    def _on_hover(self, info: HoverInfo | None) -> None:
        self.hover_label.setText(self.hover_text(info))

    def hover_text(self, info: HoverInfo | None) -> str:
        if info is None:
            return self.tr("Click the landscape to start a run")
        if self.state.landscape_source.get("kind") == "network":  # a loss slice: θ = θ0 + α·d1 + β·d2
            return self.tr("α = {x:.4g}, β = {y:.4g}   L = {f:.6g}   ∇L = ({gx:.6g}, {gy:.6g})   |∇L| = {n:.6g}   "
                           "−∇L at {a:.1f}°").format(x=info.x, y=info.y, f=info.f, gx=info.gx, gy=info.gy,
                                                     n=info.norm, a=info.descent_angle)
        return self.tr("x = {x:.4g}, y = {y:.4g}   f = {f:.6g}   ∇f = ({gx:.6g}, {gy:.6g})   |∇f| = {n:.6g}   "
                       "−∇f at {a:.1f}°").format(x=info.x, y=info.y, f=info.f, gx=info.gx, gy=info.gy,
                                                  n=info.norm, a=info.descent_angle)

    def _on_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("computing surface…") if busy else "")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(error_text(text), MESSAGE_MS)

    # ----- dialogs -------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(shortcut, what it does) for every action with a shortcut, then the mouse gestures."""
        return shortcut_rows(self)

    def show_shortcuts(self) -> None:
        self.shortcuts_dialog = shortcuts_dialog(self)
        self.shortcuts_dialog.show()

    def show_about(self) -> None:
        from app.about import show_about
        show_about(self)

    # ----- settings ------------------------------------------------------------------------
    def save_settings(self) -> None:
        save_settings(self)

    def restore_settings(self) -> None:
        restore_settings(self)

    def quit(self) -> bool:
        """File ▸ Quit (Ctrl+Q): offer to save unsaved scene changes, then close. False when the user cancelled."""
        if not self.file_actions.confirm_discard():
            return False
        self._close_confirmed = True
        return self.close()

    def closeEvent(self, event: QCloseEvent) -> None:
        # The window's close button (a spontaneous event, from the window system) asks about unsaved changes as Quit
        # does; a close() from code (Quit after asking, a test's teardown) does not ask again.
        if event.spontaneous() and not getattr(self, "_close_confirmed", False) \
                and not self.file_actions.confirm_discard():
            event.ignore()
            return
        self.playback.pause()
        self.save_settings()
        self.basin_overlay.shutdown()
        self.worker.wait(3000)
        self.compute.close()
        super().closeEvent(event)

