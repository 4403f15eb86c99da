"""Load a user's model, data and loss; every problem is one :class:`LandscapeError` sentence.

A model is either a ``torch.export`` program (``model.pt2``, no user code runs) or ``module.py:factory`` — the file is
imported and ``factory()`` called, so it runs the user's code — with an optional ``state_dict`` checkpoint. Data is an
``.npz`` with arrays ``X`` and ``y``, a ``.pt`` file holding ``{"X": tensor, "y": tensor}`` or ``(X, y)``, or
``module.py:factory`` returning a ``torch.utils.data.Dataset`` of ``(input, target)`` pairs (this runs the user's code
too); a dataset is read once, in batches, into the tensors X and y.
"""
from __future__ import annotations

import importlib.util
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from torch import nn

from engine.torch_landscape import LandscapeError

LOSSES = ("cross-entropy", "mse", "nll")


def _existing(path: str | Path, what: str) -> Path:
    p = Path(path)
    if not p.is_file():
        raise LandscapeError(f"{what} {p} does not exist" if not p.exists() else f"{what} {p} is not a file")
    return p


def _one_line(err: BaseException) -> str:
    text = str(err).strip().splitlines()
    return text[0] if text else type(err).__name__


def load_state_dict(path: str | Path) -> dict[str, torch.Tensor]:
    """The tensors of a checkpoint: a ``state_dict`` or a dict holding one under ``state_dict``/``model_state_dict``
    (loaded with ``weights_only=True``: a checkpoint never runs code)."""
    p = _existing(path, "checkpoint")
    try:
        obj = torch.load(p, map_location="cpu", weights_only=True)
    except Exception as err:  # noqa: BLE001 - torch raises many types for a bad file
        raise LandscapeError(f"{p} is not a PyTorch checkpoint: {_one_line(err)}") from None
    if isinstance(obj, dict):
        for key in ("state_dict", "model_state_dict"):
            if isinstance(obj.get(key), dict):
                obj = obj[key]
                break
    if not isinstance(obj, dict) or not all(isinstance(v, torch.Tensor) for v in obj.values()):
        raise LandscapeError(f"{p} holds no state_dict (a dict of parameter names to tensors)")
    return obj


def apply_state_dict(model: nn.Module, state: dict, source: str | Path) -> None:
    """Load ``state`` into ``model`` (strict); a checkpoint for another model says which names or shapes differ."""
    own = model.state_dict()
    missing = [k for k in own if k not in state]
    unexpected = [k for k in state if k not in own]
    wrong = [f"{k} {tuple(state[k].shape)} vs {tuple(own[k].shape)}" for k in own
             if k in state and tuple(state[k].shape) != tuple(own[k].shape)]
    if missing or unexpected or wrong:
        parts = []
        if missing:
            parts.append("missing " + ", ".join(missing[:3]) + (" …" if len(missing) > 3 else ""))
        if unexpected:
            parts.append("unexpected " + ", ".join(unexpected[:3]) + (" …" if len(unexpected) > 3 else ""))
        if wrong:
            parts.append("shapes differ: " + ", ".join(wrong[:3]) + (" …" if len(wrong) > 3 else ""))
        raise LandscapeError(f"the checkpoint {source} is for another model ({'; '.join(parts)})")
    model.load_state_dict(state, strict=True)


def _factory(spec: str, what: str = "model file") -> Callable[[], object]:
    """The function ``name`` of the Python file in ``spec`` = ``FILE.py:name`` (importing the file runs its code)."""
    file, _, name = spec.rpartition(":")
    path = _existing(file, what)
    if not name.isidentifier():
        raise LandscapeError(f"{spec}: after the colon comes the name of a function in {path.name}")
    module_name = f"_descent_lab_user_{abs(hash(str(path.resolve())))}"
    try:
        mod_spec = importlib.util.spec_from_file_location(module_name, path)
        module = importlib.util.module_from_spec(mod_spec)
        sys.modules[module_name] = module  # pickling and dataclasses inside the user's module look it up
        mod_spec.loader.exec_module(module)
    except Exception as err:  # noqa: BLE001 - the user's code may raise anything
        sys.modules.pop(module_name, None)
        raise LandscapeError(f"importing {path} failed: {type(err).__name__}: {_one_line(err)}") from None
    factory = getattr(module, name, None)
    if not callable(factory):
        raise LandscapeError(f"{path} has no function {name}")
    return factory


def is_factory(spec: str) -> bool:
    """True for ``module.py:factory`` (as opposed to a file name)."""
    return ":" in str(spec) and str(spec).rpartition(":")[0].endswith(".py")


