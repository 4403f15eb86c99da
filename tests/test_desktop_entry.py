"""``descent-lab install-desktop-entry`` / ``uninstall-desktop-entry``: the files, their keys, nothing left behind.

Every test points XDG_DATA_HOME (and the system folder) at a temporary folder: nothing is written to the real
~/.local/share or /usr/local/share.
"""
from __future__ import annotations

import configparser
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app import desktop_entry as de
from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_home(tmp_path, monkeypatch):
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    monkeypatch.setattr(de, "SYSTEM_DATA_DIR", tmp_path / "system")
    return home


def _read_entry(path: Path) -> dict[str, str]:
    parser = configparser.RawConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # keys are case-sensitive
    parser.read(path, encoding="utf-8")
    return dict(parser["Desktop Entry"])


def test_install_user_writes_the_entry_and_the_icon_under_xdg_data_home(data_home, capsys):
    assert main(["install-desktop-entry", "--user"]) == 0
    desktop = data_home / "applications" / "descent-lab.desktop"
    icon = data_home / "icons" / "hicolor" / "scalable" / "apps" / "descent-lab.svg"
    assert capsys.readouterr().out.split() == ["wrote", str(desktop), "wrote", str(icon)]
    assert icon.read_bytes() == (ROOT / "app" / "resources" / "icon.svg").read_bytes()
    keys = _read_entry(desktop)
    assert keys["Type"] == "Application" and keys["Name"] == "Descent Lab"
    assert keys["Icon"] == icon.stem  # a theme icon name: the file's name without .svg
    assert keys["Terminal"] == "false"
    assert keys["Categories"].endswith(";") and "Education" in keys["Categories"].split(";")
    # The same name Qt is given, so the window groups under this launcher
    assert desktop.name == de.APP_ID + ".desktop"
    argv = shlex.split(keys["Exec"])
    assert argv[0] == keys["TryExec"] and os.access(argv[0], os.X_OK)
    beside = Path(sys.executable).parent / "descent-lab"
    assert argv == ([str(beside)] if beside.is_file() else [sys.executable, "-m", "app"])
    assert keys["Comment[zh_CN]"] and keys["Comment[zh_CN]"] != keys["Comment"]  # from the shipped catalogue
    assert keys["X-Descent-Lab-Version"]


def test_the_entry_passes_desktop_file_validate(data_home):
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate not installed (Debian: desktop-file-utils)")
    desktop, _ = de.install(user=True)
    out = subprocess.run([validator, str(desktop)], capture_output=True, text=True)
    assert out.returncode == 0 and "error" not in out.stdout + out.stderr, out.stdout + out.stderr


def test_the_validator_check_can_fail(tmp_path):
    validator = shutil.which("desktop-file-validate")
    if validator is None:
        pytest.skip("desktop-file-validate not installed (Debian: desktop-file-utils)")
    bad = tmp_path / "bad.desktop"
    bad.write_text("[Desktop Entry]\nType=Application\nName=X\nExec=x\nCategories=Education;Science;Nonsense\n")
    assert subprocess.run([validator, str(bad)], capture_output=True).returncode != 0


def test_uninstall_removes_exactly_the_two_files(data_home, capsys):
    apps = data_home / "applications"
    apps.mkdir(parents=True)
    neighbour = apps / "other-app.desktop"
    neighbour.write_text("[Desktop Entry]\n")
    desktop, icon = de.install(user=True)
    before = sorted(p for p in data_home.rglob("*"))
    assert main(["uninstall-desktop-entry", "--user"]) == 0
    out = capsys.readouterr().out
    assert f"removed {desktop}" in out and f"removed {icon}" in out
    after = sorted(p for p in data_home.rglob("*"))
    assert set(before) - set(after) == {desktop, icon}  # folders and the other app's entry stay
    assert neighbour.read_text() == "[Desktop Entry]\n"
    assert main(["uninstall-desktop-entry", "--user"]) == 0  # nothing there: says so, succeeds
    assert "not installed" in capsys.readouterr().out


def test_without_user_the_system_folder_is_used(data_home, tmp_path):
    desktop, icon = de.install(user=False)
    assert desktop == tmp_path / "system" / "applications" / "descent-lab.desktop"
    assert icon == tmp_path / "system" / "icons" / "hicolor" / "scalable" / "apps" / "descent-lab.svg"
    assert desktop.is_file() and icon.is_file() and not data_home.exists()
    assert de.uninstall(user=False) == ([desktop, icon], [])


@pytest.mark.parametrize("value", ["", "relative/dir"])
def test_unset_or_relative_xdg_data_home_means_local_share(monkeypatch, tmp_path, value):
    monkeypatch.setenv("XDG_DATA_HOME", value)
    monkeypatch.setenv("HOME", str(tmp_path))
    assert de.data_dir(user=True) == tmp_path / ".local" / "share"


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere")
def test_an_unwritable_folder_is_one_line_and_leaves_nothing(data_home, capsys):
    apps = data_home / "applications"
    apps.mkdir(parents=True)
    apps.chmod(0o500)
    try:
        assert main(["install-desktop-entry", "--user"]) == 2
    finally:
        apps.chmod(0o700)
    err = capsys.readouterr().err
    assert err.startswith("descent-lab: error: cannot write to ") and err.count("\n") == 1
    assert [p for p in data_home.rglob("*") if p.is_file()] == []  # the icon written first was taken back


def test_a_failed_entry_takes_the_new_icon_back(data_home, monkeypatch, capsys):
    """Independent of permissions (the suite may run as root): the .desktop path is a folder, so it cannot be
    written; the icon, written first, must be removed again."""
    (data_home / "applications" / "descent-lab.desktop").mkdir(parents=True)
    assert main(["install-desktop-entry", "--user"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("descent-lab: error: ") and "descent-lab.desktop" in err and err.count("\n") == 1
    assert [p for p in data_home.rglob("*") if p.is_file()] == []


def test_system_install_error_suggests_user(data_home, tmp_path, capsys):
    (tmp_path / "system").write_text("a file where a folder should be")
    assert main(["install-desktop-entry"]) == 2
    assert "(try --user, or run as root)" in capsys.readouterr().err


@pytest.mark.parametrize("argv, expected", [
    (["/opt/descent-lab/bin/descent-lab"], "/opt/descent-lab/bin/descent-lab"),
    (["/home/a b/venv/bin/python", "-m", "app"], '"/home/a b/venv/bin/python" -m app'),
    # spec: inside quotes ", `, $ and \ take a backslash; then the string-value escape doubles every backslash
    (['/x/$HOME"q`\\/py'], '"/x/\\\\$HOME\\\\"q\\\\`\\\\\\\\/py"'),
    (["/x/100%/py"], "/x/100%%/py"),
])
def test_exec_quoting_follows_the_desktop_entry_spec(argv, expected):
    assert de.exec_value(argv) == expected


def test_exec_quoting_round_trips_through_a_shell_like_reader():
    argv = ["/home/a b/it's/py", "-m", "app"]
    value = de.exec_value(argv)
    assert shlex.split(value) == argv  # no backslashes here, so the string-value escape changes nothing


def test_the_desktop_entry_commands_do_not_import_qt():
    script = ("import sys, tempfile, os; os.environ['XDG_DATA_HOME'] = tempfile.mkdtemp(); "
              "from app.cli import main; "
              "assert main(['uninstall-desktop-entry', '--user']) == 0; "
              "assert main(['--version']) == 0; "
              "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_version_flag(capsys):
    from app.version import version

    assert main(["--version"]) == 0
    assert capsys.readouterr().out == f"descent-lab {version()}\n"
