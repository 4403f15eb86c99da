"""Step inspector: the selected run's update from iteration t to t + 1, written out with its numbers.

Every number comes from :func:`engine.descent.explain_step` (which reads the precomputed trajectory); this widget only
lays them out: a table of terms (x_t, f, ∇f, η, the optimizer's state, the step Δx, x_{t+1}) and the update equations
with the numbers substituted.
"""
from __future__ import annotations

import html

import numpy as np
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QTextBrowser, QVBoxLayout, QWidget
from superqt.utils import qthrottled

from app.panels import optimizer_title
from app.model import AppState, Run
from app.engine_errors import error_text
from engine.descent import StepExplanation, explain_step

HYPER_SYMBOLS = {"momentum": "μ", "beta1": "β<sub>1</sub>", "beta2": "β<sub>2</sub>", "alpha": "α", "eps": "ε",
                 "lr_decay": "η decay", "initial_accumulator_value": "G<sub>0</sub>"}
HYPER_NOTES = {
    "momentum": QT_TRANSLATE_NOOP("StepInspector", "share of the velocity kept"),
    "beta1": QT_TRANSLATE_NOOP("StepInspector", "decay of the mean gradient m"),
    "beta2": QT_TRANSLATE_NOOP("StepInspector", "decay of the mean squared gradient v"),
    "alpha": QT_TRANSLATE_NOOP("StepInspector", "decay of the mean square"),
    "eps": QT_TRANSLATE_NOOP("StepInspector", "keeps the division finite"),
    "lr_decay": QT_TRANSLATE_NOOP("StepInspector", "learning-rate decay"),
    "initial_accumulator_value": QT_TRANSLATE_NOOP("StepInspector", "starting sum of squares"),
}
TERM_NOTES = {
    "v": QT_TRANSLATE_NOOP("StepInspector", "velocity"),
    "m": QT_TRANSLATE_NOOP("StepInspector", "mean gradient (1st moment)"),
    "m̂": QT_TRANSLATE_NOOP("StepInspector", "m with bias correction"),
    "v̂": QT_TRANSLATE_NOOP("StepInspector", "v with bias correction"),
    "∇f + μ·v": QT_TRANSLATE_NOOP("StepInspector", "Nesterov's look-ahead direction"),
}
THROTTLE_MS = 80
MONO = "font-family: 'DejaVu Sans Mono', Menlo, Consolas, monospace;"


def num(v: float) -> str:
    """A number with 6 significant digits and a true minus sign."""
    return format(float(v), ".6g").replace("-", "−")


def vec(v) -> str:
    return "(" + ", ".join(num(c) for c in np.ravel(v)) + ")"


def _term_symbol(label: str, t1: int) -> str:
    """HTML for an engine term label: a one-letter state name gets its iteration ("v" -> v<sub>4</sub>); others, such
    as m̂ (a combining accent, drawn cleanly only by the monospace font), are shown as the engine writes them."""
    head = label.split(" ")[0]
    if len(head) == 1 and head.isalpha():
        return f"<i>{head}</i><sub>{t1}</sub>"
    return f"<span style=\"{MONO}\">{html.escape(label)}</span>"


def _sub(n: int) -> str:
    return str(n).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


