"""The planes a landscape is drawn on: an origin and one or two directions, each a list of tensors shaped like the
model's parameters (``model.named_parameters()`` order).

- :func:`random_plane`: filter-normalised random directions (Li, Xu, Taylor, Studer, Goldstein 2018, "Visualizing the
  Loss Landscape of Neural Nets", section 4): for every filter ``i`` of a parameter with two or more dimensions,
  ``d_i <- d_i / ||d_i|| * ||theta_i||``. One-dimensional parameters (biases, batch-norm scales) get a zero direction
  by default (their ``ignore='biasbn'``); with ``zero_1d=False`` they are set to the parameter itself, as their code
  does without that option.
- :func:`pca_plane`: the first two principal components of ``theta_i - theta_final`` over checkpoints (their
  ``setup_PCA_directions``), with every checkpoint's projection (the path).
- :func:`params_plane`: two single entries of named parameters (one-hot directions, ranges in the parameter's units).
- :func:`interpolation_line`: ``theta(a) = theta_A + a (theta_B - theta_A)``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import torch
from torch import nn

from engine.torch_landscape import LandscapeError

Tensors = list[torch.Tensor]


@dataclass
class Plane:
    kind: str
    names: list[str]
    origin: Tensors
    dx: Tensors
    dy: Tensors | None = None  # None for a line (1D)
    x_range: tuple[float, float] = (-1.0, 1.0)
    y_range: tuple[float, float] = (-1.0, 1.0)
    path: np.ndarray | None = None  # (checkpoints, 2) projections, for the PCA plane
    notes: dict = field(default_factory=dict)

    def flat(self, which: str) -> np.ndarray:
        tensors = {"origin": self.origin, "dx": self.dx, "dy": self.dy}[which]
        return np.concatenate([t.detach().cpu().reshape(-1).double().numpy() for t in tensors])


def parameters(model: nn.Module) -> tuple[list[str], Tensors]:
    named = [(n, p.detach().clone()) for n, p in model.named_parameters()]
    return [n for n, _ in named], [p for _, p in named]


def filter_normalize(direction: Tensors, weights: Tensors, zero_1d: bool = True) -> Tensors:
    """``direction`` rescaled filter by filter to the norms of ``weights`` (a new list)."""
    out = []
    for d, w in zip(direction, weights):
        d = d.clone()
        if d.dim() <= 1:
            if zero_1d:
                d.zero_()
            else:
                d.copy_(w)
        else:
            for d_f, w_f in zip(d, w):
                d_f.mul_(w_f.norm() / (d_f.norm() + 1e-10))
        out.append(d)
    return out


def random_direction(weights: Tensors, generator: torch.Generator, zero_1d: bool = True) -> Tensors:
    raw = [torch.randn(w.shape, generator=generator, dtype=w.dtype) for w in weights]
    return filter_normalize(raw, weights, zero_1d)


def random_plane(model: nn.Module, seed: int = 0, span: float = 1.0, zero_1d: bool = True) -> Plane:
    names, weights = parameters(model)
    gen = torch.Generator().manual_seed(seed)
    dx = random_direction([w.cpu() for w in weights], gen, zero_1d)
    dy = random_direction([w.cpu() for w in weights], gen, zero_1d)
    return Plane("random", names, weights, [d.to(w.device) for d, w in zip(dx, weights)],
                 [d.to(w.device) for d, w in zip(dy, weights)], (-span, span), (-span, span),
                 notes={"seed": seed, "zero_1d": zero_1d})


def _check_same_model(names: list[str], weights: Tensors, state: dict, source: str) -> Tensors:
    out = []
    for n, w in zip(names, weights):
        if n not in state or tuple(state[n].shape) != tuple(w.shape):
            raise LandscapeError(f"the checkpoint {source} is for another model (parameter {n} "
                                 f"{'is missing' if n not in state else 'has another shape'})")
        out.append(state[n].to(device=w.device, dtype=w.dtype))
    return out


def pca_plane(model: nn.Module, checkpoints: list[dict], sources: list[str], margin: float = 0.2) -> Plane:
    """The PCA plane of ``checkpoints`` (state_dicts, training order) centred on the model's parameters (normally the
    last checkpoint's); the range covers the path plus ``margin`` of its extent."""
    if len(checkpoints) < 3:
        raise LandscapeError(f"the PCA plane needs at least 3 checkpoints of one run, got {len(checkpoints)}")
    names, weights = parameters(model)
    final = np.concatenate([w.cpu().reshape(-1).double().numpy() for w in weights])
    rows = []
    for state, src in zip(checkpoints, sources):
        tensors = _check_same_model(names, weights, state, src)
        rows.append(np.concatenate([t.cpu().reshape(-1).double().numpy() for t in tensors]) - final)
    diffs = np.stack(rows)
    centred = diffs - diffs.mean(axis=0)
    _, s, vt = np.linalg.svd(centred, full_matrices=False)
    if len(s) < 2 or s[1] <= 1e-12 * max(s[0], 1e-300):
        raise LandscapeError("the checkpoints lie on a line or a point: the PCA plane needs them to differ in "
                             "at least two directions")
    u, v = vt[0], vt[1]
    path = np.stack([diffs @ u, diffs @ v], axis=1)
    explained = (s[:2] ** 2 / np.sum(s ** 2)).tolist()

    def unflat(vec):
        out, i = [], 0
        for w in weights:
            n = w.numel()
            out.append(torch.from_numpy(vec[i:i + n].copy()).reshape(w.shape).to(device=w.device, dtype=w.dtype))
            i += n
        return out

    lo, hi = path.min(axis=0), path.max(axis=0)
    pad = margin * np.maximum(hi - lo, 1e-12)
    return Plane("pca", names, weights, unflat(u), unflat(v), (float(lo[0] - pad[0]), float(hi[0] + pad[0])),
                 (float(lo[1] - pad[1]), float(hi[1] + pad[1])), path=path,
                 notes={"explained_variance_ratio": explained})


