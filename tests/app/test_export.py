"""Export: animations read back with PyAV / Pillow, frames vs the offscreen renderer, cancel and unwritable places
leave nothing, images and trajectory data."""
from __future__ import annotations

import csv
import json

import numpy as np
import pytest
from PIL import Image, ImageSequence

from engine.atomic import WriteError
from app.export.encoders import Cancelled
from app.export import (AnimationExport, EncoderError, FrameRenderer, export_animation, export_data, export_image,
                        frame_iterations, parse_size)
from app.model import AppState
from app.resources import example_scene
from engine import scene as scene_mod

HIMMELBLAU = example_scene("himmelblau-four-basins.json")
SIZE = (320, 240)


@pytest.fixture
def scene():
    # the example's runs, slowed down (lr 0.001) so that every run is still moving at its last step, 500
    data = json.loads(HIMMELBLAU.read_text())
    for run in data["runs"]:
        run.update(lr=0.001, steps=500)
    return scene_mod.loads(json.dumps(data))


@pytest.fixture
def renderer(qapp, scene):
    r = FrameRenderer(scene, SIZE)
    yield r
    r.close()


def _apng_frames(path) -> list[np.ndarray]:
    with Image.open(path) as im:
        return [np.asarray(f.convert("RGB")) for f in ImageSequence.Iterator(im)]


# ---------------------------------------------------------------------------------------------------- the timeline
def test_frame_iterations_by_duration_by_step_and_hold():
    assert frame_iterations(500, 10, duration=1).tolist() == [round(500 * k / 9) for k in range(10)]
    assert frame_iterations(10, 30, iterations_per_frame=4).tolist() == [0, 4, 8, 10]
    assert frame_iterations(10, 10, iterations_per_frame=5, hold_last_s=0.3).tolist() == [0, 5, 10, 10, 10, 10]
    assert frame_iterations(0, 30, duration=0.1).tolist() == [0, 0, 0]
    with pytest.raises(EncoderError, match="too many"):
        frame_iterations(10**6, 30, iterations_per_frame=1)
    with pytest.raises(EncoderError, match="duration"):
        frame_iterations(10, 30, duration=float("nan"))


@pytest.mark.parametrize("text", ["320x241", "321x240", "320", "axb", "320x240x2", "-320x240", "32x24"])
def test_bad_sizes_are_refused(text):
    with pytest.raises(EncoderError, match="size must be"):
        parse_size(text)


def test_good_size_parses():
    assert parse_size("1280x720") == (1280, 720) and parse_size("640×480") == (640, 480)


# ---------------------------------------------------------------------------------------------------- the renderer
def test_renderer_draws_the_scene_at_the_exact_size(renderer):
    a = renderer.render(0)
    assert a.shape == (240, 320, 3) and a.dtype == np.uint8
    assert renderer.render(10**9).shape == a.shape
    assert renderer.last_iteration == 500
    assert a.std() > 20  # a colour map, not a blank frame


def test_layered_frames_equal_full_repaints(renderer):
    for t in (0, 3, 40, 500):
        layered, full = renderer.render(t), renderer.render_full(t)
        assert np.abs(layered.astype(int) - full).mean() < 0.05, t


def test_frames_change_with_the_iteration_and_only_around_the_paths(renderer, scene):
    a, b = renderer.render(0), renderer.render(100)
    changed = np.abs(a.astype(int) - b).max(axis=2) > 30
    assert 50 < changed.sum() < 0.2 * changed.size
    # the heads move from the starts towards the minima: pixels change near the known minimum (3, 2)
    vb = renderer.landscape.plot.vb
    from PySide6.QtCore import QPointF
    p = renderer.landscape.mapFromScene(vb.mapViewToScene(QPointF(3.0, 2.0)))
    assert changed[max(p.y() - 8, 0):p.y() + 8, max(p.x() - 8, 0):p.x() + 8].any()


def test_landscape_plus_loss_has_the_curves_panel(qapp, scene):
    with FrameRenderer(scene, (640, 360), panels="landscape+loss") as r:
        frame = r.render(50)
        assert frame.shape == (360, 640, 3)
        assert r.curves is not None and r.curves.width() == round(640 * 0.38)
    with pytest.raises(EncoderError, match="panels"):
        FrameRenderer(scene, SIZE, panels="everything")


