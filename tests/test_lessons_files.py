"""Lesson documents: the bundled lessons load, and broken files are refused with a one-line message naming where."""
import copy
import json
from pathlib import Path

import pytest

from app.lessons import LessonError, bundled_lessons, lesson_from_dict, load, loads

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "app" / "resources" / "lessons"
GOOD = json.loads((FOLDER / "05-chain-rule.json").read_text(encoding="utf-8"))


def test_bundled_lessons_cover_the_sequence():
    ids = [les.id for les in bundled_lessons()]
    assert ids == ["gradient-vector", "direction-magnitude", "learning-rate", "momentum-adam", "chain-rule",
                   "mlp-forward", "backprop", "training"]
    for les in bundled_lessons():
        for step in les.steps:
            sentences = step.caption.count(". ") + 1
            assert 2 <= sentences <= 3, (les.id, step.caption)


def _broken(path, value):
    doc = copy.deepcopy(GOOD)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc


@pytest.mark.parametrize("path, value, message", [
    (("format",), "descent-lab-scene", "format: must be 'descent-lab-lesson'"),
    (("steps",), [], "steps: must be a non-empty list"),
    (("steps", 0, "caption"), KeyError, "steps[0].caption: is missing"),
    (("steps", 0, "panels"), ["slices", "teapot"], 'steps[0].panels[1]: must be one of'),
    (("steps", 1, "scene", "runs"), [{"optimizer": "sgd9", "lr": 0.1, "start": [0, 0]}], "steps[1].scene: runs[0]"),
    (("steps", 2, "chain", "formula"), "sin(x*y)", "steps[2].chain.formula: use x alone"),
    (("steps", 0, "point"), [1, "a"], "steps[0].point[1]: must be a finite number"),
    (("steps", 0, "colour"), "red", "steps[0].colour: unknown key"),
])
def test_broken_lessons_are_refused_with_their_path(path, value, message):
    with pytest.raises(LessonError) as err:
        lesson_from_dict(_broken(path, value))
    assert str(err.value).startswith(message) and "\n" not in str(err.value)


def test_load_names_the_file(tmp_path):
    bad = tmp_path / "mine.json"
    bad.write_text("{", encoding="utf-8")
    with pytest.raises(LessonError, match=r"^mine.json: not valid JSON"):
        load(bad)
    with pytest.raises(LessonError, match="cannot read"):
        load(tmp_path / "missing.json")
    with pytest.raises(LessonError, match="empty file"):
        loads(b"  ")
    good = tmp_path / "good.json"
    good.write_text(json.dumps(GOOD), encoding="utf-8")
    assert load(good).steps[0].chain.formula == "sin(x^2)"
