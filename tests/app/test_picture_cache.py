"""Kept pictures (app/picture_cache.py): the static docks, bars and buttons are blitted in a window grab, the picture
is the one Qt paints without them, and any change inside (state, text, size, hover, a hidden window) shows at once."""
from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QRect, QSettings, Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QTabBar, QVBoxLayout, QWidget

from app.main_window import MainWindow
from app.picture_cache import STATIC_DOCKS, KeepPicture, keep_picture
from tests.app.conftest import make_window


@pytest.fixture(autouse=True)
def no_settling(monkeypatch):
    """Pictures are made again at the first paint after a change (the app waits settle_s for a change to end)."""
    monkeypatch.setattr(KeepPicture, "settle_s", 0.0)


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def pixels(pixmap) -> np.ndarray:
    from PySide6.QtGui import QImage
    image = pixmap.toImage().convertToFormat(QImage.Format.Format_ARGB32)
    return np.frombuffer(image.constBits(), np.uint8).reshape(image.height(), image.bytesPerLine() // 4, 4).astype(int)


def kept(window) -> list[KeepPicture]:
    return [e for e in (w.graphicsEffect() for w in window.findChildren(QWidget)) if isinstance(e, KeepPicture)]


def uncached_grab(widget, effects) -> np.ndarray:
    for e in effects:
        e.setEnabled(False)  # Qt paints the widgets as it does without an effect
    try:
        return pixels(widget.grab())
    finally:
        for e in effects:
            e.setEnabled(True)


def region(window, widget) -> QRect:
    return QRect(widget.mapTo(window, widget.rect().topLeft()), widget.size())


def crop(a: np.ndarray, r: QRect) -> np.ndarray:
    return a[r.top(): r.bottom() + 1, r.left(): r.right() + 1]


def test_static_parts_keep_pictures_and_a_frame_renders_none_again(window):
    effects = kept(window)
    parts = {e.parent() for e in effects}
    assert window.docks["optimizer_dock"] in parts and window.menuBar() in parts
    assert window.main_toolbar in parts and window.views.tabBar() in parts
    assert window.run_list.table.horizontalHeader() not in parts  # an item view of the model that changes
    from PySide6.QtWidgets import QGraphicsView
    assert not any(part.findChildren(QGraphicsView) for part in parts)  # scenes ask for repaints late
    assert not {window.landscape, window.docks["runs_dock"], window.docks["curves_dock"], window.playback_bar} & parts
    state = window.state
    state.add_run((-4.0, 4.0))
    window.grab()
    window.grab()  # the second grab after a change renders the pictures
    before = {e: (e.renders, e.direct) for e in effects}
    for t in range(1, 6):
        state.set_frame(t)
        window.grab()
    assert {e: (e.renders, e.direct) for e in effects} == before  # blitted, not painted


def test_kept_pictures_are_what_qt_paints(window):
    state = window.state
    state.add_run((-4.0, 4.0))
    state.set_frame(7)
    window.grab()
    effects = kept(window)
    cached = pixels(window.grab())
    plain = uncached_grab(window, effects)
    diff = np.abs(cached - plain).max(axis=2)
    # tab shapes are antialiased: composited from their own pixmap they may differ by one level in a few pixels
    assert diff.max() <= 1 and (diff > 0).sum() < 200
    dock = region(window, window.docks["optimizer_dock"])
    assert np.array_equal(crop(cached, dock), crop(plain, dock))


def test_changes_inside_a_kept_picture_show_in_the_next_grab(window, qtbot):
    state, dock = window.state, window.docks["optimizer_dock"]
    effect = dock.graphicsEffect()
    window.grab()
    window.grab()
    first = crop(pixels(window.grab()), region(window, dock))
    renders = effect.renders
    state.set_optimizer(lr=0.0375)  # the panel's line edit and slider follow the state
    shown = crop(pixels(window.grab()), region(window, dock))
    assert not np.array_equal(shown, first)
    assert np.array_equal(shown, crop(uncached_grab(window, kept(window)), region(window, dock)))
    window.grab()
    assert effect.renders > renders  # a new picture was kept after the change
    # a new size (the dock's splitter moved) and a new text in a child
    window.resizeDocks([dock], [330], Qt.Orientation.Horizontal)
    qtbot.wait(10)
    window.grab()
    box = window.optimizer_panel.findChildren(QLineEdit)[0]
    box.setText("0.125")
    a = pixels(window.grab())
    b = uncached_grab(window, kept(window))
    assert np.array_equal(crop(a, region(window, dock)), crop(b, region(window, dock)))


def kept_label(qtbot, text: str):
    """A top widget holding an inner widget with one label, the inner one under a kept picture."""
    top = QWidget()
    qtbot.addWidget(top)
    inner = QWidget(top)
    label = QLabel(text, inner)
    QVBoxLayout(inner).addWidget(label)
    QVBoxLayout(top).addWidget(inner)
    return top, inner, label, keep_picture(inner)


def test_a_hidden_window_renders_afresh(qtbot, tmp_path):
    """update() of a hidden window reaches no repaint manager, so nothing may be kept there."""
    top, inner, label, effect = kept_label(qtbot, "first")
    top.resize(200, 80)
    a = pixels(top.grab())
    label.setText("second, longer")
    b = pixels(top.grab())
    assert not np.array_equal(a, b)
    effect.setEnabled(False)
    assert np.array_equal(b, pixels(top.grab()))
    assert effect.renders == 2 and effect.direct == 0


def test_a_shown_widget_keeps_its_picture_until_it_changes(qtbot):
    top, inner, label, effect = kept_label(qtbot, "first")
    assert keep_picture(inner) is effect
    top.resize(200, 80)
    top.show()
    qtbot.waitExposed(top)
    top.grab()
    n = effect.renders
    for _ in range(3):
        top.grab()
    assert effect.renders == n and effect.direct == 0  # blitted
    label.setText("second")
    changed = pixels(top.grab())  # Qt dropped the picture: painted directly
    assert effect.direct == 1
    top.grab()
    assert effect.renders == n + 1
    effect.setEnabled(False)
    assert np.array_equal(changed, pixels(top.grab()))


def test_a_scroll_area_is_heard_through_its_viewport_and_its_model(qtbot):
    """A scroll area (a list, a table) gets no paint event itself, its viewport does: a change in it is still
    noticed. And an item view lays a new text out later and only then asks for a repaint: any change of its model
    makes the next paint render afresh, so a grab right after it shows the new text."""
    from PySide6.QtWidgets import QListWidget
    top = QWidget()
    qtbot.addWidget(top)
    items = QListWidget(top)
    items.setFrameShape(QListWidget.Shape.NoFrame)  # as a header: only the viewport paints
    items.addItems(["one", "two"])
    QVBoxLayout(top).addWidget(items)
    effect = keep_picture(items)
    top.resize(200, 120)
    top.show()
    qtbot.waitExposed(top)
    top.grab()
    n = effect.renders
    items.item(0).setText("three, longer")  # no event loop in between: the view has not asked for a repaint yet
    shown = pixels(top.grab())
    assert effect.renders == n + 1 and effect.direct == 0
    effect.setEnabled(False)
    assert np.array_equal(shown, pixels(top.grab()))
    effect.setEnabled(True)
    qtbot.wait(10)
    top.grab()
    top.grab()
    n, d = effect.renders, effect.direct
    items.setAlternatingRowColors(True)  # the view repaints its viewport: heard there
    top.grab()
    assert effect.direct == d + 1
    top.grab()
    assert effect.renders == n + 1


def test_a_changing_widget_is_painted_directly_until_it_settles(qtbot, monkeypatch):
    """A busy bar or a dragged slider changes every few ms: no whole-subtree render per change, one once it rests."""
    monkeypatch.setattr(KeepPicture, "settle_s", 0.3)
    top, inner, label, effect = kept_label(qtbot, "0")
    top.resize(200, 80)
    top.show()
    qtbot.waitExposed(top)
    top.grab()
    renders = effect.renders
    for k in range(1, 6):
        label.setText(str(k))
        shown = pixels(top.grab())
        top.grab()
    assert effect.renders == renders and effect.direct == 10
    effect.setEnabled(False)
    assert np.array_equal(shown, pixels(top.grab()))
    effect.setEnabled(True)  # a change of its own (Qt drops the picture): settles again
    top.grab()
    qtbot.wait(350)
    top.grab()
    assert effect.renders == renders + 1
    n = effect.direct
    top.grab()
    assert effect.renders == renders + 1 and effect.direct == n  # blitted


def test_a_floating_dock_is_painted_as_qt_paints_it(window, qtbot):
    dock = window.docks["optimizer_dock"]
    effect = dock.graphicsEffect()
    assert effect.isEnabled()
    dock.setFloating(True)
    assert not effect.isEnabled()  # a window of its own: no picture (its updates would not drop one)
    dock.setFloating(False)
    assert effect.isEnabled()
    window.main_toolbar.setGraphicsEffect(None)
    window.main_toolbar.setWindowFlags(Qt.WindowType.Tool)  # as a bar restored floating: a window already
    assert not keep_picture(window.main_toolbar).isEnabled()


def test_tab_bars_made_after_the_first_show_keep_pictures(qtbot, tmp_path):
    w = MainWindow(settings=QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat), restore=False)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitExposed(w)
    w.tabifyDockWidget(w.docks["runs_dock"], w.docks["inspector_dock"])
    qtbot.wait(10)
    bars = [b for b in w.findChildren(QTabBar) if b.parent() is w and b.isVisible()]
    assert len(bars) >= 2 and all(isinstance(b.graphicsEffect(), KeepPicture) for b in bars)
    assert all(name in w.docks for name in STATIC_DOCKS)
