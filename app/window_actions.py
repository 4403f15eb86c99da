"""The main window's actions, menus and tool bar: built once by :class:`app.main_window.MainWindow` and kept as its
attributes (``field_action``, ``colormap_actions``, ``view_menu``, ``main_toolbar``, …); checked states follow the
model's display settings (:func:`sync_display_actions`)."""
from __future__ import annotations

from typing import Callable, Iterable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QActionGroup, QKeySequence
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QMenu, QTableWidget, QTableWidgetItem, QToolBar,
                               QVBoxLayout)

from app.playback import PlaybackBar
from engine import scene as scene_mod

FIELD_DENSITIES = (10, 15, 20, 30)
RESOLUTIONS = (100, 200, 300, 400, 600, 800)
CONTOUR_COUNTS = (0, 10, 20, 40)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def make_action(parent, text: str, shortcut: str | None, tip: str, slot=None, checkable: bool = False) -> QAction:
    """A QAction whose tooltip names its shortcut; ``slot`` hears ``toggled`` (checkable) or ``triggered``."""
    action = QAction(text, parent)
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))
    action.setToolTip(f"{tip} ({QKeySequence(shortcut).toString(QKeySequence.SequenceFormat.NativeText)})"
                      if shortcut else tip)
    action.setStatusTip(tip)
    action.setCheckable(checkable)
    if slot is not None:
        (action.toggled if checkable else action.triggered).connect(slot)
    return action


def choice_actions(parent, values: Iterable, text: Callable[[object], str], tip: Callable[[object], str],
                   choose: Callable[[object], None]) -> tuple[QActionGroup, dict]:
    """One exclusive, checkable action per value (a colour map, a density, …): ``choose(value)`` when picked."""
    group, actions = QActionGroup(parent), {}
    for value in values:
        act = make_action(parent, text(value), None, tip(value), checkable=True)
        act.triggered.connect(lambda _=False, v=value: choose(v))
        group.addAction(act)
        actions[value] = act
    return group, actions


def make_actions(w) -> None:
    s = w.state
    w.quit_action = make_action(w, _tr("&Quit"), "Ctrl+Q", _tr("Quit Descent Lab"), w.quit)
    w.quit_action.setMenuRole(QAction.MenuRole.QuitRole)
    w.reset_view_action = make_action(w, _tr("&Reset view"), "Ctrl+0", _tr("Show the landscape's default rectangle"),
                                      s.reset_view)
    w.field_action = make_action(w, _tr("&Gradient field"), "G", _tr("Show arrows of the gradient field"),
                                 lambda on: s.set_display(show_field=on), checkable=True)
    w.ascent_action = make_action(w, _tr("&Ascent arrows (∇f)"), "A", _tr("Draw ∇f (uphill) instead of −∇f (downhill)"),
                                  lambda on: s.set_display(field_mode="ascent" if on else "descent"), checkable=True)
    w.minima_action = make_action(w, _tr("Known &minima"), "M", _tr("Mark the known global minima"),
                                  lambda on: s.set_display(show_minima=on), checkable=True)
    w.log_action = make_action(w, _tr("&Log colour scale"), "L",
                               _tr("Colour by log10(f − fmin): reads landscapes spanning decades"),
                               lambda on: s.set_display(log_scale=on), checkable=True)
    w.equal_axes_action = make_action(w, _tr("&Equal axes"), "E",
                                      _tr("One unit as long on x as on y, on the map and in every export"),
                                      lambda on: s.set_display(equal_axes=on), checkable=True)
    w.clear_runs_action = make_action(w, _tr("&Clear all runs"), "Ctrl+Shift+Del",
                                      _tr("Remove every run from the landscape"), s.clear_runs)
    w.undo_landscape_action = make_action(w, _tr("&Undo landscape change"), "Ctrl+Z",
                                          _tr("Show the previous landscape again, with its view and runs"),
                                          lambda: s.undo_landscape())
    w.undo_landscape_action.setEnabled(False)
    s.landscapeChanged.connect(lambda: w.undo_landscape_action.setEnabled(s.undo_scene is not None))
    w.shortcuts_action = make_action(w, _tr("&Keyboard shortcuts"), "F1",
                                     _tr("List every keyboard shortcut and mouse gesture"), w.show_shortcuts)
    w.about_action = make_action(w, _tr("&About Descent Lab"), None, _tr("Version and credits"), w.show_about)
    w.about_action.setMenuRole(QAction.MenuRole.AboutRole)
    w.colormap_group, w.colormap_actions = choice_actions(
        w, scene_mod.COLORMAPS, lambda name: name.capitalize(),
        lambda name: _tr("Colour the landscape with {name}").format(name=name), lambda n: s.set_display(colormap=n))
    w.density_group, w.density_actions = choice_actions(
        w, FIELD_DENSITIES, lambda n: _tr("{n} × {n} arrows").format(n=n),
        lambda n: _tr("Gradient-field arrows per axis"), lambda n: s.set_display(field_density=n))
    w.contour_group, w.contour_actions = choice_actions(
        w, CONTOUR_COUNTS, lambda n: _tr("None") if n == 0 else _tr("{n} lines").format(n=n),
        lambda n: _tr("Number of contour lines"), lambda n: s.set_display(contours=n))
    w.resolution_group, w.resolution_actions = choice_actions(
        w, RESOLUTIONS, lambda n: _tr("{n} × {n} points").format(n=n),
        lambda n: _tr("Grid on which f is sampled (finer is slower)"), w.set_resolution)


