"""The bundled fonts, so text renders the same on every machine: Noto Sans and Noto Sans
Arabic for the interface, DejaVu Sans Mono for code, diffs and logs (chosen by family, so
the machine's fontconfig never decides which monospace face a pane gets)."""

from __future__ import annotations

import logging

from app.gui.qt import QApplication, QFont, QFontDatabase
from app.paths import resources_dir

log = logging.getLogger(__name__)

# Latin first, then Arabic: Qt falls back along this list glyph by glyph.
FAMILIES = ("Noto Sans", "Noto Sans Arabic")
# In Arabic the Arabic face comes first. A widget sizes its text box by the metrics of its
# first family; Noto Sans Arabic reaches further above and below the line than Noto Sans
# (the dots under ج and ب), so with Latin first line edits and combo boxes cut them off:
# «جديدة» read «حديدة». The Arabic face has no Latin letters: those still come from Noto Sans.
ARABIC_FIRST = ("Noto Sans Arabic", "Noto Sans")
MONOSPACE_FAMILY = "DejaVu Sans Mono"
_registered: list[str] | None = None


def register_bundled_fonts() -> list[str]:
    """Add every .ttf under resources/fonts to Qt's font database (once per process)."""
    global _registered
    if _registered is None:
        families: set[str] = set()
        for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id < 0:
                log.warning("could not load bundled font %s", path.name)
                continue
            families.update(QFontDatabase.applicationFontFamilies(font_id))
        _registered = sorted(families)
    return list(_registered)


def apply_console_font(app: QApplication, language: str = "en") -> QFont:
    """Make the bundled families the application font, keeping the platform's size; the
    Arabic face leads when the console speaks Arabic."""
    available = set(register_bundled_fonts())
    font = QFont(app.font())
    order = ARABIC_FIRST if language == "ar" else FAMILIES
    families = [f for f in order if f in available]
    if families:
        font.setFamilies(families)
        app.setFont(font)
    return font


def monospace_font(point_size: float | None = None) -> QFont:
    """The bundled monospace face; Arabic inside code falls back to the interface's fonts."""
    register_bundled_fonts()
    font = QFont()
    font.setFamilies([MONOSPACE_FAMILY, *FAMILIES])
    font.setStyleHint(QFont.StyleHint.TypeWriter)
    font.setFixedPitch(True)
    if point_size:
        font.setPointSizeF(point_size)
    return font
