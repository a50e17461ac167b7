"""A loopback fake of the Anthropic Messages API, driven through the real SDK via base_url.

It follows the published API: ``POST /v1/messages`` with the key in ``x-api-key`` (or,
as the 2.x SDK sends it, ``authorization: Bearer``) and an ``anthropic-version``; requests are validated and refused with 400 in the documented error
shape (``{"type": "error", "error": {"type", "message"}, "request_id"}``) and a
``request-id`` header; a wrong key gets 401. Replies come from a script, one item per
accepted request: a message (JSON, or SSE when ``stream`` is true, in the documented
order message_start / content_block_start / ping / deltas / content_block_stop /
message_delta / message_stop), an HTTP error with headers such as ``retry-after``, an
``error`` event in the middle of a stream, a recorded SSE capture, or a delay.

Every response carries a ``request-id`` header (the same id is in an error's body) and the
``anthropic-ratelimit-*`` headers; a 429 carries ``retry-after``. A reply can be scripted to
stop at ``max_tokens`` in the middle of a tool call's JSON (``cut``) or to be a ``refusal``,
streamed the way the SDK's recorded fixtures show. Blocks marked with ``cache_control`` are
checked (shape, at most four) and the fake keeps the prefixes it has seen, so a request that
repeats a cached prefix reports ``cache_read_input_tokens`` and a new one
``cache_creation_input_tokens``, as the prompt cache does.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

API_KEY = "sk-ant-api03-loopback-test-key-0123456789abcdef"
VERSION = "2023-06-01"
STATUS_TYPES = {400: "invalid_request_error", 401: "authentication_error", 402: "billing_error",
                403: "permission_error", 404: "not_found_error", 413: "request_too_large",
                429: "rate_limit_error", 500: "api_error", 504: "timeout_error",
                529: "overloaded_error"}
TOP_LEVEL = {"model", "max_tokens", "messages", "system", "tools", "tool_choice", "stream",
             "metadata", "stop_sequences", "temperature", "top_k", "top_p", "thinking",
             "service_tier"}
BLOCK_TYPES = {"text", "image", "document", "tool_use", "tool_result", "thinking",
               "redacted_thinking", "search_result"}
TOOL_NAME = re.compile(r"^[a-zA-Z0-9_-]{1,128}$")
MAX_CACHE_BREAKPOINTS = 4
MIN_CACHEABLE_TOKENS = 1024  # a shorter prefix is not cached (Sonnet and Opus)
LIMITS = {"requests": 50, "tokens": 90_000, "input-tokens": 80_000, "output-tokens": 16_000}


@dataclass
class Reply:
    """A message. Blocks: {"type": "text", "text"} or {"type": "tool_use", "name", "input"}."""

    content: list[dict[str, Any]]
    stop_reason: str | None = None
    input_tokens: int = 120  # not counting cached prefixes
    output_tokens: int = 40
    cut: int | None = None  # stop at max_tokens after this many characters of the last block
    stop_details: dict[str, Any] | None = None


@dataclass
class Failure:
    status: int
    message: str = "scripted failure"
    headers: dict[str, str] = field(default_factory=dict)
    error_type: str | None = None


@dataclass
class StreamFailure:
    """HTTP 200, the stream starts, then an ``error`` event and the connection closes."""

    error_type: str = "overloaded_error"
    message: str = "Overloaded"
    partial_text: str = "Let me think"


@dataclass
class Recorded:
    """A recorded SSE body, replayed verbatim."""

    body: str


@dataclass
class Delay:
    """Wait before answering with ``then`` (to let a client time out)."""

    seconds: float
    then: Any = None


@dataclass
class Seen:
    headers: dict[str, str]
    body: dict[str, Any]


def text(value: str, **kw: Any) -> Reply:
    return Reply([{"type": "text", "text": value}], **kw)


def tool(name: str, payload: dict[str, Any], note: str = "", **kw: Any) -> Reply:
    blocks: list[dict[str, Any]] = [{"type": "text", "text": note}] if note else []
    return Reply([*blocks, {"type": "tool_use", "name": name, "input": payload}], **kw)


def cut_off(reply: Reply, keep: int) -> Reply:
    """``reply`` stopped by ``max_tokens`` after ``keep`` characters of its last block (for a
    tool call, of its JSON input), as in the SDK's ``incomplete_partial_json_response``."""
    reply.cut, reply.stop_reason = keep, "max_tokens"
    return reply


