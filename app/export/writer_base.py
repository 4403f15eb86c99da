"""What every streaming writer of :mod:`app.export.encoders` shares (no Qt): the :class:`Writer` base class, which
checks frames and sizes, owns the temporary file (:class:`engine.atomic.AtomicFile`) and turns OS errors into
``WriteError``; the errors ``Cancelled`` and ``EncoderError``; and the changed-rectangle helper of GIF and APNG."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Callable, ClassVar

import numpy as np

from engine.atomic import AtomicFile, WriteError, describe

MAX_SIDE = 8192
MAX_FPS = 240.0


class Cancelled(Exception):
    """The export was cancelled (by the progress callback or the user); no file was written."""


class EncoderError(ValueError):
    """Bad export arguments or frames (unknown format, odd MP4 size, wrong frame shape, no frames)."""


class Writer:
    """Base class: checks frames, owns the temporary file, turns OS errors into WriteError."""

    fmt: ClassVar[str] = ""
    options: ClassVar[tuple[str, ...]] = ()  # keyword options of ``_start``

    def __init__(self, path: str | os.PathLike, size: tuple[int, int], fps: float, **opts: Any) -> None:
        self.path, self.size, self.fps = Path(path), _check_size(size), _check_fps(fps)
        self.frames = 0
        self._check_options(opts)
        self._target = AtomicFile(self.path)
        try:
            self._start(**opts)
        except BaseException:
            self._target.discard()
            raise

    @property
    def actual_fps(self) -> float:
        """The frame rate the file plays at (differs from ``fps`` only for GIF)."""
        return self.fps

    def write(self, frame: np.ndarray) -> None:
        """Append one (h, w, 3|4) uint8 frame; on an OS error the export is aborted and WriteError raised."""
        self._ensure_open()
        frame = self._check_frame(frame)
        self._guarded(self._write, frame)
        self.frames += 1

    def close(self) -> Path:
        """Finish the file and move it into place; returns its path. EncoderError if no frame was written."""
        self._ensure_open()
        if self.frames == 0:
            self.abort()
            raise EncoderError(f"no frames were written; {self.path.name} was not created")
        self._guarded(self._finish)
        return self._guarded(self._target.commit)

    def abort(self) -> None:
        """Stop and remove everything written so far. Safe to call at any time, also twice."""
        if self._target.finished:
            return
        try:
            self._cleanup()
        finally:
            self._target.discard()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind: type | None, value: BaseException | None, tb: Any) -> None:
        if kind is not None:
            self.abort()
        elif not self._target.finished:
            self.close()

    # -- helpers
    def _guarded(self, action: Callable, *args: Any) -> Any:
        try:
            return action(*args)
        except WriteError:
            self.abort()
            raise
        except OSError as err:  # disk full, folder removed, PyAV I/O errors
            self.abort()
            raise WriteError(describe(self.path, err)) from err
        except BaseException:
            self.abort()
            raise

    def _ensure_open(self) -> None:
        if self._target.finished:
            raise EncoderError(f"the writer for {self.path.name} is already closed")

    def _check_frame(self, frame: object) -> np.ndarray:
        w, h = self.size
        if not isinstance(frame, np.ndarray) or frame.dtype != np.uint8 or frame.ndim != 3 \
                or frame.shape[:2] != (h, w) or frame.shape[2] not in (3, 4):
            got = f"{frame.dtype} array of shape {frame.shape}" if isinstance(frame, np.ndarray) \
                else type(frame).__name__
            raise EncoderError(f"frame {self.frames}: expected a uint8 array of shape ({h}, {w}, 3 or 4), got {got}")
        return np.ascontiguousarray(frame)

    def _check_options(self, opts: dict) -> None:
        unknown = sorted(set(opts) - set(self.options))
        if unknown:
            allowed = ", ".join(self.options) or "(none)"
            raise EncoderError(f"unknown {self.fmt} option {unknown[0]!r}; allowed: {allowed}")

    # -- what each format provides
    def _start(self) -> None:
        pass

    def _write(self, frame: np.ndarray) -> None:
        raise NotImplementedError

    def _finish(self) -> None:
        pass

    def _cleanup(self) -> None:
        pass


def _check_size(size: object) -> tuple[int, int]:
    if not (isinstance(size, (tuple, list)) and len(size) == 2
            and all(isinstance(v, (int, np.integer)) and not isinstance(v, bool) for v in size)):
        raise EncoderError(f"size must be (width, height) in pixels, got {size!r}")
    w, h = int(size[0]), int(size[1])
    if not (1 <= w <= MAX_SIDE and 1 <= h <= MAX_SIDE):
        raise EncoderError(f"size must be between 1×1 and {MAX_SIDE}×{MAX_SIDE} pixels, got {w}×{h}")
    return w, h


def _check_fps(fps: object) -> float:
    if isinstance(fps, bool) or not isinstance(fps, (int, float)) or not 0 < fps <= MAX_FPS:
        raise EncoderError(f"fps must be a number in (0, {MAX_FPS:g}], got {fps!r}")
    return float(fps)


def _changed_box(new: np.ndarray, old: np.ndarray) -> tuple[int, int, int, int]:
    """(x0, y0, x1, y1) of the pixels that differ between two frames; a 1×1 box at (0, 0) if none do."""
    diff = new != old
    if diff.ndim == 3:
        diff = diff.any(axis=2)
    rows, cols = np.flatnonzero(diff.any(axis=1)), np.flatnonzero(diff.any(axis=0))
    if rows.size == 0:
        return 0, 0, 1, 1
    return int(cols[0]), int(rows[0]), int(cols[-1]) + 1, int(rows[-1]) + 1
