"""The costs service over a real store, SQLite and PostgreSQL: usage recorded through the
ledger (imports, the assistant's own AI events) priced by the workspace's price books in
the owner's currency; report, daily series, drivers, margin, forecast and the drill-down to
the records behind one cell."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.costs.money import Money
from app.domain.events import NewEvent
from app.services.ai_usage import UsageLedger as AiUsageLedger
from app.services.ai_usage import UsageRecord as AiCall
from app.services.costs import CostsService
from app.services.price_books import (
    DEFAULT_CURRENCY,
    HETZNER_SYNCED,
    PriceBookService,
    PriceBookServiceError,
    prices_stream,
)
from app.services.usage_ledger import UsageLedgerService
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import upgrade
from app.store.resource_files import load_model_prices
from app.store.usage_records import SqlUsageRecords
from app.store.usage_rollup import SqlUsageRollup
from tests.unit.costs.test_hetzner_billing import PRICING

D = Decimal
NOV = (date(2026, 11, 1), date(2026, 12, 1))
MODELS = {"models": [{"name": "platform.requests", "rule": "per_unit", "unit": "request",
                      "prices": [{"currency": "SAR", "unit_price": "0.01"}]}]}
CSV = """resource,quantity,period_start,provider,platform,environment,tenant,sku
platform.requests,1000,2026-11-03T10:00:00Z,owner,hub,production,acme,
platform.requests,500,2026-11-03T11:00:00Z,owner,hub,production,acme,
platform.requests,700,2026-11-03T11:00:00Z,owner,hub,production,zeta,
platform.requests,200,2026-11-04T11:00:00Z,owner,hub,production,acme,
cloud.server_hours,24,2026-11-03T00:00:00Z,hetzner,hub,production,,cx22@fsn1/wn-hub-app-1
cloud.server_hours,24,2026-11-04T00:00:00Z,hetzner,hub,production,,cx22@fsn1/wn-hub-app-1
cloud.traffic_gb,3,2026-11-04T00:00:00Z,hetzner,hub,production,,
ai.tokens.input,1000000,2026-11-04T09:00:00Z,anthropic,,,,claude-sonnet-4-5
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlEventStore]:
    backend = request.param
    url = (f"sqlite:///{tmp_path / 'w.sqlite3'}" if backend == "sqlite"
           else request.getfixturevalue("pg_url"))
    engine = create_workspace_engine(url)
    upgrade(engine)
    try:
        yield SqliteEventStore(engine) if backend == "sqlite" else PostgresEventStore(engine)
    finally:
        engine.dispose()


