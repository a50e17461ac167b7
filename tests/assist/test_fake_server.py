"""The loopback fake answers as the Messages API documents, seen through the real SDK."""

from __future__ import annotations

import asyncio
from typing import Any

import anthropic
import httpx2
import pytest

from app.integrations.anthropic_client import AnthropicModel
from app.services.assistant_model import ModelConnection, ModelError, ModelErrorKind, ModelRequest
from tests.assist.fake_anthropic import (
    API_KEY,
    Failure,
    FakeAnthropic,
    StreamFailure,
    cut_off,
    refusal,
    text,
    tool,
)


def call(fake: FakeAnthropic, request: ModelRequest, key: str = API_KEY) -> Any:
    async def go() -> Any:
        model = AnthropicModel(ModelConnection(key, fake.base_url, 5))
        pieces: list[str] = []
        try:
            reply = await model.complete(request, pieces.append)
        finally:
            await model.aclose()
        return reply, pieces
    return asyncio.run(go())


def req(**kw: Any) -> ModelRequest:
    values: dict[str, Any] = {"model": "claude-sonnet-4-6", "system": "terse",
                              "messages": [{"role": "user", "content": "hi"}], "max_tokens": 50}
    return ModelRequest(**{**values, **kw})


def test_streaming_text_and_tool_use(fake: FakeAnthropic) -> None:
    fake.script(tool("lookup", {"q": "نص عربي", "n": [1, 2, 3]}, note="Looking it up."))
    reply, pieces = call(fake, req(tools=[{"name": "lookup", "input_schema": {"type": "object"}}]))
    assert "".join(pieces) == "Looking it up."
    assert len(pieces) > 1  # arrived in several deltas
    assert reply.tool_calls[0].input == {"q": "نص عربي", "n": [1, 2, 3]}
    assert reply.stop_reason == "tool_use"
    assert reply.content[1]["type"] == "tool_use"


def test_non_streaming_reply(fake: FakeAnthropic) -> None:
    fake.script(text("plain", output_tokens=7))
    reply, pieces = call(fake, req(stream=False))
    assert reply.text == "plain"
    assert reply.output_tokens == 7
    assert pieces == []
    assert "stream" not in fake.requests[0].body or fake.requests[0].body["stream"] is False


def test_wrong_key_is_401(fake: FakeAnthropic) -> None:
    with pytest.raises(ModelError) as info:
        call(fake, req(), key="sk-ant-api03-not-the-right-one-000")
    assert info.value.kind is ModelErrorKind.auth
    assert info.value.status == 401


@pytest.mark.parametrize(("request_kw", "message"), [
    ({"messages": [{"role": "assistant", "content": "hi"}]}, "first message"),
    ({"messages": [{"role": "user", "content": [{"type": "tool_result", "tool_use_id": "toolu_x"}]}]},
     "tool_use_id"),
    ({"tools": [{"name": "bad name!", "input_schema": {"type": "object"}}]}, "tools.0.name"),
    ({"tools": [{"name": "t", "input_schema": {"type": "object"}}],
      "tool_choice": {"type": "tool", "name": "other"}}, "tool_choice.name"),
])
def test_invalid_requests_get_400_in_the_documented_shape(fake: FakeAnthropic,
                                                          request_kw: dict[str, Any],
                                                          message: str) -> None:
    with pytest.raises(ModelError) as info:
        call(fake, req(**request_kw))
    assert info.value.kind is ModelErrorKind.bad_request
    assert message in info.value.detail
    assert fake.requests == []


def test_error_body_and_headers_through_the_sdk(fake: FakeAnthropic) -> None:
    fake.script(Failure(429, "Number of request tokens has exceeded your per-minute rate limit",
                        {"retry-after": "7"}))

    async def go() -> anthropic.RateLimitError:
        async with httpx2.AsyncClient() as http:
            client = anthropic.AsyncAnthropic(api_key=API_KEY, base_url=fake.base_url,
                                              max_retries=0, http_client=http, open_telemetry=False)
            try:
                await client.messages.create(model="claude-sonnet-4-6", max_tokens=5,
                                             messages=[{"role": "user", "content": "hi"}])
            except anthropic.RateLimitError as exc:
                return exc
            raise AssertionError("no error")

    exc = asyncio.run(go())
    assert exc.status_code == 429
    assert exc.type == "rate_limit_error"
    assert exc.response.headers["retry-after"] == "7"
    assert exc.request_id is not None
    assert exc.request_id.startswith("req_")


def test_error_event_in_the_middle_of_a_stream(fake: FakeAnthropic) -> None:
    fake.script(StreamFailure("overloaded_error", "Overloaded", partial_text="Part"))
    with pytest.raises(ModelError) as info:
        call(fake, req())
    assert info.value.kind is ModelErrorKind.overloaded
    assert info.value.status == 200
    assert info.value.retryable


