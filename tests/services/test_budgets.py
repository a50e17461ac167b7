"""Budgets on SQLite and PostgreSQL: each threshold crossed is recorded exactly once per
period — checked again and again, with spend going down and up, and with two consoles
checking at the same moment — and the forecast passing the budget is its own warning."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from app.domain.costs.budgets import FORECAST, SPEND, Budget, BudgetError, parse_thresholds
from app.domain.costs.money import Money
from app.services.budgets import (
    CROSSED,
    BudgetService,
    BudgetServiceError,
    budgets_stream,
    parse_budget,
)
from app.services.costs import CostsService
from app.services.price_books import PriceBookService
from app.services.usage_ledger import UsageLedgerService
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import upgrade
from app.store.resource_files import load_model_prices
from app.store.usage_records import SqlUsageRecords
from app.store.usage_rollup import SqlUsageRollup

HEADER = "resource,quantity,period_start,provider,platform,environment,tenant,sku\n"


def tokens(millions: int, day: int, platform: str = "hub", month: int = 11) -> str:
    """Claude input tokens: 3 USD a million, 4 SAR a dollar below -> 12 SAR a million."""
    return (f"ai.tokens.input,{millions * 1_000_000},2026-{month:02d}-{day:02d}T10:00:00Z,"
            f"anthropic,{platform},,,claude-sonnet-4-5\n")


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 11, 28, 12, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    found = (f"sqlite:///{tmp_path / 'w.sqlite3'}" if request.param == "sqlite"
             else request.getfixturevalue("pg_url"))
    engine = create_workspace_engine(found)
    upgrade(engine)
    engine.dispose()
    return found


class Console:
    """One console's services over its own engine."""

    def __init__(self, url: str, clock: Clock, budget_class: type[BudgetService] = BudgetService) -> None:
        self.clock = clock
        self.engine = create_workspace_engine(url)
        self.store: SqlEventStore = (PostgresEventStore(self.engine) if url.startswith("postgresql")
                                     else SqliteEventStore(self.engine))
        self.prices = PriceBookService(self.store, "t1", None, load_model_prices)
        self.usage = UsageLedgerService(self.store, SqlUsageRollup(self.store, "t1"), "t1", clock)
        self.costs = CostsService(self.usage.rollup, SqlUsageRecords(self.store, "t1"),
                                  self.prices.books, self.prices.currency, clock)
        self.budgets = budget_class(self.store, "t1", self.costs, None, clock)

    def spend(self, *rows: str) -> None:
        self.usage.import_text(HEADER + "".join(rows), "csv", "owner")

    def crossed(self) -> list[tuple[str, str, int]]:
        return [(c.budget, c.kind, c.threshold) for c in self.budgets.crossings()]

    def close(self) -> None:
        self.engine.dispose()


@pytest.fixture
def console(url: str) -> Iterator[Console]:
    one = Console(url, Clock())
    one.prices.set_rate("USD", "SAR", "4", "2026-01-01", "owner")
    one.budgets.set(parse_budget({"name": "hub", "amount": "120", "currency": "SAR",
                                  "scope": {"platform": "hub"}}), "owner")
    try:
        yield one
    finally:
        one.close()


def test_each_threshold_is_recorded_once_and_spend_going_down_and_up_changes_nothing(
        console: Console) -> None:
    console.spend(tokens(5, 2), tokens(9, 3, platform="shop"))  # 60 SAR on hub, 50%
    assert [(c.kind, c.threshold) for c in console.budgets.check("owner")] == [(SPEND, 50)]
    assert console.budgets.check("owner") == []
    # cheaper dollars (entered later for the same day, so in force): 30 SAR; then back: 60
    console.prices.set_rate("USD", "SAR", "2", "2026-01-01", "owner")
    assert console.budgets.check("owner") == []
    console.prices.set_rate("USD", "SAR", "4", "2026-01-01", "owner")
    assert console.budgets.check("owner") == []
    console.spend(tokens(3, 20))  # 96 SAR: 80%
    found = console.budgets.check("owner")
    assert [(c.threshold, c.spent) for c in found] == [(80, Money(96, "SAR"))]
    console.spend(tokens(2, 21))  # 120 SAR: 100%
    assert [c.threshold for c in console.budgets.check("owner")] == [100]
    assert console.crossed() == [("hub", SPEND, 50), ("hub", SPEND, 80), ("hub", SPEND, 100)]
    # a new month is a new period
    console.spend(tokens(6, 1, month=12))  # 72 SAR on 1 December
    console.clock.now = datetime(2026, 12, 2, tzinfo=UTC)
    assert [(c.period, c.kind, c.threshold) for c in console.budgets.check("owner")] == [
        ("2026-12", SPEND, 50), ("2026-12", FORECAST, 100)]


