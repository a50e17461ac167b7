"""The chat with the offline planner: type an intent, see the answer and the engine that
gave it, accept the diff (a new version and an audit entry) or reject it (nothing
changes), create a new platform, reopen a past conversation, and cancel."""

from __future__ import annotations

from typing import Any

from app.bootstrap import Workspace
from app.gui.assist.pane import AssistantPane
from app.gui.formatting import strip_isolation
from app.gui.qt import Qt
from tests.gui.assist.conftest import OWNER, choose
from tests.gui.conftest import wait_until


def audit_actions(workspace: Workspace) -> list[tuple[str, str, str]]:
    return [(e.action, e.actor, e.outcome) for e in workspace.audit.entries(limit=500).entries]


def ask(pane: AssistantPane, qtbot: Any, text: str) -> None:
    """Type ``text`` into the message box and send it with Ctrl+Enter, as a person would
    (QTest types only Latin-1 keys: other text is put in as an input method would)."""
    chat = pane.chat
    chat.input.setFocus()
    if text.isascii():
        qtbot.keyClicks(chat.input, text)
    else:
        chat.input.insertPlainText(text)
    qtbot.keyClick(chat.input, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert chat.busy


def test_type_an_intent_accept_the_diff(pane: AssistantPane, clinic: str, qtbot: Any,
                                        workspace: Workspace) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.count() == 2)
    choose(pane, qtbot, clinic)
    pane.offline.setChecked(True)
    ask(pane, qtbot, "add pharmacists and move the servers to Helsinki")
    wait_until(qtbot, pane.card.isVisible)
    chat, card = pane.chat, pane.card
    wait_until(qtbot, lambda: not chat.busy)
    assert chat.input.toPlainText() == ""
    assert chat.engine_label.text() == (
        "Answered by the offline planner (no data left this computer)")
    text = strip_isolation(chat.transcript.toPlainText())
    assert "add pharmacists and move the servers to Helsinki" in text
    assert "Added roles: pharmacist." in text
    # The move would take personal data out of the blueprint's residency: it is explained,
    # not made (no framework is dropped to let it pass).
    assert "The servers stay where they are" in text
    assert not chat.progress.isVisible()
    assert not chat.cancel_button.isVisible()

    # The card: what was understood, the diff as the history draws it, the findings.
    view = card.view
    assert view is not None
    assert view.key == clinic
    assert not view.creates
    assert strip_isolation(card.title.text()) == "Proposal for blueprint clinic"
    assert card.values["intent"].text() == "Change this blueprint"
    assert card.values["domain"].text() == "Healthcare"
    assert card.values["frameworks"].text() == (
        "HIPAA (US health data), PDPL (Saudi personal data)")
    assert "hel1" not in strip_isolation(card.values["region"].text())
    changes = [card.diff.changes.item(r).text() for r in range(card.diff.changes.count())]
    assert changes == [c.describe("en") for c in view.diff.changes]
    assert "role pharmacist added" in changes
    assert strip_isolation(card.diff.summary.text()) == f"Changes proposed: {len(changes)}"
    assert card.findings.summary.text() == "No problems found"
    for button in (card.accept_button, card.reject_button):
        assert button.isEnabled()
        assert not button.isDefault()
        assert not button.autoDefault()

    qtbot.mouseClick(card.accept_button, Qt.MouseButton.LeftButton)
    wait_until(qtbot, lambda: card.state == "done")
    assert strip_isolation(card.status.text()) == "Accepted: blueprint clinic is now version 2."
    assert not card.accept_button.isEnabled()
    assert not card.reject_button.isEnabled()
    current = workspace.blueprints.get_now(clinic)
    assert current.version == 2
    assert current.actor == OWNER
    assert {e["region"] for e in current.document["environments"]} == {"riyadh-dc1"}
    assert current.document["compliance"] == ["hipaa", "pdpl"]
    assert ("ai.proposal.accept", OWNER, "done") in audit_actions(workspace)
    kinds = [e.kind for e in workspace.orchestrator.conversations.entries_now(clinic)]
    assert kinds == ["message", "message", "proposal", "accepted"]
    # Decided, the card can be put away.
    assert card.close_button.isVisible()
    card.close_button.click()
    assert not card.isVisible()


