"""A finer grid on a network slice is more work: above the bound every scene file meets it is refused with a sentence
naming the resolution, and the model keeps the resolution it had."""
from __future__ import annotations

import pytest

from app.model import AppState
from app.resources import example_scenes
from engine import scene as scene_mod
from engine.scene import landscapes as bounds


def test_a_resolution_above_the_work_bound_is_refused(monkeypatch):
    state = AppState()
    scene = scene_mod.load([p for p in example_scenes() if p.stem == "network-slice"][0])
    state.apply_scene(scene)
    assert state.network is not None
    before = state.resolution
    work, _ = bounds.network_work(state.network.landscape, before, [r.settings.steps for r in state.runs])
    # a bound just above today's work: the same grid stays allowed, four times the points per axis is not
    monkeypatch.setattr(bounds, "MAX_NETWORK_WORK", 1.2 * work)
    state.set_resolution(before)
    with pytest.raises(ValueError, match=r"resolution \(" + f"{4 * before:,}"):
        state.set_resolution(4 * before)
    assert state.resolution == before
    state.set_resolution(max(2, before // 2))  # coarser is always allowed
    assert state.resolution == max(2, before // 2)
