"""The application's model (Qt-free, evented with psygnal): the scene a window shows and the trajectories computed
for it. See :mod:`.state`. Nothing here imports Qt or pyqtgraph (an import-linter contract checks it)."""
from engine.scene import Display, OptimizerSettings

from .compute import Cancelled, Compute, ImmediateCompute, Job
from .i18n import set_translator, translate
from .landscapes import NetworkBuild, build_function, build_network, default_network
from .runs import Run
from .state import OPTIMIZER_NAMES, PALETTE, PREVIEW_STEPS, AppState, default_scene

__all__ = ["AppState", "Cancelled", "Compute", "Display", "ImmediateCompute", "Job", "NetworkBuild",
           "OPTIMIZER_NAMES", "OptimizerSettings", "PALETTE", "PREVIEW_STEPS", "Run", "build_function",
           "build_network", "default_network", "default_scene", "set_translator", "translate"]
