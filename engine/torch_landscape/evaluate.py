"""Loss and accuracy of a model at points ``origin + x dx + y dy`` of a plane, in ``torch.no_grad()`` over batches of
the data; one forward pass per batch gives both."""
from __future__ import annotations

import ctypes
import math
import sys

import numpy as np
import torch
from torch import nn

from engine.torch_landscape.directions import Plane
from engine.torch_landscape.loading import Data, Objective


_MALLOC_TUNED = []


def keep_freed_memory() -> None:
    """Let this process reuse the memory of one forward pass's activations in the next (glibc only; once).

    By default glibc maps every block over 128 KiB afresh and returns freed heap to the kernel, so each forward pass
    takes its activations' pages again one page fault at a time, in system time comparable to the pass itself (worse
    in a Dask worker, started with a 64 KiB trim threshold). These are the values glibc's own adaptive thresholds grow
    to (32 MiB served from the heap, 64 MiB of free heap kept), set from the start."""
    if _MALLOC_TUNED or not sys.platform.startswith("linux"):
        return
    _MALLOC_TUNED.append(True)
    try:
        libc = ctypes.CDLL(None)
        libc.gnu_get_libc_version  # only glibc has it
        mallopt = libc.mallopt
    except (OSError, AttributeError):  # another C library: leave its allocator alone
        return
    m_trim_threshold, m_mmap_threshold = -1, -3
    mallopt(m_mmap_threshold, 32 << 20)
    mallopt(m_trim_threshold, 64 << 20)


def prefer_channels_last(model: nn.Module, sample: torch.Tensor) -> bool:
    """Store the model's 4D weights (convolutions) channels-last when it gives the same outputs on ``sample``: oneDNN's
    convolutions and the pooling after them run on that layout without reordering (max-pooling in the default layout
    is slow on CPU). A model that reshapes with ``view`` or otherwise needs the default layout keeps it."""
    if not any(p.ndim == 4 for p in model.parameters()):
        return False
    same = False
    with torch.no_grad():
        try:
            reference = model(sample)
            model.to(memory_format=torch.channels_last)
            out = model(sample)
            same = isinstance(out, torch.Tensor) and torch.allclose(out, reference, rtol=1e-4, atol=1e-5)
        except Exception:  # noqa: BLE001 - any failure on the other layout: keep the model's own
            same = False
    if not same:
        model.to(memory_format=torch.contiguous_format)
    return same


class Evaluator:
    def __init__(self, model: nn.Module, data: Data, objective: Objective, targets: torch.Tensor, plane: Plane,
                 batch_size: int = 2048, device: str = "cpu") -> None:
        keep_freed_memory()
        self.model, self.objective, self.plane = model, objective, plane
        self.params = [p for _, p in model.named_parameters()]
        if len(self.params) != len(plane.origin):
            raise ValueError("the plane was built for another model")
        self.batches = [(data.X[i:i + batch_size].to(device), targets[i:i + batch_size].to(device))
                        for i in range(0, len(data), batch_size)]
        self.n = len(data)
        self.channels_last = prefer_channels_last(model, self.batches[0][0][:64]) if self.batches else False

    def set_point(self, x: float, y: float) -> None:
        p = self.plane
        with torch.no_grad():
            for i, param in enumerate(self.params):
                param.copy_(p.origin[i])
                if x:
                    param.add_(p.dx[i], alpha=x)
                if y and p.dy is not None:
                    param.add_(p.dy[i], alpha=y)

    def at(self, x: float, y: float = 0.0) -> tuple[float, float]:
        """(mean loss, accuracy in percent or NaN) at the point (x, y)."""
        self.set_point(x, y)
        total, correct = 0.0, 0.0
        with torch.no_grad():
            for X, t in self.batches:
                loss, right = self.objective.sum_and_correct(self.model(X), t)
                total += loss
                correct += right
        acc = 100.0 * correct / self.n if not math.isnan(correct) else math.nan
        return total / self.n, acc

    def points(self, xs: np.ndarray, ys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        out = np.array([self.at(float(x), float(y)) for x, y in zip(xs, ys)]).reshape(-1, 2)
        self.set_point(0.0, 0.0)
        return out[:, 0], out[:, 1]
