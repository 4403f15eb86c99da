"""Datasets a user brings: engine.nn.load_csv (each refusal names the line and column) and scikit-learn's sets."""
import numpy as np
import pytest

from engine.nn import build_landscape, load_csv, make_dataset, sklearn_names
from engine.nn import sklearn_data


def write(tmp_path, text, name="points.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_reads_features_and_renumbers_labels(tmp_path):
    X, y = load_csv(write(tmp_path, "0.5,1.5,1\n-2,3e-1,2\n\n4,5,1\n"))
    np.testing.assert_array_equal(X, [[0.5, 1.5], [-2.0, 0.3], [4.0, 5.0]])
    np.testing.assert_array_equal(y, [0, 1, 0])
    assert y.dtype == np.int64


def test_header_and_other_separators(tmp_path):
    X, y = load_csv(write(tmp_path, "length;width;species\n1;2;0\n3;4;2\n5;6;1\n"))
    np.testing.assert_array_equal(X[:, 1], [2, 4, 6])
    np.testing.assert_array_equal(y, [0, 2, 1])
    X, _ = load_csv(write(tmp_path, "a\tb\tc\n1\t2\t0\n3\t4\t1\n"))
    assert X.shape == (2, 2)


@pytest.mark.parametrize("text, words", [
    ("x,y,label\n1,2,0\n3,abc,1\n", ["line 3", "column 2 (y)", "'abc' is not a number"]),
    ("1,2,0\n3,4\n", ["line 2", "2 column(s), expected 3"]),
    ("1,2,0\n3,4,1,5\n", ["line 2", "4 column(s)"]),
    ("1,2,1\n3,4,1\n", ["column 3", "at least two classes"]),
    ("", ["line 1", "empty"]),
    ("\n  \n", ["line 1", "empty"]),
    ("1,2,0\n3,nan,1\n", ["line 2", "column 2", "not a finite number"]),
    ("1,2,0\ninf,4,1\n", ["line 2", "column 1", "not a finite number"]),
    ("1,2,0\n3,4,0.5\n", ["line 2", "column 3", "not a whole number"]),
    ("a,b,c\n", ["line 1", "only a header"]),
])
def test_refusals_name_the_line_and_column(tmp_path, text, words):
    with pytest.raises(ValueError) as err:
        load_csv(write(tmp_path, text))
    message = str(err.value)
    assert "\n" not in message and message.startswith("points.csv")
    for word in words:
        assert word in message


def test_unreadable_files(tmp_path):
    with pytest.raises(ValueError, match="cannot be read"):
        load_csv(tmp_path / "missing.csv")
    path = tmp_path / "binary.csv"
    path.write_bytes(b"1,2,0\n\xff\xfe,3,1\n")
    with pytest.raises(ValueError, match="line 2: not UTF-8"):
        load_csv(path)


def test_a_csv_landscape_builds_on_its_points(tmp_path):
    rng = np.random.default_rng(0)
    pts = rng.normal(size=(30, 2))
    lines = "\n".join(f"{a},{b},{int(a > 0)}" for a, b in pts)
    X, y = load_csv(write(tmp_path, "x1,x2,label\n" + lines))
    spec = {"dataset": {"name": "csv", "points": np.c_[X, y].tolist(), "file": "points.csv", "n": 30, "noise": 0,
                        "seed": 0}, "layers": [2, 3, 1], "activation": "tanh", "loss": "bce",
            "slice": {"method": "random", "seed": 0, "centre": "init", "options": {}}}
    built = build_landscape(spec)
    np.testing.assert_array_equal(built.dataset.X, pts)
    assert built.dataset.task == "binary" and built.plane.name.endswith("points.csv-random")


@pytest.mark.parametrize("name", sklearn_names())
def test_sklearn_sets_have_two_standardised_features(name):
    pytest.importorskip("sklearn")
    data = make_dataset(name, n=60, noise=0.1, seed=0)
    assert data.X.shape[1] == 2 and data.task in ("binary", "multiclass")
    np.testing.assert_allclose(data.X.mean(axis=0), 0, atol=1e-9)
    np.testing.assert_allclose(data.X.std(axis=0), 1, atol=1e-9)
    assert len(np.unique(data.y)) == data.n_classes


def test_iris_is_sklearns_petal_measurements():
    datasets = pytest.importorskip("sklearn.datasets")
    iris = datasets.load_iris()
    data = make_dataset("iris")
    petals = iris.data[:, 2:4]
    np.testing.assert_allclose(data.X, (petals - petals.mean(0)) / petals.std(0))
    np.testing.assert_array_equal(data.y, iris.target)


def test_without_sklearn_the_sets_say_what_to_install(monkeypatch):
    monkeypatch.setattr(sklearn_data, "installed", lambda: False)
    with pytest.raises(ValueError, match="needs scikit-learn, which is not installed"):
        make_dataset("iris")
