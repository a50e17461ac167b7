"""The owner approval dialog over a real workspace, driven by keyboard with qtbot: approve,
reject, a reason is required, Enter approves nothing, Escape decides nothing, the
service's refusals are shown, and a waiting operation resumes the moment the owner
decides."""

from __future__ import annotations

import asyncio
import re
from datetime import timedelta
from typing import Any

import pytest

from app.domain.governance.actions import DEPLOY, ActionDescriptor
from app.domain.governance.users import UserStatus
from app.gui.formatting import strip_isolation
from app.gui.governance.approval_dialog import ApprovalDialog
from app.gui.governance.approval_flow import DecisionProblem, Phase
from app.gui.governance.approvals_pane import ApprovalsPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, Qt
from app.gui.session import WorkspaceSession
from app.services.approvals import ApprovalRequest, ApprovalState
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import ban_request, host, workspace_of

ARABIC = re.compile("[\u0600-\u06ff]")


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Any:
    made = ApprovalsPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.watch.loaded)
    yield made
    made.shutdown()
    window.close()


def plain(text: str) -> str:
    """The words, without isolation and direction marks."""
    return strip_isolation(text).replace("\u200e", "").replace("\u200f", "")


def open_dialog(pane: ApprovalsPane, qtbot: Any, request: ApprovalRequest) -> ApprovalDialog:
    pane.refresh()
    wait_until(qtbot, lambda: pane.model.row_of(request.id) >= 0)
    pane.select_row(pane.model.row_of(request.id))
    pane.table.setFocus()
    qtbot.keyClick(pane.table, Qt.Key.Key_Return)  # Enter on a row opens its request
    wait_until(qtbot, lambda: request.id in pane.dialogs and pane.dialogs[request.id].isVisible())
    return pane.dialogs[request.id]


def state_of(pane: ApprovalsPane, request: ApprovalRequest) -> ApprovalState:
    workspace = workspace_of_pane(pane)
    return workspace.approvals.get_now(request.id).state(workspace.approvals.clock())


def workspace_of_pane(pane: ApprovalsPane) -> Any:
    assert pane.workspace is not None
    return pane.workspace


def test_approves_with_a_reason_typed_at_the_keyboard(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace)
    dialog = open_dialog(pane, qtbot, request)

    # Everything the owner needs to decide is on screen.
    assert dialog.headline.text() == "Ban user \u2068bob\u2069"
    values = {k: plain(v.text()) for k, v in dialog.particulars.values.items()}
    assert values["why"] == "Posted other customers' records in a public channel"
    assert "Banning a user needs the root owner's approval (rule user-ban)" in values["rule"]
    assert values["requester"].startswith("admin on ")
    assert values["expires"].startswith("in 3 days, on ")
    assert "Root owner — 0 of 1 approval so far" in values["approvers"]
    assert "reason: shared customer records" in values["details"]
    assert dialog.reason.hasFocus()

    qtbot.keyClicks(dialog.reason, "Confirmed with the data protection officer")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Tab)  # to Reject
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # to Approve
    assert dialog.approve_button.hasFocus()
    qtbot.keyClick(dialog.approve_button, Qt.Key.Key_Space)

    wait_until(qtbot, lambda: dialog.flow.phase is Phase.DECIDED)
    wait_until(qtbot, lambda: request.id not in pane.dialogs)
    assert state_of(pane, request) is ApprovalState.APPROVED
    user = workspace.users.get("bob")
    assert user is not None
    assert user.status is UserStatus.BANNED
    vote = workspace.approvals.get_now(request.id).votes[0]
    assert (vote.approver, vote.approve, vote.reason) == (
        "root", True, "Confirmed with the data protection officer")
    assert strip_isolation(pane.banner.text()) == "You approved: Ban user bob"
    wait_until(qtbot, lambda: pane.watch.pending == 0)


