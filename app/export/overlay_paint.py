"""The overlays of :mod:`.overlays` laid out in a frame and painted (Qt): title top left, legend top right, the
counter t bottom left, the update rule bottom right, each on a dark translucent box inside the landscape's plot.

The layout (:class:`OverlayLayout`) is shared by the PNG/video frames and the SVG writer, so both put every text at
the same place. The boxes that do not change between frames are painted once into small images; a frame blits them
and draws the counter.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage, QPainter, QPen

from app.export.overlays import OverlayContent, counter_text

BOX_COLOUR = QColor(16, 16, 16, 175)
TEXT_COLOUR = QColor("#f2f2f2")
COUNTER_WIDEST = "t = 00000"
SEPARATOR = "  "  # between the parts of a legend line (name, η, start)


@dataclass(frozen=True)
class Line:
    text: str
    colour: str = ""  # a legend line's swatch colour


@dataclass(frozen=True)
class Box:
    kind: str  # "title" | "legend" | "rule" | "counter"
    rect: QRectF
    lines: tuple[Line, ...]


class OverlayLayout:
    """Where each overlay goes in a frame whose landscape plot is ``plot`` (frame pixels), at a font size that
    follows the frame's height."""

    def __init__(self, content: OverlayContent, plot: QRectF, frame_height: int) -> None:
        self.content = content
        self.px = int(min(max(round(frame_height / 48), 10), 48))
        self.font = QFont()
        self.font.setPixelSize(self.px)
        fm = QFontMetricsF(self.font)
        self.metrics = fm
        self.pad = round(self.px * 0.45)
        self.line_height = fm.height()
        self.ascent = fm.ascent()
        self.swatch = round(self.px * 1.6)
        margin = round(self.px * 0.6)
        self.boxes: list[Box] = []
        room = plot.width() - 2 * margin
        # every box stays inside the plot: lines too long for it are elided (a small frame keeps each run's colour
        # and optimizer, and loses the end of its settings)
        legend = self._fit(tuple(Line(text, colour) for colour, text in content.legend), room, swatch=True)
        legend_w = self._width(legend, swatch=True) if legend else 0.0
        title_bottom = plot.top() + margin
        if content.title:
            title_room = room - (legend_w + margin if legend and legend_w < room / 2 else 0)
            text = fm.elidedText(content.title, Qt.TextElideMode.ElideRight, max(title_room - 2 * self.pad, 20))
            box = self._box("title", (Line(text),), plot.left() + margin, plot.top() + margin)
            self.boxes.append(box)
            if not (legend and legend_w < room / 2):
                title_bottom = box.rect.bottom() + margin
        if legend:
            w = legend_w + 2 * self.pad
            self.boxes.append(self._box("legend", legend, plot.right() - margin - w, title_bottom, swatch=True))
        counter = None
        if content.counter:
            w = fm.horizontalAdvance(COUNTER_WIDEST) + 2 * self.pad
            h = self.line_height + 2 * self.pad
            counter = QRectF(plot.left() + margin, plot.bottom() - margin - h, w, h)
        rule = self._fit(tuple(Line(t) for t in content.rule), room) if content.rule else ()
        if rule:
            lines = rule
            w, h = self._size(lines)
            bottom = plot.bottom() - margin
            if counter is not None and plot.right() - margin - w < counter.right() + margin:
                bottom = counter.top() - margin  # too wide to sit beside the counter: above it
            self.boxes.append(self._box("rule", lines, plot.right() - margin - w, bottom - h))
        if counter is not None:
            self.boxes.append(Box("counter", counter, ()))

    def _fit(self, lines: tuple[Line, ...], room: float, swatch: bool = False) -> tuple[Line, ...]:
        """``lines`` fitted to a box ``room`` pixels wide: their last parts (separated by two spaces, e.g. a legend
        line's "  start (x, y)") dropped from every line alike, then what is still too long elided; none when more
        than half of a line would be lost."""
        text_room = max(room - 2 * self.pad - (self.swatch + self.pad if swatch else 0), 20)
        parts = [line.text.split(SEPARATOR) for line in lines]
        for keep in range(max((len(p) for p in parts), default=1), 0, -1):
            texts = [SEPARATOR.join(p[:keep]) for p in parts]
            if all(self.metrics.horizontalAdvance(t) <= text_room for t in texts):
                break
        else:
            if any(self.metrics.horizontalAdvance(t) > 2 * text_room for t in texts):
                return ()  # not even the names would be readable: no box rather than "Gr…"
        return tuple(Line(self.metrics.elidedText(t, Qt.TextElideMode.ElideRight, text_room), line.colour)
                     for t, line in zip(texts, lines))

    def _width(self, lines, swatch: bool = False) -> float:
        extra = self.swatch + self.pad if swatch else 0
        return max(self.metrics.horizontalAdvance(line.text) for line in lines) + extra

    def _size(self, lines, swatch: bool = False) -> tuple[float, float]:
        return self._width(lines, swatch) + 2 * self.pad, len(lines) * self.line_height + 2 * self.pad

    def _box(self, kind: str, lines, x: float, y: float, swatch: bool = False) -> Box:
        w, h = self._size(lines, swatch)
        return Box(kind, QRectF(round(x), round(y), round(w), round(h)), tuple(lines))

    def baseline(self, box: Box, i: int) -> float:
        """The y of line ``i``'s baseline in ``box``."""
        return box.rect.top() + self.pad + self.ascent + i * self.line_height

    def text_x(self, box: Box, line: Line) -> float:
        return box.rect.left() + self.pad + (self.swatch + self.pad if box.kind == "legend" else 0)

    def counter_lines(self, t: int) -> tuple[Line, ...]:
        return (Line(counter_text(t)),)


class OverlayLayer:
    """The painted overlays of one frame layout: static boxes as small images, the counter drawn per frame."""

    def __init__(self, layout: OverlayLayout) -> None:
        self.layout = layout
        self._images = [(box.rect.topLeft().toPoint(), self._paint_box(box)) for box in layout.boxes
                        if box.kind != "counter"]
        self._counter = next((box for box in layout.boxes if box.kind == "counter"), None)

    def _paint_box(self, box: Box) -> QImage:
        image = QImage(int(box.rect.width()), int(box.rect.height()), QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        try:
            local = Box(box.kind, QRectF(0, 0, box.rect.width(), box.rect.height()), box.lines)
            draw_box(painter, self.layout, local, local.lines)
        finally:
            painter.end()
        return image

    def paint(self, painter: QPainter, t: int) -> None:
        for point, image in self._images:
            painter.drawImage(point, image)
        if self._counter is not None:
            draw_box(painter, self.layout, self._counter, self.layout.counter_lines(t))


def draw_box(painter: QPainter, layout: OverlayLayout, box: Box, lines) -> None:
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(BOX_COLOUR)
    radius = layout.pad * 0.6
    painter.drawRoundedRect(box.rect, radius, radius)
    painter.setFont(layout.font)
    for i, line in enumerate(lines):
        y = layout.baseline(box, i)
        if line.colour:
            painter.setPen(QPen(QColor(line.colour), max(2.0, layout.px / 6)))
            mid = y - layout.ascent * 0.35
            x0 = box.rect.left() + layout.pad
            painter.drawLine(QPointF(x0, mid), QPointF(x0 + layout.swatch, mid))
        painter.setPen(TEXT_COLOUR)
        painter.drawText(QPointF(layout.text_x(box, line), y), line.text)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
