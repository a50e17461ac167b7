"""Status colours from the theme's accents, for labels the stylesheet does not name."""

from __future__ import annotations

from app.gui.qt import QLabel, QPalette
from app.gui.theme import accent

ACCENTS = {"ok": "ok", "error": "error", "waiting": "warning", "info": "info"}


def tint(label: QLabel, kind: str) -> None:
    """Colour ``label`` for ``kind`` (ok, error, waiting, info) in the current theme."""
    label.setProperty("kind", kind)
    window = label.window().palette().color(QPalette.ColorRole.Window)
    scheme = "dark" if window.lightness() < 128 else "light"
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, accent(scheme, ACCENTS.get(kind, "info")))
    label.setPalette(palette)
