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
if __name__ == "__main__":  # python -m app.cli: modules that import app.cli get this module, not a second copy
    sys.modules.setdefault("app.cli", sys.modules[__name__])


class UsageError(Exception):
    """Bad input: reported as one line and exit status 2."""


class Interrupted(Exception):
    """Ctrl+C or SIGTERM stopped the command cleanly: one line, exit status 128 + the signal's number."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


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


def _in_range(lo: float, hi: float, lo_open: bool = False, integer: bool = False) -> Callable[[str], float]:
    """An argparse type: a finite number (an integer when ``integer``) in [lo, hi], or (lo, hi] when ``lo_open``.

    Every numeric option goes through one of these, so a value that would make the command compute for ever or run
    out of memory is refused in one line before any work starts."""
    def parse(text: str) -> float:
        if integer:
            try:
                value = int(text)
            except ValueError:
                raise argparse.ArgumentTypeError(f"not a whole number: {text!r}") from None
        else:
            value = _finite(text)
        if not ((value > lo if lo_open else value >= lo) and value <= hi):
            raise argparse.ArgumentTypeError(f"must be {_range_text(lo, hi, lo_open)}, got {text}")
        return value
    return parse


def _range_text(lo: float, hi: float, lo_open: bool = False) -> str:
    return f"> {_number(lo)} and ≤ {_number(hi)}" if lo_open else f"from {_number(lo)} to {_number(hi)}"


def _number(value: float) -> str:
    """1000000 as "1,000,000" and 1e300 as "1e+300": readable at both ends."""
    return f"{int(value):,}" if float(value).is_integer() and abs(value) < 1e9 else f"{value:g}"


def _json_safe(obj):
    """``obj`` with every NaN or infinite float replaced by None: JSON has no NaN (``json.dump`` would print ``NaN``,
    which strict parsers refuse); the data export writes null the same way."""
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else None
    if isinstance(obj, dict):
        return {k: _json_safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [_json_safe(v) for v in obj]
    return obj


def _json(obj) -> None:
    json.dump(_json_safe(obj), sys.stdout, indent=2, ensure_ascii=False, allow_nan=False)
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
    p.add_argument("--direction", type=_finite, default=None, metavar="DEGREES",
                   help="also u = (cos θ, sin θ) and the directional derivative D_u f = ∇f·u")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def _run_evaluate(args: argparse.Namespace) -> int:
    fn = resolve_landscape(args.name)
    with np.errstate(all="ignore"):
        value = float(fn.value(args.x, args.y))
        gx, gy = (float(c) for c in fn.gradient(args.x, args.y))
    norm = math.hypot(gx, gy)
    defined = math.isfinite(value) and math.isfinite(norm)
    # Direction of steepest descent, −∇f, in degrees counter-clockwise from +x; undefined at a stationary point and
    # wherever f or its gradient has no finite value (which is not a stationary point).
    angle = math.degrees(math.atan2(-gy, -gx)) if defined and norm > 0 else None
    direction = direction_fields(fn, args.x, args.y, args.direction)  # {} without --direction
    if args.json:
        _json({"name": args.name, "x": args.x, "y": args.y, "value": value, "gradient": [gx, gy],
               "grad_norm": norm, "descent_angle_deg": angle, "defined": defined, **direction})
        return 0
    print(f"{args.name} at ({args.x:g}, {args.y:g})")
    print(f"  f          = {value:.10g}")
    print(f"  grad f     = ({gx:.10g}, {gy:.10g})")
    print(f"  |grad f|   = {norm:.10g}")
    if not math.isfinite(value):
        descent = "undefined (f has no finite value here)"
    elif not math.isfinite(norm):
        descent = "undefined (the gradient has no finite value here)"
    elif angle is None:
        descent = "undefined (stationary point)"
    else:
        descent = f"{angle:.3f} deg (direction of -grad f, counter-clockwise from +x)"
    print("  descent    = " + descent)
    for line in direction_lines(direction):
        print(line)
    return 0


# --- descend -----------------------------------------------------------------------------------------------------

_HYPER_FLAGS = ("momentum", "beta1", "beta2", "eps", "alpha", "lr_decay", "initial_accumulator_value")

MAX_COORD = 1e6          # |x|, |y| of a start point (as in scenes)
LR_RANGE = (0.0, 1e6)    # (lo, hi]
STEPS_RANGE = (1, 1_000_000)
MAX_RUNS = 100           # --start given at most this often (as in scenes)
TOL_RANGE = (0.0, 1e6)
BOUND_RANGE = (0.0, 1e300)  # (lo, hi]
# Memory a descent needs per step of one run: the recorded point, gradient, value and optimizer state (~72 bytes)
# in NumPy, or, with --json/--csv, a row of Python numbers (~350 bytes). steps × runs is capped so that a run stays
# within MEMORY_BUDGET instead of swapping for minutes and being killed.
BYTES_PER_STEP = 80
BYTES_PER_ROW = 400
MEMORY_BUDGET = 512 * 2**20


def _configure_descend(p: argparse.ArgumentParser) -> None:
    from engine.optimizers import OPTIMIZERS
    p.add_argument("name", help="catalogue name (see `descent-lab functions`) or formula")
    p.add_argument("--start", nargs=2, type=_in_range(-MAX_COORD, MAX_COORD), action="append", metavar=("X", "Y"),
                   required=True, help=f"start point, each coordinate {_range_text(-MAX_COORD, MAX_COORD)} "
                   f"(repeat for several runs, at most {MAX_RUNS})")
    p.add_argument("--optimizer", default="gd", help=f"one of {', '.join(OPTIMIZERS)} (default gd)")
    p.add_argument("--lr", type=_in_range(*LR_RANGE, lo_open=True), default=0.01,
                   help=f"learning rate η {_range_text(*LR_RANGE, lo_open=True)} (default 0.01)")
    p.add_argument("--steps", type=_in_range(*STEPS_RANGE, integer=True), default=1000,
                   help=f"maximum number of steps {_range_text(*STEPS_RANGE)} (default 1000); steps × runs is "
                   f"limited by the memory it needs ({MEMORY_BUDGET // 2**20} MB)")
    p.add_argument("--tol", type=_in_range(*TOL_RANGE), default=1e-6,
                   help=f"converged when |grad f| < tol, tol {_range_text(*TOL_RANGE)} (default 1e-6)")
    p.add_argument("--bound", type=_in_range(*BOUND_RANGE, lo_open=True), default=1e6,
                   help=f"diverged beyond this |coordinate| or |f|, {_range_text(*BOUND_RANGE, lo_open=True)} "
                   "(default 1e6)")
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


def check_descent_size(steps: int, runs: int, rows: bool) -> None:
    """UsageError, before any work, when ``runs`` runs of ``steps`` steps would need more than MEMORY_BUDGET."""
    if runs > MAX_RUNS:
        raise UsageError(f"{runs} start points is too many (at most {MAX_RUNS})")
    per_step = BYTES_PER_STEP + (BYTES_PER_ROW if rows else 0)
    need = (steps + 1) * runs * per_step
    if need > MEMORY_BUDGET:
        limit = MEMORY_BUDGET // per_step
        raise UsageError(f"--steps {steps} × {runs} run{'s' if runs > 1 else ''} would need about {_bytes(need)} of "
                         f"memory; the limit is {_bytes(MEMORY_BUDGET)}, about {limit:,} steps × runs"
                         + (" with --json/--csv" if rows else ""))


def _bytes(n: float) -> str:
    for unit in ("bytes", "KB", "MB", "GB", "TB"):
        if n < 1024 or unit == "TB":
            return f"{n:.0f} {unit}" if unit == "bytes" else f"{n:.3g} {unit}"
        n /= 1024
    return f"{n:.3g} TB"


def _run_descend(args: argparse.Namespace) -> int:
    from engine.descent import descend
    check_descent_size(args.steps, len(args.start), args.json or args.csv)
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


def check_display(environ=None, platform: str | None = None) -> None:
    """UsageError when a window cannot be shown: on Linux without X11 or Wayland, Qt would abort the process
    ("could not connect to display") with a core dump instead of a message."""
    import os
    environ = os.environ if environ is None else environ
    platform = sys.platform if platform is None else platform
    if not platform.startswith("linux") or environ.get("QT_QPA_PLATFORM"):
        return
    if not (environ.get("DISPLAY") or environ.get("WAYLAND_DISPLAY")):
        raise UsageError("no display to open a window on (DISPLAY and WAYLAND_DISPLAY are not set); the commands "
                         f"{', '.join(n for n in COMMANDS if n != 'open')} work without one")


def _run_open(args: argparse.Namespace) -> int:
    from engine.scene import SceneError, load
    try:
        load(args.scene)  # refuse a broken file here, with one line, before a window opens
    except SceneError as e:
        raise UsageError(str(e)) from None
    check_display()
    from app.__main__ import run_gui
    return run_gui([PROG, args.scene])


register("open", "open a saved scene in the app", _configure_open, _run_open)

from app.desktop_entry import register_commands as _register_desktop_entry  # noqa: E402 - needs register()
_register_desktop_entry(register)
from app.cli_export import register_commands as _register_export  # noqa: E402
_register_export(sys.modules[__name__])
from app.cli_analysis import register_commands as _register_analysis  # noqa: E402
_register_analysis(sys.modules[__name__])
from app.cli_calculus import direction_fields, direction_lines, register_commands as _register_calculus  # noqa: E402
_register_calculus(register)
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
            check_display()
        except UsageError as e:
            return _error(str(e))
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
    except Interrupted as e:
        _error(str(e))
        return e.code
    except SystemExit as e:  # --help
        return e.code if isinstance(e.code, int) else 0
    except BrokenPipeError:  # `descent-lab descend ... --csv | head`
        return 0


if __name__ == "__main__":
    sys.exit(main())
