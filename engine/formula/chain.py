"""The chain rule on a formula of x: its computational graph, forward values, local derivatives, backward pass.

The graph is the formula parser's own tree (the whitelisted ``ast`` that :func:`.tree.build` turns into sympy): one
node per operation (``+ − · / ^``, unary minus, a function call), one leaf per number, and a single input node x that
every use of x points at (so ``x·sin(x)`` sums two paths into x, as the multivariable chain rule says).

    >>> g = chain_graph("sin(x^2)", 1.5)
    >>> [n.label for n in g.nodes], round(g.derivative, 6), round(g.symbolic_derivative, 6)
    (['sin', '^', 'x', '2'], -1.884521, -1.884521)

Edges go from a node to each argument it takes; ``edge.local`` is the local derivative ∂node/∂argument at the
forward values (the derivative of that one operation, with its arguments held as plain numbers). The backward pass
starts with ∂h/∂h = 1 at the output and, node by node from the output down, adds upstream × local to each argument:
``adjoint[child] += adjoint[parent] · local``, skipping arguments that do not depend on x (numbers, pi); dh/dx is the
adjoint reaching x, checked against ``sympy.diff``.
"""
from __future__ import annotations

import ast
import math
from dataclasses import dataclass

import sympy

from .errors import FormulaError
from .lexer import lex
from .pretty import pretty_expr
from .tree import build, parse_tree
from .vocabulary import CONSTANTS, FUNCTIONS, VARIABLES, X, Y

__all__ = ["ChainNode", "ChainEdge", "BackwardStep", "ChainGraph", "chain_graph"]

_A, _B = sympy.Symbol("a", real=True), sympy.Symbol("b", real=True)  # an operation's arguments, as plain numbers
_OPS = {ast.Add: ("+", lambda a, b: a + b), ast.Sub: ("−", lambda a, b: a - b), ast.Mult: ("·", lambda a, b: a * b),
        ast.Div: ("/", lambda a, b: a / b), ast.Pow: ("^", lambda a, b: sympy.Pow(a, b))}


@dataclass(frozen=True)
class ChainNode:
    """id: index in ``ChainGraph.nodes`` (0 is the output); label: the operation ("sin", "^", "x", "2");
    text: the sub-formula this node computes; value: its forward value at x; adjoint: ∂h/∂(this node), 0 for
    the parts that do not depend on x (the backward pass does not visit them)."""

    id: int
    label: str
    text: str
    value: float
    adjoint: float
    kind: str  # "op", "input" (x) or "constant"


@dataclass(frozen=True)
class ChainEdge:
    """parent computes from child; ``local`` = ∂parent/∂child at the forward values; ``rule`` names it as text."""

    parent: int
    child: int
    local: float
    rule: str


@dataclass(frozen=True)
class BackwardStep:
    """One multiplication of the backward pass: adjoint[child] += upstream · local (= product)."""

    parent: int
    child: int
    upstream: float
    local: float
    product: float
    child_adjoint: float  # the child's adjoint after this step


@dataclass(frozen=True)
class ChainGraph:
    formula: str
    x: float
    nodes: tuple[ChainNode, ...]
    edges: tuple[ChainEdge, ...]
    steps: tuple[BackwardStep, ...]
    value: float  # h(x)
    derivative: float  # dh/dx from the backward pass
    symbolic_text: str  # dh/dx from sympy.diff, pretty-printed
    symbolic_derivative: float  # that expression evaluated at x

    @property
    def input(self) -> ChainNode | None:
        return next((n for n in self.nodes if n.kind == "input"), None)


def chain_graph(text: str, x: float) -> ChainGraph:
    """The computational graph of the formula ``text`` (a function of x alone) at ``x``; FormulaError if refused."""
    if not isinstance(text, str):
        raise FormulaError(f"a formula must be text, not {type(text).__name__}")
    if not math.isfinite(float(x)):
        raise FormulaError("x must be a finite number")
    lexed = lex(text)
    tree = parse_tree(lexed)
    expr = build(lexed, tree).expr  # the whitelist and every size limit are checked here, once, on the whole tree
    if Y in expr.free_symbols:
        raise FormulaError("use x alone here: the chain rule is shown for h(x), a formula without y")
    return _Builder(float(x)).graph(" ".join(lexed.text.split()), tree, expr)


