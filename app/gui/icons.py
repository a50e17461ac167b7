"""Icons from resources/icons, drawn in the theme's text colour.

The SVGs are drawn in one grey (``INK``); :func:`icon` swaps it for the colour given, so
the same files read well on light and dark themes.
"""

from __future__ import annotations

from functools import cache

from app.gui.qt import QBuffer, QByteArray, QColor, QIcon, QImageReader, QPixmap, QSize
from app.paths import resources_dir

INK = "#5b6472"
SIZES = (16, 24, 32, 48, 64)


@cache
def _svg(name: str) -> str:
    path = resources_dir() / "icons" / f"{name}.svg"
    return path.read_text(encoding="utf-8") if path.exists() else ""


def icon(name: str, colour: QColor | None = None) -> QIcon:
    source = _svg(name)
    if not source:
        return QIcon()
    if colour is not None:
        source = source.replace(INK, colour.name())
    return svg_icon(source)


def svg_icon(source: str, sizes: tuple[int, ...] = SIZES) -> QIcon:
    """An icon with a pixmap of each size rendered from SVG text."""
    data = QByteArray(source.encode("utf-8"))
    result = QIcon()
    for size in sizes:
        buffer = QBuffer(data)
        reader = QImageReader(buffer, QByteArray(b"svg"))
        reader.setScaledSize(QSize(size, size))
        image = reader.read()
        if not image.isNull():
            result.addPixmap(QPixmap.fromImage(image))
    return result
