"""One observable application state.

Widgets read the state and write to it through its methods; the state asks the engine for numbers
(trajectories here, surfaces in :mod:`app.surface_worker`) and announces every change with a Qt signal.
Widgets never talk to each other directly (the glue/napari habit): a widget handler is a few lines
that call a state method, and views redraw in ``_on_<thing>_changed`` slots.

Iteration index ("frame") semantics: ``frame`` is the iteration t shown by every run, from 0 to
``max_frame``; a run with fewer steps (or one that stopped early) shows its last row.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from engine import descent, vocab
from engine.functions import TestFunction, get as get_function

# Colour-blind-friendly run colours (Okabe-Ito first, then tab10 leftovers).
PALETTE = ["#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
           "#FFFFFF", "#8C564B", "#BCBD22"]

OPTIMIZER_NAMES = list(vocab.OPTIMIZER_NAMES)


def tr(text: str) -> str:
    return QCoreApplication.translate("AppState", text)


@dataclass(frozen=True)
class OptimizerSettings:
    """What the optimizer panel shows; every new run copies it."""

    name: str = "gd"
    lr: float = 0.01
    hyper: dict[str, float] = field(default_factory=dict)
    steps: int = 500


@dataclass(frozen=True)
class DisplaySettings:
    """How the landscape is drawn."""

    colormap: str = "viridis"
    log_scale: bool = False
    contours: int = 20
    show_field: bool = True
    field_mode: str = "descent"  # "descent" draws -grad f, "ascent" draws grad f
    field_density: int = 20  # arrows per axis
    show_minima: bool = True


@dataclass
class Run:
    """One descent: its settings, its start and the engine's precomputed trajectory."""

    id: int
    settings: OptimizerSettings
    start: tuple[float, float]
    color: str
    trajectory: Any = None  # engine.descent.Trajectory with K = 1
    error: str | None = None  # user-facing message when the engine refused the settings

    @property
    def last_row(self) -> int:
        """Index of the run's last valid row (where it converged, diverged or ran out of steps); -1 if none."""
        return -1 if self.trajectory is None else int(self.trajectory.stopped_at[0])

    def row_at(self, frame: int) -> int:
        """The trajectory row shown at iteration ``frame``: a stopped run keeps showing its last valid row."""
        return int(min(max(frame, 0), self.last_row))

    @property
    def label(self) -> str:
        return f"{self.settings.name} η={self.settings.lr:g}"


