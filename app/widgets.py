"""Small widgets shared by the panels: drop-in replacements that paint less often than Qt's own.

A ``QWidget.grab()`` of the window (what export and the frame benchmark do) repaints every child widget, changed or
not; widgets whose picture depends only on a few values can keep the picture and draw it again.
"""
from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QAbstractTextDocumentLayout, QFontMetrics, QGuiApplication, QPainter, QPixmap
from PySide6.QtWidgets import (QAbstractScrollArea, QApplication, QDockWidget, QScrollBar, QStyle,
                               QStyleOptionDockWidget, QStyleOptionSlider, QStyleOptionToolBar, QTextBrowser, QToolBar,
                               QToolButton, QWidget)


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
            picture = _canvas(self._picture, self.size() * dpr, dpr)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            self.style().drawComplexControl(QStyle.ComplexControl.CC_ScrollBar, opt, painter, self)
            painter.end()
            self._key, self._picture = key, picture
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()


class CachedToolBar(QToolBar):
    """A tool bar that keeps the picture of its background (its buttons and widgets paint themselves on top).

    Fusion fills a main window's tool bar with a vertical gradient across its whole width: ~1.5-2 ms for a
    1280 × 30-40 bar on our machines, on every grab of the window, for a picture that changes only with the bar's
    size, place and palette. This draws what ``QToolBar::paintEvent`` draws (``CE_ToolBar`` and the handle) once per
    style option and then blits it. A floating bar or one whose extension pop-out is open paints as usual
    (Qt fills those with the window colour first).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._key: tuple | None = None
        self._picture: QPixmap | None = None

    def _expanded(self) -> bool:
        ext = self.findChild(QToolButton, "qt_toolbar_ext_button")
        return ext is not None and ext.isChecked()

    def paintEvent(self, event) -> None:
        if self.isWindow() or self._expanded():
            self._key = None
            super().paintEvent(event)
            return
        style = self.style()
        opt = QStyleOptionToolBar()
        self.initStyleOption(opt)
        dpr = self.devicePixelRatioF()
        key = (opt.rect.width(), opt.rect.height(), opt.state, opt.direction, opt.toolBarArea, opt.positionOfLine,
               opt.positionWithinLine, opt.features, opt.lineWidth, opt.midLineWidth, opt.palette.cacheKey(),
               id(style), dpr)
        if key != self._key:
            picture = _canvas(self._picture, self.size() * dpr, dpr)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            style.drawControl(QStyle.ControlElement.CE_ToolBar, opt, painter, self)
            opt.rect = style.subElementRect(QStyle.SubElement.SE_ToolBarHandle, opt, self)
            if opt.rect.isValid():
                style.drawPrimitive(QStyle.PrimitiveElement.PE_IndicatorToolBarHandle, opt, painter, self)
            painter.end()
            self._key, self._picture = key, picture
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._picture)
        painter.end()


class CachedDockWidget(QDockWidget):
    """A dock widget that keeps the picture of its title bar (its buttons and contents paint themselves on top).

    ``QDockWidget::paintEvent`` draws ``CE_DockWidgetTitle`` on every paint: ~0.3 ms per dock with Fusion on our
    machines, on every grab of the window, for a picture that changes only with the title, size, state, palette and
    font. This draws what that paint event draws (with the title font Qt picks) once per style option and then blits
    it. A floating dock, one with a title bar widget of its own or a vertical title bar paints as usual.
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._key: tuple | None = None
        self._picture: QPixmap | None = None

    def paintEvent(self, event) -> None:
        opt = QStyleOptionDockWidget()
        self.initStyleOption(opt)
        if self.isFloating() or self.titleBarWidget() is not None or opt.verticalTitleBar:
            self._key = None  # (rotated text antialiases differently into a pixmap)
            super().paintEvent(event)
            return
        font = self.font()
        if font == QApplication.font("QDockWidget"):  # as QDockWidget::paintEvent: the title's own font
            font = QApplication.font("QDockWidgetTitle")
            opt.fontMetrics = QFontMetrics(font)
        dpr = self.devicePixelRatioF()
        key = (opt.rect.x(), opt.rect.y(), opt.rect.width(), opt.rect.height(), opt.title, opt.closable, opt.movable, opt.floatable,
               opt.verticalTitleBar, opt.state, opt.direction, opt.palette.cacheKey(), font.key(), id(self.style()),
               dpr)
        title = opt.rect
        if key != self._key:
            # the title strip only: the rest of the dock is its contents
            picture = _canvas(self._picture, title.size() * dpr, dpr)
            picture.fill(Qt.GlobalColor.transparent)
            painter = QPainter(picture)
            painter.setFont(font)
            painter.translate(-title.topLeft())
            self.style().drawControl(QStyle.ControlElement.CE_DockWidgetTitle, opt, painter, self)
            painter.end()
            self._key, self._picture = key, picture
        painter = QPainter(self)
        painter.drawPixmap(title.topLeft(), self._picture)
        painter.end()


