"""Offscreen rendering and export: animations (MP4 / GIF / APNG), images (PNG / SVG), trajectory data (CSV / JSON).

Frames are drawn by the window's own views, not screen-captured: :class:`FrameRenderer` builds its *own*
:class:`AppState`, :class:`LandscapeView` (and :class:`CurvesView`) in a top-level widget that is never shown on
screen (``WA_DontShowOnScreen``), at exactly the requested size, applies the scene to it and computes the surface
synchronously; ``render(t)`` shows iteration t and grabs the widget into an (h, w, 3) uint8 array. So the main window
stays usable (or minimised) during an export, and the GUI and ``descent-lab export`` give the same pixels.

An animation is a list of iterations, one per frame (:func:`frame_iterations`); :class:`AnimationExport` streams them
into :mod:`app.encoders` a few frames at a time (``step``), so a GUI can interleave it with its event loop;
:func:`export_animation` runs it to the end. Everything is written atomically: cancel or an error leave no file.
"""
from __future__ import annotations

import csv
import io
import json
import math
import os
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Callable, Optional, Union

import numpy as np

from engine.atomic import WriteError, atomic_write
from app.encoders import Cancelled, EncoderError, Progress, open_writer
from app.surface_worker import SurfaceRequest, SurfaceWorker, compute
from engine.scene import Scene

PANELS = ("landscape", "landscape+loss")
ANIMATION_SUFFIXES = {".mp4": "mp4", ".gif": "gif", ".apng": "apng"}
IMAGE_SUFFIXES = {".png": "png", ".svg": "svg"}
DATA_SUFFIXES = {".csv": "csv", ".json": "json"}
DATA_COLUMNS = ("run", "step", "x", "y", "f", "dfdx", "dfdy")
MIN_SIDE, MAX_SIDE = 64, 7680
MAX_FRAMES = 20_000
LOSS_PANEL_SHARE = 0.38  # width of the loss panel in "landscape+loss"

__all__ = ["FrameRenderer", "AnimationExport", "export_animation", "export_image", "export_data", "frame_iterations",
           "check_size", "parse_size", "Cancelled", "EncoderError", "WriteError"]


def _tr(text: str) -> str:
    from PySide6.QtCore import QCoreApplication
    return QCoreApplication.translate("Export", text)


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