def refusal(note: str = "", category: str = "cyber",
            explanation: str = "This request was refused due to policy.") -> Reply:
    """A refusal as the SDK's ``refusal_response`` fixture streams it."""
    return Reply([{"type": "text", "text": note}], stop_reason="refusal", output_tokens=0,
                 stop_details={"type": "refusal", "category": category, "explanation": explanation})


class RequestError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def _check_blocks(where: str, content: Any) -> list[dict[str, Any]]:
    if isinstance(content, str):
        return [{"type": "text", "text": content}]
    if not isinstance(content, list):
        raise RequestError(400, f"{where}.content: Input should be a valid string or list")
    for index, block in enumerate(content):
        if not isinstance(block, dict) or block.get("type") not in BLOCK_TYPES:
            raise RequestError(400, f"{where}.content.{index}: unknown or missing block type")
        kind = block["type"]
        if kind == "text" and not isinstance(block.get("text"), str):
            raise RequestError(400, f"{where}.content.{index}.text: Field required")
        if kind == "tool_use" and not all(k in block for k in ("id", "name", "input")):
            raise RequestError(400, f"{where}.content.{index}: tool_use needs id, name and input")
        if kind == "tool_result" and not isinstance(block.get("tool_use_id"), str):
            raise RequestError(400, f"{where}.content.{index}.tool_use_id: Field required")
    return content


def _check_cache_control(where: str, block: Any) -> int:
    if not isinstance(block, dict) or "cache_control" not in block:
        return 0
    mark = block["cache_control"]
    if not isinstance(mark, dict) or mark.get("type") != "ephemeral":
        raise RequestError(400, f"{where}.cache_control.type: Input should be 'ephemeral'")
    if mark.get("ttl", "5m") not in ("5m", "1h") or set(mark) - {"type", "ttl"}:
        raise RequestError(400, f"{where}.cache_control: Extra inputs are not permitted or bad ttl")
    return 1


def _cacheable_parts(body: dict[str, Any]) -> list[tuple[str, Any]]:
    """The prompt in the order the cache reads it: tools, system, then messages."""
    parts: list[tuple[str, Any]] = [(f"tools.{i}", t) for i, t in enumerate(body.get("tools", []))]
    system = body.get("system")
    if isinstance(system, list):
        parts += [(f"system.{i}", b) for i, b in enumerate(system)]
    elif system:
        parts.append(("system", {"type": "text", "text": system}))
    for m, message in enumerate(body["messages"]):
        content = message["content"]
        blocks = [{"type": "text", "text": content}] if isinstance(content, str) else content
        parts += [(f"messages.{m}.content.{i}", {**b, "role": message["role"]})
                  for i, b in enumerate(blocks)]
    return parts


