"""Basin panel: show the basin / speed map, its opacity and resolution, a legend of basins, progress and data export.

The panel binds to :class:`app.views.basin_overlay.BasinOverlay` (the map's small state: enabled, mode, opacity,
resolution, highlight) and reads the displayed :class:`engine.basins.BasinMap` for the legend. Hovering a legend row
highlights that basin on the map. "Export map data…" writes the displayed map as CSV or NumPy ``.npz`` through
:func:`app.atomic.atomic_write` (all or nothing).
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QHeaderView, QLabel, QProgressBar, QPushButton, QSlider, QSpinBox, QTableWidget,
                               QTableWidgetItem, QVBoxLayout, QWidget)

from engine.atomic import WriteError, atomic_write
from app.basin_worker import MAX_RESOLUTION, MIN_RESOLUTION
from app.model import AppState
from app.readout import RichReadout
from engine.basins import DIVERGED, NOT_CONVERGED, BasinMap

CSV_COLUMNS = ("x", "y", "label", "steps", "end_x", "end_y")


def map_rows(bmap: BasinMap) -> np.ndarray:
    """(res·res, 6) rows x, y, label, steps, end_x, end_y, row-major over [y, x] (cell [i, j] is row i·nx + j)."""
    gx, gy = np.meshgrid(bmap.x, bmap.y)
    return np.column_stack([gx.ravel(), gy.ravel(), bmap.labels.ravel(), bmap.steps.ravel(),
                            bmap.end_points[..., 0].ravel(), bmap.end_points[..., 1].ravel()])


def write_csv(path, bmap: BasinMap) -> Path:
    """One row per start: x, y, label (basin index, -1 diverged, -2 not converged), steps, end_x, end_y."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for x, y, label, steps, ex, ey in map_rows(bmap):
        writer.writerow([repr(float(x)), repr(float(y)), int(label), int(steps), repr(float(ex)), repr(float(ey))])
    with atomic_write(path, "w") as f:
        f.write(buffer.getvalue())
    return Path(path)


def write_npz(path, bmap: BasinMap, meta: dict | None = None) -> Path:
    """The map's arrays (labels, steps, end_points, x, y) and its basin table in one compressed NumPy file."""
    basins = bmap.basins
    arrays = dict(labels=bmap.labels, steps=bmap.steps, end_points=bmap.end_points, x=bmap.x, y=bmap.y,
                  max_steps=np.int64(bmap.max_steps), cluster_tol=np.float64(bmap.cluster_tol),
                  basin_index=np.array([b.index for b in basins], dtype=np.int64),
                  basin_point=np.array([b.point for b in basins], dtype=float).reshape(-1, 2),
                  basin_value=np.array([b.value for b in basins], dtype=float),
                  basin_share=np.array([b.share for b in basins], dtype=float),
                  basin_known=np.array([b.known for b in basins], dtype=bool),
                  meta=np.array(json.dumps(meta or {})))
    with atomic_write(path, "wb") as f:
        np.savez_compressed(f, **arrays)
    return Path(path)


def _swatch(color: QColor, stripes=None) -> QIcon:
    """A legend square: the basin's colour, or the two stripes of a patterned label (as drawn on the map)."""
    pix = QPixmap(14, 14)
    pix.fill(color if stripes is None else stripes[0])
    if stripes is not None:
        painter = QPainter(pix)
        painter.setPen(QPen(stripes[1], 2.5))
        for k in range(-14, 14, 7):
            painter.drawLine(k, 14, k + 14, 0)
        painter.end()
    return QIcon(pix)


