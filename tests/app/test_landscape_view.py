"""The landscape view against independent truths: clicks land where the ViewBox says, the hover readout is the
engine's gradient at the hovered pixel, contours are drawn where f equals a contour level."""
from __future__ import annotations

import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QImage
from PySide6.QtTest import QTest

from tests.app.conftest import make_window
from engine import functions


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def pixel_of(view, x, y):
    """Viewport pixel of data point (x, y)."""
    return view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))


def data_of(view, pos):
    """Data coordinate of viewport pixel ``pos`` (the inverse mapping, independent of the view's handlers)."""
    p = view.plot.vb.mapSceneToView(view.mapToScene(pos))
    return p.x(), p.y()


def click(view, x, y):
    """Click data point (x, y) and wait for the run it starts to be computed (off the GUI thread)."""
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     pixel_of(view, x, y))
    view.window().compute.wait()


def to_array(image: QImage) -> np.ndarray:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    arr = np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4)
    return arr[:, : image.width(), :3].copy()


def test_default_landscape_is_himmelblau(window):
    view = window.landscape
    assert window.state.function.name == "himmelblau"
    assert view.result.request.function.name == "himmelblau"
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    # equal axes: the view [-5, 5]² fills one axis exactly and the other is widened about its centre to one scale
    assert (x0, x1) == pytest.approx((-5, 5), abs=1e-9) or (y0, y1) == pytest.approx((-5, 5), abs=1e-9)
    assert x0 <= -5 and x1 >= 5 and y0 <= -5 and y1 >= 5 and x0 == pytest.approx(-x1) and y0 == pytest.approx(-y1)
    w, h = view.plot.vb.width(), view.plot.vb.height()
    assert (x1 - x0) / w == pytest.approx((y1 - y0) / h, rel=1e-6)
    # the image shows the engine's values on the grid (linear colour scale for Himmelblau)
    f = functions.get("himmelblau")
    surf = view.result.surface
    X, Y = np.meshgrid(surf.x, surf.y)
    np.testing.assert_allclose(view.image.image, f.value(X, Y))
    # colours span the values inside the view asked for, [-5, 5]² (the widened margin saturates)
    inside = (np.abs(X) <= 5) & (np.abs(Y) <= 5)
    assert view.image.getLevels() == pytest.approx((f.value(X, Y)[inside].min(), f.value(X, Y)[inside].max()))
    # four star markers at the catalogue's minima
    pts = view.minima.getData()
    np.testing.assert_allclose(sorted(zip(*pts)), sorted((m[0], m[1]) for m in f.minima))


def test_click_starts_run_at_clicked_point(window, qtbot):
    view = window.landscape
    px, py = view.plot.vb.viewPixelSize()
    for x, y in [(1.3, -2.7), (-3.9, 4.1)]:
        n = len(window.state.runs)
        click(view, x, y)
        qtbot.waitUntil(lambda: len(window.state.runs) == n + 1)
        first = window.state.runs[-1].trajectory.points[0, 0]
        assert abs(first[0] - x) <= px and abs(first[1] - y) <= py
        # and it is exactly the data coordinate of the clicked pixel
        assert tuple(first) == pytest.approx(data_of(view, pixel_of(view, x, y)), abs=1e-9)


def test_click_on_a_start_marker_selects_instead_of_adding(window, qtbot):
    view = window.landscape
    click(view, 2.0, 2.0)
    click(view, -2.0, -2.0)
    assert len(window.state.runs) == 2
    first = window.state.runs[0]
    click(view, *first.start)
    assert len(window.state.runs) == 2
    assert window.state.selected == {first.id}


def test_dragging_a_start_marker_reruns_from_drop_point(window, qtbot):
    view = window.landscape
    click(view, 2.0, 2.0)
    run = window.state.runs[0]
    a, b = pixel_of(view, 2.0, 2.0), pixel_of(view, -1.0, 3.5)
    vp = view.viewport()
    QTest.mousePress(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, a)
    for k in range(1, 11):
        QTest.mouseMove(vp, a + (b - a) * (k / 10))
    QTest.mouseRelease(vp, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, b)
    window.compute.wait()
    assert len(window.state.runs) == 1  # a drag never starts a run
    px, py = view.plot.vb.viewPixelSize()
    assert abs(run.start[0] - -1.0) <= 2 * px and abs(run.start[1] - 3.5) <= 2 * py
    assert tuple(run.trajectory.points[0, 0]) == pytest.approx(run.start)
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()
    assert x0 == pytest.approx(-x1) and y0 == pytest.approx(-y1) and min(x1, y1) == pytest.approx(5)  # no pan