def test_the_forecast_passing_the_budget_before_the_spend_is_its_own_warning_once(
        console: Console) -> None:
    console.clock.now = datetime(2026, 11, 10, 12, tzinfo=UTC)
    console.spend(tokens(4, 2))  # 48 SAR by the 10th: 144 SAR at that pace by the 30th
    found = console.budgets.check("owner")
    assert [(c.kind, c.threshold) for c in found] == [(FORECAST, 100)]
    assert found[0].forecast == Money(144, "SAR")
    assert console.budgets.check("owner") == []
    console.spend(tokens(1, 9))  # 60 SAR: 50% reached, the forecast warned already
    assert [(c.kind, c.threshold) for c in console.budgets.check("owner")] == [(SPEND, 50)]


def test_two_consoles_checking_at_the_same_moment_record_each_crossing_once(
        console: Console, url: str) -> None:
    console.spend(tokens(10, 2))  # 120 SAR: 50, 80 and 100% at once
    barrier = threading.Barrier(2, timeout=30)

    class Racing(BudgetService):
        raced = False

        def _fold(self) -> Any:
            folded = super()._fold()
            if not self.raced:  # both consoles read the stream before either appends
                self.raced = True
                barrier.wait()
            return folded

    consoles = [Console(url, Clock(), Racing) for _ in range(2)]
    results: list[Any] = [None, None]

    def check(i: int) -> None:
        try:
            results[i] = consoles[i].budgets.check("owner")
        except Exception as exc:  # reported by the assertion below
            results[i] = exc

    threads = [threading.Thread(target=check, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    for c in consoles:
        c.close()
    assert all(isinstance(r, list) for r in results), results
    assert sorted(len(r) for r in results) == [0, 3]  # one recorded all three, the other none
    events = [e for e in console.store.read_stream(budgets_stream("t1")) if e.type == CROSSED]
    assert sorted(e.data["threshold"] for e in events) == [50, 80, 100]


def test_budgets_are_scoped_listed_replaced_and_removed(console: Console) -> None:
    console.spend(tokens(1, 2), tokens(2, 3, platform="shop"))
    console.budgets.set(parse_budget({
        "name": "all-of-q4", "amount": "1000", "currency": "SAR", "thresholds": [10],
        "period": {"from": "2026-10-01", "to": "2026-12-31"}}), "owner")
    states = {s.budget.name: s for s in console.budgets.states()}
    assert states["hub"].forecast.spent == Money(12, "SAR")
    assert states["all-of-q4"].forecast.spent == Money(36, "SAR")
    assert states["all-of-q4"].period == "2026-10-01..2026-12-31"
    assert states["hub"].period == "2026-11"
    console.budgets.set(parse_budget({"name": "hub", "amount": "20", "currency": "SAR",
                                      "scope": {"platform": "hub"}}), "owner")
    assert [c.threshold for c in console.budgets.check("owner")] == [50]
    console.budgets.remove("hub", "owner")
    assert [b.name for b in console.budgets.budgets()] == ["all-of-q4"]
    with pytest.raises(BudgetServiceError, match="no budget 'hub'"):
        console.budgets.remove("hub", "owner")


@pytest.mark.parametrize(("fields", "message"), [
    ({"name": "a b", "amount": "1", "currency": "SAR"}, "name: 'a b' is not a budget name"),
    ({"name": "a", "amount": "0", "currency": "SAR"}, "amount: 0 is not above zero"),
    ({"name": "a", "amount": "x", "currency": "SAR"}, "amount: 'x' is not a number"),
    ({"name": "a", "amount": "1", "currency": "SARR"}, "'SARR' is not an ISO 4217"),
    ({"name": "a", "amount": "1", "currency": "SAR", "scope": {"resource": "x"}},
     "scope: 'resource' is not one of platform"),
    ({"name": "a", "amount": "1", "currency": "SAR", "thresholds": [80, 50]}, "ascending"),
    ({"name": "a", "amount": "1", "currency": "SAR", "period": {"from": "2026-11-05",
                                                                "to": "2026-11-01"}},
     "the last day is before the first"),
])
def test_a_bad_budget_names_what_is_wrong(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(BudgetServiceError, match=message):
        parse_budget(fields)


def test_thresholds_are_read_as_whole_percentages() -> None:
    assert parse_thresholds("50,80%, 100") == (50, 80, 100)
    with pytest.raises(BudgetError, match=r"'8\.5' is not a whole percentage"):
        parse_thresholds("8.5")
    assert Budget("x", Money(10, "EUR")).threshold(80) == Money(8, "EUR")
