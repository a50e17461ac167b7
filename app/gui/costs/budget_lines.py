"""The budgets drawn over the Costs pane's spend chart (Qt-free, loaded with the dashboard).

Each budget whose period meets the dashboard's range becomes a line over the spend chart:
its amount *per bar*, in the owner's currency. A monthly budget is its amount on a month's
bar, or that amount spread evenly over the month's days on a day's bar; a budget for fixed
days spreads its amount evenly over its days and counts the days of each bar it covers (no
point where it does not apply). A budget in another currency is converted at the owner's
exchange rate in force on the last day shown (today at the latest); without one it is still
listed, with the missing rate named, and not drawn.

The list beside it is the budget's current period as ``webnova budgets list`` shows it: spent,
the forecast to the period's end, and the thresholds crossed.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from app.domain.costs.books import PriceBooks
from app.domain.costs.budgets import FORECAST, Budget
from app.domain.costs.money import Money, MoneyError
from app.services.budgets import BudgetState


class BudgetsSource(Protocol):
    """``Workspace.budgets`` (app/services/budgets.py)."""

    def states(self) -> list[BudgetState]: ...


@dataclass(frozen=True)
class BudgetLine:
    """One budget over the chart: ``per_bar`` amounts (None: not in force on that bar) in the
    owner's currency; ``state`` its current period; ``error`` why it is not drawn."""

    name: str
    amount: Money  # the budget's own amount and currency
    converted: Money | None  # the amount in the owner's currency
    per_bar: tuple[Decimal | None, ...]
    state: BudgetState
    error: str = ""

    @property
    def crossed(self) -> list[str]:
        """The thresholds crossed in the current period ("50%", "80%", "forecast")."""
        return ["forecast" if c.kind == FORECAST else f"{c.threshold}%"
                for c in sorted(self.state.crossed, key=lambda c: (c.kind, c.threshold))]


def _bar_days(bucket: str) -> tuple[date, date]:
    """``[first, end)`` of a bar: a month (``2026-03``) or a day."""
    if len(bucket) == 7:
        first = date.fromisoformat(bucket + "-01")
        return first, first + timedelta(days=calendar.monthrange(first.year, first.month)[1])
    day = date.fromisoformat(bucket)
    return day, day + timedelta(days=1)


def per_bar(budget: Budget, buckets: Sequence[str], amount: Decimal) -> tuple[Decimal | None, ...]:
    """``amount`` (the budget's, converted) on each bar, as the module says."""
    found: list[Decimal | None] = []
    for bucket in buckets:
        first, end = _bar_days(bucket)
        if budget.monthly:
            month_days = calendar.monthrange(first.year, first.month)[1]
            found.append(amount * (end - first).days / month_days)
            continue
        assert budget.start is not None
        assert budget.end is not None
        overlap = (min(end, budget.end) - max(first, budget.start)).days
        found.append(amount * overlap / (budget.end - budget.start).days if overlap > 0 else None)
    return tuple(found)


def applies(budget: Budget, start: date, end: date) -> bool:
    """Whether the budget's period meets ``[start, end)`` (a monthly one always does)."""
    if budget.monthly:
        return True
    assert budget.start is not None
    assert budget.end is not None
    return budget.start < end and start < budget.end


def budget_lines(states: Sequence[BudgetState], books: PriceBooks, currency: str,
                 start: date, end: date, today: date, buckets: Sequence[str]) -> list[BudgetLine]:
    on = min(end - timedelta(days=1), today)
    lines = []
    for state in states:
        budget = state.budget
        if not applies(budget, start, end):
            continue
        try:
            converted = books.rates.convert(budget.amount, currency, on)
        except MoneyError as exc:
            lines.append(BudgetLine(budget.name, budget.amount, None, (), state, str(exc)))
            continue
        lines.append(BudgetLine(budget.name, budget.amount, converted,
                                per_bar(budget, buckets, converted.amount), state))
    return lines
