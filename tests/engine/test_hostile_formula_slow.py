"""Slow legal formulas (issue 18 item 7): every input is accepted or refused within 0.5 s of CPU time.

CPU time of this thread (``time.thread_time``), not wall time: the machines running the suite are shared, and the
engine's own budget is in CPU time too. Caches (ours and sympy's) are cleared before each try, and the best of two
tries is kept, so that one unlucky scheduling does not decide."""
from __future__ import annotations

import random
import time

import pytest
from sympy.core.cache import clear_cache

from engine.formula import FormulaError, _analyse, parse

DECIDED_WITHIN_S = 0.5


def _nest(pattern: str, depth: int, inner: str = "x") -> str:
    text = inner
    for _ in range(depth):
        text = pattern.format(text)
    return text


SLOW = {  # the shapes the issue measured at 0.3-5.6 s, and worse ones found by a random search
    "sigmoid 28": _nest("sigmoid({})", 28),
    "sigmoid(x*y) 20": _nest("sigmoid({})", 20, "x*y"),
    "atan 28": _nest("atan({})", 28),
    "asin 28": _nest("asin({})", 28),
    "asin 20": _nest("asin({})", 20),
    "sin 28": _nest("sin({})", 28),
    "x^x tower 28": "^".join(["x"] * 28),
    "(x^x) nested 28": _nest("({})^x", 28),
    "tanh 28": _nest("tanh({})", 28),
    "log(1+u^2) chain": _nest("log(1+{}^2)", 12),
    "mixed chains": "sigmoid(max(tanh(log(1+tanh(sin(atan(sqrt(1+x^2))*y))^2)), y)) + "
                    + _nest("log(1+atan({})^2)", 8, "y") + " + " + _nest("asin(tanh({})/2)", 8, "x*y"),
}
PATTERNS = ["asin({})", "atan({})", "sigmoid({})", "tanh({})", "({})^x", "x^({})", "tan({})", "sin({}*y)",
            "asin({}/2)", "sqrt(1+{}^2)", "max({}, y)", "exp(-{}^2)", "log(1+{}^2)", "acos({}/3)"]


def _random_formulas(n: int, seed: int = 18) -> list[str]:
    rng = random.Random(seed)
    out = []
    while len(out) < n:
        shape = rng.choice([[20], [15, 15], [12, 12, 12], [10] * 4, [8] * 6, [6] * 8])
        text = " + ".join(_nest_random(rng, d) for d in shape)
        if len(text) <= 500:
            out.append(text)
    return out


def _nest_random(rng, depth):
    text = rng.choice(["x", "y", "x*y", "(x+y)"])
    for _ in range(depth):
        text = rng.choice(PATTERNS).format(text)
    return text


def _decide(text: str) -> tuple[float, str]:
    best, outcome = float("inf"), ""
    for _ in range(2):
        _analyse.cache_clear()
        clear_cache()
        start = time.thread_time()
        try:
            parse(text)
            outcome = "accepted"
        except FormulaError as err:
            outcome = err.message
        best = min(best, time.thread_time() - start)
    return best, outcome


@pytest.mark.parametrize("name", SLOW)
def test_slow_shapes_are_decided_quickly(name):
    cpu, outcome = _decide(SLOW[name])
    assert cpu < DECIDED_WITHIN_S, f"{name}: {cpu:.2f} s CPU ({outcome})"


def test_random_deep_mixes_are_decided_quickly():
    slowest = max((_decide(text) + (text,) for text in _random_formulas(6)), key=lambda r: r[0])
    assert slowest[0] < DECIDED_WITHIN_S, f"{slowest[0]:.2f} s CPU for {slowest[2][:80]}… ({slowest[1]})"


def test_depth_refusal_names_the_limit_and_points_at_it():
    with pytest.raises(FormulaError) as caught:
        parse(_nest("sin({})", 21))
    assert "nested too deeply" in caught.value.message and caught.value.column is not None


def test_reasonable_nesting_is_still_accepted():
    for text in (_nest("sigmoid({})", 5), _nest("sin({})", 10), "x^y + y^x", "exp(-(x^2+y^2)) * sin(3*x) * cos(3*y)",
                 "log(1 + (x^2 + y - 11)^2 + (x + y^2 - 7)^2)"):
        parse(text)
