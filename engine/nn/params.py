"""Parameter dictionaries ``{"W1": (n1, n0), "b1": (n1,), "W2": …}`` ↔ flat vectors, and scalar parameter names.

W_l is shaped (out, in) as in ``torch.nn.Linear``: z_l = W_l h_{l−1} + b_l. The flat order is W1 (row-major), b1,
W2, b2, … . A scalar parameter is named like ``"W1[3,0]"`` (row 3 = unit of layer 1, column 0 = input unit) or
``"b2[0]"``.
"""
from __future__ import annotations

import math
import re
from typing import Sequence

import numpy as np

Array = np.ndarray
Params = dict[str, Array]

_NAME = re.compile(r"^\s*([Wb])(\d+)\s*\[\s*(\d+)\s*(?:,\s*(\d+)\s*)?\]\s*$")


def param_shapes(layer_sizes: Sequence[int]) -> dict[str, tuple[int, ...]]:
    """{"W1": (n1, n0), "b1": (n1,), …} in flat order."""
    shapes: dict[str, tuple[int, ...]] = {}
    for l in range(1, len(layer_sizes)):
        shapes[f"W{l}"] = (layer_sizes[l], layer_sizes[l - 1])
        shapes[f"b{l}"] = (layer_sizes[l],)
    return shapes


def n_params(layer_sizes: Sequence[int]) -> int:
    return sum(math.prod(s) for s in param_shapes(layer_sizes).values())


def flatten(params: Params, layer_sizes: Sequence[int]) -> Array:
    """Concatenate the parameters in flat order W1, b1, W2, b2, … -> (D,) float64."""
    shapes = param_shapes(layer_sizes)
    missing = [k for k in shapes if k not in params]
    if missing:
        raise ValueError(f"parameters missing: {', '.join(missing)}")
    for k, s in shapes.items():
        if np.shape(params[k]) != s:
            raise ValueError(f"parameter {k} has shape {np.shape(params[k])}, expected {s}")
    return np.concatenate([np.asarray(params[k], dtype=np.float64).ravel() for k in shapes])


def unflatten(vector: Array, layer_sizes: Sequence[int]) -> Params:
    """Inverse of :func:`flatten`: (D,) -> dict of arrays (copies). A leading batch axis (..., D) is kept."""
    vector = np.asarray(vector, dtype=np.float64)
    shapes = param_shapes(layer_sizes)
    d = sum(math.prod(s) for s in shapes.values())
    if vector.shape[-1:] != (d,):
        raise ValueError(f"parameter vector has length {vector.shape[-1:] or 'scalar'}, expected {d}")
    out: Params = {}
    i = 0
    lead = vector.shape[:-1]
    for k, s in shapes.items():
        size = math.prod(s)
        out[k] = vector[..., i:i + size].reshape(lead + s).copy()
        i += size
    return out


def valid_names_hint(layer_sizes: Sequence[int]) -> str:
    parts = []
    for k, s in param_shapes(layer_sizes).items():
        parts.append(f"{k}[i,j] with i<{s[0]}, j<{s[1]}" if len(s) == 2 else f"{k}[j] with j<{s[0]}")
    return "; ".join(parts)


def parse_name(name: str, layer_sizes: Sequence[int]) -> tuple[str, tuple[int, ...]]:
    """"W1[0,3]" -> ("W1", (0, 3)); ValueError listing the valid names when it does not exist."""
    m = _NAME.match(str(name))
    shapes = param_shapes(layer_sizes)
    if m:
        key = f"{m.group(1)}{int(m.group(2))}"
        index = tuple(int(g) for g in m.groups()[2:] if g is not None)
        shape = shapes.get(key)
        if shape is not None and len(index) == len(shape) and all(0 <= i < n for i, n in zip(index, shape)):
            return key, index
    raise ValueError(f"no parameter named {name!r} in this network; valid names: {valid_names_hint(layer_sizes)}")


def flat_index(name: str, layer_sizes: Sequence[int]) -> int:
    """Position of a named scalar parameter in the flat vector."""
    key, index = parse_name(name, layer_sizes)
    offset = 0
    for k, s in param_shapes(layer_sizes).items():
        if k == key:
            return offset + int(np.ravel_multi_index(index, s))
        offset += math.prod(s)
    raise AssertionError("unreachable")
