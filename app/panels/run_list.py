"""Run list: one row per run with its colour, settings, where it is at the current iteration, and its status.

The model copies ``state.runs`` at ``state.frame`` into cells (only the ones that change per frame); selecting rows calls :meth:`AppState.select`, Delete and the
context menu call :meth:`AppState.remove_runs` / :meth:`AppState.clear_runs`.
"""
from __future__ import annotations

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP, QItemSelection, QItemSelectionModel, QSignalBlocker, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QHeaderView, QMenu, QPushButton, QTableView, QVBoxLayout,
                               QWidget)

from app.panels import fmt, is_failed, optimizer_title, shown_row, status_text
from app.model import AppState
from app.engine_errors import error_text

FAILED = QColor("#d62728")
COLUMNS = (
    "#",
    QT_TRANSLATE_NOOP("RunTableModel", "Optimizer"),
    "η",
    QT_TRANSLATE_NOOP("RunTableModel", "Start"),
    QT_TRANSLATE_NOOP("RunTableModel", "Step"),
    "f",
    "|∇f|",
    QT_TRANSLATE_NOOP("RunTableModel", "Status"),
)
COLUMN_TIPS = (
    QT_TRANSLATE_NOOP("RunTableModel", "Run number and colour"),
    QT_TRANSLATE_NOOP("RunTableModel", "Optimizer of the run"),
    QT_TRANSLATE_NOOP("RunTableModel", "Learning rate"),
    QT_TRANSLATE_NOOP("RunTableModel", "Start point (x, y)"),
    QT_TRANSLATE_NOOP("RunTableModel", "Iteration shown (the run's last one once it has stopped)"),
    QT_TRANSLATE_NOOP("RunTableModel", "f at that iteration"),
    QT_TRANSLATE_NOOP("RunTableModel", "Gradient norm |∇f| at that iteration"),
    QT_TRANSLATE_NOOP("RunTableModel", "Whether the run is still moving, converged or diverged"),
)
FRAME_COLUMNS = (4, 7)  # first and last column that change with the iteration
STATIC_COLUMNS = (0, 1, 2, 3)
RIGHT_ALIGNED = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
RIGHT_ALIGNED_COLUMNS = (0, 2, 4, 5, 6)
CELL_FLAGS = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # not editable, no drag and drop


