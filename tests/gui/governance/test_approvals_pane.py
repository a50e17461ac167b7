"""The Approvals pane and the governance section around it: requests listed pending first,
the pending badge on the navigation entry, a tray notification (or an in-window notice
where there is no system tray) for a new request, and decisions made elsewhere picked up."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import pytest

from app.gui.banner import MessageBanner
from app.gui.formatting import strip_isolation
from app.gui.governance.approvals_model import ACTION, EXPIRES, REQUESTER, STATE, VOTES
from app.gui.governance.approvals_pane import ApprovalsPane
from app.gui.governance.section import GovernanceSection
from app.gui.qt import (
    QIcon,
    QListWidget,
    QObject,
    QStackedWidget,
    QSystemTrayIcon,
    Qt,
    QVBoxLayout,
    QWidget,
)
from app.gui.session import WorkspaceSession
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of


class RecordingTray(QSystemTrayIcon):
    """A tray icon that records what it was asked to show instead of asking the desktop."""

    messages: ClassVar[list[tuple[str, str]]] = []

    def show(self) -> None:
        self.shown = True

    def hide(self) -> None:
        self.shown = False

    def showMessage(self, title: str, text: str, *_args: Any) -> None:  # type: ignore[override]
        RecordingTray.messages.append((title, text))


def make_section(session: WorkspaceSession, qtbot: Any, tray: bool) -> Iterator[GovernanceSection]:
    frame = QWidget()
    navigation = QListWidget(frame)
    stack = QStackedWidget(frame)
    banner = MessageBanner(frame)
    layout = QVBoxLayout(frame)
    layout.addWidget(banner)
    layout.addWidget(navigation)
    layout.addWidget(stack)
    navigation.currentRowChanged.connect(stack.setCurrentIndex)
    RecordingTray.messages = []

    def factory(icon: QIcon, parent: QObject) -> QSystemTrayIcon:
        return RecordingTray(icon, parent)

    section = GovernanceSection(session, navigation, stack, banner,
                                tray_available=lambda: tray, tray_factory=factory)
    window = host(qtbot, frame, 900, 700)
    wait_until(qtbot, lambda: section.watch.loaded)
    yield section
    section.shutdown()
    window.close()


@pytest.fixture
def section(session: WorkspaceSession, qtbot: Any) -> Iterator[GovernanceSection]:
    yield from make_section(session, qtbot, tray=True)


@pytest.fixture
def trayless(session: WorkspaceSession, qtbot: Any) -> Iterator[GovernanceSection]:
    yield from make_section(session, qtbot, tray=False)


def test_lists_requests_pending_first(section: GovernanceSection, session: WorkspaceSession,
                                      qtbot: Any, qtmodeltester: Any) -> None:
    workspace = workspace_of(session)
    pane: ApprovalsPane = section.approvals
    assert pane.empty.isVisible()
    assert not pane.table.isVisible()
    decided = ban_request(workspace, target="vera")
    workspace.governance.decide_now(decided.id, "root", False, "not for this")
    waiting = ban_request(workspace, target="bob")
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.rowCount() == 2)

    model = pane.model
    assert model.request_at(0).id == waiting.id  # pending first
    assert model.index(0, STATE).data() == "Pending"
    assert strip_isolation(model.index(0, ACTION).data()) == "Ban user bob"
    assert model.index(0, REQUESTER).data() == "admin"
    assert model.index(0, EXPIRES).data() == "in 3 days"
    assert model.index(0, VOTES).data() == "0/1"
    assert model.index(1, STATE).data() == "Rejected"
    assert model.index(1, EXPIRES).data() == "—"
    assert model.index(1, VOTES).data() == "0/1"
    assert model.headerData(EXPIRES, Qt.Orientation.Horizontal) == "Expires"
    qtmodeltester.check(model)

    pane.show_filter.setCurrentIndex(1)  # pending only
    assert model.rowCount() == 1
    pane.show_filter.setCurrentIndex(0)
    assert model.rowCount() == 2


def test_badge_counts_pending_requests(section: GovernanceSection, session: WorkspaceSession,
                                       qtbot: Any) -> None:
    workspace = workspace_of(session)
    approvals_item = section.items[0]
    assert section.watch.pending == 0
    assert approvals_item.text() == "Approvals"
    plain = approvals_item.icon().pixmap(20, 20).toImage()

    first = ban_request(workspace, target="bob")
    section.watch.poll()  # the poll notices a request made without the GUI
    wait_until(qtbot, lambda: section.watch.pending == 1)
    assert approvals_item.data(Qt.ItemDataRole.AccessibleTextRole) == (
        "Approvals: \u20681\u2069 waiting for a decision")
    assert approvals_item.icon().pixmap(20, 20).toImage() != plain  # the badge is drawn
    ban_request(workspace, target="vera")
    section.watch.poll()
    wait_until(qtbot, lambda: section.watch.pending == 2)
    assert section.alerts.pending == 2

    # Decided elsewhere (as the CLI would): the periodic poll brings the count down.
    workspace.governance.decide_now(first.id, "root", True, "agreed")
    section.watch.poll()
    wait_until(qtbot, lambda: section.watch.pending == 1)
    assert approvals_item.toolTip() == "Approvals: \u20681\u2069 waiting for a decision"


def test_a_new_request_shows_a_tray_notification(section: GovernanceSection,
                                                 session: WorkspaceSession, qtbot: Any) -> None:
    workspace = workspace_of(session)
    assert RecordingTray.messages == []  # requests there before are not news
    ban_request(workspace)
    section.watch.poll()
    wait_until(qtbot, lambda: len(RecordingTray.messages) == 1)
    title, text = RecordingTray.messages[0]
    assert title == "Approval needed"
    assert strip_isolation(text) == "admin asks for approval: Ban user bob"
    assert section.alerts.tray is not None
    assert strip_isolation(section.alerts.tray.toolTip()) == "WebNova Console: 1 approval pending"
    assert section.banner is not None
    assert not section.banner.isVisible()

    # Clicking the notification brings the Approvals pane forward.
    section.navigation.setCurrentRow(section.navigation.row(section.items[2]))
    section.alerts.tray.messageClicked.emit()
    assert section.navigation.currentRow() == section.approvals_row
    assert section.stack.currentWidget() is section.pages[0]


def test_without_a_system_tray_the_window_shows_the_notice(
    trayless: GovernanceSection, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    ban_request(workspace)
    trayless.watch.poll()
    banner = trayless.banner
    assert banner is not None
    wait_until(qtbot, banner.isVisible)
    assert strip_isolation(banner.text()) == "Approval needed: admin asks for approval: Ban user bob"
    assert trayless.alerts.tray is None
    assert RecordingTray.messages == []
