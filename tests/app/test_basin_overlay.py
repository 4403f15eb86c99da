"""Basin map overlay, worker and panel: what the map shows is what descent does.

Independent truths: Himmelblau's published minima (typed in here, not read from the catalogue), single runs started
by a real click (``state.add_run`` → ``descend``), and the map arrays themselves for the export.
"""
from __future__ import annotations

import csv
import math
import re

import numpy as np
import pytest
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QHBoxLayout, QWidget

from app.basin_worker import COARSE, BasinWorker, speed_colour
from app.panels.basin_panel import BasinPanel
from app.model import AppState
from app.views.basin_overlay import DIVERGED_COLORS, HIGHLIGHT_ALPHA, BasinOverlay, basin_color
from app.views.landscape import LandscapeView
from engine import functions
from engine.basins import DIVERGED, NOT_CONVERGED

# Himmelblau's four minima as published (Himmelblau 1972; f = 0 at each).
HIMMELBLAU_MINIMA = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]


@pytest.fixture
def rig(qtbot):
    state = AppState()
    host = QWidget()
    layout = QHBoxLayout(host)
    view = LandscapeView(state)
    overlay = BasinOverlay(state, view)
    panel = BasinPanel(state, overlay)
    layout.addWidget(view, 1)
    layout.addWidget(panel)
    host.resize(1100, 650)
    qtbot.addWidget(host)
    host.show()
    qtbot.waitExposed(host)
    qtbot.waitUntil(lambda: view.result is not None, timeout=5000)
    shown = []
    overlay.mapChanged.connect(lambda r: shown.append(r))
    yield state, view, overlay, panel, shown
    overlay.shutdown()
    view.worker.wait(3000)


def wait_final(qtbot, overlay, timeout=20000):
    qtbot.waitUntil(lambda: overlay.result is not None and overlay.result.final
                    and overlay.result.request.id == overlay.worker.latest_id, timeout=timeout)
    return overlay.result


def pixel_of(view, x, y) -> QPoint:
    return view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y)))


def legend_rows(panel):
    return [[panel.legend.item(r, c).text() for c in range(panel.legend.columnCount())]
            for r in range(panel.legend.rowCount())]


def test_full_map_colours_each_minimum_by_its_basin(rig, qtbot):
    state, view, overlay, panel, shown = rig
    state.set_optimizer(name="gd", lr=0.01)
    overlay.toggle_action.trigger()
    result = wait_final(qtbot, overlay)
    assert [r.resolution for r in shown if r is not None] == [COARSE, 200]  # coarse preview first
    m = result.map
    assert m.labels.shape == (200, 200)
    rgba = overlay.image.image
    assert rgba.shape == (200, 200, 4)
    colours = set()
    for mx, my in HIMMELBLAU_MINIMA:
        i, j = overlay.cell_at(mx, my)
        assert abs(m.x[j] - mx) <= 0.05 / 2 + 1e-9 and abs(m.y[i] - my) <= 0.05 / 2 + 1e-9  # cell contains it
        label = int(m.labels[i, j])
        basin = next(b for b in m.basins if b.index == label)
        assert math.hypot(basin.point[0] - mx, basin.point[1] - my) < 1e-4
        c = basin_color(label)
        assert tuple(rgba[i, j, :3]) == (c.red(), c.green(), c.blue())
        colours.add(tuple(rgba[i, j, :3]))
    assert len(colours) == 4
    # the image sits on the map's cells: the pixel of a minimum in the image's own mapping is that cell
    rect = overlay.image.mapRectToParent(overlay.image.boundingRect())
    assert rect.left() == pytest.approx(-5.0) and rect.right() == pytest.approx(5.0)
    assert rect.top() == pytest.approx(-5.0) and rect.bottom() == pytest.approx(5.0)

    rows = legend_rows(panel)
    basin_rows = [r for r in rows if r[3] in ("known", "discovered")]
    assert len(basin_rows) == 4 and all(r[3] == "known" for r in basin_rows)
    shares = [float(re.match(r"([0-9.]+) %", r[2]).group(1)) for r in rows]
    assert sum(shares) == pytest.approx(100.0, abs=0.3)
    assert 100 * sum(b.share for b in m.basins) + 100 * (m.diverged_share + m.not_converged_share) \
        == pytest.approx(100.0)


def test_click_starts_a_run_that_ends_where_the_map_promised(rig, qtbot):
    state, view, overlay, panel, shown = rig
    overlay.set_enabled(True)
    m = wait_final(qtbot, overlay).map
    rng = np.random.default_rng(7)
    checked = 0
    while checked < 6:
        x, y = rng.uniform(-4.8, 4.8, size=2)
        QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                         pixel_of(view, x, y))
        run = state.runs[-1]
        i, j = overlay.cell_at(*run.start)
        block = m.labels[max(i - 1, 0):i + 2, max(j - 1, 0):j + 2]
        if not (block == block[1, 1]).all():
            continue  # on a basin boundary the cell centre and the clicked point may part ways
        label = int(m.labels[i, j])
        assert label >= 0
        basin = next(b for b in m.basins if b.index == label)
        traj = run.trajectory
        end = traj.points[traj.stopped_at[0], 0]
        assert traj.status[0] == "converged"
        assert math.hypot(end[0] - basin.point[0], end[1] - basin.point[1]) <= m.cluster_tol
        checked += 1
    assert len(state.runs) >= 6


