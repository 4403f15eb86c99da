"""A run of the model: the scene's description of one descent plus the trajectory the engine computed for it."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine import scene
from engine.scene import OptimizerSettings

from .i18n import translate


@dataclass(eq=False)
class Run:
    """One descent: its settings, its start, its colour and the engine's trajectory (K = 1).

    ``trajectory`` is None while it is being computed (``pending``) or when the engine refused the settings (``error``
    says why, in words for the user). ``version`` counts the requests made for this run: a result computed for an
    older version is dropped.
    """

    id: int
    settings: OptimizerSettings
    start: tuple[float, float]
    color: str
    trajectory: Any = None
    error: str | None = None
    pending: bool = False
    version: int = 0
    group: int = 0  # runs started by one click in compare mode share a group (the first run's id): they move together
    preview: bool = False  # the trajectory is a short preview (the start is being dragged); the whole run follows

    @property
    def last_row(self) -> int:
        """Index of the run's last valid row (where it converged, diverged or ran out of steps); -1 if none."""
        return -1 if self.trajectory is None else int(self.trajectory.stopped_at[0])

    def row_at(self, frame: int) -> int:
        """The trajectory row shown at iteration ``frame``: a stopped run keeps showing its last valid row."""
        return int(min(max(frame, 0), self.last_row))

    @property
    def label(self) -> str:
        """"Adam η=0.01": the optimizer's title in the user's language and the learning rate."""
        from engine.optimizers import OPTIMIZERS
        cls = OPTIMIZERS.get(self.settings.name)
        title = translate("engine", cls.title) if cls else self.settings.name
        return f"{title} η={self.settings.lr:g}"

    def to_scene(self) -> scene.Run:
        s = self.settings
        return scene.Run(s.name, float(s.lr), (float(self.start[0]), float(self.start[1])),
                         {k: float(v) for k, v in s.hyper.items()}, int(s.steps), self.color)

    @staticmethod
    def settings_of(spec: scene.Run) -> OptimizerSettings:
        return OptimizerSettings(spec.optimizer, spec.lr, dict(spec.hyper), spec.steps)
