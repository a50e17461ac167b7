"""Layout checks over a live widget tree, for the screenshot tests: text that does not fit
the widget showing it (buttons, tabs, header sections, labels, check boxes, combo boxes),
and windows larger than the screen."""

from __future__ import annotations

from app.gui.qt import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QFontMetrics,
    QHeaderView,
    QLabel,
    QPushButton,
    QRadioButton,
    QRect,
    QSize,
    QStyle,
    QStyleOptionComboBox,
    Qt,
    QTabBar,
    QToolButton,
    QWidget,
)
from app.gui.screen_fit import FRAME

SLACK = 1  # pixels: rounding in text measurement


def plain(text: str) -> str:
    """``text`` as drawn: mnemonic ampersands removed (a doubled one is a literal "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def shown(widget: QWidget, root: QWidget) -> bool:
    """On screen inside ``root``: visible, of some size, not scrolled wholly out of view."""
    return (widget.isVisibleTo(root) and widget.width() > 0 and widget.height() > 0
            and not widget.visibleRegion().isEmpty())


def _name(widget: QWidget) -> str:
    return f"{type(widget).__name__}({widget.objectName() or '-'})"


def _looks_rich(text: str) -> bool:
    """What Qt's AutoText takes for rich text (a tag in the first line)."""
    first = text.split("\n", 1)[0]
    return "<" in first and ">" in first


def _label_problem(label: QLabel) -> str | None:
    text = label.text()
    if not text or label.wordWrap() or (label.pixmap() is not None and not label.pixmap().isNull()):
        return None
    if label.textFormat() == Qt.TextFormat.RichText or (
            label.textFormat() == Qt.TextFormat.AutoText and _looks_rich(text)):
        needed = label.sizeHint().width()
        room = label.width()
    else:
        lines = plain(text) if label.buddy() is not None else text
        metrics = QFontMetrics(label.font())
        needed = max(metrics.horizontalAdvance(line) for line in lines.split("\n"))
        room = label.contentsRect().width() - 2 * label.margin() - label.indent() * (
            label.indent() > 0)
    if needed > room + SLACK:
        return f"{_name(label)} {text!r}: text {needed} px in {room} px"
    return None


def _button_problem(button: QAbstractButton) -> str | None:
    if not button.text():
        return None
    needed = button.sizeHint().width()
    if isinstance(button, QPushButton | QCheckBox | QRadioButton | QToolButton) and (
            needed > button.width() + SLACK):
        return f"{_name(button)} {button.text()!r}: needs {needed} px, has {button.width()} px"
    return None


def _combo_problem(combo: QComboBox) -> str | None:
    text = combo.currentText()
    if not text or combo.isEditable():
        return None
    option = QStyleOptionComboBox()
    combo.initStyleOption(option)
    width = QFontMetrics(combo.font()).horizontalAdvance(text)
    if not combo.itemIcon(combo.currentIndex()).isNull():
        width += combo.iconSize().width() + 4
    needed = combo.style().sizeFromContents(
        QStyle.ContentsType.CT_ComboBox, option, QSize(width, combo.height()), combo).width()
    if needed > combo.width() + SLACK:
        return f"{_name(combo)} {text!r}: needs {needed} px, has {combo.width()} px"
    return None


def _tab_problems(bar: QTabBar) -> list[str]:
    problems = []
    metrics = QFontMetrics(bar.font())
    space = bar.style().pixelMetric(QStyle.PixelMetric.PM_TabBarTabHSpace, None, bar)
    for index in range(bar.count()):
        if not bar.isTabVisible(index):
            continue
        rect = bar.tabRect(index)
        text = plain(bar.tabText(index))
        needed = metrics.horizontalAdvance(text) + space
        if not bar.tabIcon(index).isNull():
            needed += bar.iconSize().width() + 4
        if needed > rect.width() + SLACK:
            problems.append(f"tab {text!r}: needs {needed} px, has {rect.width()} px")
        if not bar.rect().contains(rect):
            problems.append(f"tab {text!r} is outside its tab bar ({rect} in {bar.rect()})")
    return problems


def _header_problems(header: QHeaderView) -> list[str]:
    problems = []
    model = header.model()
    if model is None or header.orientation() != Qt.Orientation.Horizontal:
        return problems
    font = header.font()
    font.setBold(True)  # Fusion draws a section in bold when its column is selected
    metrics = QFontMetrics(font)
    margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
    for section in range(header.count()):
        if header.isSectionHidden(section):
            continue
        text = str(model.headerData(section, Qt.Orientation.Horizontal) or "")
        if not text:
            continue
        needed = metrics.horizontalAdvance(text) + 2 * margin
        if header.isSortIndicatorShown() and header.sortIndicatorSection() == section:
            needed += header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header)
        size = header.sectionSize(section)
        if needed > size + SLACK:
            problems.append(f"{_name(header.parentWidget() or header)} column {text!r}: "
                            f"needs {needed} px, has {size} px")
    return problems


def clipped_text(root: QWidget) -> list[str]:
    """Every widget shown in ``root`` (itself included) whose text does not fit it."""
    problems: list[str] = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not shown(widget, root):
            continue
        problem: str | None = None
        if isinstance(widget, QLabel):
            problem = _label_problem(widget)
        elif isinstance(widget, QAbstractButton):
            problem = _button_problem(widget)
        elif isinstance(widget, QComboBox):
            problem = _combo_problem(widget)
        elif isinstance(widget, QTabBar):
            problems += _tab_problems(widget)
        elif isinstance(widget, QHeaderView):
            problems += _header_problems(widget)
        if problem is not None:
            problems.append(problem)
    return problems


def oversized(window: QWidget, screen: QRect, frame: QSize = FRAME) -> str | None:
    """What is wrong when ``window`` (with a window manager's ``frame``) or the least it can
    shrink to does not fit ``screen``; None when it fits."""
    limit = QSize(screen.width() - frame.width(), screen.height() - frame.height())
    for what, size in (("size", window.size()), ("minimum size", window.minimumSizeHint()),
                       ("minimum", window.minimumSize())):
        if size.width() > limit.width() or size.height() > limit.height():
            return f"{_name(window)} {what} {size.width()}x{size.height()} > {limit.width()}x{limit.height()}"
    return None