def load_model(spec: str, weights: str | Path | None = None, device: str = "cpu") -> nn.Module:
    """The model named by ``spec`` (``FILE.pt2`` or ``module.py:factory``), with ``weights`` loaded, in eval mode."""
    if spec.endswith(".pt2"):
        path = _existing(spec, "model file")
        try:
            model = torch.export.load(str(path)).module()
        except (zipfile.BadZipFile, RuntimeError, ValueError, KeyError) as err:
            raise LandscapeError(f"{path} is not a torch.export program: {_one_line(err)}") from None
    elif is_factory(spec):
        factory = _factory(spec)
        try:
            model = factory()
        except Exception as err:  # noqa: BLE001
            raise LandscapeError(f"{spec}() failed: {type(err).__name__}: {_one_line(err)}") from None
        if not isinstance(model, nn.Module):
            raise LandscapeError(f"{spec}() returned {type(model).__name__}, not a torch.nn.Module")
    else:
        raise LandscapeError(f"model {spec!r}: give a torch.export program (FILE.pt2) or module.py:factory")
    if weights is not None:
        apply_state_dict(model, load_state_dict(weights), weights)
    if not any(True for _ in model.parameters()):
        raise LandscapeError(f"the model {spec} has no parameters")
    try:
        model.to(device)
    except (RuntimeError, AssertionError, ValueError) as err:
        raise LandscapeError(f"cannot use the device {device!r}: {_one_line(err)}") from None
    try:
        model.eval()
    except (NotImplementedError, RuntimeError):  # exported programs refuse train()/eval() switching
        pass
    return model


@dataclass
class Data:
    X: torch.Tensor
    y: torch.Tensor

    def __len__(self) -> int:
        return len(self.X)


def load_data(path: str | Path) -> Data:
    """The samples of ``path``: ``FILE.npz``, ``FILE.pt`` or ``module.py:factory`` (see the module docstring)."""
    if is_factory(str(path)):
        return _checked(*_dataset_tensors(str(path)), str(path))
    p = _existing(path, "data file")
    if p.suffix == ".npz":
        try:
            with np.load(p, allow_pickle=False) as f:
                if "X" not in f or "y" not in f:
                    raise LandscapeError(f"{p} must hold arrays named X and y (it has {', '.join(f.files) or 'none'})")
                X, y = torch.from_numpy(np.array(f["X"])), torch.from_numpy(np.array(f["y"]))
        except (ValueError, OSError, zipfile.BadZipFile) as err:
            raise LandscapeError(f"{p} is not a NumPy .npz file: {_one_line(err)}") from None
    elif p.suffix == ".pt":
        try:
            obj = torch.load(p, map_location="cpu", weights_only=True)
        except Exception as err:  # noqa: BLE001
            raise LandscapeError(f"{p} is not a PyTorch file: {_one_line(err)}") from None
        if isinstance(obj, dict) and "X" in obj and "y" in obj:
            X, y = obj["X"], obj["y"]
        elif isinstance(obj, (tuple, list)) and len(obj) == 2:
            X, y = obj
        else:
            raise LandscapeError(f"{p} must hold {{'X': tensor, 'y': tensor}} or a pair (X, y)")
        if not isinstance(X, torch.Tensor) or not isinstance(y, torch.Tensor):
            raise LandscapeError(f"{p}: X and y must be tensors")
    else:
        raise LandscapeError(f"data {p}: give a .npz file (arrays X, y), a .pt file of tensors or "
                             f"module.py:factory returning a torch.utils.data.Dataset")
    return _checked(X, y, p)


def _checked(X: torch.Tensor, y: torch.Tensor, p) -> Data:
    if X.ndim == 0 or y.ndim == 0 or len(X) != len(y):
        raise LandscapeError(f"{p}: X and y must have one row per sample (X {tuple(X.shape)}, y {tuple(y.shape)})")
    if len(X) == 0:
        raise LandscapeError(f"{p} holds no samples")
    if X.is_floating_point():
        X = X.float()
    else:
        X = X.to(torch.float32)
    return Data(X, y)


DATASET_BATCH = 512  # samples collated at a time while a Dataset is read