def test_hover_readout_is_engines_gradient(window, qtbot):
    view = window.landscape
    f = functions.get("himmelblau")
    qtbot.wait(100)  # let the layout settle (axis widths follow the colour bar's tick labels)
    for x, y in [(1.7, -0.6), (-3.2, 2.9)]:
        before = view.hover
        pos = pixel_of(view, x, y)
        # two moves within a few ms: the readout must describe where the cursor ended
        QTest.mouseMove(view.viewport(), pos + QPoint(3, 2))
        QTest.mouseMove(view.viewport(), pos)
        qtbot.waitUntil(lambda: view.hover is not None and view.hover != before
                        and view.hover.x == pytest.approx(data_of(view, pos)[0]))
        hx, hy = data_of(view, pos)
        assert (view.hover.x, view.hover.y) == pytest.approx((hx, hy), abs=1e-9)
        px, py = view.plot.vb.viewPixelSize()
        assert abs(hx - x) <= px and abs(hy - y) <= py
        gx, gy = f.gradient(hx, hy)
        text = window.hover_label.text()
        m = re.search(r"∇f = \(([-+0-9.e]+), ([-+0-9.e]+)\)", text)
        assert m, text
        assert float(m.group(1)) == pytest.approx(float(gx), rel=1e-5, abs=1e-9)
        assert float(m.group(2)) == pytest.approx(float(gy), rel=1e-5, abs=1e-9)
        fv = float(re.search(r"f = ([-+0-9.e]+)", text).group(1))
        assert fv == pytest.approx(float(f.value(hx, hy)), rel=1e-5)
        n = float(re.search(r"\|∇f\| = ([-+0-9.e]+)", text).group(1))
        assert n == pytest.approx(math.hypot(gx, gy), rel=1e-5)
        angle = float(re.search(r"at ([-+0-9.]+)°", text).group(1))
        assert angle == pytest.approx(math.degrees(math.atan2(-gy, -gx)), abs=0.06)
        # the cursor arrow starts at the cursor and points along -grad f
        assert view.cursor_arrow.isVisible()
        ax, ay = view.cursor_arrow.getData()
        assert (ax[0], ay[0]) == pytest.approx((hx, hy))
        px, py = view.plot.vb.viewPixelSize()
        d = np.array([(ax[1] - ax[0]) / px, (ay[1] - ay[0]) / py])
        assert np.dot(d / np.linalg.norm(d), -np.array([gx / px, gy / py]) / math.hypot(gx / px, gy / py)) > 0.999


def test_cursor_arrow_is_shown_only_with_a_hover_readout(window):
    from app.views.landscape import probe
    view = window.landscape
    assert not view.cursor_arrow.isVisible()  # an empty curve would still be painted with the view
    view._set_hover(probe(window.state.function, 1.0, 1.0))
    assert view.cursor_arrow.isVisible() and len(view.cursor_arrow.getData()[0]) == 6
    view._set_hover(None)  # the cursor left the plot
    assert not view.cursor_arrow.isVisible() and len(view.cursor_arrow.getData()[0]) == 0


def test_switching_landscape_replaces_surface(window, qtbot):
    view = window.landscape
    before = view.image.image.copy()
    rosen = functions.get("rosenbrock")
    window.state.set_landscape(rosen)
    qtbot.waitUntil(lambda: view.result.request.function.name == "rosenbrock", timeout=5000)
    assert min(view.image.image.shape) == min(before.shape) == window.state.resolution  # across the view asked for
    assert view.image.image.shape != before.shape or not np.allclose(view.image.image, before)
    (x0, x1), (y0, y1) = view.plot.vb.viewRange()  # the catalogue's view, widened on one axis (equal axes)
    (a0, a1), (b0, b1) = rosen.view
    assert x0 <= a0 + 1e-9 and x1 >= a1 - 1e-9 and y0 <= b0 + 1e-9 and y1 >= b1 - 1e-9
    assert window.state.display.log_scale  # Rosenbrock spans decades: log colours by default
    surf = view.result.surface
    X, Y = np.meshgrid(surf.x, surf.y)
    vals = rosen.value(X, Y)
    np.testing.assert_allclose(10 ** view.image.image - view.result.log_offset, vals, rtol=1e-9, atol=1e-9)
    assert window.log_action.isChecked()


