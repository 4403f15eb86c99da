"""Dragging a run's start handle: a short preview of the path follows the mouse (at most every ``PREVIEW_MS``), the
whole run follows when the mouse rests for ``REST_MS`` and when it is dropped; all computed off the GUI thread by the
model's compute service (the newest request for the run wins)."""
from __future__ import annotations

from superqt.utils import qdebounced, qthrottled

PREVIEW_MS = 33
REST_MS = 200


class StartDrag:
    def __init__(self, state) -> None:
        self.state = state
        self._preview = qthrottled(lambda run_id, start: state.move_run(run_id, start, preview=True),
                                   timeout=PREVIEW_MS, leading=True)
        self._full = qdebounced(lambda run_id, start: state.move_run(run_id, start), timeout=REST_MS)

    def move(self, run_id: int, start: tuple[float, float]) -> None:
        self._preview(run_id, start)
        self._full(run_id, start)

    def drop(self, run_id: int, start: tuple[float, float]) -> None:
        self._preview.cancel()
        self._full.cancel()
        self.state.move_run(run_id, start)
        self.state.select({run_id})