# ------------------------------------------------------------------------------------------------------ the renderer
class FrameRenderer:
    """The window's views, offscreen, at exactly ``size`` = (width, height) pixels.

    ``source`` is a :class:`Scene` or an :class:`AppState` (described with ``scene_from_state``, so the renderer
    never shares objects with a live window). ``panels``: "landscape" or "landscape+loss" (loss curves on the right).
    """

    def __init__(self, source: Union[Scene, "AppState"], size: tuple[int, int] = (1280, 720),  # noqa: F821
                 panels: str = "landscape") -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QApplication, QHBoxLayout, QWidget
        from app.model import AppState
        from app.views.landscape import LandscapeView

        if QApplication.instance() is None:
            raise RuntimeError("FrameRenderer needs a QApplication")
        if panels not in PANELS:
            raise EncoderError(_tr("panels must be one of {choices}, got {panels!r}").format(
                choices=", ".join(PANELS), panels=panels))
        self.size = w, h = check_size(size)
        self.panels = panels
        self.scene = source if isinstance(source, Scene) else source.to_scene()
        self.state = AppState()
        self.state.apply_scene(self.scene)  # validates first: SceneError with the state untouched

        self.widget = QWidget()
        self.widget.setAttribute(Qt.WidgetAttribute.WA_DontShowOnScreen, True)
        self.widget.setObjectName("export_frame")
        self.widget.setStyleSheet("QWidget#export_frame { background: #1e1e1e; }")
        layout = QHBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        self.worker = _SyncSurfaceWorker(self.widget)
        self.landscape = LandscapeView(self.state, self.worker)
        layout.addWidget(self.landscape, 1)
        self.curves = None
        if panels == "landscape+loss":
            from app.views.curves import CurvesView

            self.curves = CurvesView(self.state)
            self.curves.log_y.hide()  # a control, not part of the picture
            self.curves.setFixedWidth(int(round(w * LOSS_PANEL_SHARE)))
            for plot in (self.curves.loss_plot, self.curves.grad_plot):
                plot.setBackground("#1e1e1e")
            layout.addWidget(self.curves, 0)
        self.widget.setFixedSize(w, h)
        self.widget.show()  # not on screen; lays out and sizes every child
        QApplication.processEvents()
        self._background = None
        self._views: list = []
        self._static_hidden: list = []
        if self.worker.error:
            raise EncoderError(_tr("cannot draw the landscape: {error}").format(error=self.worker.error))

    @property
    def last_iteration(self) -> int:
        """The last iteration of the longest run (0 without runs)."""
        return self.state.max_frame

    def render(self, iteration: int) -> np.ndarray:
        """Iteration ``iteration`` (clamped to 0..last) as an (h, w, 3) uint8 RGB array.

        What does not move between iterations (colour map, contours, field, axes, colour bar, loss curves) is
        painted once into a background image; each frame paints only the moving items (paths, heads, markers, loss
        cursor) over a copy of it, in the same z order, which is what a full repaint would do but 3-5x cheaper.
        """
        from PySide6.QtCore import QPoint, QRectF, Qt
        from PySide6.QtGui import QImage, QPainter

        self.state.set_frame(int(iteration))
        if self._background is None:
            self._capture_background()
        image = self._background.copy()
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        try:
            for view in self._views:
                brush = view.backgroundBrush()
                view.setBackgroundBrush(Qt.BrushStyle.NoBrush)
                try:
                    view.scene().prepareForPaint()
                    origin = view.mapTo(self.widget, QPoint(0, 0))
                    target = QRectF(origin.x(), origin.y(), view.width(), view.height())
                    view.render(painter, target, view.viewport().rect(), Qt.AspectRatioMode.IgnoreAspectRatio)
                finally:
                    view.setBackgroundBrush(brush)
        finally:
            painter.end()
        return _image_to_array(image, *self.size)

    def render_full(self, iteration: int) -> np.ndarray:
        """The same picture as :meth:`render`, repainting everything (a check of the layered drawing; slower)."""
        self.state.set_frame(int(iteration))
        _set_opacity(self._static_hidden, 1.0)
        try:
            return _image_to_array(self._grab_widget(), *self.size)
        finally:
            _set_opacity(self._static_hidden, 0.0)

    def _grab_widget(self):
        from PySide6.QtGui import QImage

        w, h = self.size
        image = QImage(w, h, QImage.Format.Format_RGB888)
        image.fill(0x1E1E1E)
        self.widget.render(image)  # the same painting as on screen, into an image of exactly w × h
        return image

    def _static_items(self) -> list:
        v = self.landscape
        items = [v.image, v.contours, *v.field_items, v.colorbar, *v.plot.axes.values()]
        if self.curves is not None:
            for plot in (self.curves.loss_plot, self.curves.grad_plot):
                item = plot.getPlotItem()
                items += [*item.axes.values()]
            items += [*self.curves.loss_curves.values(), *self.curves.grad_curves.values(), *self.curves.ends]
        return [i["item"] if isinstance(i, dict) else i for i in items]

    def _dynamic_views(self) -> list:
        views = [self.landscape]
        if self.curves is not None:
            views += [self.curves.loss_plot, self.curves.grad_plot]
        return views

    def _capture_background(self) -> None:
        """Paint the static layers alone (moving items transparent) into ``_background``; then make the static
        layers transparent. Opacity, not visibility: a hidden axis or colour bar would give its space away in the
        next layout pass and shift the plot."""
        dynamic = self._dynamic_items()
        for item in dynamic:
            item.setOpacity(0.0)
        try:
            self._background = self._grab_widget()
        finally:
            for item in dynamic:
                item.setOpacity(1.0)
        self._static_hidden = self._static_items()
        _set_opacity(self._static_hidden, 0.0)
        self._views = self._dynamic_views()

    def _dynamic_items(self) -> list:
        v = self.landscape
        items = [v.minima, v.diverged, v.cursor_arrow]
        for g in v._runs.values():
            items += [g.path, g.step, g.head, g.handle]
        if self.curves is not None:
            items += list(self.curves.cursors)
        return items

    def close(self) -> None:
        """Free the widgets (the renderer cannot render afterwards)."""
        self.widget.close()
        self.widget.deleteLater()

    def __enter__(self) -> FrameRenderer:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _set_opacity(items, opacity: float) -> None:
    for item in items:
        item.setOpacity(opacity)


