"""Accepting under the constitution: a change that needs approval waits with its request
id and is written once approved; a refusal and an approval not granted are said plainly,
and nothing changes."""

from __future__ import annotations

import asyncio
from typing import Any

from app.bootstrap import Workspace, default_constitution_text
from app.gui.assist.pane import AssistantPane
from app.gui.formatting import strip_isolation
from tests.gui.assist.conftest import OWNER, choose
from tests.gui.assist.test_chat import audit_actions
from tests.gui.conftest import wait_until

DENY_AI = """
  - id: no-ai-saves
    kind: deny
    description: {en: Assistant proposals are not accepted, ar: لا تُقبل مقترحات المساعد}
    reason: {en: Assistant proposals are not accepted here, ar: لا تُقبل مقترحات المساعد هنا}
    when: 'action.kind == "blueprint.save" && action.context.source == "ai.proposal"'
"""
APPROVE_AI = """
  - id: ai-saves-need-approval
    kind: require_approval
    description: {en: Accepting assistant proposals needs approval, ar: قبول مقترحات المساعد يحتاج إلى موافقة}
    when: 'action.kind == "blueprint.save" && action.context.source == "ai.proposal"'
    approvers: [ROOT_OWNER]
    requester_may_approve: true
"""


def adopt(workspace: Workspace, extra_rule: str) -> None:
    request = workspace.governance.propose_constitution_now(
        default_constitution_text() + extra_rule, OWNER, "tests")
    workspace.governance.decide_now(request.id, OWNER, True, "ok")


def proposed(pane: AssistantPane, qtbot: Any, key: str) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.findData(key) > 0)
    choose(pane, qtbot, key)
    pane.offline.setChecked(True)
    assert pane.chat.send("add pharmacists")
    wait_until(qtbot, pane.card.isVisible)


def waiting_request(pane: AssistantPane, qtbot: Any) -> str:
    card = pane.card
    wait_until(qtbot, lambda: card.status.property("kind") == "waiting")
    text = strip_isolation(card.status.text())
    assert text.startswith("Waiting for approval: request ")
    return text.removeprefix("Waiting for approval: request ").split(".")[0]


def test_waiting_for_approval_then_accepted(pane: AssistantPane, clinic: str, qtbot: Any,
                                            workspace: Workspace,
                                            aio_loop: asyncio.AbstractEventLoop) -> None:
    adopt(workspace, APPROVE_AI)
    proposed(pane, qtbot, clinic)
    pane.card.accept_button.click()
    request_id = waiting_request(pane, qtbot)
    assert [r.id for r in workspace.approvals.pending_now()] == [request_id]
    assert not pane.card.accept_button.isEnabled()
    assert not pane.card.reject_button.isEnabled()
    assert workspace.blueprints.get_now(clinic).version == 1  # not before the approval

    aio_loop.create_task(workspace.approvals.decide(request_id, OWNER, True, "fine"))
    wait_until(qtbot, lambda: pane.card.state == "done")
    assert strip_isolation(pane.card.status.text()) == (
        f"Approved (request {request_id}) and accepted: blueprint clinic is now version 2.")
    assert workspace.blueprints.get_now(clinic).version == 2
    assert ("ai.proposal.accept", OWNER, "done") in audit_actions(workspace)


def test_approval_rejected_changes_nothing(pane: AssistantPane, clinic: str, qtbot: Any,
                                           workspace: Workspace,
                                           aio_loop: asyncio.AbstractEventLoop) -> None:
    adopt(workspace, APPROVE_AI)
    proposed(pane, qtbot, clinic)
    pane.card.accept_button.click()
    request_id = waiting_request(pane, qtbot)
    aio_loop.create_task(workspace.approvals.decide(request_id, OWNER, False, "not now"))
    wait_until(qtbot, lambda: pane.card.state == "done")
    assert strip_isolation(pane.card.status.text()) == (
        f"Approval request {request_id} was rejected. Nothing changed.")
    assert pane.card.status.property("kind") == "error"
    assert workspace.blueprints.get_now(clinic).version == 1


def test_a_denial_is_shown_clearly(pane: AssistantPane, clinic: str, qtbot: Any,
                                   workspace: Workspace) -> None:
    adopt(workspace, DENY_AI)
    proposed(pane, qtbot, clinic)
    pane.card.accept_button.click()
    wait_until(qtbot, lambda: pane.card.state == "done")
    assert strip_isolation(pane.card.status.text()) == (
        "The constitution refuses this: Assistant proposals are not accepted here. "
        "Nothing changed.")
    assert pane.card.status.property("kind") == "error"
    assert workspace.blueprints.get_now(clinic).version == 1
    assert ("ai.proposal.accept", OWNER, "denied") in audit_actions(workspace)
