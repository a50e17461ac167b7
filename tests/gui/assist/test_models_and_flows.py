"""The pane's item models under Qt's model tester, and the Qt-free chat and review flows:
conversations grouped from the history, the streamed reply with retries, a proposal
rebuilt from its record, and reviews read the same way fresh or past."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

from app.bootstrap import Workspace
from app.gui.assist.chat_flow import LiveReply, conversations, lines_of, open_proposal
from app.gui.assist.conversation_list import ConversationListModel
from app.gui.assist.proposals import ProposalView, finding_from_json, view_from_record_now
from app.gui.assist.review_flow import categories_of, from_past, from_review
from app.gui.assist.reviews_model import ReviewListModel
from app.gui.qt import Qt
from app.services.assistant_gateway import AssistEvent
from app.services.conversations import ConversationEntry
from tests.gui.assist.conftest import OWNER
from tests.gui.conftest import wait_until

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def entry(kind: str, cid: str | None, minutes: int, **data: Any) -> ConversationEntry:
    return ConversationEntry(kind, cid, {"conversation_id": cid, **data},
                             T0 + timedelta(minutes=minutes), OWNER)


HISTORY = [
    entry("message", "a", 0, role="user", text="add pharmacists " * 10),
    entry("message", "a", 1, role="assistant", text="Added roles: pharmacist.", engine="offline"),
    entry("proposal", "a", 1, id="p1", key="clinic", patch=[{}], valid=True),
    entry("message", "b", 5, role="user", text="is it compliant?"),
    entry("message", "b", 6, role="assistant", text="Yes.", engine="claude", model="m"),
    entry("review", "r1", 7, review_id="r1"),
]


def test_conversations_from_the_history() -> None:
    found = conversations(HISTORY)
    assert [c.id for c in found] == ["b", "a"]  # the latest first; reviews are not chats
    assert found[0].title == "is it compliant?"
    assert found[1].title.endswith("…")
    assert len(found[1].title) == 60
    assert found[1].messages == 2
    lines = lines_of(HISTORY, "b")
    assert [(ln.kind, ln.role, ln.engine, ln.model) for ln in lines] == [
        ("message", "user", None, None), ("message", "assistant", "claude", "m")]
    assert open_proposal(HISTORY, "a") == HISTORY[2].data
    decided = [*HISTORY, entry("accepted", "a", 9, proposal_id="p1")]
    assert open_proposal(decided, "a") is None
    assert open_proposal(HISTORY, "b") is None


def test_live_reply_drops_the_text_of_a_retry_or_a_new_attempt() -> None:
    live = LiveReply()
    assert not live.apply(AssistEvent("engine", "claude"))
    live.apply(AssistEvent("attempt", attempt=1))
    live.apply(AssistEvent("text", "Let "))
    live.apply(AssistEvent("text", "me"))
    assert (live.engine, live.text, live.pieces) == ("claude", "Let me", 2)
    assert live.apply(AssistEvent("retry", "overloaded", 1, 0.5))
    assert (live.text, live.retries, live.retry_delay) == ("", 1, 0.5)
    live.apply(AssistEvent("text", "Here"))
    assert live.apply(AssistEvent("attempt", attempt=2))
    assert live.text == ""
    assert live.attempt == 2
    assert not live.apply(AssistEvent("retry", "again", 2, 1.0))  # nothing left to drop


def test_conversation_model(qtmodeltester: Any, qapp: Any) -> None:
    del qapp
    model = ConversationListModel()
    model.set_conversations(conversations(HISTORY))
    qtmodeltester.check(model)
    assert model.rowCount() == 2
    assert model.index(0, 0).data().startswith("is it compliant?\n")
    assert model.row_of("a") == 1
    assert model.row_of(None) == -1


def test_proposals_and_reviews_from_the_workspace(workspace: Workspace, qtmodeltester: Any,
                                                  qtbot: Any,
                                                  aio_loop: asyncio.AbstractEventLoop) -> None:
    """Through the services (no window): a proposal rebuilt from its record has the same
    diff as when it was made, and reviews read alike fresh and past."""
    workspace.blueprints.create_from_template_now("healthcare", "clinic", OWNER)
    orchestrator = workspace.orchestrator

    async def go() -> Any:
        result = await orchestrator.assist("add pharmacists", blueprint_key="clinic", offline=True)
        review = await orchestrator.suggestions.review("clinic", offline=True)
        return result, review, await orchestrator.suggestions.reviews("clinic")

    task = aio_loop.create_task(go())
    wait_until(qtbot, task.done)
    result, review, past = task.result()
    made = ProposalView.of(result.proposal, "clinic")
    record = open_proposal(orchestrator.conversations.entries_now("clinic"),
                           result.conversation_id)
    assert record is not None
    again = view_from_record_now(workspace, "clinic", record)
    assert again.diff == made.diff
    assert again.findings == made.findings
    assert (again.key, again.creates, again.intent, again.engine) == ("clinic", False, "modify",
                                                                       "offline")
    fresh, stored = from_review(review), from_past(past[0], "clinic")
    assert fresh.categories == stored.categories
    assert [c.category for c in fresh.categories] == ["security", "performance", "compliance",
                                                      "best_practice"]
    assert categories_of(review.to_json()) == fresh.categories
    model = ReviewListModel()
    model.set_reviews([stored, fresh])
    qtmodeltester.check(model)
    assert model.review_at(0) is fresh  # not dated yet: the newest
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Security"


def test_a_finding_read_back() -> None:
    from app.domain.blueprint.findings import Finding, Severity

    finding = Finding("/entities/0", "X-1", Severity.warning, "m", "م", "gdpr", "fix", "حل",
                      {"line": 3})
    assert finding_from_json(finding.to_json()) == finding
