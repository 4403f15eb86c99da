"""Headless commands: output, exit codes, one-line errors; no Qt imported."""
import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from app.cli import COMMANDS, main, resolve_landscape, UsageError

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_functions_lists_the_catalogue(capsys):
    code, out, _ = run(capsys, "functions")
    assert code == 0 and "rosenbrock" in out and "himmelblau" in out
    code, out, _ = run(capsys, "functions", "--json")
    data = json.loads(out)
    assert code == 0 and {"rosenbrock", "sphere"} <= {d["name"] for d in data}
    assert all(len(d["view"]) == 2 and isinstance(d["minima"], list) for d in data)


def test_evaluate_json_against_hand_values(capsys):
    # Himmelblau at (0, 0): f = 121 + 49 = 170; ∇f = (2·(−7), 2·(−11)) = (−14, −22); −∇f = (14, 22)
    code, out, _ = run(capsys, "evaluate", "himmelblau", "0", "0", "--json")
    d = json.loads(out)
    assert code == 0 and d["value"] == 170.0 and d["gradient"] == [-14.0, -22.0]
    assert d["grad_norm"] == pytest.approx(np.hypot(14, 22))
    assert d["descent_angle_deg"] == pytest.approx(np.degrees(np.arctan2(22, 14)))


def test_evaluate_text_and_stationary_point(capsys):
    code, out, _ = run(capsys, "evaluate", "sphere", "-1.5", "2")
    assert code == 0 and "6.25" in out
    code, out, _ = run(capsys, "evaluate", "sphere", "0", "0", "--json")
    assert json.loads(out)["descent_angle_deg"] is None


def test_descend_summary_json_and_csv(capsys):
    args = ["descend", "sphere", "--start", "1", "2", "--start", "-0.5", "0.5", "--optimizer", "gd", "--lr", "0.1",
            "--steps", "500"]
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.count("converged") == 2
    code, out, _ = run(capsys, *args, "--json")
    d = json.loads(out)
    assert code == 0 and [r["status"] for r in d["runs"]] == ["converged", "converged"]
    rows = d["rows"]
    assert rows[0] == [0, 0, 1.0, 2.0, 5.0, 2.0, 4.0]
    assert rows[1][:4] == [0, 1, pytest.approx(0.8), pytest.approx(1.6)]   # x₁ = x₀ − 0.1·(2, 4)
    assert len(rows) == sum(r["stopped_at"] + 1 for r in d["runs"])
    code, out, _ = run(capsys, *args, "--csv")
    table = list(csv.reader(io.StringIO(out)))
    assert code == 0 and table[0] == ["run", "step", "x", "y", "f", "dfdx", "dfdy"] and len(table) == len(rows) + 1
    assert [float(v) for v in table[2][2:4]] == pytest.approx([0.8, 1.6])


def test_descend_hyper_parameters_reach_the_optimizer(capsys):
    code, out, _ = run(capsys, "descend", "rosenbrock", "--start", "-1.5", "2", "--optimizer", "adam", "--lr", "0.02",
                       "--beta1", "0.8", "--steps", "10", "--json")
    assert code == 0 and json.loads(out)["hyper"] == {"beta1": 0.8, "beta2": 0.999, "eps": 1e-8}


@pytest.mark.parametrize("argv,words", [
    (["evaluate", "rosenbrok", "1", "2"], ["rosenbrok", "rosenbrock"]),
    (["evaluate", "sphere", "1"], ["y"]),
    (["evaluate", "sphere", "1", "nan"], ["finite"]),
    (["descend", "sphere", "--start", "1", "2", "--optimizer", "sgd"], ["optimizer", "adam"]),
    (["descend", "sphere", "--start", "1", "2", "--lr", "-1"], ["lr", "> 0"]),
    (["descend", "sphere", "--start", "1", "2", "--steps", "0"], ["steps"]),
    (["descend", "sphere", "--start", "1", "2", "--beta1", "0.5"], ["beta1", "gd"]),
    (["descend", "sphere"], ["--start"]),
    (["descend", "sphere", "--start", "1", "2", "--json", "--csv"], ["--csv"]),
    (["bogus"], ["bogus"]),
])
def test_bad_input_is_one_line_and_status_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("descent-lab: error: ")
    for w in words:
        assert w in lines[0]


def test_resolve_landscape():
    assert resolve_landscape("rosenbrock").name == "rosenbrock"
    with pytest.raises(UsageError, match="unknown function"):
        resolve_landscape("no-such-landscape((")


def test_subcommands_are_registered_in_a_table():
    assert {"functions", "evaluate", "descend"} <= set(COMMANDS)


def test_as_a_process_no_traceback_and_no_qt():
    bad = subprocess.run([sys.executable, "-m", "app.cli", "descend", "sphere", "--start", "x", "2"], cwd=ROOT,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and len(bad.stderr.strip().splitlines()) == 1
    script = ("import sys, app.cli; app.cli.main(['functions']); app.cli.main(['descend', 'sphere', '--start', '1',"
              " '1']); print(sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6',"
              " 'pyqtgraph')))")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_export_holds_the_last_frame_as_long_as_the_dialog_does():
    from app.cli import build_parser
    from app.cli_export import DEFAULT_HOLD_S
    from app.export.timeline import DEFAULT_HOLD_S as TIMELINE_DEFAULT

    assert DEFAULT_HOLD_S == TIMELINE_DEFAULT == 1.0
    args = build_parser().parse_args(["export", "scene.json", "-o", "out.gif"])
    assert args.hold is None  # resolved when the export runs: 1 s, or 0 when --duration gives the whole length


def test_python_dash_m_reports_errors_of_every_command_module_in_one_line():
    """Under ``python -m app.cli`` the command modules' UsageError is the one main() catches (no second copy)."""
    out = subprocess.run([sys.executable, "-m", "app.cli", "chain", "x*y", "1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 2 and "Traceback" not in out.stderr and len(out.stderr.strip().splitlines()) == 1