class RunTableModel(QStandardItemModel):
    """Rows = ``state.runs`` in order; cells show the run's trajectory at ``state.frame``.

    The texts live in Qt's own item model, written only when they change: a paint of the table then makes no call into
    Python (a Python ``data()`` is asked ~5 roles for each cell on every paint, ~8 ms for 8 runs), and a new frame
    rewrites only the cells whose text or colour changed, so a stopped run's row is not repainted while others move.
    """

    def __init__(self, state: AppState, parent=None) -> None:
        super().__init__(0, len(COLUMNS), parent)
        self.state = state
        self._shown: list = []  # per row: the _frame_key its frame cells were written for
        self.name_columns()
        state.landscapeChanged.connect(self.name_columns)

    def name_columns(self, *_) -> None:
        """Headers in the landscape's own names: f and |∇f| for a function, L and |∇L| for a network's slice."""
        network = self.state.landscape_source.get("kind") == "network"
        names = {5: ("L", QT_TRANSLATE_NOOP("RunTableModel", "The loss L at that iteration")),
                 6: ("|∇L|", QT_TRANSLATE_NOOP("RunTableModel", "Norm |∇L| of the loss's gradient in the slice at "
                                                                 "that iteration"))} if network else {}
        for col, (title, tip) in enumerate(zip(COLUMNS, COLUMN_TIPS)):
            title, tip = names.get(col, (title, tip))
            header = QStandardItem(self.tr(title))
            header.setToolTip(self.tr(tip))
            self.setHorizontalHeaderItem(col, header)

    def refresh_all(self) -> None:
        """Rebuild every row from ``state.runs`` (runs added, removed or recomputed)."""
        self.setRowCount(0)
        self._shown = [_UNKNOWN] * len(self.state.runs)
        for run in self.state.runs:
            tip = self.tr("{label}, started at ({x:.4g}, {y:.4g})").format(
                label=run.label, x=run.start[0], y=run.start[1])
            row = []
            for col in range(len(COLUMNS)):
                item = QStandardItem()
                item.setFlags(CELL_FLAGS)
                item.setToolTip(error_text(run.error) if col == 7 and run.error else tip)
                if col in RIGHT_ALIGNED_COLUMNS:
                    item.setTextAlignment(RIGHT_ALIGNED)
                row.append(item)
            row[0].setData(QColor(run.color), Qt.ItemDataRole.DecorationRole)
            for col in STATIC_COLUMNS:
                row[col].setText(cell_text(run, col, self.state.frame))
            self.appendRow(row)
        self.refresh_frame()

    def refresh_frame(self) -> None:
        """Rewrite the cells of the frame columns whose text or colour changed (setText on an equal text still
        announces a change and repaints the cell, so compare first)."""
        frame = self.state.frame
        for r, run in enumerate(self.state.runs[:self.rowCount()]):
            key = _frame_key(run, frame)
            before = self._shown[r] if r < len(self._shown) else _UNKNOWN
            if before == key:
                continue  # same trajectory row, same running/stopped: nothing to rewrite (a stopped run's row)
            if r < len(self._shown):
                self._shown[r] = key
            # the status only changes when the run starts or stops showing as stopped
            same_status = before is not _UNKNOWN and before is not None and key is not None and before[1] == key[1]
            for col in range(FRAME_COLUMNS[0], FRAME_COLUMNS[1] + (0 if same_status else 1)):
                item = self.item(r, col)
                text = cell_text(run, col, frame)
                if item.text() != text:
                    item.setText(text)
                    if col == 7:
                        item.setToolTip(text)  # the whole status, however narrow the column
            if same_status:
                continue
            status = self.item(r, 7)
            failed = is_failed(run, frame)
            if failed != (status.data(Qt.ItemDataRole.ForegroundRole) is not None):
                status.setData(QBrush(FAILED) if failed else None, Qt.ItemDataRole.ForegroundRole)


_UNKNOWN = object()  # a row whose frame cells have not been written yet


def _frame_key(run, frame: int):
    """What the frame columns of ``run`` depend on at ``frame``: its shown row and whether it has stopped."""
    if run.trajectory is None:
        return None
    return shown_row(run, frame), frame >= int(run.trajectory.stopped_at[0])


def cell_text(run, col: int, frame: int) -> str:
    """The text of column ``col`` for ``run`` at iteration ``frame``."""
    if col == 0:
        return str(run.id)
    if col == 1:
        return optimizer_title(run.settings.name)
    if col == 2:
        return f"{run.settings.lr:g}"
    if col == 3:
        return f"({run.start[0]:.3g}, {run.start[1]:.3g})"
    if col == 7:
        return status_text(run, frame)
    traj = run.trajectory
    if traj is None:
        return "—"
    row = shown_row(run, frame)
    if col == 4:
        return str(row)
    if col == 5:
        return fmt(traj.values[row, 0])
    gx, gy = traj.gradients[row, 0]
    return fmt(float(np.hypot(gx, gy)))  # the element of traj.grad_norm, without computing the whole column


