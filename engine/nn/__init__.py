"""The lesson's small networks: an MLP with chain-rule backprop (W shaped (out, in)), toy datasets, 2D slices of the
loss, and the compiled fast path (:mod:`.fast`) beside the reference.

    from engine.nn import MLP, make_dataset, slice_plane
    data = make_dataset("moons", n=200, noise=0.1, seed=0)
    model = MLP([2, 16, 16, 1], activation="tanh", loss="bce")
    plane = slice_plane(model, model.init_params(), data.X, data.y, method="random", dataset_name="moons")
    grid = plane.loss_grid(*plane.default_range, resolution=101)      # (101, 101), indexed [β, α]
    f = plane.as_test_function()                                        # draw / descend it like a 2D function
    X, y = load_csv("points.csv")                                       # a user's own data: x1, x2, label
"""
from . import fast
from .csv_data import load_csv
from .datasets import Dataset, dataset_names, from_arrays, make_dataset, sklearn_names, train_test_split
from .directions import filter_normalised_direction, hessian, orthogonalise, pca_directions
from .landscape import NetworkLandscape, build_landscape
from .minibatch import MiniBatches, l2_penalty, weight_mask
from .mlp import MAX_UNITS, MLP, LayerTrace, backprop, forward_pass
from .params import flat_index, flatten, param_shapes, parse_name, unflatten
from .plane import Plane
from .prediction import Prediction, accuracy, decision_boundary, predict
from .slices import METHODS, slice_plane
from .training import Cancelled, ProjectedPath, project_path, train, train_projected

__all__ = [
    "MLP", "LayerTrace", "MAX_UNITS", "Dataset", "dataset_names", "make_dataset", "Plane", "slice_plane", "METHODS",
    "Cancelled", "ProjectedPath", "train", "train_projected", "project_path", "flatten", "unflatten", "param_shapes",
    "parse_name", "flat_index", "filter_normalised_direction", "orthogonalise", "pca_directions", "hessian",
    "NetworkLandscape", "build_landscape", "forward_pass", "backprop", "fast",
    "Prediction", "accuracy", "decision_boundary", "predict", "load_csv", "from_arrays", "train_test_split", "sklearn_names",
    "MiniBatches", "l2_penalty", "weight_mask",
]