def test_rejects_with_the_keyboard_shortcut(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace)
    dialog = open_dialog(pane, qtbot, request)
    qtbot.keyClicks(dialog.reason, "Not enough evidence yet")
    qtbot.keyClick(dialog, Qt.Key.Key_J, Qt.KeyboardModifier.AltModifier)  # Re&ject

    wait_until(qtbot, lambda: dialog.flow.phase is Phase.DECIDED)
    assert dialog.flow.approved is False
    assert state_of(pane, request) is ApprovalState.REJECTED
    user = workspace.users.get("bob")
    assert user is not None
    assert user.status is UserStatus.ACTIVE
    assert strip_isolation(pane.banner.text()) == "You rejected: Ban user bob"


def test_refuses_an_empty_reason(pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any) -> None:
    request = ban_request(workspace_of(session))
    dialog = open_dialog(pane, qtbot, request)
    qtbot.keyClicks(dialog.reason, "   ")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    assert dialog.error.isVisible()
    assert dialog.error.text() == "Give a reason for your decision."
    assert dialog.reason.hasFocus()
    assert dialog.flow.phase is Phase.READY
    assert dialog.isVisible()
    assert state_of(pane, request) is ApprovalState.PENDING
    dialog.reject()


def test_nothing_is_approved_by_default(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    request = ban_request(workspace_of(session))
    dialog = open_dialog(pane, qtbot, request)
    for button in (dialog.approve_button, dialog.reject_button, dialog.cancel_button):
        assert not button.isDefault()
        assert not button.autoDefault()

    # Enter in the reason adds a line; Enter on the focused Approve button presses nothing.
    qtbot.keyClicks(dialog.reason, "looks fine")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)
    assert dialog.reason.toPlainText() == "looks fine\n"
    dialog.approve_button.setFocus()
    qtbot.keyClick(dialog.approve_button, Qt.Key.Key_Return)
    qtbot.keyClick(dialog.approve_button, Qt.Key.Key_Enter)
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.wait(200)
    assert dialog.isVisible()
    assert dialog.flow.phase is Phase.READY
    assert state_of(pane, request) is ApprovalState.PENDING
    dialog.reject()


def test_escape_closes_without_deciding(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any, aio_loop: asyncio.AbstractEventLoop
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace)
    # Whoever asks for the decision awaits the future the dialog resolves.
    asked = aio_loop.create_task(pane.prompter.ask(workspace, request))
    wait_until(qtbot, lambda: request.id in pane.dialogs and pane.dialogs[request.id].isVisible())
    dialog = pane.dialogs[request.id]
    qtbot.keyClicks(dialog.reason, "not now")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Escape)

    wait_until(qtbot, asked.done)
    assert asked.result() is None
    assert dialog.flow.phase is Phase.CANCELLED
    assert state_of(pane, request) is ApprovalState.PENDING
    assert workspace.approvals.get_now(request.id).votes == ()


def test_a_waiting_operation_resumes_the_moment_the_owner_approves(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any, aio_loop: asyncio.AbstractEventLoop
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace)
    # An operation awaiting the decision; its own poll would take a minute.
    waiting = aio_loop.create_task(workspace.approvals.wait(request.id, poll_seconds=60))
    qtbot.wait(50)
    assert not waiting.done()
    asked = aio_loop.create_task(pane.prompter.ask(workspace, request))
    wait_until(qtbot, lambda: request.id in pane.dialogs and pane.dialogs[request.id].isVisible())
    dialog = pane.dialogs[request.id]
    qtbot.keyClicks(dialog.reason, "Go ahead")
    qtbot.keyClick(dialog, Qt.Key.Key_A, Qt.KeyboardModifier.AltModifier)  # &Approve

    wait_until(qtbot, waiting.done, timeout=20_000)  # not the minute its own poll would take
    resumed = waiting.result()
    assert resumed.state(workspace.approvals.clock()) is ApprovalState.APPROVED
    wait_until(qtbot, asked.done)
    decided = asked.result()
    assert decided is not None
    assert decided.closed_state is ApprovalState.APPROVED


