"""The Deploy pane in the main window: its navigation entry (after Generate, with its icon
and Ctrl+Shift+D — the digits are taken by the panes before and after it) and its page."""

from __future__ import annotations

from collections.abc import Callable
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
    from app.gui.deploy.pane import DeployPane

SHORTCUT = "Ctrl+Shift+D"
# A cloud with an arrow rising into it: a platform put on the owner's cloud.
_ICON = """<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" fill="none"
stroke="{colour}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">
<path d="M7 18h-.5a4.5 4.5 0 0 1-.6-8.96A6 6 0 0 1 17.6 8.5 4.5 4.5 0 0 1 17.5 18H17"/>
<path d="M12 21v-8"/><path d="M9 15.5l3-3 3 3"/></svg>"""


def deploy_icon(colour: QColor) -> QIcon:
    return svg_icon(_ICON.format(colour=colour.name()), (16, 24, 32, 48))


class DeploySection(QObject):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget,
                 stack: QStackedWidget, open_settings: Callable[[], None] | None = None,
                 open_approvals: Callable[[], None] | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else navigation)
        self.navigation = navigation
        self.page = LazyPane(lambda: _deploy_pane(session, open_settings, open_approvals))
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
    def pane(self) -> DeployPane:
        """The Deploy pane, built on first use."""
        return self.page.pane()  # type: ignore[return-value]

    @property
    def row(self) -> int:
        return self.navigation.row(self.item)

    def show_pane(self) -> None:
        self.navigation.setCurrentRow(self.row)
        self.page.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def retranslate(self) -> None:
        title = self.tr("Deploy")
        self.item.setText(title)
        self.item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
        self.item.setToolTip(fill(self.tr("Plan platform environments on your cloud (%1)"),
                                  QKeySequence(SHORTCUT).toString(
                                      QKeySequence.SequenceFormat.NativeText)))
        self.show_action.setText(self.tr("Dep&loy"))
        colour = self.navigation.palette().color(QPalette.ColorRole.WindowText)
        self.item.setIcon(deploy_icon(colour))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.navigation and event.type() in (
                QEvent.Type.LanguageChange, QEvent.Type.PaletteChange):
            self.retranslate()
        return False

    def shutdown(self) -> None:
        self.navigation.removeEventFilter(self)
        self.page.shutdown()


def _deploy_pane(session: WorkspaceSession, open_settings: Callable[[], None] | None,
                 open_approvals: Callable[[], None] | None) -> DeployPane:
    from app.gui.deploy.pane import DeployPane

    pane = DeployPane(session)
    if open_settings is not None:
        pane.open_settings.connect(open_settings)
    if open_approvals is not None:
        pane.open_approvals.connect(open_approvals)
    return pane