def test_pan_commits_view_and_recomputes(window, qtbot):
    window.state.set_display(equal_axes=False)  # the plot shows exactly the rectangle asked for
    view = window.landscape
    vb = view.plot.vb
    vb.setRange(xRange=(0, 2), yRange=(1, 3), padding=0)
    vb.sigRangeChangedManually.emit([True, True])  # what a mouse pan/zoom emits
    qtbot.waitUntil(lambda: np.allclose(view.result.request.view, ((0, 2), (1, 3))), timeout=5000)
    np.testing.assert_allclose(window.state.view, ((0, 2), (1, 3)))
    assert view.result.surface.x[0] == pytest.approx(0) and view.result.surface.y[-1] == pytest.approx(3)
    window.reset_view_action.trigger()
    qtbot.waitUntil(lambda: view.result.request.view == ((-5.0, 5.0), (-5.0, 5.0)), timeout=5000)


@pytest.mark.parametrize("lr", [1.0, 0.01])
def test_diverging_run_is_marked_and_app_keeps_running(window, qtbot, lr):
    state = window.state
    state.set_landscape(functions.get("rosenbrock"))
    state.set_optimizer(name="gd", lr=lr)
    click(window.landscape, -1.5, 2.0)
    run = state.runs[0]
    assert run.trajectory.status[0] == "diverged"
    window.playback.to_end()
    view = window.landscape
    xs, ys = view.diverged.getData()
    assert len(xs) == 1
    k = int(run.trajectory.stopped_at[0])
    assert (xs[0], ys[0]) in [tuple(p) for p in run.trajectory.points[: k + 1, 0]]
    window.grab()  # drawing a path that flew off to huge coordinates must not fail
    if k > 0:
        state.set_frame(k - 1)
        assert len(view.diverged.getData()[0]) == 0  # the ✕ appears only once the run got there


def test_rendering_not_blank_and_contours_where_f_equals_a_level(window, qtbot):
    view = window.landscape
    window.state.set_display(show_field=False)
    qtbot.wait(50)
    with_lines = to_array(view.grab().toImage())
    colours = np.unique(with_lines.reshape(-1, 3), axis=0)
    assert len(colours) > 50
    levels = view.result.contour_levels
    window.state.set_display(contours=0)
    qtbot.waitUntil(lambda: view.result.request.contours == 0, timeout=5000)
    qtbot.wait(50)
    without = to_array(view.grab().toImage())
    diff = np.abs(with_lines.astype(int) - without.astype(int)).sum(axis=2) > 30
    assert diff.sum() > 500  # lines are drawn
    # independent truth: along the row y = 0.5, where f(x, 0.5) crosses a contour level (bracketed on a fine grid,
    # then bisected), the lines-on and lines-off images differ within two pixels
    f = functions.get("himmelblau")
    ratio = view.devicePixelRatioF()
    grid = np.linspace(-4.9, 4.9, 2001)
    crossings = 0
    for level in levels:
        g = f.value(grid, 0.5) - level
        for i in np.flatnonzero(np.sign(g[:-1]) != np.sign(g[1:])):
            lo, hi = grid[i], grid[i + 1]
            for _ in range(50):
                mid = (lo + hi) / 2
                lo, hi = (mid, hi) if (f.value(lo, 0.5) - level) * (f.value(mid, 0.5) - level) > 0 else (lo, mid)
            pos = pixel_of(view, lo, 0.5)
            r, c = int(round(pos.y() * ratio)), int(round(pos.x() * ratio))
            assert diff[r - 2:r + 3, c - 2:c + 3].any(), f"no contour pixel near f = {level:g} at x = {lo:.3f}"
            crossings += 1
    assert crossings >= 5


