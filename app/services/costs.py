"""What usage costs and earns: the one place usage is priced (``Workspace.costs``).

Every figure here is the daily usage rollup priced by the workspace's price books
(:mod:`app.domain.costs.costing`), in the owner's currency (``Workspace.prices.currency()``).
Dashboards, ``webnova costs report`` and budgets read it; AI usage is priced here too, by
the price books (the assistant's own running total in ``app/services/ai_usage.py`` keeps its
figure for the assistant's panel only).

The API, all amounts exact ``Money`` (round when shown):

- :meth:`CostsService.report` — cost, revenue and margin grouped by any dimensions over
  ``[start, end)``, with the total and the rows that could not be priced (and why);
- :meth:`CostsService.daily` — the same per day (stacked charts);
- :meth:`CostsService.drivers` — the groups that cost most;
- :meth:`CostsService.margin` — revenue, cost and margin by platform / tenant where
  revenue is known;
- :meth:`CostsService.forecast` — a month's spend so far and at that pace by month end;
- :meth:`CostsService.records` — the usage records behind one day and dimensions.

Each call brings the rollup up to date first, then reads it from the first day of the
start's month (the month's running quantities need it).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, Protocol

from app.domain.costs.books import PriceBooks
from app.domain.costs.costing import (
    COST,
    Costing,
    CostSum,
    Forecast,
    UnpricedLine,
    drivers,
    forecast_month,
    forecast_period,
    price_rows,
    summarize,
)
from app.domain.costs.money import total
from app.domain.costs.usage import DIMENSIONS, UsageRecord, check_dimensions, month_range
from app.services.usage_ledger import UsageRollup

Clock = Callable[[], datetime]
DRIVER_DIMENSIONS = ("category", "provider", "resource", "sku")


class UsageRecords(Protocol):
    """The raw records of a day (app/store/usage_records.py)."""

    def records(self, day: date, where: Mapping[str, str] | None = None,
                limit: int = ...) -> list[UsageRecord]: ...


@dataclass(frozen=True)
class CostReport:
    start: date
    end: date
    by: tuple[str, ...]
    groups: list[CostSum]
    total: CostSum
    unpriced: list[UnpricedLine]

    @property
    def currency(self) -> str:
        return self.total.cost.currency

    def to_json(self) -> dict[str, Any]:
        return {"from": self.start.isoformat(), "to": self.end.isoformat(), "by": list(self.by),
                "currency": self.currency, "groups": [g.to_json() for g in self.groups],
                "total": self.total.to_json(), "unpriced": [u.to_json() for u in self.unpriced]}


class CostsService:
    def __init__(self, rollup: UsageRollup, records: UsageRecords, books: Callable[[], PriceBooks],
                 currency: Callable[[], str], clock: Clock | None = None) -> None:
        self.rollup = rollup
        self.raw = records
        self.books = books
        self.currency = currency
        self.clock = clock or (lambda: datetime.now(UTC))

    def today(self) -> date:
        return self.clock().astimezone(UTC).date()

    def costing(self, start: date, end: date, where: Mapping[str, str] | None = None,
                currency: str | None = None) -> Costing:
        """Every rollup row of ``[start, end)`` (matching ``where``) priced, in ``currency``
        (default: the owner's)."""
        if end <= start:
            raise ValueError(f"the period ends ({end.isoformat()}) before it starts "
                             f"({start.isoformat()})")
        check_dimensions(where or {}, "where")
        self.rollup.catch_up()
        rows = self.rollup.daily(start.replace(day=1), end, DIMENSIONS, where)
        return price_rows(rows, self.books(), currency or self.currency()).between(start, end)

    def report(self, start: date, end: date, by: Sequence[str] = (),
               where: Mapping[str, str] | None = None) -> CostReport:
        chosen = check_dimensions(by)
        costing = self.costing(start, end, where)
        groups = summarize(costing, chosen)
        whole = summarize(costing)
        overall = whole[0] if whole else CostSum({}, total((), costing.currency),
                                                 total((), costing.currency))
        return CostReport(start, end, chosen, groups, overall, list(costing.unpriced))

    def daily(self, start: date, end: date, by: Sequence[str] = (),
              where: Mapping[str, str] | None = None) -> list[CostSum]:
        return summarize(self.costing(start, end, where), check_dimensions(by), per_day=True)

    def drivers(self, start: date, end: date, limit: int = 10,
                by: Sequence[str] = DRIVER_DIMENSIONS) -> list[CostSum]:
        return drivers(self.costing(start, end), check_dimensions(by), limit)

    def margin(self, start: date, end: date, by: Sequence[str] = ("platform",)) -> list[CostSum]:
        """The groups with revenue: what they earned, cost and kept."""
        return [g for g in summarize(self.costing(start, end), check_dimensions(by))
                if g.revenue.amount != 0]

    def forecast(self, period: str | None = None, where: Mapping[str, str] | None = None,
                 currency: str | None = None) -> Forecast:
        """The month's cost (not revenue) so far and at that pace by its end."""
        start, end = month_range(period or self.today().strftime("%Y-%m"))
        return self.forecast_between(start, end, where, currency)

    def forecast_between(self, start: date, end: date, where: Mapping[str, str] | None = None,
                         currency: str | None = None) -> Forecast:
        """:meth:`forecast` for any days ``[start, end)`` (a budget's fixed period)."""
        costing = self.costing(start, end, where, currency)
        spent = total((x.amount for x in costing.lines if x.kind == COST), costing.currency)
        if end - start == timedelta(days=calendar.monthrange(start.year, start.month)[1]) \
                and start.day == 1:
            return forecast_month(start, spent, self.today())
        return forecast_period(start, end, spent, self.today())

    def records(self, day: date, where: Mapping[str, str] | None = None) -> list[UsageRecord]:
        """The usage records behind one cell: ``day`` and the dimensions in ``where``."""
        return self.raw.records(day, where)
