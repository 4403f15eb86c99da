"""``descent-lab analyze`` (the local quadratic at a point) and ``descent-lab sweep`` (a hyper-parameter map).

Registered by :mod:`app.cli` through :func:`register_commands`, which hands over the running cli module so that
errors raise its ``UsageError`` (one line, exit status 2). Headless: no Qt.
"""
from __future__ import annotations

import argparse
import math

import numpy as np

_cli = None  # the app.cli module that registered these commands


def register_commands(cli) -> None:
    global _cli
    _cli = cli
    cli.register("analyze", "Hessian, eigen-directions, condition number and stable step sizes at a point",
                 _configure_analyze, _run_analyze)
    cli.register("sweep", "steps to converge from one start for a grid of learning rates (and μ or β₁)",
                 _configure_sweep, _run_sweep)


# --- analyze -----------------------------------------------------------------------------------------------------

def _configure_analyze(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="catalogue name (see `descent-lab functions`) or formula")
    p.add_argument("x", type=_cli._finite)
    p.add_argument("y", type=_cli._finite)
    p.add_argument("--lr", type=_cli._finite, default=None, help="also place this learning rate η on the scale")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_analyze(args: argparse.Namespace) -> int:
    from engine.analysis import local_quadratic
    fn = _cli.resolve_landscape(args.name)
    try:
        q = local_quadratic(fn, (args.x, args.y))
    except ValueError as e:
        raise _cli.UsageError(str(e)) from None
    if args.lr is not None and not args.lr > 0:
        raise _cli.UsageError(f"--lr must be > 0, got {args.lr:g}")
    if args.json:
        d = {"name": args.name, "x": args.x, "y": args.y, **q.to_dict()}
        if args.lr is not None:
            d.update(lr=args.lr, rate=q.rate(args.lr), placement=q.placement(args.lr), verdict=q.describe(args.lr))
        _cli._json(d)
        return 0
    (a, b), (_, c) = q.hessian
    print(f"{args.name} at ({args.x:g}, {args.y:g})   Hessian ({q.source})")
    print(f"  H            = [[{a:.8g}, {b:.8g}], [{b:.8g}, {c:.8g}]]")
    for j, name in enumerate(("λ_min", "λ_max")):
        v = q.eigenvectors[:, j]
        print(f"  {name}        = {q.eigenvalues[j]:.8g}   along ({v[0]:.6f}, {v[1]:.6f})")
    print(f"  κ            = {_text(q.condition)}")
    print(f"  2/λ_max      = {_text(q.critical_lr)}   (gradient descent diverges above it)")
    print(f"  2/(λ_min+λ_max) = {_text(q.best_lr)}   (the best fixed step)")
    if args.lr is not None:
        print("  " + q.describe(args.lr))
    return 0


def _text(v) -> str:
    return "undefined" if v is None else ("inf" if math.isinf(v) else f"{v:.8g}")


# --- sweep -------------------------------------------------------------------------------------------------------

def _range(text: str) -> tuple[float, float, int]:
    parts = text.split(":")
    if len(parts) != 3:
        raise argparse.ArgumentTypeError(f"expected LO:HI:N, got {text!r}")
    try:
        lo, hi, n = float(parts[0]), float(parts[1]), int(parts[2])
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected numbers LO:HI:N with a whole N, got {text!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi or not 1 <= n <= 1000:
        raise argparse.ArgumentTypeError(f"need finite LO ≤ HI and 1 ≤ N ≤ 1000, got {text!r}")
    return lo, hi, n


def _configure_sweep(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="catalogue name (see `descent-lab functions`) or formula")
    p.add_argument("--start", nargs=2, type=_cli._finite, metavar=("X", "Y"), required=True, help="start point")
    p.add_argument("--optimizer", default="gd", help="gd, momentum, nesterov, adam (or any optimizer, η only)")
    p.add_argument("--lr", type=_range, required=True, metavar="LO:HI:N", help="learning rates, log-spaced")
    second = p.add_mutually_exclusive_group()
    second.add_argument("--momentum", type=_range, metavar="LO:HI:N", help="μ values (momentum, nesterov)")
    second.add_argument("--beta1", type=_range, metavar="LO:HI:N", help="β₁ values (adam)")
    p.add_argument("--steps", type=int, default=1000, help="maximum steps per run (default 1000)")
    p.add_argument("--tol", type=_cli._finite, default=1e-6, help="converged when |grad f| < tol (default 1e-6)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_sweep(args: argparse.Namespace) -> int:
    from engine.hypermaps import SECOND_AXIS, axis, hyper_map
    fn = _cli.resolve_landscape(args.name)
    given = "momentum" if args.momentum is not None else ("beta1" if args.beta1 is not None else None)
    wanted = SECOND_AXIS.get(args.optimizer)
    if given is not None and given != wanted:
        raise _cli.UsageError(f"--{given} does not apply to {args.optimizer}"
                              + (f"; use --{wanted.replace('_', '-')}" if wanted else "; sweep only --lr"))
    try:
        lrs = axis(*args.lr, log=True)
        second = None if given is None else axis(*getattr(args, given), log=False)
        result = hyper_map(fn, args.start, args.optimizer, lrs, second, steps=args.steps, tol=args.tol)
    except ValueError as e:
        raise _cli.UsageError(str(e)) from None
    rows = range(result.status.shape[0])
    cols = range(result.status.shape[1])
    cells = [[_cell(result, i, j) for j in cols] for i in rows]
    if args.json:
        _cli._json({"function": args.name, "optimizer": args.optimizer, "start": list(result.start),
                    "steps": result.steps, "tol": result.tol, "lr": result.lrs.tolist(),
                    "second_name": result.second_name,
                    "second": None if result.second is None else result.second.tolist(),
                    "hyper": result.hyper, "cells": cells})
        return 0
    label = {"momentum": "μ", "beta1": "β₁"}.get(result.second_name)
    print(f"{args.name}: {args.optimizer} from ({result.start[0]:g}, {result.start[1]:g}), at most {result.steps} "
          f"steps: steps to converge per cell")
    for i in rows:
        for j in cols:
            where = f"lr={result.lrs[j]:.6g}" + (f" {label}={result.second[i]:.6g}" if label else "")
            print(f"{where}  {cells[i][j]}")
    return 0


def _cell(result, i: int, j: int):
    text = result.label(i, j)
    return int(text) if text.isdigit() else text