def cache_breakpoints(body: dict[str, Any]) -> list[tuple[str, int, str]]:
    """(where, tokens up to and including it, hash of that prefix) per cache_control mark."""
    marks, digest, chars = [], hashlib.sha256(body["model"].encode()), 0
    for where, part in _cacheable_parts(body):
        unmarked = {k: v for k, v in part.items() if k != "cache_control"}
        raw = json.dumps(unmarked, sort_keys=True, ensure_ascii=False)
        digest.update(raw.encode())
        chars += len(raw)
        if "cache_control" in part:
            marks.append((where, chars // 4, digest.copy().hexdigest()))
    return marks


def validate(body: Any) -> None:
    """The checks the API makes before it answers (a subset, faithful in shape)."""
    if not isinstance(body, dict):
        raise RequestError(400, "There was an error parsing the body of your request")
    for key in body:
        if key not in TOP_LEVEL:
            raise RequestError(400, f"{key}: Extra inputs are not permitted")
    if not isinstance(body.get("model"), str) or not body["model"]:
        raise RequestError(400, "model: Field required")
    if isinstance(body.get("max_tokens"), bool) or not isinstance(body.get("max_tokens"), int) \
            or body["max_tokens"] < 1:
        raise RequestError(400, "max_tokens: Input should be a positive integer")
    messages = body.get("messages")
    if not isinstance(messages, list) or not messages:
        raise RequestError(400, "messages: at least one message is required")
    pending: set[str] = set()
    for index, message in enumerate(messages):
        where = f"messages.{index}"
        if not isinstance(message, dict) or message.get("role") not in ("user", "assistant"):
            raise RequestError(400, f"{where}.role: Input should be 'user' or 'assistant'")
        if index == 0 and message["role"] != "user":
            raise RequestError(400, "messages: first message must use the \"user\" role")
        blocks = _check_blocks(where, message.get("content"))
        results = {b["tool_use_id"] for b in blocks if b.get("type") == "tool_result"}
        if message["role"] == "user":
            unknown = results - pending
            if unknown:
                raise RequestError(400, f"{where}: unexpected `tool_use_id` found in `tool_result` "
                                        f"blocks: {sorted(unknown)[0]}. Each `tool_result` block must "
                                        "have a corresponding `tool_use` block in the previous message.")
            if pending - results:
                raise RequestError(400, f"{where}: `tool_use` ids were found without `tool_result` "
                                        f"blocks immediately after: {sorted(pending - results)[0]}")
            pending = set()
        else:
            if results:
                raise RequestError(400, f"{where}: tool_result blocks belong in user messages")
            pending = {b["id"] for b in blocks if b.get("type") == "tool_use"}
    system = body.get("system")
    if system is not None and not isinstance(system, str):
        _check_blocks("system", system)
    tools = body.get("tools", [])
    if not isinstance(tools, list):
        raise RequestError(400, "tools: Input should be a valid list")
    names = set()
    for index, item in enumerate(tools):
        if not isinstance(item, dict) or not TOOL_NAME.match(str(item.get("name", ""))):
            raise RequestError(400, f"tools.{index}.name: String should match pattern")
        schema = item.get("input_schema")
        if not isinstance(schema, dict) or schema.get("type") != "object":
            raise RequestError(400, f"tools.{index}.input_schema.type: Input should be 'object'")
        names.add(item["name"])
    choice = body.get("tool_choice")
    if choice is not None:
        if not isinstance(choice, dict) or choice.get("type") not in ("auto", "any", "tool", "none"):
            raise RequestError(400, "tool_choice.type: Input should be 'auto', 'any', 'tool' or 'none'")
        if choice["type"] == "tool" and choice.get("name") not in names:
            raise RequestError(400, f"tool_choice.name: no tool named {choice.get('name')!r}")
    if "stream" in body and not isinstance(body["stream"], bool):
        raise RequestError(400, "stream: Input should be a valid boolean")
    marks = sum(_check_cache_control(where, part) for where, part in _cacheable_parts(body))
    if marks > MAX_CACHE_BREAKPOINTS:
        raise RequestError(400, f"A maximum of {MAX_CACHE_BREAKPOINTS} blocks with cache_control "
                                f"may be provided. Found {marks}.")


def _message(reply: Reply, model: str, cache: tuple[int, int] = (0, 0)) -> dict[str, Any]:
    """The reply as a Message; ``cache`` is (tokens written, tokens read) by the prompt cache."""
    content = []
    for block in reply.content:
        if block["type"] == "tool_use":
            content.append({"id": block.get("id") or f"toolu_{uuid.uuid4().hex[:24]}", **block})
        else:
            content.append(dict(block))
    stop = reply.stop_reason or ("tool_use" if any(b["type"] == "tool_use" for b in content)
                                 else "end_turn")
    message = {"id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant",
               "model": model, "content": content, "stop_reason": stop, "stop_sequence": None,
               "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens,
                         "cache_creation_input_tokens": cache[0], "cache_read_input_tokens": cache[1],
                         "service_tier": "standard"}}
    if reply.stop_details is not None:
        message["stop_details"] = reply.stop_details
    return message


def _cut_input(block: dict[str, Any], keep: int) -> dict[str, Any]:
    """A tool call's input as the non-streaming API would hold it when cut: what parses."""
    from jiter import from_json

    partial = json.dumps(block["input"], ensure_ascii=False)[:keep]
    parsed = from_json(partial.encode(), partial_mode=True) if partial else {}
    return {**block, "input": parsed}


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _chunks(value: str, size: int) -> list[str]:
    return [value[i:i + size] for i in range(0, len(value), size)] or [""]


def stream_events(message: dict[str, Any], cut: int | None = None) -> list[bytes]:
    """The SSE frames of ``message``; with ``cut``, the last block stops after that many
    characters and gets no ``content_block_stop`` (the ``max_tokens`` capture's shape)."""
    start = {**message, "content": [], "stop_reason": None, "stop_sequence": None,
             "usage": {**message["usage"], "output_tokens": 1}}
    start.pop("stop_details", None)
    frames = [_sse("message_start", {"type": "message_start", "message": start})]
    last = len(message["content"]) - 1
    for index, block in enumerate(message["content"]):
        limit = cut if index == last else None
        if block["type"] == "text":
            frames.append(_sse("content_block_start", {"type": "content_block_start", "index": index,
                                                       "content_block": {"type": "text", "text": ""}}))
            if index == 0:
                frames.append(_sse("ping", {"type": "ping"}))
            pieces = _chunks(block["text"][:limit], 7) if block["text"] else []
            for piece in pieces:
                frames.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                           "delta": {"type": "text_delta", "text": piece}}))
        else:
            frames.append(_sse("content_block_start", {
                "type": "content_block_start", "index": index,
                "content_block": {"type": "tool_use", "id": block["id"], "name": block["name"],
                                  "input": {}}}))
            if index == 0:
                frames.append(_sse("ping", {"type": "ping"}))
            frames.append(_sse("content_block_delta", {"type": "content_block_delta", "index": index,
                                                       "delta": {"type": "input_json_delta", "partial_json": ""}}))
            for piece in _chunks(json.dumps(block["input"], ensure_ascii=False)[:limit], 5):
                frames.append(_sse("content_block_delta", {
                    "type": "content_block_delta", "index": index,
                    "delta": {"type": "input_json_delta", "partial_json": piece}}))
        if limit is None:
            frames.append(_sse("content_block_stop", {"type": "content_block_stop", "index": index}))
    delta: dict[str, Any] = {"stop_reason": message["stop_reason"], "stop_sequence": None}
    if "stop_details" in message:
        delta["stop_details"] = message["stop_details"]
    frames.append(_sse("message_delta", {"type": "message_delta", "delta": delta,
                                         "usage": {"output_tokens": message["usage"]["output_tokens"]}}))
    frames.append(_sse("message_stop", {"type": "message_stop"}))
    return frames


