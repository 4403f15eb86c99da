"""The compute service shows one thing per event-loop pass: results that arrive together, and refreshes asked for with
``later``, run in separate passes (so input and timers are handled between their repaints); a refresh asked for twice
runs once; a burst of progress reports costs one update with the newest value; ``wait`` returns only when everything
queued has run."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QCoreApplication

from app.compute import ComputeService


def _passes_until(condition, limit: int = 200) -> list:
    """Runs the event loop one pass at a time until ``condition()`` is truthy; returns its value after each pass."""
    seen = []
    for _ in range(limit):
        QCoreApplication.processEvents()
        seen.append(condition())
        if seen[-1]:
            break
    return seen


def _lanes_done(service: ComputeService) -> None:
    for lane in service._lanes.values():
        assert lane.pool.waitForDone(10_000)


def test_results_that_arrive_together_are_shown_in_separate_passes(qtbot):
    service = ComputeService()
    shown = []
    for key in ("a:1", "b:1", "c:1"):  # three lanes: the three results are ready at the same time
        service.submit(key, lambda job, k=key: k, shown.append)
    _lanes_done(service)  # every result is waiting in the GUI thread's queue of posted events
    counts = []
    _passes_until(lambda: counts.append(len(shown)) or len(shown) == 3)
    assert sorted(shown) == ["a:1", "b:1", "c:1"]
    assert all(b - a <= 1 for a, b in zip([0, *counts], counts)), counts  # never two in one pass
    assert not service.busy()


def test_stale_results_do_not_use_up_a_pass(qtbot):
    service = ComputeService()
    shown = []
    for i in range(5):  # the newest request for a key wins: four stale results and one to show
        service.submit("runs:x", lambda job, i=i: i, shown.append)
    _lanes_done(service)
    passes = _passes_until(lambda: shown)
    assert shown == [4]
    assert len(passes) <= 2, passes  # the stale ones were skipped in the pass that showed the newest


def test_a_refresh_asked_for_twice_runs_once_and_each_refresh_in_its_own_pass(qtbot):
    service = ComputeService()
    calls = []

    def slices():
        calls.append("slices")

    def probe():
        calls.append("probe")

    for refresh in (slices, probe, slices, slices):
        service.later(refresh)
    assert service.busy()  # a refresh is waiting for its pass
    counts = []
    _passes_until(lambda: counts.append(len(calls)) or len(calls) == 2)
    assert calls == ["slices", "probe"]
    assert all(b - a <= 1 for a, b in zip([0, *counts], counts)), counts  # never two in one pass
    assert not service.busy()
    service.later(slices)  # once run, it can be asked for again
    assert service.wait(5000) and calls == ["slices", "probe", "slices"]


def test_a_burst_of_progress_reports_is_one_update_with_the_newest(qtbot):
    service = ComputeService()
    updates, done = [], []

    def work(job):
        for i in range(1, 101):
            job.progress(i / 100, f"{i} %")
        return "ok"

    service.submit("basins:map", work, done.append, on_progress=lambda f, t: updates.append((f, t)))
    _lanes_done(service)
    assert service.wait(5000)
    assert done == ["ok"]
    assert updates == [(1.0, "100 %")]  # all 100 came before the GUI thread ran: only the newest is worth showing


def test_wait_runs_what_is_queued_and_close_drops_it(qtbot):
    service = ComputeService()
    shown = []
    service.submit("runs:x", lambda job: 1, shown.append)
    service.later(lambda: shown.append(2))
    assert service.wait(5000)
    assert sorted(shown) == [1, 2]
    service.later(lambda: shown.append(3))
    service.close()  # the window closes: nothing queued runs afterwards
    for _ in range(5):
        QCoreApplication.processEvents()
    assert sorted(shown) == [1, 2] and not service.busy()


def test_what_answers_input_goes_before_queued_results(qtbot):
    service = ComputeService()
    shown = []
    for key in ("a:1", "b:1"):
        service.submit(key, lambda job, k=key: k, shown.append)
    _lanes_done(service)
    QCoreApplication.processEvents()  # the results are queued (one may already be shown)
    before = len(shown)
    service.later(lambda: shown.append("cursor"), first=True)
    assert service.wait(5000)
    assert shown.index("cursor") == before  # the cursor's readout, then the results still waiting
    assert sorted(s for s in shown if s != "cursor") == ["a:1", "b:1"]


def test_lanes_compute_below_the_gui_thread(qtbot):
    """A lane's thread (and the threads it starts) runs at a lower OS priority than the GUI thread, so a repaint is not
    shared out with a surface's sampling. Linux: the nice value is per thread."""
    import os
    import sys
    import threading

    from app.compute import LANE_NICE

    if not sys.platform.startswith("linux"):
        pytest.skip("the per-thread nice value is Linux's")
    service = ComputeService()
    seen = []

    def work(job):
        inner = []
        t = threading.Thread(target=lambda: inner.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id())))
        t.start()
        t.join()
        return os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), inner[0]

    service.submit("surface:view", work, seen.append)
    assert service.wait(5000)
    gui = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    (lane, child), = seen
    assert lane >= max(gui, LANE_NICE) and child >= lane  # lower priority = higher nice value
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == gui  # the GUI thread keeps its own


def test_the_map_follows_a_new_landscape_in_a_pass_of_its_own_with_the_newest_view(qtbot, tmp_path):
    """A landscape change repaints the panels first; the map (its costliest repaint) follows in the next pass, and
    shows the view asked for after the change, not the landscape's default."""
    from engine import functions
    from tests.app.stall import shown_window

    w = shown_window(str(tmp_path))
    qtbot.addWidget(w)
    assert w.compute.wait(10_000)
    old = w.landscape.plot.vb.viewRange()
    w.state.set_landscape(functions.get("rosenbrock"))
    assert w.landscape.plot.vb.viewRange() == old  # not yet: the map waits for its pass
    w.state.set_view(((-1.0, 1.5), (-0.5, 2.0)))  # asked for before that pass
    assert w.compute.wait(10_000)
    (x0, x1), (y0, y1) = w.landscape.plot.vb.viewRange()
    assert x0 <= -1.0 + 1e-9 and x1 >= 1.5 - 1e-9 and y0 <= -0.5 + 1e-9 and y1 >= 2.0 - 1e-9  # (equal axes may widen)
    assert min(x1 - x0, y1 - y0) == pytest.approx(2.5, abs=1e-6)  # one side exactly the asked for, not the default
    assert w.landscape.result.request.function is w.state.function  # its surface is the new landscape's
    xs, ys = w.landscape.minima.getData()
    assert list(zip(xs, ys)) == [(m[0], m[1]) for m in functions.get("rosenbrock").minima]


def test_work_that_waits_for_rest_runs_once_where_the_requests_stop(qtbot):
    """``rest_ms``: a burst of requests (a cursor sweeping a network slice) runs only the last one, and only after
    the burst has rested that long; the service counts it as busy meanwhile, so ``wait`` waits for it."""
    import time

    service = ComputeService()
    started, shown = [], []
    t_last = 0.0
    for i in range(5):
        t_last = time.perf_counter()
        service.submit("calculus:slices", lambda job, i=i: started.append((i, time.perf_counter())) or i,
                       shown.append, rest_ms=40)
        for _ in range(3):  # 5 requests ~10 ms apart: never 40 ms of rest
            QCoreApplication.processEvents()
            time.sleep(0.003)
    assert service.busy() and not started  # nothing ran during the burst
    assert service.wait(5000)
    assert shown == [4] and [i for i, _ in started] == [4]
    assert started[0][1] - t_last >= 0.040 - 0.002
    assert not service.busy()