class BasinPanel(QWidget):
    """Controls and legend of ``overlay`` (the basin map over the landscape of ``state``)."""

    def __init__(self, state: AppState, overlay, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.overlay = overlay
        self._row_labels: list[int] = []

        self.show_box = QCheckBox(self.tr("Show basin map (B)"))
        self.show_box.setToolTip(self.tr("Colour every start point of the view by where gradient descent from it "
                                         "ends, with the optimizer settings of the Optimizer panel (B)"))
        self.mode_box = QComboBox()
        self.mode_box.addItem(self.tr("Basins: where descent ends"), "basins")
        self.mode_box.addItem(self.tr("Speed: steps to converge"), "speed")
        self.mode_box.setToolTip(self.tr("Basins colours each start by the minimum it reaches; speed colours it by "
                                         "the number of steps to converge (log scale)"))
        self.opacity_slider = QSlider(Qt.Orientation.Horizontal)
        self.opacity_slider.setRange(5, 100)
        self.opacity_slider.setToolTip(self.tr("Opacity of the map over the landscape"))
        self.opacity_label = QLabel()
        self.opacity_label.setMinimumWidth(38)
        self.resolution_box = QSpinBox()
        self.resolution_box.setRange(MIN_RESOLUTION, MAX_RESOLUTION)
        self.resolution_box.setSingleStep(50)
        self.resolution_box.setSuffix(self.tr(" per axis"))
        self.resolution_box.setKeyboardTracking(False)
        self.resolution_box.setToolTip(self.tr("Start points per axis ({lo}–{hi}); a coarse {lo} × {lo} preview "
                                               "is shown first").format(lo=MIN_RESOLUTION, hi=MAX_RESOLUTION))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setToolTip(self.tr("The map is computed in the background: a coarse preview first, "
                                             "then the full resolution"))
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setToolTip(self.tr("What the displayed map was computed with"))
        self.hover_label = RichReadout(rich=False)  # changes on every mouse move: no new layout for each
        self.hover_label.setObjectName("basin_hover")
        self.hover_label.setToolTip(self.tr("The basin under the cursor"))

        self.legend = QTableWidget(0, 4)
        self.legend.setHorizontalHeaderLabels([self.tr("Basin of"), self.tr("f"), self.tr("Area"), self.tr("Kind")])
        for col, tip in enumerate((self.tr("The minimum the starts of this basin converge to"),
                                   self.tr("f at that minimum"),
                                   self.tr("Share of the view's start points that end there"),
                                   self.tr("Known: a catalogue minimum; discovered: found by clustering end points"))):
            self.legend.horizontalHeaderItem(col).setToolTip(tip)
        self.legend.verticalHeader().setVisible(False)
        self.legend.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.legend.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.legend.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.legend.setMouseTracking(True)
        self.legend.setToolTip(self.tr("Hover a row to highlight that basin on the map"))
        header = self.legend.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in (1, 2, 3):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        self.legend.cellEntered.connect(self._on_row_entered)
        self.legend.viewport().installEventFilter(self)

        self.export_button = QPushButton(self.tr("Export map data…"))
        self.export_button.setToolTip(self.tr("Save the displayed map: one row per start point (x, y, label, steps, "
                                              "end point) as CSV, or all arrays as NumPy .npz"))
        self.export_button.clicked.connect(self.export_dialog)

        form = QFormLayout()
        form.addRow(self.tr("Colour by"), self.mode_box)
        opacity_row = QHBoxLayout()
        opacity_row.addWidget(self.opacity_slider, 1)
        opacity_row.addWidget(self.opacity_label)
        form.addRow(self.tr("Opacity"), opacity_row)
        form.addRow(self.tr("Resolution"), self.resolution_box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.show_box)
        layout.addLayout(form)
        layout.addWidget(self.progress_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.legend, 1)
        layout.addWidget(self.hover_label)
        layout.addWidget(self.export_button)

        self.show_box.toggled.connect(overlay.toggle_action.setChecked)
        self.mode_box.currentIndexChanged.connect(lambda _: overlay.set_mode(self.mode_box.currentData()))
        self.opacity_slider.valueChanged.connect(lambda v: overlay.set_opacity(v / 100))
        self.resolution_box.valueChanged.connect(overlay.set_resolution)
        overlay.settingsChanged.connect(self._sync_settings)
        overlay.mapChanged.connect(self._on_map)
        overlay.busyChanged.connect(self._on_busy)
        overlay.progressChanged.connect(self._on_progress)
        overlay.hoverTextChanged.connect(self._on_hover_text)
        self._sync_settings()
        self._on_map(overlay.result)
        self._on_busy(overlay.worker.busy)
        self._on_hover_text(overlay.hover_text)

    # ----- overlay -> widgets --------------------------------------------------------------
    def _sync_settings(self) -> None:
        o = self.overlay
        for widget, setter, value in ((self.show_box, self.show_box.setChecked, o.enabled),
                                      (self.mode_box, self.mode_box.setCurrentIndex, self.mode_box.findData(o.mode)),
                                      (self.opacity_slider, self.opacity_slider.setValue, round(o.opacity * 100)),
                                      (self.resolution_box, self.resolution_box.setValue, o.resolution)):
            with QSignalBlocker(widget):
                setter(value)
        self.opacity_label.setText(self.tr("{p} %").format(p=round(o.opacity * 100)))
        for widget in (self.mode_box, self.opacity_slider, self.resolution_box):
            widget.setEnabled(o.enabled)
        self._on_busy(o.worker.busy)
        self._update_summary()

    def _on_map(self, result) -> None:
        self._update_summary()
        self.export_button.setEnabled(result is not None)
        self.legend.setRowCount(0)
        self._row_labels = []
        if result is None:
            return
        m = result.map
        rows = [(b.index, f"({b.point[0]:.3f}, {b.point[1]:.3f})", f"{b.value:.4g}", b.share,
                 self.tr("known") if b.known else self.tr("discovered")) for b in m.basins]
        rows.append((NOT_CONVERGED, self.tr("not converged in {n} steps").format(n=m.max_steps), "",
                     m.not_converged_share, ""))
        rows.append((DIVERGED, self.tr("diverged"), "", m.diverged_share, ""))
        self.legend.setRowCount(len(rows))
        for r, (label, name, value, share, kind) in enumerate(rows):
            tip = self.overlay.describe(label)
            for c, text in enumerate((name, value, self.tr("{p:.1f} %").format(p=100 * share), kind)):
                item = QTableWidgetItem(text)
                item.setToolTip(tip)
                if c:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.legend.setItem(r, c, item)
            self.legend.item(r, 0).setIcon(_swatch(self.overlay.color_of(label), self.overlay.stripes_of(label)))
            self._row_labels.append(label)

    def _update_summary(self) -> None:
        o, result = self.overlay, self.overlay.result
        if not o.enabled:
            self.summary.setText(self.tr("The map is off: nothing is computed."))
        elif result is None:
            self.summary.setText(self.tr("Computing the map…"))
        else:
            opt = result.request.optimizer
            stage = self.tr("full map") if result.final else self.tr("coarse preview")
            self.summary.setText(self.tr("{n} × {n} starts ({stage}), {opt} η = {lr:g}, at most {steps} steps, "
                                         "{t:.2f} s").format(n=result.resolution, stage=stage, opt=opt.name,
                                                             lr=opt.lr, steps=opt.steps, t=result.elapsed))
            if result.limited:
                self.summary.setText(self.summary.text() + " " + self.tr(
                    "Coarser than the {r} × {r} asked for: every start needs a costly gradient (e.g. a backprop) "
                    "per step, so the map is kept to about a minute.").format(r=result.request.resolution))

    def _on_busy(self, busy: bool) -> None:
        self.progress_bar.setVisible(bool(busy) and self.overlay.enabled)
        self._update_summary()

    def _on_progress(self, fraction: float) -> None:
        self.progress_bar.setValue(round(1000 * fraction))
        shown = self.overlay.result
        text = self.tr("full map… {p} %") if shown is not None and not shown.final else self.tr("computing… {p} %")
        self.progress_bar.setFormat(text.format(p=round(100 * fraction)))

    def _on_hover_text(self, text: str) -> None:
        self.hover_label.setText(text or self.tr("Hover the map or a row to highlight a basin"))

    # ----- legend hover -> overlay ---------------------------------------------------------
    def _on_row_entered(self, row: int, _col: int) -> None:
        if 0 <= row < len(self._row_labels):
            self.overlay.set_highlight(self._row_labels[row])

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.legend.viewport() and event.type() == QEvent.Type.Leave:
            self.overlay.set_highlight(None)
        return super().eventFilter(obj, event)

    # ----- export --------------------------------------------------------------------------
    def export_dialog(self) -> None:
        if self.overlay.result is None:
            return
        path, chosen = QFileDialog.getSaveFileName(
            self, self.tr("Export map data"), str(Path.home() / "basin_map.csv"),
            self.tr("CSV table (*.csv);;NumPy arrays (*.npz)"))
        if path:
            if not Path(path).suffix:
                path += ".npz" if "npz" in chosen else ".csv"
            self.export_to(path)

    def export_to(self, path) -> Path | None:
        """Write the displayed map to ``path`` (.npz: NumPy arrays; anything else: CSV); None when it failed."""
        result = self.overlay.result
        if result is None:
            self.state.message.emit(self.tr("No basin map to export yet"))
            return None
        try:
            if str(path).lower().endswith(".npz"):
                opt = result.request.optimizer
                meta = {"function": getattr(result.request.function, "name", ""), "view": result.request.view,
                        "optimizer": opt.name, "lr": opt.lr, "hyper": opt.hyper, "steps": opt.steps,
                        "final": result.final}
                written = write_npz(path, result.map, meta)
            else:
                written = write_csv(path, result.map)
        except WriteError as exc:
            self.state.message.emit(self.tr("Could not export the map: {error}").format(error=exc))
            return None
        self.state.message.emit(self.tr("Map data saved to {path}").format(path=written))
        return written
