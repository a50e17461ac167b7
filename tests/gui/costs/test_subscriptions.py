"""The Costs pane's Subscriptions tab: MRR, churn, received and margin per platform and tier
for the pane's period from the Stripe events recorded, loaded off the GUI thread; the empty
state names ``webnova billing connect``; Arabic through the catalogue."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.domain.events import NewEvent
from app.gui.costs.pane import CostsPane
from app.gui.i18n import LanguageController
from app.gui.qt import QApplication, Qt
from app.services.revenue import CURSOR, RECORDED, stripe_events_stream
from tests.gui.conftest import wait_until
from tests.gui.costs.conftest import price_books
from tests.support.catalogue import ARABIC_CATALOGUE, messages, strings_of


def ts(day: str) -> int:
    return int(datetime.fromisoformat(f"{day}T12:00:00+00:00").timestamp())


def item(tier: str, amount: int, interval: str = "month") -> dict[str, Any]:
    return {"price": f"price_{tier}", "unit_amount": amount, "currency": "sar",
            "interval": interval, "interval_count": 1, "quantity": 1, "platform": "bank",
            "tier": tier}


def subscription(n: int, day: str, status: str, kind: str, *items: dict[str, Any]) -> dict[str, Any]:
    return {"id": f"evt_{kind}_{n}_{day}", "type": f"customer.subscription.{kind}",
            "created": ts(day), "object": {"id": f"sub_{n}", "status": status,
                                           "items": list(items)}}


def stripe_events(pane: CostsPane) -> None:
    """Platform bank in November 2026: two growth subscriptions at 199 SARa month, one of
    them cancelled on 10 Nov, a corporate one at 14,900 SARa year; 199 SARreceived."""
    workspace = pane.workspace
    assert workspace is not None
    workspace.blueprints.create_from_template_now("financial", "bank", "root")
    growth, corporate = item("sme-growth", 19900), item("corporate", 1490000, "year")
    events = [subscription(1, "2026-10-02", "active", "created", growth),
              subscription(2, "2026-10-03", "active", "created", growth),
              subscription(3, "2026-10-04", "active", "created", corporate),
              {"id": "evt_in_1", "type": "invoice.paid", "created": ts("2026-11-02"),
               "object": {"id": "in_1", "amount_paid": 19900, "currency": "sar",
                          "paid_at": ts("2026-11-02"), "subscription": "sub_2",
                          "period_start": None, "period_end": None, "items": [growth]}},
              subscription(1, "2026-11-10", "canceled", "deleted", growth)]
    tenant = workspace.entry.tenant_id
    workspace.store.append(stripe_events_stream(tenant, "bank"), [
        *(NewEvent(RECORDED, tenant, e) for e in events),
        NewEvent(CURSOR, tenant, {"cursor": events[-1]["id"], "events": len(events)})], 0)
    workspace.usage.import_text(
        "resource,quantity,period_start,provider,platform,environment,tenant,sku\n"
        "ai.tokens.input,1000000,2026-11-05T10:00:00Z,anthropic,bank,,,claude-sonnet-4-5\n",
        "csv", "root")


def load(pane: CostsPane, qtbot: Any, start: date, end: date) -> None:
    tab = pane.subscriptions
    asked = tab._generation
    pane.set_period(start, end)
    wait_until(qtbot, lambda: tab._generation > asked and not tab.loading, 60_000)


def cells(pane: CostsPane) -> list[list[str]]:
    model = pane.subscriptions.model
    return [[str(model.index(r, c).data(Qt.ItemDataRole.DisplayRole))
             for c in range(model.columnCount())] for r in range(model.rowCount())]


def test_no_stripe_events_names_the_connect_command(pane: CostsPane, qtbot: Any) -> None:
    price_books(pane.workspace)
    pane.workspace.usage.import_text(
        "resource,quantity,period_start,provider,platform,environment,tenant,sku\n"
        "ai.tokens.input,1000000,2026-11-05T10:00:00Z,anthropic,hub,,,claude-sonnet-4-5\n",
        "csv", "root")
    load(pane, qtbot, date(2026, 11, 1), date(2026, 12, 1))
    tab = pane.subscriptions
    assert pane.tabs.tabText(pane.tabs.indexOf(tab)) == "Subscriptions"
    assert tab.stack.currentWidget() is tab.empty
    assert "webnova billing connect --platform KEY" in tab.empty.text()


def test_figures_per_tier_and_platform_for_the_pane_s_period(
        pane: CostsPane, qtbot: Any, qtmodeltester: Any) -> None:
    price_books(pane.workspace)
    stripe_events(pane)
    load(pane, qtbot, date(2026, 11, 1), date(2026, 12, 1))
    tab = pane.subscriptions
    assert tab.stack.currentWidget() is tab.table
    assert cells(pane) == [
        ["bank", "corporate", "SAR1,241.67", "0.0%", "SAR0.00", ""],
        ["bank", "sme-growth", "SAR199.00", "50.0%", "SAR199.00", ""],
        # 199 SARreceived less 1M Claude input tokens: 3 USD × 3.75 = 11.25 SAR
        ["bank", "All tiers", "SAR1,440.67", "33.3%", "SAR199.00", "SAR187.75"]]
    qtmodeltester.check(tab.model)
    tab.table.setFocus()
    assert tab.table.hasFocus() or not tab.isVisible()
    # A period before anything was sold: the subscriptions of October's end, none churned.
    load(pane, qtbot, date(2026, 10, 1), date(2026, 10, 3))
    assert cells(pane)[-1][:5] == ["bank", "All tiers", "SAR199.00", "", "SAR0.00"]


def test_arabic(pane: CostsPane, qtbot: Any) -> None:
    price_books(pane.workspace)
    stripe_events(pane)
    languages = LanguageController(QApplication.instance())
    try:
        languages.apply("ar")
        load(pane, qtbot, date(2026, 11, 1), date(2026, 12, 1))
        tab = pane.subscriptions
        assert pane.tabs.tabText(pane.tabs.indexOf(tab)) == "الاشتراكات"
        assert tab.model.headerData(2, Qt.Orientation.Horizontal) == "الإيراد الشهري المتكرر"
        row = cells(pane)[-1]
        assert row[1] == "كل الباقات" and any("٠" <= ch <= "٩" for ch in row[2])
    finally:
        languages.apply("en")


def test_the_catalogue_holds_the_tab_s_strings(tmp_path: Path) -> None:
    found = {k for k in strings_of("costs", tmp_path) if k[0] == "SubscriptionsTab"}
    assert len(found) >= 15
    assert found <= set(messages(ARABIC_CATALOGUE))
