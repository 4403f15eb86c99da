"""The SVG still, written from the renderer's numbers (not through QSvgGenerator, whose output browsers, librsvg and
ImageMagick draw garbled): the colour map as one embedded PNG ``<image>``, everything else vectors — contours,
gradient-field arrows, paths, step arrows, markers and minima as ``<path>``, the colour bar as a gradient, axes with
their ticks, labels, legend, title and counter as ``<text>``.

Positions come from the views laid out at the export size: each plot's data rectangle and pixel rectangle give a
linear map, and pyqtgraph's public ``AxisItem.generateDrawSpecs`` gives the ticks and tick labels it paints, so the SVG
lines up with the PNG of the same step.
"""
from __future__ import annotations

import base64
import io
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QFontInfo, QImage, QPainter
from PySide6.QtWidgets import QGraphicsEllipseItem, QGraphicsRectItem

from engine.atomic import atomic_write

FONT = "DejaVu Sans, Noto Sans CJK SC, Arial, sans-serif"


def _colour(c: QColor) -> str:
    return c.name(QColor.NameFormat.HexRgb)


def _stroke(pen, width: float | None = None) -> str:
    c = pen.color()
    w = max(pen.widthF(), 1.0) if width is None else width
    dashes = ""
    if pen.style() not in (Qt.PenStyle.SolidLine, Qt.PenStyle.NoPen):
        dashes = f' stroke-dasharray="{" ".join(f"{d * w:.3g}" for d in pen.dashPattern())}"'
    return f'stroke="{_colour(c)}" stroke-opacity="{c.alphaF():.3g}" stroke-width="{w:.3g}"{dashes}'




class PlotMap:
    """Data coordinates of a ViewBox to frame pixels (the view box's rectangle in the whole frame)."""

    def __init__(self, vb, origin: QPoint) -> None:
        (self.x0, self.x1), (self.y0, self.y1) = vb.viewRange()
        r = vb.sceneBoundingRect().translated(QPointF(origin))
        self.rect = (r.left(), r.top(), r.width(), r.height())

    def xy(self, xs, ys) -> tuple[np.ndarray, np.ndarray]:
        left, top, w, h = self.rect
        xs, ys = np.asarray(xs, float), np.asarray(ys, float)
        return left + (xs - self.x0) / (self.x1 - self.x0) * w, top + (self.y1 - ys) / (self.y1 - self.y0) * h


def _polyline_d(px: np.ndarray, py: np.ndarray) -> str:
    """Path data of NaN-separated polylines (already in pixels)."""
    ok = np.isfinite(px) & np.isfinite(py) & (np.abs(px) < 1e6) & (np.abs(py) < 1e6)
    parts, start = [], True
    for x, y, good in zip(px.tolist(), py.tolist(), ok.tolist()):
        if not good:
            start = True
            continue
        parts.append(f"{'M' if start else 'L'}{x:.2f} {y:.2f}")
        start = False
    return "".join(parts)


def clip_segments(ax, ay, bx, by, rect) -> tuple[np.ndarray, ...]:
    """Segments (pixel end points) cut to ``rect`` = (left, top, width, height) (Liang–Barsky, vectorised); those
    wholly outside are dropped. The SVG clips its plots itself: ImageMagick's own renderer ignores clip paths."""
    left, top, w, h = rect
    ax, ay, bx, by = (np.asarray(v, float) for v in (ax, ay, bx, by))
    dx, dy = bx - ax, by - ay
    t0, t1 = np.zeros_like(ax), np.ones_like(ax)
    keep = np.isfinite(ax) & np.isfinite(ay) & np.isfinite(bx) & np.isfinite(by)
    with np.errstate(divide="ignore", invalid="ignore"):
        for p, q in ((-dx, ax - left), (dx, left + w - ax), (-dy, ay - top), (dy, top + h - ay)):
            parallel = p == 0
            keep &= ~(parallel & (q < 0))
            r = q / np.where(parallel, 1.0, p)
            t0 = np.where(~parallel & (p < 0), np.maximum(t0, r), t0)
            t1 = np.where(~parallel & (p > 0), np.minimum(t1, r), t1)
    keep &= t0 <= t1
    t0, t1 = t0[keep], t1[keep]
    ax, ay, dx, dy = ax[keep], ay[keep], dx[keep], dy[keep]
    return ax + t0 * dx, ay + t0 * dy, ax + t1 * dx, ay + t1 * dy


