"""The chat with Claude, played by the loopback fake of the Anthropic API through the real
SDK: the reply streams in piece by piece, a retried call drops what it had streamed, the
label names the model, and accepting writes the version and the audit entry. Cancelling
a call in flight leaves nothing behind."""

from __future__ import annotations

from typing import Any

from app.bootstrap import Workspace
from app.gui.assist.pane import AssistantPane
from app.gui.formatting import strip_isolation
from app.gui.qt import Qt
from tests.assist.fake_anthropic import Delay, FakeAnthropic, StreamFailure, tool
from tests.gui.assist.conftest import OWNER, choose
from tests.gui.assist.test_chat import ask, audit_actions
from tests.gui.conftest import wait_until

PHARMACIST = {"op": "add", "path": "/roles/-", "value": {
    "name": "pharmacist", "label": {"en": "Pharmacist", "ar": "صيدلي"},
    "permissions": [{"entity": "medication", "actions": ["list", "read"]}]}}
NOTE = "I will add a pharmacist role that may list and read medications."


def propose(*ops: dict[str, Any], note: str = NOTE) -> Any:
    return tool("propose_blueprint_patch", {"intent": "modify",
                                            "rationale": "Adds a pharmacist role.",
                                            "operations": list(ops)}, note=note)


def opened(pane: AssistantPane, qtbot: Any, key: str) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.findData(key) > 0)
    choose(pane, qtbot, key)


def test_stream_then_accept_the_diff(pane: AssistantPane, clinic: str, claude: FakeAnthropic,
                                     workspace: Workspace, qtbot: Any) -> None:
    opened(pane, qtbot, clinic)
    claude.script(StreamFailure(partial_text="Let me think"), propose(PHARMACIST))
    seen: list[str] = []
    pane.chat.streamed.connect(seen.append)
    ask(pane, qtbot, "add a pharmacist role")
    wait_until(qtbot, pane.card.isVisible, 20_000)
    chat = pane.chat
    wait_until(qtbot, lambda: not chat.busy)

    # The first call broke after its first piece: shown, then dropped on the retry.
    assert seen[0] == "Let me "
    after_retry = seen[1:]
    assert len(after_retry) > 1, "the reply arrived in pieces"
    assert all(NOTE.startswith(s) for s in after_retry)
    assert [len(s) for s in after_retry] == sorted({len(s) for s in after_retry})
    assert after_retry[-1] == NOTE
    text = strip_isolation(chat.transcript.toPlainText())
    assert "Let me" not in text
    assert NOTE in text
    # Both calls are paid for: the broken one reported no usage, the second 120 + 40 and
    # the prompt prefix it wrote to the cache.
    (record,) = workspace.orchestrator.gateway.usage.month_now()
    assert (record.input_tokens, record.output_tokens) == (120, 40)
    assert record.cache_creation_input_tokens > 0
    assert f"Used {record.tokens:,} tokens (${record.cost.normalize()})" in text
    assert chat.engine_label.text() == "Answered by Claude, model \u2068claude-sonnet-4-6\u2069"
    assert len(claude.requests) == 2

    card = pane.card
    assert strip_isolation(card.engine.text()).startswith("Proposed by Claude (model claude-sonnet-4-6)")
    assert [card.diff.changes.item(r).text() for r in range(card.diff.changes.count())] == [
        "role pharmacist added"]
    assert workspace.blueprints.get_now(clinic).version == 1  # nothing before accepting
    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: card.state == "done")
    assert strip_isolation(card.status.text()) == "Accepted: blueprint clinic is now version 2."
    current = workspace.blueprints.get_now(clinic)
    assert current.version == 2
    assert any(r["name"] == "pharmacist" for r in current.document["roles"])
    assert ("ai.proposal.accept", OWNER, "done") in audit_actions(workspace)


def test_cancel_leaves_nothing(pane: AssistantPane, clinic: str, claude: FakeAnthropic,
                               workspace: Workspace, qtbot: Any) -> None:
    opened(pane, qtbot, clinic)
    claude.script(Delay(3, propose(PHARMACIST)))
    chat = pane.chat
    ask(pane, qtbot, "add a pharmacist role")
    wait_until(qtbot, lambda: chat.live.engine == "claude")
    assert chat.engine_label.text() == "Claude is answering…"
    assert chat.cancel_button.isVisible()
    assert chat.progress.isVisible()
    wait_until(qtbot, lambda: len(claude.requests) == 1)
    qtbot.keyClick(chat.input, Qt.Key.Key_Escape)
    assert not chat.busy
    assert not chat.cancel_button.isVisible()
    assert not chat.progress.isVisible()
    assert chat.input.toPlainText() == "add a pharmacist role"  # back in the box
    text = chat.transcript.toPlainText()
    assert "add a pharmacist role" not in text
    assert "Cancelled. Nothing was recorded" in text
    assert chat.engine_label.text() == "Cancelled"
    qtbot.wait(200)
    recorded = [e.stream_id for e in workspace.store.read_all()
                if e.stream_id.startswith(("assistant:", "assistant-new:", "ai-usage:"))]
    assert recorded == []  # no message, no proposal, no usage
    assert chat.model.rowCount() == 0
    assert not pane.card.isVisible()
    assert workspace.blueprints.get_now(clinic).version == 1
