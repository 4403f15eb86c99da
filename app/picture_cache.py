"""Keep the picture of a whole widget subtree and draw it again while nothing in it changed.

A ``QWidget.grab()`` of the window (export, the frame benchmark) repaints every widget, changed or not: the optimizer
dock, the menu and tool bars and the tab bars cost ~5-7 ms of a ~19 ms window grab on our 2-core machines, though
nothing in them changes while an animation plays.

How it knows that nothing changed: it asks Qt. A widget's graphics effect is drawn instead of the widget; the effect
renders the subtree into a pixmap (``sourcePixmap``), which Qt files in ``QPixmapCache`` under the effect source's key.
Whenever the widget or any descendant is marked dirty (``update()``, ``repaint()``, a move, resize, show, hide, a new
palette, font or style: everything Qt repaints goes through ``QWidgetRepaintManager::markDirty``), Qt removes that entry
(``invalidateGraphicsEffectsRecursively``). ``drawSource`` blits the entry while it exists and paints the widget
directly when it does not. So the picture shown is never older than Qt's own idea of what is dirty; this class only
chooses when to render a new entry (once the subtree has been left alone for a moment). Qt never looks a widget's
entry up by itself (``sourcePixmap`` re-renders a widget source every time; only ``drawSource`` blits it).

Qt does not track updates of a hidden window (``update()`` returns early), so there, and for a floating (top-level)
widget or one with updates disabled, every paint renders afresh. Text drawn into a pixmap is grey-scale antialiased;
on a desktop set to sub-pixel text, a kept picture's text is grey-scale (as in every ``grab()``).
"""
from __future__ import annotations

import time

from PySide6.QtCore import QAbstractItemModel, QEvent, QObject, QPoint, Qt
from PySide6.QtGui import QPixmapCache
from PySide6.QtWidgets import QAbstractItemView, QGraphicsEffect, QTabBar, QToolButton, QWidget

MIN_PIXMAP_CACHE_KB = 64 * 1024  # Qt's default 10 MB is shared with every cached graphics item
_ALIVE: set = set()


class KeepPicture(QGraphicsEffect):
    """A graphics effect that draws ``widget`` (and its children) from a kept pixmap while Qt has not marked any of
    them dirty. ``renders`` counts the pictures rendered, ``direct`` the paints drawn without one.

    After a change the subtree is painted directly (as without the effect) until it has been left alone for
    ``settle_s``: a child that keeps changing (a busy bar, a dragged slider) would otherwise cost a whole-subtree
    render every other paint, where Qt repaints only its dirty region.
    """

    settle_s = 0.25

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        # Qt calls draw() on this Python object: keep it alive as long as the C++ effect (the widget's Python
        # wrapper, which would keep it as a child, may be dropped and made again when Qt created the widget)
        _ALIVE.add(self)
        self.destroyed.connect(lambda *_, e=self: _ALIVE.discard(e))
        self._widget = widget
        self._kept = False  # a picture was filed in QPixmapCache while Qt tracks this widget's updates
        self._painted = False  # set by the widget's paint event: drawSource found no picture and painted directly
        self._settling_since: float | None = None  # when Qt last dropped the picture (None: a picture was made since)
        self._fresh = False  # a model below changed: render afresh at the next paint
        self._rescan = False  # a child was added: watch the subtree again before the next paint
        self._models: list = []
        self.renders = 0
        self.direct = 0
        self._watch(widget)
        widget.setGraphicsEffect(self)
        floated = getattr(widget, "topLevelChanged", None)  # a dock or tool bar torn off: a window of its own
        if floated is not None:
            floated.connect(self._on_floated)
            self._on_floated(widget.isWindow())  # restored floating from the saved layout

    def _on_floated(self, floating: bool) -> None:
        """A floating dock or bar is a window of its own, which draw() does not trust to keep a picture (it would
        render the whole subtree on every paint): paint it as Qt does until it is docked again."""
        self.setEnabled(not floating)

    def _watch(self, widget: QWidget) -> None:
        """Hear the paint events of ``widget`` and its descendants (a scroll area such as a list gets none itself:
        its viewport does) and the models of the item views among them. Children added later are watched at the next
        paint (not from the ChildAdded event itself: a child being constructed has no Python object to hand yet)."""
        for w in (widget, *widget.findChildren(QWidget)):
            w.installEventFilter(self)  # (once per object: Qt keeps one entry per filter)
            if isinstance(w, QAbstractItemView) and w.model() is not None:
                self._watch_model(w.model())

    def _watch_model(self, model: QAbstractItemModel) -> None:
        """An item view lays new rows and texts out later (a zero-time timer) and asks for its repaint only then, so
        Qt keeps the old picture meanwhile; a grab in between would show it. Any change of the model: render afresh."""
        if any(m is model for m in self._models):
            return
        self._models.append(model)
        for signal in (model.dataChanged, model.headerDataChanged, model.layoutChanged, model.modelReset,
                       model.rowsInserted, model.rowsRemoved, model.rowsMoved, model.columnsInserted,
                       model.columnsRemoved, model.columnsMoved):
            signal.connect(self._model_changed)

    def _model_changed(self, *_) -> None:
        self._fresh = True

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Paint:
            self._painted = True
        elif kind == QEvent.Type.ChildAdded:
            self._rescan = True
        return False

    def _tracked(self) -> bool:
        """True while every change of the subtree reaches the repaint manager (and so removes the picture)."""
        w = self._widget
        return (w.isVisible() and w.updatesEnabled() and not w.isWindow()
                and w.window().backingStore() is not None)

    def draw(self, painter) -> None:
        if self._rescan:  # children were added: hear them too
            self._rescan = False
            self._watch(self._widget)
        tracked = self._tracked()
        if self._fresh:  # a model below changed: its view may not have asked for a repaint yet
            self._kept = False
            self._settling_since = None
        elif self._kept and tracked:
            self._painted = False
            self.drawSource(painter)  # the kept picture, or (when Qt dropped it) the widget painted directly
            if not self._painted:
                return
            self.direct += 1  # it changed: painted directly (only the region asked for), as without the effect
            self._kept = False
            self._settling_since = time.monotonic()
            return
        elif tracked and self._settling_since is not None and time.monotonic() - self._settling_since < self.settle_s:
            # Changed a moment ago (a slider being dragged, a busy bar): keep painting directly; no picture exists
            # since Qt dropped the last one, so drawSource cannot show an old one.
            self.drawSource(painter)
            self.direct += 1
            return
        offset = QPoint()
        picture = self.sourcePixmap(Qt.CoordinateSystem.LogicalCoordinates, offset,
                                    QGraphicsEffect.PixmapPadMode.NoPad)
        painter.drawPixmap(offset, picture)
        self.renders += 1
        self._kept = tracked
        self._settling_since = None
        self._fresh = False


