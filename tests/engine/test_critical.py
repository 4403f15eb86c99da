"""Local minima found numerically against published ones (the catalogue lists global minima only).

Sources: three-hump camel — local minima f ≈ 0.298638 at (±1.74755, ∓0.873776); six-hump camel — f ≈ −0.215464 at
(∓1.70361, ±0.796084) and f ≈ 2.104251 at (±1.60710, ±0.568651) (Dixon & Szegő 1978; Molga & Smutnicki 2005);
Goldstein–Price — f = 30 at (−0.6, −0.4), 84 at (1.8, 0.2), 840 at (1.2, 0.8) (Goldstein & Price 1971); McCormick —
solving ∇f = 0 by hand: cos(x+y) = −1/2 and x − y = 1, the local minimum at x + y = 4π/3; Styblinski–Tang — per axis
the stationary points of x⁴ − 16x² + 5x are the roots of 4x³ − 32x + 5, minima at −2.903534 and 2.746803.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

from engine import functions
from engine.critical import grid_candidates, local_minima


def close(found, expected, xy_tol=1e-4, f_tol=1e-4):
    """Every expected (x, y, f) matches one found minimum, and nothing else was found."""
    assert len(found) == len(expected), (found, expected)
    for x, y, f in expected:
        assert any(abs(a - x) < xy_tol and abs(b - y) < xy_tol and abs(c - f) < f_tol * max(1, abs(f))
                   for a, b, c in found), ((x, y, f), found)


def test_three_hump_camel():
    f = functions.get("three-hump-camel")
    close(local_minima(f, f.view), [(1.74755, -0.873776, 0.298638), (-1.74755, 0.873776, 0.298638)], 1e-5, 1e-5)


def test_six_hump_camel():
    f = functions.get("six-hump-camel")
    close(local_minima(f, f.view), [(-1.70361, 0.796084, -0.215464), (1.70361, -0.796084, -0.215464),
                                    (1.60710, 0.568651, 2.104251), (-1.60710, -0.568651, 2.104251)], 1e-5, 1e-5)


def test_goldstein_price():
    f = functions.get("goldstein-price")
    close(local_minima(f, f.view), [(-0.6, -0.4, 30.0), (1.8, 0.2, 84.0), (1.2, 0.8, 840.0)], 1e-6, 1e-9)


def test_mccormick_by_hand():
    f = functions.get("mccormick")
    x, y = 2 * math.pi / 3 + 0.5, 2 * math.pi / 3 - 0.5  # x + y = 4π/3, x − y = 1
    value = math.sin(x + y) + (x - y) ** 2 - 1.5 * x + 2.5 * y + 1
    close(local_minima(f, f.view), [(x, y, value)], 1e-8, 1e-10)


def test_styblinski_tang():
    f = functions.get("styblinski-tang")
    roots = np.roots([4, 0, -32, 5])  # d/dx (x⁴ − 16x² + 5x)
    lo, hi = min(roots.real), max(roots.real)
    g = lambda t: 0.5 * (t ** 4 - 16 * t ** 2 + 5 * t)  # noqa: E731 - one axis' share of f
    assert lo == pytest.approx(-2.903534, abs=1e-6) and hi == pytest.approx(2.746803, abs=1e-6)
    close(local_minima(f, f.view), [(lo, hi, g(lo) + g(hi)), (hi, lo, g(lo) + g(hi)), (hi, hi, 2 * g(hi))], 1e-6, 1e-9)


def test_rastrigin_minima_sit_near_the_integer_lattice():
    f = functions.get("rastrigin")
    found = local_minima(f, f.view)
    # ∂f/∂x = 2x + 20π sin(2πx) = 0 near x = ±1: x = ±0.994959 (f(x, 0) = 0.994959²+10(1 − cos 2πx))
    near = [m for m in found if abs(m[0] - 0.995) < 0.01 and abs(m[1]) < 0.01]
    assert len(near) == 1 and near[0][2] == pytest.approx(0.994959 ** 2 + 10 * (1 - math.cos(2 * math.pi * 0.994959)),
                                                          abs=1e-5)
    assert len(found) >= 80 and all((m[0], m[1]) != (0.0, 0.0) for m in found)


@pytest.mark.parametrize("name", ["sphere", "himmelblau", "rosenbrock", "booth", "saddle", "monkey-saddle"])
def test_no_local_minima_where_there_are_none(name):
    f = functions.get(name)
    assert local_minima(f, f.view) == []


def test_a_plateau_gives_no_candidates():
    values = np.zeros((20, 20))  # exactly flat: nothing is lower than its neighbours
    assert len(grid_candidates(values, np.arange(20.0), np.arange(20.0))) == 0
