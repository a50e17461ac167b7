"""A loopback fake of the Anthropic Messages API, driven through the real SDK via base_url.

It follows the published API: ``POST /v1/messages`` with the key in ``x-api-key`` (or,
as the 2.x SDK sends it, ``authorization: Bearer``) and an ``anthropic-version``; requests are validated and refused with 400 in the documented error
shape (``{"type": "error", "error": {"type", "message"}, "request_id"}``) and a
``request-id`` header; a wrong key gets 401. Replies come from a script, one item per
accepted request: a message (JSON, or SSE when ``stream`` is true, in the documented
order message_start / content_block_start / ping / deltas / content_block_stop /
message_delta / message_stop), an HTTP error with headers such as ``retry-after``, an
``error`` event in the middle of a stream, a recorded SSE capture, or a delay.
"""

from __future__ import annotations

import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
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


@dataclass
class Reply:
    """A message. Blocks: {"type": "text", "text"} or {"type": "tool_use", "name", "input"}."""

    content: list[dict[str, Any]]
    stop_reason: str | None = None
    input_tokens: int = 120
    output_tokens: int = 40


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


def _message(reply: Reply, model: str) -> dict[str, Any]:
    content = []
    for block in reply.content:
        if block["type"] == "tool_use":
            content.append({"id": block.get("id") or f"toolu_{uuid.uuid4().hex[:24]}", **block})
        else:
            content.append(dict(block))
    stop = reply.stop_reason or ("tool_use" if any(b["type"] == "tool_use" for b in content)
                                 else "end_turn")
    return {"id": f"msg_{uuid.uuid4().hex[:24]}", "type": "message", "role": "assistant",
            "model": model, "content": content, "stop_reason": stop, "stop_sequence": None,
            "usage": {"input_tokens": reply.input_tokens, "output_tokens": reply.output_tokens,
                      "cache_creation_input_tokens": 0, "cache_read_input_tokens": 0,
                      "service_tier": "standard"}}


def _sse(event: str, data: dict[str, Any]) -> bytes:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n".encode()


def _chunks(value: str, size: int) -> list[str]:
    return [value[i:i + size] for i in range(0, len(value), size)] or [""]


def stream_events(message: dict[str, Any]) -> list[bytes]:
    start = {**message, "content": [], "stop_reason": None, "stop_sequence": None,
             "usage": {**message["usage"], "output_tokens": 1}}
    frames = [_sse("message_start", {"type": "message_start", "message": start})]
    for index, block in enumerate(message["content"]):
        if block["type"] == "text":
            frames.append(_sse("content_block_start", {"type": "content_block_start", "index": index,
                                                       "content_block": {"type": "text", "text": ""}}))
            if index == 0:
                frames.append(_sse("ping", {"type": "ping"}))
            for piece in _chunks(block["text"], 7):
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
            for piece in _chunks(json.dumps(block["input"], ensure_ascii=False), 5):
                frames.append(_sse("content_block_delta", {
                    "type": "content_block_delta", "index": index,
                    "delta": {"type": "input_json_delta", "partial_json": piece}}))
        frames.append(_sse("content_block_stop", {"type": "content_block_stop", "index": index}))
    frames.append(_sse("message_delta", {"type": "message_delta",
                                         "delta": {"stop_reason": message["stop_reason"], "stop_sequence": None},
                                         "usage": {"output_tokens": message["usage"]["output_tokens"]}}))
    frames.append(_sse("message_stop", {"type": "message_stop"}))
    return frames


class FakeAnthropic:
    """``with FakeAnthropic() as fake: fake.script(...); base_url = fake.base_url``."""

    def __init__(self, api_key: str = API_KEY) -> None:
        self.api_key = api_key
        self.requests: list[Seen] = []
        self.refused: list[tuple[int, str]] = []  # requests refused before the script
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
                 extra: dict[str, str] | None = None) -> str:
        request_id = f"req_{uuid.uuid4().hex[:24]}"
        self.send_response(status)
        self.send_header("content-type", content_type)
        self.send_header("request-id", request_id)
        self.send_header("anthropic-ratelimit-requests-limit", "50")
        self.send_header("anthropic-ratelimit-requests-remaining", "49")
        for name, value in (extra or {}).items():
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
        body = {"type": "error", "error": {"type": kind, "message": message}, "request_id": None}
        raw = json.dumps(body).encode()
        self._headers(status, "application/json", len(raw), headers)
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
            self._headers(200, "text/event-stream", None)
            message = _message(text(item.partial_text), body["model"])
            frames = stream_events(message)[:4]  # message_start, block start, ping, first delta
            frames.append(_sse("error", {"type": "error", "error": {"type": item.error_type,
                                                                   "message": item.message}}))
            self.wfile.write(b"".join(frames))
        elif isinstance(item, Reply):
            message = _message(item, body["model"])
            if body.get("stream"):
                self._headers(200, "text/event-stream", None)
                for frame in stream_events(message):
                    self.wfile.write(frame)
                    self.wfile.flush()
            else:
                raw = json.dumps(message, ensure_ascii=False).encode()
                self._headers(200, "application/json", len(raw))
                self.wfile.write(raw)
        else:
            raise TypeError(f"unknown script item {item!r}")
