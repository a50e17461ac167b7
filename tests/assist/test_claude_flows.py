"""Scripted conversations with the loopback fake, through the real SDK: a valid proposal,
one repaired on retry, one that never becomes valid, an attempt to deploy or approve, a
budget exceeded before the call, and the failures that are retried or reported."""

from __future__ import annotations

import asyncio
import socket
from decimal import Decimal
from typing import Any

import pytest

from app.bootstrap import Workspace
from app.domain.errors import ConcurrencyError
from app.services.ai_usage import UsageRecord
from app.services.assistant_gateway import AssistError, AssistEvent
from app.services.conversations import ProposalDecidedError
from tests.assist.conftest import OWNER, events_of, new_blueprint, run
from tests.assist.fake_anthropic import (
    Delay,
    Failure,
    FakeAnthropic,
    Recorded,
    StreamFailure,
    text,
    tool,
)

PHARMACIST = {"op": "add", "path": "/roles/-", "value": {
    "name": "pharmacist", "label": {"en": "Pharmacist", "ar": "صيدلي"},
    "permissions": [{"entity": "medication", "actions": ["list", "read"]}]}}
UNKNOWN_ENTITY = {"op": "add", "path": "/roles/-", "value": {
    "name": "pharmacist", "label": {"en": "Pharmacist", "ar": "صيدلي"},
    "permissions": [{"entity": "potion", "actions": ["list"]}]}}
PLAIN_HEALTH = {"op": "add", "path": "/entities/0/fields/-", "value": {
    "name": "diagnosis", "label": {"en": "Diagnosis", "ar": "التشخيص"}, "type": "text",
    "classification": "sensitive_health"}}


def propose(*ops: dict[str, Any], note: str = "Here is the change.") -> Any:
    return tool("propose_blueprint_patch", {"intent": "modify", "rationale": "Adds a pharmacist role.",
                                            "operations": list(ops)}, note=note)


def ask(ws: Workspace, message: str, key: str | None = "clinic", **kw: Any) -> Any:
    return run(ws.orchestrator.assist(message, blueprint_key=key, **kw))


