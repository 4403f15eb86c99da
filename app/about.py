"""Help ▸ About: the version of Descent Lab and of the libraries under it, selectable and copyable for bug reports."""
from __future__ import annotations

import html
import platform

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from app.version import library_versions



def _tr(text: str) -> str:
    return QCoreApplication.translate("AboutBox", text)


def versions_text(versions: dict[str, str] | None = None) -> str:
    """One ``name version`` line per component, and the operating system: what a bug report should carry."""
    versions = library_versions() if versions is None else versions
    return "\n".join([f"{name} {v}" for name, v in versions.items()] + [f"OS {platform.platform()}"])


def about_html(versions: dict[str, str] | None = None) -> str:
    versions = library_versions() if versions is None else versions
    rows = "".join(f"<tr><td>{html.escape(name)}</td><td>&nbsp;&nbsp;{html.escape(v)}</td></tr>"
                   for name, v in versions.items() if name != "Descent Lab")
    return (f"<h3>Descent Lab {html.escape(versions['Descent Lab'])}</h3>"
            + "<p>" + _tr("Watch gradient descent happen: pick a landscape, click a start point and follow each "
                          "optimizer downhill, step by step, with the gradient field and the update formula in view.")
            + "</p><table>" + rows + "</table><p>"
            + _tr("Contours by contourpy. MIT licence.") + "</p>")


def about_box(parent: QWidget | None) -> QMessageBox:
    """The About box; its text can be selected, and "Copy versions" puts :func:`versions_text` on the clipboard."""
    versions = library_versions()
    box = QMessageBox(parent)
    box.setWindowTitle(_tr("About Descent Lab"))
    box.setTextFormat(Qt.TextFormat.RichText)
    box.setText(about_html(versions))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    icon = QGuiApplication.windowIcon()
    if not icon.isNull():
        box.setIconPixmap(icon.pixmap(64, 64))
    box.copy_button = box.addButton(_tr("Copy versions"), QMessageBox.ButtonRole.ActionRole)
    box.copy_button.setToolTip(_tr("Copy the versions of Descent Lab, Python, Qt, PySide6, pyqtgraph and NumPy, "
                                   "for a bug report"))
    box.addButton(QMessageBox.StandardButton.Close)
    box.versions_text = versions_text(versions)
    return box


def show_about(parent: QWidget | None) -> None:
    """Show the About box (modal); copy the versions if the user asked for them."""
    box = about_box(parent)
    box.exec()
    if box.clickedButton() is box.copy_button:
        QGuiApplication.clipboard().setText(box.versions_text)
    box.deleteLater()
