"""The raw usage records behind one cell of a dashboard (one UTC day, some dimensions).

Dashboards read the rollup; this reads the events themselves, for a drill-down: the
``UsageRecorded`` events whose period starts that day (their JSON ``period_start`` is
always written in UTC, so a prefix match finds them) and the assistant's
``AiUsageRecorded`` events recorded that day, each filtered exactly by its dimensions in
Python. It scans the tenant's usage events of that type with a JSON condition, so it is
slower than the rollup; it is one cell.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import text

from app.domain.costs.usage import (
    AI_USAGE_RECORDED,
    DIMENSIONS,
    USAGE_RECORDED,
    UsageRecord,
    UsageRecordError,
    check_dimensions,
    records_of_event,
)
from app.store.event_store import COLUMNS, SqlEventStore

LIMIT = 10_000


class SqlUsageRecords:
    def __init__(self, store: SqlEventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id

    def records(self, day: date, where: Mapping[str, str] | None = None,
                limit: int = LIMIT) -> list[UsageRecord]:
        """The records counted on ``day`` whose dimensions equal ``where``, oldest first
        (at most ``limit``)."""
        wanted = dict(where or {})
        check_dimensions(wanted, "where")
        postgres = self.store.engine.dialect.name == "postgresql"
        started = "data->>'period_start'" if postgres else "json_extract(data, '$.period_start')"
        start = datetime(day.year, day.month, day.day, tzinfo=UTC)
        params: dict[str, Any] = {
            "t": self.tenant_id, "usage": USAGE_RECORDED, "ai": AI_USAGE_RECORDED,
            "prefix": day.isoformat() + "%",
            "since": self.store._time_param(start),
            "until": self.store._time_param(start + timedelta(days=1))}
        sql = (f"SELECT {COLUMNS} FROM events WHERE tenant_id = :t AND ("
               f"(type = :usage AND {started} LIKE :prefix) OR "
               "(type = :ai AND recorded_at >= :since AND recorded_at < :until)) "
               "ORDER BY position")
        found: list[UsageRecord] = []
        with self.store.engine.connect() as conn:
            rows = conn.execute(text(sql), params)
            for row in rows:
                event = self.store._decode(row)
                try:
                    records = records_of_event(event.type, event.data, event.recorded_at,
                                               event.actor)
                except UsageRecordError:
                    continue  # the rollup leaves it out too
                for record in records:
                    dims = dict(zip(DIMENSIONS, record.dimensions(), strict=True))
                    if record.day == day.isoformat() and all(dims[k] == v for k, v in wanted.items()):
                        found.append(record)
                        if len(found) >= limit:
                            return found
        return found
