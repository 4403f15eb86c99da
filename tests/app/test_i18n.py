"""Internationalisation: user-visible text goes through Qt's translation system, and the Chinese catalogue works.

The lint below reads every module in ``app/`` with :mod:`ast` and reports a string literal (or an f-string, a
``"..." % x``, a ``"...".format(...)``, a ``"a" + b`` with literal words) passed directly to a Qt text API, i.e.
not through ``tr()`` / ``self.tr()`` / ``QCoreApplication.translate()`` / a module helper ``tr``/``_tr``/``_t``.
Strings without words (numbers, symbols, format fields, single-letter maths like "x", "f(x, y)", "α") are allowed.
"""
from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
APP = ROOT / "app"

# ---------------------------------------------------------------------------------------------------------- the lint

# Calls whose result is translated text: anything passed through them is fine.
TRANSLATORS = {"tr", "_tr", "_t", "translate", "engine_text", "QT_TR_NOOP", "QT_TRANSLATE_NOOP"}

# Widget constructors: every positional argument that is a string is visible text.
TEXT_CONSTRUCTORS = {"QLabel", "QPushButton", "QCheckBox", "QRadioButton", "QGroupBox", "QAction", "QMenu",
                     "QToolButton", "QDockWidget", "QCommandLinkButton", "QProgressDialog", "QListWidgetItem",
                     "QTreeWidgetItem", "QTableWidgetItem", "QStandardItem", "QWidgetAction", "TextItem", "LabelItem"}

# method name -> indexes of positional arguments that carry visible text.
TEXT_METHODS: dict[str, tuple[int, ...]] = {
    "setText": (0,), "setToolTip": (0,), "setStatusTip": (0,), "setWhatsThis": (0,), "setWindowTitle": (0,),
    "setPlaceholderText": (0,), "setTitle": (0,), "showMessage": (0,), "addMenu": (0, 1), "addTab": (1, 2),
    "insertTab": (2, 3), "setTabText": (1,), "setTabToolTip": (1,), "setTabWhatsThis": (1,), "setItemText": (1,),
    "setLabel": (1,), "setLabels": (0,), "addItem": (0,), "addItems": (0,), "insertItem": (1,),
    "setHorizontalHeaderLabels": (0,), "setVerticalHeaderLabels": (0,), "setHeaderLabels": (0,),
    "addRow": (0,), "setSuffix": (0,), "setPrefix": (0,), "setSpecialValueText": (0,), "setLabelText": (0,),
    "setCancelButtonText": (0,), "setInformativeText": (0,), "setDetailedText": (0,), "addButton": (0,),
    "addAction": (0, 1), "addSection": (0, 1), "setFormat": (0,), "setAccessibleName": (0,),
    "setAccessibleDescription": (0,), "setHtml": (0,), "setNameFilter": (0,), "setNameFilters": (0,),
    "setWindowIconText": (0,), "setStatusBarText": (0,),
}
# Static dialogs: class -> method -> text argument indexes.
STATIC_DIALOGS: dict[str, dict[str, tuple[int, ...]]] = {
    "QMessageBox": {m: (1, 2) for m in ("information", "warning", "critical", "question", "about")},
    "QFileDialog": {m: (1, 3) for m in ("getSaveFileName", "getOpenFileName", "getOpenFileNames",
                                         "getExistingDirectory")},
    "QInputDialog": {m: (1, 2) for m in ("getText", "getInt", "getDouble", "getItem", "getMultiLineText")},
}
# Keyword arguments that carry visible text, on any of the calls above (and Qt property kwargs on constructors).
TEXT_KWARGS = {"text", "title", "toolTip", "statusTip", "whatsThis", "windowTitle", "placeholderText",
               "caption", "filter", "labelText"}
# Signals whose payload is shown to the user (status-bar messages).
TEXT_SIGNALS = {"message", "status_message"}

_FIELD = re.compile(r"\{[^{}]*\}")                                   # str.format fields
_PRINTF = re.compile(r"%[-#0 +]*\d*(?:\.\d+)?[sdifgeEGxXrcp%]")      # printf fields, Qt's %p
_TAG = re.compile(r"<[^<>]*>|&[A-Za-z]+;|&#\d+;")                    # HTML tags and entities


def has_words(text: str) -> bool:
    """True when ``text`` has something to translate: a run of two or more letters once format fields, printf
    specs and HTML tags are removed. "x", "f(x, y)", "|∇f|", "α = {a}", "%p%", "<b>{t}</b>" have none."""
    text = _TAG.sub(" ", _PRINTF.sub(" ", _FIELD.sub(" ", text)))
    run = 0
    for c in text:  # str.isalpha, not regex \w: subscript digits ("x₁") are not letters
        run = run + 1 if c.isalpha() else 0
        if run >= 2:
            return True
    return False


