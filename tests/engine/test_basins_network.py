"""Basin maps on a network slice (in-plane descent): the map's promise holds for single runs, and its basins are
true minima of the drawn surface (the in-plane gradient vanishes there, checked by central differences)."""
import numpy as np

from engine.basins import basin_map
from engine.descent import descend
from engine.nn import build_landscape

SPEC = {"dataset": {"name": "xor", "n": 32, "noise": 0.05, "seed": 1}, "layers": [2, 3, 1],
        "activation": "tanh", "loss": "mse",
        "slice": {"method": "random", "seed": 2, "centre": "trained", "options": {"normalization": "filter"}}}
RES, LR, STEPS, TOL = 6, 0.5, 400, 1e-5


def test_network_slice_map_matches_single_in_plane_runs():
    f = build_landscape(SPEC).function
    (x0, x1), (y0, y1) = f.view
    m = basin_map(f, (x0, x1), (y0, y1), resolution=RES, optimizer="gd", lr=LR, steps=STEPS, tol=TOL)
    assert np.isfinite(m.end_points).all() and m.labels.shape == (RES, RES)
    assert (m.labels >= 0).any(), "some in-plane runs should converge"
    for i in range(RES):
        for j in range(RES):
            traj = descend(f, [m.x[j], m.y[i]], "gd", lr=LR, steps=STEPS, tol=TOL)
            # batched backprop over many points rounds differently from one point (BLAS blocking): not bit-equal
            np.testing.assert_allclose(m.end_points[i, j], traj.final_points[0], rtol=1e-9, atol=1e-12)
            assert abs(int(m.steps[i, j]) - int(traj.stopped_at[0])) <= 1
    h = 1e-5
    for basin in m.basins:  # a basin's point is a stationary point of the drawn surface f(α, β)
        a, b = basin.point
        slope = [(f.value(np.array(a + h), np.array(b)) - f.value(np.array(a - h), np.array(b))) / (2 * h),
                 (f.value(np.array(a), np.array(b + h)) - f.value(np.array(a), np.array(b - h))) / (2 * h)]
        assert np.hypot(*slope) < 1e-3
