"""Reading and appending workspace events for the Event Log pane and the CLI."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from app.domain.events import EventValidationError, NewEvent, RecordedEvent, check_stream_id
from app.services.ports import DatabaseRunner, EventFilter, EventPage, EventStore, StreamAppend

MAX_BATCH = 100_000
REQUIRED = ("stream_id", "type", "tenant_id", "data")
ALLOWED = (*REQUIRED, "metadata", "schema_version")


class EventBatchError(ValueError):
    """A batch that cannot be appended; ``where`` is like ``[3].tenant_id``."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}" if where else message)
        self.where = where


def parse_event_batch(text: str) -> list[StreamAppend]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise EventBatchError(
            f"line {exc.lineno}, column {exc.colno}", f"not valid JSON ({exc.msg})"
        ) from None
    return events_from_json(payload)


def events_from_json(payload: Any) -> list[StreamAppend]:
    """Validate a JSON array of event objects and group it into per-stream appends, keeping
    the order of the array within each stream."""
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
        try:
            stream_id = check_stream_id(item["stream_id"])
            event = NewEvent(
                type=item["type"],
                tenant_id=item["tenant_id"],
                data=item["data"],
                metadata=item.get("metadata") or {},
                schema_version=item.get("schema_version", 1),
            )
        except EventValidationError as exc:
            raise EventBatchError(f"{where}.{exc.where}", exc.message) from None
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
