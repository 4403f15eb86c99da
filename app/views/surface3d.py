"""The 3D view: the landscape as a surface (pyqtgraph.opengl), the runs drawn on it, animated with the 2D view.

Numbers come from the engine (a coarse :func:`engine.surface.sample`, through the same display transform as the
2D map, :func:`app.surface_worker.compute`) and from the runs' precomputed trajectories. This module only maps
them into a display box: x and y of the view to [-1, 1], the colour value (f, or log10(f - fmin + eps) on a log
scale) to a height in [0, HEIGHT]. Items are created once; the frame slot only slices precomputed arrays.

Where OpenGL cannot work (a headless session, no PyOpenGL) the widget is a label saying why, and nothing else.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import QColor, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.gl_support import opengl_status
from app.model import AppState, Run
from app.surface_worker import SurfaceRequest, SurfaceResult, compute
from app.views.box3d import axis_ticks, box_path
from engine import scene as scene_mod

RESOLUTION = 120  # heights per axis: a mesh, not an image (the 2D map keeps the fine grid)
HEIGHT = 1.0  # the surface spans z in [0, HEIGHT] over the box [-1, 1]²
LIFT = 0.012  # paths float this much above the surface so that it does not hide them
Z_CLIP = (0.0, 1.25)  # path heights below the floor sit on it; a path rising above the lid ends there
# On a log scale heights span at most this many decades below the top (colours keep the 2D map's six): deeper,
# a 120² mesh turns narrow valleys such as Rosenbrock's into a comb of spikes; the floor is flat instead.
LOG_HEIGHT_DECADES = 4.0
NONFINITE_RGBA = (0.35, 0.35, 0.35, 1.0)  # grid points where f is not a finite number
CAMERA = dict(distance=4.4, elevation=28.0, azimuth=-62.0)
CAMERA_CENTER = (0.0, 0.0, 0.35)
BACKGROUND = "#1e1e1e"


def _tr(text: str) -> str:
    return QCoreApplication.translate("Surface3DView", text)


@dataclass(frozen=True)
class BoxMapping:
    """Data → display box: x, y of ``view`` to [-1, 1]; colour values in [lo, hi] to heights in [0, HEIGHT].

    Colour values below ``lo`` (a log scale's deep decades) sit on the floor, z = 0.
    """

    view: tuple[tuple[float, float], tuple[float, float]]
    levels: tuple[float, float]
    log_offset: float | None  # None for a linear scale; else colour = log10(f + log_offset)

    def xy(self, x, y) -> tuple[np.ndarray, np.ndarray]:
        (x0, x1), (y0, y1) = self.view
        return (2 * (np.asarray(x, float) - x0) / (x1 - x0) - 1,
                2 * (np.asarray(y, float) - y0) / (y1 - y0) - 1)

    def z_of_colour(self, colour) -> np.ndarray:
        lo, hi = self.levels
        with np.errstate(invalid="ignore"):
            return HEIGHT * np.maximum((np.asarray(colour, float) - lo) / (hi - lo), 0.0)

    def z_of_value(self, f) -> np.ndarray:
        """Height of f values (e.g. a trajectory's), through the surface's own colour transform."""
        f = np.asarray(f, float)
        if self.log_offset is None:
            return self.z_of_colour(f)
        with np.errstate(invalid="ignore", divide="ignore"):
            return self.z_of_colour(np.log10(f + self.log_offset))


def _soft_shader():
    """Vertex colours with a gentle light from the camera's upper left: the colour map stays readable."""
    from pyqtgraph.opengl import shaders
    name = "descent_lab_soft"
    if name in shaders.ShaderProgram.names:
        return shaders.ShaderProgram.names[name]
    return shaders.ShaderProgram(name, [
        shaders.VertexShader("""
            uniform mat4 u_mvp;
            uniform mat3 u_normal;
            attribute vec4 a_position;
            attribute vec3 a_normal;
            attribute vec4 a_color;
            varying vec4 v_color;
            varying vec3 v_normal;
            void main() {
                v_normal = normalize(u_normal * a_normal);
                v_color = a_color;
                gl_Position = u_mvp * a_position;
            }
        """),
        shaders.FragmentShader("""
            #ifdef GL_ES
            precision mediump float;
            #endif
            varying vec4 v_color;
            varying vec3 v_normal;
            void main() {
                float p = abs(dot(v_normal, normalize(vec3(-0.4, 0.5, 1.0))));
                gl_FragColor = vec4(v_color.rgb * (0.72 + 0.28 * p), v_color.a);
            }
        """),
    ])


class _RunItems:
    """A run's path (line strip) and head (one point); ``pos`` is its whole path in box coordinates."""

    def __init__(self, gl) -> None:
        import pyqtgraph.opengl as gl_items
        self.line = gl_items.GLLinePlotItem(pos=np.zeros((0, 3), np.float32), width=2.0, antialias=True,
                                            mode="line_strip", glOptions="opaque")
        self.head = gl_items.GLScatterPlotItem(pos=np.zeros((0, 3), np.float32), size=11.0, pxMode=True,
                                               glOptions="opaque")
        gl.addItem(self.line)
        gl.addItem(self.head)
        self.pos = np.zeros((0, 3), np.float32)
        self.last = -1

    def set_run(self, run: Run, mapping: BoxMapping | None, selected: bool) -> None:
        rgba = QColor(run.color).getRgbF()
        self.line.setData(color=rgba, width=3.5 if selected else 2.0)
        self.head.setData(color=rgba, size=13.0 if selected else 10.0)
        traj = run.trajectory
        if traj is None or mapping is None:
            self.pos, self.last = np.zeros((0, 3), np.float32), -1
            return
        pts = np.asarray(traj.points[:, 0, :], float)
        vals = np.asarray(traj.values[:, 0], float)
        last = int(traj.stopped_at[0])
        ok = np.isfinite(pts).all(axis=1) & np.isfinite(vals)
        if not ok[: last + 1].all():  # a diverged run: draw up to its last finite row
            last = int(np.argmin(ok)) - 1
        bx, by = mapping.xy(pts[:, 0], pts[:, 1])
        with np.errstate(invalid="ignore"):
            bz = np.maximum(mapping.z_of_value(vals), Z_CLIP[0]) + LIFT
        self.pos, self.last = box_path(bx, by, bz, last, Z_CLIP[1])  # a diverged run ends where it leaves the box

    def show_frame(self, t: int) -> None:
        if self.last < 0:
            self.line.setData(pos=self.pos[:0])
            self.head.setData(pos=self.pos[:0])
            return
        i = min(t, self.last)
        self.line.setData(pos=self.pos[: i + 1])
        self.head.setData(pos=self.pos[i: i + 1])

    def remove(self, gl) -> None:
        gl.removeItem(self.line)
        gl.removeItem(self.head)


class Surface3DView(QWidget):
    """The landscape of ``state`` as a 3D surface with its runs, or a label explaining why 3D is unavailable."""

    def __init__(self, state: AppState, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self.available, self.reason = opengl_status()
        self.gl = None
        self.surface_item = None
        self.result: SurfaceResult | None = None
        self.mapping: BoxMapping | None = None
        self.run_items: dict[int, _RunItems] = {}
        self._key = None
        self._stale = False  # the surface inputs changed while the view was hidden
        self._building = False  # the GL widget is being made (at the first show)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        if not self.available:
            self.message_label = QLabel(_tr("3D view unavailable: {reason}").format(reason=self.reason), self)
            self.message_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.message_label.setWordWrap(True)
            self.message_label.setToolTip(_tr("The 2D map and every other view work as usual."))
            layout.addWidget(self.message_label)
            return
        self.message_label = None
        # The GL widget is made when the view is first shown: a QOpenGLWidget anywhere in a window makes Qt
        # compose the whole window through OpenGL on every repaint, which a user who never opens 3D should not pay.
        self._layout = layout
        state.landscapeChanged.connect(self._on_surface_inputs)
        state.viewChanged.connect(self._on_surface_inputs)
        state.displayChanged.connect(self._on_surface_inputs)
        state.runsChanged.connect(self._on_runs)
        state.selectionChanged.connect(self._on_runs)
        state.frameChanged.connect(self._on_frame)

    # ----- building -----------------------------------------------------------------------
    def _build(self, layout: QVBoxLayout) -> None:
        import pyqtgraph.opengl as gl_items
        bar = QHBoxLayout()
        bar.setContentsMargins(6, 4, 6, 0)
        self.hint = QLabel(_tr("Drag to rotate · wheel to zoom · middle-drag or Ctrl+drag to pan"), self)
        self.hint.setStyleSheet("color: #9a9a9a;")
        self.reset_button = QPushButton(_tr("Reset &camera"), self)
        self.reset_button.setToolTip(_tr("Look at the whole surface from the default angle (C)"))
        self.reset_button.clicked.connect(self.reset_camera)
        bar.addWidget(self.hint, 1)
        bar.addWidget(self.reset_button)
        layout.addLayout(bar)

        self.gl = gl_items.GLViewWidget(self)
        self.gl.setBackgroundColor(BACKGROUND)
        self.gl.setToolTip(_tr("3D landscape: height and colour show f (log10 on a log scale); "
                               "the runs move on the surface in step with the 2D map"))
        self.gl.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.gl.installEventFilter(self)
        self.gl.hide()  # shown once its surface is set (an empty surface item cannot paint)
        layout.addWidget(self.gl, 1)

        grid = gl_items.GLGridItem(color=(255, 255, 255, 40))
        grid.setSize(2, 2, 0)
        grid.setSpacing(0.25, 0.25, 0)
        self.gl.addItem(grid)
        self.axes = gl_items.GLAxisItem()
        self.axes.setSize(1.15, 1.15, HEIGHT * 1.15)
        self.axes.translate(-1, -1, 0)
        self.gl.addItem(self.axes)
        self.axis_labels = []
        self.tick_items = []
        for text, pos in (("x", (0.1, -1.32, 0.0)), ("y", (-1.36, 0.1, 0.0)), ("f", (-1.0, -1.0, HEIGHT * 1.2))):
            label = gl_items.GLTextItem(pos=pos, text=text, color=(220, 220, 220, 255))
            label.setDepthValue(10)  # painted by QPainter without depth: last, or the surface covers it
            self.gl.addItem(label)
            self.axis_labels.append(label)
        self.surface_item = gl_items.GLSurfacePlotItem(computeNormals=True, smooth=True,
                                                       shader=_soft_shader(), glOptions="opaque")
        self.gl.addItem(self.surface_item)
        self.reset_camera()

    def reset_camera(self) -> None:
        if self.gl is None:
            return
        self.gl.opts["fov"] = 60
        self.gl.setCameraPosition(pos=pg.Vector(*CAMERA_CENTER), **CAMERA)

    def eventFilter(self, obj, ev) -> bool:
        # C resets the camera while the GL widget has focus. pyqtgraph's GLViewWidget accepts every key it is
        # sent, so keys never reach us; a filter (not a QShortcut) also cannot clash with the window's shortcuts
        if (obj is self.gl and ev.type() == QEvent.Type.KeyPress and ev.key() == Qt.Key.Key_C
                and not ev.modifiers()):
            self.reset_camera()
            return True
        return super().eventFilter(obj, ev)

    def showEvent(self, ev: QShowEvent) -> None:
        super().showEvent(ev)
        if self.available and self.gl is None and not self._building:
            # the first GL widget in a window makes Qt re-create the window, which shows this view again
            self._building = True
            try:
                self._build(self._layout)
                self._on_surface_inputs()
            finally:
                self._building = False
            self.gl.show()
        elif self._stale and self.gl is not None:
            self._on_surface_inputs()

    # ----- state -> view ------------------------------------------------------------------
    def _on_surface_inputs(self) -> None:
        """Re-sample when the function, view or scale changed; re-colour when only the colour map did.

        A hidden view (a tab in the background) waits until it is shown.
        """
        if self.gl is None or (not self.isVisible() and self.result is not None):
            self._stale = True
            return
        self._stale = False
        s = self.state
        from app.model.axes import axis_names
        names = axis_names(s.landscape)  # x, y, f, or α, β, L for a network slice
        for label, text in zip(self.axis_labels, (names.x, names.y, names.value)):
            label.setData(text=text)
        key = (s.function, s.view, s.display.log_scale)
        if key != self._key:
            try:
                self.result = compute(SurfaceRequest(s.function, s.view, RESOLUTION, s.display.log_scale, 0))
            except Exception as exc:  # a landscape the engine cannot sample must not take the window down
                self._key = None
                self.state.message.emit(_tr("3D view: could not sample {title}: {error}").format(
                    title=s.function.title, error=exc))
                return
            self._key = key
            r = self.result
            lo, hi = r.levels
            if s.display.log_scale:
                lo = max(lo, hi - LOG_HEIGHT_DECADES)
            self.mapping = BoxMapping(s.view, (lo, hi), r.log_offset if s.display.log_scale else None)
            bx, by = self.mapping.xy(r.surface.x, r.surface.y)
            z = self.mapping.z_of_colour(r.colour).T  # pyqtgraph wants [x, y]; the engine gives [y, x]
            self.surface_item.setData(x=bx, y=by, z=np.nan_to_num(z, nan=HEIGHT, posinf=HEIGHT, neginf=0.0))
            self._show_ticks(axis_ticks(self.mapping, r.f_range[0]))
            self._on_runs()
        self._colour_surface()

    def _show_ticks(self, ticks) -> None:
        """Tick values along the box's edges (created afresh: their number changes with the view)."""
        import pyqtgraph.opengl as gl_items
        for item in self.tick_items:
            self.gl.removeItem(item)
        self.tick_items = []
        for pos, text in ticks:
            item = gl_items.GLTextItem(pos=pos, text=text, color=(170, 170, 170, 255))
            item.setDepthValue(10)
            self.gl.addItem(item)
            self.tick_items.append(item)

    def _colour_surface(self) -> None:
        if self.result is None:
            return
        name = self.state.display.colormap
        cmap = pg.colormap.get(name if name in scene_mod.COLORMAPS else "viridis")
        lo, hi = self.result.levels  # the 2D map's colour levels
        norm = ((self.result.colour - lo) / (hi - lo)).T
        finite = np.isfinite(norm)
        rgba = np.empty(norm.shape + (4,), np.float32)
        rgba[finite] = cmap.map(np.clip(norm[finite], 0.0, 1.0), mode="float")
        rgba[~finite] = NONFINITE_RGBA
        self.surface_item.setData(colors=rgba.reshape(-1, 4))
        self.surface_item.meshDataChanged()  # setData(colors=) alone does not re-upload an existing mesh

    def _on_runs(self) -> None:
        if self.gl is None:
            return  # built at the first show, with every run
        ids = {r.id for r in self.state.runs}
        for run_id in [i for i in self.run_items if i not in ids]:
            self.run_items.pop(run_id).remove(self.gl)
        for run in self.state.runs:
            items = self.run_items.get(run.id)
            if items is None:
                items = self.run_items[run.id] = _RunItems(self.gl)
            items.set_run(run, self.mapping, run.id in self.state.selected)
        self._on_frame(self.state.frame)

    def _on_frame(self, t: int) -> None:
        """Show iteration ``t`` of every run: slices of precomputed arrays only."""
        for items in self.run_items.values():
            items.show_frame(t)