def _submenu(parent: QMenu, title: str, actions: dict) -> QMenu:
    menu = parent.addMenu(title)
    for act in actions.values():
        menu.addAction(act)
    return menu


def make_menus(w) -> None:
    bar = w.menuBar()
    w.file_menu = bar.addMenu(_tr("&File"))
    w.file_menu.addAction(w.quit_action)
    w.edit_menu = bar.addMenu(_tr("&Edit"))
    w.edit_menu.addAction(w.undo_landscape_action)
    w.view_menu = bar.addMenu(_tr("&View"))
    w.view_menu.addAction(w.reset_view_action)
    w.view_menu.addSeparator()
    for act in (w.field_action, w.ascent_action):
        w.view_menu.addAction(act)
    w.density_menu = _submenu(w.view_menu, _tr("Field &density"), w.density_actions)
    w.view_menu.addSeparator()
    for act in (w.minima_action, w.log_action, w.equal_axes_action):
        w.view_menu.addAction(act)
    w.colormap_menu = _submenu(w.view_menu, _tr("&Colour map"), w.colormap_actions)
    w.contour_menu = _submenu(w.view_menu, _tr("C&ontour lines"), w.contour_actions)
    w.resolution_menu = _submenu(w.view_menu, _tr("&Resolution"), w.resolution_actions)
    w.runs_menu = bar.addMenu(_tr("&Runs"))
    w.runs_menu.addAction(w.clear_runs_action)
    w.playback_menu = bar.addMenu(_tr("&Playback"))
    p = w.playback
    for act in (p.play_action, p.step_forward_action, p.step_back_action, p.start_action, p.end_action,
                p.reset_action):
        w.playback_menu.addAction(act)
    w.playback_menu.addSeparator()
    for act in (p.faster_action, p.slower_action, p.loop_action):
        w.playback_menu.addAction(act)
    w.help_menu = bar.addMenu(_tr("&Help"))
    w.help_menu.addAction(w.shortcuts_action)
    w.help_menu.addAction(w.about_action)


def make_toolbars(w) -> None:
    w.main_toolbar = QToolBar(_tr("Landscape"))
    w.main_toolbar.setObjectName("landscape_toolbar")
    w.main_toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
    for act in (w.reset_view_action, None, w.field_action, w.ascent_action, w.minima_action, w.log_action, None,
                w.clear_runs_action):
        w.main_toolbar.addSeparator() if act is None else w.main_toolbar.addAction(act)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, w.main_toolbar)
    w.playback_bar = PlaybackBar(w.playback, w)
    w.addToolBarBreak(Qt.ToolBarArea.TopToolBarArea)
    w.addToolBar(Qt.ToolBarArea.TopToolBarArea, w.playback_bar)


def sync_display_actions(w) -> None:
    """Check the actions that match the model's display settings and resolution."""
    d = w.state.display
    for act, on in ((w.field_action, d.show_field), (w.ascent_action, d.field_mode == "ascent"),
                    (w.minima_action, d.show_minima), (w.log_action, d.log_scale),
                    (w.equal_axes_action, d.equal_axes)):
        if act.isChecked() != on:
            act.blockSignals(True)
            act.setChecked(on)
            act.blockSignals(False)
    for group, value in ((w.colormap_actions, d.colormap), (w.density_actions, d.field_density),
                         (w.contour_actions, d.contours), (w.resolution_actions, w.state.resolution)):
        for key, act in group.items():
            act.setChecked(key == value)
    w.ascent_action.setEnabled(d.show_field)
    w.density_menu.setEnabled(d.show_field)


def shortcut_rows(window) -> list[tuple[str, str]]:
    """(shortcut, what it does) for every action with a shortcut, then the mouse gestures."""
    rows = []
    seen = set()
    for menu in (window.file_menu, window.edit_menu, window.view_menu, window.runs_menu, window.playback_menu,
                 window.help_menu):
        for act in _menu_actions(menu):
            if act.shortcut().isEmpty() or id(act) in seen:
                continue
            seen.add(id(act))
            rows.append((act.shortcut().toString(QKeySequence.SequenceFormat.NativeText),
                         act.text().replace("&", "")))
    rows += [
        (_tr("Left click"), _tr("Start a run at that point")),
        (_tr("Drag a start marker"), _tr("Re-run from the new point")),
        (_tr("Click a start marker"), _tr("Select that run")),
        (_tr("Drag"), _tr("Pan the landscape")),
        (_tr("Wheel"), _tr("Zoom around the cursor")),
        (_tr("Right click"), _tr("Landscape menu")),
    ]
    return rows


def shortcuts_dialog(window) -> QDialog:
    """Help ▸ Keyboard shortcuts: every shortcut and mouse gesture in a table (not shown yet)."""
    dialog = QDialog(window)
    dialog.setWindowTitle(_tr("Keyboard shortcuts"))
    rows = shortcut_rows(window)
    table = QTableWidget(len(rows), 2, dialog)
    table.setHorizontalHeaderLabels([_tr("Shortcut"), _tr("Action")])
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
    return dialog


def _menu_actions(menu: QMenu):
    for act in menu.actions():
        if act.menu() is not None:
            yield from _menu_actions(act.menu())
        elif not act.isSeparator():
            yield act
