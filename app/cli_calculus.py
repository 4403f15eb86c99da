"""Headless commands for the lesson's calculus: ``evaluate … --direction``, ``chain`` and ``lessons``.

``descent-lab evaluate FUNCTION X Y --direction DEGREES`` adds u = (cos θ, sin θ) and D_u f = ∇f·u to the evaluate
command (:func:`direction_fields`); ``descent-lab chain "FORMULA" X`` prints the computational graph of a formula of
x (forward values, local derivatives, the backward pass and dh/dx, checked against sympy's derivative);
``descent-lab lessons`` lists the guided lessons. Every number comes from the engine (engine.calculus,
engine.formula.chain). Bad input raises ``app.cli.UsageError`` (one line, exit 2).
"""
from __future__ import annotations

import argparse
import math


def direction_fields(fn, x: float, y: float, degrees: float | None) -> dict:
    """{"direction_deg", "u", "directional_derivative"} for ``--direction``; {} without it."""
    if degrees is None:
        return {}
    from engine.calculus import probe
    p = probe(fn, x, y, degrees)
    return {"direction_deg": p.degrees, "u": [p.ux, p.uy], "directional_derivative": p.slope}


def direction_lines(fields: dict) -> list[str]:
    if not fields:
        return []
    (ux, uy), theta = fields["u"], fields["direction_deg"]
    return [f"  u          = ({ux:.10g}, {uy:.10g})  (theta = {theta:g} deg, counter-clockwise from +x)",
            f"  D_u f      = {fields['directional_derivative']:.10g}  (= grad f . u)"]


# --- chain -------------------------------------------------------------------------------------------------------

def _configure_chain(p: argparse.ArgumentParser) -> None:
    from app.cli import _finite
    p.add_argument("formula", help='a formula of x alone, e.g. "sin(x^2)"')
    p.add_argument("x", type=_finite, help="the point x at which to evaluate")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_chain(args: argparse.Namespace) -> int:
    from app.cli import UsageError, _json
    from engine.formula import FormulaError
    from engine.formula.chain import chain_graph
    try:
        g = chain_graph(args.formula, args.x)
    except FormulaError as err:
        raise UsageError(f"formula: {err}") from None
    if not math.isfinite(g.value):
        raise UsageError(f"h({args.x:g}) is not defined: {g.formula} has no real value there")
    label = {n.id: n.text for n in g.nodes}
    if args.json:
        _json({"formula": g.formula, "x": g.x, "value": g.value, "derivative": g.derivative,
               "symbolic_derivative": g.symbolic_text, "symbolic_value": g.symbolic_derivative,
               "nodes": [{"id": n.id, "op": n.label, "expr": n.text, "value": n.value, "adjoint": n.adjoint,
                          "kind": n.kind} for n in g.nodes],
               "edges": [{"parent": e.parent, "child": e.child, "local": e.local, "local_expr": e.rule}
                         for e in g.edges],
               "backward": [{"parent": s.parent, "child": s.child, "upstream": s.upstream, "local": s.local,
                             "product": s.product} for s in g.steps]})
        return 0
    print(f"h(x) = {g.formula} at x = {g.x:g}")
    print("forward (node = value):")
    for n in g.nodes:
        print(f"  [{n.id}] {n.text} = {n.value:.10g}")
    print("backward (dh/d[child] += dh/d[parent] * d[parent]/d[child]):")
    for s in g.steps:
        edge = next(e for e in g.edges if (e.parent, e.child) == (s.parent, s.child))
        print(f"  [{s.parent}] -> [{s.child}]  {s.upstream:.10g} * {s.local:.10g} = {s.product:.10g}"
              f"   (d({label[s.parent]})/d({label[s.child]}) = {edge.rule})")
    print(f"dh/dx = {g.derivative:.10g}")
    print(f"sympy: dh/dx = {g.symbolic_text} = {g.symbolic_derivative:.10g}")
    return 0


# --- lessons -----------------------------------------------------------------------------------------------------

def _configure_lessons(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_lessons(args: argparse.Namespace) -> int:
    from app.cli import UsageError, _json
    from app.lessons import LessonError, bundled_lessons
    try:
        lessons = bundled_lessons()
    except LessonError as err:
        raise UsageError(str(err)) from None
    if args.json:
        _json([{"id": les.id, "title": les.title, "steps": len(les.steps)} for les in lessons])
        return 0
    width = max((len(les.id) for les in lessons), default=0)
    for les in lessons:
        print(f"{les.id:<{width}}  {len(les.steps):>2} steps  {les.title}")
    return 0


def register_commands(register) -> None:
    register("chain", "the chain rule on a formula of x: forward values, local derivatives, backward pass",
             _configure_chain, _run_chain)
    register("lessons", "list the guided lessons", _configure_lessons, _run_lessons)
