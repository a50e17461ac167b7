"""Retries of real calls through the SDK and the loopback fake: the waits the gateway
computes (recorded, not slept), what is retried, and the error the owner finally sees."""

from __future__ import annotations

import pytest

from app.bootstrap import Workspace
from app.services.assistant_gateway import AssistError, AssistEvent
from tests.assist.conftest import events_of, new_blueprint, run
from tests.assist.fake_anthropic import Failure, FakeAnthropic, StreamFailure
from tests.assist.test_claude_flows import PHARMACIST, ask, propose


def test_retry_after_zero_falls_back_to_the_backoff(workspace: Workspace, claude: FakeAnthropic,
                                                    sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(*[Failure(429, "slow down", {"retry-after": "0"})] * 3, propose(PHARMACIST))
    result = ask(workspace, "add a pharmacist role")
    assert result.status == "proposed"
    assert sleeps == [0.5, 1.0, 2.0]


def test_long_retry_after_uses_the_backoff_and_is_named_in_the_error(
        workspace: Workspace, claude: FakeAnthropic, sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(*[Failure(429, "slow down", {"retry-after": "120"})] * 4)
    with pytest.raises(AssistError) as info:
        ask(workspace, "add a pharmacist role")
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(claude.requests) == 4
    message = str(info.value)
    assert "rate limit" in message
    assert "wait 120 s" in message
    assert f"request id {claude.request_ids[-1]}" in message
    assert "nothing was changed" in message


def test_jitter_shortens_each_backoff(workspace: Workspace, claude: FakeAnthropic,
                                      sleeps: list[float]) -> None:
    new_blueprint(workspace)
    draws = iter([0.5, 0.0, 0.999])
    workspace.orchestrator.gateway.jitter = lambda: next(draws)
    claude.script(Failure(500, "oops"), Failure(503, "down"), Failure(529, "Overloaded"),
                  propose(PHARMACIST))
    assert ask(workspace, "add a pharmacist role").status == "proposed"
    assert sleeps == pytest.approx([0.5 * 0.875, 1.0, 2.0 * (1 - 0.25 * 0.999)])


def test_conflict_and_request_timeout_are_retried(workspace: Workspace, claude: FakeAnthropic,
                                                  sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(409, "lock timeout"), Failure(408, "request timeout"),
                  propose(PHARMACIST))
    assert ask(workspace, "add a pharmacist role").status == "proposed"
    assert sleeps == [0.5, 1.0]
    assert len(claude.requests) == 3


def test_x_should_retry_false_stops_at_once(workspace: Workspace, claude: FakeAnthropic,
                                            sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(529, "Overloaded", {"x-should-retry": "false"}), propose(PHARMACIST))
    with pytest.raises(AssistError, match="overloaded"):
        ask(workspace, "add a pharmacist role")
    assert sleeps == []
    assert claude.remaining == 1


def test_x_should_retry_true_retries_a_bad_request(workspace: Workspace, claude: FakeAnthropic,
                                                   sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(400, "try again", {"x-should-retry": "true", "retry-after-ms": "20"}),
                  propose(PHARMACIST))
    assert ask(workspace, "add a pharmacist role").status == "proposed"
    assert sleeps == [0.02]


def test_not_retried_error_names_the_request_id(workspace: Workspace, claude: FakeAnthropic,
                                                sleeps: list[float]) -> None:
    new_blueprint(workspace)
    claude.script(Failure(403, "this key may not use the model"))
    with pytest.raises(AssistError) as info:
        ask(workspace, "add a pharmacist role")
    assert sleeps == []
    assert "may not use this model" in str(info.value)
    assert claude.request_ids[0] in str(info.value)


def test_error_in_the_middle_of_a_stream_names_the_request_id(
        workspace: Workspace, claude: FakeAnthropic, sleeps: list[float]) -> None:
    new_blueprint(workspace)
    run(workspace.orchestrator.gateway.update_settings("owner", max_retries=1))
    claude.script(StreamFailure(), StreamFailure("api_error", "Internal server error"))
    events: list[AssistEvent] = []
    with pytest.raises(AssistError) as info:
        ask(workspace, "add a pharmacist role", listener=events.append)
    assert sleeps == [0.5]
    assert [e.kind for e in events].count("retry") == 1
    assert "during the reply, api_error" in str(info.value)
    assert f"request id {claude.request_ids[1]}" in str(info.value)
    assert events_of(workspace, "ai-usage:") == []
