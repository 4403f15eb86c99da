"""The model's compute rules without Qt: requests can finish in any order, the newest request for a run wins, a run
shows at once and its path when computed, a drag preview computes a short run and the full run replaces it."""
from __future__ import annotations

import numpy as np
import pytest

from app.model import PREVIEW_STEPS, AppState
from app.model.compute import Job
from engine import descent, functions


class DeferredCompute:
    """Keeps every request until the test runs it (in any order), as a worker thread might deliver them."""

    def __init__(self) -> None:
        self.queue = []

    def submit(self, key, work, on_done, on_error=None, on_progress=None, on_partial=None, rest_ms=0) -> int:
        self.queue.append((key, work, on_done, on_error))
        return len(self.queue)

    def run(self, index: int) -> None:
        key, work, on_done, on_error = self.queue.pop(index)
        try:
            result = work(Job(key, 0))
        except ValueError as exc:
            on_error(str(exc))
            return
        on_done(result)

    def cancel(self, key):
        pass

    def busy(self, key=None):
        return bool(self.queue)


def truth(start, steps, name="gd", lr=0.01):
    return descent.descend(functions.get("himmelblau"), np.array([start]), optimizer=name, lr=lr, steps=steps)


@pytest.fixture
def deferred():
    compute = DeferredCompute()
    return compute, AppState(compute)


def test_a_run_shows_at_once_and_its_path_when_computed(deferred):
    compute, state = deferred
    heard = []
    state.runsChanged.connect(lambda: heard.append([r.pending for r in state.runs]))
    (run,) = state.add_run((0.5, -1.0))
    assert run.pending and run.trajectory is None and heard == [[True]]
    compute.run(0)
    assert not run.pending and heard[-1] == [False]
    np.testing.assert_array_equal(run.trajectory.points, truth((0.5, -1.0), 500).points)


def test_the_newest_request_for_a_run_wins_whatever_order_results_arrive_in(deferred):
    compute, state = deferred
    (run,) = state.add_run((0.5, -1.0))
    compute.run(0)
    state.move_run(run.id, (1.0, 1.0))       # older request
    state.move_run(run.id, (-2.0, 2.5))      # newer request
    compute.run(1)                           # the newer finishes first ...
    compute.run(0)                           # ... then the older: it must not overwrite
    assert run.start == (-2.0, 2.5)
    np.testing.assert_array_equal(run.trajectory.points, truth((-2.0, 2.5), 500).points)


def test_drag_preview_is_a_short_run_and_the_full_run_replaces_it(deferred):
    compute, state = deferred
    state.set_optimizer(steps=2000, lr=0.001)
    (run,) = state.add_run((0.5, -1.0))
    compute.run(0)
    state.move_run(run.id, (1.5, 1.5), preview=True)
    compute.run(0)
    assert run.trajectory.points.shape[0] == PREVIEW_STEPS + 1 < 2001
    state.move_run(run.id, (1.5, 1.5))
    compute.run(0)
    np.testing.assert_array_equal(run.trajectory.points, truth((1.5, 1.5), 2000, lr=0.001).points)


def test_results_for_a_removed_run_or_an_old_landscape_are_dropped(deferred):
    compute, state = deferred
    (a,) = state.add_run((0.5, -1.0))
    (b,) = state.add_run((1.0, 1.0))
    state.remove_runs([a.id])
    state.set_landscape(functions.get("sphere"))
    compute.run(0)
    compute.run(0)
    assert state.runs == [] and a.trajectory is None and b.trajectory is None


def test_a_refused_run_says_why_and_a_diverging_one_is_kept(deferred):
    compute, state = deferred
    messages = []
    state.message.connect(messages.append)
    state.set_optimizer(lr=5.0)
    (run,) = state.add_run((0.5, -1.0))
    compute.run(0)
    assert run.trajectory.status[0] == "diverged" and run.error is None
    state.add_run_with(state.optimizer.__class__("gd", 0.01, {"momentum": 0.9}, 100), (0.0, 0.0))
    compute.run(0)
    bad = state.runs[-1]
    assert bad.trajectory is None and bad.error and messages and f"Run {bad.id}" in messages[-1]


def test_a_network_still_building_does_not_replace_a_landscape_shown_meanwhile(deferred):
    from app.model import default_network

    compute, state = deferred
    state.request_landscape(default_network())          # queued: a network takes seconds to train
    assert state.building is not None
    state.set_landscape(functions.get("rosenbrock"))      # the user picked something else meanwhile
    assert state.building is None
    compute.run(0)                                        # the build finishes late
    assert state.function.name == "rosenbrock" and state.network is None
