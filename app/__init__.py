"""Descent Lab's Qt GUI (PySide6 + pyqtgraph). Depends on engine; the engine never imports it."""
