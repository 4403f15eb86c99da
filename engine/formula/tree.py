"""Syntax tree -> sympy expression, node by node, against an explicit whitelist.

``ast.parse`` only parses (it runs nothing). Every node is then checked: only numbers, x, y, pi, e, unary and binary
+ - * / **, and calls of the whitelisted functions are turned into sympy objects; anything else is a
:class:`FormulaError` that points at the node. Constant parts are evaluated with Python floats first, so that the
limits (size of numbers and exponents) are checked before sympy evaluates anything.
"""
from __future__ import annotations

import ast
import difflib
import math
from dataclasses import dataclass

import sympy

from .errors import FormulaError
from .lexer import Lexed
from .vocabulary import CONSTANTS, FUNCTIONS, NAMES, VARIABLES

MAX_NODES = 200
MAX_DEPTH = 30
MAX_LITERAL = 1e6  # largest number literal
MAX_CONSTANT = 1e100  # largest value of a constant part, e.g. 2^300
MAX_EXPONENT = 100  # largest constant exponent
MAX_DIGITS = 300  # bound on the decimal digits of any exact number sympy may form, e.g. in ((10*x)^100)^100

_BINARY = {ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.Pow: "^"}
_OTHER_OPERATORS = {ast.FloorDiv: "//", ast.Mod: "%", ast.MatMult: "@", ast.BitAnd: "&", ast.BitOr: "|",
                    ast.BitXor: "^", ast.LShift: "<<", ast.RShift: ">>", ast.Invert: "~", ast.Not: "not"}
_REFUSED = {ast.Attribute: "attribute access", ast.Subscript: "indexing with [ ]", ast.Compare: "comparison",
            ast.NamedExpr: "assignment", ast.Lambda: "lambda", ast.IfExp: "if … else", ast.BoolOp: "and/or",
            ast.Starred: "starred arguments", ast.List: "a list", ast.Tuple: "a tuple (a comma outside a function call)",
            ast.Set: "a set", ast.Dict: "a dictionary", ast.ListComp: "a comprehension", ast.SetComp: "a comprehension",
            ast.DictComp: "a comprehension", ast.GeneratorExp: "a comprehension", ast.JoinedStr: "strings",
            ast.Slice: "a slice", ast.Await: "await", ast.Yield: "yield", ast.YieldFrom: "yield"}


@dataclass(frozen=True)
class Built:
    """A sympy expression with what the limits need.

    value:  for a constant part, its value as a Python float (None when it uses x or y).
    digits: upper bound of the decimal digits of exact numbers sympy may form from this part when it multiplies
            out coefficients (``(10*x)^100`` holds 10^100), so that nested powers cannot make it compute huge
            integers even where the part is not constant.
    kinks:  names of the non-smooth functions used.
    """

    expr: sympy.Expr
    value: float | None
    digits: float = 0.0
    kinks: frozenset[str] = frozenset()


def parse_tree(lexed: Lexed) -> ast.expr:
    """``ast.parse`` the rewritten text as one expression, then check node count and depth."""
    try:
        tree = ast.parse(lexed.source, mode="eval").body
    except SyntaxError as err:
        raise _syntax_error(lexed, err) from None
    except (RecursionError, MemoryError, ValueError):
        raise FormulaError("the formula is too complicated") from None
    _check_size(lexed, tree)
    return tree


def _syntax_error(lexed: Lexed, err: SyntaxError) -> FormulaError:
    offset = (err.offset or 1) - 1
    column, length = lexed.user_span(offset, (err.end_offset or offset + 2) - 1)
    last = lexed.tokens[-1]
    if offset >= len(lexed.source.rstrip()) or last.kind in ("op", "lpar"):
        return FormulaError(f"the formula ends too early after '{last.text}'", last.start, len(last.text))
    snippet = lexed.text[column:column + length].strip() or lexed.text[column]
    if snippet.startswith("=") and not snippet.startswith("=="):
        return FormulaError("assignments are not allowed", column, length)
    if "never closed" in (err.msg or ""):
        return FormulaError("expected a closing parenthesis", column, length)
    return FormulaError(f"unexpected '{snippet}'", column, length)


def _check_size(lexed: Lexed, tree: ast.expr) -> None:
    count, work, stack = 0, 0, [(tree, 1, 0)]
    while stack:  # iterative: the tree may be deeper than Python's recursion allows
        node, depth, nested = stack.pop()
        count += 1
        if count > MAX_NODES:
            raise FormulaError(f"the formula is too large (more than {MAX_NODES} parts)")
        if depth > MAX_DEPTH:
            column, length = _span(lexed, node)
            raise FormulaError(f"the formula is nested too deeply (more than {MAX_DEPTH} levels)", column, length)
        if _is_composition(node):
            nested += 1
            work += nested
            if nested > MAX_NESTED_FUNCTIONS:
                column, length = _span(lexed, node)
                raise FormulaError(f"functions are nested too deeply (more than {MAX_NESTED_FUNCTIONS} inside each "
                                   "other)", column, length)
            if work > MAX_COMPOSITION_WORK:
                raise FormulaError("the formula nests too many functions to differentiate quickly",
                                   hint="use fewer or shallower nested functions")
        stack.extend((child, depth + (0 if _continues_chain(node, child) else 1), nested)
                     for child in ast.iter_child_nodes(node)
                     if not isinstance(child, (ast.expr_context, ast.operator, ast.unaryop)))


