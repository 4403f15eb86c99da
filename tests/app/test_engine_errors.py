"""The engine's error sentences reach a Chinese user in Chinese (app/engine_errors.py): each family of refusals is
triggered through the real engine, translated under the zh_CN catalogue, and must keep its variable parts (names,
numbers, JSON paths, what the user typed) while no other English word is left; the catalogue holds a finished
translation of every template with the same fields; the English UI keeps the engine's words; and in the Chinese
window a bad formula, a corrupt scene, a refused hyper-parameter and a refused network read in Chinese."""
from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QSettings

from tests.app.zh_walk import english_words

CATALOGUE = Path(__file__).resolve().parents[2] / "app" / "i18n" / "descent_lab_zh_CN.ts"


def _raised(call) -> BaseException:
    try:
        call()
    except (ValueError, KeyError) as err:
        return err
    raise AssertionError("the engine accepted it")


def _check(message: str, kept: list[str]) -> str:
    """``message`` translated: different, Chinese, with every ``kept`` part, and no other English word."""
    from app.engine_errors import error_text

    shown = error_text(message)
    assert shown != message and re.search(r"[\u4e00-\u9fff]", shown), (message, shown)
    rest = shown
    for part in sorted(kept, key=len, reverse=True):
        assert part in rest, (part, message, shown)
        rest = rest.replace(part, " ")
    assert not english_words(rest), (message, shown, english_words(rest))
    return shown


def _formula(text: str):
    import engine.formula
    return _raised(lambda: engine.formula.parse(text))


# (typed formula, the parts the message must keep)
FORMULAS = [
    ("z + 1", ["z"]), ("x +* y", ["*"]), ("sinn(x)", ["sinn", "sin"]), ("sin x", ["sin", "sin(x)"]),
    ("1/0 + x", []), ("(x + 1", ["("]), ("x)", [")"]), ("x[0]", ["[ ]"]), ("x // 2", ["//"]),
    ("1e9*x", ["1e9", "1e+06"]), ("αx", ["α"]), ("max(x)", ["max", "2"]), ("", ["x^2 + 3*y^2"]),
    ("x = 1", []), ("x ** 2 ==", ["="]), ("x^1000", ["100"]), ("sqrt(-1 - x^2)", ["sqrt", "log"]),
    ("x y", ["x", "y", "x*y"]), ("x < y", []), ("'a'", []), ("lambda: x", ["lambda"]), ("log(x - x)", ["log"]),
]


@pytest.mark.parametrize("text, kept", FORMULAS)
def test_formula_errors_are_translated(zh_CN, text, kept):
    err = _formula(text)
    _check(err.message, kept)  # as the Formula panel shows it
    if err.column is not None:  # as a scene or the status bar shows it: the place counted from 1
        shown = _check(str(err), kept + [str(err.column + 1)])
        assert f"第 {err.column + 1} 个字符" in shown


@pytest.mark.parametrize("name, lr, hyper, kept", [
    ("momentum", 0.1, {"momentum": 1.5}, ["μ", "1.5", "0", "1"]),
    ("adam", 0.1, {"beta1": -1}, ["β₁", "-1", "0", "1"]),
    ("adam", 0.1, {"eps": 0}, ["ε", "0"]),
    ("rmsprop", 0.1, {"alpha": math.inf}, ["α", "inf"]),
    ("gd", -1, {}, ["-1"]),
    ("gd", 0.1, {"momentum": 0.5}, ["momentum", "gd"]),
])
def test_optimizer_refusals_are_translated(zh_CN, name, lr, hyper, kept):
    from engine.optimizers import make
    _check(str(_raised(lambda: make(name, lr, **hyper))), kept)


def test_run_and_map_refusals_are_translated(zh_CN):
    from engine import descent, formula
    from engine.hypermaps import axis

    log = formula.parse("log(x) + y^2")
    _check(str(_raised(lambda: descent.descend(log, np.array([[-1.0, 1.0]]), optimizer="gd", lr=0.1, steps=5))),
           ["f", "0"])
    _check(str(_raised(lambda: axis(1.0, 0.0, 5, False))), ["1:0"])
    _check(str(_raised(lambda: axis(0.0, 1.0, 5, True))), ["0"])