def _call_name(func: ast.expr) -> str:
    if isinstance(func, ast.Name):
        return func.id
    if isinstance(func, ast.Attribute):
        return func.attr
    return ""


def untranslated(node: ast.expr | None) -> list[ast.expr]:
    """The parts of an expression that put literal words on screen without translation."""
    if node is None:
        return []
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and has_words(node.value) else []
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant) and isinstance(v.value, str))
        found = [node] if has_words(literal) else []
        for v in node.values:  # f"{'Run'} ..." or f"{x if a else 'word'}"
            if isinstance(v, ast.FormattedValue):
                found += untranslated(v.value)
        return found
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
        return untranslated(node.left) + (untranslated(node.right) if isinstance(node.op, ast.Add) else [])
    if isinstance(node, ast.IfExp):
        return untranslated(node.body) + untranslated(node.orelse)
    if isinstance(node, ast.BoolOp):
        return [n for v in node.values for n in untranslated(v)]
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return [n for e in node.elts for n in untranslated(e)]
    if isinstance(node, ast.Dict):  # pyqtgraph setLabels({text: position})
        return [n for k in node.keys for n in untranslated(k)]
    if isinstance(node, ast.Call):
        name = _call_name(node.func)
        if name in TRANSLATORS:
            return []
        if isinstance(node.func, ast.Attribute) and name in ("format", "join", "strip", "upper", "lower",
                                                             "capitalize", "replace"):
            return untranslated(node.func.value)  # "Run {id}".format(...), not tr("Run {id}").format(...)
        return []
    return []  # names, attributes, subscripts: not literal text


def text_arguments(call: ast.Call) -> list[ast.expr]:
    """The arguments of ``call`` that a Qt text API shows to the user."""
    func, name = call.func, _call_name(call.func)
    indexes: tuple[int, ...] = ()
    kwargs = False
    if name in TEXT_CONSTRUCTORS:
        indexes, kwargs = tuple(range(len(call.args))), True
    elif isinstance(func, ast.Attribute) and _call_name(func.value) in STATIC_DIALOGS \
            and name in STATIC_DIALOGS[_call_name(func.value)]:
        indexes, kwargs = STATIC_DIALOGS[_call_name(func.value)][name], True
    elif isinstance(func, ast.Attribute) and name in TEXT_METHODS:
        indexes, kwargs = TEXT_METHODS[name], True
    elif isinstance(func, ast.Attribute) and name == "emit" and _call_name(func.value) in TEXT_SIGNALS:
        indexes = (0,)
    if name == "QMessageBox":  # QMessageBox(icon, title, text, ...)
        indexes = (1, 2)
    args = [call.args[i] for i in indexes if i < len(call.args) and not isinstance(call.args[i], ast.Starred)]
    if kwargs:
        args += [k.value for k in call.keywords if k.arg in TEXT_KWARGS]
    return args


def check_source(source: str, filename: str = "<snippet>") -> list[tuple[int, str]]:
    """(line, message) for every untranslated user-visible literal in ``source``. A line with a ``# notr``
    comment is exempt (say why: e.g. file metadata that must stay the product name)."""
    lines = source.splitlines()
    found = []
    for node in ast.walk(ast.parse(source, filename)):
        if isinstance(node, ast.Call):
            for arg in text_arguments(node):
                for bad in untranslated(arg):
                    if "# notr" not in lines[bad.lineno - 1]:
                        found.append((bad.lineno, f"{_call_name(node.func)}(): {ast.unparse(bad)[:70]} is not "
                                                  f"wrapped in tr()"))
    return sorted(set(found))


# ------------------------------------------------------------------ dynamic texts: tr(variable) needs a marked catalogue

def _marked_contexts(tree: ast.AST) -> set[str]:
    """Contexts of the QT_TRANSLATE_NOOP("Context", "...") markers in ``tree``."""
    return {n.args[0].value for n in ast.walk(tree)
            if isinstance(n, ast.Call) and _call_name(n.func) == "QT_TRANSLATE_NOOP" and n.args
            and isinstance(n.args[0], ast.Constant)}


