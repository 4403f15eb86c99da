"""What the main window remembers between runs (QSettings): geometry and dock layout, the catalogue landscape,
resolution, display and optimizer settings, playback speed and loop. Saved values are read back through the scene's
own validation, so a corrupt or foreign settings file is refused field by field and never stops the app."""
from __future__ import annotations

import json

from PySide6.QtCore import QByteArray, QCoreApplication

from engine import functions
from engine.scene import Display, OptimizerSettings

SETTINGS_VERSION = 1


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


def save_settings(w) -> None:
    s, st = w.settings, w.state
    s.setValue("version", SETTINGS_VERSION)
    s.setValue("window/geometry", w.saveGeometry())
    s.setValue("window/state", w.saveState(SETTINGS_VERSION))
    if st.landscape.kind == "function":
        s.setValue("landscape/name", st.function.name)
    s.setValue("landscape/resolution", st.resolution)
    s.setValue("display", json.dumps(st.display.to_dict()))
    s.setValue("optimizer", json.dumps(st.optimizer.to_dict()))
    s.setValue("playback/speed", w.playback.speed)
    s.setValue("playback/loop", w.playback.loop)
    s.sync()


def _known(cls, text) -> dict:
    """The keys of ``cls`` found in JSON ``text`` (unknown keys from other versions are dropped)."""
    data = json.loads(str(text))
    if not isinstance(data, dict):
        raise ValueError("not an object")
    known = set(cls().to_dict())
    return {k: v for k, v in data.items() if k in known}


def restore_settings(w) -> None:
    """Restore what :func:`save_settings` wrote; anything unreadable is skipped with a status message."""
    s, st = w.settings, w.state
    problems = []

    def attempt(what, fn):
        try:
            fn()
        except Exception as exc:  # a corrupt settings file must never stop the app from starting
            problems.append(f"{what} ({exc})")

    geometry, window_state = s.value("window/geometry"), s.value("window/state")
    if isinstance(geometry, QByteArray):
        w.restoreGeometry(geometry)
    if isinstance(window_state, QByteArray):
        w.restoreState(window_state, SETTINGS_VERSION)
    name = s.value("landscape/name")
    if name and name != st.function.name:
        attempt(_tr("landscape"), lambda: st.set_landscape(functions.get(str(name))))
    if s.contains("landscape/resolution"):
        attempt(_tr("resolution"), lambda: st.set_resolution(int(s.value("landscape/resolution"))))
    if s.contains("display"):
        attempt(_tr("display"), lambda: st.set_display(
            **Display.from_dict(_known(Display, s.value("display")), "display").to_dict()))
    if s.contains("optimizer"):
        attempt(_tr("optimizer"), lambda: st.set_optimizer(
            **_as_fields(OptimizerSettings.from_dict(_known(OptimizerSettings, s.value("optimizer")), "optimizer"))))
    if s.contains("playback/speed"):
        attempt(_tr("speed"), lambda: w.playback.set_speed(int(s.value("playback/speed"))))
    if s.contains("playback/loop"):
        attempt(_tr("loop"), lambda: w.playback.set_loop(str(s.value("playback/loop")).lower() in ("true", "1")))
    if problems:
        w.show_message(_tr("Some saved settings were ignored: {what}").format(what=", ".join(problems)))


def _as_fields(settings: OptimizerSettings) -> dict:
    return {"name": settings.name, "lr": settings.lr, "hyper": dict(settings.hyper), "steps": settings.steps}