def test_valid_proposal_streams_records_usage_and_is_accepted(workspace: Workspace,
                                                              claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(propose(PHARMACIST, note="I will add a pharmacist role."))
    seen: list[AssistEvent] = []
    result = ask(workspace, "add a pharmacist role", listener=seen.append)
    assert result.engine == "claude"
    assert result.status == "proposed"
    assert result.model == "claude-sonnet-4-6"
    assert "".join(e.text for e in seen if e.kind == "text") == "I will add a pharmacist role."
    proposal = result.proposal
    assert proposal.patch == [PHARMACIST]
    assert [c.describe() for c in proposal.diff.changes] == ["role pharmacist added"]
    assert result.usage[0].input_tokens == 120
    written = result.usage[0].cache_creation_input_tokens  # the first call fills the cache
    assert written > 1024
    price = (Decimal(120 * 3 + 40 * 15) + Decimal(written) * Decimal("3.75")) / 1_000_000
    assert result.usage[0].cost == price.quantize(Decimal("0.000001"))
    # the request carried the tool, the base document and a streaming flag
    body = claude.requests[0].body
    assert body["stream"] is True
    assert [t["name"] for t in body["tools"]] == ["propose_blueprint_patch"]
    assert '"key":"clinic"' in body["messages"][-1]["content"][0]["text"]
    # nothing applied until a person accepts
    assert workspace.blueprints.get_now("clinic").version == 1
    usage = events_of(workspace, "ai-usage:")
    assert [e.type for e in usage] == ["AiUsageRecorded"]
    assert usage[0].data["model"] == "claude-sonnet-4-6"
    assert usage[0].data["cost"] == str(result.usage[0].cost)
    assert usage[0].data["engine"] == "claude"

    accepted = run(workspace.orchestrator.accept(proposal.id, blueprint_key="clinic", actor=OWNER))
    version = workspace.blueprints.get_now("clinic")
    assert version.version == 2
    assert version.actor == OWNER
    assert any(r["name"] == "pharmacist" for r in version.document["roles"])
    revised = workspace.store.read_stream("blueprint:default:clinic")[-1]
    assert revised.metadata["ai_conversation"] == result.conversation_id
    assert revised.metadata["proposal"] == proposal.id
    assert revised.metadata["engine"] == "claude"
    assert accepted.version.version == 2
    entries = workspace.audit.entries().entries
    assert any(e.action == "ai.proposal.accept" and e.actor == OWNER for e in entries)
    with pytest.raises(ProposalDecidedError):
        run(workspace.orchestrator.accept(proposal.id, blueprint_key="clinic", actor=OWNER))


def test_invalid_proposal_is_repaired_with_the_exact_errors(workspace: Workspace,
                                                            claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(propose(UNKNOWN_ENTITY), propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "proposed"
    assert result.attempts == 2
    second = claude.requests[1].body["messages"]
    assert second[-2]["role"] == "assistant"
    feedback = second[-1]["content"][0]
    assert feedback["type"] == "tool_result"
    assert feedback["is_error"] is True
    assert "reference.unknown_entity" in feedback["content"]
    assert "/roles/5/permissions/0/entity" in feedback["content"]
    assert len(events_of(workspace, "ai-usage:")) == 2


def test_proposal_that_never_validates_is_rejected(workspace: Workspace,
                                                   claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    bad_op = {"op": "replace", "path": "/nothing/here", "value": 1}
    claude.script(propose(UNKNOWN_ENTITY), propose(PLAIN_HEALTH), propose(bad_op))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "rejected"
    assert result.proposal is None
    assert result.attempts == 3
    assert "nothing was changed" in result.reply
    assert "operation 0" in result.reply
    third_feedback = claude.requests[2].body["messages"][-1]["content"][0]["content"]
    assert "HIPAA-164.312(a)(2)(iv)" in third_feedback
    assert workspace.blueprints.get_now("clinic").version == 1
    assert claude.remaining == 0


@pytest.mark.parametrize("name", ["deploy_platform", "approve_request", "apply_patch"])
def test_attempts_to_act_are_refused(workspace: Workspace, claude: FakeAnthropic, name: str) -> None:
    new_blueprint(workspace)
    claude.script(tool(name, {"environment": "production"}), text("Understood: I can only propose."))
    result = ask(workspace, "add a pharmacist role")
    assert result.proposal is None
    assert result.status == "answered"
    assert [r.tool for r in result.refused] == [name]
    assert "never" in result.refused[0].reason
    feedback = claude.requests[1].body["messages"][-1]["content"][0]
    assert feedback["is_error"] is True
    assert "Refused" in feedback["content"]
    audit = workspace.audit.entries().entries
    assert any(e.action == "ai.tool_refused" and e.outcome == "refused" for e in audit)
    assert workspace.blueprints.get_now("clinic").version == 1


def test_deploy_request_is_handed_over_without_a_call(workspace: Workspace,
                                                      claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    result = ask(workspace, "deploy the clinic to production")
    assert result.status == "handed_off"
    assert result.intent.kind.value == "deploy"
    assert claude.requests == []


def test_budget_exceeded_stops_before_the_call(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    workspace.orchestrator.gateway.usage.record_now(
        UsageRecord.for_call("claude-sonnet-4-6", 4_999_000, 900, "assist"), OWNER)
    claude.script(propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "denied"
    assert "token budget" in result.reply
    assert claude.requests == []
    assert claude.remaining == 1
    conversation = run(workspace.orchestrator.history("clinic"))
    assert conversation == []
    audit = workspace.audit.entries().entries
    assert any(e.action == "governance.check" and e.outcome == "deny" for e in audit)


def test_rate_limit_and_overload_are_retried_honouring_retry_after(
        workspace: Workspace, claude: FakeAnthropic, sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(429, "slow down", {"retry-after": "3"}),
                  Failure(529, "Overloaded", {"retry-after-ms": "250"}),
                  StreamFailure(),
                  propose(PHARMACIST))
    events: list[AssistEvent] = []
    result = ask(workspace, "add a pharmacist role", listener=events.append)
    assert result.status == "proposed"
    assert sleeps == [3.0, 0.25, 2.0]  # the server's hints, then backoff for the stream error
    assert [e.kind for e in events if e.kind == "retry"] == ["retry"] * 3
    assert [r.headers.get("x-stainless-retry-count") for r in claude.requests] == ["0"] * 4
    assert len(claude.requests) == 4


def test_failure_after_retries_leaves_everything_as_it_was(workspace: Workspace,
                                                           claude: FakeAnthropic,
                                                           sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(529, "Overloaded"), Failure(500, "oops"), Failure(503, "unavailable"),
                  Failure(529, "Overloaded"))
    with pytest.raises(AssistError, match=r"overloaded.*nothing was changed"):
        ask(workspace, "add a pharmacist role")
    assert sleeps == [0.5, 1.0, 2.0]
    assert run(workspace.orchestrator.history("clinic")) == []
    assert workspace.blueprints.get_now("clinic").version == 1
    assert events_of(workspace, "ai-usage:") == []


def test_wrong_key_is_reported_without_the_key(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    workspace.orchestrator.gateway.secrets.set("anthropic/api-key", "sk-ant-api03-wrong-key-000000001")
    with pytest.raises(AssistError) as info:
        ask(workspace, "add a pharmacist role")
    assert "API key was refused" in str(info.value)
    assert "sk-ant" not in str(info.value)
    assert claude.refused == [(401, "invalid x-api-key")]


def test_no_network_falls_back_to_the_offline_planner(workspace: Workspace,
                                                      claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    run(workspace.orchestrator.gateway.update_settings(OWNER, base_url=f"http://127.0.0.1:{port}",
                                                       max_retries=0))
    result = ask(workspace, "add pharmacists")
    assert result.engine == "offline"
    assert result.status == "proposed"
    assert any("could not be reached" in n for n in result.notes)


def test_timeout_is_reported(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    run(workspace.orchestrator.gateway.update_settings(OWNER, timeout_seconds=1, max_retries=0))
    claude.script(Delay(2.0, propose(PHARMACIST)))
    with pytest.raises(AssistError, match="did not answer in time"):
        ask(workspace, "add a pharmacist role")


def test_new_platform_with_claude_is_created_on_accept(workspace: Workspace,
                                                       claude: FakeAnthropic) -> None:
    ops = [{"op": "replace", "path": "/key", "value": "clinic-jeddah"},
           {"op": "replace", "path": "/tenant_id", "value": "clinic-jeddah"}]
    claude.script(tool("propose_blueprint_patch", {"intent": "create", "rationale": "A clinic.",
                                                   "operations": ops}))
    result = ask(workspace, "a clinic platform in Jeddah", key=None)
    assert result.proposal.creates
    assert result.proposal.base.template == "healthcare"
    accepted = run(workspace.orchestrator.accept(result.proposal.id, actor=OWNER))
    assert accepted.version.key == "clinic-jeddah"
    assert workspace.blueprints.get_now("clinic-jeddah").version == 1


def test_model_may_switch_template_for_a_new_platform(workspace: Workspace,
                                                      claude: FakeAnthropic) -> None:
    ops = [{"op": "replace", "path": "/key", "value": "academy"}]
    claude.script(tool("propose_blueprint_patch", {"rationale": "x", "template": "education",
                                                   "operations": ops}),
                  tool("propose_blueprint_patch", {"rationale": "x", "operations": ops}))
    result = ask(workspace, "a platform for our members", key=None)
    assert result.status == "proposed"
    assert result.proposal.base.template == "education"
    assert "BASE is now the education template" in claude.requests[1].body["messages"][-1]["content"][0]["content"]


def test_plain_answer_and_conversation_history(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(text("Patients hold personal data."), text("Yes, encrypted at rest."))
    first = ask(workspace, "what does the patient entity hold?")
    assert first.status == "answered"
    second = ask(workspace, "and is it encrypted?", conversation_id=first.conversation_id)
    sent = claude.requests[1].body["messages"]
    assert [m["role"] for m in sent] == ["user", "assistant", "user"]
    assert sent[1]["content"] == "Patients hold personal data."
    history = run(workspace.orchestrator.history("clinic", first.conversation_id))
    assert [(e.role, e.data.get("engine")) for e in history] == [
        ("user", None), ("assistant", "claude"), ("user", None), ("assistant", "claude")]
    assert second.conversation_id == first.conversation_id


def test_recorded_sdk_capture_is_read(workspace: Workspace, claude: FakeAnthropic) -> None:
    from pathlib import Path

    new_blueprint(workspace)
    capture = (Path(__file__).parent / "sse_fixtures" / "tool_use_response.txt").read_text()
    claude.script(Recorded(capture), text("Sorry, only proposals."))
    result = ask(workspace, "what's the weather?")
    assert [r.tool for r in result.refused] == ["get_weather"]
    assert result.usage[0].input_tokens == 377


def test_cancelling_leaves_the_conversation_unchanged(workspace: Workspace,
                                                      claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(Delay(1.0, propose(PHARMACIST)))

    async def go() -> None:
        task = asyncio.ensure_future(workspace.orchestrator.assist("add a pharmacist", blueprint_key="clinic"))
        await asyncio.sleep(0.3)
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task

    run(go())
    assert run(workspace.orchestrator.history("clinic")) == []


def test_stale_proposal_is_not_applied(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    document = workspace.blueprints.get_now("clinic").document
    document["description"] = {"en": "Changed meanwhile", "ar": "تغير"}
    workspace.blueprints.save_now("clinic", document, 1, OWNER)
    with pytest.raises(ConcurrencyError):
        run(workspace.orchestrator.accept(result.proposal.id, blueprint_key="clinic", actor=OWNER))
