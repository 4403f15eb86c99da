"""The app's one compute service: every number the model or a view asks for is computed off the GUI thread.

``ComputeService`` implements the model's compute protocol (:mod:`app.model.compute`): ``submit(key, work, on_done,
on_error, on_progress, on_partial)``. Work runs on a *lane* — one background thread per kind of work (runs, surfaces,
basin maps, landscapes, network points), named by the key's prefix before ":" — so a slow basin map never delays a
run's path. For each key the newest request wins: a queued request that is no longer the newest is skipped, a running
one sees ``job.is_current()`` turn False (``job.check()`` raises :class:`Cancelled`), and a result that arrives after a
newer request was made is dropped. Results, progress and partial results are delivered on the GUI thread.
"""
from __future__ import annotations

import itertools
import os
from collections import deque
import sys
import threading
import traceback
from typing import Any, Callable

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QObject, QRunnable, Qt, QThread, QThreadPool, QTimer, Signal

from app.model.compute import Cancelled, Job, describe

# The GUI thread needs the GIL for every Python call Qt makes while it lays out and paints (paint(), boundingRect(),
# itemChange(): hundreds per repaint). While a lane computes, Python hands the GIL over only every switch interval
# (5 ms by default), so each of those calls could wait up to 5 ms: a repaint of a few milliseconds of work became a
# stall of hundreds. 1 ms still left a paint of 5 ms of work at 20–30 ms while six compare runs computed; 0.2 ms
# bounds the wait per call to that. A lane is made to switch only while the GUI thread asks for the GIL, so its work
# slows only then.
GIL_SWITCH_INTERVAL_S = 0.0002

# A lane's work (and the threads it starts: NumPy's chunk pool inherits it) runs at a lower OS priority than the GUI
# thread, so a repaint is not shared out with a surface's sampling on a machine of two cores. On Linux the nice value
# is per thread; elsewhere Qt's LowPriority maps onto the platform's thread priorities.
LANE_NICE = 10
_lowered = threading.local()


def _lower_priority() -> None:
    """Once per lane thread: run below the GUI thread (best effort: a refusal leaves the priority as it was)."""
    if getattr(_lowered, "done", False):
        return
    _lowered.done = True
    if sys.platform.startswith("linux"):
        try:
            tid = threading.get_native_id()
            os.setpriority(os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), LANE_NICE))
        except OSError:
            pass


class _Relay(QObject):
    """Lives in the GUI thread and runs what shows something one per event-loop pass: a result emitted from a lane
    thread (through ``call``, a queued connection) or a refresh asked for with :meth:`ComputeService.later`.

    A change to a plot makes its scene repaint the window at once, inside the batch of posted events that holds the
    scene's update. Several results delivered in one batch (a cursor move ends the slices', the probe's and the network
    point's jobs at nearly the same time) were painted back to back, with no input and no timer handled in between.
    Queued here and run one per pass (a 0 ms timer), each repaint is a short pass of its own. A queued callable returns
    True when it showed something; stale results (False) cost nothing and do not use up a pass."""

    call = Signal(object)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.queue: deque[Callable[[], bool]] = deque()
        self.waiting: list[Callable[[], object]] = []  # refreshes in the queue (each at most once)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self._run)
        self.call.connect(self._queue, Qt.ConnectionType.QueuedConnection)

    def _queue(self, fn: Callable[[], bool]) -> None:
        self.queue.append(fn)
        if not self.timer.isActive():
            self.timer.start()

    def later(self, refresh: Callable[[], object], first: bool = False) -> None:
        if refresh not in self.waiting:
            self.waiting.append(refresh)
            call = lambda: self._refresh(refresh)  # noqa: E731
            if first:
                self.queue.appendleft(call)
                if not self.timer.isActive():
                    self.timer.start()
            else:
                self._queue(call)

    def _refresh(self, refresh: Callable[[], object]) -> bool:
        self.waiting.remove(refresh)
        refresh()
        return True

    def _run(self) -> None:
        queue = self.queue
        while queue:
            if queue.popleft()():
                break
        if queue:
            self.timer.start()


class _Lane:
    def __init__(self, parent: QObject) -> None:
        self.pool = QThreadPool(parent)
        self.pool.setMaxThreadCount(1)  # requests of a lane run in order; stale ones are skipped
        if not sys.platform.startswith("linux"):
            self.pool.setThreadPriority(QThread.Priority.LowPriority)
        self.pending = 0


class _Task(QRunnable):
    def __init__(self, service: ComputeService, job: Job, work, deliver: Callable[[Callable[[], bool]], None],
                 on_done, on_error) -> None:
        super().__init__()
        self.service, self.job, self.work, self.deliver = service, job, work, deliver
        self.on_done, self.on_error = on_done, on_error

    def run(self) -> None:
        _lower_priority()
        job = self.job
        if not job.is_current():
            self.deliver(lambda: self.service._finished(job))
            return
        try:
            result = self.work(job)
        except Cancelled:
            self.deliver(lambda: self.service._finished(job))
            return
        except Exception as exc:  # noqa: BLE001 - an engine failure becomes a message, never a crash
            if not isinstance(exc, (ValueError, ArithmeticError)):
                traceback.print_exc()
            message = describe(exc)
            self.deliver(lambda: self.service._finished(job, self.on_error, message))
            return
        self.deliver(lambda: self.service._finished(job, self.on_done, result))


