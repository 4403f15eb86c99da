"""`evaluate --direction`, `chain` and `lessons`: hand-computed numbers, one-line errors with exit 2, no Qt."""
import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_evaluate_direction_by_hand(capsys):
    # Himmelblau at (0, 0): ∇f = (−14, −22). Along +y (90°) D_u f = −22; along +x −14; along 180° +14.
    code, out, _ = run(capsys, "evaluate", "himmelblau", "0", "0", "--direction", "90", "--json")
    d = json.loads(out)
    assert code == 0 and d["u"] == pytest.approx([0.0, 1.0], abs=1e-15)
    assert d["directional_derivative"] == pytest.approx(-22.0)
    for degrees, expected in (("0", -14.0), ("180", 14.0), ("45", -36 / math.sqrt(2))):
        code, out, _ = run(capsys, "evaluate", "himmelblau", "0", "0", "--direction", degrees, "--json")
        assert json.loads(out)["directional_derivative"] == pytest.approx(expected)


def test_evaluate_direction_of_a_formula_against_finite_differences(capsys):
    code, out, _ = run(capsys, "evaluate", "x^2*y + sin(y)", "1.2", "-0.7", "--direction", "123", "--json")
    d = json.loads(out)
    f = lambda x, y: x * x * y + math.sin(y)  # noqa: E731
    u = (math.cos(math.radians(123)), math.sin(math.radians(123)))
    h = 1e-6
    fd = (f(1.2 + h * u[0], -0.7 + h * u[1]) - f(1.2 - h * u[0], -0.7 - h * u[1])) / (2 * h)
    assert d["directional_derivative"] == pytest.approx(fd, rel=1e-7)


def test_evaluate_text_output_and_without_direction(capsys):
    code, out, _ = run(capsys, "evaluate", "himmelblau", "0", "0", "--direction", "90")
    assert code == 0 and "D_u f      = -22" in out and "u          = (" in out
    code, out, _ = run(capsys, "evaluate", "himmelblau", "0", "0", "--json")
    assert "directional_derivative" not in json.loads(out)


def test_evaluate_bad_direction(capsys):
    code, out, err = run(capsys, "evaluate", "himmelblau", "0", "0", "--direction", "north")
    assert code == 2 and out == "" and err.count("\n") == 1 and "not a number" in err


def test_chain_json_product_is_the_derivative(capsys):
    code, out, _ = run(capsys, "chain", "sin(x^2)", "1.5", "--json")
    d = json.loads(out)
    assert code == 0
    assert d["value"] == pytest.approx(math.sin(2.25))
    assert d["derivative"] == pytest.approx(math.cos(2.25) * 3.0)
    assert d["symbolic_value"] == pytest.approx(math.cos(2.25) * 3.0)
    # the backward products multiply along the path sin -> x² -> x
    products = [s["product"] for s in d["backward"]]
    assert products == pytest.approx([math.cos(2.25), math.cos(2.25) * 3.0])
    assert [n["op"] for n in d["nodes"]][:3] == ["sin", "^", "x"]


def test_chain_text(capsys):
    code, out, _ = run(capsys, "chain", "x*sin(x)", "0.7")
    assert code == 0 and f"dh/dx = {math.sin(0.7) + 0.7 * math.cos(0.7):.10g}" in out and "sympy:" in out


@pytest.mark.parametrize("argv, words", [(("chain", "sin(x*y)", "1"), "x alone"),
                                         (("chain", "sin(", "1"), "formula:"),
                                         (("chain", "log(x)", "-1"), "not defined"),
                                         (("chain", "x", "inf"), "not a finite number")])
def test_chain_bad_input_is_one_line(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and words in err


def test_lessons_lists_the_bundled_lessons(capsys):
    code, out, _ = run(capsys, "lessons", "--json")
    data = json.loads(out)
    files = sorted((ROOT / "app" / "resources" / "lessons").glob("*.json"))
    assert code == 0 and len(data) == len(files) >= 8
    by_id = {d["id"]: d for d in data}
    for f in files:
        doc = json.loads(f.read_text(encoding="utf-8"))
        assert by_id[doc["id"]] == {"id": doc["id"], "title": doc["title"], "steps": len(doc["steps"])}
    code, out, _ = run(capsys, "lessons")
    assert code == 0 and "chain-rule" in out


def test_the_new_commands_do_not_import_qt():
    script = ("import sys, app.cli; app.cli.main(['chain', 'sin(x^2)', '1']); app.cli.main(['lessons']);"
              "app.cli.main(['evaluate', 'sphere', '1', '1', '--direction', '30']);"
              "assert not [m for m in sys.modules if m.startswith(('PySide6', 'pyqtgraph'))], 'Qt imported'")
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