# Differentiating a composition f(g(h(x))) costs sympy about the square of its depth or more (every level's
# derivative holds the levels inside it, and sympy asks each one whether it is real or positive): asin nested 28 deep
# took ~1 s. Each function call (and power with a non-constant exponent) adds its nesting level to a budget.
MAX_NESTED_FUNCTIONS = 20
MAX_COMPOSITION_WORK = 260  # a chain of depth d costs d(d+1)/2: one chain of 20 (210), or several shallower ones


def _is_composition(node: ast.AST) -> bool:
    if isinstance(node, ast.Call):
        return True
    return isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow) and any(
        isinstance(n, ast.Name) and n.id in VARIABLES for n in ast.walk(node.right))


_CHAINS = ({ast.Add, ast.Sub}, {ast.Mult, ast.Div})


def _continues_chain(node: ast.AST, child: ast.AST) -> bool:
    """True for the left operand of a + b + c (or a * b / c): a long sum is long, not deep (the node count caps it)."""
    if not (isinstance(node, ast.BinOp) and isinstance(child, ast.BinOp) and child is node.left):
        return False
    return any(type(node.op) in chain and type(child.op) in chain for chain in _CHAINS)


def _span(lexed: Lexed, node: ast.AST) -> tuple[int | None, int]:
    start = getattr(node, "col_offset", None)
    if start is None:
        return None, 0
    return lexed.user_span(start, getattr(node, "end_col_offset", None) or start + 1)


def _error(lexed: Lexed, node: ast.AST, message: str, hint: str = "") -> FormulaError:
    column, length = _span(lexed, node)
    return FormulaError(message, column, length, hint)


_UNDEFINED = (sympy.zoo, sympy.nan, sympy.oo, -sympy.oo)


def build(lexed: Lexed, node: ast.AST) -> Built:
    """The sympy expression of a checked tree; :class:`FormulaError` for any node outside the whitelist, and for a
    part that is undefined wherever x and y are (``x/0``, ``log(x-x)``, ``tan(pi/2)``: sympy makes them ``zoo``,
    complex infinity, or ``nan``). Children are built first, so the error points at the innermost such part."""
    built = _build(lexed, node)
    if built.expr.has(*_UNDEFINED):
        raise _error(lexed, node, *_undefined_message(node))
    return built


def _undefined_message(node: ast.AST) -> tuple[str, str]:
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Div, ast.Pow)):
        return "division by zero", "the divisor here is 0 for every x and y"
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return f"{node.func.id} is undefined here for every x and y", "its argument is outside its domain or a pole"
    return "this part is undefined for every x and y", "it divides by zero or leaves the domain of a function"


def _build(lexed: Lexed, node: ast.AST) -> Built:
    if isinstance(node, ast.Constant):
        return _constant(lexed, node)
    if isinstance(node, ast.Name):
        return _name(lexed, node)
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.UAdd, ast.USub)):
        inner = build(lexed, node.operand)
        if isinstance(node.op, ast.UAdd):
            return inner
        return Built(-inner.expr, None if inner.value is None else -inner.value, inner.digits, inner.kinks)
    if isinstance(node, ast.BinOp) and type(node.op) in _BINARY:
        return _binary(lexed, node)
    if isinstance(node, ast.Call):
        return _call(lexed, node)
    raise _refusal(lexed, node)


def _refusal(lexed: Lexed, node: ast.AST) -> FormulaError:
    op = getattr(node, "op", None)
    if type(op) in _OTHER_OPERATORS:
        return _error(lexed, node, f"'{_OTHER_OPERATORS[type(op)]}' is not allowed", "use + - * / ^")
    what = _REFUSED.get(type(node), f"'{type(node).__name__}'")
    return _error(lexed, node, f"{what} is not allowed")


def _constant(lexed: Lexed, node: ast.Constant) -> Built:
    value = node.value
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return _raise(_error(lexed, node, "only numbers, x and y are allowed here"))
    if not abs(value) <= MAX_LITERAL:  # also refuses inf and nan (1e309)
        raise _error(lexed, node, f"the number {_short(lexed, node)} is too large", f"at most {MAX_LITERAL:g}")
    digits = abs(math.log10(abs(value))) if value else 0.0
    return Built(sympy.Integer(value) if isinstance(value, int) else sympy.Float(value), float(value), digits)


def _raise(err: FormulaError) -> Built:
    raise err


