"""Lesson titles and captions are in the translation catalogue and read in Chinese under zh_CN."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication

from app.i18n import install_translator
from app.lessons import bundled_lessons
from app.panels.lesson_panel import lesson_text

ROOT = Path(__file__).resolve().parents[2]


def test_lesson_strings_file_is_current():
    out = subprocess.run([sys.executable, "tools/lesson_strings.py", "--check"], cwd=ROOT, capture_output=True,
                         text=True, timeout=60)
    assert out.returncode == 0, out.stderr


def test_every_caption_reads_in_chinese(qapp):
    translators = install_translator(qapp, "zh_CN")
    try:
        for lesson in bundled_lessons():
            for text in [lesson.title] + [s.caption for s in lesson.steps]:
                zh = lesson_text(text)
                assert zh != text and any("\u4e00" <= ch <= "\u9fff" for ch in zh), text
    finally:
        for t in translators:
            QCoreApplication.removeTranslator(t)
    assert lesson_text("The chain rule") == "The chain rule"