def _helper_contexts(tree: ast.Module) -> dict[str, str]:
    """{name: context} of module helpers ``def _tr(text): return QCoreApplication.translate("Ctx", text)``."""
    out = {"engine_text": "engine"}
    for fn in tree.body:
        if isinstance(fn, ast.FunctionDef) and fn.name in ("tr", "_tr", "_t") and fn.args.args:
            for n in ast.walk(fn):
                if (isinstance(n, ast.Call) and _call_name(n.func) == "translate" and len(n.args) >= 2
                        and isinstance(n.args[0], ast.Constant)):
                    out[fn.name] = n.args[0].value
    return out


def check_dynamic(source: str, filename: str = "<snippet>", marked: set[str] = frozenset()) -> list[tuple[int, str]]:
    """(line, code) for every ``self.tr(x)`` / ``translate("Ctx", x)`` / ``_tr(x)`` whose text is not a literal
    while no ``QT_TRANSLATE_NOOP("Ctx", ...)`` in this module (or in ``marked``, the generated catalogues) marks
    texts for that context: lupdate would never extract them, so they could never be translated.
    (QT_TR_NOOP does not help in Python: lupdate gives it the empty context, not the class's.)
    Also reported: ``window.tr("...")`` (lupdate's context would be "window", PySide6's the class name) and a
    bare ``tr("...")`` that is a local alias rather than a module translate helper (lupdate: empty context)."""
    tree = ast.parse(source, filename)
    marked = set(marked) | _marked_contexts(tree)
    helpers = _helper_contexts(tree)
    found = []

    def visit(node: ast.AST, cls: str | None, params: set[str]) -> None:
        if isinstance(node, ast.ClassDef):
            cls = node.name
        if isinstance(node, (ast.FunctionDef, ast.Lambda)):
            params = ({a.arg for a in node.args.args} if isinstance(node, ast.FunctionDef)
                      and node.name in ("tr", "_tr", "_t", "engine_text") else set())
        if isinstance(node, ast.Call):
            name, ctx, text = _call_name(node.func), None, None
            if name == "tr" and isinstance(node.func, ast.Attribute) and not (
                    isinstance(node.func.value, ast.Name) and node.func.value.id in ("self", "cls")):
                # lupdate names the context after the object ("window"), PySide6 after its class ("MainWindow")
                found.append((node.lineno, ast.unparse(node)))
                return
            if isinstance(node.func, ast.Name) and name in ("tr", "_tr", "_t") and name not in helpers:
                # a local alias (tr = self.tr): lupdate extracts it with an empty context
                found.append((node.lineno, ast.unparse(node)))
                return
            if name == "tr" and isinstance(node.func, ast.Attribute) and node.args:
                ctx, text = cls, node.args[0]
            elif name == "translate" and len(node.args) >= 2 and isinstance(node.args[0], ast.Constant) \
                    and isinstance(node.args[0].value, str):
                ctx, text = node.args[0].value, node.args[1]
            elif isinstance(node.func, ast.Name) and name in helpers and node.args:
                ctx, text = helpers[name], node.args[0]
            literal = isinstance(text, ast.Constant) and isinstance(text.value, str)
            passthrough = isinstance(text, ast.Name) and text.id in params
            if text is not None and not literal and not passthrough and ctx not in marked:
                found.append((node.lineno, ast.unparse(node)))
        for child in ast.iter_child_nodes(node):
            visit(child, cls, params)

    visit(tree, None, set())
    return sorted(set(found))


def generated_contexts() -> set[str]:
    return set().union(*(_marked_contexts(ast.parse(p.read_text(encoding="utf-8")))
                         for p in (APP / "i18n").glob("*.py")))


