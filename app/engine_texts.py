"""Engine texts that are built at run time, in the user's language: the titles, descriptions and axis names of
network slices ("Network: moons, random slice", "d1 (filter-normalised)", "PC1 (83.1% var.)"), the description of a
typed formula, and the names of datasets, slice methods and activations. The engine writes them in English (it knows
no Qt); the fixed catalogue texts go through :func:`app.i18n.engine_text`, these through the functions below, which
read the engine's English patterns and fill translated ones."""
from __future__ import annotations

import re

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from app.i18n import engine_text

# dataset and slice-method names as the network panel lists them (its context, shared with its combos)
DATASET_TITLES = {
    "xor": QT_TRANSLATE_NOOP("NetworkPanel", "XOR"),
    "moons": QT_TRANSLATE_NOOP("NetworkPanel", "Two moons"),
    "circles": QT_TRANSLATE_NOOP("NetworkPanel", "Circles"),
    "spirals": QT_TRANSLATE_NOOP("NetworkPanel", "Two spirals"),
    "blobs": QT_TRANSLATE_NOOP("NetworkPanel", "Three blobs"),
    "linear": QT_TRANSLATE_NOOP("NetworkPanel", "Linear (regression)"),
    "sine": QT_TRANSLATE_NOOP("NetworkPanel", "Sine (regression)"),
}
METHOD_TITLES = {
    "random": QT_TRANSLATE_NOOP("NetworkPanel", "Random directions"),
    "params": QT_TRANSLATE_NOOP("NetworkPanel", "Two parameters"),
    "pca": QT_TRANSLATE_NOOP("NetworkPanel", "PCA of training"),
    "hessian": QT_TRANSLATE_NOOP("NetworkPanel", "Hessian eigenvectors"),
}
ACTIVATION_TITLES = {
    "tanh": "tanh",
    "sigmoid": "sigmoid",
    "relu": "ReLU",
    "identity": QT_TRANSLATE_NOOP("EngineTexts", "identity"),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("EngineTexts", text)


def dataset_title(name: str) -> str:
    return QCoreApplication.translate("NetworkPanel", DATASET_TITLES[name]) if name in DATASET_TITLES else name


def method_title(name: str) -> str:
    return QCoreApplication.translate("NetworkPanel", METHOD_TITLES[name]) if name in METHOD_TITLES else name


def activation_title(name: str) -> str:
    return _tr(ACTIVATION_TITLES[name]) if name in ACTIVATION_TITLES else name


_AXIS_PATTERNS = (
    (re.compile(r"^d(\d) \(filter-normalised\)$"), lambda m: _tr("d{n} (filter-normalised)").format(n=m[1])),
    (re.compile(r"^PC(\d) \(([\d.]+)% var\.\)$"),
     lambda m: _tr("PC{n} ({share}% of the variance)").format(n=m[1], share=m[2])),
)
_TEXT_PATTERNS = (
    (re.compile(r"^Network: (\w+), (\w+) slice$"),
     lambda m: _tr("Network: {dataset}, {method} slice").format(dataset=dataset_title(m[1]),
                                                               method=method_title(m[2]))),
    (re.compile(r"^(\w+) slice of (\S+) \((\w+)\) on (\w+)$"),
     lambda m: _tr("{method} slice of the network {model} (loss {loss}) on {dataset}").format(
         method=method_title(m[1]), model=m[2], loss=m[3].upper(), dataset=dataset_title(m[4]))),
    (re.compile(r"^Your own formula; its gradient is exact \(symbolic\)\.$"),
     lambda m: _tr("Your own formula; its gradient is exact (symbolic).")),
    (re.compile(r"^Your own formula; exact gradient, not smooth because of (.+)\.$"),
     lambda m: _tr("Your own formula; exact gradient, not smooth because of {kinks}.").format(kinks=m[1])),
    (re.compile(r"^L\(θ0 \+ α·d1 \+ β·d2\); α: (.+), β: (.+)$"),
     lambda m: "L(θ0 + α·d1 + β·d2); α: {a}, β: {b}".format(a=axis_label(m[1]), b=axis_label(m[2]))),
)


def _match(patterns, text: str) -> str | None:
    for pattern, make in patterns:
        m = pattern.match(text)
        if m:
            return make(m)
    return None


def axis_label(label: str) -> str:
    """A slice axis name: "d1 (filter-normalised)", "PC2 (12.5% var.)" translated; "W1[0,0]", "d1" as they are."""
    return _match(_AXIS_PATTERNS, label) or label


def landscape_text(text: str) -> str:
    """A landscape's title, description or formula line in the user's language (catalogue texts included)."""
    return _match(_TEXT_PATTERNS, text) or engine_text(text)
