"""Icons of the governance panes, drawn in the theme's text colour, and the pending badge."""

from __future__ import annotations

from app.gui.formatting import format_number
from app.gui.icons import svg_icon
from app.gui.qt import (
    QColor,
    QFont,
    QIcon,
    QPainter,
    QPen,
    QPixmap,
    QRectF,
    Qt,
)

INK = "#5b6472"
SIZES = (16, 20, 24, 32, 48)
BADGE_COLOUR = "#c5221f"

_OPEN = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none" '
         f'stroke="{INK}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">')
SVGS = {
    # a shield with a tick
    "approvals": _OPEN + '<path d="M12 3l7 3v5c0 4.5-3 8-7 10-4-2-7-5.5-7-10V6z"/>'
                         '<path d="M8.5 12l2.5 2.5 4.5-5"/></svg>',
    # a list whose entries are linked, like the chain of the log
    "audit": _OPEN + '<rect x="4" y="3" width="16" height="18" rx="2"/>'
                     '<path d="M8 8h8M8 12h8M8 16h5"/></svg>',
    # two people
    "users": _OPEN + '<circle cx="9" cy="8" r="3.2"/><path d="M3 20c0-3.3 2.7-6 6-6s6 2.7 6 6"/>'
                     '<circle cx="17" cy="9" r="2.5"/><path d="M16 14.2c2.8.2 5 2.6 5 5.8"/></svg>',
    # a document with a seal
    "constitution": _OPEN + '<path d="M6 3h9l4 4v14H6z"/><path d="M15 3v4h4"/>'
                            '<path d="M9 11h7M9 14h4"/><circle cx="15" cy="17.5" r="1.8"/></svg>',
}


def governance_icon(name: str, colour: QColor | None = None) -> QIcon:
    source = SVGS[name]
    if colour is not None:
        source = source.replace(INK, colour.name())
    return svg_icon(source, SIZES)


def badge_text(count: int) -> str:
    return format_number(count) if count < 100 else format_number(99) + "+"


def with_badge(base: QIcon, count: int, right_to_left: bool = False) -> QIcon:
    """``base`` with a red disc holding ``count`` in its upper corner (none for 0)."""
    if count <= 0:
        return base
    result = QIcon()
    text = badge_text(count)
    for size in SIZES:
        pixmap = base.pixmap(size, size)
        if pixmap.isNull():
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        diameter = size * 0.7
        width = max(diameter, diameter * 0.55 * len(text))
        x = 0.0 if right_to_left else size - width
        disc = QRectF(x, 0.0, width, diameter)
        painter.setPen(QPen(QColor("#ffffff"), max(size / 20, 1.0)))  # stands out on any row
        painter.setBrush(QColor(BADGE_COLOUR))
        painter.drawRoundedRect(disc, diameter / 2, diameter / 2)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(max(int(diameter * 0.72), 6))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(disc, int(Qt.AlignmentFlag.AlignCenter), text)
        painter.end()
        result.addPixmap(pixmap)
    return result
