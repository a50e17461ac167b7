""""Explain this" from the chat and from other panes, and smart suggestions: a review in
four categories with scores and reasoning, a suggestion proposed through the same card,
and past reviews listed."""

from __future__ import annotations

from typing import Any

from app.bootstrap import Workspace
from app.domain.blueprint.findings import Finding, Severity
from app.gui.assist.pane import SUGGESTIONS, AssistantPane
from app.gui.assist.review_flow import CategoryItem, SuggestionItem
from app.gui.assist.section import explain_this
from app.gui.formatting import strip_isolation
from app.gui.qt import QLabel, Qt
from tests.gui.assist.conftest import OWNER, choose
from tests.gui.assist.test_chat import audit_actions
from tests.gui.conftest import wait_until


def opened(pane: AssistantPane, qtbot: Any, key: str) -> None:
    pane.refresh()
    wait_until(qtbot, lambda: pane.picker.findData(key) > 0)
    choose(pane, qtbot, key)


def test_explain_a_node_typed_in_the_chat(pane: AssistantPane, clinic: str, qtbot: Any) -> None:
    opened(pane, qtbot, clinic)
    composer = pane.chat.composer
    assert composer.explain_button.isEnabled()
    composer.explain_input.setFocus()
    qtbot.keyClicks(composer.explain_input, "/entities/4")
    with qtbot.waitSignal(pane.chat.answered, timeout=10_000) as answered:
        qtbot.keyClick(composer.explain_input, Qt.Key.Key_Return)
    assert answered.args[0].engine == "offline"
    assert composer.explain_input.text() == ""
    text = strip_isolation(pane.chat.transcript.toPlainText())
    assert "Explain /entities/4" in text
    assert "Entity «patient»" in text
    assert pane.chat.engine_label.text() == (
        "Answered by the offline planner (no data left this computer)")
    # It joined the conversation history.
    wait_until(qtbot, lambda: pane.chat.model.rowCount() == 1)


def test_other_panes_ask_for_explanations(pane: AssistantPane, clinic: str, qtbot: Any) -> None:
    shown: list[bool] = []
    pane.show_requested.connect(lambda: shown.append(True))
    other = QLabel("another pane")
    pane.window().layout()  # the pane's window hosts the other widget too
    other.setParent(pane.window())
    # The blueprint is not in the picker yet: the pane loads it, then explains.
    finding = Finding("/entities/4/audit_log", "HIPAA-164.312(b)", Severity.error,
                      "Access to patient records is not logged", "لا يُسجَّل الوصول",
                      source="hipaa")
    with qtbot.waitSignal(pane.chat.answered, timeout=10_000):
        assert explain_this(other, clinic, finding)
    assert shown
    assert pane.selected_key() == clinic
    text = strip_isolation(pane.chat.transcript.toPlainText())
    assert "Explain HIPAA-164.312(b)" in text
    assert "45 CFR 164.312(b)" in text
    with qtbot.waitSignal(pane.chat.answered, timeout=10_000):
        assert explain_this(other, clinic, "ai-limits")  # a constitution rule
    assert "5000000" in pane.chat.transcript.toPlainText()


def test_review_propose_accept_and_past_reviews(pane: AssistantPane, clinic: str, qtbot: Any,
                                                workspace: Workspace) -> None:
    opened(pane, qtbot, clinic)
    pane.offline.setChecked(True)
    pane.tabs.setCurrentIndex(SUGGESTIONS)
    review = pane.suggestions
    wait_until(qtbot, lambda: review.review_button.isEnabled())
    with qtbot.waitSignal(review.reviewed, timeout=10_000):
        qtbot.mouseClick(review.review_button, Qt.MouseButton.LeftButton)
    tree = review.tree
    titles = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    assert titles == ["Security", "Performance", "Compliance", "Best practice"]
    for i in range(tree.topLevelItemCount()):
        category = tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole + 1)
        assert isinstance(category, CategoryItem)
        assert strip_isolation(tree.topLevelItem(i).text(1)) == f"{category.score} of 100"
    performance = tree.topLevelItem(1)
    assert performance.childCount() > 0
    assert review.select_suggestion("performance.index.patient.payer")
    item = review.selected_suggestion()
    assert isinstance(item, SuggestionItem)
    assert item.proposable
    details = review.details.text()
    assert "patient.payer" in details
    assert item.reasoning_en in details  # the reasoning of the suggestion
    wait_until(qtbot, lambda: review.model.rowCount() == 1)  # listed as a past review
    assert strip_isolation(review.summary.text()) == (
        "Review of version 1 by the offline planner")

    with qtbot.waitSignal(pane.suggestions.proposal_ready, timeout=10_000):
        review.propose_button.click()
    card = pane.card
    assert card.isVisible()
    assert [strip_isolation(card.diff.changes.item(r).text())
            for r in range(card.diff.changes.count())] == ["field patient.payer changed (indexed: — → yes)"]
    card.accept_button.click()
    wait_until(qtbot, lambda: card.state == "done")
    assert strip_isolation(card.status.text()) == "Accepted: blueprint clinic is now version 2."
    patient = next(e for e in workspace.blueprints.get_now(clinic).document["entities"]
                   if e["name"] == "patient")
    assert next(f for f in patient["fields"] if f["name"] == "payer")["indexed"] is True
    assert ("ai.proposal.accept", OWNER, "done") in audit_actions(workspace)

    # A second review; the first stays listed and opens again.
    with qtbot.waitSignal(review.reviewed, timeout=10_000):
        review.run_review()
    wait_until(qtbot, lambda: review.model.rowCount() == 2)
    assert strip_isolation(review.summary.text()) == "Review of version 2 by the offline planner"
    older = review.model.review_at(1)
    assert older is not None
    assert older.version == 1
    review.past.setCurrentIndex(review.model.index(1, 0))
    assert strip_isolation(review.summary.text()) == "Review of version 1 by the offline planner"
