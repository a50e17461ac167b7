"""What the Costs pane shows, loaded in one go off the GUI thread (Qt-free).

:func:`load_dashboard` prices the period once (``CostsService.costing``) and summarises that
one costing every way the pane draws it: the total, a daily series by category, platform
and tenant (the charts bucket it per day or per month; drill-downs pick days from it), the
totals by platform and tenant, the top cost drivers, the margin where revenue is known, the
month-end forecast and the usage that could not be priced, grouped with its reason.

:func:`period_of` turns a preset (this month, last month, the last 3 or 12 months) into a
``[start, end)`` range; :func:`dashboard_csv` writes what the pane shows as CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from app.domain.costs.books import PriceBooks
from app.domain.costs.costing import Costing, CostSum, Forecast, drivers, summarize
from app.domain.costs.money import Money, total
from app.domain.costs.unpriced import UnpricedReason
from app.domain.costs.usage import UsageRecord
from app.gui.costs.budget_lines import BudgetLine, BudgetsSource, budget_lines

PRESETS = ("this_month", "last_month", "last_3_months", "last_12_months", "custom")
DAILY_UP_TO = 62  # days: a longer period is drawn per month
SERIES_DIMENSIONS = ("category", "platform", "tenant")
DRIVERS = 10


class CostsSource(Protocol):
    """What the pane reads (``Workspace.costs``, app/services/costs.py)."""

    def today(self) -> date: ...

    def costing(self, start: date, end: date,
                where: Mapping[str, str] | None = None) -> Costing: ...

    def forecast(self, period: str | None = None,
                 where: Mapping[str, str] | None = None) -> Forecast: ...

    def records(self, day: date, where: Mapping[str, str] | None = None) -> list[UsageRecord]: ...

    def books(self) -> PriceBooks: ...


def month_start(day: date, back: int = 0) -> date:
    """The first day of ``day``'s month, ``back`` months earlier."""
    months = day.year * 12 + day.month - 1 - back
    return date(months // 12, months % 12 + 1, 1)


def period_of(preset: str, today: date) -> tuple[date, date]:
    """``[start, end)`` of a preset; the 3 and 12 months end with the current one."""
    following = month_start(month_start(today) + timedelta(days=32))
    if preset == "this_month":
        return month_start(today), following
    if preset == "last_month":
        return month_start(today, 1), month_start(today)
    if preset == "last_3_months":
        return month_start(today, 2), following
    if preset == "last_12_months":
        return month_start(today, 11), following
    raise ValueError(f"preset: {preset!r} is not one of {', '.join(PRESETS[:-1])}")


def bucket_of(day: str, per_month: bool) -> str:
    """The chart's bar a day falls in: the day itself, or its month (``2026-03``)."""
    return day[:7] if per_month else day


@dataclass(frozen=True)
class UnpricedGroup:
    """Rollup rows of one kind of usage that could not be priced, and why."""

    category: str
    provider: str
    resource: str
    sku: str
    rows: int
    records: int
    quantity: Decimal
    reason: UnpricedReason  # the first row's


# One day of one group: (day, the dimension's value, cost, revenue, unpriced rows). Plain
# tuples of strings and numbers, not CostSums: a year holds some 11,000 of them, and the
# fewer objects the result keeps, the less the collector walks on the GUI thread.
DayCell = tuple[str, str, Decimal, Decimal, int]


def day_cells(sums: Iterable[CostSum], dimension: str) -> list[DayCell]:
    return [(s.day or "", s.dimensions[dimension], s.cost.amount, s.revenue.amount, s.unpriced)
            for s in sums]


@dataclass
class Dashboard:
    start: date
    end: date  # exclusive
    currency: str
    total: CostSum
    daily: dict[str, list[DayCell]]  # by SERIES_DIMENSIONS, per day
    by_platform: list[CostSum]
    by_tenant: list[CostSum]
    drivers: list[CostSum]
    margin: list[CostSum]  # platforms, then tenants, with revenue
    unpriced: list[UnpricedGroup]
    forecast: Forecast | None
    budgets: list[BudgetLine] = field(default_factory=list)

    @property
    def per_month(self) -> bool:
        return (self.end - self.start).days > DAILY_UP_TO

    @property
    def empty(self) -> bool:
        return not self.daily["category"]

    def buckets(self) -> list[str]:
        """Every bar of the spend chart, oldest first (days or months of the period)."""
        found: list[str] = []
        day = self.start
        while day < self.end:
            key = bucket_of(day.isoformat(), self.per_month)
            if not found or found[-1] != key:
                found.append(key)
            day += timedelta(days=1)
        return found

    def categories(self) -> list[str]:
        """The categories that cost something in the period (the stacks)."""
        return sorted({category for _, category, cost, _, _ in self.daily["category"]
                       if cost != 0})

    def spend(self) -> dict[tuple[str, str], Money]:
        """(bucket, category) -> cost."""
        cells: dict[tuple[str, str], Decimal] = {}
        for day, category, cost, _, _ in self.daily["category"]:
            key = (bucket_of(day, self.per_month), category)
            cells[key] = cells.get(key, Decimal(0)) + cost
        return {key: Money(amount, self.currency) for key, amount in cells.items()}

    def days(self, dimension: str, value: str, bucket: str | None = None) -> list[CostSum]:
        """The days behind one bar or row: ``dimension`` equal to ``value`` (in ``bucket``)."""
        return [CostSum({dimension: value}, Money(cost, self.currency),
                        Money(revenue, self.currency), day, unpriced)
                for day, found, cost, revenue, unpriced in self.daily[dimension]
                if found == value and (bucket is None or bucket_of(day, self.per_month) == bucket)]


def group_unpriced(costing: Costing) -> list[UnpricedGroup]:
    """The unpriced rows by kind of usage (category, provider, resource, sku)."""
    groups: dict[tuple[str, str, str, str], UnpricedGroup] = {}
    for line in costing.unpriced:
        d = line.dimensions
        key = (d["category"], d["provider"], d["resource"], d["sku"])
        seen = groups.get(key)
        groups[key] = UnpricedGroup(*key, 1, line.records, line.quantity, line.why) \
            if seen is None else replace(seen, rows=seen.rows + 1,
                                         records=seen.records + line.records,
                                         quantity=seen.quantity + line.quantity)
    return [groups[key] for key in sorted(groups)]


def load_dashboard(source: CostsSource, start: date, end: date,
                   budgets: BudgetsSource | None = None) -> Dashboard:
    """Everything the pane shows for ``[start, end)`` (blocking: run it off the GUI thread),
    with the ``budgets`` that apply to it (app/gui/costs/budget_lines.py)."""
    costing = source.costing(start, end)
    whole = summarize(costing)
    overall = whole[0] if whole else CostSum({}, Money.zero(costing.currency),
                                             Money.zero(costing.currency))
    daily = {d: day_cells(summarize(costing, (d,), per_day=True), d) for d in SERIES_DIMENSIONS}
    by_platform, by_tenant = summarize(costing, ("platform",)), summarize(costing, ("tenant",))
    margin = [g for g in (*by_platform, *by_tenant)
              if g.revenue.amount != 0 and any(v for v in g.dimensions.values())]
    today = source.today()
    forecast = source.forecast(today.strftime("%Y-%m")) if start <= today < end else None
    board = Dashboard(start, end, costing.currency, overall, daily, by_platform, by_tenant,
                      drivers(costing, ("category", "provider", "resource", "sku"), DRIVERS),
                      margin, group_unpriced(costing), forecast)
    if budgets is not None:
        board.budgets = budget_lines(budgets.states(), source.books(), costing.currency, start,
                                     end, today, board.buckets())
    return board


def cost_of(lines: Iterable[CostSum], currency: str) -> Money:
    return total((s.cost for s in lines), currency)


def _plain(value: Money) -> str:
    return str(value.rounded().amount)


def dashboard_csv(board: Dashboard) -> str:
    """What the pane shows, as CSV: amounts as plain decimals rounded to the currency's minor
    units, each row with its currency."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["section", "period", "group", "cost", "revenue", "margin", "currency",
                     "note"])
    period = f"{board.start.isoformat()}..{(board.end - timedelta(days=1)).isoformat()}"

    def row(section: str, when: str, group: str, s: CostSum, note: str = "") -> None:
        writer.writerow([section, when, group, _plain(s.cost), _plain(s.revenue),
                         _plain(s.margin), board.currency, note])

    row("total", period, "", board.total)
    zero = Money.zero(board.currency)
    for (bucket, category), cost in sorted(board.spend().items()):
        if cost.amount != 0:
            row("spend", bucket, category, CostSum({}, cost, zero))
    for s in board.by_platform:
        row("platform", period, s.dimensions["platform"], s)
    for s in board.by_tenant:
        row("tenant", period, s.dimensions["tenant"], s)
    for s in board.drivers:
        row("driver", period, "/".join(s.dimensions[d] for d in (
            "category", "provider", "resource", "sku") if s.dimensions[d]), s)
    for s in board.margin:
        by = "platform" if "platform" in s.dimensions else "tenant"
        row(f"margin_{by}", period, s.dimensions[by], s)
    if board.forecast is not None:
        f = board.forecast
        writer.writerow(["forecast", f.period, "", _plain(f.forecast), "", "", board.currency,
                         f"spent {_plain(f.spent)} in {f.days_elapsed} of {f.days} days"])
    for u in board.unpriced:
        writer.writerow(["unpriced", period, "/".join(x for x in (
            u.category, u.provider, u.resource, u.sku) if x), "", "", "", board.currency,
            f"{u.records} records, quantity {u.quantity}: {u.reason.english}"])
    for b in board.budgets:
        s = b.state
        note = (f"{b.amount} per {'month' if s.budget.monthly else 'period'}"
                f"{' ' + ','.join(f'{k}={v}' for k, v in sorted(s.budget.scope.items())) if s.budget.scope else ''}"
                f"; period {s.period} spent {_plain(s.forecast.spent)} forecast "
                f"{_plain(s.forecast.forecast)} {s.budget.amount.currency}; crossed "
                f"{','.join(b.crossed) or 'none'}{'; ' + b.error if b.error else ''}")
        writer.writerow(["budget", s.period, b.name,
                         _plain(b.converted) if b.converted is not None else "", "", "",
                         board.currency, note])
    return out.getvalue()
