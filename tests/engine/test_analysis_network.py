"""The local quadratic on a network slice: its Hessian is the loss Hessian projected on the plane, d_iᵀ H d_j, with H
the full parameter-space Hessian (engine.nn.hessian, an independent finite-difference route)."""
import numpy as np

from engine.analysis import FINITE_DIFFERENCES, local_quadratic
from engine.nn import build_landscape, hessian

SPEC = {"dataset": {"name": "xor", "n": 32, "noise": 0.05, "seed": 1}, "layers": [2, 3, 1],
        "activation": "tanh", "loss": "mse",
        "slice": {"method": "random", "seed": 2, "centre": "trained", "options": {"normalization": "filter"}}}


def test_slice_hessian_is_the_projected_loss_hessian():
    built = build_landscape(SPEC)
    plane, f = built.plane, built.function
    for a, b in [(0.0, 0.0), (0.3, -0.2), (-0.5, 0.4)]:
        q = local_quadratic(f, (a, b))
        theta = plane.origin + a * plane.d1 + b * plane.d2
        H = hessian(plane.model, theta, plane.X, plane.t)
        B = np.stack([plane.d1, plane.d2], axis=1)
        expected = B.T @ H @ B
        assert q.source == FINITE_DIFFERENCES
        scale = max(1.0, np.abs(expected).max())
        np.testing.assert_allclose(q.hessian, expected, atol=1e-4 * scale)