def check_app() -> dict[tuple[str, int | str], str]:
    """{(path relative to the repository, line): message} for literals and {(path, code): message} for dynamic
    texts without a marked catalogue, over every module in app/."""
    found: dict[tuple[str, int | str], str] = {}
    marked = generated_contexts()
    for path in sorted(APP.rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        source = path.read_text(encoding="utf-8")
        for line, message in check_source(source, rel):
            found[(rel, line)] = message
        for line, code in check_dynamic(source, rel, marked):
            found[(rel, code[:60])] = f"line {line}: {code[:90]}: lupdate cannot extract this text under the " \
                                      f"context it is looked up in at run time (see check_dynamic)"
    return found


# Known violations in files another engineer is editing right now, keyed by (file, code) so that edits above them do
# not break the test; the comment gives the line at the time of writing. Remove an entry when its file is fixed
# (test_known_violations_are_still_there fails once an entry is stale). All are catalogues passed to self.tr(...)
# whose texts are plain literals: mark them QT_TRANSLATE_NOOP("<the class calling self.tr>", "...").
KNOWN_VIOLATIONS: dict[tuple[str, int | str], str] = {
}


def test_app_text_goes_through_tr():
    found = check_app()
    new = {k: v for k, v in found.items() if k not in KNOWN_VIOLATIONS}
    assert not new, "user-visible text without tr():\n" + "\n".join(
        f"{path}:{line}: {message}" for (path, line), message in sorted(new.items(), key=str))


def test_known_violations_are_still_there():
    """The allowlist names exact lines; once a line is fixed (or moves) its entry must go."""
    found = check_app()
    stale = sorted((k for k in KNOWN_VIOLATIONS if k not in found), key=str)
    assert not stale, f"fixed or moved, remove from KNOWN_VIOLATIONS: {stale}"


@pytest.mark.parametrize("snippet", [
    'w = QLabel("Learning rate")',
    'b = QPushButton("&Run", self)',
    'a = QAction(icon, "Open scene…", self)',
    'self.label.setText("Loss")',
    'self.label.setText(f"Loss {value:.3g}")',
    'self.label.setText("Loss: %s" % value)',
    'self.label.setText("Loss {v}".format(v=value))',
    'self.label.setText("Run " + str(i))',
    'self.label.setText("done" if ok else tr("failed"))',
    'self.button.setToolTip("Start a run")',
    'self.setWindowTitle("Descent Lab")',
    'menu = self.menuBar().addMenu("&File")',
    'self.tabs.addTab(widget, "Loss")',
    'self.tabs.setTabToolTip(0, "The loss curve")',
    'self.plot.setLabel("left", "loss")',
    'self.plot.setTitle("Gradient norm")',
    'QMessageBox.warning(self, "Export", "could not write")',
    'self.statusBar().showMessage("Ready", 2000)',
    'dock = QDockWidget("Runs", self)',
    'self.combo.addItem("Adam", "adam")',
    'table.setHorizontalHeaderLabels(["#", "optimizer", "status"])',
    'QLabel(text="Hello")',
    'self.state.message.emit("Landscape changed")',
    'self.edit.setPlaceholderText("type a formula")',
])
def test_lint_reports_a_violation(snippet):
    assert check_source(snippet), snippet


@pytest.mark.parametrize("snippet", [
    'w = QLabel(self.tr("Learning rate"))',
    'w = QLabel(tr("Learning rate"))',
    'w = QLabel(_tr("Learning rate"))',
    'w = QLabel(QCoreApplication.translate("engine", "Adam"))',
    'self.label.setText(self.tr("Loss {v}").format(v=value))',
    'self.label.setText(f"{self.tr(\'Loss\')}: {value}")',
    'self.label.setText("×")',
    'self.label.setText("")',
    'self.label.setText("{:.3g} %".format(v))',
    'self.label.setText(f"{value:.3g}")',
    'self.label.setText("<b>{t}</b>")',
    'self.plot.setLabel("left", "f(x, y)")',
    'self.plot.setLabel("bottom", "x")',
    'self.label.setText("α = {a:.4g}, β = {b:.4g}")',
    'self.bar.setFormat("%p%")',
    'self.label.setText(value)',
    'self.setObjectName("runList")',
    'settings.setValue("window/geometry", g)',
    'action.setIcon(QIcon.fromTheme("document-open"))',
    'self.combo.addItem(self.tr("Adam"), "adam")',
    'x = "not shown anywhere"',
])
def test_lint_accepts(snippet):
    assert not check_source(snippet), snippet


def test_dynamic_texts_need_a_marked_catalogue():
    bad = textwrap.dedent("""
        NAMES = {"gd": "Gradient descent"}
        class Panel(QWidget):
            def build(self, key):
                return self.tr(NAMES[key])
        """)
    assert [code for _, code in check_dynamic(bad)] == ["self.tr(NAMES[key])"]
    marked_wrong_context = bad.replace('"Gradient descent"', 'QT_TRANSLATE_NOOP("Other", "Gradient descent")')
    assert check_dynamic(marked_wrong_context)
    good = bad.replace('"Gradient descent"', 'QT_TRANSLATE_NOOP("Panel", "Gradient descent")')
    assert not check_dynamic(good)
    helper = textwrap.dedent("""
        def _tr(text):
            return QCoreApplication.translate("View", text)
        def label(x):
            return _tr(x)
        """)
    assert [code for _, code in check_dynamic(helper)] == ["_tr(x)"]  # the helper's own translate() is fine
    assert not check_dynamic("engine_text(fn.title)", marked={"engine"})
    assert check_dynamic('status(window.tr("Exported"))')  # lupdate would file it under the context "window"
    assert check_dynamic('def f(self):\n    tr = self.tr\n    return tr("New")')
    assert check_dynamic("engine_text(fn.title)")


# ------------------------------------------------------------------------------------------------- the catalogue

def test_generated_string_lists_are_up_to_date():
    """app/i18n/engine_strings.py and helper_strings.py match the engine catalogue and the _tr calls in app/."""
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import update_translations
    finally:
        sys.path.remove(str(ROOT / "tools"))
    for path, make in update_translations.GENERATED.items():
        assert path.read_text(encoding="utf-8") == make(), \
            f"{path.relative_to(ROOT)} is out of date: run python tools/update_translations.py"
    from engine import functions, optimizers
    engine_lines = (APP / "i18n" / "engine_strings.py").read_text(encoding="utf-8")
    assert 'QT_TRANSLATE_NOOP("engine", "Himmelblau")' in engine_lines
    assert all(f'"{cls.title}"' in engine_lines for cls in optimizers.OPTIMIZERS.values())
    assert all(f'"{functions.get(n).title}"' in engine_lines for n in functions.names())


def test_compiled_catalogue_is_newer_than_its_source():
    ts, qm = APP / "i18n" / "descent_lab_zh_CN.ts", APP / "i18n" / "descent_lab_zh_CN.qm"
    assert ts.exists() and qm.exists()
    assert qm.stat().st_size > 1000


@pytest.fixture
def zh_CN(qapp, monkeypatch):
    """Simplified Chinese in this process for one test, English again afterwards."""
    from app.i18n import install_translator

    monkeypatch.setenv("DESCENT_LAB_LANG", "zh_CN")
    translators = install_translator(qapp)
    yield translators
    for t in translators:
        qapp.removeTranslator(t)


def test_translator_loads_chinese(zh_CN):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import engine_text
    from app.panels import optimizer_title, status_text

    assert zh_CN, "no catalogue loaded for DESCENT_LAB_LANG=zh_CN"
    assert QCoreApplication.translate("MainWindow", "&File") == "文件(&F)"
    assert engine_text("Gradient descent") == "梯度下降"
    assert optimizer_title("momentum") == "动量"
    assert QCoreApplication.translate("RunInfo", "converged at step {k}").format(k=12) == "第 12 步收敛"
    assert QCoreApplication.translate("OptimizerPanel", "&Learning rate η") == "学习率 η(&L)"


def test_english_without_a_translator(qapp, monkeypatch):
    from PySide6.QtCore import QCoreApplication

    from app.i18n import install_translator

    monkeypatch.setenv("DESCENT_LAB_LANG", "en_GB")
    assert install_translator(qapp) == []
    assert QCoreApplication.translate("MainWindow", "&File") == "&File"


def test_main_window_in_chinese():
    """A separate process, so that this one stays in English for the other tests."""
    code = textwrap.dedent("""
        from PySide6.QtWidgets import QApplication
        from app.i18n import install_translator
        app = QApplication([])
        assert install_translator(app)
        from app.main_window import MainWindow
        w = MainWindow()
        print("|".join(a.text() for a in w.menuBar().actions()))
        w.close()
        """)
    env = {**os.environ, "DESCENT_LAB_LANG": "zh_CN", "QT_QPA_PLATFORM": "offscreen"}
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    menus = out.stdout.strip().splitlines()[-1].split("|")
    assert menus[0] == "文件(&F)", menus


def _noop_marks_without_literals(source: str) -> list[int]:
    """Lines where QT_TRANSLATE_NOOP / QT_TR_NOOP is given something other than string literals: lupdate reads
    the source text, so a mark on a variable (e.g. inside a helper lambda) extracts nothing."""
    bad = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "QT_TRANSLATE_NOOP", "QT_TR_NOOP"):
            if not all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args):
                bad.append(node.lineno)
    return bad


def test_translation_marks_are_literals_lupdate_can_read():
    offenders = {str(p.relative_to(ROOT)): lines for p in sorted((ROOT / "app").rglob("*.py"))
                 if (lines := _noop_marks_without_literals(p.read_text(encoding="utf-8")))}
    assert not offenders, f"QT_TRANSLATE_NOOP needs literal arguments: {offenders}"


def test_the_literal_check_can_fail():
    assert _noop_marks_without_literals('_N = lambda t: QT_TRANSLATE_NOOP("Ctx", t)\n') == [1]
    assert _noop_marks_without_literals('A = QT_TRANSLATE_NOOP("Ctx", "Text")\n') == []
