"""A CPU-time budget for sympy's work on one formula, so that every input is decided quickly.

sympy's automatic simplification asks assumption questions (is this real? zero? positive?) that can grow without
a useful bound on nested formulas well inside the size limits (``log(1+tanh(…)^2)`` chains took seconds). The
structural limits in :mod:`.tree` catch the usual shapes with a precise message; this is the backstop: a watchdog
thread reads the CPU time of the thread doing the work and, past the budget, raises :class:`TooSlow` in it
(``PyThreadState_SetAsyncExc``: sympy is pure Python, so the exception arrives within microseconds). CPU time, not
wall time, so a busy machine does not turn an accepted formula into a refused one (a wall-clock cap far above the
budget still holds when the thread cannot be measured).
"""
from __future__ import annotations

import ctypes
import threading
import time
from contextlib import contextmanager
from typing import Iterator

CPU_BUDGET_S = 0.35
WALL_CAP_S = 5.0
_POLL_S = 0.02


class TooSlow(Exception):
    """Raised inside the working thread when it used up its budget."""


def _cpu_clock(thread_id: int):
    """A function giving the CPU seconds of thread ``thread_id`` (wall seconds where that cannot be read)."""
    try:
        clock = time.pthread_getcpuclockid(thread_id)
        time.clock_gettime(clock)
    except (AttributeError, OSError):
        return time.monotonic
    return lambda: time.clock_gettime(clock)


def _raise_in(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc else None)


@contextmanager
def cpu_budget(seconds: float = CPU_BUDGET_S, wall_cap: float = WALL_CAP_S) -> Iterator[None]:
    """``with cpu_budget(0.4): work()`` raises :class:`TooSlow` once ``work`` used ``seconds`` of CPU time in this
    thread (or ``wall_cap`` seconds of wall time)."""
    thread_id = threading.get_ident()
    clock = _cpu_clock(thread_id)
    start_cpu, start_wall = clock(), time.monotonic()
    lock, done, fired = threading.Lock(), threading.Event(), []

    def watch() -> None:
        while not done.wait(_POLL_S):
            if clock() - start_cpu > seconds or time.monotonic() - start_wall > wall_cap:
                with lock:
                    if not done.is_set():
                        fired.append(True)
                        _raise_in(thread_id, TooSlow)
                return

    watcher = threading.Thread(target=watch, name="formula-budget", daemon=True)
    watcher.start()
    try:
        yield
    finally:
        with lock:
            done.set()
            if fired:
                _raise_in(thread_id, None)  # clear an exception that has not arrived yet
        watcher.join()
        if fired:
            raise TooSlow()
