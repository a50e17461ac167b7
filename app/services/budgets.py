"""Budgets and their alerts, as events of the stream ``budgets:<tenant>``:

- ``BudgetSet``: a budget, whole (a change replaces it), audited as ``budgets.set``;
- ``BudgetRemoved``: audited as ``budgets.remove``;
- ``BudgetThresholdCrossed``: a threshold the period's spend reached, or the forecast to the
  period's end passing the budget before the spend did (kind ``forecast``).

:meth:`BudgetService.check` prices each budget's period (app/services/costs.py, in the
budget's currency) and appends the crossings not yet recorded for that budget and period
with the stream version it read as the expected version. A check racing another one loses
the append, reads again and finds the other's crossings recorded: each crossing is recorded
exactly once, whoever checks, however often, and however the spend moves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from app.domain.costs.budgets import Budget, BudgetError, Crossing, new_crossings
from app.domain.costs.costing import Forecast
from app.domain.costs.money import Money, MoneyError
from app.domain.errors import ConcurrencyError, WebNovaError
from app.domain.events import NewEvent
from app.domain.governance.actions import ActionDescriptor
from app.domain.governance.audit import AuditRecord
from app.services.approvals import AuditSink
from app.services.costs import CostsService
from app.services.ports import EventStore

BUDGET_SET = "BudgetSet"
BUDGET_REMOVED = "BudgetRemoved"
CROSSED = "BudgetThresholdCrossed"
ATTEMPTS = 5


class BudgetServiceError(WebNovaError):
    pass


def budgets_stream(tenant_id: str) -> str:
    return f"budgets:{tenant_id}"


@dataclass(frozen=True)
class BudgetState:
    """A budget in its current period: spend so far, the forecast, what was crossed."""

    budget: Budget
    period: str
    forecast: Forecast
    crossed: tuple[Crossing, ...]

    @property
    def spent_percent(self) -> int:
        return int(self.forecast.spent.amount * 100 / self.budget.amount.amount)

    def to_json(self) -> dict[str, Any]:
        return {**self.budget.to_json(), "current_period": self.period,
                "spent": str(self.forecast.spent.rounded().amount),
                "forecast": str(self.forecast.forecast.rounded().amount),
                "spent_percent": self.spent_percent,
                "crossed": [c.to_json() for c in self.crossed]}


@dataclass(frozen=True)
class _Folded:
    version: int
    budgets: dict[str, Budget]
    crossed: list[Crossing]


class BudgetService:
    def __init__(self, store: EventStore, tenant_id: str, costs: CostsService,
                 audit: AuditSink | None = None, clock: Callable[[], datetime] | None = None) -> None:
        self.store = store
        self.tenant_id = tenant_id
        self.costs = costs
        self.audit = audit
        self.clock = clock or (lambda: datetime.now(UTC))

    def today(self) -> date:
        return self.clock().astimezone(UTC).date()

    # ------------------------------------------------------------ reading
    def _fold(self) -> _Folded:
        events = self.store.read_stream(budgets_stream(self.tenant_id))
        budgets: dict[str, Budget] = {}
        crossed: list[Crossing] = []
        for event in events:
            if event.type == BUDGET_SET:
                budget = Budget.from_json(event.data)
                budgets[budget.name] = budget
            elif event.type == BUDGET_REMOVED:
                budgets.pop(str(event.data["name"]), None)
            elif event.type == CROSSED:
                crossed.append(Crossing.from_json(event.data))
        return _Folded(events[-1].version if events else 0, budgets, crossed)

    def budgets(self) -> list[Budget]:
        return sorted(self._fold().budgets.values(), key=lambda b: b.name)

    def get(self, name: str) -> Budget:
        found = self._fold().budgets.get(name)
        if found is None:
            raise BudgetServiceError(f"there is no budget {name!r}")
        return found

    def crossings(self) -> list[Crossing]:
        """Every crossing recorded, oldest first."""
        return self._fold().crossed

    def state(self, budget: Budget, crossed: list[Crossing] | None = None) -> BudgetState:
        start, end = budget.period(self.today())
        key = budget.period_key(self.today())
        forecast = self.costs.forecast_between(start, end, budget.scope, budget.amount.currency)
        done = self.crossings() if crossed is None else crossed
        return BudgetState(budget, key, forecast, tuple(
            c for c in done if c.budget == budget.name and c.period == key))

    def states(self) -> list[BudgetState]:
        folded = self._fold()
        return [self.state(b, folded.crossed) for b in sorted(folded.budgets.values(),
                                                              key=lambda b: b.name)]

    def for_plan(self, action: ActionDescriptor) -> list[dict[str, Any]]:
        """The budgets a governed plan's ``estimated_monthly_cost`` counts against, in
        force today, as :func:`plan_effect` describes them for constitution rules
        (``action.context.budgets``); none for an action without a monthly cost."""
        context = action.context
        if "estimated_monthly_cost" not in context:
            return []
        today = self.today()
        cost = Money(Decimal(str(context["estimated_monthly_cost"])),
                     str(context.get("currency") or "EUR"))
        found = []
        for budget in self.budgets():
            start, end = budget.period(today)
            if not (_applies_to_plan(budget, context) and start <= today < end):
                continue
            try:
                added = self.costs.books().rates.convert(cost, budget.amount.currency, today)
                found.append(plan_effect(self.state(budget), added, today))
            except MoneyError as exc:  # not priced: counted as exceeding (fail closed)
                found.append({"name": budget.name, "currency": budget.amount.currency,
                              "amount": float(budget.amount.amount), "exceeded": True,
                              "error": str(exc)})
        return found

    # ------------------------------------------------------------ changing
    def _record(self, kind: str, data: dict[str, Any], actor: str, action: str,
                subject: str) -> None:
        self.store.append(budgets_stream(self.tenant_id),
                          [NewEvent(kind, self.tenant_id, data, {"actor": actor})], None)
        if self.audit is not None:
            self.audit.append(AuditRecord(self.tenant_id, actor, action, subject, data, "done"))

    def set(self, budget: Budget, actor: str) -> Budget:
        """Keep ``budget`` (replacing one of the same name)."""
        self._record(BUDGET_SET, budget.to_json(), actor, "budgets.set", budget.name)
        return budget

    def remove(self, name: str, actor: str) -> None:
        self.get(name)
        self._record(BUDGET_REMOVED, {"name": name}, actor, "budgets.remove", name)

    def check(self, actor: str | None) -> list[Crossing]:
        """Record the crossings not yet recorded; the ones this check recorded."""
        for _ in range(ATTEMPTS):
            folded = self._fold()
            recorded = [c.key for c in folded.crossed]
            found: list[Crossing] = []
            for budget in sorted(folded.budgets.values(), key=lambda b: b.name):
                state = self.state(budget, folded.crossed)
                found += new_crossings(budget, state.period, state.forecast.spent,
                                       state.forecast.forecast, recorded)
            if not found:
                return []
            events = [NewEvent(CROSSED, self.tenant_id, c.to_json(), {"actor": actor})
                      for c in found]
            try:
                self.store.append(budgets_stream(self.tenant_id), events, folded.version)
            except ConcurrencyError:
                continue  # another console changed the stream: look again
            return found
        raise BudgetServiceError("the budgets kept changing while they were checked; "
                                 "check again")


def _applies_to_plan(budget: Budget, context: dict[str, Any]) -> bool:
    """Cloud plans are the workspace's Hetzner infrastructure of one platform and
    environment; a tenant's budget is not about them."""
    wanted = {"platform": context.get("platform"), "environment": context.get("environment"),
              "provider": "hetzner"}
    return all(key in wanted and wanted[key] == value for key, value in budget.scope.items())


def plan_effect(state: BudgetState, added: Money, today: date) -> dict[str, Any]:
    """What a rule sees of one budget for a plan adding ``added`` a month. A monthly budget gets the plan's whole monthly cost on top of the month's forecast
    (next month carries it whole); a fixed period the share of its days left."""
    budget, forecast = state.budget, state.forecast
    entry: dict[str, Any] = {
        "name": budget.name, "currency": budget.amount.currency, "period": state.period,
        "amount": float(budget.amount.amount), "spent": float(forecast.spent.amount),
        "forecast": float(forecast.forecast.amount)}
    share = added.amount
    if not budget.monthly:
        start, end = budget.period(today)
        share = added.amount * max((end - max(today, start)).days, 0) / 30
    with_plan = forecast.forecast.amount + share
    return {**entry, "plan_monthly_cost": float(added.amount), "forecast_with_plan": float(with_plan),
            "exceeded": added.amount > 0 and with_plan > budget.amount.amount}


def parse_budget(fields: dict[str, Any]) -> Budget:
    """A budget from the CLI's or GUI's fields, errors as :class:`BudgetServiceError`."""
    try:
        return Budget.from_json(fields)
    except BudgetError as exc:
        raise BudgetServiceError(str(exc)) from None
