"""Optimizer panel: which optimizer, its learning rate (log slider + exact field), hyper-parameters, steps, compare.

The heading says what an edit changes: "Editing run 3 · Adam" (selecting a run shows its settings), "Settings for new
runs" with nothing selected, or every run while "Apply to all runs" is on (see :mod:`app.model.run_edits`). Every
edit calls :meth:`AppState.set_optimizer`; the widgets are refreshed from the state in :meth:`_on_optimizer_changed`,
so the slider, the fields and the runs never disagree, and a refused value is marked in its field with the reason.
"""
from __future__ import annotations

import math

from PySide6.QtCore import QT_TRANSLATE_NOOP, QSignalBlocker, Qt
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QLabel, QListWidget, QListWidgetItem,
                               QPushButton, QSlider, QSpinBox, QVBoxLayout, QWidget)

from app.i18n import engine_text
from app.panels import formula_html, optimizer_title
from app.panels.number_field import NumberField
from app.model import OPTIMIZER_NAMES, AppState
from app.engine_errors import error_text
from engine.optimizers import OPTIMIZERS, make

LR_MIN, LR_MAX = 1e-5, 10.0
SLIDER_TICKS = 600  # 100 positions per decade over six decades

# Hyper-parameter labels and explanations, in display order.
HYPER_TEXT = {  # (label, tip), translated with OptimizerPanel.tr
    "momentum": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "Momentum μ"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "How much of the previous velocity is kept each step "
                                            "(0 = plain descent).")),
    "beta1": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "β₁"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "Decay of the running mean of gradients m (first moment).")),
    "beta2": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "β₂"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "Decay of the running mean of squared gradients v (second moment).")),
    "alpha": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "α"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "Decay of the running mean of squared gradients.")),
    "eps": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "ε"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "Added to the denominator so that it never divides by zero.")),
    "lr_decay": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "η decay"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "The learning rate is divided by 1 + t·decay at step t.")),
    "initial_accumulator_value": (
        QT_TRANSLATE_NOOP("OptimizerPanel", "G₀"),
        QT_TRANSLATE_NOOP("OptimizerPanel", "Starting value of the accumulated squared gradients.")),
}


def lr_to_slider(lr: float) -> int:
    """Slider position of a learning rate (log scale, clamped to the slider's ends)."""
    lr = min(max(lr, LR_MIN), LR_MAX)
    frac = (math.log10(lr) - math.log10(LR_MIN)) / (math.log10(LR_MAX) - math.log10(LR_MIN))
    return int(round(frac * SLIDER_TICKS))


def slider_to_lr(pos: int) -> float:
    """Learning rate at a slider position, rounded to 3 significant digits (0.0316, not 0.031622776...)."""
    exponent = math.log10(LR_MIN) + pos / SLIDER_TICKS * (math.log10(LR_MAX) - math.log10(LR_MIN))
    return float(f"{10.0 ** exponent:.3g}")


# The symbol a range is written with ("0 ≤ μ < 1"), translated with OptimizerPanel.tr
HYPER_SYMBOL = {"momentum": "μ", "beta1": "β₁", "beta2": "β₂", "alpha": "α", "eps": "ε",
                "lr_decay": QT_TRANSLATE_NOOP("OptimizerPanel", "η decay"), "initial_accumulator_value": "G₀"}


