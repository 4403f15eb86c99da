"""Formula panel: type your own f(x, y), see its exact gradient's definition, apply it as the landscape.

The panel only shows what :mod:`engine.formula` says: ``analyse`` gives the function, the pretty-printed derivatives
and the kinks; a :class:`~engine.formula.FormulaError` gives the message and the column span that the panel marks.
Applying calls :meth:`AppState.set_landscape` with ``source={"kind": "formula", "text": text}``; a refused formula
leaves the state alone.

Keyboard: Enter applies (in the formula field and in the four view bounds), Up/Down browse the recently applied
formulas (kept in QSettings under ``formula/recent``, most recent first, at most 20).
"""
from __future__ import annotations

import html
import sys
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, QSettings, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (QDoubleSpinBox, QGridLayout, QGroupBox, QHBoxLayout, QLabel, QMenu, QPushButton,
                               QSizePolicy, QToolButton, QToolTip, QVBoxLayout, QWidget)
from superqt.utils import qdebounced

from app.model import AppState
from app.panels.formula_widgets import (MAX_RECENT, RECENT_KEY, FormulaEdit, example_chips, fill_recent_menu, help_text,
                                        kink_text, math_html, note_label, read_recent)
from app.engine_errors import error_text

if TYPE_CHECKING:
    import engine.formula


def _formula():
    """:mod:`engine.formula`, imported on first use: it loads sympy (~0.5 s here), which the window's first paint
    does not wait for while the Formula tab is not shown."""
    from engine import formula
    return formula


CHECK_DELAY_MS = 200
DEFAULT_VIEW = ((-5.0, 5.0), (-5.0, 5.0))
EXAMPLES = ["x**2 + 3*y**2", "sin(x)*cos(y) + 0.1*(x^2+y^2)", "(1-x)^2 + 100*(y-x^2)^2", "x^2 - y^2",
            "abs(x) + abs(y)"]
MATH_FONT = "'STIX Two Math', 'Cambria Math', 'Latin Modern Math', 'DejaVu Serif', 'Times New Roman', serif"
ERROR_COLOUR = "#d62728"