# ------------------------------------------------------------------------------------------------------ animations
def test_mp4_reads_back_with_frames_size_duration_and_first_frame(renderer, scene, tmp_path):
    av = pytest.importorskip("av")
    out = export_animation(scene, tmp_path / "a.mp4", SIZE, fps=8, duration=1.0)
    with av.open(str(out)) as container:
        stream = container.streams.video[0]
        frames = [f.to_ndarray(format="rgb24") for f in container.decode(stream)]
        duration = float(stream.duration * stream.time_base) if stream.duration else None
    assert len(frames) == 8 and frames[0].shape == (240, 320, 3)
    assert duration == pytest.approx(1.0, abs=0.01)
    first = renderer.render(0)
    assert np.abs(frames[0].astype(int) - first).mean() < 4.0  # H.264 + yuv420p tolerance
    last = renderer.render(500)
    assert np.abs(frames[-1].astype(int) - last).mean() < np.abs(frames[-1].astype(int) - first).mean()


def test_gif_reads_back_with_frames_size_and_delays(renderer, scene, tmp_path):
    out = export_animation(scene, tmp_path / "a.gif", SIZE, fps=10, duration=0.8)
    with Image.open(out) as im:
        assert im.size == SIZE and im.n_frames == 8
        delays = [f.info["duration"] for f in ImageSequence.Iterator(im)]
        first = np.asarray(im.convert("RGB"))
    assert delays == [100] * 8  # 1/10 s in whole hundredths
    assert np.abs(first.astype(int) - renderer.render(0)).mean() < 3.0  # 256-colour palette


def test_apng_first_frame_is_the_renderers_frame_exactly(renderer, scene, tmp_path):
    out = export_animation(scene, tmp_path / "a.apng", SIZE, fps=8, iterations_per_frame=100, hold_last_s=0.25)
    frames = _apng_frames(out)
    assert len(frames) == 6 + 2  # iterations 0, 100, ..., 500 then two held frames
    with Image.open(out) as im:
        assert im.size == SIZE and im.info.get("duration") == pytest.approx(125)
    np.testing.assert_array_equal(frames[0], renderer.render(0))
    np.testing.assert_array_equal(frames[3], renderer.render(300))
    np.testing.assert_array_equal(frames[-1], frames[-2])


def test_default_timeline_plays_at_the_scenes_speed(qapp, scene, tmp_path):
    job = AnimationExport(scene, tmp_path / "a.apng", SIZE, fps=30)
    try:
        assert job.total == 251  # 60 it/s at 30 fps: 2 iterations per frame over 500 iterations
    finally:
        job.abort()
    assert list(tmp_path.iterdir()) == []


def test_cancel_after_three_frames_leaves_no_file_and_keeps_an_existing_one(qapp, scene, tmp_path):
    target = tmp_path / "keep.gif"
    target.write_bytes(b"the previous export")
    seen = []

    def progress(done, total):
        seen.append((done, total))
        return done < 3

    for name in ("keep.gif", "new.mp4", "new.apng"):
        seen.clear()
        with pytest.raises(Cancelled):
            export_animation(scene, tmp_path / name, SIZE, fps=10, duration=1.0, progress=progress)
        assert seen == [(1, 10), (2, 10), (3, 10)]
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.gif"]


def test_cancel_callback_stops_too(qapp, scene, tmp_path):
    calls = iter([False, False, True])
    with pytest.raises(Cancelled):
        export_animation(scene, tmp_path / "x.apng", SIZE, fps=10, duration=1.0, cancel=lambda: next(calls))
    assert list(tmp_path.iterdir()) == []


