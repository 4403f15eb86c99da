"""How the model asks for numbers: a *compute* object runs a function and hands its result back.

The model never computes on the caller's thread by itself: it describes the work as a function of a :class:`Job` and
gives it to its compute object with ``submit(key, work, on_done, on_error)``. :class:`ImmediateCompute` (the default:
scripts, the command line, exports, headless tests) runs the work at once; the app's ``app.compute.ComputeService``
runs it off the GUI thread and calls back on the GUI thread. Both follow one rule: for each ``key`` the newest request
wins — an older request's result is never delivered after a newer one was submitted.
"""
from __future__ import annotations

import itertools
import traceback
from typing import Any, Callable, Protocol

Work = Callable[["Job"], Any]
Done = Callable[[Any], None]
Failed = Callable[[str], None]


class Cancelled(Exception):
    """Raised inside work whose request was superseded (``job.check()``); the compute object drops it quietly."""


class Job:
    """What work sees of its request: ``id``, ``key``, whether it is still the newest, and a progress channel."""

    def __init__(self, key: str, id: int, is_current: Callable[[], bool] = lambda: True,
                 report: Callable[[float, str], None] | None = None,
                 partial: Callable[[Any], None] | None = None) -> None:
        self.key, self.id = key, id
        self._is_current, self._report, self._partial = is_current, report, partial

    def is_current(self) -> bool:
        return self._is_current()

    def check(self) -> None:
        """Raise :class:`Cancelled` when a newer request for the same key was made."""
        if not self._is_current():
            raise Cancelled(self.key)

    def progress(self, fraction: float, text: str = "") -> bool:
        """Report ``fraction`` in [0, 1] done (and what is being done); False when the work should stop."""
        if self._report is not None:
            self._report(min(max(float(fraction), 0.0), 1.0), text)
        return self._is_current()

    def partial(self, value: Any) -> None:
        """Hand over an intermediate result (a coarse preview) before the final one."""
        if self._partial is not None:
            self._partial(value)


class Compute(Protocol):
    def submit(self, key: str, work: Work, on_done: Done, on_error: Failed | None = None,
               on_progress: Callable[[float, str], None] | None = None,
               on_partial: Callable[[Any], None] | None = None, rest_ms: int = 0) -> int: ...

    def cancel(self, key: str) -> None: ...

    def busy(self, key: str | None = None) -> bool: ...

    def later(self, refresh: Callable[[], object], first: bool = False) -> None:
        """Call ``refresh`` soon, on the caller's thread (a view's redraw, one at a time with results; ``first``: before
        what already waits)."""


def describe(exc: BaseException) -> str:
    """The user-facing text of an exception raised by work (engine errors name the problem)."""
    return str(exc) or type(exc).__name__


class ImmediateCompute:
    """Runs every request at once, on the caller's thread."""

    _ids = itertools.count(1)

    def submit(self, key, work, on_done, on_error=None, on_progress=None, on_partial=None, rest_ms=0) -> int:
        job = Job(key, next(self._ids), report=on_progress, partial=on_partial)
        try:
            result = work(job)
        except Cancelled:
            return job.id
        except Exception as exc:  # noqa: BLE001 - an engine failure becomes a message, never a crash
            if not isinstance(exc, (ValueError, ArithmeticError)):
                traceback.print_exc()
            if on_error is not None:
                on_error(describe(exc))
            return job.id
        on_done(result)
        return job.id

    def cancel(self, key: str) -> None:
        pass

    def busy(self, key: str | None = None) -> bool:
        return False

    def later(self, refresh: Callable[[], object], first: bool = False) -> None:
        refresh()
