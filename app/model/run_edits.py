"""Editing the settings of existing runs: the selected ones, or every run while "Apply to all runs" is on.

The optimizer panel shows one set of settings, :attr:`AppState.optimizer`: those of the selected run (loaded when it
is selected) or, with nothing selected, those of new runs. An edit changes these settings and gives the runs being
edited the fields that changed: a new learning rate keeps each run's optimizer and hyper-parameters, a hyper-parameter
goes only to the runs whose optimizer has it. "Apply to all runs" (:attr:`apply_to_all`, one switch shared by the
optimizer panel and the sweep panel's sliders) makes every run the edited one: it compares one η across optimizers.
"""
from __future__ import annotations

from dataclasses import replace

from psygnal import Signal

from engine.optimizers import get_class
from engine.scene import OptimizerSettings

PREVIEW_STEPS = 150  # steps computed for a run while a slider or its start is dragged; the full run follows


class RunEditsMixin:
    """Mixed into :class:`AppState` (which provides ``runs``, ``selected``, ``optimizer`` and ``_compute``)."""

    applyToAllChanged = Signal()

    apply_to_all = False

    def set_apply_to_all(self, on: bool) -> None:
        """Turn "Apply to all runs" on or off; turning it on gives every run the learning rate shown (each keeps its
        optimizer and hyper-parameters)."""
        on = bool(on)
        if on == self.apply_to_all:
            return
        self.apply_to_all = on
        self.applyToAllChanged.emit()
        if on:
            self.edit_runs([r.id for r in self.runs], lr=self.optimizer.lr)

    def show_settings(self, settings: OptimizerSettings) -> None:
        """Show ``settings`` in the optimizer panel (a run was selected) without changing any run."""
        if settings != self.optimizer:
            self.optimizer = settings
            self.optimizerChanged.emit()

    def edited_runs(self) -> list:
        """The runs an edit of the optimizer panel changes: every run while "Apply to all runs" is on, else the
        selected ones."""
        return list(self.runs) if self.apply_to_all else self.selected_runs()

    def edit_runs(self, ids, name: str | None = None, lr: float | None = None, hyper: dict | None = None,
                  steps: int | None = None, preview: bool = False, key: str | None = None) -> None:
        """Give the runs ``ids`` these settings (None: each keeps its own) and re-run them in one request.

        A run given another optimizer starts from ``hyper`` alone; a hyper-parameter its optimizer does not have is
        left out. ``preview`` (a slider being dragged): only the first ``PREVIEW_STEPS`` steps, the old paths staying
        on screen until the new ones arrive; the newest request wins.
        """
        ids = set(ids)
        runs = [r for r in self.runs if r.id in ids]
        for run in runs:
            s = run.settings
            new_name = s.name if name is None else name
            own = get_class(new_name).hyper_defaults
            kept = s.hyper if new_name == s.name else {}
            new_hyper = {**kept, **{k: float(v) for k, v in (hyper or {}).items() if k in own}}
            run.settings = replace(s, name=new_name, lr=s.lr if lr is None else float(lr), hyper=new_hyper,
                                   steps=s.steps if steps is None else int(steps))
        self._compute(runs, steps=PREVIEW_STEPS if preview else None, key=key, announce=key is None)

    def set_all_runs(self, lr: float | None = None, hyper: dict | None = None, preview: bool = False) -> None:
        """Give every run this learning rate and/or these hyper-parameters (see :meth:`edit_runs`); once the value is
        final (not a ``preview``) the optimizer panel shows it too, so that new runs use it."""
        self.edit_runs([r.id for r in self.runs], lr=lr, hyper=hyper, preview=preview, key="runs:all")
        if not preview:
            own = get_class(self.optimizer.name).hyper_defaults
            mine = {k: float(v) for k, v in (hyper or {}).items() if k in own}
            self.show_settings(replace(self.optimizer, lr=self.optimizer.lr if lr is None else float(lr),
                                       hyper={**self.optimizer.hyper, **mine}))
