"""The engine's slow loops report progress and stop when told (issue 18 item 4): full-batch training, a network
landscape's build and a surface sampled in bands of rows. A stopped loop does no more work than one report interval;
a banded surface equals the function evaluated point by point."""
from __future__ import annotations

import numpy as np
import pytest

from engine import functions, nn
from engine import surface as engine_surface
from engine.nn.training import REPORT_EVERY

SPEC = {"dataset": {"name": "moons", "n": 60, "noise": 0.1, "seed": 0}, "layers": [2, 4, 1], "activation": "tanh",
        "loss": "bce", "slice": {"method": "pca", "seed": 0, "centre": "trained", "options": {"steps": 300}}}


def test_training_reports_every_few_steps_and_stops_when_told(monkeypatch):
    model = nn.MLP([2, 4, 1], seed=0)
    data = nn.make_dataset("moons", n=40, noise=0.1)
    calls, heard = [0], []
    original = nn.MLP.loss_and_flat_gradient

    def counted(self, *args):
        calls[0] += 1
        return original(self, *args)

    monkeypatch.setattr(nn.MLP, "loss_and_flat_gradient", counted)
    with pytest.raises(nn.Cancelled):
        nn.train(model, model.init_params(), data.X, data.y, steps=100, progress=lambda f: heard.append(f) or len(heard) < 3)
    assert heard == [0.0, 0.1, 0.2]               # steps 0, 10, 20 of 100
    assert calls[0] == 2 * REPORT_EVERY           # stopped before the gradient of step 20
    path, _ = nn.train(model, model.init_params(), data.X, data.y, steps=100, progress=lambda f: True)
    assert path.shape[0] == 101


def test_build_reports_a_rising_share_and_stops_when_told():
    heard = []
    built = nn.build_landscape(SPEC, fraction=lambda f: heard.append(f) or True)
    assert built.plane.method == "pca"
    # 200 training steps + 300 pca steps + the slice = 501 parts, reported every 10 steps of each training
    assert heard == sorted(heard) and heard[0] == 0.0 and heard[-1] == pytest.approx(500 / 501)
    assert heard[20] == pytest.approx(200 / 501)  # the 21st report: step 0 of the pca training
    stopped = []
    with pytest.raises(nn.Cancelled):
        nn.build_landscape(SPEC, fraction=lambda f: stopped.append(f) or f < 0.5)
    # the first report at or past one half: pca step 60 ((200 + 60) / 501), after 21 training reports, the one
    # between the stages and 7 pca reports (steps 0, 10, …, 60); no report (and no step) after it
    assert stopped[-1] == pytest.approx(260 / 501) and len(stopped) == 21 + 1 + 7


def test_banded_surface_equals_the_function_point_by_point_and_stops_when_told():
    f = functions.get("rosenbrock")
    view = ((-2.0, 2.0), (-1.0, 3.0))
    heard = []
    surf = engine_surface.sample(f, view, (7, 37), gradients=False, progress=lambda p: heard.append(p) or True)
    xs, ys = np.linspace(-2, 2, 7), np.linspace(-1, 3, 37)
    truth = np.array([[(1 - x) ** 2 + 100 * (y - x * x) ** 2 for x in xs] for y in ys])  # Rosenbrock's formula
    np.testing.assert_allclose(surf.values, truth, rtol=1e-12, atol=1e-12)
    assert len(heard) == engine_surface.BANDS and heard[-1] == 1.0 and heard == sorted(heard)
    calls = []
    with pytest.raises(engine_surface.Cancelled):
        engine_surface.sample(f, view, 64, gradients=False, progress=lambda p: calls.append(p) or len(calls) < 2)
    assert calls == [4 / 64, 8 / 64]
