"""Descent Lab\x27s Qt GUI (PySide6 + pyqtgraph). Depends on engine; engine never imports it."""