class StepInspector(QWidget):
    """Shows ``explain_step`` for the first selected run at ``state.frame``."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.setObjectName("stepInspector")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)
        self.browser.setToolTip(self.tr("The selected run's update at the current iteration, with its numbers "
                                        "(select text to copy it)"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.addWidget(self.browser)
        self.explanation: StepExplanation | None = None
        self._shown_html: str | None = None  # what the browser holds: equal HTML is not laid out again
        self._dirty = True
        # During playback the frame changes up to 60 times a second: render at most every THROTTLE_MS (first change
        # at once, the newest one at the end of the interval) - nobody reads numbers faster, and each render costs.
        self._render_later = qthrottled(self._render_if_visible, timeout=THROTTLE_MS, leading=True)
        for signal in (state.runsChanged, state.selectionChanged, state.landscapeChanged):
            signal.connect(self._refresh)
        state.frameChanged.connect(self._on_frame_changed)
        self._refresh()

    # ----- slots ------------------------------------------------------------------------------------------------
    def _on_frame_changed(self, _frame: int) -> None:
        self._dirty = True
        if self.isVisible():
            self._render_later()

    def _render_if_visible(self) -> None:
        if self.isVisible() and self._dirty:
            self.render()

    def _refresh(self, *_) -> None:
        """Re-render now when visible; otherwise on the next show (no cost while the dock is hidden)."""
        self._dirty = True
        if self.isVisible():
            self.render()

    def showEvent(self, event) -> None:
        if self._dirty:
            self.render()
        super().showEvent(event)

    def render(self) -> None:
        self._dirty = False
        runs = self.state.selected_runs()
        if not runs:
            self.explanation = None
            self._show_notice(self.tr("Select a run (click a path or a row of the run list) to see its update "
                                      "written out step by step."))
            return
        run = runs[0]
        if run.trajectory is None:
            self.explanation = None
            self._show_notice(self.tr("Run {id} could not be computed: {error}").format(
                id=run.id, error=error_text(run.error)))
            return
        # Once a run has stopped (at row k) the last step it took, k−1 → k, stays on show with a note.
        k = int(run.trajectory.stopped_at[0])
        t = max(min(self.state.frame, k - 1), 0)
        self.explanation = explain_step(run.trajectory, 0, t)
        note = self._stopped_text(run.trajectory.status[0], k) if self.state.frame >= k else ""
        self._set_html(self._html(run, self.explanation, len(runs), note))

    # ----- rendering --------------------------------------------------------------------------------------------
    def _set_html(self, text: str) -> None:
        """Lay out ``text`` unless the browser already shows it: setHtml costs 3-4 ms (the table's layout), and a run
        that has stopped, or a paused frame, gives the same HTML again and again."""
        if text != self._shown_html:
            self._shown_html = text
            self.browser.setHtml(text)

    def _show_notice(self, text: str) -> None:
        self._set_html(f"<p style='color:gray'>{html.escape(text)}</p>")

    def _html(self, run: Run, e: StepExplanation, n_selected: int, note: str) -> str:
        t = e.t
        if e.stopped:  # stopped at its start: there is no step to show
            title = self.tr("Run {id} · {optimizer} · t = 0").format(
                id=run.id, optimizer=optimizer_title(run.settings.name))
        else:
            title = self.tr("Run {id} · {optimizer} · step t = {t} → {t1}").format(
                id=run.id, optimizer=optimizer_title(run.settings.name), t=t, t1=t + 1)
        parts = [f"<p><span style='color:{run.color}; font-size:large'>■</span> <b>{html.escape(title)}</b>"]
        if n_selected > 1:
            parts.append(f"<br><span style='color:gray'>{html.escape(self.tr('(first of {n} selected runs)').format(n=n_selected))}</span>")
        parts.append("</p>")
        if note:
            color = "#d62728" if run.trajectory.status[0] == "diverged" else "palette(text)"
            parts.append(f"<p style='color:{color}'><b>{html.escape(note)}</b></p>")
        rows = [
            (f"<i>x</i><sub>{t}</sub>", vec(e.x), self.tr("current point")),
            (f"<i>f</i>(<i>x</i><sub>{t}</sub>)", num(e.value), ""),
            (f"∇<i>f</i>(<i>x</i><sub>{t}</sub>)", vec(e.gradient),
             self.tr("|∇f| = {n}").format(n=num(np.hypot(*e.gradient)))),
            ("η", num(run.trajectory.lr), self.tr("learning rate")),
        ]
        if e.stopped:
            return "".join(parts) + self._table(rows)
        rows += [(HYPER_SYMBOLS.get(k, html.escape(k)), num(v), self.tr(HYPER_NOTES.get(k, k)))
                 for k, v in run.trajectory.hyper.items()]
        rows += [(_term_symbol(label, t + 1), vec(value), self._term_note(label))
                 for label, value in e.terms.items()]
        rows += [
            ("Δ<i>x</i>", vec(e.delta), self.tr("effective step, length {n}").format(n=num(np.hypot(*e.delta)))),
            (f"<i>x</i><sub>{t + 1}</sub>", vec(e.x_next), self.tr("next point")),
            (f"<i>f</i>(<i>x</i><sub>{t + 1}</sub>)", num(e.value_next),
             self.tr("change {d}").format(d=num(e.value_next - e.value))),
        ]
        parts.append(self._table(rows))
        parts.append("<p style='margin-top:8px'><b>" + html.escape(self.tr("Update")) + "</b></p>")
        parts.append(f"<pre style=\"{MONO} white-space:pre-wrap\">{html.escape(e.text)}</pre>")
        return "".join(parts)

    @staticmethod
    def _table(rows: list[tuple[str, str, str]]) -> str:
        cells = "".join(f"<tr><td align='right'>{symbol}</td><td>=</td><td style=\"{MONO}\">{value}</td>"
                        f"<td style='color:gray'>{html.escape(note)}</td></tr>" for symbol, value, note in rows)
        return f"<table cellspacing='0' cellpadding='3'>{cells}</table>"

    def _term_note(self, label: str) -> str:
        if self.explanation is not None and self.explanation.optimizer == "adam" and label == "v":
            return self.tr("mean squared gradient (2nd moment)")
        head, _, rest = label.partition(" ")
        if rest.startswith("(") and rest.endswith(")"):
            return self.tr(rest[1:-1])
        return self.tr(TERM_NOTES.get(label, ""))

    def _stopped_text(self, status: str, k: int) -> str:
        if status == "converged":
            if k == 0:
                return self.tr("Converged at the start: |∇f| is already below the tolerance, x does not move.")
            return self.tr("Converged at step {k}: |∇f| fell below the tolerance, so x stays at x{sub}. "
                           "Its last step:").format(k=k, sub=_sub(k))
        if status == "diverged":
            return self.tr("Diverged at step {k}: the step after x{sub} left the finite region and the run "
                           "stopped there. Its last finite step:").format(k=k, sub=_sub(k))
        if status == "unbounded":
            return self.tr("Unbounded below at step {k}: f kept falling towards −∞ as the run left the region (no "
                           "minimum in that direction). Its last finite step:").format(k=k, sub=_sub(k))
        return self.tr("Reached the maximum number of steps ({k}). Its last step:").format(k=k)
