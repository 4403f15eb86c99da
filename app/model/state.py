"""The application's model: the scene a window shows plus the trajectories computed for it. Qt-free, evented.

Widgets read the model and write to it through its methods; the model asks its compute object for numbers (see
:mod:`.compute`) and announces every change with a psygnal signal, which Qt widgets connect to like Qt signals. The
scene file is this model's :meth:`AppState.to_scene`; :meth:`AppState.apply_scene` shows one.

Iteration index ("frame"): the iteration t shown by every run, from 0 to ``max_frame``; a run with fewer steps (or one
that stopped early) shows its last row.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np
from psygnal import Signal

from engine import descent, functions, scene as scene_mod, vocab
from engine.functions import TestFunction
from engine.scene import (Display, FunctionLandscape, Landscape, NetworkLandscape, OptimizerSettings, Playback, Scene,
                          SceneError, View)

from .compute import Compute, ImmediateCompute
from .i18n import translate
from .landscapes import NetworkBuild, build_function
from .runs import Run
from .landscape_mixin import LandscapeMixin, checked_view as _checked_view
from .run_edits import PREVIEW_STEPS, RunEditsMixin

OPTIMIZER_NAMES = list(vocab.OPTIMIZER_NAMES)
PALETTE = list(scene_mod.PALETTE)


def tr(text: str) -> str:
    return translate("AppState", text)


class AppState(LandscapeMixin, RunEditsMixin):
    """The single source of truth of a window (see the module docstring)."""

    landscapeChanged = Signal()  # a new landscape (function, formula or network slice)
    viewChanged = Signal()  # view rectangle or resolution
    displayChanged = Signal()
    optimizerChanged = Signal()  # the settings for new runs
    runsChanged = Signal()  # runs added, removed or (re)computed
    selectionChanged = Signal()
    frameChanged = Signal(int)
    compareChanged = Signal()
    playbackChanged = Signal()  # speed or loop
    message = Signal(str)  # a user-facing notice for the status bar
    landscapeFailed = Signal(str)  # a requested landscape could not be built; the current one stays
    landscapeProgress = Signal(str)  # what a landscape build is doing now
    busyChanged = Signal(bool)  # a landscape is being built

    def __init__(self, compute: Compute | None = None) -> None:
        self.compute: Compute = compute or ImmediateCompute()
        self.landscape: Landscape = FunctionLandscape("himmelblau")
        self.function: TestFunction = functions.get("himmelblau")
        self.network: NetworkBuild | None = None
        self.view = _checked_view(self.function.view)
        self.resolution = 300
        self.display = Display(log_scale=self.function.log_scale)
        self.optimizer = OptimizerSettings()
        self.compare_mode = False
        self.compare_optimizers: list[str] = list(OPTIMIZER_NAMES)
        self.runs: list[Run] = []
        self.selected: set[int] = set()
        self.frame = 0
        self.speed = Playback().speed
        self.loop = Playback().loop
        self.building: Landscape | None = None
        self.undo_scene: Scene | None = None  # what the last landscape change replaced (undo_landscape)
        self._next_id = 1

    # ----- landscape -------------------------------------------------------------------------------------------------
    def set_view(self, view) -> None:
        view = _checked_view(view)
        if view != self.view:
            self.view = view
            self.viewChanged.emit()

    def reset_view(self) -> None:
        self.set_view(self.network.plane.default_range if self.network is not None else self.function.view)

    def set_resolution(self, n: int) -> None:
        lo, hi = scene_mod.RESOLUTION_RANGE
        n = int(n)
        if not lo <= n <= hi:
            raise ValueError(tr("resolution must be between {lo} and {hi} points per axis").format(lo=lo, hi=hi))
        if n != self.resolution:
            self.resolution = n
            self.viewChanged.emit()

    def set_display(self, **changes) -> None:
        new = replace(self.display, **changes)
        if new != self.display:
            self.display = new
            self.displayChanged.emit()

    # ----- optimizer settings ------------------------------------------------------------------------------------------
    def set_optimizer(self, **changes) -> None:
        """Change the settings shown (those of new runs); the edited runs (:meth:`edited_runs`) take the fields that
        changed, in compare mode or with "Apply to all runs" each keeping its optimizer."""
        new = replace(self.optimizer, **changes)
        if new == self.optimizer:
            return
        changed = {k: getattr(new, k) for k in ("name", "lr", "hyper", "steps")
                   if getattr(new, k) != getattr(self.optimizer, k)}
        self.optimizer = new
        self.optimizerChanged.emit()
        if self.compare_mode or self.apply_to_all:
            changed.pop("name", None)
        elif "name" in changed:
            changed["hyper"] = new.hyper  # a new optimizer starts from the hyper-parameters shown
        self.edit_runs([r.id for r in self.edited_runs()], **changed)

    def set_compare_mode(self, on: bool, optimizers: list[str] | None = None) -> None:
        self.compare_mode = bool(on)
        if optimizers is not None:
            self.compare_optimizers = [o for o in OPTIMIZER_NAMES if o in optimizers]
        self.compareChanged.emit()

    def _settings_for(self, name: str) -> OptimizerSettings:
        if name == self.optimizer.name:
            return self.optimizer
        return OptimizerSettings(name=name, lr=self.optimizer.lr, hyper={}, steps=self.optimizer.steps)

    # ----- runs ------------------------------------------------------------------------------------------------------
    def add_run(self, start: tuple[float, float]) -> list[Run]:
        """Start a run (or, in compare mode, one per enabled optimizer) at ``start``: shown at once, its path as soon
        as it is computed."""
        names = self.compare_optimizers if self.compare_mode else [self.optimizer.name]
        added = [self._new_run(self._settings_for(name), start) for name in names]
        if len(added) > 1:
            for run in added:
                run.group = added[0].id
        self.selected = {added[-1].id} if added else set()
        self._compute(added)
        self.selectionChanged.emit()
        return added

    def add_run_with(self, settings: OptimizerSettings, start, color: str | None = None) -> Run:
        """Add a fully specified run (scene loading, scripting)."""
        run = self._new_run(settings, start, color)
        self._compute([run])
        return run

    def _new_run(self, settings: OptimizerSettings, start, color: str | None = None) -> Run:
        run = Run(id=self._next_id, settings=settings, start=(float(start[0]), float(start[1])),
                  color=color or self._next_color())
        self._next_id += 1
        self.runs.append(run)
        return run

    def remove_runs(self, ids) -> None:
        ids = set(ids)
        if not ids:
            return
        self.runs = [r for r in self.runs if r.id not in ids]
        self.selected -= ids
        if not self.runs:
            self._next_id = 1  # numbering starts again on an empty landscape
        self._runs_changed()
        self.selectionChanged.emit()

    def clear_runs(self) -> None:
        self.remove_runs([r.id for r in self.runs])

    def move_run(self, run_id: int, start: tuple[float, float], preview: bool = False) -> None:
        """Move a run's start (with the runs of its compare group, which share it) and recompute them; ``preview``:
        only their first ``PREVIEW_STEPS`` steps (while dragging)."""
        run = self.run_by_id(run_id)
        if run is None:
            return
        moved = [r for r in self.runs if r.group and r.group == run.group] or [run]
        for r in moved:
            r.start = (float(start[0]), float(start[1]))
        self._compute(moved, steps=PREVIEW_STEPS if preview else None)

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
        self._compute(list(self.runs))

    # ----- playback ----------------------------------------------------------------------------------------------------
    @property
    def max_frame(self) -> int:
        """The last iteration at which any run still moves (playback ends there)."""
        return max([0] + [r.last_row for r in self.runs])

    def set_frame(self, frame: int) -> None:
        frame = int(max(min(frame, self.max_frame), 0))
        if frame != self.frame:
            self.frame = frame
            self.frameChanged.emit(frame)

    def set_playback(self, speed: float | None = None, loop: bool | None = None) -> None:
        new_speed = self.speed if speed is None else float(speed)
        new_loop = self.loop if loop is None else bool(loop)
        if (new_speed, new_loop) != (self.speed, self.loop):
            self.speed, self.loop = new_speed, new_loop
            self.playbackChanged.emit()

    # ----- scene ---------------------------------------------------------------------------------------------------------
    def to_scene(self) -> Scene:
        """Describe what the model shows as a scene document."""
        (x0, x1), (y0, y1) = self.view
        return Scene(self.landscape, View((float(x0), float(x1)), (float(y0), float(y1))), int(self.resolution),
                     self.display, self.optimizer, tuple(r.to_scene() for r in self.runs),
                     Playback(int(self.frame), float(self.speed), bool(self.loop)))

    def to_dict(self) -> dict:
        return self.to_scene().to_dict()

    def apply_scene(self, scene: Scene, then: Callable[[], None] | None = None) -> None:
        """Show ``scene``: everything or nothing. It is validated first (SceneError, the model untouched); a network
        landscape is built through the compute object, and only then is the model replaced in one go."""
        if not isinstance(scene, Scene):
            raise SceneError(f"not a scene: {type(scene).__name__}")
        scene = scene_mod.loads(scene_mod.dumps(scene))  # the checks of a file on disk, also for scenes built in code
        view = (tuple(scene.view.x), tuple(scene.view.y))
        if not isinstance(scene.landscape, NetworkLandscape):
            function = build_function(scene.landscape, view)  # SceneError before anything changes
            self.set_landscape(function, scene.landscape, view)
            self._apply_rest(scene)
            if then is not None:
                then()
            return

        def rest() -> None:
            self._apply_rest(scene)
            if then is not None:
                then()

        errors: list[str] = []
        returned = False

        def failed(message: str) -> None:  # before returning: raise; later (built in a worker): tell the user
            if returned:
                self.landscapeFailed.emit(tr("Cannot open the scene: {error}").format(error=message))
            else:
                errors.append(message)

        self.request_landscape(scene.landscape, view, then=rest, failed=failed)
        returned = True
        if errors:
            raise SceneError(f"landscape: cannot be built: {errors[0]}")

    def _apply_rest(self, scene: Scene) -> None:
        self.set_resolution(scene.resolution)
        self.display = scene.display
        self.displayChanged.emit()
        self.optimizer = scene.optimizer
        self.optimizerChanged.emit()
        self.set_playback(scene.playback.speed, scene.playback.loop)
        runs = [self._new_run(Run.settings_of(r), r.start, r.color) for r in scene.runs]
        wanted = scene.playback.frame

        def after() -> None:
            self.set_frame(wanted)

        self._compute(runs, then=after)
        self.selectionChanged.emit()
        self.set_frame(wanted)

    # ----- internals ---------------------------------------------------------------------------------------------------
    def _compute(self, runs: list[Run], steps: int | None = None, then: Callable[[], None] | None = None,
                 key: str | None = None, announce: bool = True) -> None:
        """Ask the compute object for the trajectories of ``runs`` (one request); each is shown when it arrives."""
        if not runs:
            return
        function = self.function
        jobs = []
        for run in runs:
            run.version += 1
            run.pending = True
            s = run.settings
            jobs.append((run, run.version, s, run.start, s.steps if steps is None else min(steps, s.steps)))
        if announce:
            self._runs_changed()  # starts show at once, paths follow

        def work(job):
            out = []
            for run, version, s, start, n in jobs:
                job.check()
                try:
                    out.append(descent.descend(function, np.array([start]), optimizer=s.name, lr=s.lr, steps=n,
                                               **s.hyper))
                except ValueError as exc:  # the engine names the bad argument
                    out.append(exc)
            return out

        def done(results) -> None:
            changed = False
            for (run, version, settings, _start, n), result in zip(jobs, results):
                if run.version != version or run not in self.runs or function is not self.function:
                    continue  # a newer request for this run was made, or the run is gone
                run.pending = False
                changed = True
                if isinstance(result, Exception):
                    run.trajectory, run.error = None, str(result)
                    self.message.emit(tr("Run {id}: {error}").format(id=run.id, error=result))
                else:
                    run.trajectory, run.error = result, None
                    run.preview = n < settings.steps
            if changed:
                self._runs_changed()
            if then is not None:
                then()

        def failed(message: str) -> None:
            for run, version, *_ in jobs:
                if run.version == version:
                    run.pending, run.trajectory, run.error = False, None, message
            self.message.emit(message)
            self._runs_changed()

        if key is None:
            key = "run:" + ",".join(str(r.id) for r in runs)  # the newest request for the same runs wins
        self.compute.submit(key, work, done, failed)

    def _runs_changed(self) -> None:
        self.runsChanged.emit()
        if self.frame > self.max_frame:
            self.set_frame(self.max_frame)

    def _next_color(self) -> str:
        used = {r.color for r in self.runs}
        free = [c for c in PALETTE if c not in used]
        return free[0] if free else PALETTE[(self._next_id - 1) % len(PALETTE)]


def default_scene() -> Scene:
    """What a freshly started window shows (File ▸ New)."""
    return AppState().to_scene()
