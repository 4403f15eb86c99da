"""Compute a user's PyTorch model's loss landscape from the window (File ▸ Compute a model's landscape…).

The job is the command line's (``engine.torch_landscape.job.Job``: model, weights, data, loss, plane, resolution,
range) run by ``engine.torch_landscape.run.compute`` on the compute service's "torch" lane, in this process or on Dask
workers. Every finished block goes into ``OUT.h5.partial`` and, as a partial result, onto the map: the surface is the
bilinear interpolant of the grid with the points not computed yet blank (NaN), redrawn at most every
``PARTIAL_EVERY`` seconds. Cancel stops at the next block and keeps the finished ones in the partial file; computing
the same job again resumes from them (they are shown at once). When the last block is in, the finished file is shown
as File ▸ Open surface… shows it (a scene cannot hold it; saving says so).

Imports neither torch nor h5py at module level: the app runs without the optional extra.
"""
from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import numpy as np
from PySide6.QtCore import QCoreApplication, QObject, Signal

from app.model.compute import Cancelled

EXTRA = ("torch", "dask", "distributed", "h5py")
INSTALL = "pip install 'descent-lab[torch]'"
PARTIAL_EVERY = 0.25  # seconds between two redraws of the surface being filled in
KEY = "torch:landscape"


def tr(text: str) -> str:
    return QCoreApplication.translate("ModelLandscape", text)


def missing_extra(names: tuple[str, ...] = EXTRA) -> list[str]:
    """The packages of the optional extra (or of ``names``) that are not installed."""
    missing = []
    for name in names:
        try:
            if importlib.util.find_spec(name) is None:
                missing.append(name)
        except ImportError:
            missing.append(name)
    return missing


class ModelLandscapeRunner(QObject):
    """Runs one model-landscape job at a time for ``window`` (see the module docstring)."""

    busyChanged = Signal(bool)
    started = Signal()          # the job was prepared (inputs are fine): the surface shows from now on
    failed = Signal(str)        # one sentence; the landscape shown stays
    finished = Signal(object)   # RunStats of a complete run
    cancelled = Signal(str)     # what was kept

    def __init__(self, window, surfaces) -> None:
        super().__init__(window)
        self.window, self.state, self.compute, self.surfaces = window, window.state, window.compute, surfaces
        self.running = False
        self.out: Path | None = None
        self.function = None   # the landscape on the map (partial or complete)
        self.stats = None      # RunStats of the last complete run
        self.blocks = (0, 0)   # (done, total) of the running job

    def start(self, job, out: str | Path, workers: int = 1, scheduler: str | None = None) -> None:
        """Prepare and compute ``job`` (an ``engine.torch_landscape.job.Job``) into ``out`` off the GUI thread."""
        out = Path(out)
        self.out, self.blocks, self.function = out, (0, 0), None
        self._set_running(True)
        title = out.stem

        def work(cjob):
            from engine.torch_landscape import LandscapeError
            from engine.torch_landscape.job import prepare
            from engine.torch_landscape.run import Cancelled as RunCancelled, compute, finished_blocks
            from engine.torch_landscape.surface_file import Surface, read_surface

            prepared = prepare(job)
            cjob.check()
            if prepared.ys is None:
                raise LandscapeError(tr("the interpolation plane is a line; the map needs a plane (the command "
                                        "line computes lines)"))
            before = finished_blocks(out, prepared)
            loss = before[0].copy() if before is not None else np.full(prepared.shape, np.nan)
            flat, shown = loss.reshape(-1), [0.0]

            def show(force: bool = False) -> None:
                now = time.monotonic()
                if force or now - shown[0] >= PARTIAL_EVERY:
                    shown[0] = now
                    cjob.partial(Surface(prepared.xs, prepared.ys, {"train_loss": loss.copy()}))

            def on_values(b: int, values, _acc) -> None:
                idx, _, _ = prepared.block_points(b)
                flat[idx] = values
                show()

            def progress(done: int, total: int) -> None:
                self.blocks = (done, total)
                cjob.progress(done / total, tr("{done} of {total} blocks of the model's landscape")
                              .format(done=done, total=total))

            show(force=True)
            try:
                stats = compute(prepared, out, workers=workers, scheduler=scheduler, progress=progress,
                                cancel=lambda: not cjob.is_current(), on_values=on_values)
            except RunCancelled:
                raise Cancelled(cjob.key) from None
            return stats, read_surface(out)

        def partial(surface) -> None:
            if not np.isfinite(surface.values["train_loss"]).any():
                return  # nothing computed yet: the landscape shown stays until the first block
            self._show(surface, title, first=self.function is None)
            if self.running and self.function is not None:
                self.started.emit()

        def done(result) -> None:
            stats, surface = result
            self._set_running(False)
            self.stats = stats
            self._show(surface, title, first=self.function is None)
            self.state.message.emit(tr("The model's landscape is in {path} ({n} of {total} blocks computed now)")
                                    .format(path=out, n=stats.blocks_computed, total=stats.blocks_total))
            self.finished.emit(stats)

        def refused(message: str) -> None:
            self._set_running(False)
            self.failed.emit(message)
            self.state.message.emit(tr("Model landscape: {error}").format(error=message))

        self.compute.submit(KEY, work, done, refused, on_partial=partial)

    def cancel(self) -> bool:
        """Stop after the block being computed; the finished blocks stay in the partial file and on the map."""
        if not self.running:
            return False
        self.compute.cancel(KEY)
        self._set_running(False)
        done, total = self.blocks
        text = tr("Stopped after {done} of {total} blocks; they are kept in {path}.partial: compute the same "
                  "landscape again to resume").format(done=done, total=total, path=self.out)
        self.state.message.emit(text)
        self.cancelled.emit(text)
        return True

    def _show(self, surface, title: str, first: bool) -> None:
        from engine.torch_landscape import LandscapeError
        from engine.torch_landscape.surface_file import surface_function

        try:
            function = surface_function(surface, "train_loss" if "train_loss" in surface.values else None,
                                        title=title, missing_ok=True)
        except LandscapeError as err:
            self.state.message.emit(str(err))
            return
        view = None if first or self.function is None else self.state.view
        self.function = function
        self.surfaces.function = function  # a scene cannot hold it: Save says so
        self.state.set_landscape(function, None, view or function.view)
        files = self.surfaces.file_actions
        files.path, files.modified = None, False
        files._update_title()

    def _set_running(self, on: bool) -> None:
        if on != self.running:
            self.running = on
            self.busyChanged.emit(on)