def test_reject_changes_nothing(pane: AssistantPane, clinic: str, qtbot: Any,
                                workspace: Workspace) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.count() == 2)
    choose(pane, qtbot, clinic)
    pane.offline.setChecked(True)
    ask(pane, qtbot, "أضف الصيادلة")
    wait_until(qtbot, pane.card.isVisible)
    assert "أضفتُ الأدوار" in pane.chat.transcript.toPlainText()  # answered in Arabic
    before = workspace.blueprints.get_now(clinic)
    assert not pane.card.close_button.isVisible()
    pane.card.reject_button.setFocus()  # with the keyboard: Tab to it, press Space
    qtbot.keyClick(pane.card.reject_button, Qt.Key.Key_Space)
    wait_until(qtbot, lambda: pane.card.state == "done")
    assert pane.card.status.text() == "Rejected. Nothing changed."
    after = workspace.blueprints.get_now(clinic)
    assert after.version == before.version == 1
    assert after.document == before.document
    assert ("ai.proposal.reject", OWNER, "rejected") in audit_actions(workspace)
    assert not any(a == "ai.proposal.accept" for a, _, _ in audit_actions(workspace))


def test_a_new_platform_becomes_a_blueprint(pane: AssistantPane, qtbot: Any,
                                            workspace: Workspace) -> None:
    assert pane.selected_key() is None
    assert pane.picker.currentText() == "New platform"
    assert not pane.chat.composer.explain_button.isEnabled()  # nothing to explain yet
    pane.offline.setChecked(True)
    ask(pane, qtbot, "clinic booking platform in Riyadh with Arabic UI")
    wait_until(qtbot, pane.card.isVisible)
    view = pane.card.view
    assert view is not None
    assert view.creates
    assert pane.card.values["intent"].text() == "Create a new platform"
    assert strip_isolation(pane.card.title.text()) == f"Proposal: a new platform, {view.key}"
    with qtbot.waitSignal(pane.listed, timeout=10_000):
        pane.card.accept_button.click()
    assert strip_isolation(pane.card.status.text()) == (
        f"Accepted: blueprint {view.key} is now version 1.")
    assert workspace.blueprints.get_now(view.key).version == 1
    assert pane.picker.findData(view.key) > 0  # offered in the picker now


def test_history_per_blueprint_reopens_past_messages(pane: AssistantPane, clinic: str,
                                                     qtbot: Any) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.count() == 2)
    choose(pane, qtbot, clinic)
    pane.offline.setChecked(True)
    chat = pane.chat
    ask(pane, qtbot, "add pharmacists")
    wait_until(qtbot, lambda: chat.model.rowCount() == 1 and not chat.busy)
    first = chat.conversation_id
    chat.column.new_button.click()
    assert chat.transcript.toPlainText() == ""
    with qtbot.waitSignal(chat.history_loaded, timeout=10_000):
        assert chat.send("is it compliant?")
    assert chat.model.rowCount() == 2
    assert chat.conversation_id != first

    # Conversations about new platforms are kept apart from the clinic's.
    choose(pane, qtbot, None)
    assert chat.model.rowCount() == 0
    assert not pane.card.isVisible()
    choose(pane, qtbot, clinic)
    assert chat.model.rowCount() == 2
    assert chat.model.index(1, 0).data().startswith("add pharmacists")
    # Reopening shows the past messages, and the proposal still waiting comes back.
    with qtbot.waitSignal(chat.proposal_ready, timeout=10_000):
        chat.conversations_list.setCurrentIndex(chat.model.index(1, 0))
    text = strip_isolation(chat.transcript.toPlainText())
    assert "add pharmacists" in text
    assert "Added roles: pharmacist." in text
    assert "Assistant · the offline planner · " in text
    assert "Proposal for clinic (1 operation)" in text
    assert pane.card.isVisible()
    assert "role pharmacist added" in [pane.card.diff.changes.item(r).text()
                                       for r in range(pane.card.diff.changes.count())]
    pane.card.accept_button.click()
    wait_until(qtbot, lambda: pane.card.state == "done")
    assert strip_isolation(pane.card.status.text()) == (
        "Accepted: blueprint clinic is now version 2.")


def test_without_a_key_the_engine_label_says_the_offline_planner_answered(
        pane: AssistantPane, clinic: str, qtbot: Any) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.count() == 2)
    choose(pane, qtbot, clinic)
    assert not pane.offline.isChecked()
    with qtbot.waitSignal(pane.chat.answered, timeout=10_000) as answered:
        assert pane.chat.send("how much will it cost?")
    assert answered.args[0].engine == "offline"
    chat = pane.chat
    assert chat.engine_label.text() == (
        "Answered by the offline planner (no data left this computer)")
    assert "No Anthropic API key is set, so the offline planner answered." in (
        chat.transcript.toPlainText())
    assert not pane.card.isVisible()
