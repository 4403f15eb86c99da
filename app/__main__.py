"""``python -m app``: open Descent Lab's main window."""
from __future__ import annotations

import sys


def app_icon():
    """The application icon: the packaged app/resources/icon.svg, or the same picture drawn with QPainter when Qt's
    SVG image plugin is unavailable."""
    from PySide6.QtCore import QPointF, QRectF, Qt
    from PySide6.QtGui import QBrush, QColor, QIcon, QPainter, QPen, QPixmap, QRadialGradient

    from app.resources import icon_path

    path = icon_path()
    if path.is_file():
        icon = QIcon(str(path))
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


def create_app(argv: list[str]):
    """The QApplication (created, or the running one) with Descent Lab's names, version, icon and translation."""
    from PySide6.QtWidgets import QApplication

    from app.desktop_entry import APP_ID
    from app.i18n import install_translator
    from app.version import version

    app = QApplication.instance() or QApplication(argv)
    app.setOrganizationName("Descent Lab")
    app.setOrganizationDomain("descent-lab.invalid")
    app.setApplicationName("Descent Lab")
    app.setApplicationVersion(version())
    # the window manager groups the windows under the launcher entry `descent-lab install-desktop-entry` writes
    app.setDesktopFileName(APP_ID)
    app.setWindowIcon(app_icon())
    install_translator(app)  # the system locale, or DESCENT_LAB_LANG=zh_CN / en; before any widget is built
    return app


def run_gui(argv: list[str] | None = None) -> int:
    """Create the QApplication (or reuse a running one), show the main window and run the event loop."""
    argv = list(sys.argv if argv is None else argv)
    app = create_app(argv)

    from app.main_window import MainWindow

    window = MainWindow()
    window.show()
    scenes = [a for a in argv[1:] if not a.startswith("-")]
    if scenes:  # `python -m app SCENE.json`: a refused file gives a message box; the default scene stays
        window.file_actions.open_path(scenes[0], confirm=False)
    return app.exec()


if __name__ == "__main__":
    sys.exit(run_gui())
