"""Repeated exports from one process reuse their renderer: no new widgets or paint devices per export, so neither
memory nor PySide6 6.11's references to None grow with each export."""
from __future__ import annotations

import gc
import sys

from app.export import export_animation
from app.export.renderer import release, acquire
from app.resources import example_scene
from engine import scene as scene_mod

SIZE = (212, 148)  # a size no other test renders at: its kept renderer is this test's own


def test_consecutive_exports_reuse_the_renderer_and_keep_none_flat(qapp, tmp_path):
    scene = scene_mod.load(example_scene("himmelblau-four-basins.json"))
    export_animation(scene, tmp_path / "first.gif", size=SIZE, fps=10, duration=1.0)  # builds the kept renderer
    kept = acquire(scene, SIZE, "landscape")
    release(kept)
    growth = []
    for k in range(3):
        gc.collect()
        before = sys.getrefcount(None)
        export_animation(scene, tmp_path / f"again-{k}.gif", size=SIZE, fps=10, duration=1.0)
        qapp.processEvents()
        gc.collect()
        growth.append(sys.getrefcount(None) - before)
    assert acquire(scene, SIZE, "landscape") is kept  # the same widgets drew every export
    assert max(growth) < 100, growth


def test_a_kept_renderer_draws_the_next_scene_not_the_previous_one(qapp, tmp_path):
    from app.export import FrameRenderer

    one = scene_mod.load(example_scene("himmelblau-four-basins.json"))
    two = scene_mod.load(example_scene("rosenbrock-six-optimizers.json"))
    renderer = acquire(one, SIZE, "landscape")
    release(renderer)
    reused = acquire(two, SIZE, "landscape")
    try:
        assert reused is renderer
        fresh = FrameRenderer(two, SIZE, "landscape")
        try:
            for t in (0, 5, reused.last_iteration):
                assert (reused.render(t) == fresh.render(t)).all()
        finally:
            fresh.close()
    finally:
        release(reused)
