"""AppState (the model, no Qt): playback ends where the last run stops; a run shows its last valid row after it stops."""
from __future__ import annotations

import numpy as np

from app.model import AppState


def test_max_frame_is_the_last_step_any_run_moves():
    state = AppState()
    state.set_optimizer(steps=500, lr=0.01)
    state.add_run((3.0, 2.0))  # Himmelblau's minimum (3, 2): ∇f = 0, so it converges at step 0
    assert state.runs[0].last_row == 0
    assert state.max_frame == 0  # nothing moves: no empty frames to play through
    state.add_run((0.0, 0.0))
    moving = state.runs[1]
    k = int(np.argmax(np.linalg.norm(moving.trajectory.gradients[:, 0], axis=1) < 1e-6))  # first row below tol
    assert 0 < k < 500 and state.max_frame == k == moving.last_row
    assert state.runs[0].row_at(40) == 0 and moving.row_at(10_000) == k and moving.row_at(-3) == 0


def test_picking_another_landscape_keeps_the_runs_inside_its_view_and_undo_brings_all_back():
    from engine import descent, functions

    state = AppState()
    state.add_run((1.0, 1.0))
    state.add_run((-4.5, 4.5))            # inside Himmelblau's view, outside Rosenbrock's
    before = state.to_scene()
    messages = []
    state.message.connect(messages.append)
    state.set_landscape(functions.get("rosenbrock"), keep_runs=True)
    assert [r.start for r in state.runs] == [(1.0, 1.0)] and messages and "1 run(s)" in messages[0]
    truth = descent.descend(functions.get("rosenbrock"), np.array([[1.0, 1.0]]), optimizer="gd", lr=0.01, steps=500)
    np.testing.assert_array_equal(state.runs[0].trajectory.points, truth.points)  # recomputed on the new landscape
    assert state.undo_landscape()
    assert state.to_scene() == before and len(state.runs) == 2
    assert not state.undo_landscape()      # one step of undo


def test_a_compare_group_moves_together_and_numbering_restarts_when_empty():
    state = AppState()
    state.set_compare_mode(True, ["gd", "momentum", "adam"])
    group = state.add_run((1.0, 1.0))
    state.set_compare_mode(False)
    alone = state.add_run((2.0, 2.0))[0]
    state.move_run(group[1].id, (-2.0, 3.0))
    assert [r.start for r in group] == [(-2.0, 3.0)] * 3 and alone.start == (2.0, 2.0)
    assert all(r.trajectory.points[0, 0].tolist() == [-2.0, 3.0] for r in group)
    state.clear_runs()
    assert [r.id for r in state.add_run((0.0, 0.0))] == [1]
