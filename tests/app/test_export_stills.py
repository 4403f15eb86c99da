"""Stills at a chosen step (PNG and SVG, from the window and the command) and an SVG that browsers, librsvg and
ImageMagick draw: parsed as XML, rasterised, its pixels compared with the PNG of the same step. Network slices name
their coordinates α, β and L(α, β) in the picture and in the data."""
from __future__ import annotations

import base64
import csv
import io
import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from PIL import Image

from app.export import FrameRenderer, export_data, export_image
from app.export.svg import PlotMap
from app.resources import example_scene
from engine import scene as scene_mod

SVG = "{http://www.w3.org/2000/svg}"
HIMMELBLAU = example_scene("himmelblau-four-basins.json")
SIZE = (640, 400)


def _cli(*args):
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    return subprocess.run([sys.executable, "-m", "app.cli", *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _png(path) -> np.ndarray:
    with Image.open(path) as im:
        return np.asarray(im.convert("RGB"))


# a 1×1 PNG embedded as a data URI, as our SVG embeds the colour map: a rasteriser that cannot read it (Debian's
# ImageMagick with its own MSVG coder, which has no data-URI delegate) tests its install, not our file
_PROBE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="4" height="4">'
              '<image width="4" height="4" xlink:href="data:image/png;base64,'
              'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC"/></svg>')


def _reads_embedded_images(command: list[str]) -> bool:
    import tempfile
    with tempfile.TemporaryDirectory() as folder:
        svg, png = os.path.join(folder, "probe.svg"), os.path.join(folder, "probe.png")
        with open(svg, "w") as f:
            f.write(_PROBE_SVG)
        done = subprocess.run([part.format(svg=svg, png=png) for part in command], capture_output=True, timeout=60)
        return done.returncode == 0 and os.path.exists(png)


def _rasterisers() -> list[list[str]]:
    """Command lines that turn an SVG (with an embedded PNG) into a PNG: rsvg-convert and ImageMagick, where installed
    and able to."""
    found = []
    if shutil.which("rsvg-convert"):
        found.append(["rsvg-convert", "{svg}", "-o", "{png}"])
    for convert in ("magick", "/usr/bin/convert", "convert"):
        exe = shutil.which(convert)
        if exe and "ImageMagick" in subprocess.run([exe, "-version"], capture_output=True, text=True).stdout:
            found.append([exe, "{svg}", "{png}"])
            break
    return [command for command in found if _reads_embedded_images(command)]


def _heads(scene, step: int, size=SIZE) -> list[tuple[str, float, float]]:
    """(colour, px, py): where each run's head is at ``step``, from the trajectory and the plot's own mapping."""
    with FrameRenderer(scene, size) as r:
        r.render(step)
        m = PlotMap(r.landscape.plot.vb, r.landscape.pos())
        out = []
        for run in r.state.runs:
            x, y = run.trajectory.points[run.row_at(step), 0]
            (px,), (py,) = m.xy([x], [y])
            out.append((run.color, float(px), float(py)))
        return out


def _colour_near(rgb, colour: str, px: float, py: float, radius: int = 4, tol: int = 40) -> bool:
    want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    patch = rgb[int(py) - radius: int(py) + radius + 1, int(px) - radius: int(px) + radius + 1].astype(int)
    return bool((np.abs(patch - want) <= tol).all(axis=-1).any())


# ---------------------------------------------------------------------------------------------- stills at a step
def test_png_at_step_n_shows_step_n_not_the_first(qapp, tmp_path):
    scene = scene_mod.load(HIMMELBLAU)
    out = export_image(scene, tmp_path / "at.png", SIZE, iteration=25)
    png = _png(out)
    with FrameRenderer(scene, SIZE) as r:
        np.testing.assert_array_equal(png, r.render(25))
        assert (png != r.render(0)).any()
    for colour, px, py in _heads(scene, 25):
        assert _colour_near(png, colour, px, py, radius=2)  # each head dot sits on its trajectory's point 25


def test_command_exports_a_still_at_a_step_and_at_the_end(qapp, tmp_path):
    scene = scene_mod.load(HIMMELBLAU)
    for step, name in (("25", "a.png"), ("end", "b.png")):
        result = _cli("export", str(HIMMELBLAU), "-o", str(tmp_path / name), "--size", "640x400", "--at-step", step)
        assert result.returncode == 0, result.stderr
    with FrameRenderer(scene, SIZE) as r:
        np.testing.assert_array_equal(_png(tmp_path / "a.png"), r.render(25))
        np.testing.assert_array_equal(_png(tmp_path / "b.png"), r.render(r.last_iteration))


@pytest.mark.parametrize("args, words", [(["--at-step", "9999"], "outside the runs' steps"),
                                         (["--at-step", "-3"], "--at-step"), (["--at-step", "soon"], "--at-step"),
                                         (["--update-rule", "9"], "the scene has 4 run")])
def test_bad_still_options_are_one_line_errors(tmp_path, args, words):
    out = tmp_path / "x.png"
    result = _cli("export", str(HIMMELBLAU), "-o", str(out), *args)
    assert result.returncode == 2 and words in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not out.exists()


def test_the_window_exports_the_step_it_shows(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow

    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    assert w.file_actions.open_path(HIMMELBLAU)
    w.compute.wait()
    w.state.set_frame(33)
    assert w.file_actions.export_image_to(tmp_path / "shown.png", SIZE)
    with FrameRenderer(scene_mod.load(HIMMELBLAU), SIZE) as r:
        np.testing.assert_array_equal(_png(tmp_path / "shown.png"), r.render(33))


# ----------------------------------------------------------------------------------------------------------- SVG
@pytest.fixture
def svg_file(qapp, tmp_path):
    return export_image(scene_mod.load(HIMMELBLAU), tmp_path / "at.svg", SIZE, iteration=25)


def test_svg_is_vectors_with_one_raster_the_colour_map(svg_file):
    root = ET.parse(svg_file).getroot()
    assert root.tag == f"{SVG}svg" and (root.get("width"), root.get("height")) == ("640", "400")
    images = list(root.iter(f"{SVG}image"))
    assert len(images) == 1  # the colour map only
    data = images[0].get("href").split(",", 1)[1]
    with Image.open(io.BytesIO(base64.b64decode(data))) as im:  # one pixel per sample: the scene's 300 across
        assert im.format == "PNG" and im.size[1] == 300 and im.size[0] > 300  # [-5, 5]², widened on x (equal axes)
    runs = [p for p in root.iter(f"{SVG}path") if p.get("class") == "run"]
    assert [p.get("stroke").lower() for p in runs] == [r.color.lower() for r in scene_mod.load(HIMMELBLAU).runs]
    assert len(list(root.iter(f"{SVG}path"))) > 100  # contours, field arrows, axes and ticks as paths
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "t = 25" in texts and "x" in texts and "y" in texts and "f(x, y)" in texts
    assert any(t.startswith("Himmelblau") for t in texts) and "4" in texts  # the title and tick labels


@pytest.mark.skipif(not _rasterisers(),
                    reason="neither rsvg-convert nor an ImageMagick that reads embedded images is installed")
def test_svg_rasterised_elsewhere_matches_the_png_of_the_same_step(svg_file, tmp_path):
    scene = scene_mod.load(HIMMELBLAU)
    png = _png(export_image(scene, tmp_path / "at.png", SIZE, iteration=25))
    for command in _rasterisers():
        out = tmp_path / "raster.png"
        subprocess.run([part.format(svg=svg_file, png=out) for part in command], check=True, timeout=120)
        raster = _png(out)
        assert raster.shape == png.shape, command[0]
        for colour, px, py in _heads(scene, 25):  # each run's colour where its head is
            assert _colour_near(raster, colour, px, py), (command[0], colour)
        # the same picture: most pixels within a few levels (anti-aliasing and text rendering differ; ImageMagick's
        # own renderer ignores opacity, so its translucent contour and field lines come out opaque and wider)
        close = (np.abs(raster.astype(int) - png.astype(int)).max(axis=-1) <= 40).mean()
        assert close > (0.85 if command[0] == "rsvg-convert" else 0.65), (command[0], close)


# ----------------------------------------------------------------------------------------- network slices: α, β, L
@pytest.fixture(scope="module")
def network_scene():
    data = json.loads(example_scene("network-slice.json").read_text())
    data["resolution"] = 40
    for run in data["runs"]:
        run["steps"] = 30
    return scene_mod.loads(json.dumps(data))


def test_network_slice_names_alpha_beta_and_loss_in_the_picture(qapp, network_scene, tmp_path):
    with FrameRenderer(network_scene, SIZE, "landscape+loss") as r:
        view = r.landscape
        # α and β, with what the slice's directions are
        assert view.plot.getAxis("bottom").labelText == "α: d1 (filter-normalised)"
        assert view.plot.getAxis("left").labelText == "β: d2 (filter-normalised)"
        assert view.colorbar.getAxis("left").labelText == "L(α, β)"
        assert r.curves.loss_plot.getPlotItem().getAxis("left").labelText.startswith("L")
        assert r.curves.grad_plot.getPlotItem().getAxis("left").labelText == "|∇L|"
    root = ET.parse(export_image(network_scene, tmp_path / "net.svg", SIZE)).getroot()
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert {"α: d1 (filter-normalised)", "β: d2 (filter-normalised)", "L(α, β)"} <= set(texts)
    assert "x" not in texts and "f(x, y)" not in texts


def test_network_slice_data_columns_are_alpha_beta_loss(qapp, network_scene, tmp_path):
    from app.export import data_from_scene

    data = data_from_scene(network_scene)
    with open(export_data(data, tmp_path / "net.csv"), newline="") as f:
        header = next(csv.reader(f))
    assert header == ["run", "step", "alpha", "beta", "L", "dLdalpha", "dLdbeta"]
    doc = json.loads(export_data(data, tmp_path / "net.json").read_text())
    assert doc["columns"] == header
