"""Small models of scikit-learn's bundled digits (8x8 images, 10 classes) for the torch landscape tests; imported by
path as ``digits_models.py:cnn`` / ``:mlp``, the way a user's ``module.py:factory`` is."""
import torch
from torch import nn


def cnn() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(
        nn.Unflatten(1, (1, 8, 8)),
        nn.Conv2d(1, 8, 3, padding=1), nn.ReLU(),
        nn.Conv2d(8, 16, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 4 * 4, 10),
    )


def mlp() -> nn.Module:
    torch.manual_seed(0)
    return nn.Sequential(nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 10))


def not_a_module():
    return 42
