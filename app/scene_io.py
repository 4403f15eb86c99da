"""State ⇄ scene: what the window shows as a :class:`engine.scene.Scene`, and a scene applied to an :class:`AppState`.

``scene_from_state(state, playback)`` describes the state (landscape, view, resolution, display, optimizer panel,
runs, playback). ``apply_scene(state, scene, playback)`` is all or nothing: it validates the scene and builds the new
landscape first (catalogue function, parsed formula, or network slice), and only then touches the state, so a scene
that is refused (``SceneError``) leaves the current one exactly as it was.

Network landscapes: ``build_network_function`` asks :func:`engine.nn.build_landscape` for the slice's 2D test
function (the same build as the network panel's). Built networks are cached by their description, so re-applying
the same scene (the export renderer, Save then Open) does not train again.
"""
from __future__ import annotations

import json
from dataclasses import asdict, fields
from typing import TYPE_CHECKING

from engine import scene as scene_mod
from engine.functions import TestFunction
from engine.scene import (Display, FormulaLandscape, FunctionLandscape, Landscape, NetworkLandscape, Playback, Run,
                          Scene, SceneError, View)

if TYPE_CHECKING:  # Qt only at run time of the functions that need it
    from app.playback import Playback as PlaybackController
    from app.state import AppState

_NETWORK_CACHE: dict[str, TestFunction] = {}
_NETWORK_CACHE_SIZE = 8


# ----------------------------------------------------------------------------------------------- landscape building
def build_network_function(landscape: NetworkLandscape) -> TestFunction:
    """The network slice described by ``landscape`` as a 2D test function (cached); ValueError from the engine."""
    key = json.dumps(landscape.to_dict(), sort_keys=True)
    cached = _NETWORK_CACHE.get(key)
    if cached is not None:
        return cached
    from engine.nn import build_landscape

    function = build_landscape(landscape.to_dict()).function
    if len(_NETWORK_CACHE) >= _NETWORK_CACHE_SIZE:
        _NETWORK_CACHE.pop(next(iter(_NETWORK_CACHE)))
    _NETWORK_CACHE[key] = function
    return function


def build_function(landscape: Landscape, view: View) -> TestFunction:
    """The engine's function for ``landscape`` shown in ``view``; SceneError naming the problem if it cannot be built."""
    try:
        if isinstance(landscape, FunctionLandscape):
            from engine import functions
            return functions.get(landscape.name)
        if isinstance(landscape, FormulaLandscape):
            from engine import formula
            return formula.parse(landscape.text, (tuple(view.x), tuple(view.y)))
        if isinstance(landscape, NetworkLandscape):
            return build_network_function(landscape)
    except KeyError as err:
        raise SceneError(f"landscape: {err.args[0] if err.args else err}") from None
    except (ValueError, ArithmeticError, RecursionError, MemoryError) as err:  # FormulaError is a ValueError
        raise SceneError(f"landscape: cannot be built: {err}") from None
    raise SceneError(f"landscape: unknown kind {type(landscape).__name__}")


def landscape_source(landscape: Landscape) -> dict:
    """The ``AppState.landscape_source`` dict of a scene landscape (its JSON object)."""
    return landscape.to_dict()


# ---------------------------------------------------------------------------------------------------- state → scene
def scene_from_state(state: AppState, playback: PlaybackController | None = None) -> Scene:
    """Describe what ``state`` shows (``playback`` adds speed and loop). SceneError if the state's landscape cannot be
    described (a source this version does not know)."""
    landscape = scene_mod.landscape_from_dict(dict(state.landscape_source))
    (x0, x1), (y0, y1) = state.view
    d = state.display
    display = Display(**{f.name: getattr(d, f.name) for f in fields(Display)})
    o = state.optimizer
    optimizer = scene_mod.OptimizerSettings(o.name, float(o.lr), {k: float(v) for k, v in o.hyper.items()},
                                            int(o.steps))
    runs = tuple(Run(r.settings.name, float(r.settings.lr), (float(r.start[0]), float(r.start[1])),
                     {k: float(v) for k, v in r.settings.hyper.items()}, int(r.settings.steps), r.color)
                 for r in state.runs)
    speed, loop = (float(playback.speed), bool(playback.loop)) if playback is not None else (Playback().speed, False)
    return Scene(landscape, View((float(x0), float(x1)), (float(y0), float(y1))), int(state.resolution), display,
                 optimizer, runs, Playback(int(state.frame), speed, loop))


def default_scene() -> Scene:
    """What a freshly started window shows (File ▸ New)."""
    from app.state import AppState

    state = AppState()
    try:
        return scene_from_state(state)
    finally:
        state.deleteLater()


# ---------------------------------------------------------------------------------------------------- scene → state
def apply_scene(state: AppState, scene: Scene, playback: PlaybackController | None = None) -> None:
    """Show ``scene`` in ``state`` (and its speed and loop in ``playback``): everything or nothing.

    Validation and building come first (SceneError, the state untouched); then the state is replaced in one go:
    landscape, view, resolution, display, optimizer panel, runs (their trajectories computed by the engine), frame.
    """
    from app.state import DisplaySettings, OptimizerSettings

    if not isinstance(scene, Scene):
        raise SceneError(f"not a scene: {type(scene).__name__}")
    scene = scene_mod.loads(scene_mod.dumps(scene))  # the checks of a file on disk, also for scenes built in code
    function = build_function(scene.landscape, scene.view)
    view = (tuple(scene.view.x), tuple(scene.view.y))
    display = DisplaySettings(**asdict(scene.display))
    o = scene.optimizer
    optimizer = OptimizerSettings(o.name, o.lr, dict(o.hyper), o.steps)
    runs = [(OptimizerSettings(r.optimizer, r.lr, dict(r.hyper), r.steps), r.start, r.color) for r in scene.runs]

    # ---- nothing above touched the state; from here on it changes
    state.set_landscape(function, source=landscape_source(scene.landscape), view=view)
    state.set_resolution(scene.resolution)
    state.set_display(**asdict(display))
    state.set_optimizer(**asdict(optimizer))
    if runs:
        problems = []
        blocked = state.blockSignals(True)  # one redraw for all runs, not one per run
        try:
            for settings, start, color in runs:
                run = state.add_run_with(settings, start, color)
                if run.error:
                    problems.append((run.id, run.error))
        finally:
            state.blockSignals(blocked)
        state.runsChanged.emit()
        state.selectionChanged.emit()
        for run_id, error in problems:
            state.message.emit(_tr("Run {id}: {error}").format(id=run_id, error=error))
    state.set_frame(scene.playback.frame)
    if playback is not None:
        playback.pause()
        playback.set_speed(int(round(scene.playback.speed)))
        playback.set_loop(scene.playback.loop)


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("SceneIO", text)