def _image_to_array(image, w: int, h: int) -> np.ndarray:
    """An RGB888 QImage as an (h, w, 3) uint8 array (a copy; rows may be padded in the image)."""
    bpl = image.bytesPerLine()
    data = np.frombuffer(image.constBits(), np.uint8, count=bpl * h).reshape(h, bpl)
    return data[:, : w * 3].reshape(h, w, 3).copy()


class _SyncSurfaceWorker(SurfaceWorker):
    """The landscape view's surface worker, computing in the calling thread: the surface and its gradient field are
    there when asked for."""

    error: Optional[str] = None

    def request(self, function, view, resolution, log_scale, contours, field_density=0, preview=0) -> int:
        req = SurfaceRequest(function=function, view=view, resolution=int(resolution), log_scale=bool(log_scale),
                             contours=int(contours), field_density=int(field_density), id=next(self._ids))
        self.latest_id = req.id
        try:
            result = compute(req, reuse=self.last_result)  # surface and gradient field, here and now
        except Exception as exc:  # noqa: BLE001 - reported by the renderer as one message
            self.error = str(exc) or type(exc).__name__
            self.failed.emit(req, self.error)
            return req.id
        self.error = None
        self.last_result = result
        self.ready.emit(result)
        return req.id


# ------------------------------------------------------------------------------------------------------- animations
class AnimationExport:
    """One animation export, driven a few frames at a time so a GUI can keep its event loop running.

        job = AnimationExport(scene, "out.mp4", size=(1280, 720), fps=30, duration=5)
        while not job.step():          # renders and encodes frames for up to ~50 ms
            ...                        # (let the GUI breathe; job.done / job.total for a progress bar)
        job.finish()                   # the last pass of the encoder (GIF palette) and the atomic rename

    ``abort()`` at any point removes everything. Errors: SceneError, EncoderError, WriteError.
    """

    def __init__(self, scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
                 iterations_per_frame: float | None = None, duration: float | None = None, hold_last_s: float = 0.0,
                 panels: str = "landscape", fmt: str | None = None, renderer: FrameRenderer | None = None) -> None:
        self.path = Path(path)
        self.fmt = fmt or _animation_format(self.path)
        self.size = check_size(size)
        self.fps = float(fps)
        if iterations_per_frame is None and duration is None:  # play at the scene's own speed
            iterations_per_frame = max(1.0, scene.playback.speed / self.fps)
        self._own_renderer = renderer is None
        self.renderer = renderer or FrameRenderer(scene, self.size, panels)
        try:
            self.iterations = frame_iterations(self.renderer.last_iteration, self.fps, iterations_per_frame,
                                               duration, hold_last_s)
            self.writer = open_writer(self.path, self.fmt, self.size, self.fps)
        except BaseException:
            self._close_renderer()
            raise
        self.done = 0
        self.finished = False

    @property
    def total(self) -> int:
        return len(self.iterations)

    def step(self, budget_s: float = 0.05) -> bool:
        """Render and encode frames for about ``budget_s`` seconds (at least one); True when all are written."""
        t0 = time.perf_counter()
        try:
            while self.done < self.total:
                self.writer.write(self.renderer.render(int(self.iterations[self.done])))
                self.done += 1
                if time.perf_counter() - t0 >= budget_s:
                    break
        except BaseException:
            self.abort()
            raise
        return self.done >= self.total

    def finish(self) -> Path:
        """Close the file (GIF: quantise every frame with the global palette) and move it into place."""
        try:
            path = self.writer.close()
        finally:
            self._close_renderer()
        self.finished = True
        return path

    def abort(self) -> None:
        """Stop; no file is left behind and an existing one is untouched. Safe to call twice."""
        try:
            self.writer.abort()
        finally:
            self._close_renderer()
            self.finished = True

    def _close_renderer(self) -> None:
        if self._own_renderer and self.renderer is not None:
            self.renderer.close()
            self.renderer = None  # type: ignore[assignment]


