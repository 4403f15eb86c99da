"""The layers of the house, enforced by import-linter (contracts in pyproject.toml), and files small enough to read."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MAX_LINES = 420  # "no file over ~400 lines"


def test_import_contracts_hold():
    out = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())"], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "3 kept, 0 broken" in out.stdout, out.stdout


def test_a_broken_contract_is_caught(tmp_path):
    """The check can fail: a model module that imports Qt breaks the "Qt-free" contract."""
    import shutil

    copy = tmp_path / "repo"
    for name in ("engine", "app"):
        shutil.copytree(ROOT / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.qm", "*.ts"))
    shutil.copy(ROOT / "pyproject.toml", copy / "pyproject.toml")
    (copy / "app" / "model" / "leak.py").write_text("from PySide6.QtCore import QObject\n")
    out = subprocess.run([sys.executable, "-c", "import sys; from importlinter.cli import lint_imports_command; "
                          "sys.exit(lint_imports_command())"], cwd=copy, capture_output=True, text=True, timeout=300,
                         env={"PYTHONPATH": str(copy), "PATH": "/usr/bin:/bin"})
    assert out.returncode != 0 and "app.model.leak -> PySide6" in out.stdout, out.stdout + out.stderr


def test_no_source_file_is_over_about_400_lines():
    long = {str(p.relative_to(ROOT)): n for p in [*ROOT.glob("engine/**/*.py"), *ROOT.glob("app/**/*.py")]
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"split these files: {long}"
