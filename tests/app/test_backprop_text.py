"""The backprop inspector's chain-rule lines write the transpose as the letter ᵀ, which the label's font has: a
<sup>T</sup> on a word-wrapped label's first line is clipped at its top (issue 13 item 11); "Layer N" is translatable
(item 12)."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel

from app.panels.backprop_inspector import BackpropInspector


@pytest.mark.parametrize("layer", [1, 2, 3])
def test_chain_rule_lines_use_a_transpose_letter_the_font_has(qtbot, layer):
    model = SimpleNamespace(n_layers=3, loss_name="bce", activations=["tanh", "relu"])
    text = BackpropInspector._formula(SimpleNamespace(tr=lambda s: s), model, layer)
    assert "<sup>" not in text and "ᵀ" in text
    label = QLabel(text)
    qtbot.addWidget(label)
    assert QFontMetrics(label.font()).inFontUcs4(ord("ᵀ"))

