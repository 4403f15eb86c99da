"""The main window: landscape view in the centre, panels in docks, menus, toolbars, status bar, settings.

Later features add to the obvious places: :meth:`MainWindow.add_dock` for a panel, and the menus kept as
attributes (``file_menu``, ``view_menu``, ``playback_menu``, ``help_menu``).
"""
from __future__ import annotations

import json
from dataclasses import MISSING, asdict, fields

from PySide6.QtCore import QByteArray, QSettings, Qt, qVersion
from PySide6.QtGui import QAction, QActionGroup, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QDockWidget, QFrame, QHeaderView, QLabel, QMainWindow,
                               QMenu, QMessageBox, QScrollArea, QTableWidget, QTabWidget, QTableWidgetItem, QVBoxLayout,
                               QWidget)

from app.file_actions import install_file_actions
from app.network_mode import install_network_mode
from app.picture_cache import keep_static_pictures
from app.playback import Playback, PlaybackBar
from app.state import AppState, DisplaySettings, OptimizerSettings
from app.surface_worker import SurfaceWorker
from app.views.landscape import COLORMAPS, HoverInfo, LandscapeView
from app.views.surface3d import Surface3DView
from app.widgets import CachedDockWidget, CachedToolBar, use_cached_scroll_bars
from engine import functions, optimizers

APP_NAME = "Descent Lab"
ORGANISATION = "Descent Lab"
SETTINGS_VERSION = 1
FIELD_DENSITIES = (10, 15, 20, 30)
RESOLUTIONS = (100, 200, 300, 400, 600, 800)
CONTOUR_COUNTS = (0, 10, 20, 40)
MESSAGE_MS = 6000


