"""A user's own training data: a CSV file of two feature columns and a label column.

``load_csv(path) -> (X (N, 2) float64, y (N,) int64 labels 0 … k−1)``. The rules, each refusal a ``ValueError``
naming the line (1-based, as an editor counts) and the column at fault:

* fields are separated by commas (or semicolons, or tabs, when the first line has no comma); blank lines are skipped;
* the first line is a header when none of its fields is a number (then it names the columns in messages);
* every data line has exactly 3 fields; the features are finite numbers; the label is a whole number;
* at least two classes, at most :data:`MAX_CLASSES`; at most :data:`MAX_ROWS` rows and :data:`MAX_BYTES` bytes.

Labels keep their order but are renumbered 0 … k−1 (labels 1 and 2 become 0 and 1): the network's output units are
numbered from 0.
"""
from __future__ import annotations

import csv
import io
import math
import os

import numpy as np

MAX_ROWS = 10_000
MAX_BYTES = 5_000_000
MAX_CLASSES = 10
COLUMNS = 3


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def load_csv(path) -> tuple[np.ndarray, np.ndarray]:
    """Read ``path`` (see the module docstring); ValueError naming the line and column at fault."""
    name = os.path.basename(str(path))
    try:
        size = os.path.getsize(path)
        if size > MAX_BYTES:
            raise ValueError(f"{name}: the file has {size:,} bytes; at most {MAX_BYTES:,} are read")
        with open(path, "rb") as fh:
            raw = fh.read()
    except OSError as err:
        raise ValueError(f"{name}: cannot be read ({err.strerror or err})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[:err.start].count(b"\n") + 1
        raise ValueError(f"{name}: line {line}: not UTF-8 text (is this a CSV file?)") from None
    return parse_csv(text, name)


def parse_csv(text: str, name: str = "data") -> tuple[np.ndarray, np.ndarray]:
    """:func:`load_csv` on the text of a file; ``name`` starts each message."""
    lines = [(i, line) for i, line in enumerate(text.splitlines(), start=1) if line.strip()]
    if not lines:
        raise ValueError(f"{name}: line 1: the file is empty; expected rows of x1, x2, label")
    first = lines[0][1]
    delimiter = "," if "," in first else ";" if ";" in first else "\t" if "\t" in first else ","
    rows = [(i, [f.strip() for f in fields])
            for (i, _), fields in zip(lines, csv.reader(io.StringIO("\n".join(l for _, l in lines)),
                                                        delimiter=delimiter))]
    headers = ["x1", "x2", "label"]
    if all(_number(f) is None for f in rows[0][1]):
        if len(rows[0][1]) == COLUMNS:
            headers = [f or d for f, d in zip(rows[0][1], headers)]
        rows = rows[1:]
        if not rows:
            raise ValueError(f"{name}: line {lines[0][0]}: only a header, no data rows")
    if len(rows) > MAX_ROWS:
        raise ValueError(f"{name}: line {rows[MAX_ROWS][0]}: more than {MAX_ROWS:,} data rows")
    X = np.empty((len(rows), 2))
    labels = np.empty(len(rows))
    for r, (line, fields) in enumerate(rows):
        if len(fields) != COLUMNS:
            raise ValueError(f"{name}: line {line}: {len(fields)} column(s), expected {COLUMNS} (x1, x2, label)")
        for c, field in enumerate(fields):
            where = f"{name}: line {line}, column {c + 1} ({headers[c]})"
            value = _number(field)
            if value is None:
                raise ValueError(f"{where}: {field[:40]!r} is not a number")
            if not math.isfinite(value):
                raise ValueError(f"{where}: {field[:40]!r} is not a finite number")
            if c == 2:
                if value != round(value):
                    raise ValueError(f"{where}: the label {field[:40]!r} is not a whole number (class labels are "
                                     f"0, 1, 2, …)")
                labels[r] = value
            else:
                X[r, c] = value
    classes = np.unique(labels)
    if len(classes) < 2:
        raise ValueError(f"{name}: column 3 ({headers[2]}): every row has the label {classes[0]:g}; a classifier "
                         f"needs at least two classes")
    if len(classes) > MAX_CLASSES:
        raise ValueError(f"{name}: column 3 ({headers[2]}): {len(classes)} different labels; at most {MAX_CLASSES} "
                         f"classes")
    return X, np.searchsorted(classes, labels).astype(np.int64)
