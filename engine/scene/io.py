"""Scenes as text and files: ``dumps`` / ``loads`` (JSON text, migrated and validated on the way in) and ``save`` /
``load`` (files; saving is atomic).
"""
from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any

from engine.atomic import WriteError, atomic_write

from .migrations import migrate
from .schema import Scene
from .validate import MAX_FILE_BYTES, SceneError


def _encode(value: Any, depth: int = 0) -> str:
    """JSON with 2-space indents, lists of plain values on one line; floats by repr (they round-trip exactly)."""
    pad, inner = "  " * depth, "  " * (depth + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        items = [f"{inner}{json.dumps(str(k))}: {_encode(v, depth + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, (list, tuple)):
        if all(not isinstance(v, (dict, list, tuple)) for v in value):
            return "[" + ", ".join(_encode(v) for v in value) + "]"
        return "[\n" + ",\n".join(inner + _encode(v, depth + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, allow_nan=False)


def dumps(scene: Scene) -> str:
    """The scene as JSON text: fixed key order, indent 2, trailing newline. SceneError if ``loads`` would refuse it."""
    data = scene.to_dict()
    Scene.from_dict(json.loads(json.dumps(data)))  # write only what we can read back
    return _encode(data) + "\n"


def loads(text: str | bytes) -> Scene:
    """Parse, migrate and validate a scene; SceneError (only) for anything wrong with ``text``."""
    if isinstance(text, (bytes, bytearray)):
        if len(text) > MAX_FILE_BYTES:
            raise SceneError(f"file too large ({len(text)} bytes; a scene is at most {MAX_FILE_BYTES} bytes)")
        try:
            text = bytes(text).decode("utf-8")
        except UnicodeDecodeError as err:
            raise SceneError(f"not a text file: invalid UTF-8 at byte {err.start}") from None
    if not isinstance(text, str):
        raise SceneError(f"a scene is text, got {type(text).__name__}")
    if len(text) > MAX_FILE_BYTES:
        raise SceneError(f"file too large ({len(text)} characters; a scene is at most {MAX_FILE_BYTES})")
    if not text.strip():
        raise SceneError("empty file: not a scene")
    try:
        data = json.loads(text)  # NaN / Infinity parse as floats; validation refuses them with their path
    except json.JSONDecodeError as err:
        end = " (the file ends too early: truncated?)" if err.pos >= len(text.rstrip()) else ""
        raise SceneError(f"not valid JSON: {err.msg} at line {err.lineno}, column {err.colno}{end}") from None
    except RecursionError:
        raise SceneError("not a scene: JSON nested too deeply") from None
    except ValueError as err:  # e.g. an integer with more digits than Python converts
        raise SceneError(f"not valid JSON: {err}") from None
    return Scene.from_dict(migrate(data))


# ------------------------------------------------------------------------------------------------------- file I/O
def _special_kind(mode: int) -> str:
    """"" for a regular file, else what it is, in words."""
    if stat.S_ISREG(mode):
        return ""
    kinds = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a pipe (FIFO)"), (stat.S_ISSOCK, "a socket"),
             (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"))
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _os_problem(err: OSError) -> str:
    return (err.strerror or str(err)).lower()


def save(scene: Scene, path: str | os.PathLike) -> None:
    """Write the scene to ``path`` atomically (:func:`engine.atomic.atomic_write`: a temporary file in the same
    folder, flushed, fsynced, renamed over ``path``). On any error the temporary file is removed, an existing
    ``path`` is untouched, and a SceneError says what went wrong ("cannot write to /x/s.json: permission denied")."""
    data = dumps(scene).encode("utf-8")
    try:
        with atomic_write(path) as out:
            out.write(data)
    except WriteError as err:
        raise SceneError(str(err)) from None


def load(path: str | os.PathLike) -> Scene:
    """Read and validate the scene at ``path``; SceneError (only) naming the file and the problem.

    Only a regular file is read: a FIFO would block ``open`` until some writer appears (for ever), a device or
    ``/proc`` file may never end. The file is opened without blocking and checked with ``fstat`` on the open
    descriptor, so it cannot be swapped for a special file between a check and the read."""
    path = Path(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as err:
        raise SceneError(f"cannot read {path}: {_os_problem(err)}") from None
    try:
        kind = _special_kind(os.fstat(fd).st_mode)
        if kind:
            raise SceneError(f"cannot read {path}: it is {kind}, not a scene file")
        with os.fdopen(fd, "rb") as src:
            fd = -1  # the file object owns it now
            data = src.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        raise SceneError(f"cannot read {path}: {_os_problem(err)}") from None
    finally:
        if fd >= 0:
            os.close(fd)
    try:
        return loads(data)
    except SceneError as err:
        raise SceneError(f"{path.name}: {err}") from None
