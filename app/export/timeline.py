"""The timeline of an export: output sizes and the iteration shown by each frame (no Qt).

Error texts are in the "Export" translation context: translated when the GUI runs (Qt is loaded), English on the
command line and wherever Qt is not imported.
"""
from __future__ import annotations

import math
import sys

import numpy as np

from app.export.encoders import EncoderError

MIN_SIDE, MAX_SIDE = 64, 7680
MAX_FRAMES = 20_000


def translate(context: str, text: str) -> str:
    """``text`` translated in ``context`` when Qt is already loaded; never imports Qt itself (the data export runs
    without it), so without Qt the text stays English."""
    qtcore = sys.modules.get("PySide6.QtCore")
    if qtcore is None:
        return text
    return qtcore.QCoreApplication.translate(context, text)


def _tr(text: str) -> str:
    return translate("Export", text)


# ------------------------------------------------------------------------------------------------------------ sizes
def check_size(size: object) -> tuple[int, int]:
    """(width, height) as ints, both even and in MIN_SIDE..MAX_SIDE; EncoderError otherwise."""
    try:
        w, h = (int(v) for v in size)  # type: ignore[union-attr]
    except (TypeError, ValueError):
        raise EncoderError(_tr("size must be (width, height) in pixels, got {size!r}").format(size=size)) from None
    if not (MIN_SIDE <= w <= MAX_SIDE and MIN_SIDE <= h <= MAX_SIDE):
        raise EncoderError(_tr("size must be between {lo}×{lo} and {hi}×{hi} pixels, got {w}×{h}").format(
            lo=MIN_SIDE, hi=MAX_SIDE, w=w, h=h))
    if w % 2 or h % 2:
        raise EncoderError(_tr("size must have an even width and height (video needs them), got {w}×{h}").format(
            w=w, h=h))
    return w, h


def parse_size(text: str) -> tuple[int, int]:
    """``"1280x720"`` → (1280, 720); EncoderError "size must be WxH with even numbers" for anything else."""
    parts = str(text).lower().replace("×", "x").split("x")
    if len(parts) != 2 or not all(p.strip().isdigit() for p in parts):
        raise EncoderError(_tr("size must be WxH with even numbers, e.g. 1280x720; got {text!r}").format(text=text))
    w, h = int(parts[0]), int(parts[1])
    if w % 2 or h % 2:
        raise EncoderError(_tr("size must be WxH with even numbers, e.g. 1280x720; got {text!r}").format(text=text))
    return check_size((w, h))


# ------------------------------------------------------------------------------------------------------- the timeline
DEFAULT_HOLD_S = 1.0  # seconds the last frame is held, unless asked otherwise (the dialog and the CLI)


def frame_iterations(last: int, fps: float, iterations_per_frame: float | None = None,
                     duration: float | None = None, hold_last_s: float = 0.0) -> np.ndarray:
    """The iteration shown by each frame of an animation of iterations 0..``last``.

    With ``duration`` (seconds): round(duration·fps) frames (at least 1) from 0 to ``last``, evenly spaced.
    Otherwise ``iterations_per_frame`` (default 1): frame k shows min(k·ipf, last), ending exactly at ``last``.
    ``hold_last_s`` adds round(hold·fps) frames of ``last`` at the end. EncoderError for bad values or more than
    MAX_FRAMES frames.
    """
    last = max(int(last), 0)
    if not (isinstance(fps, (int, float)) and math.isfinite(fps) and fps > 0):
        raise EncoderError(_tr("fps must be a positive number, got {fps!r}").format(fps=fps))
    if duration is not None:
        if not (math.isfinite(duration) and duration > 0):
            raise EncoderError(_tr("duration must be a positive number of seconds, got {d!r}").format(d=duration))
        n = max(1, int(round(duration * fps)))
        if n > MAX_FRAMES:
            raise EncoderError(_tr("{n} frames is too many (at most {max})").format(n=n, max=MAX_FRAMES))
        its = np.zeros(1, dtype=np.int64) if n == 1 else np.rint(np.linspace(0, last, n)).astype(np.int64)
    else:
        ipf = 1.0 if iterations_per_frame is None else float(iterations_per_frame)
        if not (math.isfinite(ipf) and ipf > 0):
            raise EncoderError(_tr("iterations per frame must be a positive number, got {v!r}").format(
                v=iterations_per_frame))
        n = int(math.ceil(last / ipf)) + 1
        if n > MAX_FRAMES:
            raise EncoderError(_tr("{n} frames is too many (at most {max}); show more iterations per frame").format(
                n=n, max=MAX_FRAMES))
        its = np.minimum(np.rint(np.arange(n) * ipf), last).astype(np.int64)
    if hold_last_s:
        if not (math.isfinite(hold_last_s) and hold_last_s >= 0):
            raise EncoderError(_tr("hold must be a number of seconds ≥ 0, got {v!r}").format(v=hold_last_s))
        extra = int(round(hold_last_s * fps))
        if len(its) + extra > MAX_FRAMES:
            raise EncoderError(_tr("{n} frames is too many (at most {max})").format(n=len(its) + extra, max=MAX_FRAMES))
        its = np.concatenate([its, np.full(extra, last, dtype=np.int64)])
    return its
