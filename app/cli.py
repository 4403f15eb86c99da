"""``descent-lab``: no arguments launches the GUI; subcommands run headless (and never import Qt).

A subcommand is two small functions registered in ``COMMANDS``: ``configure(parser)`` adds its arguments and
``run(args) -> int`` does the work. Add one with::

    def _configure_open(p): p.add_argument("scene")
    def _run_open(args): ...; return 0
    register("open", "open a saved scene", _configure_open, _run_open)

Bad input prints one line ``descent-lab: error: ...`` to stderr and exits with status 2, never a traceback.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import sys
from dataclasses import dataclass
from typing import Callable

import numpy as np

PROG = "descent-lab"


class UsageError(Exception):
    """Bad input: reported as one line and exit status 2."""


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Callable[[argparse.ArgumentParser], None]
    run: Callable[[argparse.Namespace], int]


COMMANDS: dict[str, Command] = {}


def register(name: str, help: str, configure: Callable, run: Callable) -> None:
    COMMANDS[name] = Command(name, help, configure, run)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # argparse would print usage and exit; we want one line and status 2
        raise UsageError(message)


def resolve_landscape(text: str):
    """The catalogue function named ``text``; otherwise ``text`` parsed as a formula f(x, y) if engine.formula
    exists. Raises UsageError with the catalogue's message (and the formula's, when it was tried)."""
    from engine import functions
    try:
        return functions.get(text)
    except KeyError as e:
        catalogue_message = e.args[0]
    try:
        from engine import formula
    except ImportError:
        raise UsageError(catalogue_message) from None
    try:
        return formula.parse(text)
    except formula.FormulaError as e:
        raise UsageError(f"{catalogue_message}; as a formula: {e}") from None


def _finite(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"not a finite number: {text!r}")
    return value


def _json(obj) -> None:
    json.dump(obj, sys.stdout, indent=2, ensure_ascii=False)
    sys.stdout.write("\n")


# --- functions ---------------------------------------------------------------------------------------------------

def _configure_functions(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_functions(args: argparse.Namespace) -> int:
    from engine import functions
    fns = [functions.get(n) for n in functions.names()]
    if args.json:
        _json([{"name": f.name, "title": f.title, "description": f.description, "formula": f.formula,
                "view": [list(f.view[0]), list(f.view[1])], "minima": [list(m) for m in f.minima],
                "log_scale": f.log_scale} for f in fns])
        return 0
    width = max(len(f.name) for f in fns)
    for f in fns:
        print(f"{f.name:<{width}}  {f.description}")
    return 0


# --- evaluate ----------------------------------------------------------------------------------------------------

def _configure_evaluate(p: argparse.ArgumentParser) -> None:
    p.add_argument("name", help="catalogue name (see `descent-lab functions`) or formula")
    p.add_argument("x", type=_finite)
    p.add_argument("y", type=_finite)
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_evaluate(args: argparse.Namespace) -> int:
    fn = resolve_landscape(args.name)
    with np.errstate(all="ignore"):
        value = float(fn.value(args.x, args.y))
        gx, gy = (float(c) for c in fn.gradient(args.x, args.y))
    norm = math.hypot(gx, gy)
    # Direction of steepest descent, −∇f, in degrees counter-clockwise from +x; undefined at a stationary point.
    angle = math.degrees(math.atan2(-gy, -gx)) if norm > 0 else None
    if args.json:
        _json({"name": args.name, "x": args.x, "y": args.y, "value": value, "gradient": [gx, gy],
               "grad_norm": norm, "descent_angle_deg": angle})
        return 0
    print(f"{args.name} at ({args.x:g}, {args.y:g})")
    print(f"  f          = {value:.10g}")
    print(f"  grad f     = ({gx:.10g}, {gy:.10g})")
    print(f"  |grad f|   = {norm:.10g}")
    print("  descent    = " + ("undefined (stationary point)" if angle is None
                               else f"{angle:.3f} deg (direction of -grad f, counter-clockwise from +x)"))
    return 0


# --- descend -----------------------------------------------------------------------------------------------------

_HYPER_FLAGS = ("momentum", "beta1", "beta2", "eps", "alpha", "lr_decay", "initial_accumulator_value")


def _configure_descend(p: argparse.ArgumentParser) -> None:
    from engine.optimizers import OPTIMIZERS
    p.add_argument("name", help="catalogue name (see `descent-lab functions`) or formula")
    p.add_argument("--start", nargs=2, type=_finite, action="append", metavar=("X", "Y"), required=True,
                   help="start point (repeat for several runs)")
    p.add_argument("--optimizer", default="gd", help=f"one of {', '.join(OPTIMIZERS)} (default gd)")
    p.add_argument("--lr", type=_finite, default=0.01, help="learning rate η (default 0.01)")
    p.add_argument("--steps", type=int, default=1000, help="maximum number of steps (default 1000)")
    p.add_argument("--tol", type=_finite, default=1e-6, help="converged when |grad f| < tol (default 1e-6)")
    p.add_argument("--bound", type=_finite, default=1e6, help="diverged beyond this |coordinate| or |f|")
    for name in _HYPER_FLAGS:
        p.add_argument("--" + name.replace("_", "-"), dest=name, type=_finite, default=None,
                       help="optimizer hyper-parameter (torch.optim default when omitted)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true", help="summary and trajectory rows as JSON")
    out.add_argument("--csv", action="store_true", help="trajectory rows as CSV: run,step,x,y,f,dfdx,dfdy")


def _trajectory_rows(traj) -> list[list]:
    rows = []
    for k in range(traj.n_runs):
        for t in range(int(traj.stopped_at[k]) + 1):
            (x, y), (gx, gy) = traj.points[t, k], traj.gradients[t, k]
            rows.append([k, t, float(x), float(y), float(traj.values[t, k]), float(gx), float(gy)])
    return rows


def _run_descend(args: argparse.Namespace) -> int:
    from engine.descent import descend
    fn = resolve_landscape(args.name)
    hyper = {n: getattr(args, n) for n in _HYPER_FLAGS if getattr(args, n) is not None}
    try:
        traj = descend(fn, args.start, optimizer=args.optimizer, lr=args.lr, steps=args.steps, tol=args.tol,
                       bound=args.bound, **hyper)
    except ValueError as e:
        raise UsageError(str(e).replace("_", "-") if str(e).startswith("unknown hyper") else str(e)) from None
    final, norms = traj.final_points, traj.grad_norm[traj.stopped_at, np.arange(traj.n_runs)]
    runs = [{"run": k, "start": list(map(float, args.start[k])), "final": [float(v) for v in final[k]],
             "f": float(traj.values[traj.stopped_at[k], k]), "grad_norm": float(norms[k]),
             "status": traj.status[k], "stopped_at": int(traj.stopped_at[k])} for k in range(traj.n_runs)]
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(["run", "step", "x", "y", "f", "dfdx", "dfdy"])
        writer.writerows([r[:2] + [repr(v) for v in r[2:]] for r in _trajectory_rows(traj)])
    elif args.json:
        _json({"function": args.name, "optimizer": traj.optimizer, "lr": traj.lr, "hyper": traj.hyper,
               "steps": traj.steps, "tol": traj.tol, "bound": traj.bound, "runs": runs,
               "columns": ["run", "step", "x", "y", "f", "dfdx", "dfdy"], "rows": _trajectory_rows(traj)})
    else:
        hyper_text = ", ".join(f"{k}={v:g}" for k, v in traj.hyper.items())
        print(f"{args.name}: {traj.optimizer} lr={traj.lr:g}" + (f" ({hyper_text})" if hyper_text else ""))
        for r in runs:
            print(f"run {r['run']}: ({r['start'][0]:g}, {r['start'][1]:g}) -> ({r['final'][0]:.8g}, "
                  f"{r['final'][1]:.8g})  f={r['f']:.6g}  |grad f|={r['grad_norm']:.3g}  "
                  f"{r['status']} at step {r['stopped_at']}")
    return 0


register("functions", "list the catalogue of landscapes", _configure_functions, _run_functions)
register("evaluate", "value, gradient and steepest-descent direction at a point", _configure_evaluate, _run_evaluate)
register("descend", "run an optimizer from one or more start points", _configure_descend, _run_descend)


# --- open / export (scenes; these two import Qt, lazily) ----------------------------------------------------------

def _configure_open(p: argparse.ArgumentParser) -> None:
    p.add_argument("scene", help="a saved scene (.json)")


def _run_open(args: argparse.Namespace) -> int:
    from engine.scene import SceneError, load
    try:
        load(args.scene)  # refuse a broken file here, with one line, before a window opens
    except SceneError as e:
        raise UsageError(str(e)) from None
    from app.__main__ import run_gui
    return run_gui([PROG, args.scene])


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("scene", help="a saved scene (.json)")
    p.add_argument("-o", "--output", required=True,
                   help="OUT.mp4 / .gif / .apng (animation), .png / .svg (image), .csv / .json (trajectories)")
    p.add_argument("--size", default="1280x720", help="WxH in pixels, even numbers (default 1280x720)")
    p.add_argument("--fps", type=_finite, default=30.0, help="frames per second (default 30)")
    timing = p.add_mutually_exclusive_group()
    timing.add_argument("--duration", type=_finite, default=None, help="total length in seconds")
    timing.add_argument("--iterations-per-frame", type=_finite, default=None,
                        help="optimizer iterations per frame (default: the scene's playback speed / fps)")
    p.add_argument("--hold", type=_finite, default=0.0, help="seconds to hold the last frame (default 0)")
    p.add_argument("--panels", choices=("landscape", "landscape+loss"), default="landscape")


def _progress_bar(done: int, total) -> None:
    width = 30
    filled = int(width * done / total) if total else 0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total or '?'} frames")
    sys.stderr.flush()


def _run_export(args: argparse.Namespace) -> int:
    import os
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # nothing is shown: render without a display, always
    from engine.atomic import WriteError
    from app.export.encoders import Cancelled, EncoderError
    from engine.scene import SceneError, load
    try:
        from app.export import export_any, needs_qt, parse_size
        size = parse_size(args.size)
        scene = load(args.scene)
        if needs_qt(args.output):  # pictures are drawn by the window's views; data is the engine's numbers
            from PySide6.QtWidgets import QApplication
            app = QApplication.instance() or QApplication([PROG])  # noqa: F841 - the renderer needs it alive
        tty = sys.stderr.isatty()
        out = export_any(scene, args.output, size, args.fps, args.iterations_per_frame, args.duration, args.hold,
                         args.panels, progress=_progress_bar if tty else None)
        if tty:
            sys.stderr.write("\n")
    except (SceneError, WriteError, EncoderError, Cancelled) as e:
        if sys.stderr.isatty():
            sys.stderr.write("\n")
        raise UsageError(str(e)) from None
    except KeyboardInterrupt:
        raise UsageError("interrupted; nothing was written") from None
    print(out)
    return 0


register("open", "open a saved scene in the app", _configure_open, _run_open)
register("export", "render a scene without a display: animation, image or trajectory data",
         _configure_export, _run_export)

from app.desktop_entry import register_commands as _register_desktop_entry  # noqa: E402 - needs register()
_register_desktop_entry(register)
import app.cli_landscape  # noqa: E402,F401 - registers "landscape" (a user's own PyTorch model)


# --- entry point -------------------------------------------------------------------------------------------------

def build_parser() -> argparse.ArgumentParser:
    from app.version import version
    parser = _Parser(prog=PROG, description="Watch gradient descent happen. No arguments: open the app.")
    parser.add_argument("--version", action="version", version=f"{PROG} {version()}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for cmd in COMMANDS.values():
        cmd.configure(sub.add_parser(cmd.name, help=cmd.help, description=cmd.help))
    return parser


def _error(message: str) -> int:
    print(f"{PROG}: error: {' '.join(str(message).split())}", file=sys.stderr)
    return 2


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    if not argv:
        try:
            from app.__main__ import run_gui  # lazy: the headless commands never import Qt
        except ModuleNotFoundError as e:
            if e.name != "app.__main__":
                raise
            return _error("the GUI is not installed in this build; try a command: " + ", ".join(COMMANDS))
        return run_gui(argv)
    try:
        args = build_parser().parse_args(argv)
        if args.command is None:
            raise UsageError(f"choose a command: {', '.join(COMMANDS)}")
        return COMMANDS[args.command].run(args)
    except UsageError as e:
        return _error(str(e))
    except SystemExit as e:  # --help
        return e.code if isinstance(e.code, int) else 0
    except BrokenPipeError:  # `descent-lab descend ... --csv | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
