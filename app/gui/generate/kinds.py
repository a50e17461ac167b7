"""Change kinds drawn: a coloured mark per kind (an icon, never colour alone) and the
legend that names them with their counts."""

from __future__ import annotations

from functools import cache

from app.domain.codegen.merge import ChangeKind
from app.gui.formatting import fill, format_number
from app.gui.generate.texts import KIND_COLOURS, KIND_MARKS, KIND_ORDER, kind_meaning, kind_name
from app.gui.qt import (
    QColor,
    QFont,
    QHBoxLayout,
    QIcon,
    QLabel,
    QPainter,
    QPalette,
    QPixmap,
    QRectF,
    Qt,
    QWidget,
)

SIZES = (16, 20, 24, 32)


def scheme_of(widget: QWidget) -> str:
    window = widget.palette().color(QPalette.ColorRole.Window)
    return "dark" if window.lightness() < 128 else "light"


def kind_colour(kind: ChangeKind, scheme: str) -> QColor:
    light, dark = KIND_COLOURS[kind]
    return QColor(dark if scheme == "dark" else light)


@cache
def _kind_icon(mark: str, colour: str) -> QIcon:
    result = QIcon()
    for size in SIZES:
        pixmap = QPixmap(size, size)
        pixmap.fill(Qt.GlobalColor.transparent)
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(colour))
        box = QRectF(1, 1, size - 2, size - 2)
        painter.drawRoundedRect(box, size * 0.22, size * 0.22)
        font = QFont()
        font.setBold(True)
        font.setPixelSize(int(size * 0.7))
        painter.setFont(font)
        painter.setPen(QColor("#ffffff"))
        painter.drawText(box, int(Qt.AlignmentFlag.AlignCenter), mark)
        painter.end()
        result.addPixmap(pixmap)
    return result


def kind_icon(kind: ChangeKind, colour: QColor) -> QIcon:
    return _kind_icon(KIND_MARKS[kind], colour.name())


class ChangeKindLegend(QWidget):
    """Each change kind with its mark, its name and how many files have it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kindLegend")
        self.counts: dict[str, int] = {}
        self.icons: dict[ChangeKind, QLabel] = {}
        self.labels: dict[ChangeKind, QLabel] = {}
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for kind in KIND_ORDER:
            icon = QLabel(self)
            label = QLabel(self)
            label.setTextFormat(Qt.TextFormat.PlainText)
            self.icons[kind] = icon
            self.labels[kind] = label
            row.addWidget(icon)
            row.addWidget(label)
            row.addSpacing(10)
        row.addStretch(1)
        self.retranslate()

    def set_counts(self, counts: dict[str, int]) -> None:
        self.counts = dict(counts)
        self.retranslate()

    def retranslate(self) -> None:
        scheme = scheme_of(self)
        for kind in KIND_ORDER:
            colour = kind_colour(kind, scheme)
            self.icons[kind].setPixmap(kind_icon(kind, colour).pixmap(16, 16))
            name = kind_name(kind)
            label = self.labels[kind]
            if kind.value in self.counts:
                label.setText(fill("%1: %2", name, format_number(self.counts[kind.value])))
            else:
                label.setText(name)
            label.setToolTip(kind_meaning(kind))
            self.icons[kind].setToolTip(kind_meaning(kind))
        self.setAccessibleName(self.tr("Change kinds"))
