"""The Generate pane in the main window: its navigation entry (with its icon and Ctrl+5)
and its page."""

from __future__ import annotations

from typing import TYPE_CHECKING

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
)
from app.gui.session import WorkspaceSession

if TYPE_CHECKING:
    from app.gui.generate.pane import GeneratePane

SHORTCUT = "Ctrl+5"
# Code brackets over a cog's base line: a platform made from a blueprint.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M8 6l-5 6 5 6"/><path d="M16 6l5 6-5 6"/><path d="M13.5 4l-3 16"/></svg>"""


def generate_icon(colour: QColor) -> QIcon:
    return svg_icon(_ICON.format(colour=colour.name()), (16, 24, 32, 48))


class GenerateSection(QObject):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else navigation)
        self.navigation = navigation
        self.page = LazyPane(lambda: _generate_pane(session))
        row = navigation.count()  # the navigation row shows the stack page of that index
        stack.insertWidget(row, self.page)
        self.item = QListWidgetItem(navigation)
        self.show_action = QAction(navigation)
        self.show_action.setShortcut(QKeySequence(SHORTCUT))
        self.show_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.show_action.triggered.connect(self.show_pane)
        navigation.addAction(self.show_action)
        navigation.installEventFilter(self)
        self.retranslate()

    @property
    def pane(self) -> GeneratePane:
        """The Generate pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]

    @property
    def row(self) -> int:
        return self.navigation.row(self.item)

    def show_pane(self) -> None:
        self.navigation.setCurrentRow(self.row)
        self.page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def retranslate(self) -> None:
        title = self.tr("Generate")
        self.item.setText(title)
        self.item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self.item.setToolTip(fill(self.tr("Generate and run platforms (%1)"), QKeySequence(
            SHORTCUT).toString(QKeySequence.SequenceFormat.NativeText)))
        self.show_action.setText(self.tr("&Generate"))
        colour = self.navigation.palette().color(QPalette.ColorRole.WindowText)
        self.item.setIcon(generate_icon(colour))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.navigation and event.type() in (
                QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()
        return False

    def shutdown(self) -> None:
        self.navigation.removeEventFilter(self)
        self.page.shutdown()


def _generate_pane(session: WorkspaceSession) -> GeneratePane:
    from app.gui.generate.pane import GeneratePane

    return GeneratePane(session)
