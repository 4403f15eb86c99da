"""Landscape picker: the catalogue with its one-line descriptions, the view rectangle, grid resolution and display.

Handlers call :meth:`AppState.set_landscape`, :meth:`~AppState.set_view`, :meth:`~AppState.reset_view`,
:meth:`~AppState.set_resolution` and :meth:`~AppState.set_display`; the widgets follow the state in the slots below
(a pan or zoom in the landscape view updates the four bounds here).
"""
from __future__ import annotations

import html

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import (QCheckBox, QComboBox, QDoubleSpinBox, QFormLayout, QGridLayout, QGroupBox,
                               QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QSpinBox,
                               QVBoxLayout, QWidget)

from app.engine_texts import landscape_text
from app.i18n import engine_text
from app.model import AppState
from engine import functions, vocab

# the colour maps of engine.vocab, each with its label (translated with self.tr)
_COLORMAP_LABELS = {"viridis": QT_TRANSLATE_NOOP("LandscapePicker", "Viridis"),
                    "plasma": QT_TRANSLATE_NOOP("LandscapePicker", "Plasma"),
                    "inferno": QT_TRANSLATE_NOOP("LandscapePicker", "Inferno"),
                    "magma": QT_TRANSLATE_NOOP("LandscapePicker", "Magma"),
                    "cividis": QT_TRANSLATE_NOOP("LandscapePicker", "Cividis (colour-blind safe)"),
                    "turbo": QT_TRANSLATE_NOOP("LandscapePicker", "Turbo")}
COLORMAPS = [(name, _COLORMAP_LABELS.get(name, name)) for name in vocab.COLORMAPS]
# the bound labels of the View box, translated with self.tr
BOUND_LABELS = [("xmin", QT_TRANSLATE_NOOP("LandscapePicker", "x from")),
                ("xmax", QT_TRANSLATE_NOOP("LandscapePicker", "to")),
                ("ymin", QT_TRANSLATE_NOOP("LandscapePicker", "y from")),
                ("ymax", QT_TRANSLATE_NOOP("LandscapePicker", "to"))]


def _spin(tooltip: str, lo: float, hi: float, decimals: int = 4) -> QDoubleSpinBox:
    box = QDoubleSpinBox()
    box.setRange(lo, hi)
    box.setDecimals(decimals)
    box.setSingleStep(0.5)
    box.setKeyboardTracking(False)
    box.setToolTip(tooltip)
    return box