def test_gradient_field_is_few_items_and_follows_toggles(window, qtbot):
    view = window.landscape
    n_items = len(view.plot.vb.addedItems)
    assert len(view.field_items) <= 4
    total = sum(len(item.getData()[0]) for item in view.field_items)
    assert total == 6 * 20 * 20  # 400 arrows, 6 points each, none dropped on Himmelblau
    # descent arrows point along -grad f: check one arrow per class against the engine
    f = functions.get("himmelblau")
    px, py = view.plot.vb.viewPixelSize()
    for item in view.field_items:
        xs, ys = item.getData()
        if len(xs):
            gx, gy = f.gradient(xs[0], ys[0])
            d = np.array([(xs[1] - xs[0]) / px, (ys[1] - ys[0]) / py])
            want = -np.array([gx / px, gy / py])
            assert np.dot(d, want) / np.linalg.norm(d) / np.linalg.norm(want) > 0.999
    window.ascent_action.trigger()
    xs, ys = next(i for i in view.field_items if len(i.getData()[0])).getData()
    gx, gy = f.gradient(xs[0], ys[0])
    assert (xs[1] - xs[0]) * gx / px ** 2 + (ys[1] - ys[0]) * gy / py ** 2 > 0
    window.field_action.trigger()
    assert not any(item.isVisible() for item in view.field_items)
    assert len(view.plot.vb.addedItems) == n_items  # toggles never add items


def test_colormap_and_minima_toggles(window, qtbot):
    view = window.landscape
    lut_before = view.image.lut.copy() if view.image.lut is not None else None
    window.colormap_actions["magma"].trigger()
    assert window.state.display.colormap == "magma"
    assert lut_before is None or not np.array_equal(view.image.lut, lut_before)
    window.minima_action.trigger()
    assert not view.minima.isVisible()


def arrows_of(view):
    """(tails (n, 2), screen directions (n, 2)) of the drawn field arrows, read back from the curve items."""
    tails, dirs = [], []
    px, py = view.plot.vb.viewPixelSize()
    for item in view.field_items:
        xs, ys = item.getData()
        xs, ys = np.asarray(xs).reshape(-1, 6), np.asarray(ys).reshape(-1, 6)
        tails.append(np.stack([xs[:, 0], ys[:, 0]], axis=1))
        dirs.append(np.stack([(xs[:, 1] - xs[:, 0]) / px, (ys[:, 1] - ys[:, 0]) / py], axis=1))
    return np.concatenate(tails), np.concatenate(dirs)


def test_field_after_zoom_is_the_engines_field_at_the_new_view(window, qtbot):
    from engine.surface import gradient_field
    view, state = window.landscape, window.state
    f = functions.get("himmelblau")
    new = ((0.5, 4.0), (-1.0, 2.5))
    state.set_display(equal_axes=False)  # the plot shows exactly the rectangle asked for
    state.set_view(new)
    qtbot.waitUntil(lambda: view.result.request.view == new, timeout=5000)
    # an independent call of the engine at the new view: every arrow starts at one of its points and points along
    # -grad f there (in screen space); every point with a nonzero gradient has its arrow
    X, Y, GX, GY, _ = gradient_field(f, new, state.display.field_density)
    tails, dirs = arrows_of(view)
    assert len(tails) == X.size
    order = np.lexsort((tails[:, 0], tails[:, 1]))
    want = np.lexsort((X.ravel(), Y.ravel()))
    np.testing.assert_allclose(tails[order], np.stack([X.ravel(), Y.ravel()], 1)[want], rtol=0, atol=1e-12)
    px, py = view.plot.vb.viewPixelSize()
    g = -np.stack([GX.ravel() / px, GY.ravel() / py], 1)[want]
    d = dirs[order]
    cos = np.sum(d * g, 1) / np.linalg.norm(d, axis=1) / np.linalg.norm(g, axis=1)
    assert cos.min() > 0.9999
    assert (tails[:, 0].min() > 0.5) and (tails[:, 1].max() < 2.5)  # none left over from the old view


