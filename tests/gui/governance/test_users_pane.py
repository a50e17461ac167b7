"""The Users pane: every change goes through the constitution. A ban waits for the root
owner's approval (and the pane resumes when it is decided), a suspension or a new user
happens at once, a refusal is shown in the dialog, and auditors and viewers only look."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from app.domain.governance.users import Permission, Role
from app.gui.formatting import strip_isolation
from app.gui.governance.user_actions import UserChange
from app.gui.governance.user_dialogs import UserChangeDialog
from app.gui.governance.users_model import PERMISSIONS, REASON, ROLE, SET_BY, STATUS
from app.gui.governance.users_pane import UsersPane
from app.gui.qt import QApplication, Qt
from app.gui.session import WorkspaceSession
from app.services.approvals import ApprovalState
from tests.gui.conftest import wait_until
from tests.gui.governance.conftest import host, workspace_of

FROZEN = """
  - id: suspensions-frozen
    kind: deny
    description:
      en: No suspensions during the annual audit
      ar: لا إيقاف للحسابات أثناء التدقيق السنوي
    when: 'action.kind == "user.suspend"'
    reason:
      en: Suspensions are frozen during the annual audit
      ar: إيقاف الحسابات مجمّد أثناء التدقيق السنوي
"""


@pytest.fixture
def pane(session: WorkspaceSession, qtbot: Any) -> Iterator[UsersPane]:
    made = UsersPane(session)
    window = host(qtbot, made)
    wait_until(qtbot, lambda: made.model.rowCount() == 5)
    yield made
    made.shutdown()
    window.close()


def select(pane: UsersPane, user_id: str) -> None:
    pane.select_row(pane.model.row_of(user_id))


def open_change(pane: UsersPane, qtbot: Any, change: UserChange, user_id: str = "") -> UserChangeDialog:
    if user_id:
        select(pane, user_id)
    button = pane.buttons[change]
    assert button.isEnabled(), change
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    dialog = pane.dialog
    assert dialog is not None
    wait_until(qtbot, lambda: dialog.isVisible() and QApplication.activeWindow() is dialog)
    return dialog


def cell(pane: UsersPane, user_id: str, column: int) -> str:
    return str(pane.model.index(pane.model.row_of(user_id), column).data())


def test_lists_users_with_roles_and_statuses(pane: UsersPane, qtmodeltester: Any) -> None:
    model = pane.model
    assert [model.user_at(r).user_id for r in range(model.rowCount())] == [  # type: ignore[union-attr]
        "root", "admin", "audrey", "bob", "vera"]
    assert cell(pane, "root", ROLE) == "Root owner"
    assert cell(pane, "audrey", ROLE) == "Auditor"
    assert cell(pane, "bob", STATUS) == "Active"
    assert strip_isolation(pane.who.text()).startswith("You are root (Root owner).")
    qtmodeltester.check(model)


@pytest.mark.parametrize("console_user", ["admin"])
def test_a_ban_waits_for_the_root_owner_and_then_happens(
    pane: UsersPane, session: WorkspaceSession, qtbot: Any
) -> None:
    workspace = workspace_of(session)
    assert not pane.buttons[UserChange.ROOT_TRANSFER].isEnabled()  # only the root owner
    dialog = open_change(pane, qtbot, UserChange.BAN, "bob")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)  # no reason yet
    assert dialog.error.text() == "Give a reason."
    qtbot.keyClicks(dialog.reason, "Shared customer records in a public channel")
    qtbot.keyClick(dialog.reason, Qt.Key.Key_Return)  # Enter is a new line, not a submit
    assert dialog.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)  # &Ban

    wait_until(qtbot, lambda: "Waiting for approval" in pane.banner.text())
    pending = workspace.approvals.pending_now()
    assert len(pending) == 1
    request = pending[0]
    assert (request.action.kind, request.action.subject, request.requester) == ("user.ban", "bob", "admin")
    assert request.action.context["reason"] == "Shared customer records in a public channel"
    assert strip_isolation(pane.banner.text()) == (
        f"Waiting for approval: Ban user bob (request {request.id}). It is carried out once approved.")
    assert cell(pane, "bob", STATUS) == "Active"

    # The root owner approves in another console; the pane resumes and shows the ban.
    with qtbot.waitSignal(pane.resumed, timeout=10_000):
        workspace.governance.decide_now(request.id, "root", True, "Confirmed")
    wait_until(qtbot, lambda: cell(pane, "bob", STATUS) == "Banned")
    assert cell(pane, "bob", REASON) == "Shared customer records in a public channel"
    assert cell(pane, "bob", SET_BY) == "admin"
    assert strip_isolation(pane.banner.text()) == f"Approved and done: Ban user bob (request {request.id})"
    assert workspace.approvals.get_now(request.id).state(workspace.approvals.clock()) is ApprovalState.APPROVED


def test_a_suspension_happens_at_once_and_can_be_undone(
    pane: UsersPane, session: WorkspaceSession, qtbot: Any
) -> None:
    dialog = open_change(pane, qtbot, UserChange.SUSPEND, "bob")
    qtbot.keyClicks(dialog.reason, "On leave until March")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: cell(pane, "bob", STATUS) == "Suspended")
    assert cell(pane, "bob", REASON) == "On leave until March"
    assert cell(pane, "bob", SET_BY) == "root"
    assert strip_isolation(pane.banner.text()) == "Done: Suspend user bob"
    assert workspace_of(session).approvals.pending_now() == []

    select(pane, "bob")
    assert not pane.buttons[UserChange.SUSPEND].isEnabled()
    dialog = open_change(pane, qtbot, UserChange.REACTIVATE, "bob")
    qtbot.keyClicks(dialog.reason, "Back from leave")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: cell(pane, "bob", STATUS) == "Active")


def test_adds_a_user_and_changes_role_and_permissions(
    pane: UsersPane, session: WorkspaceSession, qtbot: Any
) -> None:
    dialog = open_change(pane, qtbot, UserChange.ADD)
    assert dialog.user_id.hasFocus()
    qtbot.keyClicks(dialog.user_id, "nadia")
    qtbot.keyClicks(dialog.display_name, "Nadia Karim")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.OPERATOR.value))
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: pane.model.row_of("nadia") >= 0)
    assert cell(pane, "nadia", ROLE) == "Operator"

    dialog = open_change(pane, qtbot, UserChange.ROLE, "nadia")
    dialog.role.setCurrentIndex(dialog.role.findData(Role.AUDITOR.value))
    qtbot.keyClicks(dialog.reason, "Moves to internal audit")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: cell(pane, "nadia", ROLE) == "Auditor")

    dialog = open_change(pane, qtbot, UserChange.PERMISSIONS, "nadia")
    items = {dialog.permissions.item(i).data(Qt.ItemDataRole.UserRole): dialog.permissions.item(i)
             for i in range(dialog.permissions.count())}
    assert strip_isolation(items[Permission.AUDIT_READ.value].text()) == "Read the audit log (from the role)"
    items[Permission.DEPLOY_PLAN.value].setCheckState(Qt.CheckState.Checked)
    items[Permission.COSTS_READ.value].setCheckState(Qt.CheckState.Unchecked)
    qtbot.keyClicks(dialog.reason, "Reviews deployment plans, not costs")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: cell(pane, "nadia", PERMISSIONS) != "")
    assert cell(pane, "nadia", PERMISSIONS) == "+ Plan deployments, − Read costs"
    user = workspace_of(session).users.get("nadia")
    assert user is not None
    assert user.can(Permission.DEPLOY_PLAN)
    assert not user.can(Permission.COSTS_READ)


def test_a_refusal_of_the_constitution_is_shown_in_the_dialog(
    pane: UsersPane, session: WorkspaceSession, qtbot: Any
) -> None:
    governance = workspace_of(session).governance
    source = governance.constitution_now().constitution.source + FROZEN
    request = governance.propose_constitution_now(source, "root", "Audit season")
    governance.decide_now(request.id, "root", True, "Agreed")  # type: ignore[union-attr]

    dialog = open_change(pane, qtbot, UserChange.SUSPEND, "bob")
    qtbot.keyClicks(dialog.reason, "Testing")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, dialog.error.isVisible)
    assert dialog.error.text() == (
        "The constitution refuses this: \u2068Suspensions are frozen during the annual audit\u2069")
    assert dialog.isVisible()  # what was typed is kept
    assert cell(pane, "bob", STATUS) == "Active"
    dialog.reject()


def test_root_transfer_waits_for_the_signed_approval(
    pane: UsersPane, session: WorkspaceSession, qtbot: Any
) -> None:
    dialog = open_change(pane, qtbot, UserChange.ROOT_TRANSFER, "admin")
    qtbot.keyClicks(dialog.reason, "Handing over before retirement")
    qtbot.mouseClick(dialog.submit_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: "Waiting for approval" in pane.banner.text())
    (request,) = workspace_of(session).approvals.pending_now()
    assert request.action.kind == "root.transfer"
    assert request.action.subject == "admin"
    assert cell(pane, "root", ROLE) == "Root owner"


@pytest.mark.parametrize("console_user", ["audrey", "vera"])
def test_auditors_and_viewers_only_look(pane: UsersPane, console_user: str) -> None:
    select(pane, "bob")
    assert all(not button.isVisible() for button in pane.buttons.values())
    assert "you can see the users but not change them" in strip_isolation(pane.who.text())
    assert pane.start_change(UserChange.BAN) is None
    assert pane.start_change(UserChange.ADD) is None
    assert pane.dialog is None
    assert strip_isolation(pane.who.text()).startswith(f"You are {console_user} (")
    assert cell(pane, "bob", STATUS) == "Active"