_ENTRY = re.compile(r"\s*([\w.]+)\[([\d,\s]+)\]\s*")


def parse_params(text: str) -> list[tuple[str, tuple[int, ...]]]:
    """``"fc1.weight[0,3],fc2.bias[1]"`` -> ``[("fc1.weight", (0, 3)), ("fc2.bias", (1,))]``."""
    entries, pos = [], 0
    while pos < len(text):
        m = _ENTRY.match(text, pos)
        if not m:
            break
        entries.append((m.group(1), tuple(int(i) for i in m.group(2).split(",") if i.strip())))
        pos = m.end()
        if pos < len(text) and text[pos] == ",":
            pos += 1
    if pos != len(text) or len(entries) != 2:
        raise LandscapeError(f"params:{text}: name two parameter entries, e.g. params:fc1.weight[0,3],fc2.bias[1]")
    return entries


def params_plane(model: nn.Module, text: str, span: float = 1.0) -> Plane:
    names, weights = parameters(model)
    dirs = []
    for name, index in parse_params(text):
        if name not in names:
            raise LandscapeError(f"the model has no parameter {name} (it has {', '.join(names[:6])}"
                                 f"{' …' if len(names) > 6 else ''})")
        w = weights[names.index(name)]
        if len(index) != w.dim() or any(not 0 <= i < s for i, s in zip(index, w.shape)):
            raise LandscapeError(f"{name}{list(index)} is outside {name}, whose shape is {list(w.shape)}")
        d = [torch.zeros_like(t) for t in weights]
        d[names.index(name)][index] = 1.0
        dirs.append(d)
    if all(torch.equal(a, b) for a, b in zip(*dirs)):
        raise LandscapeError("the two parameter entries are the same")
    return Plane("params", names, weights, dirs[0], dirs[1], (-span, span), (-span, span), notes={"params": text})


def interpolation_line(model: nn.Module, state_a: dict, state_b: dict, sources: tuple[str, str],
                       x_range: tuple[float, float] = (-0.5, 1.5)) -> Plane:
    names, weights = parameters(model)
    a = _check_same_model(names, weights, state_a, sources[0])
    b = _check_same_model(names, weights, state_b, sources[1])
    return Plane("interpolation", names, a, [tb - ta for ta, tb in zip(a, b)], None, x_range, (0.0, 0.0))
