"""Trajectory data as CSV or JSON: plain numbers in, a file out. No Qt, no pyqtgraph: it runs with no display.

The input is :class:`RunsData`: the landscape's description and, per run, its settings and the engine's
:class:`~engine.descent.Trajectory`. :func:`data_from_scene` computes it from a scene file with the engine (the
command line); :func:`data_from_state` reads it from anything shaped like the window's state (``runs`` with
``settings``, ``start``, ``color``, ``trajectory``, ``error``; ``landscape_source``; ``function``).
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence


from app.export.encoders import EncoderError
from app.export.timeline import translate
from engine.atomic import atomic_write

DATA_SUFFIXES = {".csv": "csv", ".json": "json"}
DATA_COLUMNS = ("run", "step", "x", "y", "f", "dfdx", "dfdy")  # a network slice's: app.model.axes.SLICE_AXES



def _tr(text: str) -> str:
    return translate("Export", text)

@dataclass(frozen=True)
class RunData:
    """One run: its optimizer settings, start, colour, and its trajectory (K = 1), or the engine's refusal."""

    optimizer: str
    lr: float
    start: tuple[float, float]
    color: str
    trajectory: Any = None  # engine.descent.Trajectory with K = 1, or None
    hyper: dict = field(default_factory=dict)
    steps: int = 0
    error: str | None = None

    @property
    def label(self) -> str:
        return f"{self.optimizer} η={self.lr:g}"


@dataclass(frozen=True)
class RunsData:
    """What a data export writes: the landscape (its scene description and title) and the runs, in scene order."""

    landscape: dict
    function_title: str
    runs: Sequence[RunData]


def data_from_state(state) -> RunsData:
    """The runs of a window state (read through its attributes only)."""
    runs = tuple(RunData(r.settings.name, float(r.settings.lr), (float(r.start[0]), float(r.start[1])), r.color,
                         r.trajectory, dict(r.settings.hyper), int(r.settings.steps), r.error) for r in state.runs)
    return RunsData(dict(state.landscape_source), state.function.title, runs)


def data_from_scene(scene) -> RunsData:
    """The scene's runs computed by the engine, as the window computes them. SceneError for a scene that is
    refused; a run the engine refuses keeps its message and no trajectory."""
    from app.model import AppState  # Qt-free: computes the runs at once, as the window computes them

    state = AppState()
    state.apply_scene(scene)
    return data_from_state(state)


def trajectory_rows(data: RunsData) -> list[list]:
    """Rows (run, step, x, y, f, dfdx, dfdy) of every run with a trajectory, its valid steps only (0..stopped_at);
    ``run`` is the run's position in ``data.runs`` (0-based, as in the scene's ``runs`` list)."""
    rows = []
    for k, run in enumerate(data.runs):
        traj = run.trajectory
        if traj is None:
            continue
        last = int(traj.stopped_at[0])
        pts, vals, grads = traj.points[: last + 1, 0], traj.values[: last + 1, 0], traj.gradients[: last + 1, 0]
        for t in range(last + 1):
            rows.append([k, t, float(pts[t, 0]), float(pts[t, 1]), float(vals[t]), float(grads[t, 0]),
                         float(grads[t, 1])])
    return rows


def export_data(source, path: str | os.PathLike) -> Path:
    """The runs' trajectories as CSV (header + one row per step, floats written exactly) or JSON (runs' settings,
    ``columns`` and ``rows``; non-finite numbers as null). ``source``: :class:`RunsData`, or a window state. Atomic."""
    path = Path(path)
    kind = DATA_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EncoderError(_tr("data is saved as .csv or .json, not {name!r}").format(name=path.name))
    data = source if isinstance(source, RunsData) else data_from_state(source)
    rows = trajectory_rows(data)
    from app.model.axes import axis_names
    columns = axis_names(data.landscape).columns  # alpha, beta, L … for a network slice
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([r[:2] + [repr(v) for v in r[2:]] for r in rows])
        text = buffer.getvalue()
    else:
        runs = [{"run": k, "label": r.label, "optimizer": r.optimizer, "lr": r.lr, "hyper": dict(r.hyper),
                 "steps": r.steps, "start": list(r.start), "color": r.color,
                 "status": None if r.trajectory is None else str(r.trajectory.status[0]),
                 "stopped_at": None if r.trajectory is None else int(r.trajectory.stopped_at[0]),
                 "error": r.error} for k, r in enumerate(data.runs)]
        doc = {"landscape": dict(data.landscape), "function": data.function_title, "columns": list(columns),
               "runs": _finite_or_none(runs), "rows": _finite_or_none(rows)}
        text = json.dumps(doc, indent=1, allow_nan=False, ensure_ascii=False) + "\n"
    with atomic_write(path, "w") as out:
        out.write(text)
    return path


def _finite_or_none(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    return value
