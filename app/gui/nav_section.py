"""A pane's place in the main window: its navigation entry (title, icon drawn in the theme's
text colour, tool tip naming the shortcut), the View menu action with that shortcut, and
its page, built on the first visit (:class:`LazyPane`). The Assistant, Generate and Deploy
sections are one of these each; they say only their texts, icon, shortcut and pane."""

from __future__ import annotations

from collections.abc import Callable

from app.gui.formatting import fill
from app.gui.icons import svg_icon
from app.gui.lazy_pane import LazyPane
from app.gui.qt import (
    QAction,
    QColor,
    QEvent,
    QIcon,
    QKeySequence,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPalette,
    QStackedWidget,
    Qt,
    QWidget,
)

# The entry's title, its tool tip (``%1`` is the shortcut) and the View menu action's text,
# in the console's language.
Texts = Callable[[], tuple[str, str, str]]


def svg_line_icon(svg: str, colour: QColor) -> QIcon:
    """A line icon (``{colour}`` in its SVG) in ``colour``, at the navigation's sizes."""
    return svg_icon(svg.format(colour=colour.name()), (16, 24, 32, 48))


class NavigationSection(QObject):
    def __init__(self, navigation: QListWidget, stack: QStackedWidget,
                 build: Callable[[], QWidget], texts: Texts, icon_svg: str, shortcut: str,
                 parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else navigation)
        self.navigation = navigation
        self._texts = texts
        self._icon_svg = icon_svg
        self.shortcut = shortcut
        self.page = LazyPane(build)
        row = navigation.count()  # the navigation row shows the stack page of that index
        stack.insertWidget(row, self.page)
        self.item = QListWidgetItem(navigation)
        self.show_action = QAction(navigation)
        self.show_action.setShortcut(QKeySequence(shortcut))
        self.show_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.show_action.triggered.connect(self.show_pane)
        navigation.addAction(self.show_action)
        navigation.installEventFilter(self)
        self.retranslate()

    @property
    def row(self) -> int:
        return self.navigation.row(self.item)

    def show_pane(self) -> None:
        self.navigation.setCurrentRow(self.row)
        self.page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def retranslate(self) -> None:
        title, tooltip, action = self._texts()
        self.item.setText(title)
        self.item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self.item.setToolTip(fill(tooltip, QKeySequence(self.shortcut).toString(
            QKeySequence.SequenceFormat.NativeText)))
        self.show_action.setText(action)
        colour = self.navigation.palette().color(QPalette.ColorRole.WindowText)
        self.item.setIcon(svg_line_icon(self._icon_svg, colour))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.navigation and event.type() in (
                QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()
        return False

    def shutdown(self) -> None:
        self.navigation.removeEventFilter(self)
        self.page.shutdown()
