"""`descent-lab analyze` and `descent-lab sweep`: hand-computed values, agreement with descend, one-line errors."""
import json
import math

import pytest

from app.cli import main
from engine import functions
from engine.descent import descend


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_by_hand(capsys):
    # Rosenbrock's Hessian at (1, 1): [[802, −400], [−400, 200]]; trace 1002, det 400
    code, out, _ = run(capsys, "analyze", "rosenbrock", "1", "1", "--json")
    d = json.loads(out)
    root = math.sqrt(501 ** 2 - 400)
    assert code == 0 and d["hessian"] == [[802.0, -400.0], [-400.0, 200.0]]
    assert d["eigenvalues"] == pytest.approx([501 - root, 501 + root])
    assert d["condition"] == pytest.approx((501 + root) / (501 - root))
    assert d["critical_lr"] == pytest.approx(2 / (501 + root)) and d["best_lr"] == pytest.approx(2 / 1002)
    H = d["hessian"]
    for lam, v in zip(d["eigenvalues"], d["eigenvectors"]):
        assert math.hypot(*v) == pytest.approx(1.0)
        Hv = [H[0][0] * v[0] + H[0][1] * v[1], H[1][0] * v[0] + H[1][1] * v[1]]
        assert Hv == pytest.approx([lam * v[0], lam * v[1]])


def test_analyze_formula_text_and_placement(capsys):
    code, out, _ = run(capsys, "analyze", "x^2 + 25*y^2", "0.5", "0.5", "--lr", "0.042")
    assert code == 0 and "η = 0.042 > 2/λ_max = 0.04: diverges along the steep axis" in out
    code, out, _ = run(capsys, "analyze", "saddle", "0", "0", "--json")
    assert json.loads(out)["best_lr"] is None


def test_sweep_cells_equal_descend(capsys):
    code, out, _ = run(capsys, "sweep", "ill-conditioned", "--start", "1", "1", "--optimizer", "momentum",
                       "--lr", "0.001:0.05:4", "--momentum", "0:0.9:3", "--steps", "1500", "--json")
    d = json.loads(out)
    assert code == 0 and len(d["cells"]) == 3 and len(d["cells"][0]) == 4
    fn = functions.get("ill-conditioned")
    for i, mu in enumerate(d["second"]):
        for j, lr in enumerate(d["lr"]):
            t = descend(fn, (1, 1), "momentum", lr, 1500, momentum=mu)
            expected = int(t.stopped_at[0]) if t.status[0] == "converged" else \
                {"diverged": "diverged", "max_steps": "not converged"}[t.status[0]]
            assert d["cells"][i][j] == expected
    assert d["lr"][0] == pytest.approx(0.001) and d["lr"][-1] == pytest.approx(0.05)
    assert d["lr"][1] / d["lr"][0] == pytest.approx(d["lr"][2] / d["lr"][1])  # log-spaced


def test_sweep_text_gd(capsys):
    # on x² + y² (λ = 2 on both axes) GD with η = 1/λ = 0.5 lands on the minimum in one step
    code, out, _ = run(capsys, "sweep", "sphere", "--start", "1", "1", "--lr", "0.5:0.5:1", "--steps", "10")
    assert code == 0 and out.strip().splitlines()[-1] == "lr=0.5  1"


@pytest.mark.parametrize("argv,words", [
    (["analyze", "nope", "1", "1"], "unknown function"),
    (["analyze", "1/x", "0", "1"], "Hessian is not defined"),
    (["sweep", "sphere", "--start", "1", "1", "--lr", "1:2"], "LO:HI:N"),
    (["sweep", "sphere", "--start", "1", "1", "--lr", "0:1:3", "--optimizer", "momentum"], "low > 0"),
    (["sweep", "sphere", "--start", "1", "1", "--lr", "0.1:1:3", "--momentum", "0:0.5:2"], "does not apply to gd"),
    (["sweep", "sphere", "--start", "1", "1", "--lr", "0.1:1:3", "--optimizer", "momentum", "--momentum", "0:1:2"],
     "momentum must satisfy"),
    (["sweep", "sphere", "--start", "1", "1", "--lr", "0.1:1:3", "--optimizer", "adam", "--momentum", "0:0.5:2"],
     "use --beta1"),
])
def test_bad_input_is_one_line_and_exit_2(capsys, argv, words):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and words in err