def _segments_d(m: PlotMap, segs: np.ndarray) -> str:
    """Path data of (n, 4) segments (x0, y0, x1, y1) in data units, cut to the plot; consecutive segments join
    into one polyline."""
    if len(segs) == 0:
        return ""
    with np.errstate(over="ignore", invalid="ignore"):
        ax, ay = m.xy(np.clip(segs[:, 0], -1e150, 1e150), np.clip(segs[:, 1], -1e150, 1e150))
        bx, by = m.xy(np.clip(segs[:, 2], -1e150, 1e150), np.clip(segs[:, 3], -1e150, 1e150))
    ax, ay, bx, by = clip_segments(ax, ay, bx, by, m.rect)
    parts, last = [], None
    for a0, a1, b0, b1 in zip(ax.tolist(), ay.tolist(), bx.tolist(), by.tolist()):
        if not all(abs(v) < 1e6 for v in (a0, a1, b0, b1)):
            last = None
            continue
        if last != (round(a0, 2), round(a1, 2)):
            parts.append(f"M{a0:.2f} {a1:.2f}")
        parts.append(f"L{b0:.2f} {b1:.2f}")
        last = (round(b0, 2), round(b1, 2))
    return "".join(parts)


class SvgDocument:
    def __init__(self, w: int, h: int, title: str) -> None:
        self.w, self.h = w, h
        self.parts = ['<?xml version="1.0" encoding="UTF-8"?>',
                      f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" '
                      f'width="{w}" height="{h}" viewBox="0 0 {w} {h}" font-family={quoteattr(FONT)} stroke="none">',
                      f"<title>{escape(title)}</title>",
                      f'<rect width="{w}" height="{h}" fill="#1e1e1e"/>']

    def add(self, text: str) -> None:
        self.parts.append(text)

    def rect(self, left: float, top: float, w: float, h: float, fill: str) -> None:
        if w > 0 and h > 0:
            self.add(f'<rect x="{left:.2f}" y="{top:.2f}" width="{w:.2f}" height="{h:.2f}" fill="{fill}"/>')

    def text(self, x: float, y: float, text: str, size: float, colour: str = "#f2f2f2", anchor: str = "start",
             rotate: float = 0.0) -> None:
        rot = f' transform="rotate({rotate:g} {x:.2f} {y:.2f})"' if rotate else ""
        self.add(f'<text x="{x:.2f}" y="{y:.2f}" font-size="{size:.3g}" fill="{colour}" stroke="none" '
                 f'text-anchor="{anchor}" xml:space="preserve"{rot}>{escape(text)}</text>')

    def finish(self) -> str:
        return "\n".join(self.parts + ["</svg>", ""])


def _axes(doc: SvgDocument, plot, origin: QPoint) -> None:
    """Every visible axis of a PlotItem (or the colour bar's axis): line, ticks, tick labels and title."""
    axes = [a["item"] for a in plot.axes.values()] if hasattr(plot, "axes") else [plot]
    scratch = QImage(8, 8, QImage.Format.Format_RGB32)
    for axis in axes:
        if not axis.isVisible():
            continue
        painter = QPainter(scratch)
        try:
            font = axis.style.get("tickFont") or painter.font()
            painter.setFont(font)
            axis_spec, ticks, texts = axis.generateDrawSpecs(painter)
            size = QFontInfo(font).pixelSize()
            ascent = painter.fontMetrics().ascent() - painter.fontMetrics().descent()
        finally:
            painter.end()

        def to_frame(p):
            q = axis.mapToScene(p) + QPointF(origin)
            return q.x(), q.y()

        lines = [axis_spec] + list(ticks)
        for pen, p1, p2 in lines:
            (ax, ay), (bx, by) = to_frame(p1), to_frame(p2)
            doc.add(f'<path d="M{ax:.2f} {ay:.2f}L{bx:.2f} {by:.2f}" fill="none" {_stroke(pen, pen.widthF() or 1)}/>')
        colour = _colour(axis.textPen().color())
        for rect, flags, text in texts:
            r = axis.mapRectToScene(rect).translated(QPointF(origin))
            if flags & Qt.AlignmentFlag.AlignLeft:
                x, anchor = r.left(), "start"
            elif flags & Qt.AlignmentFlag.AlignRight:
                x, anchor = r.right(), "end"
            else:
                x, anchor = r.center().x(), "middle"
            doc.text(x, r.center().y() + ascent / 2, text, size, colour, anchor)
        label = axis.label
        if label.isVisible() and label.toPlainText():
            c = label.sceneBoundingRect().center() + QPointF(origin)
            vertical = axis.orientation in ("left", "right")
            doc.text(c.x() + (ascent / 2 if vertical else 0), c.y() + (0 if vertical else ascent / 2),
                     label.toPlainText().strip(), QFontInfo(label.font()).pixelSize(), colour, "middle",
                     -90 if vertical else 0)


