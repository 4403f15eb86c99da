"""Collect every string a window shows a user: widget texts, tooltips, combo items, headers, tab titles, menus and
their actions, dialogs, plot labels. Used by the zh_CN test to find English left in the Chinese UI."""
from __future__ import annotations

import html
import re

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QDockWidget,
                               QGroupBox, QLabel, QLineEdit, QListWidget, QMenu, QTabBar, QTabWidget, QTextEdit,
                               QWidget)

from engine.formula.vocabulary import CONSTANTS, FUNCTIONS  # noqa: E402

_TAG = re.compile(r"<[^<>]*>")


def plain(text: str) -> str:
    """Rich text as the user reads it: tags removed, entities decoded."""
    if "<" in text and ">" in text:
        text = _TAG.sub(" ", text)
    return html.unescape(text)


def _add(out: dict, where: str, text) -> None:
    if isinstance(text, str) and text.strip():
        out.setdefault(plain(text), where)


def _action_texts(action: QAction, where: str, out: dict, seen: set) -> None:
    if id(action) in seen:
        return
    seen.add(id(action))
    _add(out, where + " action", action.text())
    _add(out, where + " action tip", action.toolTip() if action.toolTip() != action.text().replace("&", "") else "")
    _add(out, where + " action status", action.statusTip())
    menu = action.menu()
    if menu is not None:
        _menu_texts(menu, where + " ▸ " + menu.title(), out, seen)


def _menu_texts(menu: QMenu, where: str, out: dict, seen: set) -> None:
    _add(out, where, menu.title())
    _add(out, where + " tip", menu.toolTip())
    for action in menu.actions():
        _action_texts(action, where, out, seen)


