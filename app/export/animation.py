"""Animations (MP4 / GIF / APNG): the frames of a timeline rendered by :class:`FrameRenderer` and streamed into
:mod:`app.export.encoders`.

:class:`AnimationExport` renders and encodes a few frames at a time (``step``), so a GUI can interleave it with its
event loop; :func:`export_animation` runs it to the end. Everything is written atomically: cancel or an error leave
no file.
"""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Callable

from app.export.encoders import Cancelled, EncoderError, Progress, open_writer
from app.export.overlays import Overlays
from app.export.renderer import FrameRenderer, acquire, release
from app.export.timeline import translate, check_size, frame_iterations
from engine.scene import Scene

ANIMATION_SUFFIXES = {".mp4": "mp4", ".gif": "gif", ".apng": "apng"}



def _tr(text: str) -> str:
    return translate("Export", text)

class AnimationExport:
    """One animation export, driven a few frames at a time so a GUI can keep its event loop running.

        job = AnimationExport(scene, "out.mp4", size=(1280, 720), fps=30, duration=5)
        while not job.step():          # renders and encodes frames for up to ~50 ms
            ...                        # (let the GUI breathe; job.done / job.total for a progress bar)
        job.finish()                   # the last pass of the encoder (GIF palette) and the atomic rename

    ``abort()`` at any point removes everything. Errors: SceneError, EncoderError, WriteError.
    """

    def __init__(self, scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
                 iterations_per_frame: float | None = None, duration: float | None = None, hold_last_s: float = 0.0,
                 panels: str = "landscape", fmt: str | None = None, renderer: FrameRenderer | None = None,
                 overlays: Overlays | None = None) -> None:
        self.path = Path(path)
        self.fmt = fmt or _animation_format(self.path)
        self.size = check_size(size)
        self.fps = float(fps)
        if iterations_per_frame is None and duration is None:  # play at the scene's own speed
            iterations_per_frame = max(1.0, scene.playback.speed / self.fps)
        self._own_renderer = renderer is None
        self.renderer = renderer or acquire(scene, self.size, panels, overlays)
        try:
            self.iterations = frame_iterations(self.renderer.last_iteration, self.fps, iterations_per_frame,
                                               duration, hold_last_s)
            self.writer = open_writer(self.path, self.fmt, self.size, self.fps)
        except BaseException:
            self.close_renderer()
            raise
        self.done = 0
        self.finished = False

    @property
    def total(self) -> int:
        return len(self.iterations)

    def step(self, budget_s: float = 0.05) -> bool:
        """Render and encode frames for about ``budget_s`` seconds (at least one); True when all are written."""
        t0 = time.perf_counter()
        try:
            while self.done < self.total:
                self.writer.write(self.renderer.render(int(self.iterations[self.done])))
                self.done += 1
                if time.perf_counter() - t0 >= budget_s:
                    break
        except BaseException:
            self.abort()
            raise
        return self.done >= self.total

    def finish(self) -> Path:
        """Close the file (GIF: quantise every frame with the global palette) and move it into place."""
        try:
            path = self.writer.close()
        finally:
            self.close_renderer()
        self.finished = True
        return path

    def abort(self) -> None:
        """Stop; no file is left behind and an existing one is untouched. Safe to call twice."""
        try:
            self.writer.abort()
        finally:
            self.close_renderer()
            self.finished = True

    def close_renderer(self) -> None:
        """Hand the renderer this job took back for the next export (the encoder may still be finishing). Safe to
        call twice."""
        if self._own_renderer and self.renderer is not None:
            release(self.renderer)
            self.renderer = None  # type: ignore[assignment]


def _animation_format(path: Path) -> str:
    fmt = ANIMATION_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise EncoderError(_tr("an animation is saved as .mp4, .gif or .apng, not {name!r}").format(name=path.name))
    return fmt


def export_animation(scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
                     iterations_per_frame: float | None = None, duration: float | None = None,
                     hold_last_s: float = 0.0, panels: str = "landscape", progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None, fmt: str | None = None,
                     overlays: Overlays | None = None) -> Path:
    """Render ``scene`` offscreen and write it to ``path`` (MP4 / GIF / APNG from the suffix, or ``fmt``).

    ``progress(done, total)`` after each frame: returning False cancels; so does ``cancel()`` returning True. A
    cancelled export raises :class:`Cancelled` and leaves no file (an existing one untouched).
    """
    job = AnimationExport(scene, path, size, fps, iterations_per_frame, duration, hold_last_s, panels, fmt,
                          overlays=overlays)
    try:
        while job.done < job.total:
            job.step(budget_s=0.0)  # one frame
            if (progress is not None and progress(job.done, job.total) is False) or (cancel is not None and cancel()):
                raise Cancelled(_tr("export to {name} cancelled after {n} frames").format(name=job.path.name,
                                                                                          n=job.done))
    except BaseException:
        job.abort()
        raise
    return job.finish()


def finish_in_thread(job: AnimationExport) -> threading.Thread:
    """Run ``job.finish()`` on a Python thread (no Qt inside: the encoder's last pass); the result or the error is
    left on the thread as ``.result`` / ``.error``."""

    def body() -> None:
        try:
            thread.result = job.writer.close()  # type: ignore[attr-defined]
            thread.error = None  # type: ignore[attr-defined]
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            thread.result, thread.error = None, exc  # type: ignore[attr-defined]

    thread = threading.Thread(target=body, name="export-finish", daemon=True)
    thread.result, thread.error = None, None  # type: ignore[attr-defined]
    thread.start()
    return thread