def _scene() -> dict:
    from app.model.state import default_scene
    from engine import scene
    return json.loads(scene.dumps(default_scene()))


@pytest.mark.parametrize("change, kept", [
    (lambda d: d.update(resolution=5), ["resolution", "5"]),
    (lambda d: d["optimizer"].update(lr=-1), ["optimizer.lr", "-1"]),
    (lambda d: d["optimizer"].update(colour="red"), ["optimizer", "colour"]),
    (lambda d: d.update(landscape={"kind": "formula", "text": "z + 1"}), ["landscape.text", "z", "1"]),
    (lambda d: d.update(landscape={"kind": "function", "name": "himmelblow"}),
     ["landscape.name", "himmelblow", "himmelblau", "six-hump-camel"]),
    (lambda d: d.update(version=99), ["99"]),
    (lambda d: d.update(format="other"), ["format", "descent-lab-scene", "Descent Lab"]),
    (lambda d: d.pop("landscape"), ["landscape"]),
    (lambda d: d.update(runs=7), ["runs"]),
])
def test_scene_refusals_are_translated(zh_CN, change, kept):
    from engine import scene
    data = _scene()
    change(data)
    err = _raised(lambda: scene.loads(json.dumps(data)))
    _check(str(err), [k for k in kept if k in str(err)] or kept)


@pytest.mark.parametrize("text, kept", [("{", ["1", "2"]), ("[]", ["JSON"]), ("", []),
                                        ('{"a": 1} x', ["1", "10"])])
def test_unreadable_scene_files_are_translated(zh_CN, text, kept):
    from engine import scene
    _check(str(_raised(lambda: scene.loads(text))), kept)


def test_file_problems_are_translated(zh_CN, tmp_path):
    from engine import scene
    missing = tmp_path / "nope.json"
    _check(str(_raised(lambda: scene.load(missing))), [str(missing)])
    (tmp_path / "s.json").write_text("{", encoding="utf-8")
    _check(str(_raised(lambda: scene.load(tmp_path / "s.json"))), ["s.json", "1", "2"])


@pytest.mark.parametrize("layers, kept", [([2, 0, 1], ["1", "0"]), ([2, 500, 1], ["1", "500", "64"]),
                                          ([0, 4, 1], ["0"]), ([2], ["[2, 16, 1]"])])
def test_network_refusals_are_translated(zh_CN, layers, kept):
    from engine import nn
    _check(str(_raised(lambda: nn.MLP(layers))), kept)


NET = {"kind": "network", "dataset": {"name": "moons", "n": 500, "noise": 0.1, "seed": 0}, "layers": [2, 64, 64, 1],
       "activation": "tanh", "loss": "bce",
       "slice": {"method": "random", "seed": 0, "centre": "trained", "options": {}}}


@pytest.mark.parametrize("change, resolution, kept, lower", [
    ({"training": {"steps": 100_000}}, 400, ["4,417", "400", "100,000"], "运行与训练的步数（100,000）"),
    ({}, 400, ["4,417", "400", "2-64-64-1"], "各层大小（2-64-64-1：4,417 个参数）"),
    ({"layers": [2, 8, 1]}, 5000, ["33", "5,000"], "分辨率（5,000）"),
    ({"layers": [2, 16, 1], "dataset": dict(NET["dataset"], n=10_000)}, 200, ["10,000", "65", "200", "dataset.n"],
     "样本数 dataset.n（10,000）"),
])
def test_the_work_bound_is_translated(zh_CN, change, resolution, kept, lower):
    """The bound's refusal names the setting to lower, in Chinese."""
    from engine.scene import landscape_from_dict
    from engine.scene.landscapes import MAX_NETWORK_WORK, check_network_work

    big = landscape_from_dict(dict(NET, **change))
    err = _raised(lambda: check_network_work(big, resolution))
    shown = _check(str(err), ["landscape", f"{MAX_NETWORK_WORK:.0e}"] + kept)
    assert shown.endswith("请降低" + lower), shown


