"""Moving the cursor over the map changes numbers in the status bar, the Slices view and the probe, and nothing
else: no widget's size follows those numbers, so no move makes the window lay itself out again (each such pass
re-lays out and repaints every dock, several milliseconds per mouse move)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, QObject, QPointF
from PySide6.QtTest import QTest

from tests.app.conftest import make_window


class LayoutCounter(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, obj, event):  # noqa: N802 (Qt's name)
        if event.type() == QEvent.Type.LayoutRequest:
            self.count += 1
        return False


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


@pytest.mark.parametrize("basins", [False, True])
def test_hovering_the_map_lays_nothing_out(window, qtbot, basins):
    """With the Slices view and the probe open; and with a basin map, whose panel names the basin under the cursor."""
    w, view = window, window.landscape
    for name in ("slices_dock", "probe_dock"):
        w.docks[name].setVisible(True)
    if basins:
        overlay = w.basin_overlay
        w.docks["basins_dock"].raise_()
        overlay.set_enabled(True)
        qtbot.waitUntil(lambda: overlay.result is not None and overlay.result.final
                        and overlay.result.request.id == overlay.worker.latest_id, timeout=30_000)
    points = [(-4.2 + 0.37 * k, -3.9 + 0.41 * k) for k in range(16)]  # values of every size along the diagonal
    QTest.mouseMove(view.viewport(), view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(*points[0]))))
    qtbot.wait(100)  # the readouts hold a first text: a basin's name may take another number of lines than the hint
    counter = LayoutCounter()
    for widget in (w, w.statusBar()):
        widget.installEventFilter(counter)
    texts = set()
    for x, y in points:
        QTest.mouseMove(view.viewport(), view.mapFromScene(view.plot.vb.mapViewToScene(QPointF(x, y))))
        qtbot.wait(15)
        texts.add(w.hover_label.text())
    w.compute.wait()
    qtbot.wait(50)
    assert len(texts) >= 12  # the readout did follow the cursor
    if basins:
        assert w.basin_panel.hover_label.text().startswith("basin of minimum")
    assert counter.count == 0