class LandscapePicker(QWidget):
    """Choose the function, the rectangle and resolution it is sampled on, and how it is drawn."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("landscapePicker")

        self.list = QListWidget()
        self.list.setToolTip(self.tr("Built-in test functions; choosing one clears the runs"))
        for name in functions.names():
            fn = functions.get(name)
            item = QListWidgetItem(engine_text(fn.title))
            item.setData(Qt.UserRole, name)
            item.setToolTip(f"{engine_text(fn.description)}\n\nf(x, y) = {fn.formula}")
            self.list.addItem(item)
        self.list.currentItemChanged.connect(self._on_item)
        self.list.setMinimumHeight(7 * self.list.sizeHintForRow(0) + 2 * self.list.frameWidth())
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextFormat(Qt.RichText)
        self.description.setToolTip(self.tr("What this landscape shows, and its definition"))

        view_box = QGroupBox(self.tr("View"))
        grid = QGridLayout(view_box)
        self.bounds = {}
        for i, (key, text) in enumerate(BOUND_LABELS):
            box = _spin(self.tr("{bound} of the visible rectangle (Apply or Enter to use)").format(bound=key),
                        -1e6, 1e6)
            box.lineEdit().returnPressed.connect(self._apply_view)
            self.bounds[key] = box
            label = QLabel(self.tr(text))
            label.setBuddy(box)
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(box, i // 2, 2 * (i % 2) + 1)
        self.apply_button = QPushButton(self.tr("&Apply"))
        self.apply_button.setToolTip(self.tr("Show the rectangle typed above"))
        self.apply_button.clicked.connect(self._apply_view)
        self.reset_button = QPushButton(self.tr("&Reset view"))
        self.reset_button.setToolTip(self.tr("Back to this landscape's default rectangle"))
        self.reset_button.clicked.connect(self.state.reset_view)
        self.view_error = QLabel()
        self.view_error.setWordWrap(True)
        self.view_error.setStyleSheet("color: #d62728;")
        self.view_error.hide()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        buttons.addWidget(self.apply_button)
        grid.addLayout(buttons, 2, 0, 1, 4)
        grid.addWidget(self.view_error, 3, 0, 1, 4)
        self.resolution = QSpinBox()
        self.resolution.setRange(50, 1000)
        self.resolution.setSingleStep(50)
        self.resolution.setSuffix(self.tr(" × n"))
        self.resolution.setKeyboardTracking(False)
        self.resolution.setToolTip(self.tr("Grid points per axis used to sample the surface (more is finer, slower)"))
        self.resolution.valueChanged.connect(self.state.set_resolution)
        res_label = QLabel(self.tr("Gr&id"))
        res_label.setBuddy(self.resolution)
        grid.addWidget(res_label, 4, 0)
        grid.addWidget(self.resolution, 4, 1, 1, 3)

        display_box = QGroupBox(self.tr("Display"))
        form = QFormLayout(display_box)
        self.colormap = QComboBox()
        for key, text in COLORMAPS:
            self.colormap.addItem(self.tr(text), key)
        self.colormap.setToolTip(self.tr("Colour map of f"))
        self.colormap.currentIndexChanged.connect(
            lambda i: self.state.set_display(colormap=self.colormap.itemData(i)))
        form.addRow(self._buddy(self.tr("&Colours"), self.colormap), self.colormap)
        self.log_scale = QCheckBox(self.tr("Lo&garithmic colour scale"))
        self.log_scale.setToolTip(self.tr("Colour by log f: reveals valleys of landscapes whose values span many "
                                          "decades"))
        self.log_scale.toggled.connect(lambda on: self.state.set_display(log_scale=on))
        form.addRow(self.log_scale)
        self.contours = QSpinBox()
        self.contours.setRange(0, 100)
        self.contours.setKeyboardTracking(False)
        self.contours.setSpecialValueText(self.tr("none"))
        self.contours.setToolTip(self.tr("Number of contour lines (0: none)"))
        self.contours.valueChanged.connect(lambda n: self.state.set_display(contours=int(n)))
        form.addRow(self._buddy(self.tr("Co&ntours"), self.contours), self.contours)
        self.show_minima = QCheckBox(self.tr("Mar&k known minima"))
        self.show_minima.setToolTip(self.tr("Show the landscape's known global minima"))
        self.show_minima.toggled.connect(lambda on: self.state.set_display(show_minima=on))
        form.addRow(self.show_minima)
        self.show_field = QCheckBox(self.tr("Gradient &field"))
        self.show_field.setToolTip(self.tr("Arrows on a regular grid showing the gradient direction and size"))
        self.show_field.toggled.connect(lambda on: self.state.set_display(show_field=on))
        form.addRow(self.show_field)
        self.field_mode = QComboBox()
        self.field_mode.addItem(self.tr("Descent direction −∇f"), "descent")
        self.field_mode.addItem(self.tr("Ascent direction ∇f"), "ascent")
        self.field_mode.setToolTip(self.tr("Draw arrows downhill (where descent goes) or uphill (the gradient itself)"))
        self.field_mode.currentIndexChanged.connect(
            lambda i: self.state.set_display(field_mode=self.field_mode.itemData(i)))
        form.addRow(self._buddy(self.tr("Arro&ws"), self.field_mode), self.field_mode)
        self.density = QSpinBox()
        self.density.setRange(5, 60)
        self.density.setSuffix(self.tr(" per axis"))
        self.density.setKeyboardTracking(False)
        self.density.setToolTip(self.tr("Number of arrows along each axis"))
        self.density.valueChanged.connect(lambda n: self.state.set_display(field_density=int(n)))
        form.addRow(self._buddy(self.tr("&Density"), self.density), self.density)

        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.description)
        layout.addWidget(view_box)
        layout.addWidget(display_box)

        state.landscapeChanged.connect(self._on_landscape_changed)
        state.viewChanged.connect(self._on_view_changed)
        state.displayChanged.connect(self._on_display_changed)
        self._on_landscape_changed()
        self._on_view_changed()
        self._on_display_changed()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        label.setToolTip(widget.toolTip())
        return label

    # ----- handlers ---------------------------------------------------------------------------------------------
    def _on_item(self, item: QListWidgetItem | None, _previous=None) -> None:
        if item is not None and item.data(Qt.UserRole) != self.state.function.name:
            self.state.set_landscape(functions.get(item.data(Qt.UserRole)), keep_runs=True)

    def _apply_view(self) -> None:
        b = {k: box.value() for k, box in self.bounds.items()}
        try:
            self.state.set_view(((b["xmin"], b["xmax"]), (b["ymin"], b["ymax"])))
        except ValueError as exc:
            text = self.tr("View refused: {reason}").format(reason=exc)
            self.view_error.setText(text)
            self.view_error.show()
            self.state.message.emit(text)
            return
        self.view_error.hide()

    # ----- slots ------------------------------------------------------------------------------------------------
    def _on_landscape_changed(self) -> None:
        fn = self.state.function
        with QSignalBlocker(self.list):
            matches = [i for i in range(self.list.count()) if self.list.item(i).data(Qt.UserRole) == fn.name]
            self.list.setCurrentRow(matches[0] if matches and self.state.landscape_source.get("kind") == "function"
                                    else -1)
        formula = (f"<br><span style='font-family:monospace'>f(x, y) = {html.escape(landscape_text(fn.formula))}"
                   "</span>" if fn.formula else "")
        self.description.setText(f"<b>{html.escape(landscape_text(fn.title))}</b>: "
                                 f"{html.escape(landscape_text(fn.description))}{formula}")

    def _on_view_changed(self) -> None:
        (x0, x1), (y0, y1) = self.state.view
        for key, value in zip(("xmin", "xmax", "ymin", "ymax"), (x0, x1, y0, y1)):
            with QSignalBlocker(self.bounds[key]):
                self.bounds[key].setValue(value)
        with QSignalBlocker(self.resolution):
            self.resolution.setValue(min(max(self.state.resolution, 50), 1000))
        self.view_error.hide()

    def _on_display_changed(self) -> None:
        d = self.state.display
        widgets = (self.colormap, self.log_scale, self.contours, self.show_minima, self.show_field,
                   self.field_mode, self.density)
        blockers = [QSignalBlocker(w) for w in widgets]
        self.colormap.setCurrentIndex(max(self.colormap.findData(d.colormap), 0))
        self.log_scale.setChecked(d.log_scale)
        self.contours.setValue(d.contours)
        self.show_minima.setChecked(d.show_minima)
        self.show_field.setChecked(d.show_field)
        self.field_mode.setCurrentIndex(max(self.field_mode.findData(d.field_mode), 0))
        self.density.setValue(d.field_density)
        self.field_mode.setEnabled(d.show_field)
        self.density.setEnabled(d.show_field)
        del blockers