class Clock:
    now = datetime(2026, 11, 10, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def costs(store: SqlEventStore) -> tuple[CostsService, PriceBookService, UsageLedgerService]:
    prices = PriceBookService(store, "t1", None, load_model_prices)
    usage = UsageLedgerService(store, SqlUsageRollup(store, "t1"), "t1", Clock())
    service = CostsService(usage.rollup, SqlUsageRecords(store, "t1"), prices.books,
                           prices.currency, Clock())
    return service, prices, usage


def priced_workspace(store: SqlEventStore) -> CostsService:
    service, prices, usage = costs(store)
    store.append(prices_stream("t1"), [NewEvent(HETZNER_SYNCED, "t1", {
        "account": "main", "effective": "2026-10-01", "synced_at": "2026-10-01T00:00:00+00:00",
        "currency": "EUR", "pricing": PRICING})], None)
    prices.set_rate("EUR", "SAR", "4", "2026-01-01", "owner")
    prices.set_rate("USD", "SAR", "3.75", "2026-01-01", "owner")
    prices.define_models(MODELS, "2026-01-01", "owner")
    prices.set_currency("sar", "owner")
    usage.import_text(CSV, "csv", "owner")
    return service


def test_the_report_prices_every_kind_in_the_owner_s_currency(store: SqlEventStore) -> None:
    service = priced_workspace(store)
    report = service.report(*NOV, by=["tenant"])
    assert report.currency == "SAR"
    groups = {g.dimensions["tenant"]: g for g in report.groups}
    assert groups["acme"].revenue == Money(D("17"), "SAR")  # 1,700 requests at 0.01
    assert groups["zeta"].revenue == Money(D("7"), "SAR")
    infrastructure = D("48") * D("0.006") * 4 + D("3") * D("3.75")  # cx22 hours, Claude input
    assert groups[""].cost == Money(infrastructure, "SAR")
    assert report.total.cost == Money(infrastructure, "SAR")
    assert report.total.revenue == Money(D("24"), "SAR")
    assert [(u.dimensions["resource"], u.quantity) for u in report.unpriced] == [
        ("cloud.traffic_gb", 3)]
    assert "does not say both (type@location)" in report.unpriced[0].reason
    assert report.to_json()["total"]["cost"] == str((infrastructure).quantize(D("0.01")))


def test_daily_series_drivers_margin_and_forecast(store: SqlEventStore) -> None:
    service = priced_workspace(store)
    daily = service.daily(*NOV, by=["category"])
    assert [(d.day, d.dimensions["category"], d.cost.amount, d.revenue.amount) for d in daily] == [
        ("2026-11-03", "cloud", D("0.576"), 0), ("2026-11-03", "platform", 0, D("22")),
        ("2026-11-04", "ai", D("11.25"), 0), ("2026-11-04", "cloud", D("0.576"), 0),
        ("2026-11-04", "platform", 0, D("2"))]
    assert daily[3].unpriced == 1  # the traffic row of the 4th
    assert [d.dimensions["resource"] for d in service.drivers(*NOV, limit=1)] == ["ai.tokens.input"]
    margin = service.margin(*NOV, by=["tenant"])
    assert [(m.dimensions["tenant"], m.margin.amount) for m in margin] == [("acme", 17), ("zeta", 7)]
    forecast = service.forecast("2026-11")  # the clock says 10 November: 10 of 30 days
    assert forecast.spent.amount == D("12.402")
    assert forecast.forecast.amount == D("12.402") * 3
    only_cloud = service.forecast("2026-11", {"category": "cloud"})
    assert only_cloud.spent.amount == D("1.152")
    # a period starting mid-month still counts the month's running quantities from the 1st
    assert service.report(date(2026, 11, 4), NOV[1]).total.cost.amount == D("11.826")


def test_the_records_behind_one_cell(store: SqlEventStore) -> None:
    service = priced_workspace(store)
    cell = service.records(date(2026, 11, 3), {"tenant": "acme", "resource": "platform.requests"})
    assert sorted(r.quantity for r in cell) == [500, 1000]
    ai = service.records(date(2026, 11, 4), {"category": "ai"})
    assert [(r.resource, r.sku, r.quantity) for r in ai] == [
        ("ai.tokens.input", "claude-sonnet-4-5", 1_000_000)]
    assert service.records(date(2026, 11, 5)) == []


def test_the_assistant_s_own_ai_events_are_priced_by_the_books(store: SqlEventStore) -> None:
    service = priced_workspace(store)
    AiUsageLedger(store, "t1").record_now(
        AiCall.for_call("claude-sonnet-4-5", 0, 2000, "assist", cache_read_input_tokens=10_000),
        "owner")
    day = max(e.recorded_at for e in store.read_all() if e.type == "AiUsageRecorded").date()
    report = service.report(day, day + timedelta(days=1), by=["resource"])
    assert {g.dimensions["resource"]: g.cost.amount for g in report.groups} == {
        "ai.tokens.output": D("0.03") * D("3.75"), "ai.tokens.cache_read": D("0.003") * D("3.75")}
    cell = service.records(day, {"resource": "ai.tokens.output"})
    assert [(r.sku, r.quantity, r.source) for r in cell] == [("claude-sonnet-4-5", 2000, "ai")]


def test_the_owner_s_currency_defaults_and_is_checked(store: SqlEventStore) -> None:
    _, prices, _ = costs(store)
    assert prices.currency() == DEFAULT_CURRENCY
    with pytest.raises(PriceBookServiceError, match="'XX' is not an ISO 4217"):
        prices.set_currency("XX", "owner")
    assert prices.set_currency("usd", "owner") == "USD" and prices.currency() == "USD"


def test_a_period_that_ends_before_it_starts_is_refused(store: SqlEventStore) -> None:
    service, _, _ = costs(store)
    with pytest.raises(ValueError, match="ends"):
        service.report(NOV[1], NOV[0])
