"""Atomic file writes: all or nothing (plain Python; used by scenes in the engine and by every export in the app).

``atomic_write(path)`` hands out a temporary file in the same folder (``.<name>.<pid>.<random>.partial``); when the block
ends normally it is flushed, fsynced and renamed over ``path`` (``os.replace``, atomic on POSIX and Windows); when the
block raises anything (an error, ``KeyboardInterrupt``, a cancelled export) the temporary file is removed and an
existing ``path`` is left untouched. OS errors become :class:`WriteError` with a message for the user.

``AtomicFile`` is the same thing without the ``with`` block, for writers that live across calls (the encoders).

A process killed mid-write (kill -9, a crash, a power cut) cannot remove its temporary file, so every new write
first removes the stale temporaries of this naming in its folder (:func:`remove_stale_partials`): the name carries
the writer's process id (``.<name>.<pid>.<random>.partial``), and a file is stale when that process is gone and the
file is older than the process now writing. Only regular files of exactly this naming are ever touched.
"""
from __future__ import annotations

import os
import re
import secrets
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

_MODES = {"wb": "wb", "w": "w", "wt": "w"}


class WriteError(Exception):
    """A file could not be written; ``str()`` is a sentence for the user ("cannot write to /x/y: permission denied")."""


_STARTED = time.time()  # about when this process started: a file last written before that is not ours
_PARTIAL = re.compile(r"\..+?\.(?:(?P<pid>\d{1,10})\.)?[0-9a-f]{8}\.partial", re.DOTALL)
LEGACY_MIN_AGE_S = 3600.0  # a temporary without a process id (older naming) is stale after an hour untouched


def _process_alive(pid: int) -> bool:
    """True when process ``pid`` exists (or may: when it cannot be told, it is kept)."""
    if pid == os.getpid():
        return True
    if sys.platform == "win32":  # os.kill(pid, 0) would terminate the process there; keep the file
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):  # someone else's live process, or an absurd number
        return True
    return True


def remove_stale_partials(folder: str | os.PathLike, now: float | None = None) -> list[Path]:
    """Remove the temporaries of :class:`AtomicFile` naming in ``folder`` whose writer is gone: last modified
    before this process started and either owned by a process id that no longer exists or (older naming, no id)
    untouched for LEGACY_MIN_AGE_S. Returns what was removed; never raises."""
    now = time.time() if now is None else now
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        match = _PARTIAL.fullmatch(entry.name)
        if match is None:
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            mtime = entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        if mtime >= _STARTED:
            continue
        pid = match.group("pid")
        stale = (not _process_alive(int(pid))) if pid else now - mtime >= LEGACY_MIN_AGE_S
        if stale:
            try:
                os.unlink(entry.path)
                removed.append(Path(entry.path))
            except OSError:
                pass
    return removed


def describe(path: Path, err: OSError) -> str:
    """A user-facing sentence for an OS error while writing ``path``."""
    return f"cannot write to {path}: {(err.strerror or str(err)).lower()}"


class AtomicFile:
    """A temporary file next to ``path`` that becomes ``path`` on ``commit()`` and vanishes on ``discard()``.

    ``tmp_path`` may be handed to a library that opens files itself (PyAV, Pillow); ``open()`` gives a file object.
    """

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        remove_stale_partials(self.path.parent)
        self.tmp_path = self.path.with_name(f".{self.path.name[:200]}.{os.getpid()}.{secrets.token_hex(4)}.partial")
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
