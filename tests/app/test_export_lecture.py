"""Exports a lecture can use as they are (issue 13): equal axes in every layout, self-explaining frames (legend,
counter, title, update rule), α/β names of a network slice, stills at a chosen step and an SVG that any renderer
draws. Geometry is measured on the exported pixels."""
from __future__ import annotations

import json

import numpy as np
import pytest
from PIL import Image

from app.export import FrameRenderer, export_animation, export_image
from engine import scene as scene_mod

SPHERE = {"format": "descent-lab-scene", "version": 2, "landscape": {"kind": "function", "name": "sphere"},
          "view": {"x": [-3, 3], "y": [-3, 3]},
          "display": {"contours": 0, "show_field": False, "show_minima": False}}


def sphere_scene(**display) -> scene_mod.Scene:
    data = json.loads(json.dumps(SPHERE))
    data["display"].update(display)
    return scene_mod.loads(json.dumps(data))


def ring_size(with_contours: np.ndarray, without: np.ndarray) -> tuple[int, int]:
    """Width and height in pixels of the sphere's innermost contour line: the pixels that two exports, with two
    contour lines and with none, differ in; its largest connected piece is the full circle f = max/3 (the other line
    is cut by the plot's edges). Contour lines are traced between samples (contourpy), so the ring is exact to a pixel
    where the colour map is blocky at the grid's cells."""
    diff = np.abs(with_contours.astype(int) - without.astype(int)).max(axis=-1) > 20
    # an anti-aliased 1-pixel line can leave faint gaps: pieces a pixel apart belong together
    labels = _components(_dilate(diff, 2))
    assert labels.max() > 0, "no contour line in the picture"
    sizes = np.bincount(labels[diff], minlength=labels.max() + 1)
    sizes[0] = 0
    ys, xs = np.nonzero((labels == int(np.argmax(sizes))) & diff)
    return int(xs.max() - xs.min() + 1), int(ys.max() - ys.min() + 1)


def _dilate(mask: np.ndarray, times: int) -> np.ndarray:
    """Binary dilation by a 3 × 3 square, ``times`` times."""
    for _ in range(times):
        p = np.pad(mask, 1)
        mask = np.zeros_like(mask)
        for dy in (0, 1, 2):
            for dx in (0, 1, 2):
                mask |= p[dy:dy + mask.shape[0], dx:dx + mask.shape[1]]
    return mask


def _components(mask: np.ndarray) -> np.ndarray:
    """Labels 1…n of the 8-connected pieces of ``mask`` (0 outside), by a flood fill from each unlabelled pixel."""
    labels = np.zeros(mask.shape, dtype=int)
    h, w = mask.shape
    n = 0
    for y0, x0 in zip(*np.nonzero(mask)):
        if labels[y0, x0]:
            continue
        n += 1
        labels[y0, x0] = n
        stack = [(y0, x0)]
        while stack:
            y, x = stack.pop()
            for yy in range(max(y - 1, 0), min(y + 2, h)):
                for xx in range(max(x - 1, 0), min(x + 2, w)):
                    if mask[yy, xx] and not labels[yy, xx]:
                        labels[yy, xx] = n
                        stack.append((yy, xx))
    return labels


def exported_ring(tmp_path, size, panels="landscape", **display) -> tuple[int, int]:
    pictures = []
    for contours in (2, 0):
        out = export_image(sphere_scene(contours=contours, **display), tmp_path / f"sphere{contours}.png", size,
                           panels)
        with Image.open(out) as im:
            pictures.append(np.asarray(im.convert("RGB")))
    return ring_size(*pictures)


# ------------------------------------------------------------------------------------------------------ equal axes
@pytest.mark.parametrize("panels", ["landscape", "landscape+loss"])
@pytest.mark.parametrize("size", [(1280, 720), (640, 640), (600, 900)])
def test_a_circle_exported_is_round_in_every_layout(qapp, tmp_path, panels, size):
    w, h = exported_ring(tmp_path, size, panels)
    assert w > 100 and abs(w - h) <= 2, (w, h)


def test_animation_frames_keep_equal_axes_too(qapp, tmp_path):
    frames = []
    for contours in (2, 0):
        out = export_animation(sphere_scene(contours=contours), tmp_path / f"s{contours}.apng", (1280, 720), fps=10,
                               duration=0.2)
        with Image.open(out) as im:
            frames.append(np.asarray(im.convert("RGB")))
    w, h = ring_size(*frames)
    assert w > 100 and abs(w - h) <= 2, (w, h)


