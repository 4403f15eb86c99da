"""Engine error and refusal sentences in the user's language.

The engine (plain NumPy, no Qt) explains bad input in English: a formula it cannot read ("unknown name 'z' — use x
and y"), a hyper-parameter out of range ("momentum must satisfy 0 < momentum < 1, got 1.5"), a scene file it refuses
("landscape.resolution: must be between 20 and 400, got 5"), a network too large to build. The CLI and the tests read
those sentences as they are; the app shows them through :func:`error_text`, which reads the engine's English
patterns below and fills the translated ones (context "EngineErrors"). Variable parts (names, numbers, JSON paths,
file names, what the user typed) are kept as they are; a sentence no pattern knows is shown unchanged.

Sentences are taken apart the way the engine puts them together: a formula error's hint after " — ", its
" at column N", a scene error's JSON path before ": ", a CSV error's "file: line N: ...", and a prefix the app
has already translated ("运行 3：...") are each translated around the engine sentence they carry.
"""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.engine_error_patterns import _N, PATTERNS, SYMBOLS

CONTEXT = "EngineErrors"
_CJK = re.compile(r"[\u3000-\u9fff\uff00-\uffef]")


def _tr(text: str) -> str:
    return QCoreApplication.translate("EngineErrors", text)


# Fixed fragments that fill a pattern's {what}, {type}, {problem} or {json} field.
WORDS = {w: w for w in (
    # what a formula may not contain (engine.formula.tree._REFUSED)
    QT_TRANSLATE_NOOP("EngineErrors", "attribute access"), QT_TRANSLATE_NOOP("EngineErrors", "indexing with [ ]"),
    QT_TRANSLATE_NOOP("EngineErrors", "comparison"), QT_TRANSLATE_NOOP("EngineErrors", "assignment"),
    QT_TRANSLATE_NOOP("EngineErrors", "lambda"), QT_TRANSLATE_NOOP("EngineErrors", "if … else"),
    QT_TRANSLATE_NOOP("EngineErrors", "and/or"), QT_TRANSLATE_NOOP("EngineErrors", "starred arguments"),
    QT_TRANSLATE_NOOP("EngineErrors", "a list"), QT_TRANSLATE_NOOP("EngineErrors", "a set"),
    QT_TRANSLATE_NOOP("EngineErrors", "a tuple (a comma outside a function call)"),
    QT_TRANSLATE_NOOP("EngineErrors", "a dictionary"), QT_TRANSLATE_NOOP("EngineErrors", "a comprehension"),
    QT_TRANSLATE_NOOP("EngineErrors", "strings"), QT_TRANSLATE_NOOP("EngineErrors", "a slice"),
    QT_TRANSLATE_NOOP("EngineErrors", "await"), QT_TRANSLATE_NOOP("EngineErrors", "yield"),
    # JSON types (engine.scene.validate.type_name)
    QT_TRANSLATE_NOOP("EngineErrors", "an object"), QT_TRANSLATE_NOOP("EngineErrors", "a string"),
    QT_TRANSLATE_NOOP("EngineErrors", "a boolean"), QT_TRANSLATE_NOOP("EngineErrors", "null"),
    QT_TRANSLATE_NOOP("EngineErrors", "an integer"), QT_TRANSLATE_NOOP("EngineErrors", "a number"),
    # layers of a network (engine.nn.mlp)
    QT_TRANSLATE_NOOP("EngineErrors", "input layer"), QT_TRANSLATE_NOOP("EngineErrors", "output layer"),
    # operating-system problems reading or writing a file, as the engine lowers them
    QT_TRANSLATE_NOOP("EngineErrors", "no such file or directory"),
    QT_TRANSLATE_NOOP("EngineErrors", "permission denied"), QT_TRANSLATE_NOOP("EngineErrors", "is a directory"),
    QT_TRANSLATE_NOOP("EngineErrors", "not a directory"),
    QT_TRANSLATE_NOOP("EngineErrors", "no space left on device"),
    QT_TRANSLATE_NOOP("EngineErrors", "read-only file system"),
    QT_TRANSLATE_NOOP("EngineErrors", "a directory"), QT_TRANSLATE_NOOP("EngineErrors", "a named pipe (FIFO)"),
    QT_TRANSLATE_NOOP("EngineErrors", "a device"), QT_TRANSLATE_NOOP("EngineErrors", "a socket"),
    # Python's json module
    QT_TRANSLATE_NOOP("EngineErrors", "Expecting value"), QT_TRANSLATE_NOOP("EngineErrors", "Extra data"),
    QT_TRANSLATE_NOOP("EngineErrors", "Expecting ',' delimiter"),
    QT_TRANSLATE_NOOP("EngineErrors", "Expecting ':' delimiter"),
    QT_TRANSLATE_NOOP("EngineErrors", "Expecting property name enclosed in double quotes"),
    QT_TRANSLATE_NOOP("EngineErrors", "Unterminated string starting at"),
    QT_TRANSLATE_NOOP("EngineErrors", "Invalid control character at"),
    QT_TRANSLATE_NOOP("EngineErrors", "Invalid \\escape"),
    QT_TRANSLATE_NOOP("EngineErrors", "(none)"),  # an optimizer without hyper-parameters
)}

