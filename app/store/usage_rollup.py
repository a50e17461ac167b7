"""The usage rollup: per UTC day and dimension (platform, environment, tenant, category,
provider, resource, sku, unit), the sum of usage and how many records made it.

It is a projection (app/store/projections.py): its rows and its checkpoint commit in one
transaction, so after a crash it is exactly as of its checkpoint. A batch of events is
folded in memory first and written as one upsert per (day, dimensions) it touched, so a
catch-up over a million records costs a few thousand statements, not a million.

Dashboards and ``webnova usage list`` read these rows, never the raw events: a year of
daily rows is small however many records made it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Connection

from app.domain.costs.usage import (
    AI_USAGE_RECORDED,
    DIMENSIONS,
    MICRO,
    USAGE_RECORDED,
    UsageRecordError,
    UsageSum,
    check_dimensions,
    plain,
    records_of_event,
    rollup_entry,
)
from app.domain.events import RecordedEvent
from app.store.engine import WRITE
from app.store.event_store import SqlEventStore
from app.store.projections import ProjectionRunner

log = logging.getLogger(__name__)
NAME = "usage_rollup"
CATCH_UP_BATCH = 5000
USAGE_EVENTS = frozenset({USAGE_RECORDED, AI_USAGE_RECORDED})
_KEY = ("tenant_id", "day", *DIMENSIONS)
UPSERT = (
    f"INSERT INTO usage_rollup ({', '.join(_KEY)}, quantity_micro, records) "
    "VALUES ({}) "
    f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET "
    "quantity_micro = usage_rollup.quantity_micro + excluded.quantity_micro, "
    "records = usage_rollup.records + excluded.records"
)


class UsageRollupProjection:
    name = NAME

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        self.apply_batch(conn, [event])

    def apply_batch(self, conn: Connection, events: Sequence[RecordedEvent]) -> None:
        sums: dict[tuple[str, ...], list[int]] = {}
        for event in events:
            if event.type not in USAGE_EVENTS:
                continue
            try:
                if event.type == USAGE_RECORDED:
                    day, dimensions, micro = rollup_entry(event.data)
                    entries = [(day, dimensions, micro)]
                else:
                    entries = [(r.day, r.dimensions(), r.micro_units) for r in records_of_event(
                        event.type, event.data, event.recorded_at, event.actor)]
            except UsageRecordError as exc:
                # Events are never rewritten: a malformed one (appended by hand) is left out
                # and said so, rather than stopping the rollup for good.
                log.warning("usage rollup skips event at position %d: %s", event.position, exc)
                continue
            for day, dimensions, micro in entries:
                key = (event.tenant_id, day, *dimensions)
                found = sums.get(key)
                if found is None:
                    sums[key] = [micro, 1]
                else:
                    found[0] += micro
                    found[1] += 1
        if sums:
            mark = "?" if conn.dialect.paramstyle == "qmark" else "%s"
            conn.exec_driver_sql(UPSERT.format(", ".join([mark] * (len(_KEY) + 2))),
                                 [(*key, q, n) for key, (q, n) in sums.items()])


def _quantity(micro: Any) -> Decimal:
    return plain(Decimal(int(micro)) / MICRO)


class SqlUsageRollup:
    """The rollup of one tenant: keeping it current, and the queries dashboards make."""

    def __init__(self, store: SqlEventStore, tenant_id: str) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.runner = ProjectionRunner(store, UsageRollupProjection(), tenant_id)

    def catch_up(self, batch: int = CATCH_UP_BATCH) -> int:
        """Apply the events since the checkpoint, ``batch`` at a time; how many were read."""
        return self.runner.catch_up(batch)

    def checkpoint(self) -> int:
        return self.runner.checkpoint()

    def rebuild(self, batch: int = CATCH_UP_BATCH) -> int:
        """Forget the rollup (rows and checkpoint, in one transaction) and build it again."""
        with self.store.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            conn.execute(text("DELETE FROM usage_rollup WHERE tenant_id = :t"), {"t": self.tenant_id})
            conn.execute(text("DELETE FROM projection_checkpoints WHERE projection = :p "
                              "AND tenant_id = :t"), {"p": NAME, "t": self.tenant_id})
        return self.catch_up(batch)

    def totals(self, start: date, end: date, by: Sequence[str] = (),
               where: Mapping[str, str] | None = None) -> list[UsageSum]:
        """Sums over the days ``[start, end)`` grouped by the dimensions ``by``."""
        return self._query(start, end, check_dimensions(by), where or {}, per_day=False)

    def daily(self, start: date, end: date, by: Sequence[str] = (),
              where: Mapping[str, str] | None = None) -> list[UsageSum]:
        """A series per day in ``[start, end)`` and dimensions ``by``, oldest day first."""
        return self._query(start, end, check_dimensions(by), where or {}, per_day=True)

    def _query(self, start: date, end: date, by: tuple[str, ...], where: Mapping[str, str],
               per_day: bool) -> list[UsageSum]:
        filters = check_dimensions(where, "where")
        groups = (("day",) if per_day else ()) + by
        params: dict[str, Any] = {"t": self.tenant_id, "start": start.isoformat(),
                                  "end": end.isoformat()}
        clauses = ["tenant_id = :t", "day >= :start", "day < :end"]
        for name in filters:
            clauses.append(f"{name} = :w_{name}")
            params[f"w_{name}"] = where[name]
        columns = ", ".join(groups)
        select = f"{columns}, " if groups else ""
        group = f" GROUP BY {columns} ORDER BY {columns}" if groups else ""
        sql = (f"SELECT {select}coalesce(sum(quantity_micro), 0), coalesce(sum(records), 0) "
               f"FROM usage_rollup WHERE {' AND '.join(clauses)}{group}")
        with self.store.engine.connect() as conn:
            rows = conn.execute(text(sql), params).all()
        result = []
        for row in rows:
            values = list(row)
            day = str(values.pop(0)) if per_day else None
            dims = {name: str(values[i]) for i, name in enumerate(by)}
            micro, count = values[len(by)], values[len(by) + 1]
            if not groups and not count:
                continue  # no usage at all: no row rather than a row of zeros
            result.append(UsageSum(dims, _quantity(micro), int(count), day))
        return result
