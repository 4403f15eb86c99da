"""Axes a first user reads (issue 13 item 11): the log colour bar labels each decade of f − f_min with the value of f
there; the loss axis shows f itself (no "×0.001"); empty loss plots say so and start afresh after runs are cleared."""
from __future__ import annotations

import math

import numpy as np
import pytest

from app.model import AppState
from app.surface_worker import SurfaceRequest, compute
from app.views.colorbar_ticks import log_ticks
from app.views.curves import CurvesView
from engine import functions
from engine.scene import OptimizerSettings


@pytest.mark.parametrize("name", ["himmelblau", "rosenbrock", "six-hump-camel", "goldstein-price"])
def test_log_colour_bar_labels_every_decade_with_the_value_of_f_there(name):
    f = functions.get(name)
    result = compute(SurfaceRequest(f, f.view, 120, True, 10, 0))
    values = result.surface.values[np.isfinite(result.surface.values)]
    fmin, fmax = values.min(), values.max()
    eps = (fmax - fmin) * 1e-6  # the documented floor: the bar shows log10(f − f_min + ε)
    lo, hi = result.levels
    ticks = log_ticks(result.levels, result.log_offset, result.f_range[0])
    positions = [p for p, _ in ticks]
    assert positions == sorted(positions) and all(lo - 1e-9 <= p <= hi + 1e-9 for p in positions)
    for pos, label in ticks:
        value = float(label.replace("−", "-"))
        assert pos == pytest.approx(math.log10(value - fmin + eps), abs=1e-9)  # the label is f at that height
        k = round(math.log10(value - fmin))
        assert abs(math.log10(value - fmin) - k) < 0.05  # at a decade of f − f_min (f rounded to one digit)
    # every decade of f − f_min from ten times the floor ε up to the top gets a label
    decades = set(range(math.ceil(math.log10(eps)) + 1, math.floor(math.log10(fmax - fmin)) + 1))
    labelled = {round(math.log10(float(label.replace("−", "-")) - fmin)) for _, label in ticks}
    assert decades <= labelled, (decades, ticks)
    assert "0.998" not in [label for _, label in ticks]


def test_log_ticks_on_a_bowl_read_as_powers_of_ten():
    # f = x² + y² on [-10, 10]²: f_min = 0, f_max = 200; ε = 2e-4, so the bar spans log10(2e-4) … log10(200)
    eps, fmax = 200 * 1e-6, 200.0
    ticks = log_ticks((math.log10(eps), math.log10(fmax + eps)), eps, 0.0)
    assert [label for _, label in ticks] == ["0.001", "0.01", "0.1", "1", "10", "100"]


@pytest.fixture
def curves(qtbot):
    state = AppState()
    state.set_landscape(functions.get("sphere"))
    view = CurvesView(state)
    qtbot.addWidget(view)
    view.resize(360, 480)
    view.show()
    return state, view


def test_loss_axis_shows_f_without_a_scale_factor(qtbot, curves):
    state, view = curves
    view.log_y.setChecked(False)
    state.add_run_with(OptimizerSettings("gd", 0.01, {}, 100), (0.3, 0.45))  # f(x₀) = 0.09 + 0.2025 ≈ 0.29
    view.grab()
    axis = view.loss_plot.getPlotItem().getAxis("left")
    assert axis.autoSIPrefixScale == 1.0 and "×" not in axis.labelString() and "x0.001" not in axis.labelString()
    (_, y1) = view.loss_plot.getPlotItem().vb.viewRange()[1]
    ticks = [v for level in axis.tickValues(0.0, y1, 400) for v in level[1]]
    labels = axis.tickStrings(ticks, axis.autoSIPrefixScale, 0.05)
    assert max(float(t) for t in labels) < 1.0  # 0.3, not 300


def test_empty_plots_say_so_and_reset_their_ranges(qtbot, curves):
    state, view = curves
    view.log_y.setChecked(False)
    item = view.loss_plot.getPlotItem()
    assert view.empty_texts[0].isVisible() and not item.getAxis("left").isVisible()
    state.add_run_with(OptimizerSettings("gd", 0.01, {}, 300), (6.0, -8.0))  # f(x₀) = 100
    assert not view.empty_texts[0].isVisible() and item.getAxis("left").isVisible()
    item.vb.updateAutoRange()
    assert item.vb.viewRange()[0][1] >= 299 and item.vb.viewRange()[1][1] > 10
    state.clear_runs()
    assert view.empty_texts[0].isVisible() and not item.getAxis("bottom").isVisible()
    assert item.vb.viewRange() == [[0, 1], [0, 1]]  # the stale 0…300 range is gone
