"""The 3D view: a clear "unavailable" label where OpenGL cannot work, and under Xvfb a surface whose heights are
the engine's values, runs whose paths are their trajectories, and pixels that show both.

The Xvfb part runs in a subprocess: the Qt platform is fixed per process and this one is ``offscreen``.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtWidgets import QLabel

from app.gl_support import opengl_status
from app.model import AppState
from app.views.surface3d import Surface3DView
from engine import functions
from tests.app.xvfb import xvfb_display

ROOT = Path(__file__).resolve().parents[2]


# ----- without OpenGL (the tests' offscreen platform) ----------------------------------------------
def test_offscreen_reports_headless(qapp):
    ok, reason = opengl_status(refresh=True)
    assert ok is False
    assert "headless" in reason and "offscreen" in reason


def test_unavailable_label_and_state_changes_do_not_crash(qtbot):
    state = AppState()
    view = Surface3DView(state)
    qtbot.addWidget(view)
    view.show()
    assert not view.available and view.gl is None
    labels = view.findChildren(QLabel)
    assert labels == [view.message_label]
    text = view.message_label.text()
    assert text.startswith("3D view unavailable: ") and len(text) > len("3D view unavailable: ") + 10
    assert view.reason in text
    # the rest of the app goes on: every kind of state change is harmless
    state.set_landscape(functions.get("rosenbrock"))
    state.set_optimizer(lr=2e-4)  # small enough that both runs still move at t = 25
    state.add_run((-1.5, 2.0))
    state.add_run((1.0, -0.5))
    state.set_frame(25)
    state.set_display(colormap="inferno", log_scale=False)
    state.set_view(((-1.0, 1.0), (-0.5, 1.5)))
    state.remove_runs([state.runs[0].id])
    state.set_frame(3)
    assert state.frame == 3 and view.run_items == {}
    assert view.message_label.isVisible()


# ----- under Xvfb ---------------------------------------------------------------------------------
SCRIPT = textwrap.dedent(r'''
    import json, sys
    import numpy as np
    sys.path.insert(0, sys.argv[1])
    from PySide6.QtGui import QImage, QMatrix4x4, QVector3D
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    import app.gl_support as gls
    out = {"platform": QApplication.platformName()}

    # opengl_status names PyOpenGL when it cannot be imported (blocked here), and is fine once it can
    saved = {k: sys.modules.pop(k) for k in list(sys.modules) if k == "OpenGL" or k.startswith("OpenGL.")}
    sys.modules["OpenGL"] = None
    out["blocked"] = gls.opengl_status(refresh=True)
    del sys.modules["OpenGL"]
    sys.modules.update(saved)
    out["status"] = gls.opengl_status(refresh=True)

    from engine import functions, surface
    from app.model import AppState
    from app.views.surface3d import LIFT, LOG_HEIGHT_DECADES, Surface3DView

    def box_xy(x, y, view):
        (x0, x1), (y0, y1) = view
        return 2 * (np.asarray(x) - x0) / (x1 - x0) - 1, 2 * (np.asarray(y) - y0) / (y1 - y0) - 1

    def expected_heights(fn, view, log):
        """Heights [x, y] from an independent sample: f scaled to 0..1; on a log scale
        g = log10(f - fmin + 1e-6 (fmax - fmin)) scaled over its top LOG_HEIGHT_DECADES, lower values at 0."""
        v = surface.sample(fn, view, 120).values
        lo = v.min()
        if log:
            v = np.log10(v - v.min() + 1e-6 * (v.max() - v.min()))
            lo = max(v.min(), v.max() - LOG_HEIGHT_DECADES)
        return np.maximum((v - lo) / (v.max() - lo), 0).T, v

    def frame_rgb(view3d):
        for _ in range(3):
            app.processEvents()
        img = view3d.gl.grabFramebuffer().convertToFormat(QImage.Format.Format_RGB32)
        a = np.frombuffer(img.constBits(), np.uint8).reshape(img.height(), img.bytesPerLine() // 4, 4)
        return a[:, : img.width(), 2::-1].astype(int)  # BGRA in memory -> RGB

    def pixel_of(view3d, p):
        """Window pixel of box point p, from the GL widget's own camera matrices."""
        g = view3d.gl
        w, h = g.deviceWidth(), g.deviceHeight()
        m = g.projectionMatrix((0, 0, w, h), (0, 0, w, h)) * g.viewMatrix()
        q = m.map(QVector3D(*map(float, p)))
        return int(round((q.x() + 1) / 2 * w)), int(round((1 - q.y()) / 2 * h))

    def camera_equal(a, b):
        return all(np.allclose(np.asarray(a[k], float), np.asarray(b[k], float))
                   for k in ("center", "distance", "elevation", "azimuth", "fov"))

    def colour_near(rgb, xy, colour, r=4, tol=40):
        x, y = xy
        patch = rgb[max(y - r, 0): y + r + 1, max(x - r, 0): x + r + 1]
        return bool((np.abs(patch - np.array(colour)).max(axis=-1) <= tol).any())

    state = AppState()
    v3 = Surface3DView(state)
    v3.resize(640, 480)
    out["gl_before_show"] = v3.gl is None
    v3.show()
    out["available"] = v3.available
    # a run from a corner down into Himmelblau's minimum (3, 2)
    run = state.add_run((4.5, 4.5))[0]
    state.set_frame(12)
    rgb = frame_rgb(v3)
    out["shape"] = list(rgb.shape)
    out["distinct_colours"] = int(len(np.unique(rgb.reshape(-1, 3) // 4, axis=0)))
    colour = [int(run.color[i: i + 2], 16) for i in (1, 3, 5)]
    out["run_colour_pixels"] = int((np.abs(rgb - colour).max(axis=-1) <= 30).sum())

    # surface heights = the engine's values, normalised (linear landscape)
    item = v3.surface_item
    verts = item._vertexes  # (nx, ny, 3): what is drawn
    fn, view = state.function, state.view
    z_true, values = expected_heights(fn, view, log=False)
    s = surface.sample(fn, view, 120)
    bx, by = box_xy(s.x, s.y, view)
    out["surface_xy_err"] = float(max(abs(verts[:, 0, 0] - bx).max(), abs(verts[0, :, 1] - by).max()))
    out["surface_z_err"] = float(abs(verts[..., 2] - z_true).max())
    # colours: the state's colour map at those normalised heights
    import pyqtgraph as pg
    cols = item.opts["meshdata"].vertexColors().reshape(verts.shape[0], verts.shape[1], 4)
    out["surface_colour_err"] = float(abs(cols - pg.colormap.get("viridis").map(z_true.ravel(), mode="float")
                                          .reshape(cols.shape)).max())

    # the path = the trajectory up to the frame, lifted above the same normalisation; the head at the frame
    traj = run.trajectory
    pts, vals = traj.points[:, 0, :], traj.values[:, 0]
    px, py = box_xy(pts[:, 0], pts[:, 1], view)
    pz = np.clip((vals - values.min()) / (values.max() - values.min()), 0, 1.5) + LIFT  # on the floor at worst
    expect = np.column_stack([px, py, pz])
    line, head = v3.run_items[run.id].line, v3.run_items[run.id].head
    out["line_rows"] = int(len(line.pos))
    out["line_err"] = float(abs(line.pos - expect[:13]).max())
    out["head_err"] = float(abs(head.pos - expect[12:13]).max())
    out["head_visible_at_12"] = colour_near(rgb, pixel_of(v3, expect[12]), colour)

    # animation: frame 0 moves the head back to the start, on screen too
    state.set_frame(0)
    rgb0 = frame_rgb(v3)
    out["line_rows_0"] = int(len(line.pos))
    out["head_visible_at_0"] = colour_near(rgb0, pixel_of(v3, expect[0]), colour)
    out["head_left_12"] = not colour_near(rgb0, pixel_of(v3, expect[12]), colour, r=1, tol=20)

    # colour map follows the state: viridis has green pixels, inferno has almost none
    def greenish(a):
        return int(((a[..., 1] > a[..., 0] + 40) & (a[..., 1] > a[..., 2])).sum())
    out["green_viridis"] = greenish(rgb0)
    state.set_display(colormap="inferno")
    out["green_inferno"] = greenish(frame_rgb(v3))

    # a log-scale landscape: heights are log10 of f, normalised
    state.set_landscape(functions.get("rosenbrock"))
    z_log, _ = expected_heights(state.function, state.view, log=True)
    out["log_scale"] = state.display.log_scale
    out["log_z_err"] = float(abs(v3.surface_item._vertexes[..., 2] - z_log).max())
    out["runs_after_landscape"] = len(v3.run_items)

    # reset camera restores the default after the user has turned and zoomed
    before = dict(v3.gl.cameraParams())
    v3.gl.orbit(40, 20)
    v3.gl.opts["distance"] *= 3
    v3.reset_button.click()
    after = v3.gl.cameraParams()
    out["camera_restored"] = camera_equal(before, after)
    # key C (with the GL widget focused) does the same
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest
    v3.gl.orbit(-30, 10)
    v3.gl.opts["distance"] *= 0.5
    moved = camera_equal(before, v3.gl.cameraParams())
    v3.gl.setFocus()
    QTest.keyClick(v3.gl, Qt.Key.Key_C)
    out["key_c_restored"] = not moved and camera_equal(before, v3.gl.cameraParams())

    # a hidden view catches up when shown
    v3.hide()
    state.set_landscape(functions.get("sphere"))
    stale = v3.surface_item._vertexes[..., 2].copy()
    v3.show()
    z_sphere, _ = expected_heights(state.function, state.view, log=False)
    out["hidden_deferred"] = bool(abs(stale - z_sphere).max() > 0.1)
    out["shown_caught_up"] = float(abs(v3.surface_item._vertexes[..., 2] - z_sphere).max())

    # a network slice's axes are α, β and L (its scene description is what names them)
    out["labels_function"] = [label.text for label in v3.axis_labels]
    from app.model import default_network
    state.set_landscape(functions.get("sphere"), source=default_network())
    out["labels_network"] = [label.text for label in v3.axis_labels]
    print("RESULT " + json.dumps(out))
''')


@pytest.fixture(scope="module")
def gl_result(tmp_path_factory):
    with xvfb_display() as display:
        script = tmp_path_factory.mktemp("surface3d") / "render3d.py"
        script.write_text(SCRIPT)
        env = dict(os.environ, QT_QPA_PLATFORM="xcb", DISPLAY=display)
        env.pop("WAYLAND_DISPLAY", None)
        done = subprocess.run([sys.executable, str(script), str(ROOT)], env=env, capture_output=True, text=True,
                              timeout=90)
    lines = [ln for ln in done.stdout.splitlines() if ln.startswith("RESULT ")]
    if done.returncode != 0 or not lines:
        if "could not connect to display" in done.stderr or "xcb" in done.stderr and "plugin" in done.stderr:
            pytest.skip(f"the xcb platform does not start under Xvfb: {done.stderr.strip()[-300:]}")
        raise AssertionError(f"render script failed ({done.returncode}):\n{done.stderr[-3000:]}")
    result = json.loads(lines[-1][len("RESULT "):])
    result["drawing_errors"] = done.stderr.count("Error while drawing")
    if not result["status"][0]:
        pytest.skip(f"OpenGL unavailable under Xvfb: {result['status'][1]}")
    return result


def test_gl_status_under_xvfb(gl_result):
    assert gl_result["platform"] == "xcb"
    assert gl_result["status"] == [True, ""]
    ok, reason = gl_result["blocked"]
    assert ok is False and "PyOpenGL" in reason
    assert gl_result["available"] is True


def test_surface_is_the_engine_landscape(gl_result):
    assert gl_result["surface_xy_err"] < 1e-6
    assert gl_result["surface_z_err"] < 1e-5  # float32 vertices
    assert gl_result["surface_colour_err"] < 1e-5
    assert gl_result["log_scale"] is True
    assert gl_result["log_z_err"] < 1e-5
    assert gl_result["runs_after_landscape"] == 0  # a new landscape clears its runs


def test_run_path_is_the_trajectory_up_to_the_frame(gl_result):
    assert gl_result["line_rows"] == 13 and gl_result["line_rows_0"] == 1
    assert gl_result["line_err"] < 1e-5
    assert gl_result["head_err"] < 1e-5


def test_rendered_pixels_show_surface_and_run(gl_result):
    h, w, _ = gl_result["shape"]
    assert w >= 600 and h >= 400
    assert gl_result["distinct_colours"] > 200  # a shaded colour map, not a blank or flat frame
    assert gl_result["run_colour_pixels"] > 20
    assert gl_result["head_visible_at_12"] and gl_result["head_visible_at_0"]
    assert gl_result["head_left_12"]
    # (the green f axis stays green: a couple of hundred pixels whatever the colour map)
    assert gl_result["green_viridis"] > 2000
    assert gl_result["green_inferno"] < gl_result["green_viridis"] / 8


def test_reset_camera_button_and_key(gl_result):
    assert gl_result["camera_restored"]
    assert gl_result["key_c_restored"]


def test_gl_widget_is_made_at_the_first_show_with_its_surface(gl_result):
    """A QOpenGLWidget makes Qt compose its whole window through OpenGL: it is made only when 3D is first shown,
    and its first paint already has the surface."""
    assert gl_result["gl_before_show"] is True
    assert gl_result["drawing_errors"] == 0


def test_hidden_view_resamples_when_shown(gl_result):
    assert gl_result["hidden_deferred"]
    assert gl_result["shown_caught_up"] < 1e-5


def test_axis_labels_name_a_network_slices_alpha_beta_and_loss(gl_result):
    assert gl_result["labels_function"] == ["x", "y", "f"]
    assert gl_result["labels_network"] == ["α", "β", "L"]
