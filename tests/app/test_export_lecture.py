"""Exports a lecture can use as they are (issue 13): equal axes in every layout, self-explaining frames (legend,
counter, title, update rule), α/β names of a network slice, stills at a chosen step and an SVG that any renderer
draws. Geometry is measured on the exported pixels."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image
from scipy import ndimage

from app.export import FrameRenderer, export_animation, export_image
from engine import scene as scene_mod

SPHERE = {"format": "descent-lab-scene", "version": 2, "landscape": {"kind": "function", "name": "sphere"},
          "view": {"x": [-3, 3], "y": [-3, 3]},
          "display": {"contours": 0, "show_field": False, "show_minima": False}}


def sphere_scene(**display) -> scene_mod.Scene:
    data = json.loads(json.dumps(SPHERE))
    data["display"].update(display)
    return scene_mod.loads(json.dumps(data))


def disk_size(rgb: np.ndarray) -> tuple[int, int]:
    """Width and height in pixels of the sphere's sublevel disk {f < c}: the largest connected region of dark
    viridis colours (dark and bluish; the grey background and the colour bar's sliver are not it). Its edge is a
    contour of f = x² + y², a circle."""
    rgb = rgb.astype(int)
    lum = rgb[..., 0] * 0.299 + rgb[..., 1] * 0.587 + rgb[..., 2] * 0.114
    labels, n = ndimage.label((lum < 40) & (rgb[..., 2] - rgb[..., 0] > 10))
    assert n > 0, "no dark region of the colour map in the picture"
    sizes = ndimage.sum(np.ones_like(lum), labels, range(1, n + 1))
    ys, xs = np.nonzero(labels == int(np.argmax(sizes)) + 1)
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


# ------------------------------------------------------------------------------------------------------ equal axes
@pytest.mark.parametrize("panels", ["landscape", "landscape+loss"])
@pytest.mark.parametrize("size", [(1280, 720), (640, 640), (600, 900)])
def test_a_circle_exported_is_round_in_every_layout(qapp, tmp_path, panels, size):
    out = export_image(sphere_scene(), tmp_path / "sphere.png", size, panels)
    with Image.open(out) as im:
        w, h = disk_size(np.asarray(im.convert("RGB")))
    assert w > 60 and abs(w - h) <= 2, (w, h)


def test_animation_frames_keep_equal_axes_too(qapp, tmp_path):
    out = export_animation(sphere_scene(), tmp_path / "sphere.apng", (1280, 720), fps=10, duration=0.2)
    with Image.open(out) as im:
        w, h = disk_size(np.asarray(im.convert("RGB")))
    assert abs(w - h) <= 2, (w, h)


def test_equal_axes_off_stretches_to_fill_and_is_saved_in_the_scene(qapp, tmp_path):
    scene = sphere_scene(equal_axes=False)
    assert scene_mod.loads(scene_mod.dumps(scene)).display.equal_axes is False
    with FrameRenderer(scene, (1280, 720)) as r:
        w, h = disk_size(r.render(0))
    assert w > 1.4 * h  # the plot is wider than tall: a free aspect makes the circle an ellipse


def test_old_scenes_without_the_key_load_with_equal_axes():
    assert sphere_scene().display.equal_axes is True
