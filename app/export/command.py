"""The command line's export: animation, image or data, chosen by the suffix of the output path."""
from __future__ import annotations

import os
from pathlib import Path

from app.export.data import DATA_SUFFIXES, data_from_scene, export_data
from app.export.encoders import EncoderError, Progress
from app.export.timeline import translate
from engine.scene import Scene

ANIMATION_SUFFIXES = (".mp4", ".gif", ".apng")
IMAGE_SUFFIXES = (".png", ".svg")



def _tr(text: str) -> str:
    return translate("Export", text)

def needs_qt(path: str | os.PathLike) -> bool:
    """Whether writing ``path`` draws pictures (and so needs a QApplication); data export does not."""
    return Path(path).suffix.lower() not in DATA_SUFFIXES


def export_any(scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
               iterations_per_frame: float | None = None, duration: float | None = None, hold_last_s: float = 0.0,
               panels: str = "landscape", progress: Progress | None = None, overlays=None,
               at_step: int | str | None = None) -> Path:
    """Write ``scene`` to ``path``: MP4 / GIF / APNG, PNG / SVG, or CSV / JSON by its suffix. ``overlays``: an
    :class:`~app.export.overlays.Overlays`; ``at_step``: the step of a still (a number or "end"; default the
    scene's shown step)."""
    suffix = Path(path).suffix.lower()
    if suffix in ANIMATION_SUFFIXES:
        from app.export.animation import export_animation
        return export_animation(scene, path, size, fps, iterations_per_frame, duration, hold_last_s, panels,
                                progress, overlays=overlays)
    if suffix in IMAGE_SUFFIXES:
        from app.export.images import export_image
        return export_image(scene, path, size, panels, at_step, overlays)
    if suffix in DATA_SUFFIXES:
        return export_data(data_from_scene(scene), path)
    raise EncoderError(_tr("cannot tell what to write from {name!r}: use .mp4, .gif, .apng, .png, .svg, .csv or "
                           ".json").format(name=Path(path).name))
