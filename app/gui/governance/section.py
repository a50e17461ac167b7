"""The governance section of the main window: the Approvals, Audit Log, Users and
Constitution panes in its navigation, the number of pending requests as a badge on the
Approvals entry, and a notification when a new request arrives."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.domain.events import RecordedEvent
from app.gui.banner import MessageBanner
from app.gui.formatting import fill, format_number
from app.gui.governance.alerts import ApprovalAlerts
from app.gui.governance.approvals_watch import ApprovalsWatch
from app.gui.governance.budget_alerts import BudgetAlerts
from app.gui.governance.icons import governance_icon, with_badge
from app.gui.lazy_pane import LazyPane
from app.gui.qt import (
    QAction,
    QApplication,
    QEvent,
    QIcon,
    QKeySequence,
    QListWidget,
    QListWidgetItem,
    QObject,
    QPalette,
    QStackedWidget,
    QSystemTrayIcon,
    Qt,
    QWidget,
)
from app.gui.session import WorkspaceSession
from app.gui.store_feed import category

if TYPE_CHECKING:
    from app.gui.governance.approvals_pane import ApprovalsPane
    from app.gui.governance.audit_pane import AuditPane
    from app.gui.governance.constitution_pane import ConstitutionPane
    from app.gui.governance.users_pane import UsersPane
    from app.services.approvals import ApprovalRequest

ICONS = ("approvals", "audit", "users", "constitution")
SHORTCUTS = ("Ctrl+6", "Ctrl+7", "Ctrl+8", "Ctrl+9")


class GovernanceSection(QObject):
    def __init__(self, session: WorkspaceSession, navigation: QListWidget, stack: QStackedWidget,
                 banner: MessageBanner | None = None,
                 tray_available: Callable[[], bool] | None = None,
                 tray_factory: Callable[[QIcon, QObject], QSystemTrayIcon] = QSystemTrayIcon,
                 parent: QObject | None = None) -> None:
        super().__init__(parent if parent is not None else navigation)
        self.navigation = navigation
        self.stack = stack
        self.banner = banner
        self.watch = ApprovalsWatch(session, parent=self)
        # Each pane is built on its first visit; the badge and notifications need only the watch.
        self.pages: tuple[LazyPane, ...] = (
            LazyPane(lambda: _approvals_pane(session, self.watch)),
            LazyPane(lambda: _audit_pane(session)),
            LazyPane(lambda: _users_pane(session)),
            LazyPane(lambda: _constitution_pane(session)),
        )
        self.items: list[QListWidgetItem] = []
        self.show_actions: list[QAction] = []  # for the View menu; they work anywhere
        for pane, shortcut in zip(self.pages, SHORTCUTS, strict=True):
            row = navigation.count()  # the navigation row shows the stack page of that index
            stack.insertWidget(row, pane)
            item = QListWidgetItem(navigation)
            self.items.append(item)
            action = QAction(navigation)
            action.setShortcut(QKeySequence(shortcut))
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            action.triggered.connect(lambda _checked=False, i=item, p=pane: self._show(i, p))
            navigation.addAction(action)
            self.show_actions.append(action)
        self.alerts = ApprovalAlerts(self, tray_available, tray_factory)
        self.watch.pending_changed.connect(self._pending_changed)
        self.watch.arrived.connect(self._arrived)
        self.watch.changed.connect(self._withdraw_stale_notice)
        self.alerts.notice.connect(self._in_window_notice)
        # The in-window notice of an arrival, while it is shown: (request id, its text).
        self._notice: tuple[str, Callable[[], str]] | None = None
        self._arriving: str | None = None
        session.feed.recorded.connect(self._recorded)
        self.budget_alerts = BudgetAlerts(self.alerts, self)
        session.feed.recorded.connect(self.budget_alerts.recorded)
        self.alerts.open_requested.connect(self.show_approvals)
        navigation.installEventFilter(self)
        self.retranslate()

    @property
    def approvals(self) -> ApprovalsPane:
        return self.pages[0].pane()  # type: ignore[return-value]

    @property
    def audit(self) -> AuditPane:
        return self.pages[1].pane()  # type: ignore[return-value]

    @property
    def users(self) -> UsersPane:
        return self.pages[2].pane()  # type: ignore[return-value]

    @property
    def constitution(self) -> ConstitutionPane:
        return self.pages[3].pane()  # type: ignore[return-value]

    @property
    def panes(self) -> tuple[QWidget, ...]:
        """Every governance pane (building those not yet visited)."""
        return tuple(page.pane() for page in self.pages)

    @property
    def approvals_row(self) -> int:
        return self.navigation.row(self.items[0])

    def show_approvals(self) -> None:
        """From a notification: bring the window forward, on the Approvals pane."""
        window = self.navigation.window()
        window.showNormal()
        window.raise_()
        window.activateWindow()
        self._show(self.items[0], self.pages[0])

    def _show(self, item: QListWidgetItem, pane: QWidget) -> None:
        self.navigation.setCurrentItem(item)
        pane.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _arrived(self, request: ApprovalRequest) -> None:
        self._arriving = request.id
        try:
            self.alerts.announce(request)
        finally:
            self._arriving = None

    def _notice_banner(self) -> MessageBanner:
        return self.banner if self.banner is not None else self.approvals.banner

    def _in_window_notice(self, text: Callable[[], str]) -> None:
        self._notice_banner().show_message("info", text)
        self._notice = (self._arriving, text) if self._arriving is not None else None

    def _withdraw_stale_notice(self) -> None:
        """An arrival's notice goes once its request is decided, withdrawn or expired
        (here, in another console or from the CLI)."""
        from app.gui.governance.approval_flow import utcnow
        from app.services.approvals import ApprovalState

        if self._notice is None or not self.watch.loaded:
            return
        request_id, text = self._notice
        request = self.watch.find(request_id)
        if request is not None and request.state(utcnow()) is ApprovalState.PENDING:
            return
        self._notice = None
        banner = self._notice_banner()
        if banner.showing(text):
            banner.dismiss()

    def _recorded(self, events: tuple[RecordedEvent, ...]) -> None:
        if any(category(event.stream_id) == "approval" for event in events):
            self.watch.reload()

    def _pending_changed(self, count: int) -> None:
        self.alerts.set_pending(count)
        self._update_icons()
        self._update_texts()

    # ------------------------------------------------------------------ drawing
    def _titles(self) -> tuple[str, ...]:
        return (self.tr("Approvals"), self.tr("Audit Log"), self.tr("Users"), self.tr("Constitution"))

    def _update_texts(self) -> None:
        pending = self.watch.pending
        menu_texts = (self.tr("A&pprovals"), self.tr("Au&dit Log"), self.tr("&Users"),
                      self.tr("Co&nstitution"))
        for item, action, title, text in zip(self.items, self.show_actions, self._titles(),
                                             menu_texts, strict=True):
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            item.setText(title)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, title)
            item.setToolTip(fill(self.tr("Show %1 (%2)"), title, keys))
            action.setText(text)
        if pending:
            approvals = self.items[0]
            text = fill(self.tr("Approvals: %1 waiting for a decision"), format_number(pending))
            approvals.setData(Qt.ItemDataRole.AccessibleTextRole, text)
            approvals.setToolTip(text)

    def _update_icons(self) -> None:
        colour = self.navigation.palette().color(QPalette.ColorRole.WindowText)
        rtl = QApplication.layoutDirection() == Qt.LayoutDirection.RightToLeft
        for item, name in zip(self.items, ICONS, strict=True):
            base = governance_icon(name, colour)
            item.setIcon(with_badge(base, self.watch.pending, rtl) if name == "approvals" else base)

    def retranslate(self) -> None:
        self._update_texts()
        self._update_icons()
        self.alerts.retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.navigation and event.type() in (
                QEvent.Type.LanguageChange, QEvent.Type.PaletteChange,
                QEvent.Type.LayoutDirectionChange):
            self.retranslate()
        return False

    def shutdown(self) -> None:
        self.navigation.removeEventFilter(self)
        for page in self.pages:
            page.shutdown()
        self.watch.shutdown()
        self.alerts.shutdown()


def _approvals_pane(session: WorkspaceSession, watch: ApprovalsWatch) -> ApprovalsPane:
    from app.gui.governance.approvals_pane import ApprovalsPane

    return ApprovalsPane(session, watch)


def _audit_pane(session: WorkspaceSession) -> AuditPane:
    from app.gui.governance.audit_pane import AuditPane

    return AuditPane(session)


def _users_pane(session: WorkspaceSession) -> UsersPane:
    from app.gui.governance.users_pane import UsersPane

    return UsersPane(session)


def _constitution_pane(session: WorkspaceSession) -> ConstitutionPane:
    from app.gui.governance.constitution_pane import ConstitutionPane

    return ConstitutionPane(session)
