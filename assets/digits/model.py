"""The README's example model: a small MLP for scikit-learn's 8x8 digits (``model.py:mlp``)."""
from torch import nn


def mlp() -> nn.Module:
    return nn.Sequential(nn.Linear(64, 32), nn.Tanh(), nn.Linear(32, 10))