def test_separation_of_duties_is_shown(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    request = ban_request(workspace_of(session), requester="root")  # root asks, root decides
    dialog = open_dialog(pane, qtbot, request)
    assert dialog.hint.isVisible()
    assert "separation of duties" in dialog.hint.text()
    qtbot.keyClicks(dialog.reason, "I asked for it")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    wait_until(qtbot, dialog.error.isVisible)
    assert dialog.flow.failure is not None
    assert dialog.flow.failure.problem is DecisionProblem.OWN_REQUEST
    assert "separation of duties" in dialog.error.text()
    assert not dialog.approve_button.isEnabled()
    assert not dialog.reject_button.isEnabled()
    assert dialog.cancel_button.text() == "Close"
    assert state_of(pane, request) is ApprovalState.PENDING
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    wait_until(qtbot, lambda: not dialog.isVisible())


@pytest.mark.parametrize("console_user", ["admin"])
def test_a_person_who_is_not_an_approver_is_told(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    request = ban_request(workspace_of(session), requester="root")
    dialog = open_dialog(pane, qtbot, request)
    assert dialog.hint.text() == "Your role may not decide this request."
    qtbot.keyClicks(dialog.reason, "trying")
    qtbot.mouseClick(dialog.reject_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, dialog.error.isVisible)
    assert dialog.error.text().startswith("Your role may not decide this request.")
    assert "ADMIN" in dialog.error.text()
    assert state_of(pane, request) is ApprovalState.PENDING
    dialog.reject()


def test_an_expired_request_is_refused_clearly(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace)
    dialog = open_dialog(pane, qtbot, request)
    later = request.expires_at + timedelta(minutes=1)
    workspace.approvals.clock = lambda: later  # the service's time has run out
    qtbot.keyClicks(dialog.reason, "too late")
    qtbot.mouseClick(dialog.approve_button, Qt.MouseButton.LeftButton)

    wait_until(qtbot, dialog.error.isVisible)
    assert dialog.error.text().startswith("This request has expired")
    assert not dialog.approve_button.isEnabled()
    assert workspace.approvals.get_now(request.id).closed_state is ApprovalState.EXPIRED
    dialog.reject()


def test_shows_plan_and_cost_attachments(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    action = ActionDescriptor(DEPLOY, "admin", workspace.entry.tenant_id, "clinic",
                              context={"environment": "production"})
    request = workspace.governance.submit_now(
        action, "Release 2.4 with the new booking flow",
        {"plan": "+ server clinic-web-1 (cx22, fsn1)\n+ volume clinic-db (40 GB)",
         "cost": {"amount": "1250.50", "currency": "EUR"}})
    assert isinstance(request, ApprovalRequest)
    dialog = open_dialog(pane, qtbot, request)
    tabs = dialog.attachments
    assert tabs.isVisible()
    assert [tabs.tabText(i) for i in range(tabs.count())] == ["&Plan", "C&ost"]
    assert "clinic-web-1" in tabs.views["plan"].toPlainText()  # type: ignore[attr-defined]
    assert tabs.views["plan"].layoutDirection() == Qt.LayoutDirection.LeftToRight
    cost = tabs.findChild(type(dialog.headline), "approvalCost")
    assert cost is not None
    assert "€1,250.50" in strip_isolation(cost.text())
    assert dialog.headline.text() == "Deploy \u2068clinic\u2069 to \u2068production\u2069"
    dialog.reject()


def test_arabic_mirrors_the_dialog(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any, languages: LanguageController
) -> None:
    workspace = workspace_of(session)
    result = workspace.governance.propose_constitution_now(
        workspace.governance.constitution_now().constitution.source.replace("expires_in: 72h",
                                                                            "expires_in: 48h", 1),
        "root", "Ban decisions should not wait three days")
    assert isinstance(result, ApprovalRequest)
    languages.apply("ar")
    dialog = open_dialog(pane, qtbot, result)

    assert dialog.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert ARABIC.search(dialog.windowTitle())
    assert ARABIC.search(dialog.headline.text())
    assert ARABIC.search(dialog.approve_button.text())
    assert ARABIC.search(dialog.reject_button.text())
    rule = plain(dialog.particulars.values["rule"].text())
    assert rule.startswith("تعديل")  # each line starts right to left
    assert dialog.particulars.values["why"].text().startswith("\u200f")
    assert "تعديل الدستور يحتاج إلى موافقة المالك الأعلى" in rule
    diff = dialog.attachments.views["diff"]
    assert diff.layoutDirection() == Qt.LayoutDirection.LeftToRight  # a diff reads left to right
    assert "-    expires_in: 72h" in diff.toPlainText()  # type: ignore[attr-defined]
    # The buttons are mirrored: Approve sits left of Reject in Arabic.
    assert dialog.approve_button.x() < dialog.reject_button.x()

    languages.apply("en")
    wait_until(qtbot, lambda: dialog.approve_button.text() == "&Approve")
    assert dialog.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert dialog.approve_button.x() > dialog.reject_button.x()
    dialog.reject()


def test_the_requester_withdraws_their_own_request(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    request = ban_request(workspace, requester="root")  # root asks; only another could decide
    waiting = asyncio.ensure_future(workspace.approvals.wait(request.id, poll_seconds=30))
    dialog = open_dialog(pane, qtbot, request)
    assert dialog.withdraw_button.isVisible() and dialog.withdraw_button.isEnabled()
    qtbot.keyClicks(dialog.reason, "asked for the wrong person")
    flow = dialog.flow
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: flow.phase is Phase.DECIDED)
    wait_until(qtbot, lambda: request.id not in pane.dialogs)
    assert state_of(pane, request) is ApprovalState.WITHDRAWN
    wait_until(qtbot, waiting.done)  # the waiting operation ends at once
    assert waiting.result().closed_state is ApprovalState.WITHDRAWN
    assert "You withdrew" in strip_isolation(pane.banner.text())


@pytest.mark.parametrize("console_user", ["root"])
def test_only_the_requester_is_offered_withdraw(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any
) -> None:
    request = ban_request(workspace_of(session), requester="admin")
    dialog = open_dialog(pane, qtbot, request)
    assert not dialog.withdraw_button.isVisible()
    assert dialog.approve_button.isEnabled()
    dialog.reject()


def test_a_plan_with_an_arabic_twin_is_shown_once_in_the_console_language(
    pane: ApprovalsPane, session: WorkspaceSession, qtbot: Any, languages: LanguageController
) -> None:
    workspace = workspace_of(session)
    action = ActionDescriptor(DEPLOY, "admin", workspace.entry.tenant_id, "hub/production",
                              context={"environment": "production", "plan_hash": "ab" * 32})
    request = workspace.governance.submit_now(
        action, "First release", {"plan": "+ server wn-hub-production-app-1 (not there yet)",
                                  "plan_ar": "+ خادم wn-hub-production-app-1 (غير موجود بعد)",
                                  "cost": {"amount": "78.98", "currency": "EUR"}})
    assert isinstance(request, ApprovalRequest)
    dialog = open_dialog(pane, qtbot, request)
    tabs = dialog.attachments
    assert sorted(tabs.views) == ["cost", "plan"]  # the twin is not a tab of its own
    assert "(not there yet)" in tabs.views["plan"].toPlainText()  # type: ignore[attr-defined]
    dialog.reject()
    languages.apply("ar")
    dialog = open_dialog(pane, qtbot, request)
    view = dialog.attachments.views["plan"]
    assert "خادم" in view.toPlainText()  # type: ignore[attr-defined]
    assert view.layoutDirection() == Qt.LayoutDirection.RightToLeft
    dialog.reject()
