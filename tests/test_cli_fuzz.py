"""Hostile command lines (issue 18 item 3 and 9): each call exits 0 or 2, never with a traceback; an error is one
line; a refused export writes nothing; JSON output is strict JSON (no NaN/Infinity); numeric options out of their
documented range are refused before any work."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

from app import cli
from app.cli import main

ROOT = Path(__file__).resolve().parents[1]
HIMMELBLAU = ROOT / "app" / "resources" / "scenes" / "himmelblau-four-basins.json"

HOSTILE_NUMBERS = ["0", "-0", "0.0", "1e-320", "1e-300", "0.0001", "0.001", "1e308", "1e309", "-1e308", "inf", "-inf",
                   "nan", "NaN", "-1", "-0.5", "1.5", "5.5", "1e12", "100000000", "1000000000000", "", " ", "abc",
                   "0x10", "1_000", "\u0663", "1e6", "10", "3", "2", "0.5", "--", "1e-5", "9" * 400]
FORMULAS = ["sphere", "rosenbrock", "1/x", "log(x)", "log(x) + y", "sqrt(x*y)", "1/(x*y)", "x/0", "sqrt(-x^2)", "x^2+y^2", "abs(x)+min(x,y)", "nope",
            "__import__('os')", "tan(pi/2)+x", "x" * 600, "1/(x-y)"]
STRICT = {"parse_constant": lambda name: (_ for _ in ()).throw(AssertionError(f"JSON constant {name}"))}


def _number(rng):
    return rng.choice(HOSTILE_NUMBERS)


def _evaluate(rng):
    point = [rng.choice([_number(rng), "0", "-1"]) for _ in range(2)]
    argv = ["evaluate", rng.choice(FORMULAS), *point]
    return argv + (["--json"] if rng.random() < 0.6 else [])


def _descend(rng):
    argv = ["descend", rng.choice(FORMULAS)]
    for _ in range(rng.choice([1, 1, 2, 3])):
        argv += ["--start", rng.choice([_number(rng), "1", "-0.5"]), rng.choice([_number(rng), "2"])]
    for flag in ("--lr", "--steps", "--tol", "--bound", "--momentum", "--beta1", "--eps", "--lr-decay"):
        if rng.random() < 0.4:
            argv += [flag, _number(rng)]
    if "--steps" not in argv:
        argv += ["--steps", rng.choice(["50", "200"])]
    argv += [rng.choice(["--optimizer", "--optimizer"]), rng.choice(["gd", "adam", "momentum", "nesterov", "nope"])]
    return argv + rng.choice([[], ["--json"], ["--csv"]])


def _export(rng, out):
    # The scene does not exist: a call whose numbers are all in range is refused for the scene, so nothing renders.
    argv = ["export", str(out.parent / "missing-scene.json"), "-o", str(out.with_suffix(rng.choice([".gif", ".apng",
                                                                                                     ".mp4", ".png"])))]
    for flag in ("--fps", "--hold", "--size"):
        if rng.random() < 0.6:
            argv += [flag, _number(rng) if flag != "--size" else rng.choice(["0x0", "1x1", "99999x2", "64x64", "abc"])]
    timing = rng.choice(["--duration", "--iterations-per-frame", None])
    if timing:
        argv += [timing, _number(rng)]
    return argv


def _other(rng):
    return rng.choice([["nope"], ["functions", "--json"], ["functions", "extra"], ["evaluate"], ["descend", "sphere"],
                       ["--nope"], ["open"], ["export"], ["evaluate", "sphere", "1"]])


def fuzz_calls(n, seed, out):
    rng = random.Random(seed)
    makers = [_evaluate, _descend, _descend, lambda r: _export(r, out), lambda r: _export(r, out), _other]
    return [rng.choice(makers)(rng) for _ in range(n)]


def test_two_hundred_random_calls_exit_cleanly(capsys, tmp_path):
    calls = fuzz_calls(200, seed=18, out=tmp_path / "out")
    outcomes = {0: 0, 2: 0}
    for argv in calls:
        code = main(argv)   # any exception here is a traceback the user would see
        out, err = capsys.readouterr()
        assert code in (0, 2), argv
        outcomes[code] += 1
        if code == 2:
            assert err.startswith("descent-lab: error: ") and err.count("\n") == 1, (argv, err)
        if code == 0 and "--json" in argv:
            json.loads(out, **STRICT)
    assert sorted(p.name for p in tmp_path.iterdir()) == [], "a refused export left a file"
    assert outcomes[0] >= 5 and outcomes[2] >= 100, outcomes   # the mix exercises both paths


# The tracebacks and runaway calls of the issue, each with the option it must name.
ISSUE_CASES = [
    (["--fps", "0"], "--fps"), (["--fps", "0.0001"], "--fps"), (["--fps", "1e-300"], "--fps"),
    (["--fps", "0.001"], "--fps"), (["--hold", "1e308"], "--hold"), (["--duration", "1e308"], "--duration"),
    (["--fps", "1e308", "--duration", "10"], "--fps"), (["--iterations-per-frame", "1e-320"], "--iterations-per-frame"),
    (["--fps", "200", "--duration", "200"], "--duration"), (["--fps", "240", "--hold", "100"], "--hold"),
]


@pytest.mark.parametrize("options, option", ISSUE_CASES, ids=lambda v: " ".join(v) if isinstance(v, list) else v)
@pytest.mark.parametrize("suffix", [".gif", ".apng"])
def test_export_numbers_out_of_range_are_refused_before_any_work(capsys, tmp_path, options, option, suffix):
    out = tmp_path / ("out" + suffix)
    code = main(["export", str(HIMMELBLAU), "-o", str(out), "--size", "64x64", *options])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and option in err, err
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_descend_steps_times_runs_is_capped_by_memory(capsys):
    code = main(["descend", "sphere", "--start", "1", "1", "--steps", "100000000"])
    assert code == 2 and "--steps" in capsys.readouterr().err
    starts = [a for k in range(20) for a in ("--start", str(k), "1")]
    code = main(["descend", "sphere", *starts, "--steps", "1000000"])
    err = capsys.readouterr().err
    # 20 runs × 1,000,001 rows × 80 bytes = 1.6 GB > the 512 MB budget
    assert code == 2 and "limit" in err and "512 MB" in err and err.count("\n") == 1
    code = main(["descend", "sphere", "--start", "1", "1", "--steps", "1e12"])
    assert code == 2 and "--steps" in capsys.readouterr().err


@pytest.mark.parametrize("argv", [["evaluate", "1/x", "0", "0", "--json"], ["evaluate", "log(x)", "-1", "0", "--json"],
                                  ["descend", "1/x", "--start", "0", "1", "--steps", "5", "--json"]])
def test_json_output_has_null_never_nan_or_infinity(capsys, argv):
    code = main(argv)
    out, err = capsys.readouterr()
    if code == 2:   # a descent may refuse an undefined start in one line; then there is no JSON to check
        assert err.count("\n") == 1
        return
    data = json.loads(out, **STRICT)
    assert "NaN" not in out and "Infinity" not in out
    if argv[0] == "evaluate":
        assert data["value"] is None and data["descent_angle_deg"] is None and data["defined"] is False


def test_undefined_point_is_not_called_stationary(capsys):
    code = main(["evaluate", "log(x) + y^2", "-1", "0"])
    out = capsys.readouterr().out
    assert code == 0 and "stationary" not in out and "undefined" in out
    code = main(["evaluate", "x^2 + y^2", "0", "0"])
    assert code == 0 and "stationary" in capsys.readouterr().out


@pytest.mark.parametrize("argv", [["evaluate", "x/0", "1", "1"], ["evaluate", "x + tan(pi/2)", "1", "1", "--json"],
                                  ["descend", "log(x-x)", "--start", "1", "1"]])
def test_formulas_undefined_everywhere_are_one_line_errors(capsys, argv):
    assert main(argv) == 2
    assert capsys.readouterr().err.count("\n") == 1


def test_a_real_process_prints_no_traceback(tmp_path):
    """A few of the calls through the real entry point: stderr one line, no 'Traceback'."""
    for argv in (["export", str(HIMMELBLAU), "-o", str(tmp_path / "a.gif"), "--fps", "0.001"],
                 ["descend", "sphere", "--start", "1", "1", "--steps", "100000000"],
                 ["evaluate", "1/x", "0", "0", "--json"]):
        proc = subprocess.run([sys.executable, "-m", "app.cli", *argv], capture_output=True, text=True, cwd=ROOT,
                              timeout=120)
        assert "Traceback" not in proc.stderr and proc.returncode in (0, 2), proc.stderr
        if proc.returncode == 0:
            json.loads(proc.stdout, **STRICT)
    assert list(tmp_path.iterdir()) == []


def test_documented_ranges_appear_in_help(capsys):
    main(["export", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "from 0.1 to 240" in text and "20,000 frames" in text
    assert __import__("app.cli_export", fromlist=["x"]).MAX_EXPORT_FRAMES == __import__("app.export", fromlist=["MAX_FRAMES"]).MAX_FRAMES


def test_gui_commands_without_a_display_are_one_line_and_exit_2(capsys, monkeypatch):
    """Issue 13 item 9: no X11/Wayland display and no QT_QPA_PLATFORM: a message, not Qt's abort."""
    import app.__main__
    started = []
    monkeypatch.setattr(app.__main__, "run_gui", lambda argv: started.append(argv) or 0)
    monkeypatch.setattr(sys, "platform", "linux")
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    for argv in ([], ["open", str(HIMMELBLAU)]):
        assert main(argv) == 2, argv
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "no display" in err
    assert started == []
    monkeypatch.setenv("QT_QPA_PLATFORM", "offscreen")   # an explicit platform is the user's choice
    assert main(["open", str(HIMMELBLAU)]) == 0 and len(started) == 1


def test_gui_command_without_a_display_in_a_real_process():
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    proc = subprocess.run([sys.executable, "-m", "app.cli", "open", str(HIMMELBLAU)], capture_output=True, text=True,
                          cwd=ROOT, env=env, timeout=120)
    if not sys.platform.startswith("linux"):
        pytest.skip("the check is for Linux")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "no display" in proc.stderr, proc.stderr