class MainWindow(QMainWindow):
    """Descent Lab's window; ``settings`` defaults to the user's QSettings (tests pass a temporary file)."""

    def __init__(self, state: AppState | None = None, settings: QSettings | None = None,
                 restore: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("main_window")
        self.setWindowTitle(self.tr("Descent Lab"))
        self.state = state or AppState(self)
        self.settings = settings if settings is not None else QSettings()
        self.worker = SurfaceWorker(self)
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

        self._make_actions()
        self._make_menus()
        self._make_toolbars()
        self._make_status_bar()
        self._add_panels()
        self.view_menu.addSeparator()
        self.panels_menu = self.view_menu.addMenu(self.tr("&Panels and toolbars"))
        for dock in self.docks.values():
            self.panels_menu.addAction(dock.toggleViewAction())
        for bar in (self.main_toolbar, self.playback_bar):
            self.panels_menu.addAction(bar.toggleViewAction())
        self.landscape.context_actions = [self.reset_view_action, self.clear_runs_action, None,
                                          self.field_action, self.ascent_action, self.minima_action,
                                          self.log_action]

        self.state.message.connect(self.show_message)
        self.state.displayChanged.connect(self._sync_display_actions)
        self.state.runsChanged.connect(self._on_runs)
        self.landscape.hoverChanged.connect(self._on_hover)
        self.worker.busyChanged.connect(self._on_busy)
        self.resize(1280, 800)
        install_file_actions(self)  # File ▸ New/Open/Save/Examples/Export (app/file_actions.py)
        install_network_mode(self)  # Network tab, data view and backprop docks (app/network_mode.py)
        if restore:  # after every dock exists, so that the saved layout places them all
            with self.file_actions.not_a_change():  # restored settings are not unsaved scene changes
                self.restore_settings()
        self._sync_display_actions()
        self._on_runs()
        keep_static_pictures(self)  # a window grab blits the docks, bars and buttons a frame does not change

    # ----- building ------------------------------------------------------------------------
    def _action(self, text: str, shortcut: str | None, tip: str, slot=None, checkable: bool = False) -> QAction:
        action = QAction(text, self)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                          if shortcut else tip)
        action.setStatusTip(tip)
        action.setCheckable(checkable)
        if slot is not None:
            (action.toggled if checkable else action.triggered).connect(slot)
        return action

    def _make_actions(self) -> None:
        s = self.state
        self.quit_action = self._action(self.tr("&Quit"), "Ctrl+Q", self.tr("Quit Descent Lab"), self.quit)
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
        self.reset_view_action = self._action(self.tr("&Reset view"), "Ctrl+0",
                                              self.tr("Show the landscape's default rectangle"), s.reset_view)
        self.field_action = self._action(self.tr("&Gradient field"), "G",
                                         self.tr("Show arrows of the gradient field"),
                                         lambda on: s.set_display(show_field=on), checkable=True)
        self.ascent_action = self._action(self.tr("&Ascent arrows (∇f)"), "A",
                                          self.tr("Draw ∇f (uphill) instead of −∇f (downhill)"),
                                          lambda on: s.set_display(field_mode="ascent" if on else "descent"),
                                          checkable=True)
        self.minima_action = self._action(self.tr("Known &minima"), "M", self.tr("Mark the known global minima"),
                                          lambda on: s.set_display(show_minima=on), checkable=True)
        self.log_action = self._action(self.tr("&Log colour scale"), "L",
                                       self.tr("Colour by log10(f − fmin): reads landscapes spanning decades"),
                                       lambda on: s.set_display(log_scale=on), checkable=True)
        self.clear_runs_action = self._action(self.tr("&Clear all runs"), "Ctrl+Shift+Del",
                                              self.tr("Remove every run from the landscape"), s.clear_runs)
        self.shortcuts_action = self._action(self.tr("&Keyboard shortcuts"), "F1",
                                             self.tr("List every keyboard shortcut and mouse gesture"),
                                             self.show_shortcuts)
        self.about_action = self._action(self.tr("&About Descent Lab"), None, self.tr("Version and credits"),
                                         self.show_about)
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)

        self.colormap_group = QActionGroup(self)
        self.colormap_actions = {}
        for name in COLORMAPS:
            act = self._action(name.capitalize(), None, self.tr("Colour the landscape with {name}").format(name=name),
                               checkable=True)
            act.triggered.connect(lambda _=False, n=name: s.set_display(colormap=n))
            self.colormap_group.addAction(act)
            self.colormap_actions[name] = act

        self.density_group = QActionGroup(self)
        self.density_actions = {}
        for n in FIELD_DENSITIES:
            act = self._action(self.tr("{n} × {n} arrows").format(n=n), None,
                               self.tr("Gradient-field arrows per axis"), checkable=True)
            act.triggered.connect(lambda _=False, n=n: s.set_display(field_density=n))
            self.density_group.addAction(act)
            self.density_actions[n] = act

        self.contour_group = QActionGroup(self)
        self.contour_actions = {}
        for n in CONTOUR_COUNTS:
            act = self._action(self.tr("None") if n == 0 else self.tr("{n} lines").format(n=n), None,
                               self.tr("Number of contour lines"), checkable=True)
            act.triggered.connect(lambda _=False, n=n: s.set_display(contours=n))
            self.contour_group.addAction(act)
            self.contour_actions[n] = act

        self.resolution_group = QActionGroup(self)
        self.resolution_actions = {}
        for n in RESOLUTIONS:
            act = self._action(self.tr("{n} × {n} points").format(n=n), None,
                               self.tr("Grid on which f is sampled (finer is slower)"), checkable=True)
            act.triggered.connect(lambda _=False, n=n: self._set_resolution(n))
            self.resolution_group.addAction(act)
            self.resolution_actions[n] = act

    def _make_menus(self) -> None:
        bar = self.menuBar()
        self.file_menu = bar.addMenu(self.tr("&File"))
        self.file_menu.addAction(self.quit_action)

        self.view_menu = bar.addMenu(self.tr("&View"))
        self.view_menu.addAction(self.reset_view_action)
        self.view_menu.addSeparator()
        for act in (self.field_action, self.ascent_action):
            self.view_menu.addAction(act)
        self.density_menu = self._submenu(self.view_menu, self.tr("Field &density"), self.density_actions)
        self.view_menu.addSeparator()
        for act in (self.minima_action, self.log_action):
            self.view_menu.addAction(act)
        self.colormap_menu = self._submenu(self.view_menu, self.tr("&Colour map"), self.colormap_actions)
        self.contour_menu = self._submenu(self.view_menu, self.tr("C&ontour lines"), self.contour_actions)
        self.resolution_menu = self._submenu(self.view_menu, self.tr("&Resolution"), self.resolution_actions)

        self.runs_menu = bar.addMenu(self.tr("&Runs"))
        self.runs_menu.addAction(self.clear_runs_action)

        self.playback_menu = bar.addMenu(self.tr("&Playback"))
        p = self.playback
        for act in (p.play_action, p.step_forward_action, p.step_back_action, p.start_action, p.end_action,
                    p.reset_action):
            self.playback_menu.addAction(act)
        self.playback_menu.addSeparator()
        for act in (p.faster_action, p.slower_action, p.loop_action):
            self.playback_menu.addAction(act)

        self.help_menu = bar.addMenu(self.tr("&Help"))
        self.help_menu.addAction(self.shortcuts_action)
        self.help_menu.addAction(self.about_action)

    @staticmethod
    def _submenu(parent: QMenu, title: str, actions: dict) -> QMenu:
        menu = parent.addMenu(title)
        for act in actions.values():
            menu.addAction(act)
        return menu

    def _make_toolbars(self) -> None:
        self.main_toolbar = CachedToolBar(self.tr("Landscape"))
        self.main_toolbar.setObjectName("landscape_toolbar")
        self.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for act in (self.reset_view_action, None, self.field_action, self.ascent_action, self.minima_action,
                    self.log_action, None, self.clear_runs_action):
            self.main_toolbar.addSeparator() if act is None else self.main_toolbar.addAction(act)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.main_toolbar)
        self.playback_bar = PlaybackBar(self.playback, self)
        self.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.playback_bar)

    def _make_status_bar(self) -> None:
        bar = self.statusBar()
        self.busy_label = QLabel()
        self.busy_label.setToolTip(self.tr("The landscape is being recomputed in the background"))
        self.hover_label = QLabel()
        self.hover_label.setObjectName("hover_readout")
        self.hover_label.setTextFormat(Qt.TextFormat.PlainText)
        self.hover_label.setToolTip(self.tr("f and its gradient at the cursor, from the engine's exact formulas"))
        bar.addPermanentWidget(self.busy_label)
        bar.addPermanentWidget(self.hover_label)
        self._on_hover(None)

    def add_dock(self, widget: QWidget, area: Qt.DockWidgetArea, title: str, name: str,
                 scroll: bool = False) -> QDockWidget:
        """Put ``widget`` in a dock called ``name`` (its objectName, used to remember the layout).

        ``scroll`` wraps a tall form in a scroll area, so that it never forces the window taller than the screen.
        """
        dock = CachedDockWidget(title, self)
        dock.setObjectName(name)
        if scroll:
            area_widget = use_cached_scroll_bars(QScrollArea())
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

    def showEvent(self, event) -> None:
        super().showEvent(event)
        pending, self._pending_tabs = self._pending_tabs, []
        for first, second in pending:
            self.tabifyDockWidget(first, second)
            first.raise_()

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

    def _add_panels(self) -> None:
        from app.panels.inspector import StepInspector
        from app.panels.formula_panel import FormulaPanel
        from app.panels.landscape_picker import LandscapePicker
        from app.panels.optimizer_panel import OptimizerPanel
        from app.panels.basin_panel import BasinPanel
        from app.panels.run_list import RunList
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
        self.state.landscapeChanged.connect(self._show_landscape_source_tab)
        pick = self.add_dock(self.landscape_tabs, left, self.tr("Landscape"), "landscape_dock", scroll=True)
        curves = self.add_dock(self.curves, right, self.tr("Loss and |∇f|"), "curves_dock")
        self.basin_overlay = BasinOverlay(self.state, self.landscape)
        self.basin_panel = BasinPanel(self.state, self.basin_overlay)
        basins = self.add_dock(self.basin_panel, left, self.tr("Basins"), "basins_dock")
        self.view_menu.addSeparator()
        self.view_menu.addAction(self.basin_overlay.toggle_action)
        self.formula_action = self._action(self.tr("Your own &formula…"), "Ctrl+Shift+F",
                                           self.tr("Type f(x, y) and see its landscape and exact gradient"),
                                           self.edit_formula)
        self.addAction(self.formula_action)
        self.view_menu.insertAction(self.view_menu.actions()[0], self.formula_action)
        self.view_3d_action = self._action(self.tr("&3D surface"), "Ctrl+3",
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

    # ----- state -> widgets ----------------------------------------------------------------
    def _sync_display_actions(self) -> None:
        d = self.state.display
        for act, on in ((self.field_action, d.show_field), (self.ascent_action, d.field_mode == "ascent"),
                        (self.minima_action, d.show_minima), (self.log_action, d.log_scale)):
            if act.isChecked() != on:
                act.blockSignals(True)
                act.setChecked(on)
                act.blockSignals(False)
        for group, value in ((self.colormap_actions, d.colormap), (self.density_actions, d.field_density),
                             (self.contour_actions, d.contours),
                             (self.resolution_actions, self.state.resolution)):
            for key, act in group.items():
                act.setChecked(key == value)
        self.ascent_action.setEnabled(d.show_field)
        self.density_menu.setEnabled(d.show_field)

    def _on_runs(self) -> None:
        self.clear_runs_action.setEnabled(bool(self.state.runs))

    def _set_resolution(self, n: int) -> None:
        try:
            self.state.set_resolution(n)
        except ValueError as exc:
            self.show_message(str(exc))
        self._sync_display_actions()

    def _on_hover(self, info: HoverInfo | None) -> None:
        self.hover_label.setText(self.hover_text(info))

    def hover_text(self, info: HoverInfo | None) -> str:
        if info is None:
            return self.tr("Click the landscape to start a run")
        return self.tr("x = {x:.4g}, y = {y:.4g}   f = {f:.6g}   ∇f = ({gx:.6g}, {gy:.6g})   |∇f| = {n:.6g}   "
                       "−∇f at {a:.1f}°").format(x=info.x, y=info.y, f=info.f, gx=info.gx, gy=info.gy,
                                                  n=info.norm, a=info.descent_angle)

    def _on_busy(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("computing surface…") if busy else "")

    def show_message(self, text: str) -> None:
        self.statusBar().showMessage(text, MESSAGE_MS)

    # ----- dialogs -------------------------------------------------------------------------
    def shortcut_rows(self) -> list[tuple[str, str]]:
        """(shortcut, what it does) for every action with a shortcut, then the mouse gestures."""
        rows = []
        seen = set()
        for menu in (self.file_menu, self.view_menu, self.runs_menu, self.playback_menu, self.help_menu):
            for act in _menu_actions(menu):
                if act.shortcut().isEmpty() or id(act) in seen:
                    continue
                seen.add(id(act))
                rows.append((act.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                             act.text().replace("&", "")))
        rows += [
            (self.tr("Left click"), self.tr("Start a run at that point")),
            (self.tr("Drag a start marker"), self.tr("Re-run from the new point")),
            (self.tr("Click a start marker"), self.tr("Select that run")),
            (self.tr("Drag"), self.tr("Pan the landscape")),
            (self.tr("Wheel"), self.tr("Zoom around the cursor")),
            (self.tr("Right click"), self.tr("Landscape menu")),
        ]
        return rows

    def show_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Keyboard shortcuts"))
        rows = self.shortcut_rows()
        table = QTableWidget(len(rows), 2, dialog)
        table.setHorizontalHeaderLabels([self.tr("Shortcut"), self.tr("Action")])
        table.verticalHeader().setVisible(False)
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)
        for r, (key, what) in enumerate(rows):
            table.setItem(r, 0, QTableWidgetItem(key))
            table.setItem(r, 1, QTableWidgetItem(what))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        layout.addWidget(buttons)
        dialog.resize(460, 520)
        self.shortcuts_dialog = dialog
        dialog.show()

    def show_about(self) -> None:
        QMessageBox.about(self, self.tr("About Descent Lab"), self.tr(
            "<h3>Descent Lab {version}</h3>"
            "<p>Watch gradient descent happen: pick a landscape, click a start point and follow each optimizer "
            "downhill, step by step, with the gradient field and the update formula in view.</p>"
            "<p>Built with NumPy, PySide6 (Qt {qt}) and pyqtgraph; contours by contourpy. MIT licence.</p>"
        ).format(version=_version(), qt=qVersion()))

    # ----- settings ------------------------------------------------------------------------
    def save_settings(self) -> None:
        s, st = self.settings, self.state
        s.setValue("version", SETTINGS_VERSION)
        s.setValue("window/geometry", self.saveGeometry())
        s.setValue("window/state", self.saveState(SETTINGS_VERSION))
        if st.landscape_source.get("kind") == "function":
            s.setValue("landscape/name", st.function.name)
        s.setValue("landscape/resolution", st.resolution)
        s.setValue("display", json.dumps(asdict(st.display)))
        s.setValue("optimizer", json.dumps(asdict(st.optimizer)))
        s.setValue("playback/speed", self.playback.speed)
        s.setValue("playback/loop", self.playback.loop)
        s.sync()

    def restore_settings(self) -> None:
        """Restore what :meth:`save_settings` wrote; anything unreadable is skipped with a status message."""
        s, st = self.settings, self.state
        problems = []

        def attempt(what, fn):
            try:
                fn()
            except Exception as exc:  # a corrupt settings file must never stop the app from starting
                problems.append(f"{what} ({exc})")

        geometry, window_state = s.value("window/geometry"), s.value("window/state")
        if isinstance(geometry, QByteArray):
            self.restoreGeometry(geometry)
        if isinstance(window_state, QByteArray):
            self.restoreState(window_state, SETTINGS_VERSION)
        name = s.value("landscape/name")
        if name and name != st.function.name:
            attempt(self.tr("landscape"), lambda: st.set_landscape(functions.get(str(name))))
        if s.contains("landscape/resolution"):
            attempt(self.tr("resolution"), lambda: st.set_resolution(int(s.value("landscape/resolution"))))
        if s.contains("display"):
            attempt(self.tr("display"), lambda: st.set_display(**_known(DisplaySettings, s.value("display"))))
        if s.contains("optimizer"):
            attempt(self.tr("optimizer"),
                    lambda: st.set_optimizer(**_checked_optimizer(_known(OptimizerSettings, s.value("optimizer")))))
        if s.contains("playback/speed"):
            attempt(self.tr("speed"), lambda: self.playback.set_speed(int(s.value("playback/speed"))))
        if s.contains("playback/loop"):
            attempt(self.tr("loop"), lambda: self.playback.set_loop(
                str(s.value("playback/loop")).lower() in ("true", "1")))
        if problems:
            self.show_message(self.tr("Some saved settings were ignored: {what}").format(what=", ".join(problems)))

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
        super().closeEvent(event)