class RunList(QWidget):
    """Table of runs with Delete, Duplicate and Clear all."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("runList")
        self.model = RunTableModel(state, self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.table.fontMetrics().height() + 8)
        header = self.table.horizontalHeader()
        # Interactive, sized to contents when runs change: ResizeToContents would re-measure every cell on every
        # animation frame (the dominant cost of this widget during playback).
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setStretchLastSection(True)
        self._number_width = self.table.fontMetrics().horizontalAdvance("−8.88888e−88") + 12
        self._step_width = self.table.fontMetrics().horizontalAdvance("88888") + 12
        self.table.setContextMenuPolicy(Qt.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.setToolTip(self.tr("Runs: select to highlight and inspect; Delete removes, right-click for more"))
        self.table.selectionModel().selectionChanged.connect(self._on_table_selection)

        self.delete_action = QAction(self.tr("&Delete"), self)
        self.delete_action.setShortcut(QKeySequence.Delete)
        self.delete_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.delete_action.setToolTip(self.tr("Delete the selected runs (Delete)"))
        self.delete_action.triggered.connect(self._delete_selected)
        self.duplicate_action = QAction(self.tr("D&uplicate"), self)
        self.duplicate_action.setShortcut(QKeySequence("Ctrl+D"))
        self.duplicate_action.setShortcutContext(Qt.WidgetWithChildrenShortcut)
        self.duplicate_action.setToolTip(self.tr("Start a copy of each selected run in a new colour (Ctrl+D)"))
        self.duplicate_action.triggered.connect(self._duplicate_selected)
        self.clear_action = QAction(self.tr("&Clear all"), self)
        self.clear_action.setToolTip(self.tr("Remove every run"))
        self.clear_action.triggered.connect(self.state.clear_runs)
        self.addActions([self.delete_action, self.duplicate_action])

        self.delete_button = QPushButton(self.tr("Delete"))
        self.delete_button.setToolTip(self.delete_action.toolTip())
        self.delete_button.clicked.connect(self._delete_selected)
        self.clear_button = QPushButton(self.tr("Clear all"))
        self.clear_button.setToolTip(self.clear_action.toolTip())
        self.clear_button.clicked.connect(self.state.clear_runs)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        buttons.addWidget(self.clear_button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.table)
        layout.addLayout(buttons)

        state.runsChanged.connect(self._on_runs_changed)
        state.frameChanged.connect(self._on_frame_changed)
        state.selectionChanged.connect(self._on_selection_changed)
        self._on_runs_changed()

    # ----- handlers ---------------------------------------------------------------------------------------------
    def _selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.state.runs[r].id for r in rows if r < len(self.state.runs)]

    def _on_table_selection(self, *_) -> None:
        self.state.select(self._selected_ids())

    def _delete_selected(self) -> None:
        self.state.remove_runs(self._selected_ids())

    def _duplicate_selected(self) -> None:
        for run in self.state.selected_runs():
            self.state.add_run_with(run.settings, run.start)

    def _context_menu(self, pos) -> None:
        menu = QMenu(self)
        has_selection = bool(self._selected_ids())
        self.delete_action.setEnabled(has_selection)
        self.duplicate_action.setEnabled(has_selection)
        self.clear_action.setEnabled(bool(self.state.runs))
        menu.addActions([self.delete_action, self.duplicate_action])
        menu.addSeparator()
        menu.addAction(self.clear_action)
        menu.exec(self.table.viewport().mapToGlobal(pos))
        self._update_buttons()

    # ----- slots ------------------------------------------------------------------------------------------------
    def _on_runs_changed(self) -> None:
        # Rebuilding the rows drops the table's selection; that is not the user deselecting (restored below).
        with QSignalBlocker(self.table.selectionModel()):
            self.model.refresh_all()
        self.table.resizeColumnsToContents()
        widths = {4: self._step_width, 5: self._number_width, 6: self._number_width}
        for col, width in widths.items():  # these change with the frame: room for the widest
            self.table.setColumnWidth(col, max(self.table.columnWidth(col), width))
        self._on_selection_changed()

    def _on_frame_changed(self, _frame: int) -> None:
        self.model.refresh_frame()

    def _on_selection_changed(self) -> None:
        selection = QItemSelection()
        last = self.model.columnCount() - 1
        for row, run in enumerate(self.state.runs):
            if run.id in self.state.selected:
                selection.select(self.model.index(row, 0), self.model.index(row, last))
        with QSignalBlocker(self.table.selectionModel()):
            self.table.selectionModel().select(selection, QItemSelectionModel.ClearAndSelect)
        self.table.viewport().update()
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_selection = bool(self.state.selected)
        self.delete_button.setEnabled(has_selection)
        self.delete_action.setEnabled(has_selection)
        self.duplicate_action.setEnabled(has_selection)
        self.clear_button.setEnabled(bool(self.state.runs))