def rate_limit_headers(used: int, limited: bool = False) -> dict[str, str]:
    """``anthropic-ratelimit-*`` for the ``used``-th request of the minute."""
    reset = (datetime.now(UTC).replace(microsecond=0) + timedelta(seconds=60 - used % 60))
    stamp = reset.strftime("%Y-%m-%dT%H:%M:%SZ")
    headers = {}
    for name, limit in LIMITS.items():
        left = 0 if limited else max(0, limit - (used if name == "requests" else used * 500))
        headers[f"anthropic-ratelimit-{name}-limit"] = str(limit)
        headers[f"anthropic-ratelimit-{name}-remaining"] = str(left)
        headers[f"anthropic-ratelimit-{name}-reset"] = stamp
    return headers


class FakeAnthropic:
    """``with FakeAnthropic() as fake: fake.script(...); base_url = fake.base_url``."""

    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.requests: list[Seen] = []
        self.refused: list[tuple[int, str]] = []  # requests refused before the script
        self.request_ids: list[str] = []  # the request-id of every response, in order
        self.cached: set[str] = set()  # prefixes held by the prompt cache
        self._script: list[Any] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    def script(self, *items: Any) -> None:
        with self._lock:
            self._script.extend(items)

    @property
    def remaining(self) -> int:
        with self._lock:
            return len(self._script)

    def cache_usage(self, body: dict[str, Any]) -> tuple[int, int]:
        """(tokens written, tokens read) for a request's cache_control marks, remembering
        every prefix long enough to be cached."""
        with self._lock:
            marks = [m for m in cache_breakpoints(body) if m[1] >= MIN_CACHEABLE_TOKENS]
            if not marks:
                return 0, 0
            read = max((tokens for _, tokens, key in marks if key in self.cached), default=0)
            self.cached.update(key for _, _, key in marks)
            return marks[-1][1] - read, read

    def _next(self) -> Any:
        with self._lock:
            return self._script.pop(0) if self._script else None

    @property
    def base_url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def __enter__(self) -> FakeAnthropic:
        fake = self

        class Handler(_Handler):
            owner = fake

        self._server = _Server(("127.0.0.1", 0), Handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-anthropic",
                                        kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._server is not None
        assert self._thread is not None
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that went away (a timeout test) is not the fake's problem


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    owner: FakeAnthropic

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def _headers(self, status: int, content_type: str, length: int | None,
                 extra: dict[str, str] | None = None, request_id: str | None = None) -> str:
        request_id = request_id or f"req_{uuid.uuid4().hex[:24]}"
        self.owner.request_ids.append(request_id)
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("request-id", request_id)
        headers = rate_limit_headers(len(self.owner.request_ids), limited=status == 429)
        if status == 429 and not {"retry-after", "retry-after-ms"} & {k.lower() for k in extra or {}}:
            headers["retry-after"] = "1"
        headers.update(extra or {})
        for name, value in headers.items():
            self.send_header(name, value)
        if length is None:
            self.send_header("connection", "close")
            self.close_connection = True
        else:
            self.send_header("content-length", str(length))
        self.end_headers()
        return request_id

    def _error(self, status: int, message: str, headers: dict[str, str] | None = None,
               error_type: str | None = None) -> None:
        kind = error_type or STATUS_TYPES.get(status, "invalid_request_error" if status < 500 else "api_error")
        request_id = f"req_{uuid.uuid4().hex[:24]}"
        body = {"type": "error", "error": {"type": kind, "message": message}, "request_id": request_id}
        raw = json.dumps(body).encode()
        self._headers(status, "application/json", len(raw), headers, request_id)
        self.wfile.write(raw)

    def do_POST(self) -> None:
        length = int(self.headers.get("content-length") or 0)
        raw = self.rfile.read(length)
        if self.path.split("?")[0] != "/v1/messages":
            self._error(404, f"Not found: {self.path}")
            return
        try:
            bearer = (self.headers.get("authorization") or "").removeprefix("Bearer ")
            if self.owner.api_key not in (self.headers.get("x-api-key"), bearer):
                raise RequestError(401, "invalid x-api-key")
            if not self.headers.get("anthropic-version"):
                raise RequestError(400, "anthropic-version: header is required")
            try:
                body = json.loads(raw)
            except ValueError:
                raise RequestError(400, "There was an error parsing the body of your request") from None
            validate(body)
        except RequestError as exc:
            self.owner.refused.append((exc.status, exc.message))
            self._error(exc.status, exc.message)
            return
        self.owner.requests.append(Seen({k.lower(): v for k, v in self.headers.items()}, body))
        self._answer(self.owner._next(), body)

    def _answer(self, item: Any, body: dict[str, Any]) -> None:
        if isinstance(item, Delay):
            time.sleep(item.seconds)
            item = item.then
        if item is None:
            self._error(500, "the fake has no scripted reply for this request")
        elif isinstance(item, Failure):
            self._error(item.status, item.message, item.headers, item.error_type)
        elif isinstance(item, Recorded):
            self._headers(200, "text/event-stream", None)
            self.wfile.write(item.body.encode())
        elif isinstance(item, StreamFailure):
            request_id = self._headers(200, "text/event-stream", None)
            message = _message(text(item.partial_text), body["model"])
            frames = stream_events(message)[:4]  # message_start, block start, ping, first delta
            frames.append(_sse("error", {"type": "error", "error": {"type": item.error_type,
                                                                   "message": item.message},
                                         "request_id": request_id}))
            self.wfile.write(b"".join(frames))
        elif isinstance(item, Reply):
            message = _message(item, body["model"], self.owner.cache_usage(body))
            if body.get("stream"):
                self._headers(200, "text/event-stream", None)
                for frame in stream_events(message, item.cut):
                    self.wfile.write(frame)
                    self.wfile.flush()
            else:
                if item.cut is not None and message["content"][-1]["type"] == "tool_use":
                    message["content"][-1] = _cut_input(message["content"][-1], item.cut)
                elif item.cut is not None:
                    last = message["content"][-1]
                    message["content"][-1] = {**last, "text": last["text"][:item.cut]}
                raw = json.dumps(message, ensure_ascii=False).encode()
                self._headers(200, "application/json", len(raw))
                self.wfile.write(raw)
        else:
            raise TypeError(f"unknown script item {item!r}")
