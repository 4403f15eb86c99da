"""Translations: load Descent Lab's catalogue (``app/i18n/descent_lab_<locale>.qm``, package data found through
:mod:`importlib.resources`) and Qt's own.

The language is the system locale's, or ``DESCENT_LAB_LANG`` when set (``DESCENT_LAB_LANG=zh_CN`` forces Simplified
Chinese, ``DESCENT_LAB_LANG=en`` forces English). Call :func:`install_translator` right after creating the
QApplication, before any widget exists: texts are translated when the widgets are built.

Texts from the engine catalogue (optimizer titles, landscape titles and descriptions) are translated in the
``"engine"`` context through :func:`engine_text`; ``tools/update_translations.py`` writes them into
``app/i18n/engine_strings.py`` so that ``pyside6-lupdate`` can extract them.
"""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app.resources import resource_path

CATALOGUE = "descent_lab"
ENV_VAR = "DESCENT_LAB_LANG"
ENGINE_CONTEXT = "engine"


def catalogue_dir() -> Path:
    """The folder of the compiled catalogues (``descent_lab_<locale>.qm``) inside the installed package."""
    return resource_path("app", "i18n")


def engine_text(text: str) -> str:
    """An engine catalogue text (optimizer title, landscape title or description) in the user's language."""
    return QCoreApplication.translate(ENGINE_CONTEXT, text)


def chosen_locale(locale: str | QLocale | None = None) -> QLocale:
    """``locale`` if given, else ``$DESCENT_LAB_LANG`` if set, else the system locale."""
    if isinstance(locale, QLocale):
        return locale
    name = locale or os.environ.get(ENV_VAR, "").strip()
    return QLocale(name) if name else QLocale.system()


def install_translator(app: QCoreApplication, locale: str | QLocale | None = None) -> list[QTranslator]:
    """Install Descent Lab's translation for ``locale`` (see :func:`chosen_locale`) and Qt's own (standard dialog
    buttons, context menus) where available. Returns the installed translators (parented to ``app``), empty for
    English or a language without a catalogue; pass them to ``app.removeTranslator`` to switch back."""
    loc = chosen_locale(locale)
    if loc.language() in (QLocale.Language.English, QLocale.Language.C):
        return []
    installed = []
    ours = QTranslator(app)
    # load(locale, ...) tries each of the locale's UI languages, and "zh_CN" before "zh"
    if ours.load(loc, CATALOGUE, "_", str(catalogue_dir())):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        ours.deleteLater()
        return []  # no catalogue for this language: keep Qt's dialogs in English too, not half-translated
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    qt = QTranslator(app)
    if qt_dir and qt.load(loc, "qtbase", "_", qt_dir):
        app.installTranslator(qt)
        installed.append(qt)
    else:
        qt.deleteLater()
    return installed
