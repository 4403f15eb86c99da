"""Still images of the current view: PNG (the renderer's pixels) or SVG (vector paths, the colour map an image)."""
from __future__ import annotations

import os
from contextlib import contextmanager
from pathlib import Path
from typing import Union

from app.export.encoders import EncoderError, open_writer
from app.export.renderer import FrameRenderer
from app.export.timeline import translate
from engine.atomic import atomic_write
from engine.scene import Scene

IMAGE_SUFFIXES = {".png": "png", ".svg": "svg"}



def _tr(text: str) -> str:
    return translate("Export", text)

def export_image(source: Union[Scene, "AppState"], path: str | os.PathLike,  # noqa: F821
                 size: tuple[int, int] = (1280, 720), panels: str = "landscape",
                 iteration: int | None = None) -> Path:
    """The current view (iteration ``iteration``, default the shown one) as PNG at ``size``, or as SVG (vector
    paths, the colour map embedded as an image) of the landscape plot. Atomic."""
    path = Path(path)
    kind = IMAGE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EncoderError(_tr("an image is saved as .png or .svg, not {name!r}").format(name=path.name))
    with FrameRenderer(source, size, panels) as renderer:
        t = renderer.scene.playback.frame if iteration is None else iteration
        if kind == "png":
            frame = renderer.render(t)
            with open_writer(path, "png", renderer.size, 1) as writer:
                writer.write(frame)
            return path
        renderer.state.set_frame(int(t))
        return _write_svg(renderer, path)


@contextmanager
def _uncached(widget):
    """Paint graphics items directly while in the block: the views keep static layers (axes, contours, field) as
    cached pixmaps for speed, and a cached item would reach an SVG as a bitmap instead of vector paths."""
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

    saved = [(item, item.cacheMode()) for view in widget.findChildren(QGraphicsView)
             for item in view.scene().items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _ in saved:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in saved:
            item.setCacheMode(mode)


def _write_svg(renderer: FrameRenderer, path: Path) -> Path:
    """The renderer's widget painted through QSvgGenerator: paths and text stay vectors, the colour map is an image.
    (pyqtgraph's SVGExporter cannot parse the path syntax Qt 6 writes, so the SVG is made by Qt itself.)"""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
    from PySide6.QtSvg import QSvgGenerator

    w, h = renderer.size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRect(0, 0, w, h))
    generator.setTitle("Descent Lab")  # notr: the SVG file's metadata, the product name
    generator.setDescription(renderer.state.function.title)
    with renderer.every_layer() as widget, _uncached(widget):
        widget.render(generator)
    buffer.close()
    with atomic_write(path, "wb") as out:
        out.write(bytes(data.data()))
    return path