# Scene files (engine/scene): the problem after a JSON path ("runs[0].lr: ...") or the file's name.
SCENE_PATTERNS = (
    (r"must be a number, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be a number, got {type}")),
    (r"must be a positive finite number, got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be a positive finite number, got {value}")),
    (r"must be a finite number, got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be a finite number, got {value}")),
    (rf"must be between (?P<lo>{_N}) and (?P<hi>{_N}), got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be between {lo} and {hi}, got {value}")),
    (r"must be an integer, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be an integer, got {type}")),
    (r"must be true or false, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be true or false, got {type}")),
    (r"must be a string, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be a string, got {type}")),
    (r"is too long \((?P<n>\d+) characters, at most (?P<max>\d+)\)",
     QT_TRANSLATE_NOOP("EngineErrors", "is too long ({n} characters, at most {max})")),
    (r"must be one of (?P<allowed>.+), got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be one of {allowed}, got {value}")),
    (r"must be a colour written #rrggbb, got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be a colour written #rrggbb, got {value}")),
    (r"must be a list of two numbers, got (?P<type>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be a list of two numbers, got {type}")),
    (r"must be an object, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be an object, got {type}")),
    (r"must be a list, got (?P<type>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be a list, got {type}")),
    (r"is required but missing", QT_TRANSLATE_NOOP("EngineErrors", "is required but missing")),
    (r"unknown keys? (?P<names>.+)", QT_TRANSLATE_NOOP("EngineErrors", "unknown key(s) {names}")),
    (r"is not a hyper-parameter of (?P<optimizer>\w+); allowed: (?P<allowed>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "is not a hyper-parameter of {optimizer}; allowed: {allowed}")),
    (r"minimum must be below maximum, got (?P<value>\[.+\])",
     QT_TRANSLATE_NOOP("EngineErrors", "minimum must be below maximum, got {value}")),
    (r"has (?P<n>\d+) runs, at most (?P<max>\d+)", QT_TRANSLATE_NOOP("EngineErrors", "has {n} runs, at most {max}")),
    (r"has (?P<n>\d+) entries, at most (?P<max>\d+)", QT_TRANSLATE_NOOP("EngineErrors", "has {n} entries, at most {max}")),
    (r"must be (?P<format>'[\w/-]+'): this is not a Descent Lab scene",
     QT_TRANSLATE_NOOP("EngineErrors", "must be {format}: this is not a Descent Lab scene")),
    (r"must be (?P<version>\d+), got (?P<value>.+)", QT_TRANSLATE_NOOP("EngineErrors", "must be {version}, got {value}")),
    (r"(?P<version>-?\d+) is not a Descent Lab scene version",
     QT_TRANSLATE_NOOP("EngineErrors", "{version} is not a Descent Lab scene version")),
    (r"made by a newer Descent Lab \(version (?P<version>\d+)\); this one reads up to (?P<max>\d+)",
     QT_TRANSLATE_NOOP("EngineErrors", "made by a newer Descent Lab (version {version}); this one reads up to {max}")),
    (r"a scene must be a JSON object, got (?P<type>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "a scene must be a JSON object, got {type}")),
    (r"contains characters a formula cannot contain",
     QT_TRANSLATE_NOOP("EngineErrors", "contains characters a formula cannot contain")),
    (r"formula refused: (?P<error>.+)", QT_TRANSLATE_NOOP("EngineErrors", "formula refused: {error}")),
    (r"cannot be built: (?P<error>.+)", QT_TRANSLATE_NOOP("EngineErrors", "cannot be built: {error}")),
    (r"is empty", QT_TRANSLATE_NOOP("EngineErrors", "is empty")),
    (r"is not an option of the (?P<method>'\w+') slice \(its options: (?P<allowed>.*)\)",
     QT_TRANSLATE_NOOP("EngineErrors", "is not an option of the {method} slice (its options: {allowed})")),
    (r"must be a list of 2 to 10 layer sizes", QT_TRANSLATE_NOOP("EngineErrors", "must be a list of 2 to 10 layer sizes")),
    (r"must be (?P<n>\d+) \(the inputs of (?P<dataset>\w+)\), got (?P<value>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "must be {n} (the inputs of {dataset}), got {value}")),
    (rf"must be a list of 4 to (?P<max>{_N}) rows \[x1, x2, label\]",
     QT_TRANSLATE_NOOP("EngineErrors", "must be a list of 4 to {max} rows [x1, x2, label]")),
    (r"must be a row \[x1, x2, label\]", QT_TRANSLATE_NOOP("EngineErrors", "must be a row [x1, x2, label]")),
    (r"has a single class; a classifier needs at least two",
     QT_TRANSLATE_NOOP("EngineErrors", "has a single class; a classifier needs at least two")),
    (r"labels must be numbered 0 … (?P<n>\d+) without gaps, got (?P<value>\[.*\])",
     QT_TRANSLATE_NOOP("EngineErrors", "labels must be numbered 0 … {n} without gaps, got {value}")),
    (r"unknown function (?P<name>'.*'); did you mean (?P<close>.+)\?",
     QT_TRANSLATE_NOOP("EngineErrors", "unknown function {name}; did you mean {close}?")),
    (r"unknown function (?P<name>'.*'); known: (?P<known>.+)",
     QT_TRANSLATE_NOOP("EngineErrors", "unknown function {name}; known: {known}")),
    # reading and writing files (engine/scene/io.py, engine/atomic.py)
    (rf"file too large \((?P<n>{_N}) (?:bytes|characters); a scene is at most (?P<max>{_N})(?: bytes)?\)",
     QT_TRANSLATE_NOOP("EngineErrors", "file too large ({n} bytes; a scene is at most {max} bytes)")),
    (r"not a text file: invalid UTF-8 at byte (?P<n>\d+)",
     QT_TRANSLATE_NOOP("EngineErrors", "not a text file: invalid UTF-8 at byte {n}")),
    (r"empty file: not a scene", QT_TRANSLATE_NOOP("EngineErrors", "empty file: not a scene")),
    (r"not valid JSON: (?P<json>.+?)(?: \(char \d+\))? at line (?P<line>\d+), column (?P<col>\d+) "
     r"\(the file ends too early: truncated\?\)",
     QT_TRANSLATE_NOOP("EngineErrors", "not valid JSON: {json} at line {line}, column {col} (the file ends too "
                                       "early: truncated?)")),
    (r"not valid JSON: (?P<json>.+?)(?: \(char \d+\))? at line (?P<line>\d+), column (?P<col>\d+)",
     QT_TRANSLATE_NOOP("EngineErrors", "not valid JSON: {json} at line {line}, column {col}")),
    (r"not a scene: JSON nested too deeply", QT_TRANSLATE_NOOP("EngineErrors", "not a scene: JSON nested too deeply")),
    (r"cannot read (?P<path>.+): it is (?P<what>.+), not a scene file",
     QT_TRANSLATE_NOOP("EngineErrors", "cannot read {path}: it is {what}, not a scene file")),
    (r"cannot read (?P<path>.+): (?P<problem>[^:]+)", QT_TRANSLATE_NOOP("EngineErrors", "cannot read {path}: {problem}")),
    (r"cannot write to (?P<path>.+): (?P<problem>[^:]+)",
     QT_TRANSLATE_NOOP("EngineErrors", "cannot write to {path}: {problem}")),
)

# How the engine joins sentences: (pattern, template); the fields error/hint are translated in turn.
_JOINS = (
    (r"(?P<error>.+?) — (?P<hint>.+)", QT_TRANSLATE_NOOP("EngineErrors", "{error} — {hint}")),
    (r"(?P<error>.+) at column (?P<column>\d+)", QT_TRANSLATE_NOOP("EngineErrors", "{error} at character {column}")),
)
# A head before ": " that stays as it is (a JSON path, a file name, a prefix the app translated) or is translated.
_KEPT_HEAD = re.compile(r"[A-Za-z_][\w-]*(?:\.[\w-]+|\[\d+\])*|.+\.(?:json|csv|txt|tsv)|.*[\u3000-\u9fff].*")
_HEADS = (
    (r"line (?P<line>\d+), column (?P<col>\d+) \((?P<header>.*)\)",
     QT_TRANSLATE_NOOP("EngineErrors", "line {line}, column {col} ({header})")),
    (r"line (?P<line>\d+)", QT_TRANSLATE_NOOP("EngineErrors", "line {line}")),
    (r"column (?P<col>\d+) \((?P<header>.*)\)", QT_TRANSLATE_NOOP("EngineErrors", "column {col} ({header})")),
)
_SPLIT = re.compile(r": |：")


def _compile(table):
    return tuple((re.compile(pattern + r"\Z", re.S), template) for pattern, template in table)


_TABLE = _compile(PATTERNS + SCENE_PATTERNS)
_JOIN_TABLE, _HEAD_TABLE = _compile(_JOINS), _compile(_HEADS)


def _symbols(text: str) -> str:
    return re.sub(r"\b(" + "|".join(sorted(SYMBOLS, key=len, reverse=True)) + r")\b", lambda m: SYMBOLS[m[1]], text)


def _field(name: str, value: str) -> tuple[str, bool]:
    """A pattern's field in the user's language, and whether it was (nothing to translate counts as done)."""
    if name in ("error", "hint", "setting", "problem", "what", "type", "json"):
        return _translate(value)
    if name == "allowed":
        return (_tr(value) if value in WORDS else value), True
    if name == "hyper":
        return SYMBOLS.get(value, value), True
    if name == "rule":
        return _symbols(value), True
    if name == "column":
        return str(int(value) + 1), True  # the engine counts from 0, the formula panel and users from 1
    return value, True


def _fill(table, text: str) -> tuple[str, bool] | None:
    for pattern, template in table:
        m = pattern.match(text)
        if m:
            fields, done = {}, True
            for name, value in m.groupdict().items():
                fields[name], ok = _field(name, value)
                done = done and ok
            return _tr(template).format(**fields), done
    return None


def _translate(text: str) -> tuple[str, bool]:
    """``text`` translated as far as the tables go, and whether all of it was."""
    if text in WORDS:
        return _tr(text), True
    found = _fill(_JOIN_TABLE, text) or _fill(_TABLE, text)
    if found is not None:
        return found
    for sep in _SPLIT.finditer(text):  # "head: rest", the head a path, a file, a CSV line or translated text
        head, rest = text[:sep.start()], text[sep.end():]
        translated, done = _translate(rest)
        if not done:
            continue
        if _KEPT_HEAD.fullmatch(head):
            return _tr(QT_TRANSLATE_NOOP("EngineErrors", "{where}: {error}")).format(where=head, error=translated), True
        head_found = _fill(_HEAD_TABLE, head)
        if head_found is not None:
            return _tr(QT_TRANSLATE_NOOP("EngineErrors", "{where}: {error}")).format(where=head_found[0],
                                                                                     error=translated), True
    return text, False


def error_text(message: object) -> str:
    """The engine's error ``message`` (a string or an exception) in the user's language; unchanged when no pattern
    knows it. In English the templates are the engine's own words, except that a formula's place is counted from 1
    ("at character 4", as the Formula panel says) and hyper-parameters are named by the Optimizer panel's symbols."""
    text = str(message)
    if not text or _CJK.search(text) and not re.search(r"[A-Za-z]{3}", text):
        return text
    return _translate(text)[0]


def covered_templates() -> list[str]:
    """Every translatable template of this module (the catalogue test checks each has a Chinese translation)."""
    return [t for _, t in PATTERNS + SCENE_PATTERNS + _JOINS + _HEADS] + list(WORDS) + ["{where}: {error}"]
