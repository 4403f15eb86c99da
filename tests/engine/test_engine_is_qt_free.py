"""The engine must stay a plain NumPy library: importing every module under engine/ pulls in no Qt and no app."""
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = """
import json, pkgutil, sys, importlib
import engine
OPTIONAL = {"numba", "torch", "dask", "distributed", "h5py", "sklearn"}  # the extras [fast] and [torch]
names = [m.name for m in pkgutil.walk_packages(engine.__path__, "engine.", onerror=lambda name: None)]
for name in names:
    try:
        importlib.import_module(name)
    except ModuleNotFoundError as err:  # a module of an optional extra that is not installed
        if (err.name or "").split(".")[0] not in OPTIONAL:
            raise
banned = sorted(m for m in sys.modules if m.split(".")[0] in ("PySide6", "shiboken6", "pyqtgraph", "app"))
print(json.dumps({"modules": names, "banned": banned}))
"""


def test_engine_imports_no_qt_and_no_app():
    out = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert "engine.descent" in result["modules"] and "engine.optimizers" in result["modules"]
    assert result["banned"] == []

