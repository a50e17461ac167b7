"""Why Claude stopped decides what happens: an answer cut at ``max_tokens`` is never a
proposal (asked once more with a larger limit), a refusal is told to the owner in their
language and recorded, any other reason is an error. Through the SDK and the loopback fake,
with the SDK's own recorded captures of a cut tool call and a refusal."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.bootstrap import Workspace
from app.services.ai_usage import UsageRecord
from app.services.assistant_gateway import AssistError, AssistEvent
from tests.assist.conftest import OWNER, events_of, new_blueprint, run
from tests.assist.fake_anthropic import FakeAnthropic, Recorded, Reply, cut_off, refusal, text
from tests.assist.test_claude_flows import PHARMACIST, ask, propose

CAPTURES = Path(__file__).parent / "sse_fixtures"
DIETITIAN = {"op": "add", "path": "/roles/-", "value": {
    "name": "dietitian", "label": {"en": "Dietitian", "ar": "أخصائي تغذية"},
    "permissions": [{"entity": "patient", "actions": ["list", "read"]}]}}


def cut_after_first_operation() -> Reply:
    """Two operations, cut in the middle of the second: the partial JSON still parses to a
    payload with the first operation alone."""
    reply = propose(PHARMACIST, DIETITIAN)
    payload = reply.content[-1]["input"]
    whole = json.dumps(payload, ensure_ascii=False)
    return cut_off(reply, whole.index('"dietitian"'))


def test_tool_call_cut_at_max_tokens_is_asked_again_with_a_larger_limit(
        workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(cut_after_first_operation(), propose(PHARMACIST, DIETITIAN))
    events: list[AssistEvent] = []
    result = ask(workspace, "add pharmacist and dietitian roles", listener=events.append)
    assert result.status == "proposed"
    assert result.proposal.patch == [PHARMACIST, DIETITIAN]
    assert [r.body["max_tokens"] for r in claude.requests] == [4096, 8192]
    # the cut reply is not part of the conversation sent again
    assert claude.requests[1].body["messages"] == claude.requests[0].body["messages"]
    retries = [e for e in events if e.kind == "retry"]
    assert len(retries) == 1
    assert "cut at 4096 tokens" in retries[0].text
    assert len(events_of(workspace, "ai-usage:")) == 2  # both calls cost tokens


def test_answer_cut_twice_is_a_clear_error_and_nothing_is_proposed(
        workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(cut_after_first_operation(), cut_after_first_operation())
    with pytest.raises(AssistError) as info:
        ask(workspace, "add pharmacist and dietitian roles")
    assert "cut off at the 8192-token limit" in str(info.value)
    assert "nothing was changed" in str(info.value)
    assert len(claude.requests) == 2
    assert run(workspace.orchestrator.history("clinic")) == []
    assert workspace.blueprints.get_now("clinic").version == 1


def test_answer_cut_at_the_largest_limit_is_not_retried(workspace: Workspace,
                                                        claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    run(workspace.orchestrator.gateway.update_settings(OWNER, max_tokens=32_000))
    claude.script(cut_after_first_operation(), propose(PHARMACIST, DIETITIAN))
    with pytest.raises(AssistError, match="cut off at the 32000-token limit"):
        ask(workspace, "add pharmacist and dietitian roles")
    assert len(claude.requests) == 1


def test_answer_cut_when_the_budget_does_not_allow_a_longer_one(
        workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    workspace.orchestrator.gateway.usage.record_now(
        UsageRecord.for_call("claude-sonnet-4-6", 4_900_000, 0, "assist"), OWNER)
    cut = cut_after_first_operation()
    cut.output_tokens = 90_000  # the first answer used up most of what was left
    claude.script(cut, propose(PHARMACIST, DIETITIAN))
    with pytest.raises(AssistError) as info:
        ask(workspace, "add pharmacist and dietitian roles")
    assert "cut off at the 4096-token limit" in str(info.value)
    assert "token budget" in str(info.value)
    assert len(claude.requests) == 1


def test_sdk_capture_of_a_cut_tool_call_is_not_used(workspace: Workspace,
                                                    claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(Recorded((CAPTURES / "incomplete_partial_json_response.txt").read_text()),
                  text("Here is a shorter answer."))
    result = ask(workspace, "write me a tax guide")
    assert result.status == "answered"
    assert result.refused == ()  # the cut make_file call was never read
    assert result.reply == "Here is a shorter answer."
    assert [r.body["max_tokens"] for r in claude.requests] == [4096, 8192]


@pytest.mark.parametrize(("message", "expected"), [
    ("add a pharmacist role", "Claude declined this request (Not something I can help with.)"),
    ("أضف دور صيدلي", "امتنع Claude عن هذا الطلب (السبب: Not something I can help with.)"),
])
def test_refusal_is_told_in_the_owners_language_and_recorded(
        workspace: Workspace, claude: FakeAnthropic, message: str, expected: str) -> None:
    new_blueprint(workspace)
    claude.script(refusal(explanation="Not something I can help with."), propose(PHARMACIST))
    result = ask(workspace, message)
    assert result.status == "refused"
    assert result.proposal is None
    assert result.reply.startswith(expected)
    assert result.refusal == {"type": "refusal", "category": "cyber",
                              "explanation": "Not something I can help with."}
    assert len(claude.requests) == 1  # no repair loop
    assert claude.remaining == 1
    history = run(workspace.orchestrator.history("clinic", result.conversation_id))
    assert [(e.role, e.data.get("status")) for e in history] == [("user", None),
                                                                 ("assistant", "refused")]
    assert history[1].data["refusal"]["category"] == "cyber"
    assert result.to_json()["refusal"]["explanation"] == "Not something I can help with."
    assert workspace.blueprints.get_now("clinic").version == 1


def test_refusal_inside_the_repair_loop_ends_it(workspace: Workspace,
                                                claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    bad = {"op": "replace", "path": "/nothing/here", "value": 1}
    claude.script(propose(bad), refusal(), propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "refused"
    assert result.attempts == 2
    assert claude.remaining == 1


def test_sdk_capture_of_a_refusal(workspace: Workspace, claude: FakeAnthropic) -> None:
    new_blueprint(workspace)
    claude.script(Recorded((CAPTURES / "refusal_response.txt").read_text()))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "refused"
    assert "This request was refused due to policy." in result.reply
    assert result.usage[0].input_tokens == 20


@pytest.mark.parametrize("reason", ["pause_turn", "model_context_window_exceeded", "new_reason"])
def test_other_stop_reasons_are_a_clear_error(workspace: Workspace, claude: FakeAnthropic,
                                              reason: str) -> None:
    new_blueprint(workspace)
    claude.script(Reply([{"type": "tool_use", "name": "propose_blueprint_patch",
                          "input": {"rationale": "x", "operations": [PHARMACIST]}}],
                        stop_reason=reason))
    with pytest.raises(AssistError) as info:
        ask(workspace, "add a pharmacist role")
    assert f"does not handle ({reason})" in str(info.value)
    assert "nothing was changed" in str(info.value)
    assert len(claude.requests) == 1
    assert run(workspace.orchestrator.history("clinic")) == []