def keep_picture(widget: QWidget) -> KeepPicture:
    """Draw ``widget``'s subtree from a kept picture while none of it changes (see the module docstring). For widgets
    that change rarely: one that changes all the time is painted directly (as without the effect), apart from one
    render each time it rests for ``KeepPicture.settle_s``. Not for a subtree with a QGraphicsView in it (a scene
    asks for its view's repaint only when the event loop runs again)."""
    if QPixmapCache.cacheLimit() < MIN_PIXMAP_CACHE_KB:
        QPixmapCache.setCacheLimit(MIN_PIXMAP_CACHE_KB)
    effect = widget.graphicsEffect()
    return effect if isinstance(effect, KeepPicture) else KeepPicture(widget)


# Nothing in them moves while a run plays. Not the landscape dock: its network tab holds a pyqtgraph plot, and a
# graphics scene asks for its view's repaint only when the event loop runs again (like an item view's layout), so a
# grab straight after new data would show the old picture.
STATIC_DOCKS = ("optimizer_dock", "basins_dock")


class _TabBarWatcher(QObject):
    """Gives the tab bars that QMainWindow makes for tabified docks (when, and as often as, it makes them) a kept
    picture."""

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ChildPolished and isinstance(event.child(), QTabBar):
            keep_picture(event.child())
        return False


def keep_static_pictures(window) -> None:
    """Kept pictures for the parts of the main window that an animation frame does not change: the settings docks,
    menu bar, tool bar buttons, tab bars and buttons beside the moving views. (Not the run table's header: it is an
    item view of the table's model, which changes every frame.)"""
    parts = [window.docks[name] for name in STATIC_DOCKS if name in window.docks]
    parts += [window.menuBar(), window.main_toolbar, window.views.tabBar()]
    parts += [b for b in window.playback_bar.findChildren(QToolButton) if b.parent() is window.playback_bar]
    parts += [window.playback_bar.speed, window.run_list.delete_button, window.run_list.clear_button,
              window.curves.log_y]
    parts += [bar for bar in window.findChildren(QTabBar) if bar.parent() is window]
    for part in parts:
        keep_picture(part)
    watcher = _TabBarWatcher(window)
    window.installEventFilter(watcher)