def _animation_format(path: Path) -> str:
    fmt = ANIMATION_SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise EncoderError(_tr("an animation is saved as .mp4, .gif or .apng, not {name!r}").format(name=path.name))
    return fmt


def export_animation(scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
                     iterations_per_frame: float | None = None, duration: float | None = None,
                     hold_last_s: float = 0.0, panels: str = "landscape", progress: Progress | None = None,
                     cancel: Callable[[], bool] | None = None, fmt: str | None = None) -> Path:
    """Render ``scene`` offscreen and write it to ``path`` (MP4 / GIF / APNG from the suffix, or ``fmt``).

    ``progress(done, total)`` after each frame: returning False cancels; so does ``cancel()`` returning True. A
    cancelled export raises :class:`Cancelled` and leaves no file (an existing one untouched).
    """
    job = AnimationExport(scene, path, size, fps, iterations_per_frame, duration, hold_last_s, panels, fmt)
    try:
        while job.done < job.total:
            job.step(budget_s=0.0)  # one frame
            if (progress is not None and progress(job.done, job.total) is False) or (cancel is not None and cancel()):
                raise Cancelled(_tr("export to {name} cancelled after {n} frames").format(name=job.path.name,
                                                                                          n=job.done))
    except BaseException:
        job.abort()
        raise
    return job.finish()


def finish_in_thread(job: AnimationExport) -> threading.Thread:
    """Run ``job.finish()`` on a Python thread (no Qt inside: the encoder's last pass); the result or the error is
    left on the thread as ``.result`` / ``.error``."""

    def body() -> None:
        try:
            thread.result = job.writer.close()  # type: ignore[attr-defined]
            thread.error = None  # type: ignore[attr-defined]
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread
            thread.result, thread.error = None, exc  # type: ignore[attr-defined]

    thread = threading.Thread(target=body, name="export-finish", daemon=True)
    thread.result, thread.error = None, None  # type: ignore[attr-defined]
    thread.start()
    return thread


# ------------------------------------------------------------------------------------------------------------ images
def export_image(source: Union[Scene, "AppState"], path: str | os.PathLike,  # noqa: F821
                 size: tuple[int, int] = (1280, 720), panels: str = "landscape",
                 iteration: int | None = None) -> Path:
    """The current view (iteration ``iteration``, default the shown one) as PNG at ``size``, or as SVG (vector
    paths, the colour map embedded as an image) of the landscape plot. Atomic."""
    path = Path(path)
    kind = IMAGE_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EncoderError(_tr("an image is saved as .png or .svg, not {name!r}").format(name=path.name))
    with FrameRenderer(source, size, panels) as renderer:
        t = renderer.scene.playback.frame if iteration is None else iteration
        if kind == "png":
            frame = renderer.render(t)
            with open_writer(path, "png", renderer.size, 1) as writer:
                writer.write(frame)
            return path
        renderer.state.set_frame(int(t))
        return _write_svg(renderer, path)


@contextmanager
def _uncached(widget):
    """Paint graphics items directly while in the block: the views keep static layers (axes, contours, field) as
    cached pixmaps for speed, and a cached item would reach an SVG as a bitmap instead of vector paths."""
    from PySide6.QtWidgets import QGraphicsItem, QGraphicsView

    saved = [(item, item.cacheMode()) for view in widget.findChildren(QGraphicsView)
             for item in view.scene().items() if item.cacheMode() != QGraphicsItem.CacheMode.NoCache]
    for item, _ in saved:
        item.setCacheMode(QGraphicsItem.CacheMode.NoCache)
    try:
        yield
    finally:
        for item, mode in saved:
            item.setCacheMode(mode)


