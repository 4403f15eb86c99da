"""Rugged landscapes of the catalogue, built from trigonometry and exponentials: Rastrigin, Ackley, Lévi N.13, Easom
and Styblinski–Tang. Each is a :class:`TestFunction` constant, registered (in display order) by
:mod:`engine.functions`.
"""
from __future__ import annotations

import math

import numpy as np

from .base import TestFunction
from .catalogue_entry import PI, TAU, entry


# --- Rastrigin: f = 20 + x² − 10cos(2πx) + y² − 10cos(2πy) ----------------------------------------------------------

def _rastrigin_value(x, y):
    return 20 + x**2 - 10 * np.cos(TAU * x) + y**2 - 10 * np.cos(TAU * y)


def _rastrigin_gradient(x, y):
    return 2 * x + 20 * PI * np.sin(TAU * x), 2 * y + 20 * PI * np.sin(TAU * y)


def _rastrigin_hessian(x, y):
    k = 40 * PI**2
    return 2 + k * np.cos(TAU * x), 0.0, 2 + k * np.cos(TAU * y)


RASTRIGIN = entry(TestFunction(
    name="rastrigin",
    title="Rastrigin",
    description="A bowl covered in a regular egg-box of local minima: local methods stop in the nearest cup.",
    value=_rastrigin_value,
    gradient=_rastrigin_gradient,
    view=((-5.12, 5.12), (-5.12, 5.12)),
    minima=[(0.0, 0.0, 0.0)],
    formula="20 + x² − 10cos(2πx) + y² − 10cos(2πy)",
    hessian=_rastrigin_hessian,
))


# --- Ackley: f = −20·exp(−0.2·r) − exp(½(cos 2πx + cos 2πy)) + e + 20,  r = √(½(x² + y²)) ---------------------------

def _ackley_value(x, y):
    r = np.sqrt(0.5 * (x**2 + y**2))
    return -20 * np.exp(-0.2 * r) - np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y))) + math.e + 20


def _ackley_gradient(x, y):
    r = np.sqrt(0.5 * (x**2 + y**2))
    # ∂/∂x of −20·exp(−0.2r) is 2·exp(−0.2r)·x/r; at the kink r = 0 take the subgradient 0 (r clamped so that
    # x/r stays finite where x² underflows).
    radial = 2 * np.exp(-0.2 * r) / np.maximum(r, 1e-150)
    ripple = PI * np.exp(0.5 * (np.cos(TAU * x) + np.cos(TAU * y)))
    return radial * x + ripple * np.sin(TAU * x), radial * y + ripple * np.sin(TAU * y)


ACKLEY = entry(TestFunction(
    name="ackley",
    title="Ackley",
    description="A funnel under a field of ripples: small steps get trapped, momentum can roll through.",
    value=_ackley_value,
    gradient=_ackley_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(0.0, 0.0, 0.0)],
    formula="−20·exp(−0.2·√(½(x² + y²))) − exp(½(cos 2πx + cos 2πy)) + e + 20",
))


# --- Lévi N.13 ---------------------------------------------------------------------------------------------------

def _levi_value(x, y):
    return (np.sin(3 * PI * x) ** 2 + (x - 1) ** 2 * (1 + np.sin(3 * PI * y) ** 2)
            + (y - 1) ** 2 * (1 + np.sin(TAU * y) ** 2))


def _levi_gradient(x, y):
    gx = 3 * PI * np.sin(6 * PI * x) + 2 * (x - 1) * (1 + np.sin(3 * PI * y) ** 2)
    gy = ((x - 1) ** 2 * 3 * PI * np.sin(6 * PI * y)
          + 2 * (y - 1) * (1 + np.sin(TAU * y) ** 2) + (y - 1) ** 2 * TAU * np.sin(2 * TAU * y))
    return gx, gy


def _levi_hessian(x, y):
    u, w = x - 1, y - 1
    fxx = 18 * PI**2 * np.cos(6 * PI * x) + 2 * (1 + np.sin(3 * PI * y) ** 2)
    fxy = 6 * PI * u * np.sin(6 * PI * y)
    fyy = (u**2 * 18 * PI**2 * np.cos(6 * PI * y) + 2 * (1 + np.sin(TAU * y) ** 2)
           + 8 * PI * w * np.sin(2 * TAU * y) + 8 * PI**2 * w**2 * np.cos(2 * TAU * y))
    return fxx, fxy, fyy


LEVI_13 = entry(TestFunction(
    name="levi-13",
    title="Lévi N.13",
    description="Ripples in two directions on a tilted bowl: many local minima, one at the bottom.",
    value=_levi_value,
    gradient=_levi_gradient,
    view=((-4.0, 6.0), (-4.0, 6.0)),
    minima=[(1.0, 1.0, 0.0)],
    formula="sin²(3πx) + (x − 1)²(1 + sin²(3πy)) + (y − 1)²(1 + sin²(2πy))",
    hessian=_levi_hessian,
))


# --- Easom: −A(x)·A(y) with A(t) = cos t · exp(−(t − π)²), fully separable ---------------------------------------

def _easom_factor(t):
    """A(t), A'(t), A''(t) for A(t) = cos t · exp(−(t − π)²); shapes as t."""
    u = t - PI
    e = np.exp(-(u * u))
    c, s = np.cos(t), np.sin(t)
    return c * e, -(s + 2.0 * u * c) * e, ((4.0 * u * u - 3.0) * c + 4.0 * u * s) * e


def _easom_value(x, y):
    return -np.cos(x) * np.cos(y) * np.exp(-((x - PI) ** 2) - (y - PI) ** 2)


def _easom_gradient(x, y):
    ax, dax, _ = _easom_factor(x)
    ay, day, _ = _easom_factor(y)
    return -(dax * ay), -(ax * day)


def _easom_hessian(x, y):
    ax, dax, ddax = _easom_factor(x)
    ay, day, dday = _easom_factor(y)
    return -(ddax * ay), -(dax * day), -(ax * dday)


EASOM = entry(TestFunction(
    name="easom",
    title="Easom",
    description="A flat plain with one narrow hole: almost no gradient to follow until you are nearly there.",
    value=_easom_value,
    gradient=_easom_gradient,
    view=((-2.0, 8.0), (-2.0, 8.0)),
    minima=[(PI, PI, -1.0)],
    formula="−cos x · cos y · exp(−(x − π)² − (y − π)²)",
    hessian=_easom_hessian,
))


# --- Styblinski–Tang (2D) ----------------------------------------------------------------------------------------

def _styblinski_tang_value(x, y):
    return 0.5 * (x**4 - 16 * x**2 + 5 * x + y**4 - 16 * y**2 + 5 * y)


def _styblinski_tang_gradient(x, y):
    return 2 * x**3 - 16 * x + 2.5, 2 * y**3 - 16 * y + 2.5


_ST_X = -2.903534027771177  # root of 2t³ − 16t + 2.5 = 0
_ST_F = -78.33233140754283
STYBLINSKI_TANG = entry(TestFunction(
    name="styblinski-tang",
    title="Styblinski–Tang",
    description="Four basins of different depths: the nearest valley is often not the deepest.",
    value=_styblinski_tang_value,
    gradient=_styblinski_tang_gradient,
    view=((-5.0, 5.0), (-5.0, 5.0)),
    minima=[(_ST_X, _ST_X, _ST_F)],
    formula="½(x⁴ − 16x² + 5x + y⁴ − 16y² + 5y)",
    hessian=lambda x, y: (6 * x**2 - 16, 0.0, 6 * y**2 - 16),
))
