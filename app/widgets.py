"""Small widgets shared by the panels: drop-in replacements that paint less often than Qt's own.

A ``QWidget.grab()`` of the window (what export and the frame benchmark do) repaints every child widget, changed or
not; widgets whose picture depends only on a few values can keep the picture and draw it again.
"""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import QAbstractScrollArea, QScrollBar, QStyle, QStyleOptionSlider, QWidget


class CachedScrollBar(QScrollBar):
    """A scroll bar that keeps its last picture and draws it again while nothing about it changed.

    Fusion paints a vertical scroll bar with gradients, one span per pixel row; from ~100 rows Qt hands the spans to its
    GUI thread pool, and on our 2-core machines the hand-over costs ~0.3-1 ms per paint of a 14 × 140 bar (a QWidget
    grab repaints every scroll bar). The picture depends only on the style option (size, range, value, state,
    palette); under the mouse or while a button is held (hover and pressed parts come from private state) it paints
    as usual. Any scroll area can use it: ``area.setVerticalScrollBar(CachedScrollBar(Qt.Orientation.Vertical))``.
    """

    def __init__(self, orientation: Qt.Orientation, parent: QWidget | None = None) -> None:
        super().__init__(orientation, parent)
        self._key: tuple | None = None
        self._picture: QPixmap | None = None

    def paintEvent(self, event) -> None:
        if self.underMouse() or self.isSliderDown() or QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton:
            self._key = None
            super().paintEvent(event)
            return
        opt = QStyleOptionSlider()
        self.initStyleOption(opt)
        opt.subControls = QStyle.SubControl.SC_All
        dpr = self.devicePixelRatioF()
        key = (opt.rect.width(), opt.rect.height(), opt.minimum, opt.maximum, opt.sliderPosition, opt.pageStep,
               opt.orientation, opt.upsideDown, opt.state, opt.activeSubControls, opt.direction,
               opt.palette.cacheKey(), id(self.style()), dpr)
        if key != self._key:
            picture = QPixmap(self.size() * dpr)
            picture.setDevicePixelRatio(dpr)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            self.style().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, opt, painter, self)
            painter.end()
            self._key, self._picture = key, picture
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()


def use_cached_scroll_bars(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Give ``area`` (a scroll area, item view or text browser) a :class:`CachedScrollBar` in each direction.

    Qt copies the replaced bar's range, steps and value to the new one; the scroll bar policies belong to the area.
    """
    area.setVerticalScrollBar(CachedScrollBar(Qt.Orientation.Vertical))
    area.setHorizontalScrollBar(CachedScrollBar(Qt.Orientation.Horizontal))
    return area
