"""The usage ledger over a real SQLite store: imports are one append, cloud hours are
metered once each, AI usage counts through the assistant's own events."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.domain.costs.cloud_meter import floor_hour
from app.domain.costs.usage_import import UsageImportError
from app.domain.errors import ConcurrencyError
from app.domain.events import NewEvent
from app.services.ai_usage import UsageLedger as AiUsageLedger
from app.services.ai_usage import UsageRecord as AiCall
from app.services.usage_ledger import UsageLedgerService, cloud_stream
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from app.store.usage_rollup import SqlUsageRollup

H = timedelta(hours=1)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteEventStore]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'w.sqlite3'}")
    upgrade(engine)
    try:
        yield SqliteEventStore(engine)
    finally:
        engine.dispose()


class Clock:
    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now


def ledger(store: SqliteEventStore, clock: Clock | None = None) -> UsageLedgerService:
    return UsageLedgerService(store, SqlUsageRollup(store, "t1"), "t1", clock)


def test_a_bad_row_imports_nothing(store: SqliteEventStore) -> None:
    text = ("resource,quantity,period_start,provider\n"
            "platform.requests,5,2026-11-03T10:00:00Z,owner\n"
            "platform.requests,5,2026-11-03T10:00:00Z,someone\n")
    with pytest.raises(UsageImportError, match="line 3, provider"):
        ledger(store).import_text(text, "csv", "owner")
    assert store.count() == 0
    done = ledger(store).import_text(text.rsplit("platform.requests", 1)[0], "csv", "owner")
    assert (done.count, done.first_position, done.last_position) == (1, 1, 1)
    assert store.read_all().__next__().actor == "owner"


def step(action: str, kind: str, name: str, **spec: Any) -> dict[str, Any]:
    return {"action": action, "kind": kind, "name": name,
            "desired": {"kind": kind, "name": name, "labels": {}, "spec": spec}}


def deploy(store: SqliteEventStore, *steps: dict[str, Any]) -> datetime:
    stream = "deployment:t1:hub:production"
    events = [NewEvent("DeploymentStarted", "t1", {"detail": list(steps),
                                                   "spec": {"platform": "hub", "environment": "production"}},
                       {"actor": "owner"})]
    events += [NewEvent("StepSucceeded", "t1", {"step": f"{s['action']}:{s['kind']}:{s['name']}"})
               for s in steps]
    return store.append(stream, events, None)[-1].recorded_at


def test_cloud_hours_are_metered_once_each(store: SqliteEventStore) -> None:
    made = deploy(store, step("create", "server", "wn-hub-app-1", server_type="cx22", location="fsn1"),
                  step("create", "volume", "wn-hub-db", size=24))
    clock = Clock()
    usage = ledger(store, clock)
    clock.now = made + 3 * H
    first = usage.meter_cloud("owner")
    assert (first.start, first.end) == (floor_hour(made), floor_hour(made + 3 * H))
    assert usage.meter_cloud("owner").records == 0  # nothing new has ended
    clock.now = made + 5 * H
    usage.meter_cloud("owner")
    usage.rollup.catch_up()
    days = (date(2000, 1, 1), date(2100, 1, 1))
    totals = {s.dimensions["resource"]: s for s in usage.rollup.totals(*days, by=["resource"])}
    assert totals["cloud.server_hours"].quantity == 5  # hours made+0 .. made+4, each once
    per_day: dict[tuple[int, date], int] = {}  # (metering window, day): hours
    for k in range(5):
        hour = floor_hour(made) + k * H
        key = (k // 3, hour.date())
        per_day[key] = per_day.get(key, 0) + 1
    expected = sum((Decimal(24 * n) / (calendar.monthrange(d.year, d.month)[1] * 24)).quantize(
        Decimal("0.000001")) for (_w, d), n in per_day.items())
    assert totals["cloud.volume_gb_months"].quantity == expected
    by_sku = usage.rollup.totals(*days, by=["platform", "environment", "sku"],
                                 where={"resource": "cloud.server_hours"})
    assert [s.dimensions for s in by_sku] == [{"platform": "hub", "environment": "production", "sku": "cx22@fsn1/wn-hub-app-1"}]


def test_a_concurrent_metering_writes_nothing(store: SqliteEventStore) -> None:
    made = deploy(store, step("create", "server", "wn-hub-app-1", server_type="cx22"))
    clock = Clock()
    clock.now = made + 2 * H
    usage = ledger(store, clock)
    version = store.stream_version(cloud_stream("t1"))
    original = store.stream_version

    def stale(stream: str) -> int:  # the other console appended since we looked
        if stream == cloud_stream("t1"):
            store.append(stream, [NewEvent("CloudUsageMetered", "t1", {"until": made.isoformat()})], None)
        return version if stream == cloud_stream("t1") else original(stream)

    store.stream_version = stale  # type: ignore[method-assign]
    before = store.count()
    with pytest.raises(ConcurrencyError):
        usage.meter_cloud("owner")
    assert store.count() == before + 1  # only the other console's marker


def test_ai_usage_counts_through_the_assistants_own_events(store: SqliteEventStore) -> None:
    AiUsageLedger(store, "t1").record_now(AiCall.for_call("claude-sonnet-4-5", 1000, 200, "assist"), "owner")
    usage = ledger(store)
    rows = usage.month()
    assert {(r.dimensions["resource"], r.quantity, r.dimensions["sku"]) for r in rows} == {
        ("ai.tokens.input", 1000, "claude-sonnet-4-5"), ("ai.tokens.output", 200, "claude-sonnet-4-5")}
    assert store.count() == 1  # nothing booked a second time