def test_newest_request_wins_and_the_old_one_is_cancelled(rig, qtbot):
    state, view, overlay, panel, shown = rig
    state.set_optimizer(lr=1e-5, steps=50_000)  # slow: starts far from convergence everywhere
    overlay.set_resolution(400)
    overlay.set_enabled(True)
    old = overlay.worker.latest_id
    progressed = []
    overlay.worker.progress.connect(lambda rid, f: progressed.append(rid))
    qtbot.waitUntil(lambda: old in progressed, timeout=10000)  # the old request is running
    state.set_optimizer(lr=0.01, steps=500)
    overlay.set_resolution(200)
    new = overlay.request_now()
    assert new != old
    result = wait_final(qtbot, overlay)
    assert result.request.id == new and result.request.optimizer.lr == 0.01
    qtbot.waitUntil(lambda: old in overlay.worker.cancelled_ids, timeout=5000)
    assert {r.request.id for r in shown if r is not None} == {new}


def test_settings_changes_recompute_after_a_debounce(rig, qtbot):
    state, view, overlay, panel, shown = rig
    overlay.set_enabled(True)
    wait_final(qtbot, overlay)
    before = overlay.worker.requests
    state.set_optimizer(lr=0.005)
    state.set_optimizer(lr=0.02)  # two quick changes: one request
    assert overlay.worker.requests == before
    qtbot.wait(150)
    assert overlay.worker.requests == before  # still inside the debounce
    qtbot.waitUntil(lambda: overlay.worker.requests == before + 1, timeout=2000)
    result = wait_final(qtbot, overlay)
    qtbot.wait(400)
    assert overlay.worker.requests == before + 1
    assert result.request.optimizer.lr == 0.02


def test_switching_landscape_recomputes(rig, qtbot):
    state, view, overlay, panel, shown = rig
    overlay.set_enabled(True)
    wait_final(qtbot, overlay)
    booth = functions.get("booth")  # one minimum, f(1, 3) = 0
    state.set_landscape(booth)
    assert overlay.result is None and not overlay.image.isVisible()  # the old map is gone at once
    result = wait_final(qtbot, overlay)
    assert result.request.function is booth
    assert result.request.view == booth.view
    main = max(result.map.basins, key=lambda b: b.share)
    assert math.hypot(main.point[0] - 1.0, main.point[1] - 3.0) < 1e-3


def test_diverging_learning_rate_shows_diverged_cells_and_no_nan(rig, qtbot):
    state, view, overlay, panel, shown = rig
    state.set_optimizer(lr=1.0)
    overlay.set_enabled(True)
    m = wait_final(qtbot, overlay).map
    diverged = m.labels == DIVERGED
    assert diverged.mean() > 0.5
    rgba = overlay.image.image
    shades = {tuple(int(v) for v in rgba[i, j, :3]) for i, j in zip(*np.nonzero(diverged))}
    hatch = {tuple(int(c.lstrip("#")[k:k + 2], 16) for k in (0, 2, 4)) for c in DIVERGED_COLORS}
    assert shades == hatch  # both stripes of the hatch, nothing else
    assert np.isfinite(m.end_points).all() and np.isfinite(m.x).all() and np.isfinite(m.y).all()
    rows = legend_rows(panel)
    assert not any("nan" in text.lower() for row in rows for text in row)
    diverged_row = next(r for r in rows if r[0] == "diverged")
    assert float(diverged_row[2].split()[0]) == pytest.approx(100 * m.diverged_share, abs=0.05)
    overlay.set_mode("speed")
    assert overlay.speed_legend.isVisible()
    assert overlay.image.image.dtype == np.uint8
    _, (lo, hi) = speed_colour(m)
    assert math.isfinite(lo) and math.isfinite(hi) and hi > lo


def test_hover_names_and_highlights_the_basin(rig, qtbot):
    state, view, overlay, panel, shown = rig
    overlay.set_enabled(True)
    m = wait_final(qtbot, overlay).map
    QTest.mouseMove(view.viewport(), pixel_of(view, 3.1, 2.1))
    qtbot.waitUntil(lambda: overlay.highlight is not None, timeout=3000)
    label = overlay.highlight
    basin = next(b for b in m.basins if b.index == label)
    assert basin.point == pytest.approx((3.0, 2.0), abs=1e-4)
    assert overlay.hover_text.startswith(f"basin of minimum (3.000, 2.000), {100 * basin.share:.1f} % of the view")
    assert overlay.image.toolTip() == overlay.hover_text == panel.hover_label.text()
    alpha = overlay.image.image[..., 3]
    assert (alpha[m.labels == label] == round(255 * HIGHLIGHT_ALPHA)).all()
    assert (alpha[m.labels != label] == round(255 * overlay.opacity)).all()
    assert overlay.outline.isVisible()
    xs, ys = overlay.outline.getData()
    assert len(xs) > 0 and np.isfinite(xs).all()


