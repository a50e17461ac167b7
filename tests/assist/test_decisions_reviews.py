"""Accepting and rejecting under governance, the offline engine's answers, smart
suggestions (rules and Claude) and "explain this"."""

from __future__ import annotations

from typing import Any

import pytest

from app.bootstrap import Workspace, default_constitution_text
from app.domain.blueprint.findings import Finding, Severity
from app.services.governance import ActionDeniedError
from app.services.proposal_decisions import ApprovalRequiredError
from tests.assist.conftest import OWNER, events_of, new_blueprint, run
from tests.assist.fake_anthropic import FakeAnthropic, text, tool


def adopt(ws: Workspace, extra_rule: str) -> None:
    source = default_constitution_text() + extra_rule
    request = ws.governance.propose_constitution_now(source, OWNER, "tests")
    ws.governance.decide_now(request.id, OWNER, True, "ok")


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
"""


def offline(ws: Workspace, message: str, key: str | None = "clinic") -> Any:
    return run(ws.orchestrator.assist(message, blueprint_key=key, offline=True))


def test_offline_proposal_accept_and_reject(workspace: Workspace) -> None:
    new_blueprint(workspace)
    first = offline(workspace, "أضف الصيادلة")
    assert first.engine == "offline"
    assert first.status == "proposed"
    assert first.reply.startswith("أضفتُ الأدوار")
    run(workspace.orchestrator.reject(first.proposal.id, blueprint_key="clinic", actor=OWNER,
                                      reason="not now"))
    assert workspace.blueprints.get_now("clinic").version == 1
    kinds = [e.kind for e in run(workspace.orchestrator.history("clinic"))]
    assert kinds == ["message", "message", "proposal", "rejected"]
    second = offline(workspace, "add pharmacists and move the servers to Jeddah")
    run(workspace.orchestrator.accept(second.proposal.id, blueprint_key="clinic", actor=OWNER))
    current = workspace.blueprints.get_now("clinic").document
    assert current["compliance"] == ["hipaa", "pdpl"]
    assert {e["region"] for e in current["environments"]} == {"jeddah-dc1"}
    pharmacist = next(r for r in current["roles"] if r["name"] == "pharmacist")
    assert {p["entity"] for p in pharmacist["permissions"]} == {"prescription", "medication"}


def test_offline_answers(workspace: Workspace) -> None:
    new_blueprint(workspace)
    assert offline(workspace, "is it compliant?").status == "answered"
    assert "passes every check" in offline(workspace, "is it compliant?").reply
    assert "riyadh-dc1" in offline(workspace, "how much will it cost?").reply
    assert "«patient»" in offline(workspace, "explain the patient entity").reply
    assert offline(workspace, "انشر المنصة").status == "handed_off"
    assert offline(workspace, "hello there").status == "answered"
    assert offline(workspace, "is it compliant?", key=None).reply.startswith("Open or name")


def test_denied_acceptance_writes_nothing(workspace: Workspace) -> None:
    new_blueprint(workspace)
    adopt(workspace, DENY_AI)
    result = offline(workspace, "add pharmacists")
    with pytest.raises(ActionDeniedError, match="not accepted here"):
        run(workspace.orchestrator.accept(result.proposal.id, blueprint_key="clinic", actor=OWNER))
    assert workspace.blueprints.get_now("clinic").version == 1
    assert any(e.action == "ai.proposal.accept" and e.outcome == "denied"
               for e in workspace.audit.entries().entries)


def test_acceptance_needing_approval(workspace: Workspace) -> None:
    new_blueprint(workspace)
    adopt(workspace, APPROVE_AI)
    result = offline(workspace, "add pharmacists")
    with pytest.raises(ApprovalRequiredError):
        run(workspace.orchestrator.accept(result.proposal.id, blueprint_key="clinic", actor=OWNER,
                                          wait_for_approval=False))
    assert workspace.blueprints.get_now("clinic").version == 1


def test_unknown_actor_cannot_accept(workspace: Workspace) -> None:
    new_blueprint(workspace)
    result = offline(workspace, "add pharmacists")
    with pytest.raises(ActionDeniedError, match="not a user"):
        run(workspace.orchestrator.accept(result.proposal.id, blueprint_key="clinic", actor="mallory"))


def test_rule_based_review_and_a_suggestion_accepted(workspace: Workspace) -> None:
    new_blueprint(workspace)
    review = run(workspace.orchestrator.suggestions.review("clinic", offline=True))
    assert [c.category for c in review.categories] == ["security", "performance", "compliance",
                                                       "best_practice"]
    performance = review.categories[1]
    assert performance.score < 100
    item = next(s for s in performance.suggestions if s.id == "performance.index.patient.payer")
    proposal = run(workspace.orchestrator.suggestions.propose("clinic", review.id, item.id))
    assert proposal.patch == list(item.operations)
    run(workspace.orchestrator.accept(proposal.id, blueprint_key="clinic", actor=OWNER))
    patient = next(e for e in workspace.blueprints.get_now("clinic").document["entities"]
                   if e["name"] == "patient")
    assert next(f for f in patient["fields"] if f["name"] == "payer")["indexed"] is True
    past = run(workspace.orchestrator.suggestions.reviews("clinic"))
    assert [p.id for p in past] == [review.id]
    assert past[0].scores["performance"] == performance.score


def test_review_flags_compliance_with_a_fix(workspace: Workspace) -> None:
    new_blueprint(workspace)
    document = workspace.blueprints.get_now("clinic").document
    for env in document["environments"]:
        if env["name"] == "production":
            env["backups"] = False
            env.pop("backup_retention_days", None)
    # HIPAA makes this an error: saving is still allowed (compliance findings are reported)
    workspace.blueprints.save_now("clinic", document, 1, OWNER)
    review = run(workspace.orchestrator.suggestions.review("clinic", offline=True))
    compliance = review.categories[2]
    assert compliance.score < 100
    fix = next(s for s in compliance.suggestions if "HIPAA-164.308" in s.id)
    assert fix.operations


def test_claude_review_is_merged(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(tool("record_review", {"categories": [
        {"category": "security", "score": 70, "reasoning": "Sessions are long.",
         "suggestions": [{"title": "Shorten sessions", "reasoning": "Idle sessions leak."}]}]}))
    review = run(workspace.orchestrator.suggestions.review("clinic"))
    assert review.engine == "claude"
    security = review.categories[0]
    assert security.score == 70
    assert any(s.source == "claude" and s.title_en == "Shorten sessions" for s in security.suggestions)
    body = claude.requests[0].body
    assert body["tool_choice"] == {"type": "tool", "name": "record_review"}
    assert [e.data["purpose"] for e in events_of(workspace, "ai-usage:")] == ["review"]


def test_explain_offline(workspace: Workspace) -> None:
    new_blueprint(workspace)
    explainer = workspace.orchestrator.explainer
    node = run(explainer.explain("clinic", "/entities/4", offline=True))
    assert node.engine == "offline"
    assert "«patient»" in node.text
    field = run(explainer.explain("clinic", "/entities/4/fields/1", language="ar", offline=True))
    assert "national_id" in field.text
    finding = Finding("/entities/4/audit_log", "HIPAA-164.312(b)", Severity.error, "m", "م",
                      source="hipaa")
    about = run(explainer.explain("clinic", finding, offline=True))
    assert "45 CFR 164.312(b)" in about.text
    assert "«patient»" in about.text
    rule = run(explainer.explain("clinic", "ai-limits", offline=True))
    assert "5000000" in rule.text
    entries = run(workspace.orchestrator.history("clinic"))
    assert len(entries) == 8


def test_explain_with_claude_streams(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(text("The patient entity keeps each patient's record."))
    pieces: list[str] = []
    result = run(workspace.orchestrator.explainer.explain(
        "clinic", "patient", listener=lambda e: pieces.append(e.text) if e.kind == "text" else None))
    assert result.engine == "claude"
    assert "".join(pieces) == result.text
    assert "tools" not in claude.requests[0].body
    assert events_of(workspace, "ai-usage:")[0].data["purpose"] == "explain"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_a_check_explained_by_its_id_leaves_no_placeholder(workspace: Workspace, language: str) -> None:
    new_blueprint(workspace)  # the healthcare template: HIPAA and PDPL, nothing tripped
    explainer = workspace.orchestrator.explainer
    for check_id in ("HIPAA-164.312(b)", "PDPL-29", "HIPAA-164.308(a)(7)(ii)(A)"):
        about = run(explainer.explain("clinic", check_id, language=language, offline=True))
        assert "…" not in about.text and "«»" not in about.text, about.text
        assert "{" not in about.text, about.text