def test_unwritable_location_gives_write_error_and_leaves_nothing(qapp, scene, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    for name in ("x.mp4", "x.gif", "x.apng", "x.png", "x.svg", "x.csv", "x.json"):
        with pytest.raises(WriteError, match="cannot write to .*a-file"):
            if name.endswith((".png", ".svg")):
                export_image(scene, blocker / name, SIZE)
            elif name.endswith((".csv", ".json")):
                state = AppState()
                state.apply_scene(scene)
                export_data(state, blocker / name)
            else:
                export_animation(scene, blocker / name, SIZE, fps=10, duration=0.3)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file"]
    # still responsive: the next export works
    assert export_animation(scene, tmp_path / "ok.apng", SIZE, fps=10, duration=0.2).exists()


def test_wrong_suffix_is_an_encoder_error(qapp, scene, tmp_path):
    with pytest.raises(EncoderError, match=".mp4, .gif or .apng"):
        export_animation(scene, tmp_path / "x.avi", SIZE, fps=10, duration=0.2)
    assert list(tmp_path.iterdir()) == []


# ------------------------------------------------------------------------------------------------------------ images
def test_png_image_at_any_even_size_matches_the_renderer(qapp, scene, tmp_path):
    state = AppState()
    state.apply_scene(scene)
    state.set_frame(120)
    out = export_image(state, tmp_path / "view.png", (800, 600))
    with Image.open(out) as im:
        assert im.size == (800, 600)
        png = np.asarray(im.convert("RGB"))
    with FrameRenderer(scene, (800, 600)) as r:
        np.testing.assert_array_equal(png, r.render(120))


def test_svg_image_is_a_vector_document_with_the_paths(qapp, scene, tmp_path):
    out = export_image(scene, tmp_path / "view.svg", SIZE)
    text = out.read_text()
    assert text.lstrip().startswith("<?xml") and "<svg" in text and "</svg>" in text
    assert text.count("<polyline") + text.count("<path") >= 20  # run paths, contours, field arrows as vectors
    assert "<image" in text and "<text" in text  # the colour map embedded as an image; tick labels as text


# -------------------------------------------------------------------------------------------------------------- data
@pytest.fixture
def applied(qapp, scene):
    state = AppState()
    state.apply_scene(scene)
    return state


def _expected_rows(state):
    rows = []
    for k, run in enumerate(state.runs):
        tr = run.trajectory
        n = int(tr.stopped_at[0]) + 1
        for t in range(n):
            rows.append([k, t, *tr.points[t, 0], tr.values[t, 0], *tr.gradients[t, 0]])
    return rows


def test_csv_rows_match_the_trajectory_arrays_exactly(applied, tmp_path):
    out = export_data(applied, tmp_path / "runs.csv")
    with open(out, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["run", "step", "x", "y", "f", "dfdx", "dfdy"]
    got = [[int(r[0]), int(r[1])] + [float(v) for v in r[2:]] for r in rows[1:]]
    expected = _expected_rows(applied)
    assert len(got) == len(expected) == sum(int(r.trajectory.stopped_at[0]) + 1 for r in applied.runs)
    np.testing.assert_array_equal(np.array(got), np.array(expected, dtype=float))


def test_json_rows_and_runs_match(applied, tmp_path):
    out = export_data(applied, tmp_path / "runs.json")
    doc = json.loads(out.read_text())
    assert doc["columns"] == ["run", "step", "x", "y", "f", "dfdx", "dfdy"]
    np.testing.assert_array_equal(np.array(doc["rows"], dtype=float), np.array(_expected_rows(applied), dtype=float))
    assert [r["start"] for r in doc["runs"]] == [list(r.start) for r in applied.runs]
    assert {r["status"] for r in doc["runs"]} <= {"converged", "max_steps", "running", "diverged", "stalled"}


def test_diverged_run_data_stops_at_its_last_valid_step(qapp, tmp_path):
    scene = scene_mod.load(example_scene("diverging-learning-rate.json"))
    state = AppState()
    state.apply_scene(scene)
    doc = json.loads(export_data(state, tmp_path / "d.json").read_text())
    for k, run in enumerate(state.runs):
        steps = [r[1] for r in doc["rows"] if r[0] == k]
        assert steps == list(range(int(run.trajectory.stopped_at[0]) + 1))
    assert all(v is None or np.isfinite(v) for row in doc["rows"] for v in row)