class _Builder:
    def __init__(self, x: float) -> None:
        self.x = x
        self.labels: list[str] = []
        self.kinds: list[str] = []
        self.exprs: list[sympy.Expr] = []
        self.edges: list[tuple[int, int, sympy.Expr]] = []  # (parent, child, ∂parent/∂child written in x)
        self.input_id: int | None = None

    def graph(self, text: str, tree: ast.AST, expr: sympy.Expr) -> ChainGraph:
        root = self._node(tree)
        values = [self._eval(e) for e in self.exprs]
        edges = tuple(ChainEdge(p, c, self._eval(local), pretty_expr(local)) for p, c, local in self.edges)
        adjoint = [0.0] * len(self.exprs)
        adjoint[root] = 1.0
        steps = []
        # ids are in pre-order (a node before its arguments; x, shared, is a leaf), so in this order every node has
        # received all of its adjoint before it passes it on
        for edge in sorted(edges, key=lambda e: e.parent):
            if X not in self.exprs[edge.child].free_symbols:
                continue  # a constant argument: h does not flow back into it (its adjoint is not needed)
            product = adjoint[edge.parent] * edge.local
            adjoint[edge.child] += product
            steps.append(BackwardStep(edge.parent, edge.child, adjoint[edge.parent], edge.local, product,
                                      adjoint[edge.child]))
        nodes = tuple(ChainNode(i, self.labels[i], pretty_expr(self.exprs[i]), values[i], adjoint[i], self.kinds[i])
                      for i in range(len(self.exprs)))
        derivative = adjoint[self.input_id] if self.input_id is not None else 0.0
        symbolic = sympy.diff(expr, X)
        return ChainGraph(text, self.x, nodes, edges, tuple(steps), values[root], derivative, pretty_expr(symbolic),
                          self._eval(symbolic))

    # --- the tree, node by node (the same reading as tree.build, which has already accepted it) ---------------------
    def _new(self, label: str, kind: str, expr: sympy.Expr) -> int:
        self.labels.append(label)
        self.kinds.append(kind)
        self.exprs.append(expr)
        return len(self.exprs) - 1

    def _node(self, node: ast.AST) -> int:
        if isinstance(node, ast.Constant):
            value = node.value
            return self._new(sympy.sstr(value), "constant", sympy.Integer(value) if isinstance(value, int)
                             else sympy.Float(value))
        if isinstance(node, ast.Name):
            if node.id in VARIABLES:
                if self.input_id is None:
                    self.input_id = self._new("x", "input", X)
                return self.input_id
            return self._new(node.id, "constant", CONSTANTS[node.id][0])
        if isinstance(node, ast.UnaryOp):
            if isinstance(node.op, ast.UAdd):
                return self._node(node.operand)
            me = self._new("−", "op", sympy.Integer(0))
            child = self._node(node.operand)
            return self._op(me, [child], lambda a: -a)
        if isinstance(node, ast.BinOp):
            label, op = _OPS[type(node.op)]
            me = self._new(label, "op", sympy.Integer(0))
            children = [self._node(node.left), self._node(node.right)]
            return self._op(me, children, op)
        if isinstance(node, ast.Call):
            function = FUNCTIONS[node.func.id]
            me = self._new(node.func.id, "op", sympy.Integer(0))
            children = [self._node(arg) for arg in node.args]
            return self._op(me, children, function.symbolic)
        raise FormulaError("this formula cannot be shown as a graph")  # unreachable: build() refused it already

    def _op(self, me: int, children: list[int], op) -> int:
        args = [_A, _B][:len(children)]
        local_form = op(*args)  # the one operation, its arguments as plain numbers a (and b)
        at = {arg: self.exprs[child] for arg, child in zip(args, children)}
        self.exprs[me] = local_form.subs(at) if children else local_form
        for child, arg in zip(children, args):
            self.edges.append((me, child, sympy.diff(local_form, arg).subs(at)))
        return me

    def _eval(self, expr: sympy.Expr) -> float:
        try:
            value = complex(sympy.N(expr.subs(X, sympy.Float(self.x, 30)), 17))
        except (TypeError, ValueError, ZeroDivisionError, OverflowError):
            return math.nan
        if abs(value.imag) > 1e-12 * max(1.0, abs(value.real)):
            return math.nan  # no real value there (log of a negative number, ...)
        return value.real
