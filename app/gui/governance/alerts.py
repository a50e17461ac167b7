"""Telling the owner a request arrived: a system-tray notification, or, where the desktop
has no system tray, a notice inside the window."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from app.gui.formatting import fill
from app.gui.icons import icon
from app.gui.qt import QCoreApplication, QIcon, QObject, QSystemTrayIcon, Signal

if TYPE_CHECKING:
    from app.services.approvals import ApprovalRequest

translate = QCoreApplication.translate
MESSAGE_MS = 15_000


def arrival_title() -> str:
    return translate("Governance", "Approval needed")


def arrival_text(request: ApprovalRequest) -> str:
    from app.gui.governance.texts import describe_action  # loads the services: not at start-up

    return fill(translate("Governance", "%1 asks for approval: %2"), request.requester,
                describe_action(request))


class ApprovalAlerts(QObject):
    notice = Signal(object)  # no system tray: a callable rendering the in-window notice
    open_requested = Signal()  # the owner clicked the notification or the tray icon

    def __init__(self, parent: QObject | None = None,
                 tray_available: Callable[[], bool] | None = None,
                 tray_factory: Callable[[QIcon, QObject], QSystemTrayIcon] = QSystemTrayIcon) -> None:
        super().__init__(parent)
        self._tray_available = tray_available or QSystemTrayIcon.isSystemTrayAvailable
        self._tray_factory = tray_factory
        self.tray: QSystemTrayIcon | None = None
        self.pending = 0
        self.shown: list[tuple[str, str]] = []  # (title, text) of notifications shown

    def tray_ready(self) -> bool:
        if self.tray is not None:
            return True
        if not self._tray_available():
            return False
        tray = self._tray_factory(icon("webnova"), self)
        tray.messageClicked.connect(self.open_requested)
        tray.activated.connect(lambda _reason: self.open_requested.emit())
        self.tray = tray
        self._update_tooltip()
        tray.show()
        return True

    def announce(self, request: ApprovalRequest) -> None:
        """A new request waits for a decision."""
        if self.tray_ready() and QSystemTrayIcon.supportsMessages():
            assert self.tray is not None
            title, text = arrival_title(), arrival_text(request)
            self.tray.showMessage(title, text, QSystemTrayIcon.MessageIcon.Information, MESSAGE_MS)
            self.shown.append((title, text))
            return
        self.notice.emit(lambda: f"{arrival_title()}: {arrival_text(request)}")

    def set_pending(self, count: int) -> None:
        self.pending = count
        self._update_tooltip()

    def _update_tooltip(self) -> None:
        if self.tray is None:
            return
        pending = self.pending
        if pending:
            self.tray.setToolTip(self.tr("WebNova Console: %Ln approvals pending", "", pending))
        else:
            self.tray.setToolTip(translate("Governance", "WebNova Console"))

    def retranslate(self) -> None:
        self._update_tooltip()

    def shutdown(self) -> None:
        if self.tray is not None:
            self.tray.hide()
            self.tray.deleteLater()
            self.tray = None