def _menu_actions(menu: QMenu):
    for act in menu.actions():
        if act.menu() is not None:
            yield from _menu_actions(act.menu())
        elif not act.isSeparator():
            yield act


def _version() -> str:
    try:
        from importlib.metadata import version
        return version("descent-lab")
    except Exception:  # running from a source tree that was never installed
        return "(development)"


def _checked_optimizer(values: dict) -> dict:
    """Saved optimizer settings, validated by the engine's own checks (ValueError when invalid)."""
    if "name" in values:
        optimizers.get_class(values["name"])
    if "lr" in values:
        values["lr"] = optimizers.check_lr(values["lr"])
    if "steps" in values and (not isinstance(values["steps"], int) or values["steps"] < 1):
        raise ValueError(f"steps must be a positive integer, got {values['steps']!r}")
    if "hyper" in values:
        optimizers.make(values.get("name", "gd"), values.get("lr", 0.01), **values["hyper"])
    return values


def _known(cls, text) -> dict:
    """The fields of dataclass ``cls`` found in JSON ``text`` (unknown keys from other versions are dropped);
    ValueError when a value has not the type of the field's default (a settings file edited by hand or by
    another version must not reach the views: ``"show_field": "maybe"`` raised in every paint)."""
    data = json.loads(str(text))
    if not isinstance(data, dict):
        raise ValueError(f"not an object: {str(text)[:40]}")
    defaults = {f.name: f.default for f in fields(cls)}
    for key, value in data.items():
        if key in defaults and not _same_kind(defaults[key], value):
            raise ValueError(f"{key} = {value!r}")
    return {k: v for k, v in data.items() if k in defaults}


def _same_kind(default, value) -> bool:
    if default is None or default is MISSING:  # optional or factory fields: their own checks decide
        return True
    if isinstance(default, bool) or isinstance(value, bool):
        return isinstance(default, bool) and isinstance(value, bool)
    if isinstance(default, float):
        return isinstance(value, (int, float))
    return isinstance(value, type(default))
