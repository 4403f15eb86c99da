"""Atomic file writes: all or nothing (plain Python; used by scenes in the engine and by every export in the app).

``atomic_write(path)`` hands out a temporary file in the same folder (``.<name>.<random>.partial``); when the block
ends normally it is flushed, fsynced and renamed over ``path`` (``os.replace``, atomic on POSIX and Windows); when the
block raises anything (an error, ``KeyboardInterrupt``, a cancelled export) the temporary file is removed and an
existing ``path`` is left untouched. OS errors become :class:`WriteError` with a message for the user.

``AtomicFile`` is the same thing without the ``with`` block, for writers that live across calls (the encoders).
"""
from __future__ import annotations

import os
import secrets
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

_MODES = {"wb": "wb", "w": "w", "wt": "w"}


class WriteError(Exception):
    """A file could not be written; ``str()`` is a sentence for the user ("cannot write to /x/y: permission denied")."""


def describe(path: Path, err: OSError) -> str:
    """A user-facing sentence for an OS error while writing ``path``."""
    return f"cannot write to {path}: {(err.strerror or str(err)).lower()}"


class AtomicFile:
    """A temporary file next to ``path`` that becomes ``path`` on ``commit()`` and vanishes on ``discard()``.

    ``tmp_path`` may be handed to a library that opens files itself (PyAV, Pillow); ``open()`` gives a file object.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        self.tmp_path = self.path.with_name(f".{self.path.name[:200]}.{secrets.token_hex(4)}.partial")
        self._file: IO | None = None
        self.finished = False
        try:  # 0o666 minus the umask, like any new file (mkstemp would make it 0o600)
            os.close(os.open(self.tmp_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
        except OSError as err:
            raise WriteError(describe(self.path, err)) from None

    def open(self, mode: str = "wb") -> IO:
        """The temporary file opened for writing (text modes write UTF-8)."""
        if mode not in _MODES:
            raise ValueError(f"mode must be one of {', '.join(_MODES)}, got {mode!r}")
        text = {"encoding": "utf-8", "newline": ""} if "b" not in mode else {}
        self._file = open(self.tmp_path, _MODES[mode], **text)
        return self._file

    def commit(self) -> Path:
        """Flush, fsync and rename over ``path``; WriteError (and no file left) if that fails."""
        try:
            if self._file is not None and not self._file.closed:
                self._file.flush()
                os.fsync(self._file.fileno())
                self._file.close()
            else:
                fd = os.open(self.tmp_path, os.O_RDONLY)
                try:
                    os.fsync(fd)
                finally:
                    os.close(fd)
            os.replace(self.tmp_path, self.path)
        except OSError as err:
            self.discard()
            raise WriteError(describe(self.path, err)) from None
        except BaseException:  # KeyboardInterrupt while syncing or renaming: still leave nothing behind
            self.discard()
            raise
        self.finished = True
        _fsync_folder(self.path.parent)
        return self.path

    def discard(self) -> None:
        """Close and remove the temporary file; ``path`` is untouched. Safe to call twice."""
        if self._file is not None:
            try:
                self._file.close()
            except OSError:
                pass
        try:
            os.unlink(self.tmp_path)
        except OSError:
            pass
        self.finished = True


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every platform can open a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "wb") -> Iterator[IO]:
    """``with atomic_write(path) as f: f.write(...)``: ``path`` appears complete or not at all.

    Raises WriteError for an unwritable folder, a full disk and other OS errors; any other exception raised in the
    block (including KeyboardInterrupt) removes the temporary file and propagates unchanged.
    """
    target = AtomicFile(path)
    try:
        handle = target.open(mode)
        yield handle
    except OSError as err:
        target.discard()
        raise WriteError(describe(target.path, err)) from err
    except BaseException:
        target.discard()
        raise
    target.commit()
