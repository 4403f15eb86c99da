"""Data files the app reads at run time (example scenes, the icon), shipped inside the package.

Everything here is found through :mod:`importlib.resources`, never through paths relative to the source tree, so a
source checkout, an editable install and an installed wheel all read the same files. Translations live beside the
code in ``app/i18n/`` and are found the same way by :mod:`app.i18n`.
"""
from __future__ import annotations

import atexit
import contextlib
from importlib.resources import as_file, files
from importlib.resources.abc import Traversable
from pathlib import Path

SCENES = "scenes"
ICON = "icon.svg"

_extracted = contextlib.ExitStack()  # temporary copies made for a package imported from a zip archive
atexit.register(_extracted.close)


def resource(package: str, *parts: str) -> Traversable:
    """The bundled file or folder ``parts`` of ``package`` (it may not exist)."""
    return files(package).joinpath(*parts)


def resource_path(package: str, *parts: str) -> Path:
    """A real file-system path to the bundled file or folder ``parts`` of ``package``, for APIs that need one (Qt's
    icon and translation loaders). Installed packages are plain folders, so this is the file itself; from a zip
    archive it is a temporary copy that lives until the interpreter exits (for a folder, Python >= 3.12)."""
    return _extracted.enter_context(as_file(resource(package, *parts)))


def example_scenes() -> list[Path]:
    """The shipped example scenes (``*.json``), sorted by file name; empty if the folder is missing."""
    folder = resource_path(__name__, SCENES)
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def example_scene(file_name: str) -> Path:
    """The shipped example scene ``file_name`` (e.g. ``"himmelblau-four-basins.json"``)."""
    return resource_path(__name__, SCENES, file_name)


def icon_path() -> Path:
    """The application icon (SVG)."""
    return resource_path(__name__, ICON)
