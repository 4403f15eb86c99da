"""engine.basins: basins against the published minima, single descend runs, and closed forms for the sphere."""
import dataclasses
import math

import numpy as np
import pytest

from engine import functions
from engine.basins import (BLOCK, DIVERGED, NOT_CONVERGED, Cancelled, basin_labels, basin_map, descend_ends,
                           grid_axis)
from engine.descent import descend
from engine.functions import TestFunction

HIMMELBLAU = functions.get("himmelblau")
ROSENBROCK = functions.get("rosenbrock")
SPHERE = functions.get("sphere")
# Himmelblau's four minima as published (Himmelblau 1972; e.g. Wikipedia "Himmelblau's function"), typed in here.
PUBLISHED = np.array([(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)])
VIEW = ((-5.0, 5.0), (-5.0, 5.0))


@pytest.fixture(scope="module")
def himmelblau_map():
    return basin_map(HIMMELBLAU, *VIEW, resolution=60, optimizer="gd", lr=0.01, steps=2000)


def _basin_at(bmap, point) -> int:
    """The index of the basin whose point is the given published minimum."""
    (index,) = [b.index for b in bmap.basins if np.hypot(*(np.array(b.point) - point)) < 1e-5]
    return index


def test_himmelblau_has_exactly_the_four_published_basins(himmelblau_map):
    m = himmelblau_map
    assert len(m.basins) == 4
    assert all(b.known for b in m.basins)
    points = np.array([b.point for b in m.basins])
    # every published minimum is the point of exactly one basin
    d = np.hypot(*(points[:, None] - PUBLISHED[None]).transpose(2, 0, 1))
    assert sorted(np.argmin(d, axis=1)) == [0, 1, 2, 3]
    assert d.min(axis=1).max() < 1e-5
    np.testing.assert_allclose([b.value for b in m.basins], 0.0, atol=1e-12)
    assert sorted(b.index for b in m.basins) == [0, 1, 2, 3]


def test_himmelblau_members_really_end_at_their_minimum(himmelblau_map):
    m = himmelblau_map
    assert (m.labels >= 0).all()                   # small lr: every start converges
    for b in m.basins:
        published = PUBLISHED[np.argmin(np.hypot(*(PUBLISHED - b.point).T))]
        ends = m.end_points[m.labels == b.index]
        assert np.hypot(*(ends - published).T).max() < 1e-5
        assert b.share == pytest.approx(np.mean(m.labels == b.index))