def _write_svg(renderer: FrameRenderer, path: Path) -> Path:
    """The renderer's widget painted through QSvgGenerator: paths and text stay vectors, the colour map is an image.
    (pyqtgraph's SVGExporter cannot parse the path syntax Qt 6 writes, so the SVG is made by Qt itself.)"""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize
    from PySide6.QtSvg import QSvgGenerator

    w, h = renderer.size
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    generator = QSvgGenerator()
    generator.setOutputDevice(buffer)
    generator.setSize(QSize(w, h))
    generator.setViewBox(QRect(0, 0, w, h))
    generator.setTitle("Descent Lab")  # notr: the SVG file's metadata, the product name
    generator.setDescription(renderer.state.function.title)
    _set_opacity(renderer._static_hidden, 1.0)
    try:
        with _uncached(renderer.widget):
            renderer.widget.render(generator)
    finally:
        _set_opacity(renderer._static_hidden, 0.0)
    buffer.close()
    with atomic_write(path, "wb") as out:
        out.write(bytes(data.data()))
    return path


# -------------------------------------------------------------------------------------------------------------- data
def trajectory_rows(state: "AppState") -> list[list]:  # noqa: F821
    """Rows (run, step, x, y, f, dfdx, dfdy) of every run with a trajectory, its valid steps only (0..stopped_at);
    ``run`` is the run's position in ``state.runs`` (0-based, as in the scene's ``runs`` list)."""
    rows = []
    for k, run in enumerate(state.runs):
        traj = run.trajectory
        if traj is None:
            continue
        last = int(traj.stopped_at[0])
        pts, vals, grads = traj.points[: last + 1, 0], traj.values[: last + 1, 0], traj.gradients[: last + 1, 0]
        for t in range(last + 1):
            rows.append([k, t, float(pts[t, 0]), float(pts[t, 1]), float(vals[t]), float(grads[t, 0]),
                         float(grads[t, 1])])
    return rows


def export_data(state: "AppState", path: str | os.PathLike) -> Path:  # noqa: F821
    """The runs' trajectories as CSV (header + one row per step, floats written exactly) or JSON (runs' settings,
    ``columns`` and ``rows``; non-finite numbers as null). Atomic."""
    path = Path(path)
    kind = DATA_SUFFIXES.get(path.suffix.lower())
    if kind is None:
        raise EncoderError(_tr("data is saved as .csv or .json, not {name!r}").format(name=path.name))
    rows = trajectory_rows(state)
    if kind == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(DATA_COLUMNS)
        writer.writerows([r[:2] + [repr(v) for v in r[2:]] for r in rows])
        text = buffer.getvalue()
    else:
        runs = [{"run": k, "label": r.label, "optimizer": r.settings.name, "lr": r.settings.lr,
                 "hyper": dict(r.settings.hyper), "steps": r.settings.steps, "start": list(r.start), "color": r.color,
                 "status": None if r.trajectory is None else str(r.trajectory.status[0]),
                 "stopped_at": None if r.trajectory is None else int(r.trajectory.stopped_at[0]),
                 "error": r.error} for k, r in enumerate(state.runs)]
        doc = {"landscape": dict(state.landscape_source), "function": state.function.title,
               "columns": list(DATA_COLUMNS), "runs": _finite_or_none(runs), "rows": _finite_or_none(rows)}
        text = json.dumps(doc, indent=1, allow_nan=False, ensure_ascii=False) + "\n"
    with atomic_write(path, "w") as out:
        out.write(text)
    return path


def _finite_or_none(value):
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list):
        return [_finite_or_none(v) for v in value]
    if isinstance(value, dict):
        return {k: _finite_or_none(v) for k, v in value.items()}
    return value


def export_any(scene: Scene, path: str | os.PathLike, size: tuple[int, int] = (1280, 720), fps: float = 30,
               iterations_per_frame: float | None = None, duration: float | None = None, hold_last_s: float = 0.0,
               panels: str = "landscape", progress: Progress | None = None) -> Path:
    """The command line's export: animation, image or data chosen by the suffix of ``path``."""
    suffix = Path(path).suffix.lower()
    if suffix in ANIMATION_SUFFIXES:
        return export_animation(scene, path, size, fps, iterations_per_frame, duration, hold_last_s, panels,
                                progress)
    if suffix in IMAGE_SUFFIXES:
        return export_image(scene, path, size, panels)
    if suffix in DATA_SUFFIXES:
        from app.model import AppState

        state = AppState()
        state.apply_scene(scene)
        return export_data(state, path)
    raise EncoderError(_tr("cannot tell what to write from {name!r}: use .mp4, .gif, .apng, .png, .svg, .csv or "
                           ".json").format(name=Path(path).name))

