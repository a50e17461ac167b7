"""What a Costs dashboard keeps in memory after it is loaded off the GUI thread.

The collector is paused while a dashboard loads (app/gui/collection_pause.py); the first
collection after it resumes walks every object the load made that is still alive, and it
holds every thread, the GUI's included. So the loaded dashboard keeps its daily series as
plain tuples (about one tracked object per day and group, not seven), and the load leaves
no reference cycles behind that only the collector could free."""

from __future__ import annotations

import gc
from collections.abc import Iterator, Mapping
from datetime import date, timedelta
from decimal import Decimal

from app.domain.costs.costing import Costing, Forecast, price_rows
from app.domain.costs.usage import DIMENSIONS, UsageRecord, UsageSum
from app.gui.costs.dashboard import Dashboard, load_dashboard
from tests.unit.costs.test_costing import books

START, END = date(2026, 1, 1), date(2026, 7, 1)


def usage() -> list[UsageSum]:
    rows = []
    day = START
    while day < END:
        for n in range(20):
            dims = dict.fromkeys(DIMENSIONS, "")
            dims.update(category="ai", provider="anthropic", resource="ai.tokens.input",
                        sku="claude-sonnet-4-5", unit="token", platform=f"p{n % 4}",
                        tenant=f"t{n}")
            rows.append(UsageSum(dims, Decimal(1000 + n), 3, day.isoformat()))
        # no price book prices this one: an unpriced row each day
        rows.append(UsageSum({**dict.fromkeys(DIMENSIONS, ""), "category": "cloud",
                              "provider": "elsewhere", "resource": "cloud.widgets",
                              "unit": "widget"}, Decimal(1), 1, day.isoformat()))
        day += timedelta(days=1)
    return rows


class Source:
    def __init__(self) -> None:
        self.rows = usage()

    def today(self) -> date:
        return date(2026, 12, 1)

    def costing(self, start: date, end: date,
                where: Mapping[str, str] | None = None) -> Costing:
        return price_rows(self.rows, books(), "SAR").between(start, end)

    def forecast(self, period: str | None = None,
                 where: Mapping[str, str] | None = None) -> Forecast:
        raise AssertionError("the period is over: no forecast is asked for")

    def records(self, day: date, where: Mapping[str, str] | None = None) -> list[UsageRecord]:
        return []


def tracked_from(root: object) -> Iterator[object]:
    """Every object the collector tracks that ``root`` reaches (not through classes)."""
    seen: set[int] = set()
    stack = [root]
    while stack:
        item = stack.pop()
        if id(item) in seen or not gc.is_tracked(item) or isinstance(item, type):
            continue
        seen.add(id(item))
        yield item
        stack.extend(gc.get_referents(item))


def test_the_daily_series_keep_about_one_tracked_object_per_cell() -> None:
    board = load_dashboard(Source(), START, END)
    cells = sum(len(v) for v in board.daily.values())
    days = (END - START).days
    # categories (ai; cloud, unpriced), platforms (4 and none), tenants (20 and none)
    assert cells == days * (2 + 5 + 21)
    kept = sum(1 for _ in tracked_from(board))
    assert kept <= cells + 500, f"{kept} tracked objects for {cells} daily cells"
    # the cells still answer the drill-down
    days_of = board.days("tenant", "t3", "2026-02")
    assert [d.day for d in days_of][:2] == ["2026-02-01", "2026-02-02"]
    assert days_of[0].cost.currency == "SAR" and days_of[0].cost.amount > 0
    assert days_of[0].dimensions == {"tenant": "t3"}


def test_a_load_leaves_nothing_for_the_collector() -> None:
    source = Source()
    load_dashboard(source, START, END)  # warm the caches
    gc.collect()
    was = gc.isenabled()
    gc.disable()
    try:
        before = len(gc.get_objects())
        board: Dashboard | None = load_dashboard(source, START, END)
        assert board is not None
        del board
        assert len(gc.get_objects()) - before < 50  # freed by reference counting alone
    finally:
        if was:
            gc.enable()
