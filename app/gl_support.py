"""Can this session draw OpenGL widgets? One cached answer with a reason a user can read.

pyqtgraph's OpenGL items need three things: a platform with a real display (the ``offscreen`` and ``minimal``
platforms create no GL surfaces pyqtgraph can render into), the PyOpenGL package, and a context that can be
made current. :func:`opengl_status` checks them in that order and stops at the first failure.
"""
from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QGuiApplication, QOffscreenSurface, QOpenGLContext

HEADLESS_PLATFORMS = ("offscreen", "minimal", "minimalegl", "vnc")
_cached: tuple[bool, str] | None = None


def _tr(text: str) -> str:
    return QCoreApplication.translate("OpenGL", text)


def opengl_status(refresh: bool = False) -> tuple[bool, str]:
    """(ok, reason): ok is True when OpenGL rendering can work here; reason says why not (empty when ok).

    Needs a QGuiApplication. The answer is cached for the process (the platform cannot change); pass
    ``refresh=True`` to check again.
    """
    global _cached
    if _cached is None or refresh:
        _cached = _check()
    return _cached


def _check() -> tuple[bool, str]:
    app = QGuiApplication.instance()
    if app is None:
        return False, _tr("no Qt GUI application is running")
    platform = QGuiApplication.platformName().lower()
    if platform in HEADLESS_PLATFORMS:
        return False, _tr("3D needs a display with OpenGL; this session is headless "
                          "(Qt platform “{platform}”)").format(platform=platform)
    try:
        import OpenGL.GL  # noqa: F401  (pyqtgraph.opengl draws through PyOpenGL)
    except Exception as exc:  # ImportError, or a library PyOpenGL cannot load
        return False, _tr("the PyOpenGL package is not usable: {error}").format(error=exc)
    context = QOpenGLContext()
    if not context.create():
        return False, _tr("no OpenGL context could be created on platform “{platform}”").format(
            platform=platform)
    surface = QOffscreenSurface()
    surface.setFormat(context.format())
    surface.create()
    try:
        if not surface.isValid():
            return False, _tr("no OpenGL surface could be created on platform “{platform}”").format(
                platform=platform)
        if not context.makeCurrent(surface):
            return False, _tr("an OpenGL context could not be made current")
        context.doneCurrent()
    finally:
        surface.destroy()
    return True, ""
