"""Reading and appending workspace events for the Event Log pane and the CLI."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from typing import Any

from app.domain.events import EventValidationError, NewEvent, RecordedEvent, check_stream_id
from app.services.ports import DatabaseRunner, EventFilter, EventPage, EventStore, StreamAppend

MAX_BATCH = 100_000
MAX_SCHEMA_VERSION = 2**31 - 1  # an INTEGER column on both databases
MAX_NUMBER_DIGITS = 4000
REQUIRED = ("stream_id", "type", "tenant_id", "data")
ALLOWED = (*REQUIRED, "metadata", "schema_version")
# NUL and unpaired surrogates are valid in JSON text but cannot be stored (PostgreSQL jsonb
# refuses NUL; neither database accepts a lone surrogate).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
_UNSTORABLE_ESCAPE = re.compile(r"\\u(?:0000|[dD][89a-fA-F])")


class EventBatchError(ValueError):
    """A batch that cannot be appended; ``where`` is like ``[3].tenant_id``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


def _reject_constant(name: str) -> Any:
    raise EventBatchError("", f"not valid JSON ({name} is not a JSON number)")


def _finite_float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value):
        raise EventBatchError("", f"the number {text[:40]} is too large to store")
    return value


def _bounded_int(text: str) -> int:
    if len(text) > MAX_NUMBER_DIGITS:
        raise EventBatchError("", f"a number has more than {MAX_NUMBER_DIGITS} digits")
    return int(text)


def parse_event_batch(text: str) -> list[StreamAppend]:
    try:
        payload = json.loads(
            text,
            parse_constant=_reject_constant,
            parse_float=_finite_float,
            parse_int=_bounded_int,
        )
    except json.JSONDecodeError as exc:
        raise EventBatchError(
            f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})"
        ) from None
    except RecursionError:
        raise EventBatchError("", "not valid JSON for a batch (nested too deeply)") from None
    return events_from_json(payload, check_text=_UNSTORABLE_ESCAPE.search(text) is not None)


def _has_unstorable_text(value: Any) -> bool:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if _UNSTORABLE.search(item):
                return True
        elif isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
    return False


def events_from_json(payload: Any, check_text: bool = True) -> list[StreamAppend]:
    """Validate a JSON array of event objects and group it into per-stream appends, keeping
    the order of the array within each stream. ``check_text`` looks for text neither
    database can store (the parser skips it when the JSON cannot contain any)."""
    if not isinstance(payload, list):
        raise EventBatchError("", "expected a JSON array of event objects")
    if not payload:
        raise EventBatchError("", "the array is empty: nothing to append")
    if len(payload) > MAX_BATCH:
        raise EventBatchError("", f"at most {MAX_BATCH} events in one batch")
    grouped: dict[str, list[NewEvent]] = {}
    for index, item in enumerate(payload):
        where = f"[{index}]"
        if not isinstance(item, dict):
            raise EventBatchError(where, "must be an object")
        for key in REQUIRED:
            if key not in item:
                raise EventBatchError(f"{where}.{key}", "is required")
        unknown = sorted(set(item) - set(ALLOWED))
        if unknown:
            raise EventBatchError(f"{where}.{unknown[0]}", "is not a known field")
        metadata = item.get("metadata")
        try:
            stream_id = check_stream_id(item["stream_id"])
            event = NewEvent(
                type=item["type"],
                tenant_id=item["tenant_id"],
                data=item["data"],
                metadata={} if metadata is None else metadata,
                schema_version=item.get("schema_version", 1),
            )
        except EventValidationError as exc:
            raise EventBatchError(f"{where}.{exc.where}", exc.message) from None
        if event.schema_version > MAX_SCHEMA_VERSION:
            raise EventBatchError(f"{where}.schema_version", "is too large")
        if check_text:
            for key in (*REQUIRED, "metadata"):
                if _has_unstorable_text(item.get(key)):
                    raise EventBatchError(
                        f"{where}.{key}",
                        "contains a NUL character or an unpaired surrogate, which cannot be stored",
                    )
        grouped.setdefault(stream_id, []).append(event)
    return [StreamAppend(stream_id, events, None) for stream_id, events in grouped.items()]


class EventLogService:
    def __init__(self, store: EventStore, runner: DatabaseRunner) -> None:
        self.store = store
        self.runner = runner

    async def page(self, event_filter: EventFilter, offset: int, limit: int) -> EventPage:
        return await self.runner.run(lambda: self.store.query(event_filter, offset, limit))

    async def tail(self, limit: int) -> list[RecordedEvent]:
        page = await self.page(EventFilter(), 0, limit)
        return list(reversed(page.events))

    async def append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        return await self.runner.run(lambda: self.store.append_batch(appends))
