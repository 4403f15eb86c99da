"""Export: animations (MP4 / GIF / APNG), images (PNG / SVG) and trajectory data (CSV / JSON).

- :mod:`.timeline`  output sizes and the iteration shown by each frame
- :mod:`.renderer`  :class:`FrameRenderer`, the window's views drawn offscreen at an exact size (Qt)
- :mod:`.encoders`  streaming writers: NumPy frames in, files out (PyAV, Pillow; no Qt)
- :mod:`.animation` :class:`AnimationExport`, a few frames per call, and :func:`export_animation`
- :mod:`.overlays`  title, legend, counter and update rule over the picture (:mod:`.overlay_paint` draws them)
- :mod:`.images`    PNG and SVG of one step (:mod:`.svg` writes the SVG from the views' numbers)
- :mod:`.data`      CSV / JSON of the trajectories (no Qt, no display)
- :mod:`.command`   the command line's dispatch by file suffix

The names below are importable from ``app.export``; each loads its module on first use, so importing the data
export never loads Qt.
"""
from __future__ import annotations

import importlib

_NAMES = {
    "timeline": ("MIN_SIDE", "MAX_SIDE", "MAX_FRAMES", "check_size", "parse_size", "frame_iterations"),
    "encoders": ("Cancelled", "EncoderError", "Progress", "open_writer"),
    "renderer": ("FrameRenderer", "PANELS", "LOSS_PANEL_SHARE"),
    "animation": ("AnimationExport", "ANIMATION_SUFFIXES", "export_animation", "finish_in_thread"),
    "images": ("IMAGE_SUFFIXES", "export_image", "resolve_step"),
    "overlays": ("NO_OVERLAYS", "Overlays"),
    "data": ("DATA_COLUMNS", "DATA_SUFFIXES", "RunData", "RunsData", "data_from_scene", "data_from_state",
             "export_data", "trajectory_rows"),
    "command": ("export_any", "needs_qt"),
}
_WHERE = {name: module for module, names in _NAMES.items() for name in names}
__all__ = sorted(_WHERE) + ["WriteError"]


def __getattr__(name: str):
    if name == "WriteError":
        from engine.atomic import WriteError
        return WriteError
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module 'app.export' has no attribute {name!r}")
    return getattr(importlib.import_module(f"app.export.{module}"), name)