def test_hovering_a_legend_row_highlights_that_basin(rig, qtbot):
    state, view, overlay, panel, shown = rig
    overlay.set_enabled(True)
    m = wait_final(qtbot, overlay).map
    for row in range(4):
        rect = panel.legend.visualItemRect(panel.legend.item(row, 0))
        for dx in (0, 3):  # two moves: the first one into a window can be taken as the enter event alone
            QTest.mouseMove(panel.legend.viewport(), rect.center() + QPoint(dx, 0))
        qtbot.waitUntil(lambda: overlay.highlight == m.basins[row].index, timeout=3000)
    row_nc = next(r for r in range(panel.legend.rowCount()) if panel.legend.item(r, 0).text().startswith("not"))
    panel._on_row_entered(row_nc, 0)
    assert overlay.highlight == NOT_CONVERGED


def test_disabled_overlay_computes_nothing(rig, qtbot):
    state, view, overlay, panel, shown = rig
    state.set_optimizer(lr=0.02)
    state.set_landscape(functions.get("booth"))
    state.set_view(((-2.0, 4.0), (0.0, 6.0)))
    qtbot.wait(500)
    assert overlay.worker.requests == 0 and overlay.result is None and not overlay.image.isVisible()
    assert not panel.progress_bar.isVisible()
    panel.show_box.click()  # the panel's check box drives the same action as B
    assert overlay.toggle_action.isChecked() and overlay.enabled
    wait_final(qtbot, overlay)
    assert overlay.image.isVisible()
    overlay.toggle_action.trigger()
    assert not overlay.image.isVisible() and not overlay.enabled


def test_export_csv_rows_match_the_map(rig, qtbot, tmp_path):
    state, view, overlay, panel, shown = rig
    overlay.set_resolution(50)
    state.set_optimizer(lr=0.03)  # a mix of not converged and diverged cells
    overlay.set_enabled(True)
    m = wait_final(qtbot, overlay).map
    path = panel.export_to(tmp_path / "map.csv")
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["x", "y", "label", "steps", "end_x", "end_y"]
    assert len(rows) == 1 + 50 * 50
    for k, row in enumerate(rows[1:]):
        i, j = divmod(k, 50)
        x, y, label, steps, ex, ey = row
        assert float(x) == m.x[j] and float(y) == m.y[i]
        assert int(label) == m.labels[i, j] and int(steps) == m.steps[i, j]
        assert float(ex) == m.end_points[i, j, 0] and float(ey) == m.end_points[i, j, 1]
    assert {int(r[2]) for r in rows[1:]} >= {DIVERGED, NOT_CONVERGED}
    npz = np.load(panel.export_to(tmp_path / "map.npz"))
    assert np.array_equal(npz["labels"], m.labels) and np.array_equal(npz["end_points"], m.end_points)
    assert list(npz["basin_index"]) == [b.index for b in m.basins]


def test_worker_cancel_makes_results_stale(qtbot):
    worker = BasinWorker()
    got = []
    worker.ready.connect(got.append)
    himmelblau = functions.get("himmelblau")
    from app.model import OptimizerSettings
    req = worker.request(himmelblau, himmelblau.view, 100, OptimizerSettings(lr=0.01, steps=500))
    worker.cancel()
    assert worker.wait(10000)
    qtbot.wait(100)
    assert got == [] and not worker.busy
    with pytest.raises(ValueError):
        worker.request(himmelblau, himmelblau.view, 10, OptimizerSettings())
    assert req.id < worker.latest_id


def test_main_window_has_the_basins_dock_and_the_b_shortcut(qtbot, tmp_path):
    from PySide6.QtCore import QSettings

    from app.main_window import MainWindow
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    assert w.docks["basins_dock"].widget() is w.basin_panel
    assert w.basin_overlay.toggle_action in w.view_menu.actions()
    assert any(key == "B" for key, _ in w.shortcut_rows())
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=2000)
    w.landscape.setFocus()
    QTest.keyClick(w.landscape, Qt.Key.Key_B)
    qtbot.waitUntil(lambda: w.basin_overlay.enabled, timeout=2000)
    wait_final(qtbot, w.basin_overlay)
    w.docks["basins_dock"].raise_()
    qtbot.wait(50)
    import os
    os.makedirs("/tmp/shots", exist_ok=True)
    w.grab().save("/tmp/shots/basins.png")
    w.basin_overlay.shutdown()