def _colour_map(doc: SvgDocument, view, m: PlotMap) -> None:
    result = view.result
    if result is None:
        return
    lo, hi = result.levels
    values = np.asarray(result.colour, float)
    norm = np.clip((values - lo) / (hi - lo if hi > lo else 1.0), 0.0, 1.0)
    rgba = np.asarray(view.colorbar.colorMap().map(np.nan_to_num(norm), mode="byte"), np.uint8).reshape(*norm.shape, -1)
    if rgba.shape[-1] == 3:
        rgba = np.concatenate([rgba, np.full(norm.shape + (1,), 255, np.uint8)], axis=-1)
    rgba[~np.isfinite(values), 3] = 0
    from PIL import Image

    buffer = io.BytesIO()
    Image.fromarray(np.ascontiguousarray(np.flipud(rgba)), "RGBA").save(buffer, "png")
    data = base64.b64encode(buffer.getvalue()).decode("ascii")
    r = view.image.mapRectToView(view.image.boundingRect())
    (x0, x1), (y1, y0) = m.xy([r.left(), r.right()], [r.top(), r.bottom()])
    doc.add(f'<image x="{x0:.2f}" y="{y0:.2f}" width="{x1 - x0:.2f}" height="{y1 - y0:.2f}" '
            f'preserveAspectRatio="none" xlink:href="data:image/png;base64,{data}" '
            f'href="data:image/png;base64,{data}"/>')
    # the samples' half-cells beyond the plot's edges are covered (a clip path would do, but not everywhere)
    left, top, w, h = m.rect
    for box in ((0, 0, doc.w, top), (0, top + h, doc.w, doc.h - top - h), (0, top, left, h),
                (left + w, top, doc.w - left - w, h)):
        doc.rect(*box, "#1e1e1e")


def _curve(doc: SvgDocument, m: PlotMap, item) -> None:
    if not item.isVisible():  # (static layers are transparent between frames: their opacity says nothing)
        return
    xs, ys = item.getData()
    if xs is None or len(xs) == 0:
        return
    pen = pg.mkPen(item.opts["pen"])
    if pen.style() == Qt.PenStyle.NoPen:
        return
    px, py = m.xy(xs, ys)
    if item.opts.get("connect") == "pairs":
        px, py = np.insert(px, range(2, len(px), 2), np.nan), np.insert(py, range(2, len(py), 2), np.nan)
    d = _polyline_d(px, py)
    if d:
        doc.add(f'<path d="{d}" fill="none" stroke-linejoin="round" {_stroke(pen)}/>')


def _marker(doc: SvgDocument, m: PlotMap, item) -> None:
    """A constant-size marker (a run's head dot or start square) at its data position."""
    if not item.isVisible():
        return
    (x,), (y,) = m.xy([item.pos().x()], [item.pos().y()])
    if not _inside(m, x, y):
        return
    r = item.rect()
    fill, pen = _colour(item.brush().color()), item.pen()
    if isinstance(item, QGraphicsEllipseItem):
        doc.add(f'<circle cx="{x:.2f}" cy="{y:.2f}" r="{r.width() / 2:.2f}" fill="{fill}" {_stroke(pen)}/>')
    elif isinstance(item, QGraphicsRectItem):
        doc.add(f'<rect x="{x + r.left():.2f}" y="{y + r.top():.2f}" width="{r.width():.2f}" height="{r.height():.2f}" '
                f'fill="{fill}" {_stroke(pen)}/>')


def _inside(m: PlotMap, x: float, y: float) -> bool:
    left, top, w, h = m.rect
    return left <= x <= left + w and top <= y <= top + h


def _scatter(doc: SvgDocument, m: PlotMap, item, shape: str) -> None:
    if not item.isVisible():
        return
    xs, ys = item.getData()
    for x, y in zip(*m.xy(xs, ys)):
        if not _inside(m, x, y):
            continue
        if shape == "star":
            k = np.arange(10)
            rad = np.where(k % 2 == 0, 9.0, 3.8)
            px, py = x + rad * np.sin(k * np.pi / 5), y - rad * np.cos(k * np.pi / 5)
            d = "M" + "L".join(f"{a:.2f} {b:.2f}" for a, b in zip(px, py)) + "Z"
            doc.add(f'<path d="{d}" fill="#ffffff" stroke="#111111" stroke-width="1.2"/>')
        else:
            doc.add(f'<path d="M{x - 6:.2f} {y - 6:.2f}L{x + 6:.2f} {y + 6:.2f}M{x - 6:.2f} {y + 6:.2f}L{x + 6:.2f} '
                    f'{y - 6:.2f}" stroke="#e8202a" stroke-width="3.5"/>')


