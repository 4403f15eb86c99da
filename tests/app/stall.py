"""A GUI event-loop stall probe: a 1 ms QTimer whose tick gaps say how long the event loop was blocked.

Used by tests/app/test_stalls.py (a generous bound) and benchmarks/bench_stalls.py (the real targets)."""
from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, Qt, QTimer


class StallProbe:
    """``with StallProbe() as probe: ...`` then ``probe.longest_ms``: the longest gap between two ticks (the event
    loop must run for ticks to happen: use :meth:`run_until`)."""

    def __init__(self, interval_ms: int = 1) -> None:
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self._tick)
        self.gaps: list[float] = []
        self._last = None

    def _tick(self) -> None:
        now = time.perf_counter()
        if self._last is not None:
            self.gaps.append((now - self._last) * 1000.0)
        self._last = now

    def __enter__(self) -> StallProbe:
        self._last = time.perf_counter()
        self.timer.start()
        return self

    def __exit__(self, *exc) -> None:
        self._tick()
        self.timer.stop()

    @property
    def longest_ms(self) -> float:
        return max(self.gaps, default=0.0)

    @staticmethod
    def run_until(condition, timeout_s: float = 30.0, settle_s: float = 0.05) -> None:
        """Run the event loop until ``condition()`` holds (then ``settle_s`` more), at most ``timeout_s``."""
        end = time.perf_counter() + timeout_s
        while not condition():
            if time.perf_counter() > end:
                raise TimeoutError("condition not reached")
            QCoreApplication.processEvents()
            time.sleep(0.0005)
        stop = time.perf_counter() + settle_s
        while time.perf_counter() < stop:
            QCoreApplication.processEvents()
            time.sleep(0.0005)


def shown_window(settings_dir: str, gui_thread_model: bool = False, size: tuple[int, int] = (1280, 800)):
    """A main window on its own settings file in ``settings_dir``, shown at ``size`` after its first surface;
    ``gui_thread_model``: its model computes on the GUI thread (the benchmarks' same-run baseline)."""
    import os

    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow
    from app.model import AppState

    settings = QSettings(os.path.join(settings_dir, "s.ini"), QSettings.Format.IniFormat)
    w = MainWindow(state=AppState() if gui_thread_model else None, settings=settings, restore=False)
    w.resize(*size)
    w.show()
    StallProbe.run_until(lambda: w.landscape.result is not None and not w.compute.busy(), 60)
    return w


def idle(w) -> bool:
    """Nothing computing, and every run has its trajectory (or the engine's refusal)."""
    return not w.compute.busy() and all(r.trajectory is not None or r.error for r in w.state.runs)