class ComputeService(QObject):
    """See the module docstring. ``busyChanged(lane, busy)`` says when a lane starts and stops working;
    ``progressed(key, fraction, text)`` repeats every progress report of a current request (a status bar shows it)."""

    busyChanged = Signal(str, bool)
    progressed = Signal(str, float, str)
    _ids = itertools.count(1)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._relay = _Relay(self)
        self._lanes: dict[str, _Lane] = {}
        self._latest: dict[str, int] = {}
        self._lock = threading.Lock()
        self._closed = False
        sys.setswitchinterval(min(sys.getswitchinterval(), GIL_SWITCH_INTERVAL_S))

    @staticmethod
    def lane_of(key: str) -> str:
        return key.split(":", 1)[0]

    def submit(self, key: str, work, on_done, on_error=None, on_progress=None, on_partial=None,
               rest_ms: int = 0) -> int:
        """Queue ``work`` for ``key`` (see the module docstring). ``rest_ms`` > 0: start it only once no newer request
        for ``key`` came for that long. A readout that cannot keep up with the cursor (a network's slices: a forward
        pass per point) is computed where the cursor rests, instead of competing with the GUI thread for every move."""
        job_id = next(self._ids)
        with self._lock:
            self._latest[key] = job_id
        relay = self._relay

        def deliver(fn: Callable[[], bool]) -> None:
            try:
                relay.call.emit(fn)
            except RuntimeError:  # the window closed while the work ran: nobody is listening
                pass

        def is_current() -> bool:
            with self._lock:
                return not self._closed and self._latest.get(key) == job_id

        progress: list = []  # the newest report not yet shown: one waits in the queue however fast they come

        def report(fraction: float, text: str) -> None:
            with self._lock:
                waiting = bool(progress)
                progress[:] = [(fraction, text)]
            if not waiting:
                deliver(show_progress)

        def show_progress() -> bool:
            with self._lock:
                (fraction, text), = progress
                progress.clear()
            if not is_current():
                return False
            self.progressed.emit(key, fraction, text)
            if on_progress is not None:
                on_progress(fraction, text)
            return True

        def partial(value: Any) -> None:
            def on_gui() -> bool:
                if not is_current():
                    return False
                on_partial(value)
                return True
            if on_partial is not None:
                deliver(on_gui)

        job = Job(key, job_id, is_current, report, partial)
        lane = self._lane(self.lane_of(key))
        lane.pending += 1
        if lane.pending == 1:
            self.busyChanged.emit(self.lane_of(key), True)
        task = _Task(self, job, work, deliver, on_done, on_error)
        if rest_ms > 0:
            QTimer.singleShot(int(rest_ms), self, lambda: self._start_rested(lane, task))
        else:
            lane.pool.start(task)
        return job_id

    def _start_rested(self, lane: _Lane, task: _Task) -> None:
        if task.job.is_current():
            lane.pool.start(task)
        else:
            self._finished(task.job)  # a newer request came while it waited: it never runs

    def later(self, refresh: Callable[[], object], first: bool = False) -> None:
        """Call ``refresh`` on the GUI thread in an event-loop pass of its own, after what is already queued (before it
        with ``first``: what answers the user's input); a refresh already waiting is not queued twice (a view redraws
        once for a burst of changes)."""
        self._relay.later(refresh, first)

    def cancel(self, key: str) -> None:
        """Make every request for ``key`` stale (its result will not be delivered)."""
        with self._lock:
            self._latest[key] = next(self._ids)

    def busy(self, key: str | None = None) -> bool:
        """Whether a lane (``key``'s, or any) still computes or has a result to deliver; without ``key``, also whether a
        refresh is waiting for its pass."""
        if key is None:
            return bool(self._relay.queue) or any(lane.pending for lane in self._lanes.values())
        lane = self._lanes.get(self.lane_of(key))
        return bool(lane and lane.pending)

    def wait(self, msecs: int = 30_000) -> bool:
        """Block until every lane is idle and its results were delivered (tests, export, shutdown)."""
        clock = QElapsedTimer()
        clock.start()
        while self.busy():
            left = msecs - clock.elapsed()
            if left <= 0:
                return False
            for lane in list(self._lanes.values()):
                lane.pool.waitForDone(int(max(1, min(left, 50))))
            QCoreApplication.processEvents()
        return True

    def close(self) -> None:
        """Stop delivering: every running request becomes stale (the window is closing)."""
        with self._lock:
            self._closed = True
        self._relay.timer.stop()
        self._relay.queue.clear()
        self._relay.waiting.clear()
        for lane in self._lanes.values():
            lane.pool.clear()
            lane.pool.waitForDone(5000)

    # ----- internals --------------------------------------------------------------------------------------------------
    def _lane(self, name: str) -> _Lane:
        if name not in self._lanes:
            self._lanes[name] = _Lane(self)
        return self._lanes[name]

    def _finished(self, job: Job, callback=None, value: Any = None) -> bool:
        """Ends ``job`` on the GUI thread; True if its callback ran (it showed something)."""
        lane = self._lanes[self.lane_of(job.key)]
        lane.pending -= 1
        try:
            if callback is not None and job.is_current():
                callback(value)
                return True
            return False
        finally:
            if lane.pending == 0:
                self.busyChanged.emit(self.lane_of(job.key), False)
