"""The Costs pane's tables and the way it writes amounts, periods and names.

Every chart has a table beside it with the same figures (a row and Enter drills down, as a
click on a bar does); drill-downs list the days behind a bar and the usage records of a day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from app.domain.costs.costing import CostSum
from app.domain.costs.money import Money
from app.domain.costs.usage import UsageRecord
from app.domain.numerals import money, number
from app.gui.costs.budget_lines import BudgetLine
from app.gui.costs.dashboard import UnpricedGroup
from app.gui.formatting import language, localize_digits
from app.gui.qt import QCoreApplication
from app.gui.table_model import TRAILING, ObjectTableModel

translate = QCoreApplication.translate


def amount(value: Money) -> str:
    """An amount in the active language (rounded to the currency's minor units)."""
    return money(value.amount, value.currency, language())


def quantity(value: Any) -> str:
    return number(value, language())


def bucket_label(bucket: str) -> str:
    """``2026-03`` as «Mar 2026» / «مارس ٢٠٢٦»; ``2026-03-07`` as «7 Mar 2026»."""
    from babel.dates import format_date

    if len(bucket) == 7:
        shown = format_date(date.fromisoformat(bucket + "-01"), "MMM y", locale=language())
    else:
        shown = format_date(date.fromisoformat(bucket), "d MMM y", locale=language())
    return localize_digits(str(shown))


def axis_label(bucket: str) -> str:
    """A bar's label under the chart, short enough for twelve bars at 1180 px: ``2026-03`` as
    «Mar 26» / «مارس ٢٦»; ``2026-03-07`` as «7 Mar» / «٧ مارس»."""
    from babel.dates import format_date

    pattern = "MMM yy" if len(bucket) == 7 else "d MMM"
    day = date.fromisoformat(bucket + "-01" if len(bucket) == 7 else bucket)
    return localize_digits(str(format_date(day, pattern, locale=language())))


def name_of(dimension: str, value: str) -> str:
    """A platform, tenant or category as the pane shows it; "" says what it stands for."""
    if value:
        return value
    return {"platform": translate("CostsPane", "(not a platform's)"), "tenant": translate("CostsPane", "(no tenant)")}.get(
        dimension, translate("CostsPane", "(none)"))


def category_name(category: str) -> str:
    return {"ai": translate("CostsPane", "AI"), "cloud": translate("CostsPane", "Cloud"), "provider": translate("CostsPane", "Providers"),
            "platform": translate("CostsPane", "Platforms")}.get(category, category)


@dataclass(frozen=True)
class SpendCell:
    """One stack of one bar: a category's cost in a day or month."""

    bucket: str
    category: str
    cost: Money


class SpendTable(ObjectTableModel):
    COLUMNS = ("period", "category", "cost")

    def format_row(self, item: SpendCell) -> tuple[str, ...]:
        return bucket_label(item.bucket), category_name(item.category), amount(item.cost)

    def titles(self) -> tuple[str, ...]:
        return translate("CostsPane", "Period"), translate("CostsPane", "Category"), translate("CostsPane", "Cost")

    def alignment(self, column: int) -> int | None:
        return TRAILING if column == 2 else None


class GroupTable(ObjectTableModel):
    """Cost, revenue and margin per platform or tenant."""

    COLUMNS = ("name", "cost", "revenue", "margin", "unpriced")

    def __init__(self, dimension: str) -> None:
        super().__init__()
        self.dimension = dimension

    def format_row(self, item: CostSum) -> tuple[str, ...]:
        return (name_of(self.dimension, item.dimensions[self.dimension]), amount(item.cost),
                amount(item.revenue), amount(item.margin),
                quantity(item.unpriced) if item.unpriced else "")

    def titles(self) -> tuple[str, ...]:
        first = translate("CostsPane", "Platform") if self.dimension == "platform" else translate("CostsPane", "Tenant")
        return first, translate("CostsPane", "Cost"), translate("CostsPane", "Revenue"), translate("CostsPane", "Margin"), translate("CostsPane", "Unpriced rows")

    def alignment(self, column: int) -> int | None:
        return TRAILING if column else None


class DriversTable(ObjectTableModel):
    COLUMNS = ("category", "provider", "resource", "sku", "cost")

    def format_row(self, item: CostSum) -> tuple[str, ...]:
        d = item.dimensions
        return (category_name(d["category"]), d["provider"], d["resource"], d["sku"],
                amount(item.cost))

    def titles(self) -> tuple[str, ...]:
        return translate("CostsPane", "Category"), translate("CostsPane", "Provider"), translate("CostsPane", "Resource"), translate("CostsPane", "Kind"), translate("CostsPane", "Cost")

    def alignment(self, column: int) -> int | None:
        return TRAILING if column == 4 else None


class MarginTable(ObjectTableModel):
    COLUMNS = ("of", "name", "revenue", "cost", "margin")

    def format_row(self, item: CostSum) -> tuple[str, ...]:
        by = "platform" if "platform" in item.dimensions else "tenant"
        return (translate("CostsPane", "Platform") if by == "platform" else translate("CostsPane", "Tenant"), item.dimensions[by],
                amount(item.revenue), amount(item.cost), amount(item.margin))

    def titles(self) -> tuple[str, ...]:
        return translate("CostsPane", "Of"), translate("CostsPane", "Name"), translate("CostsPane", "Revenue"), translate("CostsPane", "Cost"), translate("CostsPane", "Margin")

    def alignment(self, column: int) -> int | None:
        return TRAILING if column >= 2 else None


class UnpricedTable(ObjectTableModel):
    COLUMNS = ("resource", "provider", "sku", "records", "quantity", "reason")

    def format_row(self, item: UnpricedGroup) -> tuple[str, ...]:
        return (item.resource, item.provider, item.sku, quantity(item.records),
                quantity(item.quantity), item.reason.text(language()))

    def titles(self) -> tuple[str, ...]:
        return (translate("CostsPane", "Resource"), translate("CostsPane", "Provider"), translate("CostsPane", "Kind"), translate("CostsPane", "Records"), translate("CostsPane", "Quantity"),
                translate("CostsPane", "Why it has no price"))

    def alignment(self, column: int) -> int | None:
        return TRAILING if column in (3, 4) else None


class DaysTable(ObjectTableModel):
    COLUMNS = ("day", "cost", "revenue", "unpriced")

    def format_row(self, item: CostSum) -> tuple[str, ...]:
        return (bucket_label(item.day or ""), amount(item.cost), amount(item.revenue),
                quantity(item.unpriced) if item.unpriced else "")

    def titles(self) -> tuple[str, ...]:
        return translate("CostsPane", "Day"), translate("CostsPane", "Cost"), translate("CostsPane", "Revenue"), translate("CostsPane", "Unpriced rows")

    def alignment(self, column: int) -> int | None:
        return TRAILING if column else None


class RecordsTable(ObjectTableModel):
    COLUMNS = ("start", "resource", "quantity", "unit", "platform", "environment", "tenant",
               "sku", "source")

    def format_row(self, item: UsageRecord) -> tuple[str, ...]:
        return (localize_digits(item.period_start.strftime("%Y-%m-%d %H:%M")), item.resource,
                quantity(item.quantity), item.unit, item.platform, item.environment, item.tenant,
                item.sku, item.source)

    def titles(self) -> tuple[str, ...]:
        return (translate("CostsPane", "From (UTC)"), translate("CostsPane", "Resource"), translate("CostsPane", "Quantity"), translate("CostsPane", "Unit"), translate("CostsPane", "Platform"),
                translate("CostsPane", "Environment"), translate("CostsPane", "Tenant"), translate("CostsPane", "Kind"), translate("CostsPane", "Source"))

    def alignment(self, column: int) -> int | None:
        return TRAILING if column == 2 else None


class BudgetsTable(ObjectTableModel):
    """The budgets over the spend chart: their current period, spent, forecast, crossed."""

    COLUMNS = ("name", "scope", "period", "amount", "spent", "forecast", "crossed")

    def format_row(self, item: BudgetLine) -> tuple[str, ...]:
        state = item.state
        scope = ", ".join(f"{k}={v}" for k, v in sorted(state.budget.scope.items())) or \
            translate("CostsPane", "Whole workspace")
        crossed = ", ".join(localize_digits(c) if c != "forecast"
                            else translate("CostsPane", "forecast") for c in item.crossed)
        return (item.name, scope, localize_digits(state.period), amount(item.amount),
                amount(state.forecast.spent), amount(state.forecast.forecast),
                item.error or crossed)

    def titles(self) -> tuple[str, ...]:
        return (translate("CostsPane", "Budget"), translate("CostsPane", "Applies to"),
                translate("CostsPane", "Period"), translate("CostsPane", "Amount"),
                translate("CostsPane", "Spent"), translate("CostsPane", "Forecast"),
                translate("CostsPane", "Thresholds crossed"))

    def alignment(self, column: int) -> int | None:
        return TRAILING if column in (3, 4, 5) else None
