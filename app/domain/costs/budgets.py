"""Budgets: how much the owner means to spend, on what, over which period, and the
thresholds (50/80/100% by default) to be warned at.

A budget covers the whole workspace or the usage of one platform, environment, tenant or
provider (any of them together: ``{"platform": "hub", "environment": "production"}``), is
monthly (each calendar month, UTC) or for one fixed period of days, and is an amount in a
currency (spend is priced in that currency, each day at its own rate).

A threshold is *crossed* the first time the period's spend reaches it; the forecast to the
period's end reaching 100% while the spend has not yet is its own warning. Each is recorded
once per budget and period (:func:`new_crossings` is given what was already recorded), so a
spend that goes down and up again, or two consoles checking at once, warn once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

from app.domain.costs.money import Money, MoneyError, decimal_of
from app.domain.costs.usage import month_range

SCOPE_DIMENSIONS = ("platform", "environment", "tenant", "provider")
DEFAULT_THRESHOLDS = (50, 80, 100)
MONTHLY = "monthly"
SPEND = "spend"
FORECAST = "forecast"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")


class BudgetError(MoneyError):
    """A budget that cannot be kept; the message names the field."""


@dataclass(frozen=True)
class Budget:
    name: str
    amount: Money
    scope: Mapping[str, str] = field(default_factory=dict)  # dimension -> value; {} the workspace
    thresholds: tuple[int, ...] = DEFAULT_THRESHOLDS  # percent, ascending
    start: date | None = None  # a fixed period [start, end); None: monthly
    end: date | None = None

    def __post_init__(self) -> None:
        if not _NAME.match(self.name or ""):
            raise BudgetError(f"name: {self.name!r} is not a budget name (1-64 letters, digits, "
                              "'.', '_' or '-', starting with a letter or digit)")
        if self.amount.amount <= 0:
            raise BudgetError(f"amount: {self.amount.amount} is not above zero")
        for key, value in self.scope.items():
            if key not in SCOPE_DIMENSIONS:
                raise BudgetError(f"scope: {key!r} is not one of {', '.join(SCOPE_DIMENSIONS)}")
            if not isinstance(value, str) or not value.strip():
                raise BudgetError(f"scope: the {key} must be named")
        if not self.thresholds:
            raise BudgetError("thresholds: at least one is needed")
        if any(not 0 < t <= 1000 for t in self.thresholds) or \
                list(self.thresholds) != sorted(set(self.thresholds)):
            raise BudgetError(f"thresholds: {','.join(map(str, self.thresholds))} must be "
                              "ascending whole percentages from 1 to 1000")
        if (self.start is None) != (self.end is None):
            raise BudgetError("period: a fixed period needs its first and last day")
        if self.start is not None and self.end is not None and self.end <= self.start:
            raise BudgetError("period: the last day is before the first")

    @property
    def monthly(self) -> bool:
        return self.start is None

    def period(self, today: date) -> tuple[date, date]:
        """The period ``today`` falls in: this month, or the fixed period."""
        if self.start is not None and self.end is not None:
            return self.start, self.end
        return month_range(today.strftime("%Y-%m"))

    def period_key(self, today: date) -> str:
        start, end = self.period(today)
        return start.strftime("%Y-%m") if self.monthly else \
            f"{start.isoformat()}..{(end - timedelta(days=1)).isoformat()}"

    def threshold(self, percent: int) -> Money:
        return Money(self.amount.amount * percent / 100, self.amount.currency)

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "amount": str(self.amount.amount),
                "currency": self.amount.currency, "scope": dict(self.scope),
                "thresholds": list(self.thresholds),
                "period": MONTHLY if self.start is None else {
                    "from": self.start.isoformat(),
                    "to": (self.end - timedelta(days=1)).isoformat() if self.end else None}}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Budget:
        period = data.get("period", MONTHLY)
        start = end = None
        if period != MONTHLY:
            if not isinstance(period, Mapping):
                raise BudgetError(f"period: {period!r} is not 'monthly' or {{from, to}}")
            start = _day(period.get("from"), "period.from")
            end = _day(period.get("to"), "period.to") + timedelta(days=1)
        try:
            amount = Money.of(data.get("amount"), data.get("currency"), "amount")
        except MoneyError as exc:
            raise BudgetError(str(exc)) from None
        thresholds = data.get("thresholds", list(DEFAULT_THRESHOLDS))
        if not isinstance(thresholds, list) or not all(
                isinstance(t, int) and not isinstance(t, bool) for t in thresholds):
            raise BudgetError(f"thresholds: {thresholds!r} are not whole percentages")
        scope = data.get("scope") or {}
        if not isinstance(scope, Mapping):
            raise BudgetError("scope: expected a mapping of dimension to name")
        return cls(str(data.get("name", "")), amount, dict(scope), tuple(thresholds), start, end)


def _day(value: object, where: str) -> date:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise BudgetError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def parse_thresholds(text: str) -> tuple[int, ...]:
    """``50,80,100`` as percentages; an error names the bad one."""
    found = []
    for part in text.split(","):
        try:
            value = decimal_of(part.strip().rstrip("%"), "thresholds")
        except MoneyError:
            raise BudgetError(f"thresholds: {part.strip()!r} is not a percentage") from None
        if value != value.to_integral_value():
            raise BudgetError(f"thresholds: {part.strip()!r} is not a whole percentage")
        found.append(int(value))
    return tuple(found)


@dataclass(frozen=True)
class Crossing:
    """A threshold crossed (``kind`` SPEND) or the forecast passing the budget (FORECAST)."""

    budget: str
    period: str
    kind: str
    threshold: int  # percent
    spent: Money
    forecast: Money
    amount: Money  # the budget's

    @property
    def key(self) -> tuple[str, str, str, int]:
        return self.budget, self.period, self.kind, self.threshold

    def to_json(self) -> dict[str, Any]:
        return {"budget": self.budget, "period": self.period, "kind": self.kind,
                "threshold": self.threshold, "spent": str(self.spent.rounded().amount),
                "forecast": str(self.forecast.rounded().amount),
                "amount": str(self.amount.amount), "currency": self.amount.currency}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Crossing:
        currency = str(data["currency"])
        return cls(str(data["budget"]), str(data["period"]), str(data["kind"]),
                   int(data["threshold"]), Money(Decimal(data["spent"]), currency),
                   Money(Decimal(data["forecast"]), currency),
                   Money(Decimal(data["amount"]), currency))


def new_crossings(budget: Budget, period: str, spent: Money, forecast: Money,
                  recorded: Iterable[tuple[str, str, str, int]]) -> list[Crossing]:
    """The thresholds ``spent`` has reached (and the forecast warning) not yet recorded."""
    done = set(recorded)
    found = []
    for percent in budget.thresholds:
        crossing = Crossing(budget.name, period, SPEND, percent, spent, forecast, budget.amount)
        if spent >= budget.threshold(percent) and crossing.key not in done:
            found.append(crossing)
    warning = Crossing(budget.name, period, FORECAST, 100, spent, forecast, budget.amount)
    if forecast >= budget.amount > spent and warning.key not in done:
        found.append(warning)
    return found
