"""engine.vocab: each vocabulary names exactly what the engine accepts, and scene validation reads it."""
import pytest

from engine import optimizers, scene, vocab
from engine.nn import MLP, make_dataset, slice_plane


def test_every_dataset_builds_with_its_number_of_features():
    from engine.nn import sklearn_data
    for name, features in vocab.DATASETS.items():
        if name in sklearn_data.NAMES and not sklearn_data.installed():
            with pytest.raises(ValueError, match="scikit-learn"):  # the optional extra's sets say what is missing
                make_dataset(name, n=12, seed=0)
            continue
        assert make_dataset(name, n=12, seed=0).X.shape[1] == features


def test_every_activation_and_loss_builds_a_network():
    for act in vocab.ACTIVATIONS:
        assert MLP([2, 3, 1], activation=act).activations == [act]
    for loss in vocab.LOSSES:
        assert MLP([2, 3, 2 if loss == "ce" else 1], loss=loss).loss_name == loss


def test_every_slice_method_builds_a_plane():
    data = make_dataset("xor", n=16, seed=0)
    model = MLP([2, 2, 1], loss="bce")
    for method in vocab.SLICE_METHODS:
        options = {"steps": 5} if method == "pca" else {}
        assert slice_plane(model, model.init_params(), data.X, data.y, method=method, **options).method == method


def test_hyper_parameter_ranges_are_the_optimizers_own():
    assert vocab.OPTIMIZER_NAMES == ("gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam")
    adam = vocab.hyper_parameters("adam")
    assert {k: h.default for k, h in adam.items()} == {"beta1": 0.9, "beta2": 0.999, "eps": 1e-8}
    with pytest.raises(ValueError, match="beta1"):
        optimizers.make("adam", 0.1, beta1=1.0)          # the range [0, 1) of vocab's Hyper
    assert adam["beta1"].describe("beta1") == "0 ≤ beta1 < 1"


def test_scene_validation_reads_the_vocabularies():
    assert scene.COLORMAPS is vocab.COLORMAPS and scene.SLICE_METHODS is vocab.SLICE_METHODS
    assert scene.DATASETS is vocab.DATASETS and scene.ACTIVATIONS is vocab.ACTIVATIONS
    with pytest.raises(scene.SceneError, match="colormap: must be one of viridis"):
        scene.loads('{"format": "descent-lab-scene", "version": 2, "landscape": {"kind": "function", '
                    '"name": "sphere"}, "view": {"x": [-1, 1], "y": [-1, 1]}, "display": {"colormap": "jet"}}')
