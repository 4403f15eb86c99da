"""The animation export dialog remembers what was chosen last (file, format, panels, size, frame rate, hold and the
overlays: title, legend, counter, update rule) in the
window's QSettings, so that a second export starts where the first one left off. Read values are checked against the
dialog's choices; anything unknown or out of range keeps the dialog's default."""
from __future__ import annotations

from PySide6.QtCore import QSettings

GROUP = "export_animation"


def remember_export_options(dialog, settings: QSettings) -> None:
    """Store the dialog's current choices (after the user pressed Export)."""
    settings.beginGroup(GROUP)
    try:
        settings.setValue("path", dialog.path.text().strip())
        settings.setValue("format", dialog.fmt())
        settings.setValue("panels", dialog.panels.currentData())
        settings.setValue("width", dialog.width_box.value())
        settings.setValue("height", dialog.height_box.value())
        settings.setValue("fps", dialog.fps.value())
        settings.setValue("hold", dialog.hold.value())
        for key, box in _overlay_boxes(dialog):
            settings.setValue(key, box.isChecked())
    finally:
        settings.endGroup()
    settings.sync()


def restore_export_options(dialog, settings: QSettings) -> None:
    """Put the remembered choices back into a new dialog."""
    settings.beginGroup(GROUP)
    try:
        values = {key: settings.value(key) for key in settings.childKeys()}
    finally:
        settings.endGroup()
    _choose(dialog.format, values.get("format"))
    _choose(dialog.panels, values.get("panels"))
    for box, key in ((dialog.width_box, "width"), (dialog.height_box, "height"), (dialog.fps, "fps")):
        number = _number(values.get(key), int)
        if number is not None and box.minimum() <= number <= box.maximum():
            box.setValue(number)
    size = (dialog.width_box.value(), dialog.height_box.value())
    presets = [tuple(dialog.preset.itemData(i) or ()) for i in range(dialog.preset.count())]
    dialog.preset.blockSignals(True)
    dialog.preset.setCurrentIndex(presets.index(size) if size in presets else 0)  # the matching preset, or "Custom"
    dialog.preset.blockSignals(False)
    hold = _number(values.get("hold"), float)
    if hold is not None and dialog.hold.minimum() <= hold <= dialog.hold.maximum():
        dialog.hold.setValue(hold)
    path = values.get("path")
    if isinstance(path, str) and path:
        dialog.path.setText(path)
    for key, box in _overlay_boxes(dialog):
        on = {"true": True, "false": False, True: True, False: False}.get(values.get(key))  # INI files give text
        if on is not None:
            box.setChecked(on)


def _overlay_boxes(dialog):
    o = dialog.overlay_options
    return (("overlay_title", o.title), ("overlay_legend", o.legend), ("overlay_counter", o.counter),
            ("overlay_rule", o.rule))


def _choose(combo, data) -> None:
    index = combo.findData(data) if isinstance(data, str) else -1
    if index >= 0:
        combo.setCurrentIndex(index)


def _number(value, kind):
    try:
        return kind(value)
    except (TypeError, ValueError):
        return None