def test_each_basin_contains_the_grid_cell_of_its_minimum(himmelblau_map):
    m = himmelblau_map
    cell = 10.0 / 60
    for p in PUBLISHED:
        j, i = int((p[0] + 5.0) // cell), int((p[1] + 5.0) // cell)
        assert abs(m.x[j] - p[0]) <= cell / 2 and abs(m.y[i] - p[1]) <= cell / 2
        assert m.labels[i, j] == _basin_at(m, p)


def test_shares_sum_to_one(himmelblau_map):
    m = himmelblau_map
    assert sum(b.share for b in m.basins) + m.diverged_share + m.not_converged_share == pytest.approx(1.0)


def test_starts_at_the_published_minima_are_labelled_with_them(himmelblau_map):
    rng = np.random.default_rng(1)
    starts = np.vstack([PUBLISHED, PUBLISHED + rng.uniform(-0.05, 0.05, (4, 2))])
    r = basin_labels(HIMMELBLAU, starts, "gd", lr=0.01, steps=2000, basins=himmelblau_map.basins)
    expected = [_basin_at(himmelblau_map, p) for p in PUBLISHED] * 2
    np.testing.assert_array_equal(r.labels, expected)


def test_grid_axes_are_cell_centres():
    np.testing.assert_allclose(grid_axis(-5.0, 5.0, 4), [-3.75, -1.25, 1.25, 3.75])
    m = basin_map(SPHERE, (0.0, 2.0), (-1.0, 0.0), resolution=2, lr=0.1, steps=5)
    np.testing.assert_allclose(m.x, [0.5, 1.5])
    np.testing.assert_allclose(m.y, [-0.75, -0.25])
    # end_points[i, j] belongs to the start (x[j], y[i]): gd on x² + y² with lr 0.1 shrinks by 0.8 a step
    np.testing.assert_allclose(m.end_points[0, 1], 0.8 ** 5 * np.array([1.5, -0.75]), rtol=1e-12)


def test_map_agrees_with_single_descend_runs_from_50_random_cells(himmelblau_map):
    m = himmelblau_map
    rng = np.random.default_rng(7)
    cells = rng.choice(m.labels.size, 50, replace=False)
    for i, j in zip(*np.unravel_index(cells, m.labels.shape)):
        traj = descend(HIMMELBLAU, [m.x[j], m.y[i]], "gd", lr=0.01, steps=2000, tol=1e-6)
        assert traj.status == ["converged"]
        np.testing.assert_array_equal(m.end_points[i, j], traj.final_points[0])   # bit-identical arithmetic
        assert m.steps[i, j] == traj.stopped_at[0]
        nearest = PUBLISHED[np.argmin(np.hypot(*(PUBLISHED - traj.final_points[0]).T))]
        assert m.labels[i, j] == _basin_at(m, nearest)


@pytest.mark.parametrize("optimizer, lr", [("gd", 0.002), ("momentum", 0.0015), ("nesterov", 0.0015),
                                           ("adagrad", 1.0), ("rmsprop", 0.05), ("adam", 0.1)])
def test_mixed_statuses_match_descend_exactly(optimizer, lr):
    """Runs converge, diverge (bound 3.5) and run out of steps in different blocks, so compaction is exercised."""
    rng = np.random.default_rng(3)
    starts = np.vstack([rng.uniform([-2.0, -1.0], [2.0, 3.0], (40, 2)), [[3.0, -3.0], [-3.0, 5.0], [2.5, 6.0]]])
    steps = 12 * BLOCK + 7
    ends = descend_ends(ROSENBROCK, starts, optimizer, lr=lr, steps=steps, tol=0.05, bound=3.5)
    traj = descend(ROSENBROCK, starts, optimizer, lr=lr, steps=steps, tol=0.05, bound=3.5)
    assert len(set(traj.status)) >= 2 and len(set(traj.stopped_at // BLOCK)) >= 2
    np.testing.assert_array_equal(ends.points, traj.final_points)
    np.testing.assert_array_equal(ends.stopped_at, traj.stopped_at)
    assert list(ends.status) == traj.status
    r = basin_labels(ROSENBROCK, starts, optimizer, lr=lr, steps=steps, tol=0.05, bound=3.5)
    status = np.array(traj.status)
    np.testing.assert_array_equal(r.labels == DIVERGED, status == "diverged")
    np.testing.assert_array_equal(r.labels == NOT_CONVERGED, status == "max_steps")
    np.testing.assert_array_equal(r.steps, np.where(status == "converged", traj.stopped_at, steps))


def test_rosenbrock_wide_view_has_a_diverged_region_and_no_nan():
    m = basin_map(ROSENBROCK, (-3.0, 3.0), (-2.0, 6.0), resolution=40, lr=0.002, steps=300)
    assert 0.1 < m.diverged_share < 1.0
    assert np.isfinite(m.end_points).all() and np.isfinite(m.steps).all()
    # the far corners are steep (|∇f| ~ 10⁴): lr 0.002 overshoots there
    assert m.labels[0, 0] == DIVERGED and m.labels[-1, -1] == DIVERGED


def test_sphere_with_lr_above_one_diverges_everywhere_but_the_origin():
    # gd on x² + y² multiplies x by 1 − 2η = −2 each step; 21 cell centres on (−3, 3) put one start at (0, 0)
    m = basin_map(SPHERE, (-3.0, 3.0), (-3.0, 3.0), resolution=21, lr=1.5, steps=200)
    assert m.x[10] == 0.0 and m.y[10] == 0.0
    expected = np.full((21, 21), DIVERGED)
    expected[10, 10] = 0
    np.testing.assert_array_equal(m.labels, expected)
    assert np.isfinite(m.end_points).all()
    assert np.abs(m.end_points).max() <= 1e6                    # the last point inside the bound
    np.testing.assert_array_equal(m.steps[m.labels == DIVERGED], 200)
    assert m.steps[10, 10] == 0
    assert m.diverged_share + sum(b.share for b in m.basins) + m.not_converged_share == pytest.approx(1.0)


def test_sphere_steps_to_converge_match_the_closed_form():
    """gd on x² + y²: |∇f(x_t)| = 2·|1 − 2η|ᵗ·|x₀|, below tol first at t = ⌊log(tol / 2|x₀|) / log|1 − 2η|⌋ + 1."""
    lr, tol = 0.05, 1e-6
    m = basin_map(SPHERE, (-3.0, 3.0), (-2.0, 2.0), resolution=40, lr=lr, steps=2000, tol=tol)
    r0 = np.hypot(*np.meshgrid(m.x, m.y))
    exact = np.log(tol / (2 * r0)) / np.log(abs(1 - 2 * lr))
    clear = np.abs(exact - np.round(exact)) > 1e-6                   # skip cells where rounding could tip it
    assert clear.mean() > 0.95
    np.testing.assert_array_equal(m.steps[clear], (np.floor(exact) + 1)[clear])
    assert (m.labels == 0).all()
    # nearer the minimum, fewer steps
    near, far = r0 < 0.5, r0 > 2.0
    assert m.steps[near].max() < m.steps[far].min()


def test_runs_out_of_steps_are_labelled_not_converged():
    m = basin_map(HIMMELBLAU, *VIEW, resolution=10, lr=0.01, steps=5)
    assert (m.labels == NOT_CONVERGED).all() and m.basins == []
    assert (m.steps == 5).all() and m.not_converged_share == 1.0


def test_without_a_catalogue_the_four_minima_are_discovered():
    bare = dataclasses.replace(HIMMELBLAU, minima=[])
    m = basin_map(bare, *VIEW, resolution=30, lr=0.01, steps=2000)
    assert len(m.basins) == 4 and not any(b.known for b in m.basins)
    points = np.array([b.point for b in m.basins])
    d = np.hypot(*(points[:, None] - PUBLISHED[None]).transpose(2, 0, 1))
    assert sorted(np.argmin(d, axis=1)) == [0, 1, 2, 3] and d.min(axis=1).max() < 1e-5
    shares = [b.share for b in m.basins]
    assert shares == sorted(shares, reverse=True)                  # discovered basins: largest first
    known = basin_map(HIMMELBLAU, *VIEW, resolution=30, lr=0.01, steps=2000)
    for b in m.basins:                                             # same partition as with the catalogue
        np.testing.assert_array_equal(m.labels == b.index, known.labels == _basin_at(known, b.point))


def test_non_finite_start_is_labelled_diverged_not_raised():
    log = TestFunction("log", "Log", "log x + y²", lambda x, y: np.log(x) + y * y, lambda x, y: (1 / x, 2 * y),
                       ((-1.0, 1.0), (-1.0, 1.0)))
    r = basin_labels(log, [[-1.0, 0.0], [0.5, 0.5]], lr=0.01, steps=50)
    assert r.labels[0] == DIVERGED and r.steps[0] == 50
    np.testing.assert_array_equal(r.end_points[0], [-1.0, 0.0])
    assert np.isfinite(r.end_points).all()


def test_progress_is_reported_and_can_cancel():
    seen = []
    basin_map(HIMMELBLAU, *VIEW, resolution=8, lr=0.001, steps=1000, tol=0.0,
              progress=lambda f: seen.append(f) or True)
    assert len(seen) >= 9 and seen == sorted(seen) and 0 < seen[0] <= 0.15 and seen[-1] == 1.0
    with pytest.raises(Cancelled):
        basin_map(HIMMELBLAU, *VIEW, resolution=8, lr=0.001, steps=1000, tol=0.0, progress=lambda f: False)


@pytest.mark.parametrize("kwargs", [dict(resolution=0), dict(resolution=2.5), dict(x_range=(1, 1)),
                                    dict(y_range=(0, math.nan)), dict(cluster_tol=0.0), dict(lr=-1.0),
                                    dict(steps=0), dict(optimizer="sgd"), dict(beta9=1.0)])
def test_bad_arguments_raise_value_error(kwargs):
    args = dict(x_range=(-1, 1), y_range=(-1, 1), resolution=4)
    args.update(kwargs)
    with pytest.raises(ValueError):
        basin_map(SPHERE, **args)


def test_a_minimum_missing_from_the_catalogue_is_discovered_not_matched():
    partial = dataclasses.replace(HIMMELBLAU, minima=HIMMELBLAU.minima[:3])
    m = basin_map(partial, *VIEW, resolution=30, lr=0.01, steps=2000)
    assert [b.known for b in m.basins] == [True, True, True, False]
    np.testing.assert_allclose(m.basins[3].point, PUBLISHED[3], atol=1e-5)
    assert m.basins[3].index == 3 and m.basins[3].value == pytest.approx(0.0, abs=1e-10)


def test_rastrigin_has_one_basin_per_local_minimum_of_its_egg_box():
    """Rastrigin's local minima sit near the integer points; (−5.12, 5.12)² holds 11 × 11 of them."""
    rastrigin = functions.get("rastrigin")
    m = basin_map(rastrigin, (-5.12, 5.12), (-5.12, 5.12), resolution=60, lr=0.002, steps=3000)
    assert (m.labels >= 0).all() and len(m.basins) == 121
    points = np.array([b.point for b in m.basins])
    lattice = np.round(points)
    assert np.abs(points - lattice).max() < 0.05
    assert len({tuple(p) for p in lattice}) == 121 and np.abs(lattice).max() == 5
    assert [b.known for b in m.basins] == [True] + [False] * 120    # the catalogue lists only the global one
    np.testing.assert_allclose(m.basins[0].point, (0.0, 0.0))


def _reference_stops(bx, bg, bv, t, active, tol, bound, value_bound, stopped_at, status):
    """The stop test written plainly on (n, K, 2) arrays, reducing over the coordinate axis."""
    bad = ~((np.abs(bx) <= bound).all(axis=2) & (np.abs(bv) <= value_bound[active]) & np.isfinite(bg).all(axis=2))
    event = bad | ((bg * bg).sum(axis=2) < tol * tol)
    hit = event.any(axis=0)
    first = np.argmax(event, axis=0)
    for k in np.flatnonzero(hit):
        diverged = bad[first[k], k]
        stopped_at[active[k]] = t + 1 + first[k] - diverged
        v, g = bv[first[k], k], bg[first[k], k]
        falling = np.isfinite(v) and v < 0 and np.isfinite(g).all()  # left the bounds with f below zero: f → −∞
        status[active[k]] = ("unbounded" if falling else "diverged") if diverged else "converged"
    return hit


def _column_stops(bx, bg, *rest):
    from engine.descent import find_stops
    return find_stops(bx, bg, *rest)


def test_fast_stop_test_equals_descends_on_nan_inf_escapes_and_convergence():
    rng = np.random.default_rng(5)
    n, K = 9, 400
    bx, bg = rng.normal(0, 3, (n, K, 2)), rng.normal(0, 1e-3, (n, K, 2))
    bv = rng.normal(0, 50, (n, K))
    specials = {0: [np.nan, np.inf, -np.inf, 11.0, -10.5], 1: [np.nan, np.inf, 0.0], 2: [np.nan, 99.0]}
    for a, special in zip((bx, bg, bv), specials.values()):
        flat = a.reshape(-1)
        flat[rng.choice(flat.size, 300, replace=False)] = rng.choice(special, 300)
    active = np.sort(rng.choice(2 * K, K, replace=False))
    value_bound = rng.uniform(20, 120, 2 * K)
    results = []
    for mark in (_reference_stops, _column_stops):
        stopped_at, status = np.full(2 * K, -7), np.full(2 * K, "max_steps", dtype=object)
        hit = mark(bx, bg, bv, 64, active, 1e-3, 10.0, value_bound, stopped_at, status)
        results.append((hit, stopped_at, list(status)))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])
    assert results[0][2] == results[1][2]
    assert {"diverged", "unbounded", "converged", "max_steps"} <= set(results[0][2])
