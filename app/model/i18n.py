"""Translation hook of the model: Qt-free, so the app installs Qt's translator at start-up.

``translate(context, text)`` returns ``text`` until :func:`set_translator` installs a function of the same shape
(the app passes ``QCoreApplication.translate``), so the model's messages reach the user in their language while the
model itself never imports Qt.
"""
from __future__ import annotations

from typing import Callable

_translator: Callable[[str, str], str] | None = None


def set_translator(function: Callable[[str, str], str] | None) -> None:
    """Install ``function(context, text) -> str`` (None: messages stay in English)."""
    global _translator
    _translator = function


def translate(context: str, text: str) -> str:
    return text if _translator is None else _translator(context, text)