def test_recorded_text_capture(fake: FakeAnthropic) -> None:
    from pathlib import Path

    from tests.assist.fake_anthropic import Recorded

    capture = (Path(__file__).parent / "sse_fixtures" / "basic_response.txt").read_text()
    fake.script(Recorded(capture))
    reply, pieces = call(fake, req())
    assert pieces == ["Hello", " there", "!"]
    assert reply.text == "Hello there!"
    assert (reply.input_tokens, reply.output_tokens) == (11, 6)


def raw_post(fake: FakeAnthropic, body: dict[str, Any]) -> httpx2.Response:
    headers = {"x-api-key": API_KEY, "anthropic-version": "2023-06-01"}
    return httpx2.post(f"{fake.base_url}/v1/messages", json=body, headers=headers, timeout=5)


BODY = {"model": "claude-sonnet-4-6", "max_tokens": 5, "messages": [{"role": "user", "content": "hi"}]}


def test_every_response_has_a_request_id_and_rate_limit_headers(fake: FakeAnthropic) -> None:
    fake.script(text("ok"), Failure(429, "slow down"), Failure(529, "Overloaded"))
    ok, limited, overloaded = (raw_post(fake, BODY) for _ in range(3))
    assert [r.status_code for r in (ok, limited, overloaded)] == [200, 429, 529]
    assert [r.headers["request-id"] for r in (ok, limited, overloaded)] == fake.request_ids
    for kind in ("requests", "tokens", "input-tokens", "output-tokens"):
        assert int(ok.headers[f"anthropic-ratelimit-{kind}-limit"]) > 0
        assert int(ok.headers[f"anthropic-ratelimit-{kind}-remaining"]) > 0
        assert ok.headers[f"anthropic-ratelimit-{kind}-reset"].endswith("Z")
        assert limited.headers[f"anthropic-ratelimit-{kind}-remaining"] == "0"
    assert ok.headers["anthropic-ratelimit-requests-remaining"] == "49"
    assert limited.headers["retry-after"] == "1"
    assert "retry-after" not in overloaded.headers
    error = limited.json()
    assert error["type"] == "error"
    assert error["error"]["type"] == "rate_limit_error"
    assert error["request_id"] == limited.headers["request-id"]
    assert overloaded.json()["error"]["type"] == "overloaded_error"


def test_overloaded_is_an_sdk_overloaded_error_with_its_request_id(fake: FakeAnthropic) -> None:
    fake.script(Failure(529, "Overloaded"))
    with pytest.raises(ModelError) as info:
        call(fake, req())
    assert info.value.kind is ModelErrorKind.overloaded
    assert info.value.status == 529
    assert info.value.retryable
    assert info.value.request_id == fake.request_ids[0]
    assert fake.request_ids[0] in str(info.value)


def test_error_event_mid_stream_carries_the_request_id(fake: FakeAnthropic) -> None:
    fake.script(StreamFailure())
    with pytest.raises(ModelError) as info:
        call(fake, req())
    assert info.value.request_id == fake.request_ids[0]


def test_scripted_cut_tool_call_streams_incomplete_json(fake: FakeAnthropic) -> None:
    payload = {"operations": [{"op": "add", "path": "/a", "value": 1},
                              {"op": "add", "path": "/b", "value": 2}]}
    fake.script(cut_off(tool("lookup", payload), 60))  # inside the second operation
    reply, _ = call(fake, req(tools=[{"name": "lookup", "input_schema": {"type": "object"}}]))
    assert reply.stop_reason == "max_tokens"
    assert reply.tool_calls[0].input["operations"][0] == {"op": "add", "path": "/a", "value": 1}
    assert reply.tool_calls[0].input != payload


def test_scripted_refusal_streams_its_stop_details(fake: FakeAnthropic) -> None:
    fake.script(refusal(category="bio", explanation="Refused."))
    reply, pieces = call(fake, req())
    assert reply.stop_reason == "refusal"
    assert reply.stop_details == {"type": "refusal", "category": "bio", "explanation": "Refused."}
    assert pieces == []
    assert reply.text == ""


def test_cache_control_marks_are_checked(fake: FakeAnthropic) -> None:
    mark = {"type": "ephemeral"}
    blocks = [{"type": "text", "text": f"part {i}", "cache_control": mark} for i in range(5)]
    too_many = raw_post(fake, {**BODY, "messages": [{"role": "user", "content": blocks}]})
    assert too_many.status_code == 400
    assert "A maximum of 4 blocks with cache_control" in too_many.json()["error"]["message"]
    wrong = raw_post(fake, {**BODY, "system": [{"type": "text", "text": "s",
                                                "cache_control": {"type": "forever"}}]})
    assert wrong.status_code == 400
    assert "system.0.cache_control.type" in wrong.json()["error"]["message"]
    assert fake.requests == []