class CachedTextBrowser(QTextBrowser):
    """A text browser that keeps the picture of its page and draws it again while nothing about it changed.

    A grab of the window lays the whole visible document out on the viewport again (the step inspector: ~0.5-1 ms of
    text and tables per grab), though its HTML changes at most every few frames. The picture depends on the document
    (its revision), the viewport size, the scroll position, the palette and the font; it includes the viewport's
    background, so it is opaque and its antialiased text lands on the same pixels as Qt's own paint. Under the mouse,
    with a text cursor shown (keyboard selection, editable), a selection or extra selections, an empty document
    (placeholder text) or right to left it paints as usual (``QTextEdit::paintEvent``).
    """

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._key: tuple | None = None
        self._picture: QPixmap | None = None

    def paintEvent(self, event) -> None:
        doc = self.document()
        shows_cursor = Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextEditable
        if (self.underMouse() or self.textInteractionFlags() & shows_cursor or self.textCursor().hasSelection()
                or self.extraSelections() or doc.isEmpty() or self.isRightToLeft()
                or QGuiApplication.mouseButtons() != Qt.MouseButton.NoButton):
            self._key = None
            super().paintEvent(event)
            return
        vp = self.viewport()
        dpr = vp.devicePixelRatioF()
        dx, dy = self.horizontalScrollBar().value(), self.verticalScrollBar().value()
        palette = self.palette()
        key = (id(doc), doc.revision(), vp.width(), vp.height(), dx, dy, palette.cacheKey(),
               vp.palette().cacheKey(), int(palette.currentColorGroup().value), self.font().key(), id(self.style()),
               self.isEnabled(), dpr)
        if key != self._key:
            picture = _canvas(self._picture, vp.size() * dpr, dpr)
            painter = QPainter(picture)
            painter.fillRect(vp.rect(), vp.palette().brush(vp.backgroundRole()))
            painter.translate(-dx, -dy)
            ctx = QAbstractTextDocumentLayout.PaintContext()
            ctx.palette = palette
            ctx.cursorPosition = -1
            ctx.clip = QRectF(dx, dy, vp.width(), vp.height())
            painter.setClipRect(ctx.clip)
            doc.documentLayout().draw(painter, ctx)
            painter.end()
            self._key, self._picture = key, picture
        _blit(vp, self._picture)


def _canvas(old: QPixmap | None, size, dpr: float) -> QPixmap:
    """A pixmap of ``size`` device pixels at ``dpr`` to draw a new picture on: ``old`` again when it fits. PySide6
    6.11 keeps six references to None for every QPainter opened on a new paint device (none for one it has seen),
    so a picture redrawn every few frames into a fresh pixmap would make None's count climb without end."""
    if old is not None and old.size() == size and old.devicePixelRatio() == dpr:
        return old
    picture = QPixmap(size)
    picture.setDevicePixelRatio(dpr)
    return picture


def _blit(widget: QWidget, picture: QPixmap) -> None:
    painter = QPainter(widget)
    painter.drawPixmap(0, 0, picture)
    painter.end()


def use_cached_scroll_bars(area: QAbstractScrollArea) -> QAbstractScrollArea:
    """Give ``area`` (a scroll area, item view or text browser) a :class:`CachedScrollBar` in each direction.

    Qt copies the replaced bar's range, steps and value to the new one; the scroll bar policies belong to the area.
    """
    area.setVerticalScrollBar(CachedScrollBar(Qt.Orientation.Vertical))
    area.setHorizontalScrollBar(CachedScrollBar(Qt.Orientation.Horizontal))
    return area
