"""The 3D view's box (issue 13 item 11): a diverged run's path ends where it leaves the box instead of flying out of
it, and the box's edges carry tick values — x and y where those values are, f at the heights the surface gives them
(worked out here from the documented mapping, not read back from the code)."""
from __future__ import annotations

import math

import numpy as np
import pytest

from app.views.box3d import axis_ticks, box_path, nice_ticks
from app.views.surface3d import BoxMapping


def test_a_path_leaving_the_side_ends_on_the_side():
    bx = np.array([0.0, 0.5, 1.5, 9.0])
    by = np.array([0.0, 0.25, 0.75, 4.0])
    bz = np.array([0.2, 0.3, 0.5, 0.9])
    pos, last = box_path(bx, by, bz, 3, 1.25)
    assert last == 2
    # the step (0.5, 0.25, 0.3) → (1.5, 0.75, 0.5) crosses x = 1 halfway: (1, 0.5, 0.4)
    np.testing.assert_allclose(pos[2], [1.0, 0.5, 0.4], atol=1e-6)
    np.testing.assert_allclose(pos[:2], np.column_stack([bx, by, bz])[:2], atol=1e-7)


def test_a_path_rising_through_the_lid_ends_on_the_lid():
    bx, by = np.array([0.0, 0.1, 0.2]), np.array([0.0, 0.0, 0.0])
    bz = np.array([0.5, 1.0, np.inf])  # f overflowed at the last step
    pos, last = box_path(bx, by, bz, 2, 1.25)
    assert last == 2 and pos[2, 2] == pytest.approx(1.25) and np.isfinite(pos).all()
    assert abs(pos[2, 0]) <= 1 and abs(pos[2, 1]) <= 1


def test_a_path_inside_is_untouched_and_one_starting_outside_is_not_drawn():
    bx, by, bz = np.array([0.0, -0.9]), np.array([0.1, 0.9]), np.array([0.5, 0.1])
    pos, last = box_path(bx, by, bz, 1, 1.25)
    assert last == 1 and np.allclose(pos, np.column_stack([bx, by, bz]))
    _, last = box_path(np.array([1.5, 0.0]), by, bz, 1, 1.25)
    assert last == -1


def test_nice_ticks_are_round_and_inside():
    assert nice_ticks(-5, 5) == [-4.0, -2.0, 0.0, 2.0, 4.0]
    assert nice_ticks(0, 890) == [0.0, 200.0, 400.0, 600.0, 800.0]
    assert nice_ticks(-1.5, 4.0) == [0.0, 2.0, 4.0]  # span 5.5: about five steps of 1.1, rounded up to 2


def test_ticks_sit_where_their_values_are():
    view = ((-5.0, 5.0), (-2.0, 6.0))
    linear = BoxMapping(view, (0.0, 800.0), None)
    ticks = axis_ticks(linear, 0.0)
    xs = {text: pos for pos, text in ticks if pos[1] < -1}
    assert xs["2"][0] == pytest.approx(2 * (2 - -5) / 10 - 1)  # x = 2 of [-5, 5] at box 0.4
    ys = {text: pos for pos, text in ticks if pos[0] < -1 and pos[1] >= -1}
    assert ys["4"][1] == pytest.approx(2 * (4 - -2) / 8 - 1)
    fs = {text: pos[2] for pos, text in ticks if pos[0] < -1 and pos[1] < -1}
    assert fs["400"] == pytest.approx(0.5)  # half of 0…800 (HEIGHT = 1)
    # log heights: colour = log10(f + offset) over levels (lo, hi); f = 10 with f_min = 0, ε = 1e-3
    eps, fmax = 1e-3, 1000.0
    log = BoxMapping(view, (math.log10(eps), math.log10(fmax + eps)), eps)
    fs = {text: pos[2] for pos, text in axis_ticks(log, 0.0) if pos[0] < -1 and pos[1] < -1}
    lo, hi = log.levels
    assert fs["10"] == pytest.approx((math.log10(10 + eps) - lo) / (hi - lo))
    assert set(fs) >= {"0.01", "0.1", "1", "10", "100", "1000"}
