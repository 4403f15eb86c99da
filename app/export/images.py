"""Still images of one step: PNG (the renderer's pixels) or SVG (vectors, the colour map an embedded PNG; see
:mod:`.svg`)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Union

from app.export.encoders import EncoderError, open_writer
from app.export.overlays import Overlays
from app.export.renderer import FrameRenderer
from app.export.timeline import translate
from engine.scene import Scene

IMAGE_SUFFIXES = {".png": "png", ".svg": "svg"}


def _tr(text: str) -> str:
    return translate("Export", text)


def resolve_step(step: int | str | None, shown: int, last: int) -> int:
    """The step a still shows: ``None`` the scene's shown step, ``"end"`` the runs' last step, or a number
    0..last (EncoderError past the end, so a typo never silently exports another step)."""
    if step is None:
        return min(max(int(shown), 0), last)
    if isinstance(step, str):
        if step.strip().lower() == "end":
            return last
        try:
            step = int(step)
        except ValueError:
            raise EncoderError(_tr("the step must be a whole number or 'end', got {step!r}").format(
                step=step)) from None
    if not 0 <= int(step) <= last:
        raise EncoderError(_tr("step {step} is outside the runs' steps 0 to {last} (use 'end' for the last)").format(
            step=step, last=last))
    return int(step)


def export_image(source: Union[Scene, "AppState"], path: str | os.PathLike,  # noqa: F821
                 size: tuple[int, int] = (1280, 720), panels: str = "landscape",
                 iteration: int | str | None = None, overlays: Overlays | None = None) -> Path:
    """Step ``iteration`` (None: the scene's shown step; ``"end"``: the last) as PNG at ``size``, or as SVG
    (vector paths and text, the colour map embedded as an image). Atomic."""
    path = Path(path)
    kind = IMAGE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EncoderError(_tr("an image is saved as .png or .svg, not {name!r}").format(name=path.name))
    with FrameRenderer(source, size, panels, overlays) as renderer:
        t = resolve_step(iteration, renderer.scene.playback.frame, renderer.last_iteration)
        if kind == "png":
            frame = renderer.render(t)
            with open_writer(path, "png", renderer.size, 1) as writer:
                writer.write(frame)
            return path
        from app.export.svg import write_svg

        renderer.state.set_frame(t)
        return write_svg(renderer, path, renderer.state.function.title)