def _landscape(doc: SvgDocument, renderer) -> None:
    view = renderer.landscape
    origin = view.mapTo(renderer.widget, QPoint(0, 0))
    m = PlotMap(view.plot.vb, origin)
    _colour_map(doc, view, m)
    for item in (view.contours, *view.field_items):  # sampled inside the plot
        _curve(doc, m, item)
    for track in view.tracks.tracks:
        d = _segments_d(m, track.path)
        if d:
            doc.add(f'<path class="run" d="{d}" fill="none" stroke-linejoin="round" stroke-linecap="round" '
                    f'{_stroke(track.path_pen)}/>')
    for track in view.tracks.tracks:
        d = _segments_d(m, track.step)
        if d:
            doc.add(f'<path class="step" d="{d}" fill="none" {_stroke(track.step_pen)}/>')
    _scatter(doc, m, view.minima, "star")
    _scatter(doc, m, view.diverged, "cross")
    for item in view.dynamic_items():  # the runs' start squares and head dots
        if isinstance(item, (QGraphicsEllipseItem, QGraphicsRectItem)):
            _marker(doc, m, item)
    _axes(doc, view.plot, origin)
    bar = view.colorbar.bar
    r = bar.sceneBoundingRect().translated(QPointF(origin))
    stripes = 128  # vector stripes rather than a gradient, which not every renderer draws
    colours = np.asarray(view.colorbar.colorMap().map(np.linspace(0, 1, stripes), mode="byte"), np.uint8)
    step = r.height() / stripes
    for k, c in enumerate(colours):  # k = 0 at the bottom (low values)
        doc.rect(r.left(), r.bottom() - (k + 1) * step, r.width(), step + 0.6, f"#{c[0]:02x}{c[1]:02x}{c[2]:02x}")
    _axes(doc, view.colorbar, origin)  # its value axis and the axis carrying its label


def _curves(doc: SvgDocument, renderer) -> None:
    for widget in renderer.curves.plot_widgets():
        origin = widget.mapTo(renderer.widget, QPoint(0, 0))
        plot = widget.getPlotItem()
        m = PlotMap(plot.vb, origin)
        for item in plot.items:  # curves auto-ranged: inside their plot
            if isinstance(item, pg.PlotDataItem):
                _curve(doc, m, item.curve)
            elif isinstance(item, pg.PlotCurveItem):
                _curve(doc, m, item)
            elif isinstance(item, pg.InfiniteLine) and item.isVisible():
                (x,), _ = m.xy([item.value()], [m.y0])
                left, top, w, h = m.rect
                doc.add(f'<path d="M{x:.2f} {top:.2f}L{x:.2f} {top + h:.2f}" {_stroke(item.pen)}/>')
        _axes(doc, plot, origin)


def _overlays(doc: SvgDocument, renderer) -> None:
    from app.export.overlay_paint import BOX_COLOUR

    layout = renderer.overlay_layout()
    for box in layout.boxes:
        r = box.rect
        doc.add(f'<rect x="{r.left():.2f}" y="{r.top():.2f}" width="{r.width():.2f}" height="{r.height():.2f}" '
                f'rx="{layout.pad * 0.6:.2f}" fill="{_colour(BOX_COLOUR)}" fill-opacity="{BOX_COLOUR.alphaF():.3g}"/>')
        lines = layout.counter_lines(renderer.state.frame) if box.kind == "counter" else box.lines
        for i, line in enumerate(lines):
            y = layout.baseline(box, i)
            if line.colour:
                x0, mid = r.left() + layout.pad, y - layout.ascent * 0.35
                doc.add(f'<path d="M{x0:.2f} {mid:.2f}L{x0 + layout.swatch:.2f} {mid:.2f}" stroke="{line.colour}" '
                        f'stroke-width="{max(2.0, layout.px / 6):.3g}"/>')
            doc.text(layout.text_x(box, line), y, line.text, layout.px)


def write_svg(renderer, path: Path, title: str) -> Path:
    """The renderer's picture at its current step as an SVG file (atomic)."""
    renderer.render(renderer.state.frame)  # lays out every item (paths, arrows, markers) for this step
    w, h = renderer.size
    doc = SvgDocument(w, h, title)
    _landscape(doc, renderer)
    if renderer.curves is not None:
        _curves(doc, renderer)
    _overlays(doc, renderer)
    with atomic_write(path, "w") as out:
        out.write(doc.finish())
    return path
