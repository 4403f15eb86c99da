"""The landscape part of :class:`app.model.AppState`: showing a built landscape (runs cleared, or kept and recomputed
on it), building one through the compute object (a network slice trains off the caller's thread), and undoing the
last change."""
from __future__ import annotations

from dataclasses import replace
from typing import Callable

import numpy as np

from engine import scene as scene_mod
from engine.functions import TestFunction
from engine.scene import FunctionLandscape, Landscape, NetworkLandscape, SceneError
from engine.scene.landscapes import check_network_work

from .i18n import translate
from .landscapes import NetworkBuild, build_function, build_network, key_of


def tr(text: str) -> str:
    return translate("AppState", text)


class LandscapeMixin:
    """Landscape methods of AppState (its attributes and signals are defined there)."""

    @property
    def landscape_source(self) -> dict:
        """The landscape as its scene JSON object."""
        return self.landscape.to_dict()

    def set_landscape(self, function: TestFunction, source: dict | Landscape | None = None, view=None,
                      network: NetworkBuild | None = None, keep_runs: bool = False) -> None:
        """Show a built ``function`` (described by ``source``). Runs are cleared, or with ``keep_runs`` (the user
        picked another landscape) the runs that start inside the new view are recomputed on it and the others are
        dropped; either way :meth:`undo_landscape` brings the previous landscape and its runs back."""
        if self.building is not None:  # a landscape still being built would replace this one when it arrives
            self.compute.cancel("landscape")
            self._build_finished()
        self.undo_scene = self.to_scene() if (self.runs or keep_runs) else None
        kept = list(self.runs) if keep_runs else []
        if source is None:
            source = FunctionLandscape(function.name)
        self.landscape = source if not isinstance(source, dict) else scene_mod.landscape_from_dict(dict(source))
        self.function = function
        if network is None and self.network is not None and key_of(self.network.landscape) == key_of(self.landscape):
            network = self.network  # the same slice shown again (e.g. with an instrumented function)
        self.network = network if isinstance(self.landscape, NetworkLandscape) else None
        self.view = checked_view(view or function.view)
        self.display = replace(self.display, log_scale=function.log_scale, equal_axes=shares_units(function))
        (x0, x1), (y0, y1) = self.view
        self.runs = [r for r in kept if x0 <= r.start[0] <= x1 and y0 <= r.start[1] <= y1]
        for run in self.runs:
            run.trajectory, run.error = None, None
        self.selected &= {r.id for r in self.runs}
        if not self.runs:
            self._next_id = 1
        self.frame = 0
        self.landscapeChanged.emit()
        self.viewChanged.emit()
        self.displayChanged.emit()
        self.runsChanged.emit()
        self.selectionChanged.emit()
        self.frameChanged.emit(0)
        if self.runs:
            self._compute(list(self.runs))
        if len(kept) > len(self.runs):
            self.message.emit(tr("{n} run(s) started outside the new view and were removed (Undo brings them back)")
                              .format(n=len(kept) - len(self.runs)))

    def undo_landscape(self) -> bool:
        """Show the landscape, view and runs from before the last landscape change; False when there is none."""
        scene, self.undo_scene = self.undo_scene, None
        if scene is None:
            return False
        self.apply_scene(scene)
        self.undo_scene = None
        return True

    def request_landscape(self, landscape: Landscape, view=None, then: Callable[[], None] | None = None,
                          failed: Callable[[str], None] | None = None, keep_runs: bool = False) -> bool:
        """Build ``landscape`` (a network slice through the compute object) and show it, then call ``then``. A failure
        keeps the current landscape and calls ``failed(message)`` (default: emits ``landscapeFailed``). False when it
        was refused at once (nothing started)."""
        report = failed or self.landscapeFailed.emit
        if not isinstance(landscape, NetworkLandscape):
            try:
                function = build_function(landscape, view)
            except SceneError as err:
                report(str(err))
                return False
            self.set_landscape(function, landscape, view, keep_runs=keep_runs)
            if then is not None:
                then()
            return True
        try:  # the scene loader's bound on the total work, for builds asked for in the app too
            check_network_work(landscape, self.resolution, [r.settings.steps for r in self.runs] if keep_runs else ())
        except SceneError as err:
            report(str(err).removeprefix("landscape: "))
            return False
        self.building = landscape
        self.busyChanged.emit(True)

        def work(job):
            said = [""]

            def say(text: str) -> None:
                said[0] = text
                job.progress(0.0, text)

            # the engine stops between training steps once the request is stale (a newer one, or Cancel)
            return build_network(landscape, progress=say, fraction=lambda f: job.progress(f, said[0]))

        def done(built: NetworkBuild) -> None:
            if self.building is not landscape:
                return  # another landscape was shown or requested meanwhile
            self._build_finished()
            if self.network is None or key_of(self.landscape) != key_of(landscape) or view is not None:
                self.set_landscape(built.function, landscape, view or built.plane.default_range, built,
                                   keep_runs=keep_runs)
            if then is not None:
                then()

        def refused(message: str) -> None:
            if self.building is not landscape:
                return
            self._build_finished()
            report(message)

        stage = [""]

        def on_progress(_fraction: float, text: str) -> None:
            if text and text != stage[0]:  # each stage once (the fractions go to the status bar's progress)
                stage[0] = text
                self.landscapeProgress.emit(text)

        self.compute.submit("landscape", work, done, refused, on_progress=on_progress)
        return True

    def cancel_landscape(self) -> bool:
        """Stop the network slice being built (its training stops at its next step); the shown landscape stays.
        False when nothing was being built."""
        if self.building is None:
            return False
        self.compute.cancel("landscape")
        self._build_finished()
        self.landscapeFailed.emit(tr("cancelled"))  # the Network panel: "Not built: cancelled. The previous … stays"
        return True

    def _build_finished(self) -> None:
        self.building = None
        self.busyChanged.emit(False)


def shares_units(function: TestFunction) -> bool:
    """Whether a landscape's axes are drawn to one scale by default: its x and y measure the same thing (every
    catalogue function, a network slice's α and β) unless its default view is so elongated (more than 4:1) that one
    scale would leave a thin strip."""
    (x0, x1), (y0, y1) = function.view
    ratio = (x1 - x0) / (y1 - y0) if y1 > y0 else 1.0
    return 0.25 <= ratio <= 4.0


def checked_view(view):
    """((x0, x1), (y0, y1)) as floats; ValueError unless finite with min < max on both axes."""
    (x0, x1), (y0, y1) = view
    vals = [float(v) for v in (x0, x1, y0, y1)]
    if not all(np.isfinite(vals)) or vals[0] >= vals[1] or vals[2] >= vals[3]:
        raise ValueError(tr("the view needs finite bounds with min < max on both axes"))
    return (vals[0], vals[1]), (vals[2], vals[3])
