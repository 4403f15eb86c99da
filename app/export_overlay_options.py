"""The export dialogs' overlay choices: title, legend, counter t (on by default) and the update rule of the selected
run (off), as check boxes in one row."""
from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QWidget

from app.export.overlays import Overlays


class OverlayOptions(QWidget):
    """Four check boxes; :meth:`overlays` reads them."""

    def __init__(self, parent: QWidget | None = None, has_runs: bool = True) -> None:
        super().__init__(parent)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        self.title = QCheckBox(self.tr("&Title"))
        self.title.setToolTip(self.tr("The landscape's name and formula at the top left"))
        self.legend = QCheckBox(self.tr("&Legend"))
        self.legend.setToolTip(self.tr("Each run's colour, optimizer, learning rate η and start"))
        self.counter = QCheckBox(self.tr("&Counter t"))
        self.counter.setToolTip(self.tr("The iteration t shown, at the bottom left"))
        self.rule = QCheckBox(self.tr("&Update rule"))
        self.rule.setToolTip(self.tr("The update rule of the selected run (or the first run), at the bottom right"))
        for box, on in ((self.title, True), (self.legend, True), (self.counter, True), (self.rule, False)):
            box.setChecked(on)
            row.addWidget(box)
        for box in (self.legend, self.counter, self.rule):
            box.setEnabled(has_runs)
        row.addStretch(1)

    def overlays(self, rule_run: int = 0) -> Overlays:
        return Overlays(self.legend.isChecked(), self.title.isChecked(), self.counter.isChecked(),
                        self.rule.isChecked(), rule_run)


def selected_run_index(state) -> int:
    """The position of the first selected run in ``state.runs`` (0 when none is selected)."""
    return next((k for k, run in enumerate(state.runs) if run.id in state.selected), 0)
