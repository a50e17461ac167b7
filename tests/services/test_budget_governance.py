"""Budgets in governance, through a real workspace (the composition root, the real
governance service and the default constitution): a plan whose monthly cost would take a
budget's forecast past it needs the owner's approval; one well under it does not."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from app.bootstrap import Workspace
from app.cli.context import open_console
from app.domain.governance import actions as kinds
from app.domain.governance.actions import ActionDescriptor, Outcome
from app.services.budgets import parse_budget

TODAY = datetime.now(UTC).date()


@pytest.fixture
def ws(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Workspace]:
    monkeypatch.setenv("WEBNOVA_HOME", str(tmp_path))
    monkeypatch.setenv("WEBNOVA_KEYRING", "memory")
    monkeypatch.setenv("WEBNOVA_USER", "root")
    workspace = open_console().open_current()
    try:
        workspace.governance.ensure_owner_now()
        workspace.prices.set_rate("USD", "SAR", "3.75", "2020-01-01", "root")
        workspace.prices.set_rate("EUR", "SAR", "4", "2020-01-01", "root")
        workspace.usage.import_text(
            "resource,quantity,period_start,provider,platform,environment,sku\n"
            f"ai.tokens.output,2000000,{TODAY.isoformat()}T00:00:00Z,anthropic,hub,staging,"
            "claude-sonnet-4-5\n", "csv", "root")  # 30 USD, 112.50 SAR today
        yield workspace
    finally:
        workspace.close()


def plan(monthly_eur: str, platform: str = "hub") -> ActionDescriptor:
    """What Deployments.action makes of a plan (app/services/deployments.py)."""
    return ActionDescriptor(kinds.DEPLOY, "root", "default", subject=f"{platform}/staging",
                            context={"platform": platform, "environment": "staging",
                                     "region": "fsn1", "account": "main", "plan_kind": "apply",
                                     "plan_hash": "h", "destroys_data": False,
                                     "estimated_monthly_cost": float(monthly_eur),
                                     "currency": "EUR", "summary": "1 to create"})


def budget_over_forecast(ws: Workspace, headroom: str, scope: dict[str, str]) -> None:
    """A monthly SAR budget ``headroom`` above this month's forecast."""
    forecast = ws.costs.forecast(where=scope, currency="SAR").forecast.amount
    assert forecast >= Decimal("112.5")
    ws.budgets.set(parse_budget({"name": "b", "amount": str(forecast + Decimal(headroom)),
                                 "currency": "SAR", "scope": scope}), "root")


def rules(decision: object) -> list[str]:
    return [m.rule_id for m in decision.matches]  # type: ignore[attr-defined]


@pytest.mark.parametrize("scope", [{}, {"platform": "hub"}, {"platform": "hub",
                                                             "environment": "staging"}])
def test_a_plan_that_takes_the_forecast_past_a_budget_needs_approval(ws: Workspace,
                                                                    scope: dict[str, str]) -> None:
    budget_over_forecast(ws, "40", scope)
    over = ws.governance.check_now(plan("12.50"))  # 50 SAR a month: past the 40 left
    assert over.outcome is Outcome.NEEDS_APPROVAL
    assert "owner-budgets" in rules(over)
    under = ws.governance.check_now(plan("9.00"))  # 36 SAR: within
    assert under.outcome is Outcome.ALLOW, rules(under)


def test_a_budget_well_under_or_of_another_platform_asks_nothing(ws: Workspace) -> None:
    budget_over_forecast(ws, "5000", {})
    assert ws.governance.check_now(plan("12.50")).outcome is Outcome.ALLOW
    ws.budgets.set(parse_budget({"name": "b", "amount": "1", "currency": "SAR",
                                 "scope": {"platform": "shop"}}), "root")
    assert ws.governance.check_now(plan("12.50")).outcome is Outcome.ALLOW
    assert ws.governance.check_now(plan("12.50", "shop")).outcome is Outcome.NEEDS_APPROVAL


def test_rules_see_the_budgets_state(ws: Workspace) -> None:
    budget_over_forecast(ws, "40", {"platform": "hub"})
    [seen] = ws.budgets.for_plan(plan("12.50"))
    assert (seen["name"], seen["currency"], seen["spent"], seen["plan_monthly_cost"]) == (
        "b", "SAR", 112.5, 50.0)
    assert seen["forecast_with_plan"] == pytest.approx(seen["forecast"] + 50)
    assert seen["exceeded"] is True
    # a plan's cost that cannot be converted counts as exceeding (fail closed)
    ws.budgets.set(parse_budget({"name": "b", "amount": "1000000", "currency": "JPY",
                                 "scope": {"platform": "hub"}}), "root")
    assert ws.budgets.for_plan(plan("1"))[0]["exceeded"] is True
    assert ws.budgets.for_plan(ActionDescriptor(kinds.USER_ADD, "root", "default", "x")) == []
