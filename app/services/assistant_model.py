"""The port to a language model, in the shape of the Messages API, and the assistant's
settings. ``app.integrations.anthropic_client`` implements it over the official SDK.

Requests and replies carry plain JSON (message and content-block dictionaries), so the
services never touch SDK types, and a failure is one ``ModelError`` that says whether a
retry can help and how long the server asked to wait.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, Protocol

from app.domain.assist.pricing import DEFAULT_MODEL
from app.domain.assist.retry import RETRYABLE_KINDS
from app.domain.errors import WebNovaError

API_KEY_SECRET = "anthropic/api-key"


class ModelErrorKind(StrEnum):
    rate_limited = "rate_limited"  # 429
    overloaded = "overloaded"  # 529, or an overloaded_error in the middle of a stream
    server = "server"  # other 5xx
    timeout = "timeout"
    connection = "connection"  # no network, refused, DNS
    auth = "auth"  # 401: the key is wrong or revoked
    permission = "permission"  # 403
    bad_request = "bad_request"  # 400, 404, 413, 422
    conflict = "conflict"  # 409 (a lock timeout on the server; retried)
    billing = "billing"  # 402
    other = "other"


_WHAT = {
    ModelErrorKind.rate_limited: "Claude's rate limit was reached",
    ModelErrorKind.overloaded: "Claude is overloaded",
    ModelErrorKind.server: "Claude's servers answered with an error",
    ModelErrorKind.timeout: "Claude did not answer in time",
    ModelErrorKind.connection: "Claude could not be reached (no network?)",
    ModelErrorKind.auth: "the Anthropic API key was refused; set a valid one in Settings",
    ModelErrorKind.permission: "the Anthropic API key may not use this model",
    ModelErrorKind.bad_request: "Claude refused the request",
    ModelErrorKind.conflict: "Claude's servers reported a conflict",
    ModelErrorKind.billing: "the Anthropic account has a billing problem",
    ModelErrorKind.other: "the call to Claude failed",
}


class ModelError(WebNovaError):
    """A failed call. The message names what happened, the server's wait when it asked for
    one, and the request id the owner can quote to Anthropic. ``retryable`` is the SDK's
    decision for an HTTP error (status and ``x-should-retry``); without a status (timeouts,
    dropped connections, an error in the middle of a stream) it follows the kind."""

    def __init__(self, kind: ModelErrorKind, detail: str = "", *, status: int | None = None,
                 retry_after: float | None = None, request_id: str | None = None,
                 retryable: bool | None = None) -> None:
        notes = [detail] if detail else []
        if retry_after is not None and retry_after > 0:
            notes.append(f"the server asks to wait {retry_after:g} s before trying again")
        if request_id:
            notes.append(f"request id {request_id}")
        super().__init__(_WHAT[kind] + (f" ({'; '.join(notes)})" if notes else ""))
        self.kind = kind
        self.detail = detail
        self.status = status
        self.retry_after = retry_after
        self.request_id = request_id
        self._retryable = retryable

    @property
    def retryable(self) -> bool:
        if self._retryable is not None:
            return self._retryable
        return self.kind.value in RETRYABLE_KINDS


@dataclass(frozen=True)
class ModelRequest:
    model: str
    system: str
    messages: list[dict[str, Any]]
    max_tokens: int
    tools: list[dict[str, Any]] = field(default_factory=list)
    tool_choice: dict[str, Any] | None = None
    stream: bool = True
    # mark the system prompt and the tools as a cached prefix; blocks of ``messages`` may
    # carry their own ``cache_control`` (the current blueprint does)
    cache: bool = False

    def size(self) -> int:
        """Characters sent, for the token estimate before the call."""
        import json

        return len(self.system) + len(json.dumps(self.messages, ensure_ascii=False)) + len(
            json.dumps(self.tools, ensure_ascii=False))


@dataclass(frozen=True)
class ToolCall:
    id: str
    name: str
    input: Any


@dataclass(frozen=True)
class ModelReply:
    text: str
    tool_calls: list[ToolCall]
    stop_reason: str | None
    input_tokens: int
    output_tokens: int
    model: str
    content: list[dict[str, Any]]  # the assistant turn, verbatim for the next request
    request_id: str | None = None
    stop_details: dict[str, Any] | None = None  # e.g. a refusal's category and explanation
    cache_creation_input_tokens: int = 0
    cache_read_input_tokens: int = 0


class AssistantModel(Protocol):
    async def complete(self, request: ModelRequest,
                       on_text: Callable[[str], None] | None = None) -> ModelReply:
        """One call; streamed text goes to ``on_text`` as it arrives. Raises ModelError."""
        ...

    async def aclose(self) -> None: ...


@dataclass(frozen=True)
class ModelConnection:
    api_key: str
    base_url: str | None = None
    timeout: float = 60.0

    def __repr__(self) -> str:  # never show the key, not even in a traceback
        return f"ModelConnection(base_url={self.base_url!r}, timeout={self.timeout})"


ModelFactory = Callable[[ModelConnection], AssistantModel]


@dataclass(frozen=True)
class AssistantSettings:
    """Per workspace; changed in Settings or with ``webnova assist config``."""

    model: str = DEFAULT_MODEL
    base_url: str | None = None  # e.g. the owner's own gateway in front of the API
    max_attempts: int = 3  # tries for a valid proposal before it is rejected
    max_tokens: int = 4096
    timeout_seconds: float = 60.0
    max_retries: int = 3  # per call, for 429, 529, 5xx, timeouts and dropped connections
    fallback_offline: bool = True  # no network: the offline planner answers instead

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "base_url": self.base_url, "max_attempts": self.max_attempts,
                "max_tokens": self.max_tokens, "timeout_seconds": self.timeout_seconds,
                "max_retries": self.max_retries, "fallback_offline": self.fallback_offline}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> AssistantSettings:
        known = cls().to_json()
        return cls(**{k: v for k, v in data.items() if k in known})