class OptimizerPanel(QWidget):
    """Optimizer, learning rate, hyper-parameters, steps and compare mode, bound to ``state.optimizer``."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("optimizerPanel")
        self._hyper_memory: dict[str, dict[str, float]] = {}  # user's hyper values per optimizer, kept across switches
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.AllNonFixedFieldsGrow)

        self.heading = QLabel()
        self.heading.setObjectName("optimizerHeading")
        self.heading.setStyleSheet("font-weight: bold; padding-bottom: 4px;")
        self.heading.setWordWrap(True)
        self.heading.setToolTip(self.tr("What an edit below changes: the selected run (select one in the run list), "
                                        "every run while “Apply to all runs” is on, or, with nothing selected, the "
                                        "runs you start next. New runs always start with the settings shown."))
        form.addRow(self.heading)

        self.combo = QComboBox()
        for name in OPTIMIZER_NAMES:
            cls = OPTIMIZERS[name]
            self.combo.addItem(engine_text(cls.title), name)
            self.combo.setItemData(self.combo.count() - 1, formula_html(cls.formula), Qt.ToolTipRole)
        self.combo.currentIndexChanged.connect(self._on_combo)
        form.addRow(self._buddy(self.tr("&Optimizer"), self.combo), self.combo)

        self.formula = QLabel()
        self.formula.setTextFormat(Qt.RichText)
        self.formula.setWordWrap(True)
        self.formula.setStyleSheet("font-family: serif; font-style: italic; padding: 2px 0 6px 0;")
        self.formula.setToolTip(self.tr("The update rule this optimizer applies at every step"))
        form.addRow(self.formula)

        self.lr_slider = QSlider(Qt.Horizontal)
        self.lr_slider.setRange(0, SLIDER_TICKS)
        self.lr_slider.setSingleStep(10)
        self.lr_slider.setPageStep(100)  # one decade
        self.lr_slider.setToolTip(self.tr("Learning rate η on a log scale from 1e-5 to 10 (PgUp/PgDn: one decade)"))
        self.lr_slider.valueChanged.connect(self._on_slider)
        self.lr_field = NumberField(self._lr_reason, self.tr("Exact learning rate η (e.g. 0.01 or 3e-4); press "
                                                             "Enter to apply"))
        self.lr_edit = self.lr_field.edit
        self.lr_edit.setMaximumWidth(90)
        self.lr_field.committed.connect(lambda value: self._apply(lr=value))
        lr_row = QHBoxLayout()
        lr_row.addWidget(self.lr_slider, 1)
        lr_row.addWidget(self.lr_edit)
        lr_box = QVBoxLayout()
        lr_box.addLayout(lr_row)
        lr_box.addWidget(self.lr_field.message)  # the reason for a refused η, under the slider and the field
        form.addRow(self._buddy(self.tr("&Learning rate η"), self.lr_edit), lr_box)

        self.hyper_fields: dict[str, NumberField] = {}
        self.hyper_edits = {}
        self.hyper_labels: dict[str, QLabel] = {}
        for key, (label, tip) in HYPER_TEXT.items():
            field = NumberField(lambda value, key=key: self._hyper_reason(key, value), self.tr(tip))
            field.committed.connect(lambda value, key=key: self._on_hyper_edit(key, value))
            self.hyper_fields[key] = field
            self.hyper_edits[key] = field.edit
            self.hyper_labels[key] = self._buddy(self.tr(label), field.edit)
            form.addRow(self.hyper_labels[key], field)

        self.steps = QSpinBox()
        self.steps.setRange(1, 100_000)
        self.steps.setSingleStep(100)
        self.steps.setKeyboardTracking(False)
        self.steps.setToolTip(self.tr("Maximum number of iterations per run (a run stops earlier when it converges "
                                      "or diverges)"))
        self.steps.valueChanged.connect(lambda n: self.state.set_optimizer(steps=int(n)))
        form.addRow(self._buddy(self.tr("S&teps"), self.steps), self.steps)

        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #d62728;")
        self.error.hide()
        form.addRow(self.error)

        self.compare = QGroupBox(self.tr("Co&mpare optimizers"))
        self.compare.setCheckable(True)
        self.compare.setToolTip(self.tr("When on, a click on the landscape starts one run per ticked optimizer "
                                        "from the same point"))
        self.compare.toggled.connect(self._on_compare)
        self.compare_list = QListWidget()
        self.compare_list.setToolTip(self.tr("Optimizers started by a click in compare mode"))
        for name in OPTIMIZER_NAMES:
            item = QListWidgetItem(engine_text(OPTIMIZERS[name].title))
            item.setData(Qt.UserRole, name)
            item.setFlags(item.flags() | Qt.ItemIsUserCheckable)
            item.setToolTip(formula_html(OPTIMIZERS[name].formula))
            self.compare_list.addItem(item)
        self.compare_list.itemChanged.connect(self._on_compare)
        self.compare_list.setFixedHeight(6 * self.compare_list.sizeHintForRow(0) + 2 * self.compare_list.frameWidth()
                                         + 4)  # all six, no scroll bar
        box = QVBoxLayout(self.compare)
        box.addWidget(self.compare_list)

        self.apply_all = QPushButton(self.tr("Apply to all runs"))
        self.apply_all.setCheckable(True)
        self.apply_all.setToolTip(self.tr("When on, every run takes the learning rate shown at once, and each later "
                                          "edit of η or a hyper-parameter (here or with the sliders of the Sweeps "
                                          "panel) changes every run; each run keeps its optimizer. Compares one η "
                                          "across optimizers."))
        self.apply_all.toggled.connect(self.state.set_apply_to_all)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.apply_all)
        layout.addWidget(self.compare)
        layout.addStretch(1)

        state.optimizerChanged.connect(self._on_optimizer_changed)
        state.compareChanged.connect(self._on_compare_changed)
        state.selectionChanged.connect(self._on_selection_changed)
        state.runsChanged.connect(self._show_heading)
        state.applyToAllChanged.connect(self._on_apply_all_changed)
        self._on_optimizer_changed()
        self._on_apply_all_changed()
        self._on_compare_changed()

    def _buddy(self, text: str, widget: QWidget) -> QLabel:
        label = QLabel(text)
        label.setBuddy(widget)
        label.setToolTip(widget.toolTip())
        return label

    # ----- handlers: validate through the engine, then write to the state -------------------------------------------
    def _apply(self, **changes) -> None:
        s = self.state.optimizer
        trial = {"name": s.name, "lr": s.lr, "hyper": s.hyper, **changes}
        try:
            make(trial["name"], trial["lr"], **trial["hyper"])  # the engine names what is wrong
        except ValueError as exc:  # a rule between settings that no single field checks
            self._show_error(error_text(exc))
            self._on_optimizer_changed()  # put the fields back to the state's values
            return
        self._show_error("")
        self.state.set_optimizer(**changes)

    def _on_combo(self, index: int) -> None:
        name = self.combo.itemData(index)
        self._hyper_memory[self.state.optimizer.name] = dict(self.state.optimizer.hyper)
        self._apply(name=name, hyper=self._hyper_memory.get(name, {}))

    def _on_slider(self, pos: int) -> None:
        self._apply(lr=slider_to_lr(pos))

    def _lr_reason(self, value: float) -> str:
        return "" if value > 0 else self.tr("Out of range: η > 0")

    def _hyper_reason(self, key: str, value: float) -> str:
        hyper = OPTIMIZERS[self.state.optimizer.name].hypers.get(key)
        if hyper is None:
            return ""
        try:
            hyper.check(key, value)
        except ValueError:
            return self.tr("Out of range: {rule}").format(rule=hyper.describe(self.tr(HYPER_SYMBOL[key])))
        return ""

    def _on_hyper_edit(self, key: str, value: float) -> None:
        if value != self._hyper_value(key):
            self._apply(hyper={**self.state.optimizer.hyper, key: value})

    def _on_compare(self, *_) -> None:
        names = [self.compare_list.item(i).data(Qt.UserRole) for i in range(self.compare_list.count())
                 if self.compare_list.item(i).checkState() == Qt.Checked]
        self.state.set_compare_mode(self.compare.isChecked(), names)

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def _hyper_value(self, key: str) -> float:
        s = self.state.optimizer
        return s.hyper.get(key, OPTIMIZERS[s.name].hyper_defaults.get(key, 0.0))

    # ----- slots: the state changed, show it -----------------------------------------------------------------------
    def _on_optimizer_changed(self) -> None:
        s = self.state.optimizer
        cls = OPTIMIZERS[s.name]
        with QSignalBlocker(self.combo):
            self.combo.setCurrentIndex(self.combo.findData(s.name))
        self.combo.setToolTip(self.tr("Optimizer used by new runs and by the selected runs:") + "<br>"
                              + formula_html(cls.formula))
        self.formula.setText(formula_html(cls.formula))
        with QSignalBlocker(self.lr_slider):
            self.lr_slider.setValue(lr_to_slider(s.lr))
        self.lr_field.set_value(s.lr)
        for key, field in self.hyper_fields.items():
            applies = key in cls.hyper_defaults
            field.setVisible(applies)
            self.hyper_labels[key].setVisible(applies)
            if applies:
                field.set_value(self._hyper_value(key))
        with QSignalBlocker(self.steps):
            self.steps.setValue(s.steps)
        self._show_heading()

    def _show_heading(self) -> None:
        runs = self.state.selected_runs()
        if self.state.apply_to_all:
            text = self.tr("Editing every run ({n}): each keeps its optimizer").format(n=len(self.state.runs))
        elif len(runs) == 1:
            text = self.tr("Editing run {id} · {optimizer}").format(id=runs[0].id,
                                                                    optimizer=optimizer_title(runs[0].settings.name))
        elif runs:
            text = self.tr("Editing runs {ids}").format(ids=", ".join(str(r.id) for r in runs))
        else:
            text = self.tr("Settings for new runs")
        self.heading.setText(text)
        self.combo.setEnabled(not self.state.apply_to_all)

    def _on_apply_all_changed(self) -> None:
        with QSignalBlocker(self.apply_all):
            self.apply_all.setChecked(self.state.apply_to_all)
        self._show_heading()

    def _on_selection_changed(self) -> None:
        """Selecting one run shows its settings, so that the next edit changes that run rather than replacing its
        optimizer; the run itself is not recomputed."""
        runs = self.state.selected_runs()
        if len(runs) == 1 and not self.state.compare_mode:
            self._show_error("")
            self.state.show_settings(runs[0].settings)
        self._show_heading()

    def _on_compare_changed(self) -> None:
        with QSignalBlocker(self.compare):
            self.compare.setChecked(self.state.compare_mode)
        with QSignalBlocker(self.compare_list):
            for i in range(self.compare_list.count()):
                item = self.compare_list.item(i)
                on = item.data(Qt.UserRole) in self.state.compare_optimizers
                item.setCheckState(Qt.Checked if on else Qt.Unchecked)
