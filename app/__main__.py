"""``python -m app``: open Descent Lab's main window."""
from __future__ import annotations

import sys
from pathlib import Path

ICON_PATH = Path(__file__).resolve().parents[1] / "assets" / "icon.svg"


def app_icon():
    """The application icon: assets/icon.svg, or the same picture drawn with QPainter when the SVG is missing
    (an installed wheel does not ship assets/) or the SVG image plugin is unavailable."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QRadialGradient

    if ICON_PATH.exists():
        icon = QIcon(str(ICON_PATH))
        if not icon.pixmap(64, 64).isNull():
            return icon
    pixmap = QPixmap(256, 256)
    pixmap.fill(Qt.GlobalColor.transparent)
    p = QPainter(pixmap)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    grad = QRadialGradient(QPointF(148, 154), 190)
    for stop, colour in ((0, "#440154"), (0.35, "#3b528b"), (0.65, "#21918c"), (0.85, "#5ec962"), (1, "#fde725")):
        grad.setColorAt(stop, QColor(colour))
    p.setBrush(QBrush(grad))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawRoundedRect(QRectF(8, 8, 240, 240), 44, 44)
    ring = QColor("#ffffff")
    ring.setAlphaF(0.55)
    p.setPen(QPen(ring, 5))
    p.setBrush(Qt.BrushStyle.NoBrush)
    for rx, ry in ((26, 18), (56, 40), (88, 66)):
        p.drawEllipse(QPointF(148, 152), rx, ry)
    pen = QPen(QColor("#E69F00"), 12, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap, Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    pts = [QPointF(x, y) for x, y in ((44, 52), (86, 70), (112, 100), (132, 126), (144, 142), (148, 152))]
    p.drawPolyline(pts)
    p.setPen(QPen(QColor("#111111"), 4))
    p.setBrush(QColor("#E69F00"))
    p.drawRect(QRectF(32, 40, 24, 24))
    p.setBrush(QColor("#ffffff"))
    p.drawEllipse(QPointF(148, 152), 14, 14)
    p.end()
    return QIcon(pixmap)


def run_gui(argv: list[str] | None = None) -> int:
    """Create the QApplication (or reuse a running one), show the main window and run the event loop."""
    from PySide6.QtWidgets import QApplication

    argv = list(sys.argv if argv is None else argv)
    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Descent Lab")
    app.setOrganizationDomain("descent-lab.invalid")
    app.setApplicationName("Descent Lab")
    app.setWindowIcon(app_icon())
    from app.i18n import install_translator

    install_translator(app)  # the system locale, or DESCENT_LAB_LANG=zh_CN / en; before any widget is built

    from app.main_window import MainWindow

    window = MainWindow()
    window.show()
    scenes = [a for a in argv[1:] if not a.startswith("-")]
    if scenes:  # `python -m app SCENE.json`: a refused file gives a message box; the default scene stays
        window.file_actions.open_path(scenes[0], confirm=False)
    return app.exec()


if __name__ == "__main__":
    sys.exit(run_gui())