class AppState(QObject):
    """The single source of truth of the main window."""

    landscapeChanged = Signal()  # a new function (view and runs reset)
    viewChanged = Signal()  # view rectangle or resolution
    displayChanged = Signal()
    optimizerChanged = Signal()  # the panel's settings
    runsChanged = Signal()  # runs added, removed or recomputed
    selectionChanged = Signal()
    frameChanged = Signal(int)
    compareChanged = Signal()
    message = Signal(str)  # a user-facing notice for the status bar

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.function: TestFunction = get_function("himmelblau")
        self.landscape_source: dict = {"kind": "function", "name": "himmelblau"}
        self.view = self.function.view
        self.resolution = 300
        self.display = DisplaySettings(log_scale=self.function.log_scale)
        self.optimizer = OptimizerSettings()
        self.compare_mode = False
        self.compare_optimizers: list[str] = list(OPTIMIZER_NAMES)
        self.runs: list[Run] = []
        self.selected: set[int] = set()
        self.frame = 0
        self._next_id = 1

    # ----- landscape -------------------------------------------------------------------
    def set_landscape(self, function: TestFunction, source: dict | None = None,
                      view=None) -> None:
        """Show ``function``; runs are cleared (they belong to the old landscape)."""
        self.function = function
        self.landscape_source = source or {"kind": "function", "name": function.name}
        self.view = _checked_view(view or function.view)
        self.display = replace(self.display, log_scale=function.log_scale)
        self.runs.clear()
        self.selected.clear()
        self.frame = 0
        self.landscapeChanged.emit()
        self.viewChanged.emit()
        self.displayChanged.emit()
        self.runsChanged.emit()
        self.selectionChanged.emit()
        self.frameChanged.emit(0)

    def set_view(self, view) -> None:
        view = _checked_view(view)
        if view != self.view:
            self.view = view
            self.viewChanged.emit()

    def reset_view(self) -> None:
        self.set_view(self.function.view)

    def set_resolution(self, n: int) -> None:
        n = int(n)
        if not 16 <= n <= 2000:
            raise ValueError(tr("resolution must be between 16 and 2000 points per axis"))
        if n != self.resolution:
            self.resolution = n
            self.viewChanged.emit()

    def set_display(self, **changes) -> None:
        new = replace(self.display, **changes)
        if new != self.display:
            self.display = new
            self.displayChanged.emit()

    # ----- optimizer settings ----------------------------------------------------------
    def set_optimizer(self, **changes) -> None:
        """Change the panel's settings; the selected runs are recomputed with them."""
        new = replace(self.optimizer, **changes)
        if new == self.optimizer:
            return
        self.optimizer = new
        self.optimizerChanged.emit()
        selected = [r for r in self.runs if r.id in self.selected]
        for run in selected:
            run.settings = self._settings_for(run.settings.name if self.compare_mode else new.name)
            self._compute(run)
        if selected:
            self._runs_changed()

    def set_compare_mode(self, on: bool, optimizers: list[str] | None = None) -> None:
        self.compare_mode = bool(on)
        if optimizers is not None:
            self.compare_optimizers = [o for o in OPTIMIZER_NAMES if o in optimizers]
        self.compareChanged.emit()

    def _settings_for(self, name: str) -> OptimizerSettings:
        if name == self.optimizer.name:
            return self.optimizer
        return OptimizerSettings(name=name, lr=self.optimizer.lr, hyper={}, steps=self.optimizer.steps)

    # ----- runs --------------------------------------------------------------------------
    def add_run(self, start: tuple[float, float]) -> list[Run]:
        """Start a run (or, in compare mode, one per enabled optimizer) at ``start``."""
        names = self.compare_optimizers if self.compare_mode else [self.optimizer.name]
        added = []
        for name in names:
            run = Run(id=self._next_id, settings=self._settings_for(name),
                      start=(float(start[0]), float(start[1])), color=self._next_color())
            self._next_id += 1
            self._compute(run)
            self.runs.append(run)
            added.append(run)
        self.selected = {added[-1].id} if added else set()
        self._runs_changed()
        self.selectionChanged.emit()
        return added

    def add_run_with(self, settings: OptimizerSettings, start, color: str | None = None) -> Run:
        """Add a fully specified run (scene loading, scripting)."""
        run = Run(id=self._next_id, settings=settings, start=(float(start[0]), float(start[1])),
                  color=color or self._next_color())
        self._next_id += 1
        self._compute(run)
        self.runs.append(run)
        self._runs_changed()
        return run

    def remove_runs(self, ids) -> None:
        ids = set(ids)
        if not ids:
            return
        self.runs = [r for r in self.runs if r.id not in ids]
        self.selected -= ids
        self._runs_changed()
        self.selectionChanged.emit()

    def clear_runs(self) -> None:
        self.remove_runs([r.id for r in self.runs])

    def move_run(self, run_id: int, start: tuple[float, float]) -> None:
        run = self.run_by_id(run_id)
        if run is None:
            return
        run.start = (float(start[0]), float(start[1]))
        self._compute(run)
        self._runs_changed()

    def select(self, ids) -> None:
        ids = set(ids)
        if ids != self.selected:
            self.selected = ids
            self.selectionChanged.emit()

    def run_by_id(self, run_id: int) -> Run | None:
        return next((r for r in self.runs if r.id == run_id), None)

    def selected_runs(self) -> list[Run]:
        return [r for r in self.runs if r.id in self.selected]

    def recompute_all(self) -> None:
        for run in self.runs:
            self._compute(run)
        self._runs_changed()

    # ----- playback ----------------------------------------------------------------------
    @property
    def max_frame(self) -> int:
        """The last iteration at which any run still moves (playback ends there)."""
        return max((r.last_row for r in self.runs), default=0)

    def set_frame(self, frame: int) -> None:
        frame = int(min(max(frame, 0), self.max_frame))
        if frame != self.frame:
            self.frame = frame
            self.frameChanged.emit(frame)

    # ----- internals ---------------------------------------------------------------------
    def _compute(self, run: Run) -> None:
        s = run.settings
        try:
            run.trajectory = descent.descend(self.function, np.array([run.start]), optimizer=s.name,
                                             lr=s.lr, steps=s.steps, **s.hyper)
            run.error = None
        except ValueError as exc:  # the engine names the bad argument
            run.trajectory = None
            run.error = str(exc)
            self.message.emit(tr("Run {id}: {error}").format(id=run.id, error=exc))

    def _runs_changed(self) -> None:
        self.runsChanged.emit()
        if self.frame > self.max_frame:
            self.set_frame(self.max_frame)

    def _next_color(self) -> str:
        used = {r.color for r in self.runs}
        free = [c for c in PALETTE if c not in used]
        return free[0] if free else PALETTE[(self._next_id - 1) % len(PALETTE)]


def _checked_view(view):
    (x0, x1), (y0, y1) = view
    vals = [float(v) for v in (x0, x1, y0, y1)]
    if not all(np.isfinite(vals)) or vals[0] >= vals[1] or vals[2] >= vals[3]:
        raise ValueError(tr("the view needs finite bounds with min < max on both axes"))
    return (vals[0], vals[1]), (vals[2], vals[3])
