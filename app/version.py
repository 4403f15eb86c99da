"""Descent Lab's version, written once: ``version`` in pyproject.toml, read back from the installed package's metadata.

A source tree that was never installed has no metadata; then the version is read from the tree's own pyproject.toml
and marked as such (``0.1.0 (source tree)``), so a bug report still says which code ran. Importing this module never
imports Qt: ``descent-lab --version`` stays headless.
"""
from __future__ import annotations

import platform
from importlib import metadata
from pathlib import Path

DISTRIBUTION = "descent-lab"
UNKNOWN = "unknown"
SOURCE_PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"  # exists in a source checkout only


def source_tree_version(pyproject: Path = SOURCE_PYPROJECT) -> str | None:
    """``project.version`` of Descent Lab's pyproject.toml, None if there is none (an installed package)."""
    import tomllib

    try:
        with open(pyproject, "rb") as f:
            project = tomllib.load(f).get("project", {})
    except (OSError, tomllib.TOMLDecodeError):
        return None
    if project.get("name") != DISTRIBUTION or not isinstance(project.get("version"), str):
        return None
    return project["version"]


def version() -> str:
    """The installed package's version; from a never-installed source tree its pyproject.toml's, marked."""
    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        pass
    source = source_tree_version(SOURCE_PYPROJECT)
    return f"{source} (source tree)" if source else UNKNOWN


def library_versions() -> dict[str, str]:
    """The versions a bug report needs: Descent Lab, Python, Qt (run time), PySide6, pyqtgraph and NumPy. Imports
    Qt: for the GUI's About box, not for the headless commands."""
    import numpy
    import pyqtgraph
    import PySide6
    from PySide6.QtCore import qVersion

    return {"Descent Lab": version(), "Python": platform.python_version(), "Qt": qVersion(),
            "PySide6": PySide6.__version__, "pyqtgraph": pyqtgraph.__version__, "NumPy": numpy.__version__}
