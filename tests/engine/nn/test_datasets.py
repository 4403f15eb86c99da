import numpy as np
import pytest

from engine.nn import dataset_names, make_dataset


@pytest.mark.parametrize("name", dataset_names())
def test_deterministic_and_shapes(name):
    a, b = make_dataset(name, n=101, noise=0.2, seed=7), make_dataset(name, n=101, noise=0.2, seed=7)
    assert np.array_equal(a.X, b.X) and np.array_equal(a.y, b.y)
    assert not np.array_equal(a.X, make_dataset(name, n=101, noise=0.2, seed=8).X)
    assert a.X.shape == (101, a.n_features) and a.y.shape == (101,) and np.all(np.isfinite(a.X))
    if a.task == "binary":
        assert set(np.unique(a.y)) == {0.0, 1.0} and a.n_classes == 2
    elif a.task == "multiclass":
        assert set(np.unique(a.y)) == set(range(a.n_classes))
    else:
        assert a.task == "regression" and a.n_features == 1


def test_noise_free_geometry():
    c = make_dataset("circles", n=100, noise=0.0)
    r = np.linalg.norm(c.X, axis=1)
    assert np.allclose(r[c.y == 0], 1.0) and np.allclose(r[c.y == 1], 0.5)
    x = make_dataset("xor", n=100, noise=0.0)
    assert np.array_equal(x.y, (x.X[:, 0] * x.X[:, 1] > 0).astype(float))
    s = make_dataset("sine", n=50, noise=0.0)
    assert np.allclose(s.y, np.sin(s.X[:, 0]))


@pytest.mark.parametrize("kwargs, message", [
    (dict(name="mnist"), "unknown dataset"), (dict(name="xor", n=0), "between"), (dict(name="xor", noise=-1), "noise"),
])
def test_bad_dataset_settings(kwargs, message):
    with pytest.raises(ValueError, match=message):
        make_dataset(**kwargs)
