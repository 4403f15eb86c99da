"""The frame renderer: the window's own views, offscreen, at exactly the requested size.

:class:`FrameRenderer` builds its *own* :class:`AppState`, :class:`LandscapeView` (and :class:`CurvesView`) in a
top-level widget that is never shown on screen (``WA_DontShowOnScreen``), applies the scene to it and computes the
surface synchronously; ``render(t)`` shows iteration t and returns an (h, w, 3) uint8 array. So the main window stays
usable (or minimised) during an export, and the GUI and ``descent-lab export`` give the same pixels. The views say
which of their items change with the frame (``static_items`` / ``dynamic_items``); the renderer reads nothing else.
"""
from __future__ import annotations

from contextlib import contextmanager
from typing import Union

import numpy as np

from app.export.encoders import EncoderError
from app.export.overlays import Overlays, overlay_content
from app.export.timeline import translate, check_size
from app.model import ImmediateCompute
from app.surface_worker import SurfaceWorker
from engine.scene import Scene

PANELS = ("landscape", "landscape+loss")
LOSS_PANEL_SHARE = 0.38  # width of the loss panel in "landscape+loss"
BACKGROUND = 0x1E1E1E



def _tr(text: str) -> str:
    return translate("Export", text)

class FrameRenderer:
    """The window's views, offscreen, at exactly ``size`` = (width, height) pixels.

    ``source`` is a :class:`Scene` or an :class:`AppState` (described with its ``to_scene()``, so the renderer
    never shares objects with a live window). ``panels``: "landscape" or "landscape+loss" (loss curves on the right).
    ``overlays``: title, legend, counter and update rule drawn over the landscape (:class:`Overlays`).
    """

    def __init__(self, source: Union[Scene, "AppState"], size: tuple[int, int] = (1280, 720),  # noqa: F821
                 panels: str = "landscape", overlays: Overlays | None = None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget

        from app.model import AppState
        from app.views.landscape import LandscapeView

        if QApplication.instance() is None:
            raise RuntimeError("FrameRenderer needs a QApplication")
        if panels not in PANELS:
            raise EncoderError(_tr("panels must be one of {choices}, got {panels!r}").format(
                choices=", ".join(PANELS), panels=panels))
        self.size = w, h = check_size(size)
        self.panels = panels
        self.overlays = overlays or Overlays()
        self._overlay_layer = None  # laid out at the first frame
        self.scene = source if isinstance(source, Scene) else source.to_scene()
        self.state = AppState()
        self.state.apply_scene(self.scene)  # validates first: SceneError with the state untouched

        self.widget = QWidget()
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.widget.setObjectName("export_frame")
        self.widget.setStyleSheet("QWidget#export_frame { background: #1e1e1e; }")
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.worker = SurfaceWorker(self.widget, ImmediateCompute())  # surface and field computed when asked for
        self._surface_errors: list[str] = []
        self.worker.failed.connect(lambda _request, message: self._surface_errors.append(message))
        self.landscape = LandscapeView(self.state, self.worker)
        layout.addWidget(self.landscape, 1)
        self.curves = None
        if panels == "landscape+loss":
            from app.views.curves import CurvesView

            self.curves = CurvesView(self.state)
            self.curves.log_y.hide()  # a control, not part of the picture
            self.curves.setFixedWidth(int(round(w * LOSS_PANEL_SHARE)))
            for plot in self.curves.plot_widgets():
                plot.setBackground("#1e1e1e")
            layout.addWidget(self.curves, 0)
        self.widget.setFixedSize(w, h)
        self.widget.show()  # not on screen; lays out and sizes every child
        QApplication.processEvents()
        self._background = None  # the static layers, painted once
        self._frame = None  # the image each frame is painted into (the background copied in first)
        self._static_hidden: list = []  # the static items, transparent while frames paint over the background
        self._check_surface()

    def show_scene(self, source: Union[Scene, "AppState"]) -> None:  # noqa: F821
        """Draw another scene with the same widgets (a kept renderer's next export): SceneError with the previous
        scene still shown, EncoderError when its landscape cannot be drawn."""
        from PySide6.QtWidgets import QApplication

        scene = source if isinstance(source, Scene) else source.to_scene()
        self._surface_errors.clear()
        self.state.apply_scene(scene)  # validates first
        self.scene = scene
        _set_opacity(self._static_hidden, 1.0)  # the layers are painted anew for this scene
        self._static_hidden = []
        self._background = self._frame = self._overlay_layer = None
        QApplication.processEvents()
        self._check_surface()

    def set_overlays(self, overlays: Overlays | None) -> None:
        overlays = overlays or Overlays()
        if overlays != self.overlays:
            self.overlays, self._overlay_layer = overlays, None

    def plot_rect(self):
        """The landscape's plot area (inside its axes) in frame pixels, as a QRectF."""
        from PySide6.QtCore import QPoint

        rect = self.landscape.plot.vb.sceneBoundingRect()
        return rect.translated(self.landscape.mapTo(self.widget, QPoint(0, 0)).toPointF())

    def overlay_layout(self):
        """The overlays of this scene laid out in the frame (:class:`~app.export.overlay_paint.OverlayLayout`)."""
        return self._overlay().layout

    def _overlay(self):
        if self._overlay_layer is None:
            from app.export.overlay_paint import OverlayLayer, OverlayLayout

            content = overlay_content(self.state, self.overlays)
            self._overlay_layer = OverlayLayer(OverlayLayout(content, self.plot_rect(), self.size[1]))
        return self._overlay_layer

    def _paint_overlays(self, painter) -> None:
        if not self._overlay().layout.content.empty:
            self._overlay().paint(painter, self.state.frame)

    def _check_surface(self) -> None:
        if self._surface_errors:
            raise EncoderError(_tr("cannot draw the landscape: {error}").format(error=self._surface_errors[-1]))

    @property
    def last_iteration(self) -> int:
        """The last iteration of the longest run (0 without runs)."""
        return self.state.max_frame

    def views(self) -> list:
        """The graphics views that make up the picture, left to right, top to bottom."""
        return [self.landscape] + ([] if self.curves is None else self.curves.plot_widgets())

    def static_items(self) -> list:
        return self.landscape.static_items() + ([] if self.curves is None else self.curves.static_items())

    def dynamic_items(self) -> list:
        return self.landscape.dynamic_items() + ([] if self.curves is None else self.curves.dynamic_items())

    def render(self, iteration: int) -> np.ndarray:
        """Iteration ``iteration`` (clamped to 0..last) as an (h, w, 3) uint8 RGB array.

        What does not move between iterations (colour map, contours, field, axes, colour bar, loss curves) is
        painted once into a background image; each frame paints only the moving items (paths, heads, markers, loss
        cursor) over a copy of it, in the same z order, which is what a full repaint would do but 3-5x cheaper.
        """
        from PySide6.QtCore import QPoint, QRectF, Qt
        from PySide6.QtGui import QPainter

        self.state.set_frame(int(iteration))
        if self._background is None:
            self._capture_background()
            self._frame = self._background.copy()  # painted on every frame: no new image (and pages) per frame
        np.copyto(_pixels(self._frame), _pixels(self._background))
        image = self._frame
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        try:
            for view in self.views():
                brush = view.backgroundBrush()
                view.setBackgroundBrush(Qt.BrushStyle.NoBrush)
                try:
                    view.scene().prepareForPaint()
                    origin = view.mapTo(self.widget, QPoint(0, 0))
                    target = QRectF(origin.x(), origin.y(), view.width(), view.height())
                    view.render(painter, target, view.viewport().rect(), Qt.AspectRatioMode.IgnoreAspectRatio)
                finally:
                    view.setBackgroundBrush(brush)
            self._paint_overlays(painter)
        finally:
            painter.end()
        return image_to_array(image, *self.size)

    def render_full(self, iteration: int) -> np.ndarray:
        """The same picture as :meth:`render`, repainting everything (a check of the layered drawing; slower)."""
        from PySide6.QtGui import QPainter

        self.state.set_frame(int(iteration))
        with self.every_layer():
            image = self._grab_widget()
        painter = QPainter(image)
        try:
            self._paint_overlays(painter)
        finally:
            painter.end()
        return image_to_array(image, *self.size)

    @contextmanager
    def every_layer(self):
        """Inside the block the widget paints every layer (for a full repaint or an SVG)."""
        _set_opacity(self._static_hidden, 1.0)
        try:
            yield self.widget
        finally:
            _set_opacity(self._static_hidden, 0.0)

    def _grab_widget(self):
        from PySide6.QtGui import QImage

        w, h = self.size
        image = QImage(w, h, QImage.Format.Format_RGB888)
        image.fill(BACKGROUND)
        self.widget.render(image)  # the same painting as on screen, into an image of exactly w × h
        return image

    def _capture_background(self) -> None:
        """Paint the static layers alone (moving items transparent) into ``_background``; then make the static
        layers transparent. Opacity, not visibility: a hidden axis or colour bar would give its space away in the
        next layout pass and shift the plot."""
        dynamic = self.dynamic_items()
        _set_opacity(dynamic, 0.0)
        try:
            self._background = self._grab_widget()
        finally:
            _set_opacity(dynamic, 1.0)
        self._static_hidden = self.static_items()
        _set_opacity(self._static_hidden, 0.0)

    def close(self) -> None:
        """Free the widgets (the renderer cannot render afterwards)."""
        self.widget.close()
        self.widget.deleteLater()

    def __enter__(self) -> FrameRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _set_opacity(items, opacity: float) -> None:
    for item in items:
        item.setOpacity(opacity)


def _pixels(image) -> np.ndarray:
    """The bytes of ``image`` as a writable (height, bytes per line) array (a view: keep the image alive)."""
    return np.frombuffer(image.bits(), np.uint8).reshape(image.height(), image.bytesPerLine())


def image_to_array(image, w: int, h: int) -> np.ndarray:
    """An RGB888 QImage as an (h, w, 3) uint8 array (a copy; rows may be padded in the image)."""
    bpl = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
    return data[:, : w * 3].reshape(h, w, 3).copy()


# Renderers kept between exports of one process, by (size, panels): building one makes Qt widgets and paint devices
# (and PySide6 6.11 keeps references to None for every paint device a QPainter opens), drawing another scene does not.
_KEPT: dict[tuple, FrameRenderer] = {}


def acquire(scene, size: tuple[int, int], panels: str, overlays: Overlays | None = None) -> FrameRenderer:
    """A renderer showing ``scene``: the one kept for this size and panels (see :func:`release`), or a new one."""
    kept = _KEPT.pop((check_size(size), panels), None)
    if kept is not None:
        try:
            kept.show_scene(scene)
            kept.set_overlays(overlays)
            return kept
        except BaseException:
            kept.close()
            raise
    return FrameRenderer(scene, size, panels, overlays)


def release(renderer: FrameRenderer) -> None:
    """Keep ``renderer`` for the next export of its size and panels (GUI thread only); the one it replaces closes."""
    key = (renderer.size, renderer.panels)
    old = _KEPT.pop(key, None)
    if old is not None and old is not renderer:
        old.close()
    _KEPT[key] = renderer