class FormulaPanel(QWidget):
    """Type f(x, y), check it live, apply it with its view rectangle, and read ∂f/∂x and ∂f/∂y."""

    applied = Signal(str)  # the formula text, after the state accepted it

    def __init__(self, state: AppState, settings: QSettings | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.settings = settings if settings is not None else QSettings()
        self.setObjectName("formulaPanel")
        self._info: engine.formula.FormulaInfo | None = None  # the last formula that passed the check
        self._error: engine.formula.FormulaError | None = None
        self._shown: engine.formula.FormulaInfo | None = None  # whose gradient the panel shows

        self.edit = FormulaEdit()
        self.edit.setObjectName("formulaEdit")
        self.edit.setPlaceholderText(self.tr("e.g. x^2 + 3*y^2"))
        self.edit.setToolTip(self.tr("Your f(x, y). Enter applies it; Up/Down go through recent formulas."))
        self.edit.setClearButtonEnabled(True)
        self.edit.textChanged.connect(self._schedule_check)
        self.edit.returnPressed.connect(self.apply)
        f_label = QLabel(self.tr("f(x, y) ="))  # no Alt+F mnemonic: that opens the File menu
        f_label.setBuddy(self.edit)
        self.f_label = f_label
        f_label.setStyleSheet(f"font-family: {MATH_FONT}; font-style: italic;")

        self.recent_button = QToolButton()
        self.recent_button.setText(self.tr("Recent ▾"))
        self.recent_button.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.recent_button.setToolTip(self.tr("Formulas you applied before (also Up/Down in the field)"))
        self.recent_button.setPopupMode(QToolButton.InstantPopup)
        self.recent_menu = QMenu(self.recent_button)
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        self.recent_button.setMenu(self.recent_menu)
        self.help_button = QToolButton()
        self.help_button.setText("?")
        self.help_button.setToolTip(self.tr("What a formula may contain"))
        self.help_button.clicked.connect(
            lambda: QToolTip.showText(self.help_button.mapToGlobal(QPoint(0, self.help_button.height())),
                                      help_text(), self.help_button))

        self._check_later = qdebounced(self.check_in_background, timeout=CHECK_DELAY_MS)  # after typing pauses
        self._checking = ""   # the text the background check in flight is checking (the newest wins)
        self.check_pending = False  # typed text waits for the pause before its check

        self.status = note_label("formulaStatus", self.tr("Whether the formula is accepted, and what is wrong when it "
                                                          "is not"), selectable=True)
        self.marked = note_label("formulaMarked", self.tr("Your formula with the part the error is about underlined "
                                                          "in red"), rich=True, hidden=True)

        chips, self.example_buttons = example_chips(EXAMPLES, self.use_example)
        examples_label = QLabel(self.tr("Examples:"))
        examples_label.setToolTip(chips.toolTip())

        view_box = QGroupBox(self.tr("View rectangle"))
        view_box.setToolTip(self.tr("Where the formula is drawn; a formula has no natural default, so it starts at "
                                    "[−5, 5] × [−5, 5]"))
        grid = QGridLayout(view_box)
        self.bounds: dict[str, QDoubleSpinBox] = {}
        defaults = {"xmin": DEFAULT_VIEW[0][0], "xmax": DEFAULT_VIEW[0][1],
                    "ymin": DEFAULT_VIEW[1][0], "ymax": DEFAULT_VIEW[1][1]}
        labels = [("xmin", self.tr("&x from")), ("xmax", self.tr("to")), ("ymin", self.tr("&y from")),
                  ("ymax", self.tr("to"))]
        for i, (key, text) in enumerate(labels):
            box = QDoubleSpinBox()
            box.setObjectName(f"formula_{key}")
            box.setRange(-1e6, 1e6)
            box.setDecimals(3)
            box.setSingleStep(0.5)
            box.setValue(defaults[key])
            box.setToolTip(self.tr("{bound} of the rectangle the formula is drawn on (Enter applies)").format(
                bound={"xmin": self.tr("Smallest x"), "xmax": self.tr("Largest x"),
                       "ymin": self.tr("Smallest y"), "ymax": self.tr("Largest y")}[key]))
            box.lineEdit().returnPressed.connect(self.apply)
            box.valueChanged.connect(lambda _v: self.view_error.hide())
            self.bounds[key] = box
            label = QLabel(text)
            label.setBuddy(box)
            label.setToolTip(box.toolTip())
            grid.addWidget(label, i // 2, 2 * (i % 2))
            grid.addWidget(box, i // 2, 2 * (i % 2) + 1)
        self.view_error = note_label("formulaViewError", "", hidden=True, style=f"color: {ERROR_COLOUR};")
        grid.addWidget(self.view_error, 2, 0, 1, 4)

        self.apply_button = QPushButton(self.tr("&Apply formula"))
        self.apply_button.setToolTip(self.tr("Draw this formula in this rectangle (Enter); the runs are cleared"))
        self.apply_button.clicked.connect(self.apply)

        self.gradient_box = gradient_box = QGroupBox(self.tr("Gradient (exact, symbolic)"))
        gradient_box.setToolTip(self.tr("The partial derivatives the engine computed from your formula; the arrows "
                                        "and every optimizer step use exactly these"))
        g = QVBoxLayout(gradient_box)
        self.f_text, self.dfdx, self.dfdy = QLabel(), QLabel(), QLabel()
        for label, tip in ((self.f_text, self.tr("Your formula as the engine reads it")),
                           (self.dfdx, self.tr("∂f/∂x: how fast f grows when x grows, y fixed")),
                           (self.dfdy, self.tr("∂f/∂y: how fast f grows when y grows, x fixed"))):
            label.setTextFormat(Qt.RichText)
            label.setWordWrap(True)
            label.setTextInteractionFlags(Qt.TextSelectableByMouse)
            label.setToolTip(tip)
            label.setStyleSheet(f"font-family: {MATH_FONT}; font-size: 11pt;")
            g.addWidget(label)
        self.kink_note = note_label("formulaKinks", self.tr("Where the formula is not smooth, and what the gradient "
                                                            "means there"), rich=True, hidden=True)
        g.addWidget(self.kink_note)

        top = QHBoxLayout()
        top.addWidget(f_label)
        top.addWidget(self.edit, 1)
        top.addWidget(self.recent_button)
        top.addWidget(self.help_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(self.marked)
        layout.addWidget(examples_label)
        layout.addWidget(chips)
        layout.addWidget(view_box)
        layout.addLayout(buttons)
        layout.addWidget(gradient_box)
        layout.addStretch(1)
        for w in (chips, gradient_box):
            w.setSizePolicy(QSizePolicy.Preferred, QSizePolicy.Maximum)

        self.edit.history = self.recent()
        state.landscapeChanged.connect(self._on_landscape_changed)
        state.viewChanged.connect(self._on_view_changed)
        self._on_landscape_changed()
        if not self.edit.text():
            with QSignalBlocker(self.edit):
                self.edit.setText(self.edit.history[0] if self.edit.history else EXAMPLES[0])
        self._ready = False             # what needs engine.formula waits for the first show or use (_ensure_ready)

    def _ensure_ready(self) -> None:
        """The part of the set-up that needs engine.formula (and so sympy): the length limit, the tooltips that list
        the accepted functions, and the first check of the field."""
        if self._ready:
            return
        self._ready = True
        if "engine.formula" not in sys.modules:       # the first import takes ~0.5 s: say so with the cursor
            QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
            try:
                _formula()
            finally:
                QGuiApplication.restoreOverrideCursor()
        self.edit.setMaxLength(_formula().MAX_LENGTH)
        self.edit.setToolTip(self.tr("Your f(x, y). Enter applies it; Up/Down go through recent formulas.")
                             + "\n\n" + help_text())
        self.f_label.setToolTip(self.edit.toolTip())
        self.help_button.setToolTip(help_text())
        self.check()

    def showEvent(self, event) -> None:
        self._ensure_ready()
        super().showEvent(event)

    # ----- recent formulas --------------------------------------------------------------------------------------
    def recent(self) -> list[str]:
        return read_recent(self.settings)

    def remember(self, text: str) -> None:
        items = [text] + [s for s in self.recent() if s != text]
        self.settings.setValue(RECENT_KEY, items[:MAX_RECENT])
        self.settings.sync()
        self.edit.history = items[:MAX_RECENT]

    def clear_recent(self) -> None:
        self.settings.remove(RECENT_KEY)
        self.settings.sync()
        self.edit.history = []

    def _fill_recent_menu(self) -> None:
        fill_recent_menu(self.recent_menu, self.recent(), self.use_example, self.clear_recent)

    # ----- actions ----------------------------------------------------------------------------------------------
    def view(self) -> tuple[tuple[float, float], tuple[float, float]]:
        b = {k: box.value() for k, box in self.bounds.items()}
        return (b["xmin"], b["xmax"]), (b["ymin"], b["ymax"])

    def set_view(self, view) -> None:
        (x0, x1), (y0, y1) = view
        for key, value in zip(("xmin", "xmax", "ymin", "ymax"), (x0, x1, y0, y1)):
            with QSignalBlocker(self.bounds[key]):
                self.bounds[key].setValue(float(value))

    def use_example(self, text: str) -> None:
        self.edit.setText(text)
        self.edit.reset_history_position()
        self.apply()

    def check(self) -> bool:
        """Analyse the field's text now, on this thread; show the result. True when accepted. Enter/Apply use it
        (the engine decides any formula within its CPU budget, and a text checked in the background is cached)."""
        self._check_later.cancel()
        self._ensure_ready()
        text = self.edit.text()
        formula = _formula()
        try:
            info = formula.analyse(text, DEFAULT_VIEW)
        except formula.FormulaError as err:
            self._show_error(text, err)
            return False
        self._show_accepted(info)
        return True

    def check_in_background(self) -> None:
        """Analyse the field's text on a worker thread (the debounce timer calls this while the user types): sympy
        may need a few hundred milliseconds for a nested formula, which must not freeze typing. The panel says
        "checking…" meanwhile; a result for a text that is no longer in the field is dropped."""
        self._check_later.cancel()
        self.check_pending = False
        self._ensure_ready()
        text = self.edit.text()
        if text == self._checking and self.is_checking():
            return
        self._checking = text
        self.status.setText(self.tr("… checking the formula"))
        self.status.setStyleSheet("color: palette(mid);")

        def work(job):
            try:
                return _formula().analyse(text, DEFAULT_VIEW), None
            except Exception as err:  # noqa: BLE001 - shown in the panel like a refused formula
                return None, err

        self.state.compute.submit("formula:check", work, lambda result: self._on_checked(text, *result))

    def _on_checked(self, text: str, info, err) -> None:
        self._checking = ""
        if text != self.edit.text():
            return  # the user typed on: a newer check is scheduled
        if err is not None:
            if not isinstance(err, _formula().FormulaError):
                err = _formula().FormulaError(self.tr("this formula cannot be checked ({name})").format(
                    name=type(err).__name__))
            self._show_error(text, err)
        else:
            self._show_accepted(info)

    def is_checking(self) -> bool:
        """True while a background check runs (on the compute service's "formula" lane)."""
        return self.state.compute.busy("formula:check")

    def _show_accepted(self, info) -> None:
        self._info, self._error = info, None
        self.edit.setStyleSheet("")
        self.marked.hide()
        self._show_gradient(info)
        self._update_status()

    def apply(self) -> bool:
        """Build the function from the field and show it in the view rectangle; False (state unchanged) if refused."""
        if not self.check():
            reason = error_text(self._error.message)
            self.state.message.emit(self.tr("Formula not applied: {reason}").format(reason=reason))
            return False
        view = self.view()
        (x0, x1), (y0, y1) = view
        if not (x0 < x1 and y0 < y1):
            axis = "x" if not x0 < x1 else "y"
            text = self.tr("View refused: the smallest {axis} must be less than the largest {axis}.").format(axis=axis)
            self.view_error.setText(text)
            self.view_error.show()
            self.state.message.emit(text)
            return False
        self.view_error.hide()
        text = self.edit.text().strip()
        source = {"kind": "formula", "text": text}
        if self.state.landscape_source == source:
            self.state.set_view(view)  # same formula, new rectangle: keep the runs
        else:
            function = _formula().parse(text, view)
            self.state.set_landscape(function, source=source, view=view, keep_runs=True)
        self.remember(text)
        self.edit.reset_history_position()
        self._update_status()
        self.applied.emit(text)
        return True

    # ----- display ----------------------------------------------------------------------------------------------
    def _schedule_check(self, _text: str = "") -> None:
        self.check_pending = True
        self._check_later()

    def _show_error(self, text: str, err: engine.formula.FormulaError) -> None:
        self._info, self._error = None, err
        if err.column is not None:
            where = self.tr("at character {n}").format(n=err.column + 1)
            self.status.setText(self.tr("✗ {message} ({where})").format(message=error_text(err.message), where=where))
            start, end = err.column, err.column + err.length
            bad = html.escape(text[start:end]) or " "  # an error past the end marks an empty slot
            caret = " " * start + "^" + "~" * (max(len(text[start:end]), 1) - 1)
            self.marked.setText(
                f"<pre style='margin: 0;'>{html.escape(text[:start])}"
                f"<span style='color: {ERROR_COLOUR}; background: #fde0e0; text-decoration: underline;'>{bad}</span>"
                f"{html.escape(text[end:])}<br><span style='color: {ERROR_COLOUR};'>{caret}</span></pre>")
            self.marked.show()
        else:
            self.status.setText(self.tr("✗ {message}").format(message=error_text(err.message)))
            self.marked.hide()
        self.status.setStyleSheet(f"color: {ERROR_COLOUR};")
        if self._shown is not None:  # grey out the gradient: it belongs to an earlier formula
            self.gradient_box.setTitle(self.tr("Gradient of the last valid formula"))
            self.gradient_box.setEnabled(False)
        self.edit.setStyleSheet(f"QLineEdit {{ border: 1px solid {ERROR_COLOUR}; }}")

    def _show_gradient(self, info: engine.formula.FormulaInfo) -> None:
        self._shown = info
        self.gradient_box.setTitle(self.tr("Gradient (exact, symbolic)"))
        self.gradient_box.setEnabled(True)
        self.f_text.setText(f"<i>f</i>(<i>x</i>, <i>y</i>) = {math_html(info.expr_text)}")
        self.dfdx.setText(f"∂<i>f</i>/∂<i>x</i> = {math_html(info.dfdx_text)}")
        self.dfdy.setText(f"∂<i>f</i>/∂<i>y</i> = {math_html(info.dfdy_text)}")
        if info.kinks:
            notes = "<br>".join("⚠ " + html.escape(kink_text(k)) for k in info.kinks)
            self.kink_note.setText(f"<span style='color: #9a6700;'>{notes}</span>")
            self.kink_note.show()
        else:
            self.kink_note.hide()

    def _update_status(self) -> None:
        if self._error is not None:
            return
        source = {"kind": "formula", "text": self.edit.text().strip()}
        if self.state.landscape_source == source:
            self.status.setText(self.tr("✓ Shown on the landscape."))
        else:
            self.status.setText(self.tr("✓ Valid formula: press Enter or Apply to draw it."))
        self.status.setStyleSheet("color: #2a7a2a;")

    # ----- state slots ------------------------------------------------------------------------------------------
    def _on_landscape_changed(self) -> None:
        source = self.state.landscape_source
        if source.get("kind") == "formula" and source.get("text") != self.edit.text().strip():
            with QSignalBlocker(self.edit):  # e.g. a scene with a formula was opened
                self.edit.setText(source["text"])
            self.check()
        self._update_status()

    def _on_view_changed(self) -> None:
        if self.state.landscape_source.get("kind") == "formula":  # pan/zoom of the formula's landscape
            self.set_view(self.state.view)
            self.view_error.hide()