def _dataset_tensors(spec: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Call the factory of ``spec`` and read its Dataset of (input, target) pairs into two tensors."""
    from torch.utils.data import DataLoader, Dataset, IterableDataset

    factory = _factory(spec, "data file")
    try:
        dataset = factory()
    except Exception as err:  # noqa: BLE001 - the user's code may raise anything
        raise LandscapeError(f"{spec}() failed: {type(err).__name__}: {_one_line(err)}") from None
    if not isinstance(dataset, (Dataset, IterableDataset)):
        raise LandscapeError(f"{spec}() returned {type(dataset).__name__}, not a torch.utils.data.Dataset")
    xs, ys = [], []
    try:
        for batch in DataLoader(dataset, batch_size=DATASET_BATCH, shuffle=False):
            if not isinstance(batch, (tuple, list)) or len(batch) != 2:
                raise LandscapeError(f"the items of {spec}() must be (input, target) pairs")
            x, t = (torch.as_tensor(v) for v in batch)
            xs.append(x)
            ys.append(t)
    except LandscapeError:
        raise
    except Exception as err:  # noqa: BLE001 - item access and collation run the user's code
        raise LandscapeError(f"reading the samples of {spec}() failed: {type(err).__name__}: "
                             f"{_one_line(err)}") from None
    if not xs:
        raise LandscapeError(f"{spec}() holds no samples")
    try:
        return torch.cat(xs), torch.cat(ys)
    except RuntimeError as err:
        raise LandscapeError(f"the samples of {spec}() differ in shape: {_one_line(err)}") from None


class Objective:
    """A named loss summed over a batch, and the number of correct predictions when accuracy makes sense."""

    def __init__(self, name: str) -> None:
        key = name.lower().replace("_", "-")
        aliases = {"ce": "cross-entropy", "crossentropy": "cross-entropy", "cross-entropy": "cross-entropy",
                   "mse": "mse", "l2": "mse", "nll": "nll"}
        if key not in aliases:
            raise LandscapeError(f"unknown loss {name!r}: choose one of {', '.join(LOSSES)}")
        self.name = aliases[key]

    def prepare_targets(self, y: torch.Tensor) -> torch.Tensor:
        if self.name in ("cross-entropy", "nll"):
            if y.is_floating_point() and not bool(torch.all(y == y.round())):
                raise LandscapeError(f"{self.name} needs class labels in y (whole numbers), got fractional values")
            return y.long()
        return y.float()

    def check(self, out: torch.Tensor, y: torch.Tensor) -> None:
        """Raise a sentence when the model's output ``out`` (one batch) and the targets ``y`` don't fit the loss."""
        if self.name in ("cross-entropy", "nll"):
            if out.ndim != 2 or y.ndim != 1:
                raise LandscapeError(f"{self.name} needs outputs of shape (N, classes) and labels of shape (N,); "
                                     f"the model gives {tuple(out.shape)} and y is {tuple(y.shape)}")
            lo, hi = int(y.min()), int(y.max())
            if lo < 0 or hi >= out.shape[1]:
                raise LandscapeError(f"the labels run from {lo} to {hi} but the model has {out.shape[1]} outputs")
        elif out.shape != y.shape and not (out.ndim == 2 and out.shape[1] == 1 and y.ndim == 1):
            raise LandscapeError(f"mse needs outputs shaped like y: the model gives {tuple(out.shape)}, "
                                 f"y is {tuple(y.shape)}")

    def sum_and_correct(self, out: torch.Tensor, y: torch.Tensor) -> tuple[float, float]:
        if self.name == "cross-entropy":
            loss = nn.functional.cross_entropy(out, y, reduction="sum")
        elif self.name == "nll":
            loss = nn.functional.nll_loss(out, y, reduction="sum")
        else:
            loss = nn.functional.mse_loss(out.reshape(y.shape), y, reduction="sum") / max(1, y[0].numel())
        correct = float("nan")
        if self.name in ("cross-entropy", "nll"):
            correct = float((out.argmax(1) == y).sum())
        elif out.ndim == 2 and out.shape[1] > 1 and y.ndim == 2:  # one-hot targets
            correct = float((out.argmax(1) == y.argmax(1)).sum())
        return float(loss), correct

    @property
    def has_accuracy(self) -> bool:
        return self.name in ("cross-entropy", "nll")


def check_fit(model: nn.Module, data: Data, objective: Objective, device: str = "cpu") -> torch.Tensor:
    """Run the model on a few samples: the data's shapes must fit the model, the outputs the loss. Returns the
    prepared targets."""
    y = objective.prepare_targets(data.y)
    with torch.no_grad():
        try:
            out = model(data.X[:2].to(device))
        except Exception as err:  # noqa: BLE001 - shape errors come as RuntimeError, AssertionError, ...
            if "Guard failed" in str(err) and "size()[0]" in str(err):
                raise LandscapeError("the exported program accepts one batch size only: export it with a dynamic "
                                     "batch dimension (torch.export.export(..., dynamic_shapes=...))") from None
            raise LandscapeError(f"the data does not fit the model: samples of shape {tuple(data.X.shape[1:])} "
                                 f"gave {type(err).__name__}: {_one_line(err)}") from None
    if not isinstance(out, torch.Tensor):
        raise LandscapeError(f"the model returns {type(out).__name__}, not a tensor")
    objective.check(out, y[:2])
    if objective.name in ("cross-entropy", "nll"):
        objective.check(out[:0].new_zeros((1, out.shape[1])), y)  # the label range of the whole set
    return y
