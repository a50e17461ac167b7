"""The Event Log's table: one page of recorded events, newest first."""

from __future__ import annotations

from typing import Any

from app.domain.events import RecordedEvent
from app.gui.formatting import format_datetime, format_number
from app.gui.table_model import OBJECT_ROLE, TRAILING, ObjectTableModel

COLUMNS = ("position", "time", "type", "stream", "tenant", "actor")
POSITION, TIME, TYPE, STREAM, TENANT, ACTOR = range(len(COLUMNS))
EVENT_ROLE = OBJECT_ROLE


class EventTableModel(ObjectTableModel):
    COLUMNS = COLUMNS

    def set_events(self, events: list[RecordedEvent]) -> None:
        self.set_objects(events)

    def event_at(self, row: int) -> RecordedEvent | None:
        event: RecordedEvent | None = self.object_at(row)
        return event

    def row_of(self, position: int) -> int:
        return self.row_where(lambda e: e.position == position)

    def format_row(self, item: Any) -> tuple[str, ...]:
        event: RecordedEvent = item
        return (format_number(event.position), format_datetime(event.recorded_at), event.type,
                event.stream_id, event.tenant_id, event.actor or "")

    def titles(self) -> tuple[str, ...]:
        return (self.tr("Position"), self.tr("Time"), self.tr("Type"), self.tr("Stream"),
                self.tr("Tenant"), self.tr("Actor"))

    def tool_tip(self, item: Any, column: int, text: str) -> Any:
        if column == TIME:
            return item.recorded_at.isoformat()
        if column == STREAM:
            return f"{item.stream_id} (v{item.version})"
        return super().tool_tip(item, column, text)

    def alignment(self, column: int) -> int | None:
        return TRAILING if column == POSITION else None
