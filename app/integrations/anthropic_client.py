"""Claude through the official ``anthropic`` SDK: the AssistantModel port.

The only module that imports the SDK. Calls stream (text arrives as it is written);
retries are left to the gateway (``max_retries=0`` here), which applies the SDK's own rules
(``app.domain.assist.retry``) but also retries an error that arrives in the middle of a
stream, reports each wait to the chat and can be tested without sleeping. SDK errors become
``ModelError`` with the kind, the status, the SDK's retry decision, the server's retry hint
and the request id; the API key never appears in a message.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import anthropic
import httpx2

from app.domain.assist.retry import parse_retry_after, should_retry
from app.domain.redaction import redactor
from app.services.assistant_model import (
    ModelConnection,
    ModelError,
    ModelErrorKind,
    ModelReply,
    ModelRequest,
    ToolCall,
)

EPHEMERAL = {"type": "ephemeral"}
_BY_TYPE = {
    "rate_limit_error": ModelErrorKind.rate_limited,
    "overloaded_error": ModelErrorKind.overloaded,
    "api_error": ModelErrorKind.server,
    "timeout_error": ModelErrorKind.timeout,
    "authentication_error": ModelErrorKind.auth,
    "permission_error": ModelErrorKind.permission,
    "billing_error": ModelErrorKind.billing,
    "invalid_request_error": ModelErrorKind.bad_request,
    "not_found_error": ModelErrorKind.bad_request,
    "request_too_large": ModelErrorKind.bad_request,
}


def _kind_for_status(status: int) -> ModelErrorKind:
    if status == 429:
        return ModelErrorKind.rate_limited
    if status == 529:
        return ModelErrorKind.overloaded
    if status == 408:
        return ModelErrorKind.timeout
    if status == 409:
        return ModelErrorKind.conflict
    if status >= 500:
        return ModelErrorKind.server
    return {401: ModelErrorKind.auth, 403: ModelErrorKind.permission,
            402: ModelErrorKind.billing}.get(status, ModelErrorKind.bad_request
                                             if 400 <= status < 500 else ModelErrorKind.other)


def status_error(exc: anthropic.APIStatusError) -> ModelError:
    """A status error (or an ``error`` event in the middle of a stream, which arrives with
    the stream's HTTP 200) as a ModelError."""
    error_type = getattr(exc, "type", None)
    if exc.status_code == 200 or exc.status_code not in (409, 429, 529):
        kind = _BY_TYPE.get(str(error_type), _kind_for_status(exc.status_code))
    else:
        kind = _kind_for_status(exc.status_code)
    message = getattr(exc, "api_message", None) or str(exc)
    headers = dict(exc.response.headers.items()) if exc.response is not None else {}
    detail = f"HTTP {exc.status_code}" if exc.status_code != 200 else "during the reply"
    detail += f", {error_type}: {redactor.redact(str(message))}" if error_type else ""
    # an error event inside a stream has no status of its own: its kind decides
    retryable = None if exc.status_code == 200 else should_retry(exc.status_code, headers)
    request_id = getattr(exc, "request_id", None) or _body_request_id(exc.body)
    return ModelError(kind, detail, status=exc.status_code, retry_after=parse_retry_after(headers),
                      request_id=request_id, retryable=retryable)


def _body_request_id(body: object) -> str | None:
    value = body.get("request_id") if isinstance(body, dict) else None
    return value if isinstance(value, str) and value else None


def _content(block: Any) -> dict[str, Any]:
    if block.type == "text":
        return {"type": "text", "text": block.text}
    if block.type == "tool_use":
        return {"type": "tool_use", "id": block.id, "name": block.name, "input": block.input}
    dumped: dict[str, Any] = block.model_dump(mode="json", exclude_none=True)
    return dumped


class AnthropicModel:
    def __init__(self, connection: ModelConnection,
                 http_client: httpx2.AsyncClient | None = None) -> None:
        redactor.register(connection.api_key)
        self._client = anthropic.AsyncAnthropic(
            api_key=connection.api_key,
            base_url=connection.base_url,
            timeout=connection.timeout,
            max_retries=0,
            open_telemetry=False,
            http_client=http_client,
        )

    async def complete(self, request: ModelRequest,
                       on_text: Callable[[str], None] | None = None) -> ModelReply:
        params: dict[str, Any] = {"model": request.model, "max_tokens": request.max_tokens,
                                  "messages": request.messages}
        if request.system:
            params["system"] = ([{"type": "text", "text": request.system, "cache_control": EPHEMERAL}]
                                if request.cache else request.system)
        if request.tools:
            params["tools"] = request.tools
            if request.cache:  # the cache reads tools, then system: one mark covers the tools
                params["tools"] = [*request.tools[:-1], {**request.tools[-1], "cache_control": EPHEMERAL}]
        if request.tool_choice:
            params["tool_choice"] = request.tool_choice
        try:
            if request.stream:
                async with self._client.messages.stream(**params) as stream:
                    async for event in stream:
                        if event.type == "text" and on_text is not None:
                            on_text(event.text)
                    message = await stream.get_final_message()
                    request_id = stream.request_id
            else:
                message = await self._client.messages.create(**params)
                request_id = getattr(message, "_request_id", None)
        except anthropic.APIStatusError as exc:
            raise status_error(exc) from None
        except anthropic.APITimeoutError:
            raise ModelError(ModelErrorKind.timeout) from None
        except anthropic.APIConnectionError as exc:
            raise ModelError(ModelErrorKind.connection, redactor.redact(str(exc.__cause__ or exc))) from None
        except anthropic.AnthropicError as exc:
            raise ModelError(ModelErrorKind.other, redactor.redact(str(exc))) from None
        text = "".join(b.text for b in message.content if b.type == "text")
        calls = [ToolCall(b.id, b.name, b.input) for b in message.content if b.type == "tool_use"]
        details = getattr(message, "stop_details", None)
        usage = message.usage
        return ModelReply(text, calls, message.stop_reason, usage.input_tokens,
                          usage.output_tokens, message.model,
                          [_content(b) for b in message.content], request_id,
                          None if details is None else details.model_dump(mode="json"),
                          usage.cache_creation_input_tokens or 0, usage.cache_read_input_tokens or 0)

    async def aclose(self) -> None:
        await self._client.close()


def anthropic_model(connection: ModelConnection) -> AnthropicModel:
    """The ModelFactory the console uses."""
    return AnthropicModel(connection)
