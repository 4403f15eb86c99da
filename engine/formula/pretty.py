"""Readable text for formulas: ``sin(x)*cos(y) + 0.1*(x^2+y^2)`` -> ``sin(x)·cos(y) + 0.1·(x² + y²)``.

Works on tokens of either the user's text or sympy's ``sstr`` output (after renaming sympy's ``Abs``, ``E``, …).
"""
from __future__ import annotations

import sympy

from .lexer import Token, tokens_of

_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_SYMPY_NAMES = {"Abs": "abs", "E": "e", "Min": "min", "Max": "max", "Heaviside": "H"}
_BINARY = {"+": " + ", "-": " − ", "*": "·", "/": "/", ",": ", "}


def pretty(text: str) -> str:
    """The formula with unicode operators, spaces around + and −, and small integer powers as superscripts."""
    tokens = list(tokens_of(text))
    out: list[str] = []
    i = 0
    while i < len(tokens):
        tok, prev = tokens[i], tokens[i - 1] if i else None
        if tok.text in ("^", "**"):
            power, used = _superscript(tokens, i + 1)
            out.append(power or "^")
            i += used + 1 if power else 1
            continue
        operand_before = prev is not None and prev.kind in ("num", "name", "rpar")
        if tok.text in ("+", "-") and not operand_before:
            out.append("−" if tok.text == "-" else "+")
        else:
            out.append(_BINARY.get(tok.text, _SYMPY_NAMES.get(tok.text, tok.text)))
        i += 1
    return "".join(out)


def _superscript(tokens: list[Token], i: int) -> tuple[str, int]:
    """(superscript text, tokens used) for an exponent like ``2`` or ``-1``; ("", 0) when it is not that simple."""
    sign = ""
    if i < len(tokens) and tokens[i].text == "-":
        sign, i = "-", i + 1
    if i >= len(tokens) or not tokens[i].text.isdigit():
        return "", 0
    if i + 1 < len(tokens) and tokens[i + 1].text in ("^", "**", "("):
        return "", 0  # 2^3^2: a superscript would hide which power binds first
    return (sign + tokens[i].text).translate(_SUPERSCRIPT), 1 + (sign != "")


def pretty_expr(expr: sympy.Expr) -> str:
    """sympy's derivative as readable text: ``2*x*cos(y)`` -> ``2·x·cos(y)``."""
    return pretty(sympy.sstr(expr, full_prec=False))
