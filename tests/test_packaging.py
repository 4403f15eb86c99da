"""The wheel carries everything the app reads at run time, and the sdist builds it.

Builds the sdist and, from it, the wheel (``python -m build --no-isolation``, as tools/wheel_smoke.sh does) from a copy
of the checkout, then compares the wheel's file list with the checkout's files: the checkout is the truth, the build
configuration in pyproject.toml is what is tested. Takes about 5 s.
"""
from __future__ import annotations

import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from app import version as version_mod

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def _checkout_files() -> list[str]:
    """The files a clone has (tracked, plus new files not ignored), relative to ROOT."""
    out = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                         capture_output=True, text=True)
    if out.returncode != 0:
        pytest.skip("not a git checkout: cannot tell source files from build output")
    return [f for f in out.stdout.splitlines() if (ROOT / f).is_file()]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """(wheel path, sdist path), built from a copy of the checkout so the checkout gets no build output."""
    work = tmp_path_factory.mktemp("build")
    src = work / "src"
    for rel in _checkout_files():
        (src / rel).parent.mkdir(parents=True, exist_ok=True)
        (src / rel).write_bytes((ROOT / rel).read_bytes())
    out = subprocess.run([sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist"), str(src)],
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, (out.stdout + out.stderr)[-3000:]
    (wheel,) = (work / "dist").glob("descent_lab-*.whl")
    (sdist,) = (work / "dist").glob("descent_lab-*.tar.gz")
    return wheel, sdist


def _runtime_files() -> list[str]:
    """What the app reads at run time, as the checkout has it."""
    files = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app" / "resources" / "scenes").glob("*.json"))
    files += ["app/resources/icon.svg"]
    files += sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "app" / "i18n").glob("*.qm"))
    return files


def test_the_wheel_carries_the_scenes_the_icon_and_the_translations_byte_for_byte(built):
    wheel, _ = built
    runtime = _runtime_files()
    assert len([f for f in runtime if f.endswith(".json")]) >= 5 and any(f.endswith(".qm") for f in runtime)
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        missing = [f for f in runtime if f not in names]
        assert not missing, f"the wheel lacks {missing}"
        changed = [f for f in runtime if zf.read(f) != (ROOT / f).read_bytes()]
        assert not changed, f"the wheel's copy differs from the checkout's: {changed}"


def test_the_wheel_has_every_module_and_nothing_that_is_not_the_app(built):
    wheel, _ = built
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
    modules = {f for f in _checkout_files() if f.endswith(".py") and f.split("/")[0] in ("app", "engine")
               and not f.startswith("app/i18n/")}  # app/i18n/*.py only feed lupdate; never imported
    assert modules and not modules - names, f"modules missing from the wheel: {sorted(modules - names)}"
    top = {n.split("/")[0] for n in names}
    assert top == {"app", "engine", f"descent_lab-{PYPROJECT['version']}.dist-info"}, top
    assert not [n for n in names if n.endswith((".ts", ".pyc")) or n.startswith("app/i18n/") and n.endswith(".py")]


def test_the_wheel_metadata_names_the_version_and_the_command(built):
    wheel, _ = built
    info = f"descent_lab-{PYPROJECT['version']}.dist-info"
    with zipfile.ZipFile(wheel) as zf:
        metadata = zf.read(f"{info}/METADATA").decode()
        entry_points = zf.read(f"{info}/entry_points.txt").decode()
    assert f"\nVersion: {PYPROJECT['version']}\n" in metadata
    assert "descent-lab = app.cli:main" in entry_points


def test_the_sdist_carries_the_translation_source_and_the_examples(built):
    _, sdist = built
    stem = sdist.name[: -len(".tar.gz")]
    with tarfile.open(sdist) as tf:
        names = {n.split("/", 1)[1] for n in tf.getnames() if "/" in n}
    wanted = _runtime_files() + ["app/i18n/descent_lab_zh_CN.ts", "pyproject.toml", "README.md",
                                 "tools/update_translations.py", "tools/wheel_smoke.sh"]
    assert not [f for f in wanted if f not in names], stem


def test_version_is_the_pyproject_version():
    assert version_mod.version() == PYPROJECT["version"]


def test_version_falls_back_to_the_source_tree_and_says_so(monkeypatch, tmp_path):
    def not_installed(name):
        raise version_mod.metadata.PackageNotFoundError(name)

    monkeypatch.setattr(version_mod.metadata, "version", not_installed)
    assert version_mod.version() == f"{PYPROJECT['version']} (source tree)"
    other = tmp_path / "pyproject.toml"
    other.write_text('[project]\nname = "something-else"\nversion = "9.9"\n')
    monkeypatch.setattr(version_mod, "SOURCE_PYPROJECT", other)
    assert version_mod.version() == "unknown"
    monkeypatch.setattr(version_mod, "SOURCE_PYPROJECT", tmp_path / "missing.toml")
    assert version_mod.version() == "unknown"
