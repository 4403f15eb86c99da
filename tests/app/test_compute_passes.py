"""The compute service shows one thing per event-loop pass: results that arrive together, and refreshes asked for with
``later``, run in separate passes (so input and timers are handled between their repaints); a refresh asked for twice
runs once; a burst of progress reports costs one update with the newest value; ``wait`` returns only when everything
queued has run."""
from __future__ import annotations

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