def _short(lexed: Lexed, node: ast.AST) -> str:
    column, length = _span(lexed, node)
    text = lexed.text[column:column + length] if column is not None else ""
    return text if len(text) <= 20 else text[:17] + "..."


def _name(lexed: Lexed, node: ast.Name) -> Built:
    if node.id in VARIABLES:
        return Built(VARIABLES[node.id], None)
    if node.id in CONSTANTS:
        symbolic, value = CONSTANTS[node.id]
        return Built(symbolic, value, 1.0)
    if node.id in FUNCTIONS:
        raise _error(lexed, node, f"{node.id} is a function", f"write {node.id}(…)")
    raise _error(lexed, node, f"unknown name '{node.id}'", _name_hint(node.id, "use x and y"))


def _name_hint(name: str, default: str) -> str:
    close = difflib.get_close_matches(name, NAMES, n=1, cutoff=0.6)
    return f"did you mean {close[0]}?" if close else default


def _binary(lexed: Lexed, node: ast.BinOp) -> Built:
    left, right = build(lexed, node.left), build(lexed, node.right)
    kinks = left.kinks | right.kinks
    if isinstance(node.op, ast.Pow):
        return _power(lexed, node, left, right, kinks)
    value = None
    if left.value is not None and right.value is not None:
        value = _evaluate(lexed, node, _FLOAT_OPS[type(node.op)], left.value, right.value)
    digits = _digits(lexed, node, left.digits + right.digits + 1)
    return Built(_SYMBOLIC_OPS[type(node.op)](left.expr, right.expr), value, digits, kinks)


_FLOAT_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
              ast.Div: lambda a, b: a / b}
_SYMBOLIC_OPS = {ast.Add: lambda a, b: a + b, ast.Sub: lambda a, b: a - b, ast.Mult: lambda a, b: a * b,
                 ast.Div: lambda a, b: a / b}


def _power(lexed: Lexed, node: ast.BinOp, base: Built, exponent: Built, kinks: frozenset[str]) -> Built:
    if exponent.value is not None:
        if not abs(exponent.value) <= MAX_EXPONENT:
            raise _error(lexed, node.right, "the exponent is too large", f"at most {MAX_EXPONENT}")
        if not float(exponent.value).is_integer() and base.value is None:
            kinks = kinks | {"^"}
    value = None
    if base.value is not None and exponent.value is not None:
        value = _evaluate(lexed, node, math.pow, base.value, exponent.value)
    scale = max(abs(exponent.value), 1.0) if exponent.value is not None else 1.0
    digits = _digits(lexed, node, base.digits * scale + exponent.digits + 1)
    return Built(sympy.Pow(base.expr, exponent.expr), value, digits, kinks)


def _evaluate(lexed: Lexed, node: ast.AST, operation, *args: float) -> float:
    """A constant part as a float; refuse it when it is not a finite real number or too large."""
    try:
        value = float(operation(*args))
    except ZeroDivisionError:
        raise _error(lexed, node, "division by zero") from None
    except OverflowError:
        value = math.inf
    except (ValueError, TypeError):
        raise _error(lexed, node, "this part has no real value", "e.g. log or sqrt of a negative number") from None
    if not abs(value) <= MAX_CONSTANT:
        raise _error(lexed, node, "this number is too large", f"constant parts may be at most {MAX_CONSTANT:g}")
    return value


def _digits(lexed: Lexed, node: ast.AST, digits: float) -> float:
    if digits > MAX_DIGITS:
        raise _error(lexed, node, "the numbers in this part grow too large", "use smaller numbers or exponents")
    return digits


def _call(lexed: Lexed, node: ast.Call) -> Built:
    func = node.func
    if not isinstance(func, ast.Name):
        raise _error(lexed, node, "missing operator before '('", "write *(…) to multiply")
    if func.id not in FUNCTIONS:
        raise _error(lexed, func, f"unknown function '{func.id}'", _name_hint(func.id, _FUNCTION_LIST))
    if node.keywords:
        raise _error(lexed, node.keywords[0], "keyword arguments are not allowed")
    for arg in node.args:
        if isinstance(arg, ast.Starred):
            raise _error(lexed, arg, "starred arguments are not allowed")
    function = FUNCTIONS[func.id]
    if len(node.args) != function.arity:
        plural = "s" if function.arity > 1 else ""
        raise _error(lexed, node, f"{func.id} takes {function.arity} argument{plural}")
    args = [build(lexed, arg) for arg in node.args]
    kinks = frozenset().union(*(a.kinks for a in args)) | ({func.id} if function.kink else frozenset())
    value = None
    if all(a.value is not None for a in args):
        value = _evaluate(lexed, node, function.numeric, *(a.value for a in args))
    digits = _digits(lexed, node, sum(a.digits for a in args) + 1)
    return Built(function.symbolic(*(a.expr for a in args)), value, digits, kinks)


_FUNCTION_LIST = "use " + ", ".join(FUNCTIONS)
