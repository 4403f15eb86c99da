"""The chain-rule graph of a formula of x: hand-computed local derivatives, the backward product against sympy.diff
and against central finite differences of the same formula written out in Python."""
import math

import pytest
import sympy

from engine.formula import FormulaError
from engine.formula.chain import chain_graph


def _sigmoid(u):
    return 1 / (1 + math.exp(-u))


CASES = {  # formula -> the same function written by hand
    "sin(x^2)": lambda x: math.sin(x ** 2),
    "x*sin(x)": lambda x: x * math.sin(x),
    "exp(-x)/(1+x^2)": lambda x: math.exp(-x) / (1 + x ** 2),
    "sigmoid(3*x - 1)": lambda x: _sigmoid(3 * x - 1),
    "tanh(2*x)^3 - x/4": lambda x: math.tanh(2 * x) ** 3 - x / 4,
    "log(1 + x^2) * cos(x)": lambda x: math.log(1 + x * x) * math.cos(x),
    "-x^2 + pi*x": lambda x: -x ** 2 + math.pi * x,
}
POINTS = (-1.3, 0.4, 2.1)


@pytest.mark.parametrize("formula", CASES)
@pytest.mark.parametrize("x", POINTS)
def test_backward_product_is_the_derivative(formula, x):
    g = chain_graph(formula, x)
    h = 1e-6
    fd = (CASES[formula](x + h) - CASES[formula](x - h)) / (2 * h)
    assert g.value == pytest.approx(CASES[formula](x), rel=1e-12, abs=1e-12)
    assert g.derivative == pytest.approx(fd, rel=1e-6, abs=1e-7)
    # the symbolic derivative computed here, independently of the graph module's own sympy call
    xs = sympy.Symbol("x", real=True)
    local = {"sin": sympy.sin, "exp": sympy.exp, "tanh": sympy.tanh, "log": sympy.log, "cos": sympy.cos,
             "pi": sympy.pi, "sigmoid": lambda u: 1 / (1 + sympy.exp(-u)), "x": xs}
    expected = sympy.diff(eval(formula.replace("^", "**"), {"__builtins__": {}}, local), xs)
    assert g.derivative == pytest.approx(float(expected.subs(xs, x)), rel=1e-10, abs=1e-12)
    assert g.symbolic_derivative == pytest.approx(float(expected.subs(xs, x)), rel=1e-10, abs=1e-12)


def test_sin_of_x_squared_by_hand():
    x = 1.5
    g = chain_graph("sin(x^2)", x)
    labels = [n.label for n in g.nodes]
    assert labels == ["sin", "^", "x", "2"]
    assert [n.value for n in g.nodes[:3]] == pytest.approx([math.sin(2.25), 2.25, 1.5])
    local = {(e.parent, e.child): e.local for e in g.edges}
    assert local[(0, 1)] == pytest.approx(math.cos(2.25))  # d sin(u)/du at u = x²
    assert local[(1, 2)] == pytest.approx(2 * 1.5)  # d x²/dx
    assert g.derivative == pytest.approx(math.cos(2.25) * 3.0)
    assert g.steps[0].parent == 0 and g.steps[0].upstream == 1.0  # the backward pass starts at the output
    assert g.input.adjoint == pytest.approx(g.derivative)


def test_two_paths_into_x_add_up():
    x = 0.7
    g = chain_graph("x*sin(x)", x)
    into_x = [s for s in g.steps if s.child == g.input.id]
    assert len(into_x) == 2
    assert sorted(s.product for s in into_x) == pytest.approx(sorted([math.sin(x), x * math.cos(x)]))
    assert g.derivative == pytest.approx(math.sin(x) + x * math.cos(x))


def test_a_constant_has_derivative_zero():
    g = chain_graph("3*2", 1.0)
    assert g.value == 6.0 and g.derivative == 0.0 and g.input is None


@pytest.mark.parametrize("text, words", [("sin(x*y)", "x alone"), ("x +", "ends too early"),
                                         ("__import__('os')", "not allowed"), ("foo(x)", "unknown function")])
def test_refused(text, words):
    with pytest.raises(FormulaError, match=words):
        chain_graph(text, 1.0)