@pytest.mark.parametrize("text, kept", [
    ("x1,x2,label\n1,2\n", ["d.csv", "2", "3", "x1, x2, label"]),
    ("x1,x2,label\n1,a,0\n0,1,1\n", ["d.csv", "2", "'a'", "x2"]),
    ("x1,x2,label\n1,2,0.5\n0,1,1\n", ["d.csv", "2", "3", "'0.5'", "label", "0, 1, 2"]),
    ("x1,x2,label\n1,2,0\n0,1,0\n", ["d.csv", "3", "label", "0"]),
    ("x1,x2,label\n", ["d.csv", "1"]),
])
def test_csv_refusals_are_translated(zh_CN, text, kept):
    from engine.nn.csv_data import parse_csv
    _check(str(_raised(lambda: parse_csv(text, "d.csv"))), kept)


def test_prefixes_the_app_translated_carry_a_translated_engine_sentence(zh_CN):
    from app.engine_errors import error_text
    from engine.optimizers import make
    err = str(_raised(lambda: make("momentum", 0.1, momentum=2.0)))
    assert error_text(f"运行 3：{err}") == "运行 3：" + error_text(err)


def test_english_keeps_the_engine_words(qapp):
    from app.engine_errors import error_text
    from engine.optimizers import make
    for err in (_formula("z + 1").message, "landscape.resolution: must be between 20 and 400, got 5"):
        assert error_text(err) == err
    # hyper-parameters are named by the symbols the Optimizer panel labels its fields with
    assert error_text(_raised(lambda: make("adam", 0.1, beta1=2.0))) == "β₁ must satisfy 0 ≤ β₁ < 1, got 2.0"
    assert error_text(_formula("z + 1")) == "unknown name 'z' at character 1 — use x and y"
    assert error_text("a sentence no pattern knows") == "a sentence no pattern knows"


def _catalogue() -> dict[str, ET.Element]:
    root = ET.parse(CATALOGUE).getroot()
    return {m.findtext("source"): m.find("translation") for c in root if c.findtext("name") == "EngineErrors"
            for m in c.findall("message")}


def test_every_template_has_a_chinese_translation_with_its_fields():
    from app.engine_errors import covered_templates
    catalogue = _catalogue()
    dropped = {"'{char}' ({name}) is not allowed": {"name"}}  # the character's English Unicode name
    for template in covered_templates():
        assert template in catalogue, f"not in the catalogue (run tools/update_translations.py): {template!r}"
        translation = catalogue[template]
        assert translation.get("type") is None and translation.text, f"no translation of {template!r}"
        assert translation.text != template or re.search(r"[\u4e00-\u9fff]", translation.text), template
        fields = set(re.findall(r"\{(\w+)\}", template)) - dropped.get(template, set())
        assert set(re.findall(r"\{(\w+)\}", translation.text)) == fields, (template, translation.text)


def _window(qtbot, tmp_path):
    from app.main_window import MainWindow
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    return w


def test_the_chinese_window_shows_engine_refusals_in_chinese(zh_CN, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QMessageBox
    from tests.app.zh_walk import plain

    w = _window(qtbot, tmp_path)
    # a formula with an unknown name: the Formula panel's status line
    panel = w.formula_panel
    panel.edit.setText("x^2 + z")
    panel.check()
    status = panel.status.text()
    assert "未知名称" in status and "z" in status and not english_words(status.replace("z", " ")), status
    # a corrupt scene: the message box
    boxes = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: boxes.append(a[2]))
    bad = tmp_path / "bad.json"
    data = _scene()
    data["resolution"] = 5
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert not w.file_actions.open_path(bad, confirm=False)
    assert boxes and "resolution" in boxes[-1] and "必须在" in boxes[-1], boxes
    assert not english_words(boxes[-1].replace("bad.json", " ").replace("resolution", " ")), boxes[-1]
    # a hidden layer too wide: the Network panel's message and the status bar
    w.network_panel.hidden.setText("500")
    w.network_panel.apply()
    said = plain(w.network_panel.message.text())
    assert "隐藏层 1 有 500 个单元" in said and not english_words(said), said
    bar = w.statusBar().currentMessage()
    assert "500" in bar and not english_words(bar), bar
    w.compute.wait()
