"""Local minima are marked on the map with their values (issue 13 item 11): the six-hump camel's four local minima
(published values, Dixon & Szegő 1978) get circles and labels beside the catalogue's two global stars; the marks
follow the "Known minima" switch and the view; a landscape without local minima has none."""
from __future__ import annotations

import pytest

from engine import functions
from tests.app.conftest import make_window


@pytest.fixture
def window(qtbot, tmp_path):
    return make_window(qtbot, tmp_path / "settings.ini")


def shown(marks):
    return sorted((round(p.x(), 4), round(p.y(), 4)) for p in (s.pos() for s in marks.marks.points()))


def test_six_hump_camel_local_minima_are_marked_with_values(window, qtbot):
    marks = window.local_minima
    window.state.set_landscape(functions.get("six-hump-camel"))
    qtbot.waitUntil(lambda: len(marks.minima) == 4, timeout=10_000)
    assert shown(marks) == sorted([(-1.7036, 0.7961), (1.7036, -0.7961), (1.6071, 0.5687), (-1.6071, -0.5687)])
    texts = sorted(label.textItem.toPlainText() for label in marks.labels)
    assert texts == ["2.104", "2.104", "−0.2155", "−0.2155"]
    assert marks.marks.isVisible() and all(label.isVisible() for label in marks.labels)
    window.state.set_display(show_minima=False)
    assert not marks.marks.isVisible() and not any(label.isVisible() for label in marks.labels)
    window.state.set_display(show_minima=True)
    window.state.set_view(((-1.0, 1.0), (-1.0, 1.0)))  # zoomed onto the global minima: no local one inside
    qtbot.waitUntil(lambda: marks.minima == [], timeout=10_000)
    assert marks.labels == [] and not marks.marks.isVisible()


def test_himmelblau_has_only_its_stars(window, qtbot):
    window.compute.wait()
    assert window.local_minima.minima == [] and len(window.landscape.minima.points()) == 4