def test_density_change_reuses_the_surface_and_recomputes_the_field(window, qtbot):
    from engine.surface import gradient_field
    view, state = window.landscape, window.state
    state.set_display(equal_axes=False)  # the plot's size (settling after show) then leaves the surface alone
    qtbot.waitUntil(lambda: not view.result.request.scale_view and view.result.request.view == state.view,
                    timeout=5000)
    before = view.result
    state.set_display(field_density=12)
    qtbot.waitUntil(lambda: view.result.request.field_density == 12, timeout=5000)
    assert view.result.surface is before.surface and view.result.colour is before.colour  # not resampled
    np.testing.assert_allclose(np.stack(view.result.field[:4]),
                               np.stack(gradient_field(functions.get("himmelblau"), view.result.request.view,
                                                       12)[:4]))
    assert len(arrows_of(view)[0]) == 144
    state.set_display(show_field=False)  # a hidden field is not computed
    qtbot.waitUntil(lambda: view.result.request.field_density == 0, timeout=5000)
    assert view.result.field is None and view.result.surface is before.surface


def test_hover_moves_are_coalesced_to_one_probe_per_pass(window, qtbot):
    from PySide6.QtCore import QCoreApplication, QEvent
    from PySide6.QtGui import QMouseEvent
    view = window.landscape
    qtbot.wait(50)
    points = [(x, 0.3 * x) for x in np.linspace(-3, 3, 12)]
    n0 = view.probe_count
    for x, y in points:  # a burst queued in one go, as a fast gesture on a busy event loop delivers them
        pos = QPointF(pixel_of(view, x, y))
        QCoreApplication.postEvent(view.viewport(), QMouseEvent(
            QEvent.Type.MouseMove, pos, view.viewport().mapToGlobal(pos), Qt.MouseButton.NoButton,
            Qt.MouseButton.NoButton, Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: view.probe_count > n0)
    qtbot.wait(30)
    assert view.probe_count == n0 + 1
    hx, hy = data_of(view, pixel_of(view, *points[-1]))  # the readout is where the burst ended
    assert (view.hover.x, view.hover.y) == pytest.approx((hx, hy), abs=1e-9)


def shown_rows(state, t):
    """{run id: the trajectory rows 0..i a run shows at iteration t}, from the engine's arrays."""
    return {r.id: r.trajectory.points[: min(t, int(r.trajectory.stopped_at[0])) + 1, 0] for r in state.runs}


@pytest.mark.parametrize("lr", [0.01, 1.0])  # 1.0 on Rosenbrock diverges: huge and non-finite points
def test_run_tracks_bounding_rect_holds_every_shown_point_at_every_frame(window, lr):
    """One item draws every run's path and step arrow; its bounding rect (Qt repaints only inside it) holds every
    point a run shows, padded by no more than a few pixels."""
    from app.views.paths import LIMIT

    state, view = window.state, window.landscape
    state.set_landscape(functions.get("rosenbrock"))
    state.set_optimizer(name="momentum", lr=lr)
    for start in ((-1.5, 2.0), (1.0, -0.5)):
        state.add_run(start)
    window.compute.wait()
    last = max(int(r.trajectory.stopped_at[0]) for r in state.runs)
    px, py = view.plot.vb.viewPixelSize()
    for t in sorted({0, 1, 2, last // 2, last, last + 3}):
        state.set_frame(t)
        rect = view.tracks.boundingRect()
        points = np.concatenate([p for p in shown_rows(state, t).values()])
        points = np.clip(points[np.isfinite(points).all(axis=1)], -LIMIT, LIMIT)
        steps = np.concatenate([view.tracks.step_of(r.id) for r in state.runs]).reshape(-1, 2)
        points = np.concatenate([points, np.clip(steps, -LIMIT, LIMIT)])  # step arrows, tips included
        lo, hi = points.min(axis=0), points.max(axis=0)
        assert rect.left() <= lo[0] and rect.right() >= hi[0] and rect.top() <= lo[1] and rect.bottom() >= hi[1]
        if np.abs(points).max() < 1e6:  # padding: about half the widest pen
            assert lo[0] - rect.left() <= 4 * px and rect.bottom() - hi[1] <= 4 * py, (t, rect, lo, hi)
    window.grab()


def test_path_segments_are_pyqtgraphs_for_every_prefix_with_non_finite_points():
    from pyqtgraph.graphicsItems.PlotCurveItem import arrayToLineSegments

    from app.views.paths import pair_lines as _pair_lines, path_lines as _path_lines
    xs = np.array([0.0, 1.0, np.nan, 2.0, 3.0, np.inf, 4.0, 1e300, 5.0, np.nan])
    ys = np.array([0.0, 1.0, 1.0, np.nan, 3.0, 2.0, -np.inf, 2.0, 6.0, 1.0])
    lines, finite_upto = _path_lines(xs, ys)
    for i in range(len(xs)):
        own = arrayToLineSegments(xs[: i + 1], ys[: i + 1], "all", True).ndarray()
        np.testing.assert_array_equal(lines[: max(int(finite_upto[i]) - 1, 0)], own)
    own = arrayToLineSegments(xs[:8], ys[:8], "pairs", True).ndarray()
    np.testing.assert_array_equal(_pair_lines(xs[:8], ys[:8]), own)


@pytest.mark.parametrize("lr", [0.01, 1.0])  # 1.0 on Rosenbrock diverges: huge and non-finite points
def test_run_tracks_draw_what_plot_curve_items_draw(window, lr):
    """The one item that draws every run's path and step arrow paints the picture pyqtgraph's PlotCurveItems
    paint: a path per run from the trajectory's rows, a step arrow per run (connect='pairs'), same pens."""
    import pyqtgraph as pg

    from app.views.landscape import Z_PATH

    state, view = window.state, window.landscape
    state.set_landscape(functions.get("rosenbrock"))
    state.set_optimizer(name="momentum", lr=lr)
    for start in ((-1.5, 2.0), (1.0, -0.5)):
        state.add_run(start)
    window.compute.wait()
    last = max(int(r.trajectory.stopped_at[0]) for r in state.runs)
    vb = view.plot.vb
    for t in sorted({1, 2, 3, last // 2, last - 1, last, last + 3}):
        state.set_frame(t)
        if t == last // 2:
            state.select({state.runs[0].id})  # a new, wider pen for the selected path
        ours = to_array(view.grab().toImage())
        curves = []
        for run, rows in zip(state.runs, shown_rows(state, t).values()):
            width = 3.5 if run.id in state.selected else 2
            path = pg.PlotCurveItem(rows[:, 0].copy(), rows[:, 1].copy(), pen=pg.mkPen(run.color, width=width))
            path.setZValue(Z_PATH)
            curves.append(path)
        for run in state.runs:
            step = view.tracks.step_of(run.id).reshape(-1, 2)
            arrow = pg.PlotCurveItem(step[:, 0].copy(), step[:, 1].copy(), pen=pg.mkPen(run.color, width=2),
                                     connect="pairs")
            arrow.setZValue(Z_PATH + 1)
            curves.append(arrow)
        view.tracks.hide()
        for c in curves:
            vb.addItem(c, ignoreBounds=True)
        try:
            theirs = to_array(view.grab().toImage())
        finally:
            for c in curves:
                vb.removeItem(c)
            view.tracks.show()
        assert (ours != theirs).any(axis=-1).sum() == 0, t
        assert np.array_equal(ours, theirs), t


def test_cached_axes_and_markers_draw_what_uncached_ones_draw(window, qtbot):
    """The axes and their titles, colour-bar axis and bar and markers are drawn from pixmap caches; the picture is
    the uncached one, also after a zoom (new ticks), a frame change and a new colour map."""
    from PySide6.QtWidgets import QGraphicsItem

    view, state = window.landscape, window.state
    items = [a["item"] for a in view.plot.axes.values()] + [view.colorbar.axis, view.minima, view.diverged]
    items += [a["item"].label for a in view.plot.axes.values()] + [view.colorbar.axis.label, view.colorbar.bar]
    assert all(i.cacheMode() == QGraphicsItem.CacheMode.DeviceCoordinateCache for i in items)
    state.add_run((-4.0, 4.0))

    def compare():
        cached = to_array(view.grab().toImage())
        for i in items:
            i.setCacheMode(QGraphicsItem.CacheMode.NoCache)
        plain = to_array(view.grab().toImage())
        for i in items:
            i.setCacheMode(QGraphicsItem.CacheMode.DeviceCoordinateCache)
        np.testing.assert_array_equal(cached, plain)

    compare()
    view.grab()
    view.plot.vb.setRange(xRange=(-1, 2), yRange=(0, 3), padding=0)
    state.set_frame(5)
    compare()
    before = to_array(view.grab().toImage())
    state.set_display(colormap="magma")
    after = to_array(view.grab().toImage())
    assert not np.array_equal(before, after)  # the bar's cached pixmap follows the new colour map
    compare()
