"""``descent-lab export``: a scene rendered without a display (animation, image) or its trajectories as data.

Every numeric option has a range checked before any work; Ctrl+C and SIGTERM stop between two frames (exit 130/143,
nothing written)."""
from __future__ import annotations

import argparse
import sys

_cli = None  # app.cli (or __main__ under python -m app.cli): its errors and option helpers, set by register_commands

DEFAULT_HOLD_S = 1.0  # app.export.timeline.DEFAULT_HOLD_S (the export dialog's): Qt-side modules load only to draw

FPS_RANGE = (0.1, 240.0)          # GIF delays reach 10 s at 0.1 fps; app.encoders.MAX_FPS above
DURATION_RANGE = (0.0, 3600.0)    # (lo, hi]
IPF_RANGE = (0.01, 1e6)
HOLD_RANGE = (0.0, 3600.0)
MAX_EXPORT_FRAMES = 20_000        # app.export.MAX_FRAMES: the exporter refuses more; checked here before any work


def check_export_timing(fps: float, duration: float | None, hold: float) -> None:
    """UsageError, before the scene is loaded, when duration or hold at ``fps`` make more frames than allowed."""
    for name, seconds in (("--duration", duration), ("--hold", hold)):
        if seconds is not None and round(seconds * fps) > MAX_EXPORT_FRAMES:
            raise _cli.UsageError(f"{name} {seconds:g} s at {fps:g} fps is {round(seconds * fps):,} frames; at most "
                             f"{MAX_EXPORT_FRAMES:,}")


def _configure_export(p: argparse.ArgumentParser) -> None:
    p.add_argument("scene", help="a saved scene (.json)")
    p.add_argument("-o", "--output", required=True,
                   help="OUT.mp4 / .gif / .apng (animation), .png / .svg (image), .csv / .json (trajectories)")
    p.add_argument("--size", default="1280x720", help="WxH in pixels, even numbers (default 1280x720)")
    p.add_argument("--fps", type=_cli._in_range(*FPS_RANGE), default=30.0,
                   help=f"frames per second {_cli._range_text(*FPS_RANGE)} (default 30)")
    timing = p.add_mutually_exclusive_group()
    timing.add_argument("--duration", type=_cli._in_range(*DURATION_RANGE, lo_open=True), default=None,
                        help=f"total length in seconds, {_cli._range_text(*DURATION_RANGE, lo_open=True)}; "
                        f"duration × fps at most {MAX_EXPORT_FRAMES:,} frames")
    timing.add_argument("--iterations-per-frame", type=_cli._in_range(*IPF_RANGE), default=None,
                        help=f"optimizer iterations per frame {_cli._range_text(*IPF_RANGE)} "
                        "(default: the scene's playback speed / fps)")
    p.add_argument("--hold", type=_cli._in_range(*HOLD_RANGE), default=None,
                   help=f"seconds to hold the last frame, {_cli._range_text(*HOLD_RANGE)} (default "
                        f"{DEFAULT_HOLD_S:g} as in the app's export dialog; 0 with --duration, the whole length)")
    p.add_argument("--panels", choices=("landscape", "landscape+loss"), default="landscape")
    p.add_argument("--at-step", default=None, metavar="N|end",
                   help="the step a .png / .svg still shows: a number or 'end' (default: the scene's shown step)")
    shown = p.add_argument_group("overlays", "what a frame says besides the picture (all but the rule on by default)")
    shown.add_argument("--no-legend", dest="legend", action="store_false", help="no legend (colour → optimizer, η, "
                       "start)")
    shown.add_argument("--no-title", dest="title", action="store_false", help="no title (the landscape's name or "
                       "formula)")
    shown.add_argument("--no-counter", dest="counter", action="store_false", help="no iteration counter t")
    shown.add_argument("--update-rule", nargs="?", const=1, default=None, type=_cli._in_range(1, 100, integer=True),
                       metavar="RUN", help="show the update rule of run RUN (1 = the first run, the default)")


def _at_step(text: str | None):
    """--at-step: None, "end" or a whole number ≥ 0 (UsageError otherwise)."""
    if text is None or text.strip().lower() == "end":
        return text and "end"
    try:
        step = int(text)
    except ValueError:
        step = -1
    if step < 0:
        raise _cli.UsageError(f"--at-step must be a step number ≥ 0 or 'end', got {text!r}")
    return step