def test_equal_axes_off_stretches_to_fill_and_is_saved_in_the_scene(qapp, tmp_path):
    assert scene_mod.loads(scene_mod.dumps(sphere_scene(equal_axes=False))).display.equal_axes is False
    w, h = exported_ring(tmp_path, (1280, 720), equal_axes=False)
    assert w > 1.4 * h  # the plot is wider than tall: a free aspect makes the circle an ellipse


def test_old_scenes_without_the_key_load_with_equal_axes():
    assert sphere_scene().display.equal_axes is True


def test_view_menu_equal_axes_locks_the_map_and_is_on_by_default(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow

    w = MainWindow(settings=QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(w)
    w.show()
    w.compute.wait()
    vb = w.landscape.plot.vb

    def units_per_pixel():
        (x0, x1), (y0, y1) = vb.viewRange()
        return (x1 - x0) / vb.width(), (y1 - y0) / vb.height()

    assert w.equal_axes_action.isChecked() and w.equal_axes_action in w.view_menu.actions()
    ux, uy = units_per_pixel()
    assert ux == pytest.approx(uy, rel=1e-6)
    w.equal_axes_action.trigger()
    assert w.state.display.equal_axes is False
    (x0, x1), (y0, y1) = vb.viewRange()
    assert (x0, x1, y0, y1) == pytest.approx(np.ravel(w.state.view))  # the rectangle asked for, stretched
    assert w.state.to_scene().display.to_dict()["equal_axes"] is False  # saved with the scene


# --------------------------------------------------------------------------------------------- self-explaining frames
RUNS = [{"optimizer": "gd", "lr": 0.05, "start": [-2.0, -1.5], "steps": 60, "color": "#E69F00"},
        {"optimizer": "adam", "lr": 0.1, "start": [-1.5, -2.2], "steps": 60, "color": "#56B4E9"}]


def runs_scene(**display):
    data = json.loads(json.dumps(SPHERE))
    data["display"].update(display)
    data["runs"] = RUNS
    return scene_mod.loads(json.dumps(data))


def near_colour(rgb, colour: str, tol: int = 12) -> np.ndarray:
    want = np.array([int(colour[i:i + 2], 16) for i in (1, 3, 5)])
    return (np.abs(rgb.astype(int) - want) <= tol).all(axis=-1)


def test_legend_shows_each_runs_colour_top_right_and_can_be_switched_off(qapp):
    from app.export import NO_OVERLAYS, Overlays

    with FrameRenderer(runs_scene(), (1280, 720)) as r:
        on = r.render(30)
        left, top, w, h = r.plot_rect().getRect()
        r.set_overlays(NO_OVERLAYS)
        off = r.render(30)
        r.set_overlays(Overlays(legend=False))
        no_legend = r.render(30)
    # the runs go from the lower left to the centre: the plot's upper right (top 40 %, right half) has no path in it
    quarter = (slice(int(top), int(top + 0.4 * h)), slice(int(left + w / 2), int(left + w)))
    for run in RUNS:
        assert near_colour(on[quarter], run["color"]).sum() > 20  # the legend's swatch
        assert near_colour(off[quarter], run["color"]).sum() == 0
        assert near_colour(no_legend[quarter], run["color"]).sum() == 0


def test_counter_changes_with_the_step_and_only_in_its_box(qapp):
    from app.export import Overlays

    with FrameRenderer(runs_scene(), (1280, 720)) as r:
        counter = next(b.rect for b in r.overlay_layout().boxes if b.kind == "counter")
        box = (slice(int(counter.top()), int(counter.bottom())), slice(int(counter.left()), int(counter.right())))
        a, b = r.render(7)[box], r.render(48)[box]
        assert (a != b).any(axis=-1).sum() > 20  # other digits
        r.set_overlays(Overlays(counter=False))
        assert (r.render(7)[box] == r.render(48)[box]).all()  # nothing moves there without the counter


def test_overlay_texts_name_the_landscape_runs_step_and_rule(qapp):
    from app.export import Overlays
    from engine import functions
    from engine.optimizers import Adam

    with FrameRenderer(runs_scene(), (1280, 720), overlays=Overlays(update_rule=True, rule_run=1)) as r:
        r.render(12)
        layout = r.overlay_layout()
        texts = {b.kind: [line.text for line in b.lines] for b in layout.boxes}
        assert layout.counter_lines(r.state.frame)[0].text == "t = 12"
    sphere = functions.get("sphere")
    assert texts["title"] == [f"Sphere   f(x, y) = {sphere.formula}"]
    assert texts["legend"] == ["Gradient descent  η = 0.05  start (-2, -1.5)", "Adam  η = 0.1  start (-1.5, -2.2)"]
    assert texts["rule"][0] == "Update rule of Adam:" and len(texts["rule"]) == 1 + Adam.formula.count("\n") + 1
    assert texts["rule"][-1] == "xₜ₊₁ = xₜ − η·m̂/(√v̂ + ε)"


def test_frames_with_overlays_are_the_same_layered_or_fully_repainted(qapp):
    from app.export import Overlays

    with FrameRenderer(runs_scene(), (640, 360), overlays=Overlays(update_rule=True)) as r:
        for t in (0, 9, 60):
            np.testing.assert_array_equal(r.render(t), r.render_full(t))


def test_widened_equal_axes_keep_the_colours_of_the_view_asked_for(qapp):
    """Himmelblau on [-5, 5]²: its largest value there is f(5, 5) = 19² + 23² = 890. A 16:9 export widens x to about
    ±8.5, where f reaches thousands; the colour scale still ends near 890 and the contour spacing is the view's."""
    from app.resources import example_scene

    scene = scene_mod.load(example_scene("himmelblau-four-basins.json"))
    with FrameRenderer(scene, (1280, 720)) as r:
        r.render(0)
        result = r.landscape.result
        (x0, x1), _ = result.request.view
        assert x1 - x0 > 15  # widened
        lo, hi = result.levels
        assert 850 <= hi <= 890 and lo < 5
        steps = np.diff(result.contour_levels)
        assert np.allclose(steps, steps[0]) and steps[0] == pytest.approx(890 / 21, rel=0.05)


def test_export_dialogs_hand_their_overlay_choices_to_the_export(qtbot, tmp_path):
    from app.export import Overlays
    from app.export_dialog import ExportAnimationDialog, ImageSizeDialog

    dialog = ExportAnimationDialog(None, str(tmp_path / "a.mp4"), 100, rule_run=2)
    qtbot.addWidget(dialog)
    assert dialog.options().overlays == Overlays(legend=True, title=True, counter=True, update_rule=False, rule_run=2)
    dialog.overlay_options.legend.setChecked(False)
    dialog.overlay_options.rule.setChecked(True)
    assert dialog.options().overlays == Overlays(legend=False, title=True, counter=True, update_rule=True, rule_run=2)
    image = ImageSizeDialog(None, (640, 360))
    qtbot.addWidget(image)
    image.overlay_options.counter.setChecked(False)
    assert image.overlay_options.overlays(1) == Overlays(counter=False, rule_run=1)


@pytest.mark.parametrize("size", [(480, 270), (320, 240), (640, 360)])
def test_overlays_fit_inside_the_plot_and_apart_in_small_frames(qapp, size):
    """Six runs and the update rule in small frames: every box inside the plot and no two overlapping; a legend line
    keeps its run's whole optimizer name (settings are dropped first), and where not even the names fit (a map 75 px
    wide) there is no legend rather than a legend of "Gr…"."""
    from app.export import Overlays
    from app.resources import example_scene

    scene = scene_mod.load(example_scene("rosenbrock-six-optimizers.json"))
    with FrameRenderer(scene, size, "landscape+loss", overlays=Overlays(update_rule=True)) as r:
        r.render(r.last_iteration)
        plot, boxes = r.plot_rect(), r.overlay_layout().boxes
        names = [OPTIMIZER_NAMES[run.settings.name] for run in r.state.runs]
    kinds = {b.kind for b in boxes}
    assert {"title", "counter"} <= kinds
    if size[0] >= 480:
        assert kinds == {"title", "legend", "rule", "counter"}
    for b in boxes:
        assert plot.contains(b.rect), (b.kind, b.rect, plot)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1:]:
            assert not a.rect.intersects(b.rect), (a.kind, b.kind)
    for legend in (b for b in boxes if b.kind == "legend"):
        for line, name in zip(legend.lines, names):
            assert line.text.startswith(name), (line.text, name)


OPTIMIZER_NAMES = {"gd": "Gradient descent", "momentum": "Momentum", "nesterov": "Nesterov", "adagrad": "AdaGrad",
                   "rmsprop": "RMSProp", "adam": "Adam"}
