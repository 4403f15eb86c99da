"""Lexical checks on the raw text, before ``ast.parse`` ever sees it.

Why an own small tokenizer: Python reads ``x ^ 2 + 1`` as ``x ^ (2 + 1)`` (``^`` is a bitwise operator that binds
looser than ``+``), so ``^`` must become ``**`` *before* parsing. We replace each ``^`` token by ``**`` and keep a map
from every column of the rewritten text back to the column the user typed, so every error still points at the user's
characters. The same pass refuses what Python's parser would either accept for the wrong reasons or explain badly:
non-ASCII look-alike letters, control characters, strings, comments, several statements, keywords, dunder names,
implicit multiplication ("2x") and unbalanced or too deeply nested parentheses.
"""
from __future__ import annotations

import keyword
import re
import unicodedata
from dataclasses import dataclass

from .errors import FormulaError
from .vocabulary import CONSTANTS, FUNCTIONS, VARIABLES

MAX_LENGTH = 500
MAX_PAREN_DEPTH = 30

_TOKEN = re.compile(r"(?P<space>[ \t]+)|(?P<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?P<name>[A-Za-z_]\w*)"
                    r"|(?P<op>\*\*|.)", re.ASCII | re.DOTALL)
_OPEN, _CLOSE = "([{", ")]}"
_REFUSED_CHARS = {"'": "strings are not allowed", '"': "strings are not allowed", "#": "comments are not allowed",
                  ";": "only one formula at a time is allowed", "\\": "'\\' is not allowed",
                  "\n": "write the formula on one line", "\r": "write the formula on one line"}
_OPERAND_END = ("num", "name", "rpar")


@dataclass(frozen=True)
class Token:
    kind: str  # "num", "name", "op", "lpar", "rpar"
    text: str
    start: int  # column in the user's text

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@dataclass(frozen=True)
class Lexed:
    """The user's text checked and rewritten for ``ast.parse``.

    source:  the text without leading spaces, with every ``^`` replaced by ``**``.
    columns: columns[i] is the user's column of source[i]; one extra entry for the end of the text.
    tokens:  the tokens of the user's text, spaces left out.
    """

    text: str
    source: str
    columns: tuple[int, ...]
    tokens: tuple[Token, ...]

    def user_span(self, start: int, end: int) -> tuple[int, int]:
        """(column, length) in the user's text of source[start:end]."""
        start = min(max(start, 0), len(self.source))
        end = min(max(end, start + 1), len(self.source))
        column = self.columns[start]
        last = self.columns[end - 1] + 1 if end > start else column + 1
        return column, max(last - column, 1)


def lex(text: str) -> Lexed:
    """Check the raw text and rewrite ``^`` as ``**``; :class:`FormulaError` on the first problem."""
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, not {type(text).__name__}")
    if len(text) > MAX_LENGTH:
        raise FormulaError(f"the formula is too long ({len(text)} characters; at most {MAX_LENGTH})")
    _check_characters(text)
    tokens = tuple(tokens_of(text))
    if not tokens:
        raise FormulaError("empty formula", hint="type an expression in x and y, such as x^2 + 3*y^2")
    _check_names(tokens)
    _check_parentheses(tokens)
    _check_adjacency(tokens)
    return _rewrite(text, tokens)


def _check_characters(text: str) -> None:
    for column, char in enumerate(text):
        if char in _REFUSED_CHARS:
            raise FormulaError(_REFUSED_CHARS[char], column)
        if not char.isascii():
            name = unicodedata.name(char, f"U+{ord(char):04X}")
            raise FormulaError(f"'{char}' ({name.lower()}) is not allowed", column, hint="type plain ASCII letters")
        if not char.isprintable() and char != "\t":
            raise FormulaError(f"the control character U+{ord(char):04X} is not allowed", column)
        if char in "$?`":
            raise FormulaError(f"'{char}' is not allowed", column)


def tokens_of(text: str):
    """The tokens of any text, spaces left out; no checks (also used to pretty-print sympy output)."""
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "op" and value in _OPEN:
            kind = "lpar"
        elif kind == "op" and value in _CLOSE:
            kind = "rpar"
        yield Token(kind, value, match.start())


def _check_names(tokens: tuple[Token, ...]) -> None:
    for tok in tokens:
        if tok.kind != "name":
            continue
        if tok.text.startswith("_"):
            raise FormulaError(f"'{tok.text}' is not allowed", tok.start, len(tok.text))
        if keyword.iskeyword(tok.text) or keyword.issoftkeyword(tok.text):
            raise FormulaError(f"'{tok.text}' is not allowed", tok.start, len(tok.text),
                               hint="use numbers, x, y, + - * / ^ and functions")


def _check_parentheses(tokens: tuple[Token, ...]) -> None:
    stack: list[Token] = []
    for tok in tokens:
        if tok.kind == "lpar":
            stack.append(tok)
            if len(stack) > MAX_PAREN_DEPTH:
                raise FormulaError(f"too deeply nested (more than {MAX_PAREN_DEPTH} parentheses)", tok.start)
        elif tok.kind == "rpar":
            if not stack:
                raise FormulaError(f"unexpected '{tok.text}'", tok.start, hint="it closes nothing")
            stack.pop()
    if stack:
        raise FormulaError("expected a closing parenthesis", stack[-1].start,
                           hint=f"the '{stack[-1].text}' here is never closed")


def _check_adjacency(tokens: tuple[Token, ...]) -> None:
    """Refuse implicit multiplication ("2x", "2 x", "(x)(y)", "x(y)") with the fix spelled out."""
    for prev, tok in zip(tokens, tokens[1:]):
        operand_follows = tok.kind in ("num", "name") or (tok.kind == "lpar" and tok.text == "(")
        if prev.kind not in _OPERAND_END or not operand_follows:
            continue
        if prev.kind == "name" and tok.text == "(" and prev.text not in (*VARIABLES, *CONSTANTS):
            continue  # a call: whether the name is a function is checked on the syntax tree
        if prev.text in FUNCTIONS:
            raise FormulaError(f"{prev.text} needs parentheses", prev.start, len(prev.text),
                               hint=f"write {prev.text}({tok.text})")
        left = prev.text if prev.kind != "rpar" else "(…)"
        right = tok.text if tok.kind != "lpar" else "(…)"
        raise FormulaError(f"missing operator between '{prev.text}' and '{tok.text}'", prev.start,
                           tok.end - prev.start, hint=f"write {left}*{right}")


def _rewrite(text: str, tokens: tuple[Token, ...]) -> Lexed:
    parts: list[str] = []
    columns: list[int] = []
    position = tokens[0].start  # leading spaces would be an "unexpected indent" to Python
    for tok in tokens:
        if tok.text != "^":
            continue
        parts.append(text[position:tok.start])
        columns.extend(range(position, tok.start))
        parts.append("**")
        columns.extend((tok.start, tok.start))
        position = tok.end
    parts.append(text[position:])
    columns.extend(range(position, len(text) + 1))
    return Lexed(text, "".join(parts), tuple(columns), tokens)