def _progress_bar(done: int, total) -> None:
    width = 30
    filled = int(width * done / total) if total else 0
    sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total or '?'} frames")
    sys.stderr.flush()


class _StopRequest:
    """Ctrl+C (SIGINT) and SIGTERM during an export only set a flag; the export stops between two frames.

    Python's default SIGINT handler raises KeyboardInterrupt wherever the interpreter is, which during an export is
    often inside pyqtgraph's paint code called from Qt's C++ render: unwinding through Qt there crashed the process
    (segmentation faults in 15 of 39 tries). A flag raises nothing; the progress callback reads it after each frame.
    """

    SIGNALS = ("SIGINT", "SIGTERM")

    def __init__(self) -> None:
        self.signum: int | None = None
        self._previous: dict = {}

    def __enter__(self) -> _StopRequest:
        import signal
        for name in self.SIGNALS:
            signum = getattr(signal, name, None)
            if signum is not None:
                try:
                    self._previous[signum] = signal.signal(signum, self._handle)
                except ValueError:  # not the main thread: leave the handlers alone
                    pass
        return self

    def __exit__(self, *exc) -> None:
        import signal
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)

    def _handle(self, signum, _frame) -> None:
        self.signum = self.signum or signum

    def check(self) -> None:
        if self.signum is not None:
            raise _cli.Interrupted("interrupted; nothing was written", 128 + self.signum)


def _run_export(args: argparse.Namespace) -> int:
    import os
    if args.hold is None:  # a duration asked for is the whole animation; otherwise the last frame is held a while
        args.hold = 0.0 if args.duration is not None else DEFAULT_HOLD_S
    check_export_timing(args.fps, args.duration, args.hold)
    at_step = _at_step(args.at_step)
    if at_step is not None and not args.output.lower().endswith((".png", ".svg")):
        raise _cli.UsageError("--at-step is for a still (.png or .svg): an animation shows every step")
    os.environ["QT_QPA_PLATFORM"] = "offscreen"  # nothing is shown: render without a display, always
    with _StopRequest() as stop:  # before Qt is imported: a signal during the import only sets the flag
        from engine.atomic import WriteError
        from app.export.encoders import Cancelled, EncoderError
        from engine.scene import SceneError, load
        tty = sys.stderr.isatty()

        def progress(done: int, total) -> bool:
            if tty:
                _progress_bar(done, total)
            return stop.signum is None  # False cancels the export between two frames

        try:
            from app.export import Overlays, export_any, needs_qt, parse_size
            overlays = Overlays(args.legend, args.title, args.counter, args.update_rule is not None,
                                int(args.update_rule or 1) - 1)
            size = parse_size(args.size)
            scene = load(args.scene)
            if args.update_rule is not None and args.update_rule > len(scene.runs):
                raise _cli.UsageError(f"--update-rule {args.update_rule}: the scene has {len(scene.runs)} run(s)")
            stop.check()
            if needs_qt(args.output):  # pictures are drawn by the window's views; data is the engine's numbers
                from PySide6.QtWidgets import QApplication
                app = QApplication.instance() or QApplication([_cli.PROG])  # noqa: F841 - the renderer needs it alive
            stop.check()
            out = export_any(scene, args.output, size, args.fps, args.iterations_per_frame, args.duration,
                             args.hold, args.panels, progress=progress, overlays=overlays, at_step=at_step)
            if tty:
                sys.stderr.write("\n")
        except (SceneError, WriteError, EncoderError, Cancelled) as e:
            if tty:
                sys.stderr.write("\n")
            stop.check()  # cancelled by a signal: say so, with the signal's exit status
            raise _cli.UsageError(str(e)) from None
        except KeyboardInterrupt:
            raise _cli.Interrupted("interrupted; nothing was written", 130) from None
    print(out)
    return 0


def register_commands(cli) -> None:
    global _cli
    _cli = cli
    cli.register("export", "render a scene without a display: animation, image or trajectory data",
             _configure_export, _run_export)
