"""``slice_plane``: build a :class:`~engine.nn.plane.Plane` by one of four methods.

* ``"params"``  two named scalar parameters, ``param_a="W1[0,0]"``, ``param_b="b2[0]"``; the axes are the parameters'
  own values (the exact 2D sub-landscape, all other parameters fixed at θ0).
* ``"random"``  two Gaussian directions, ``normalization="filter"`` (Li et al. 2018, biases zeroed unless
  ``ignore_biases=False``) or ``"none"`` (unit-norm directions); ``orthogonalize=False``.
* ``"pca"``     the top two principal directions of a training trajectory: ``trajectory`` (T, D) array or list of
  params dicts / vectors, or trained here from θ0 with ``optimizer="adam"``, ``lr=0.01``, ``steps=200``. The centre is
  the trajectory's last point.
* ``"hessian"`` the eigenvectors of the two largest Hessian eigenvalues at θ0.
"""
from __future__ import annotations

import numpy as np

from .directions import filter_normalised_direction, hessian_directions, orthogonalise, pca_directions
from .params import Params, flat_index
from .plane import Plane

Array = np.ndarray
METHODS = ("random", "pca", "params", "hessian")     # display order


def slice_plane(model, params: Params, X: Array, y: Array, method: str = "random", seed: int = 0,
                **options) -> Plane:
    """A 2D slice of ``model``'s loss on (X, y) around ``params``. See the module docstring for the options;
    ``dataset_name`` names the data in the plane's name, ``l2`` = λ adds λ/2·Σ w² to the loss, ``batch_size`` > 0
    makes descent on the slice use mini-batch gradients (batches drawn from ``seed``); ``progress`` is
    :func:`~.training.train`'s callback for the training a "pca" slice runs (False stops it). Unknown methods or
    options raise ValueError."""
    builders = {"params": _params_plane, "random": _random_plane, "pca": _pca_plane, "hessian": _hessian_plane}
    if method not in builders:
        raise ValueError(f"unknown slice method {method!r}; choose one of {', '.join(METHODS)}")
    dataset_name = str(options.pop("dataset_name", "data"))
    l2, batch_size = options.pop("l2", 0.0), int(options.pop("batch_size", 0) or 0)
    progress = options.pop("progress", None)  # train's progress callback, for the training a "pca" slice runs
    if progress is not None and method == "pca":
        options["progress"] = progress
    X = model.check_inputs(X)
    model.targets(y, X.shape[0])
    theta0 = model.flatten(params)
    if method in ("pca", "hessian") and l2:
        options["l2"] = l2            # the PCA path trains on, the Hessian is the curvature of, the regularised loss
    fields = builders[method](model, theta0, X, y, seed, **options)
    return Plane(model=model, X=X, y=y, method=method, dataset_name=dataset_name, l2=l2, batch_size=batch_size,
                 batch_seed=seed, **fields)


def _no_more(method: str, options: dict) -> None:
    if options:
        raise ValueError(f"unknown option(s) for the {method!r} slice: {', '.join(sorted(options))}")


def _params_plane(model, theta0, X, y, seed, param_a: str = "W1[0,0]", param_b: str | None = None, **options):
    _no_more("params", options)
    if param_b is None:
        param_b = f"b{model.n_layers}[0]"
    ia, ib = flat_index(param_a, model.layer_sizes), flat_index(param_b, model.layer_sizes)
    if ia == ib:
        raise ValueError(f"choose two different parameters (both are {param_a!r})")
    d1, d2 = np.zeros_like(theta0), np.zeros_like(theta0)
    d1[ia] = d2[ib] = 1.0
    va, vb = float(theta0[ia]), float(theta0[ib])
    span = lambda v: (v - max(2.0, 1.5 * abs(v)), v + max(2.0, 1.5 * abs(v)))  # noqa: E731
    return dict(centre=model.unflatten(theta0), directions=(model.unflatten(d1), model.unflatten(d2)),
                centre_coords=(va, vb), default_range=(span(va), span(vb)),
                axis_labels=(param_a.replace(" ", ""), param_b.replace(" ", "")))


def _random_plane(model, theta0, X, y, seed, normalization: str = "filter", orthogonalize: bool = False,
                  ignore_biases: bool = True, **options):
    _no_more("random", options)
    rng = np.random.default_rng(seed)
    centre = model.unflatten(theta0)
    if normalization == "filter":
        d1, d2 = (model.flatten(filter_normalised_direction(centre, rng, ignore_biases)) for _ in range(2))
        labels, span = ("d1 (filter-normalised)", "d2 (filter-normalised)"), 1.0
    elif normalization == "none":
        d1, d2 = (v / np.linalg.norm(v) for v in rng.standard_normal((2, theta0.size)))
        labels, span = ("d1 (unit)", "d2 (unit)"), max(1.0, 0.5 * float(np.linalg.norm(theta0)))
    else:
        raise ValueError(f"unknown normalization {normalization!r}; choose 'filter' or 'none'")
    if not np.any(d1) or not np.any(d2):
        raise ValueError("filter-normalised directions are zero because all weights are zero; "
                         "use normalization='none'")
    if orthogonalize:
        d2 = orthogonalise(d1, d2)
    return dict(centre=centre, directions=(model.unflatten(d1), model.unflatten(d2)),
                default_range=((-span, span), (-span, span)), axis_labels=labels)


def _as_trajectory(model, trajectory) -> Array:
    rows = [model.flatten(p) if isinstance(p, dict) else np.asarray(p, dtype=np.float64) for p in trajectory]
    traj = np.asarray(rows, dtype=np.float64)
    if traj.ndim != 2 or traj.shape[1] != model.n_params:
        raise ValueError(f"trajectory must be a sequence of parameter vectors of length {model.n_params}")
    return traj


def _pca_plane(model, theta0, X, y, seed, trajectory=None, optimizer: str = "adam", lr: float = 0.01,
               steps: int = 200, **options):
    if trajectory is None:
        from .training import train
        traj, _ = train(model, model.unflatten(theta0), X, y, optimizer=optimizer, lr=lr, steps=steps, **options)
    else:
        _no_more("pca", options)
        traj = _as_trajectory(model, trajectory)
    d1, d2, ratio, coords = pca_directions(traj)
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    margin = 0.25 * np.maximum(hi - lo, 1e-3)
    return dict(centre=model.unflatten(traj[-1]), directions=(model.unflatten(d1), model.unflatten(d2)),
                default_range=((lo[0] - margin[0], hi[0] + margin[0]), (lo[1] - margin[1], hi[1] + margin[1])),
                axis_labels=(f"PC1 ({100 * ratio[0]:.1f}% var.)", f"PC2 ({100 * ratio[1]:.1f}% var.)"),
                explained_variance=(float(ratio[0]), float(ratio[1])), trajectory_coords=coords)


def _hessian_plane(model, theta0, X, y, seed, l2: float = 0.0, **options):
    _no_more("hessian", options)
    d1, d2, w = hessian_directions(model, theta0, X, model.targets(y, X.shape[0]), seed=seed, l2=l2)
    span = max(1.0, 0.5 * float(np.linalg.norm(theta0)))
    return dict(centre=model.unflatten(theta0), directions=(model.unflatten(d1), model.unflatten(d2)),
                default_range=((-span, span), (-span, span)),
                axis_labels=(f"v1 (λ={w[0]:.3g})", f"v2 (λ={w[1]:.3g})"),
                eigenvalues=(float(w[0]), float(w[1])))
