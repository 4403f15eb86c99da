"""``descent-lab install-desktop-entry`` / ``uninstall-desktop-entry``: a freedesktop launcher and icon on Linux.

Two files, both named after :data:`APP_ID`, so the windows Qt opens (``setDesktopFileName(APP_ID)``) group under the
launcher:

- ``<data>/applications/descent-lab.desktop`` (Desktop Entry Specification 1.4), whose ``Exec`` is the
  ``descent-lab`` script of the interpreter running this command (a pipx or virtual-environment install works
  without that folder on the desktop session's PATH);
- ``<data>/icons/hicolor/scalable/apps/descent-lab.svg`` (the packaged icon).

``<data>`` is ``$XDG_DATA_HOME`` (default ``~/.local/share``) with ``--user``, else ``/usr/local/share``. Each file is
written atomically; if the second cannot be written, the first is taken back, so nothing half-installed is left.
Uninstalling removes exactly these two files and no folder. No Qt is needed except to read the translated names.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

APP_ID = "descent-lab"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_FILE = f"{APP_ID}.svg"
SYSTEM_DATA_DIR = Path("/usr/local/share")
TRANSLATION_CONTEXT = "DesktopEntry"


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # noqa: N802 - the name pyside6-lupdate looks for
    """Marks a text for the catalogue without importing Qt (the headless commands never do)."""
    return text


NAME = "Descent Lab"
GENERIC_NAME = QT_TRANSLATE_NOOP("DesktopEntry", "Gradient descent visualiser")
COMMENT = QT_TRANSLATE_NOOP("DesktopEntry", "Watch gradient descent happen on 2D landscapes and network loss slices")
KEYWORDS = QT_TRANSLATE_NOOP("DesktopEntry", "gradient;descent;optimizer;optimization;machine learning;")
CATEGORIES = "Education;Math;"  # one main category, so the menu lists it once


class DesktopEntryError(Exception):
    """The entry could not be installed or removed; ``str()`` is one sentence for the user."""


def data_dir(user: bool) -> Path:
    """``$XDG_DATA_HOME`` (``~/.local/share`` when unset, empty or relative, as the XDG spec says) for ``--user``,
    else the system-wide :data:`SYSTEM_DATA_DIR`."""
    if not user:
        return SYSTEM_DATA_DIR
    env = os.environ.get("XDG_DATA_HOME", "")
    return Path(env) if env and os.path.isabs(env) else Path.home() / ".local" / "share"


def entry_paths(user: bool) -> tuple[Path, Path]:
    """(the .desktop file, the icon) that install writes and uninstall removes."""
    data = data_dir(user)
    return data / "applications" / DESKTOP_FILE, data / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE


def launcher_command() -> tuple[list[str], Path | None]:
    """(argv, working folder or None) that starts the app: the ``descent-lab`` script beside this interpreter (the
    one pip, pipx or ``make run`` installed), else ``python -m app`` run from the folder that holds the package."""
    script = Path(sys.executable).parent / APP_ID  # not resolved: a venv's python is a link out of the venv
    if script.is_file() and os.access(script, os.X_OK):
        return [str(script)], None
    import app
    return [sys.executable, "-m", "app"], Path(app.__file__).resolve().parents[1]


def _escape(value: str) -> str:
    """A ``string``/``localestring`` value: backslash, newline, tab and carriage return escaped."""
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r"))


_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


def exec_value(argv: list[str]) -> str:
    """The ``Exec`` value for ``argv``: arguments with reserved characters double-quoted (``"``, `````, ``$`` and
    ``\\`` backslash-escaped inside), ``%`` doubled, then escaped as a string value."""
    words = []
    for arg in argv:
        arg = arg.replace("%", "%%")
        if arg == "" or any(c in _RESERVED for c in arg):
            arg = '"' + "".join("\\" + c if c in '"`$\\' else c for c in arg) + '"'
        words.append(arg)
    return _escape(" ".join(words))


def _translators() -> dict[str, object]:
    """{locale: QTranslator} for every shipped catalogue; empty without Qt."""
    try:
        from PySide6.QtCore import QTranslator
    except ImportError:
        return {}
    from app.i18n import CATALOGUE, catalogue_dir

    out = {}
    for qm in sorted(catalogue_dir().glob(f"{CATALOGUE}_*.qm")):
        translator = QTranslator()
        if translator.load(str(qm)):
            out[qm.stem[len(CATALOGUE) + 1:]] = translator
    return out


def desktop_entry_text(argv: list[str], workdir: Path | None, version: str) -> str:
    """The .desktop file: English keys, a ``[locale]`` key for each translated text, launching ``argv``."""
    lines = ["[Desktop Entry]", "Type=Application", "Version=1.4", f"Name={NAME}"]
    translators = _translators()
    for key, text in (("GenericName", GENERIC_NAME), ("Comment", COMMENT), ("Keywords", KEYWORDS)):
        lines.append(f"{key}={_escape(text)}")
        for locale, translator in translators.items():
            translated = translator.translate(TRANSLATION_CONTEXT, text)
            if translated and translated != text:
                lines.append(f"{key}[{locale}]={_escape(translated)}")
    lines += [f"Exec={exec_value(argv)}", f"TryExec={_escape(argv[0])}"]
    if workdir is not None:
        lines.append(f"Path={_escape(str(workdir))}")
    lines += [f"Icon={APP_ID}", "Terminal=false", "StartupNotify=true", f"Categories={CATEGORIES}",
              f"X-Descent-Lab-Version={_escape(version)}"]
    return "\n".join(lines) + "\n"


def _write(path: Path, data: bytes) -> None:
    from engine.atomic import WriteError, atomic_write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_write(path) as f:
            f.write(data)
    except OSError as err:
        raise DesktopEntryError(f"cannot create {path.parent}: {(err.strerror or str(err)).lower()}") from None
    except WriteError as err:
        raise DesktopEntryError(str(err)) from None


def install(user: bool) -> list[Path]:
    """Write the icon, then the .desktop file; returns both paths. DesktopEntryError (and the icon taken back if it
    was new) when either cannot be written."""
    from app.resources import icon_path
    from app.version import version

    desktop, icon = entry_paths(user)
    argv, workdir = launcher_command()
    text = desktop_entry_text(argv, workdir, version())
    icon_existed = icon.exists()
    _write(icon, icon_path().read_bytes())
    try:
        _write(desktop, text.encode("utf-8"))
    except DesktopEntryError:
        if not icon_existed:
            icon.unlink(missing_ok=True)
        raise
    return [desktop, icon]


def uninstall(user: bool) -> tuple[list[Path], list[Path]]:
    """Remove the .desktop file and the icon that :func:`install` writes; (removed, not found)."""
    removed, missing = [], []
    for path in entry_paths(user):
        try:
            path.unlink()
        except FileNotFoundError:
            missing.append(path)
        except OSError as err:
            raise DesktopEntryError(f"cannot remove {path}: {(err.strerror or str(err)).lower()}") from None
        else:
            removed.append(path)
    return removed, missing


# --- the two subcommands (registered by app.cli) --------------------------------------------------------------------

def _configure(p: argparse.ArgumentParser) -> None:
    p.add_argument("--user", action="store_true",
                   help="for this user only: $XDG_DATA_HOME (default ~/.local/share) instead of /usr/local/share")


def _hint(user: bool) -> str:
    return "" if user else " (try --user, or run as root)"


def _run_install(args: argparse.Namespace) -> int:
    from app.cli import UsageError
    try:
        paths = install(args.user)
    except DesktopEntryError as e:
        raise UsageError(f"{e}{_hint(args.user)}") from None
    for path in paths:
        print(f"wrote {path}")
    return 0


def _run_uninstall(args: argparse.Namespace) -> int:
    from app.cli import UsageError
    try:
        removed, missing = uninstall(args.user)
    except DesktopEntryError as e:
        raise UsageError(f"{e}{_hint(args.user)}") from None
    for path in removed:
        print(f"removed {path}")
    for path in missing:
        print(f"not installed: {path}")
    return 0


def register_commands(register) -> None:
    """Add the two subcommands through ``app.cli.register``."""
    register("install-desktop-entry", "add Descent Lab to the desktop's application menu (Linux, freedesktop)",
             _configure, _run_install)
    register("uninstall-desktop-entry", "remove what install-desktop-entry wrote", _configure, _run_uninstall)
