"""The basin overlay reads over every colour map offered (issue 13 item 11): "not converged" is a black-and-white
stripe pattern, so one of its stripes differs from any colour-map colour beneath it by ΔE ≥ 25 (CIE 1976 L*a*b*,
converted here from sRGB by the published formulas) at the overlay's default opacity, where the old flat grey came
within ΔE ≈ 6 of cividis and 13 of viridis; "diverged" (black and red) likewise, where its two reds came within ΔE ≈ 8
of turbo; basins are separated by a white line on a black halo."""
from __future__ import annotations

import numpy as np
import pyqtgraph as pg
import pytest

from app.views.basin_patterns import BASIN_COLORS, boundary_segments, hatch_mask, stripes_of
from engine import vocab
from engine.basins import DIVERGED, NOT_CONVERGED

OPACITY = 0.55  # the overlay's default


def lab(rgb) -> np.ndarray:
    """sRGB 0..255 (..., 3) -> CIE L*a*b* (D65)."""
    c = np.asarray(rgb, float) / 255
    c = np.where(c > 0.04045, ((c + 0.055) / 1.055) ** 2.4, c / 12.92)
    m = np.array([[0.4124, 0.3576, 0.1805], [0.2126, 0.7152, 0.0722], [0.0193, 0.1192, 0.9505]])
    xyz = c @ m.T / np.array([0.95047, 1.0, 1.08883])
    f = np.where(xyz > (6 / 29) ** 3, np.cbrt(xyz), xyz / (3 * (6 / 29) ** 2) + 4 / 29)
    return np.stack([116 * f[..., 1] - 16, 500 * (f[..., 0] - f[..., 1]), 200 * (f[..., 1] - f[..., 2])], -1)


@pytest.mark.parametrize("cmap", vocab.COLORMAPS)
@pytest.mark.parametrize("label", [NOT_CONVERGED, DIVERGED])
def test_patterned_cells_stand_out_over_every_colour_map(cmap, label):
    under = pg.colormap.get(cmap).getLookupTable(nPts=256, alpha=False).astype(float)
    stripes = [np.array([c.red(), c.green(), c.blue()], float) for c in stripes_of(label)]
    contrast = np.max([np.linalg.norm(lab(OPACITY * s + (1 - OPACITY) * under) - lab(under), axis=1)
                       for s in stripes], axis=0)
    assert contrast.min() >= 25, (cmap, contrast.min())


def test_the_old_grey_did_not():
    grey = np.array([0x9A] * 3, float)
    under = pg.colormap.get("cividis").getLookupTable(nPts=256, alpha=False).astype(float)
    assert np.linalg.norm(lab(OPACITY * grey + (1 - OPACITY) * under) - lab(under), axis=1).min() < 10


def test_stripes_run_the_other_way_from_the_diverged_hatch():
    a, b = hatch_mask((50, 50)), hatch_mask((50, 50), anti=True)
    assert a.mean() == pytest.approx(0.5, abs=0.05) and b.mean() == pytest.approx(0.5, abs=0.05)
    assert a[10, 10] == a[11, 9] and b[10, 10] == b[11, 11]  # constant along their own diagonals
    assert (a != b).any()


def test_boundaries_are_the_edges_between_different_labels():
    labels = np.array([[0, 0, 1],
                       [0, 2, 1]])
    x, y = np.array([0.0, 1.0, 2.0]), np.array([0.0, 1.0])  # cells centred on integers: edges at k ± 0.5
    xs, ys = boundary_segments(labels, x, y)
    segments = {tuple(sorted(((xs[k], ys[k]), (xs[k + 1], ys[k + 1])))) for k in range(0, len(xs), 2)}
    expected = {((1.5, -0.5), (1.5, 0.5)), ((0.5, 0.5), (0.5, 1.5)), ((1.5, 0.5), (1.5, 1.5)),
                ((0.5, 0.5), (1.5, 0.5))}  # 0|1 row 0, 0|2 and 2|1 row 1, 0 over 2 in column 1
    assert segments == expected
    assert len(BASIN_COLORS) >= 8
