"""engine.nn.build_landscape: the described network, trained centre, and its slice as a 2D function."""
import numpy as np

from engine.nn import MLP, build_landscape, make_dataset

SPEC = {"dataset": {"name": "moons", "n": 64, "noise": 0.1, "seed": 0}, "layers": [2, 4, 1],
        "activation": "tanh", "loss": "bce",
        "slice": {"method": "random", "seed": 3, "centre": "trained", "options": {"normalization": "filter"}}}


def test_slice_centre_is_the_trained_network_and_training_lowered_the_loss():
    stages = []
    built = build_landscape(SPEC, progress=stages.append)
    assert stages == ["training", "slicing"]
    data = make_dataset("moons", n=64, noise=0.1, seed=0)
    fresh = MLP([2, 4, 1], activation="tanh", loss="bce", seed=3)  # initialised from the slice's seed
    initial_loss = fresh.loss(fresh.init_params(), data.X, data.y)
    trained_loss = built.model.loss(built.params, data.X, data.y)
    assert trained_loss < initial_loss
    # the plane's origin is the centre: f(0, 0) is the trained network's loss, computed independently
    assert abs(float(built.function.value(np.array(0.0), np.array(0.0))) - trained_loss) < 1e-12


def test_init_centre_skips_training():
    spec = dict(SPEC, slice=dict(SPEC["slice"], centre="init"))
    stages = []
    built = build_landscape(spec, progress=stages.append)
    fresh = MLP([2, 4, 1], activation="tanh", loss="bce", seed=3).init_params()
    assert stages == ["slicing"]
    for name, value in fresh.items():
        np.testing.assert_array_equal(built.params[name], value)
