"""Loss landscapes of a user's own PyTorch model (the optional extra ``descent-lab[torch]``).

It lives in ``engine/`` because it is plain computation (no Qt: the engine's import-linter contract covers it), and it
is a subpackage nobody imports by default, so the core app and its tests run without torch, dask or h5py. Every module
that needs torch imports it at the top and is only imported when the extra is used; :func:`require` turns a missing
extra into one sentence.

- :mod:`.loading`: a model (``.pt2`` from ``torch.export`` or ``module.py:factory`` + a ``state_dict``), data
  (``.npz``/``.pt`` with ``X`` and ``y``) and a named loss; every problem is a :class:`LandscapeError`.
- :mod:`.directions`: filter-normalised random directions (Li et al. 2018), the PCA plane of checkpoints, two named
  parameters, the line between two checkpoints.
- :mod:`.evaluate`: loss and accuracy at grid points, in ``torch.no_grad()`` over batches.
- :mod:`.run`: the grid in blocks, in this process or on ``dask.distributed`` workers, streamed into a resumable
  HDF5 file.
- :mod:`.surface_file`: read/write tomgoldstein/loss-landscape's HDF5 surface layout (h5py only) and turn a surface
  into an engine :class:`~engine.functions.base.TestFunction` (bilinear interpolation).
"""
from __future__ import annotations

INSTALL_HINT = "pip install 'descent-lab[torch]'"


class LandscapeError(ValueError):
    """Bad input for a model landscape: ``str()`` is one sentence for the user."""


class MissingExtra(LandscapeError):
    """torch, dask or h5py is not installed."""


def require(*modules: str) -> None:
    """Import ``modules`` or raise :class:`MissingExtra` naming the install command."""
    import importlib

    for name in modules:
        try:
            importlib.import_module(name)
        except ImportError:
            raise MissingExtra(f"{name} is not installed: model landscapes need the optional extra "
                               f"({INSTALL_HINT})") from None