def _model_texts(view: QAbstractItemView, where: str, out: dict) -> None:
    model = view.model()
    if model is None:
        return
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = model.columnCount() if orientation == Qt.Orientation.Horizontal else model.rowCount()
        for i in range(min(count, 50)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                _add(out, where + " header", model.headerData(i, orientation, role))
    for r in range(min(model.rowCount(), 50)):
        for c in range(min(model.columnCount(), 20)):
            index = model.index(r, c)
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                _add(out, where + " cell", model.data(index, role))


def _graphics_texts(view, where: str, out: dict) -> None:
    scene = view.scene()
    if scene is None:
        return
    for item in scene.items():
        if isinstance(item, pg.AxisItem):
            if item.label.isVisible():
                _add(out, where + " axis", item.labelString())
        elif isinstance(item, pg.TextItem) and item.isVisible():
            _add(out, where + " text", item.textItem.toPlainText())
        elif isinstance(item, pg.LabelItem) and item.isVisible():
            _add(out, where + " label", item.text)
        if hasattr(item, "toolTip"):
            _add(out, where + " item tip", item.toolTip())


def widget_texts(root: QWidget, out: dict | None = None, seen: set | None = None) -> dict[str, str]:
    """{text: where} for ``root`` and every widget inside it (hidden ones too: a tab or a mode away)."""
    out = {} if out is None else out
    seen = set() if seen is None else seen
    for w in [root, *root.findChildren(QWidget)]:
        where = f"{type(w).__name__} {w.objectName()}".strip()
        _add(out, where + " tip", w.toolTip())
        if w.isWindow() or isinstance(w, QDockWidget):
            _add(out, where + " title", w.windowTitle())
        if isinstance(w, QLabel):
            _add(out, where, w.text())
        elif isinstance(w, QAbstractButton):
            _add(out, where, w.text())
        elif isinstance(w, QGroupBox):
            _add(out, where, w.title())
        elif isinstance(w, QLineEdit):
            _add(out, where + " placeholder", w.placeholderText())
        elif isinstance(w, QTextEdit):
            _add(out, where, w.toPlainText())
        elif isinstance(w, QAbstractSpinBox):
            for attr in ("suffix", "prefix", "specialValueText"):
                _add(out, where + " " + attr, getattr(w, attr)())
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                _add(out, where + " item", w.itemText(i))
                _add(out, where + " item tip", w.itemData(i, Qt.ItemDataRole.ToolTipRole))
        elif isinstance(w, QTabWidget):
            for i in range(w.count()):
                _add(out, where + " tab", w.tabText(i))
                _add(out, where + " tab tip", w.tabToolTip(i))
        elif isinstance(w, QTabBar):
            for i in range(w.count()):
                _add(out, where + " tab", w.tabText(i))
                _add(out, where + " tab tip", w.tabToolTip(i))
        elif isinstance(w, QListWidget):
            for i in range(w.count()):
                _add(out, where + " item", w.item(i).text())
                _add(out, where + " item tip", w.item(i).toolTip())
        if isinstance(w, QAbstractItemView) and not isinstance(w, QListWidget):
            _model_texts(w, where, out)
        if isinstance(w, pg.GraphicsView):
            _graphics_texts(w, where, out)
        if isinstance(w, QMenu):
            _menu_texts(w, where, out, seen)
        for action in w.actions():
            _action_texts(action, where, out, seen)
    return out


# Words that are the same in a Chinese UI: names of people, methods, products, formats and units, maths symbols.
ALLOWED_WORDS = {
    # optimizers, losses and layers as their literature writes them
    "Adam", "AdaGrad", "RMSProp", "Nesterov", "SGD", "GD", "MSE", "CE", "BCE", "ReLU", "tanh", "sigmoid", "softmax",
    "MLP", "PCA", "PC", "id", "lr",
    # landscapes named after people (catalogue titles) and products, libraries, formats
    "Descent", "Lab", "Himmelblau", "Rosenbrock", "Beale", "Booth", "Matyas", "Goldstein", "Price", "Rastrigin",
    "Ackley", "Lévi", "Easom", "McCormick", "Styblinski", "Tang", "Qt", "PySide", "pyqtgraph", "NumPy", "Python",
    "contourpy", "sympy", "PyTorch", "torch", "Dask", "HDF", "OpenGL", "MIT", "OS", "scikit", "learn",
    "MP", "GIF", "PNG", "APNG", "SVG", "CSV", "JSON", "MP4", "H", "px", "fps", "dpi", "Ctrl", "Shift", "Alt", "Del",
    "PgUp", "PgDn", "Esc", "Enter", "Tab", "Space", "Home", "End", "Left", "Right", "Up", "Down", "Backspace",
    "Ins", "Meta", "Return", "Delete", "Plus", "Minus",
    # maths: functions and symbols written in Latin letters
    "sin", "cos", "tan", "exp", "log", "ln", "sqrt", "abs", "max", "min", "argmin", "sign", "arctan", "atan",
    "sinh", "cosh", "asin", "acos", "pi", "xy", "dx", "dy", "df", "dt", "lim", "Hz", "nan", "inf", "ms", "e",
    "vs", "xmin", "xmax", "ymin", "ymax", "fmin", "npz",
    # people and methods cited by name, data set and colour-map names kept in every language, Qt's platform name
    "Hessian", "Li", "Gram", "Schmidt", "Lanczos", "Goodfellow", "XOR", "Softmax", "offscreen",
    "Viridis", "Plasma", "Inferno", "Magma", "Cividis", "Turbo", "viridis", "plasma", "inferno", "magma", "cividis",
    "turbo",
}
ALLOWED_WORDS |= set(FUNCTIONS) | set(CONSTANTS)  # what a user may type in a formula (its help lists them)

# Literal names inside a text: file columns, command lines, model and project names, formula identifiers
ALLOWED_PATTERNS = (
    r"[(（]run, step, x, y",          # the columns of the exported CSV, as written in the file
    r"descent-lab \w+",               # a command line
    r"pip install '[^']*'",           # an install command, as typed in a terminal
    r"[(（][^()（）]*(?:torch|dask|h5py)[^()（）]*[)）]",  # a list of missing Python packages, by their names
    r"loss-landscape",                # a project's name
    r"mlp-[\w-]+",                    # a network's name: mlp-2-8-8-1-tanh
    r"\b\w+_\w+\b",                  # identifiers in formulas (lr_decay)
)


def english_words(text: str) -> list[str]:
    """The Latin-letter words of ``text`` (two letters or more) that are not names, symbols or units."""
    text = re.sub(r"\{[^{}]*\}", " ", text)  # unformatted fields
    for pattern in ALLOWED_PATTERNS:
        text = re.sub(pattern, " ", text)
    text = re.sub(r"(?:https?://|www\.)\S+", " ", text)  # addresses
    text = re.sub(r"\S+\.(?:json|toml|csv|png|gif|mp4|svg|py|ini|qm|ts|h5|hdf5|pt)\b", " ", text)  # file names
    words = re.findall(r"[A-Za-zÀ-ÿ]{2,}", text.replace("&", ""))
    return [w for w in words if w not in ALLOWED_WORDS and not re.fullmatch(r"[A-Z]|[a-z]", w)]
