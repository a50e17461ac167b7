"""Revenue from Stripe's events list, read through the official SDK against the loopback fake:
a read stopped between pages resumes without recording anything twice, and MRR, churn,
received money (converted at the owner's dated rates) and margin on a hand-checked month."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from app.bootstrap import Workspace
from app.cli.context import open_console, opened_workspace
from app.domain.billing.revenue import EVENT_TYPES
from app.services.billing_ports import BillingError, EventsPage
from app.services.revenue import CURSOR, RECORDED, stripe_events_stream
from tests.cli.conftest import Run
from tests.support.stripe_fake import SECRET_KEY, StripeFake


def ts(day: str, hour: int = 12) -> int:
    return int(datetime.fromisoformat(f"{day}T{hour:02d}:00:00+00:00").timestamp())


@pytest.fixture
def stripe_fake(monkeypatch: pytest.MonkeyPatch) -> Iterator[StripeFake]:
    monkeypatch.setenv("WEBNOVA_USER", "root")
    with StripeFake() as fake:
        monkeypatch.setenv("WEBNOVA_STRIPE_API_BASE", fake.url)
        yield fake


@pytest.fixture
def bank(webnova: Run, stripe_fake: StripeFake) -> str:
    for args in (("blueprint", "new", "--template", "financial", "--key", "bank"),
                 ("billing", "connect", "--platform", "bank", "--key-stdin"),
                 ("billing", "sync", "--platform", "bank"),
                 ("costs", "currency", "SAR"),
                 ("prices", "set-rate", "USD", "SAR", "3.75", "--date", "2026-10-01"),
                 ("prices", "set-rate", "USD", "SAR", "3.80", "--date", "2026-11-20")):
        done = webnova(*args, stdin=SECRET_KEY if "connect" in args else None)
        assert done.code == 0, (args, done.err)
    return "bank"


class Flaky:
    """The platform's Stripe account, failing the ``fail_on``-th events page it is asked for."""

    def __init__(self, account: Any, fail_on: int) -> None:
        self.account, self.fail_on, self.calls = account, fail_on, 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self.account, name)

    def events_page(self, *args: Any, **kwargs: Any) -> EventsPage:
        self.calls += 1
        if self.calls == self.fail_on:
            raise BillingError("Stripe answered an error while reading the events list: "
                               "connection reset")
        page: EventsPage = self.account.events_page(*args, **kwargs)
        return page


def open_ws() -> Any:
    console = open_console()
    return opened_workspace(console, console.catalog.current())


def recorded_ids(ws: Workspace, platform: str = "bank") -> list[str]:
    stream = ws.store.read_stream(stripe_events_stream(ws.entry.tenant_id, platform))
    return [e.data["id"] for e in stream if e.type == RECORDED]


def fake_ids(fake: StripeFake) -> list[str]:
    return [e["id"] for e in reversed(fake.all("event")) if e["type"] in EVENT_TYPES]


def growth_price(fake: StripeFake, currency: str = "sar") -> str:
    return next(p["id"] for p in fake.all("price") if p["lookup_key"] == "webnova:bank:sme-growth"
                ) if currency == "sar" else usd_growth_price(fake)


def usd_growth_price(fake: StripeFake) -> str:
    with fake.lock:
        product = next(p for p in fake.all("product")
                       if p["metadata"].get("webnova_tier") == "sme-growth")
        return str(fake.objects.create_price({
            "currency": "usd", "product": product["id"], "unit_amount": "5000",
            "recurring": {"interval": "month"},
            "metadata": {"webnova_platform": "bank", "webnova_tier": "sme-growth"}},
            {"id": None, "idempotency_key": None})["id"])


def test_a_read_stopped_between_pages_resumes_without_duplicates(
        webnova: Run, bank: str, stripe_fake: StripeFake) -> None:
    price = growth_price(stripe_fake)
    subs = [stripe_fake.add_subscription(price)["id"] for _ in range(5)]
    for sub in subs:
        stripe_fake.pay_invoice(sub, (ts("2026-11-01"), ts("2026-12-01")))
    assert len(fake_ids(stripe_fake)) == 10  # 5 created, 5 invoice.paid; other types left out
    with open_ws() as ws:
        service = ws.revenue
        service.page_size = 3
        real = service.billing.account
        flaky = Flaky(real("bank"), fail_on=3)
        service.billing.account = lambda _platform: flaky  # type: ignore[method-assign]
        with pytest.raises(BillingError, match="connection reset"):
            service.read_now("bank")  # the first read walks back first: nothing is recorded
        assert recorded_ids(ws) == []
        first = service.read_now("bank")
        assert (first.recorded, first.pages) == (10, 4)
        assert recorded_ids(ws) == fake_ids(stripe_fake)

        for sub in subs[:4]:
            stripe_fake.cancel_subscription(sub)
        stripe_fake.pay_out(120000, "sar")  # payout.created is not read, payout.paid is
        flaky.calls, flaky.fail_on = 0, 2
        with pytest.raises(BillingError, match="connection reset"):
            service.read_now("bank")  # one page of three events and its cursor went in
        assert recorded_ids(ws) == fake_ids(stripe_fake)[:13]
        resumed = service.read_now("bank")
        assert (resumed.recorded, resumed.pages) == (2, 1)
        assert recorded_ids(ws) == fake_ids(stripe_fake)
        assert len(set(recorded_ids(ws))) == 15
        nothing = service.read_now("bank")
        assert (nothing.recorded, nothing.pages) == (0, 0)
        stream = ws.store.read_stream(stripe_events_stream(ws.entry.tenant_id, "bank"))
        cursors = [e.data["cursor"] for e in stream if e.type == CURSOR]
        assert cursors[-1] == fake_ids(stripe_fake)[-1] and len(cursors) == 6
        service.billing.account = real  # type: ignore[method-assign]


def month_scenario(fake: StripeFake) -> dict[str, str]:
    """November 2026 of platform bank, figures checked by hand in the test below."""
    sar = growth_price(fake)
    corporate = next(p["id"] for p in fake.all("price")
                     if p["lookup_key"] == "webnova:bank:corporate")
    fake.at(ts("2026-10-05"))
    usd = usd_growth_price(fake)
    s = {f"g{i}": fake.add_subscription(sar)["id"] for i in (1, 2, 3)}
    s["u1"] = fake.add_subscription(usd)["id"]
    s["c1"] = fake.add_subscription(corporate)["id"]
    fake.pay_invoice(s["c1"], (ts("2026-10-05"), ts("2027-10-05")))  # October: not counted
    fake.at(ts("2026-10-20"))
    s["g4"] = fake.add_subscription(sar, status="trialing")["id"]
    fake.at(ts("2026-11-03"))
    for name in ("g1", "g2", "g3", "u1"):
        fake.pay_invoice(s[name], (ts("2026-11-05"), ts("2026-12-05")))
    fake.at(ts("2026-11-10"))
    fake.cancel_subscription(s["g1"])
    fake.at(ts("2026-11-12"))
    fake.update_subscription(s["g4"], status="active")
    fake.pay_invoice(s["g4"], (ts("2026-11-12"), ts("2026-12-12")))
    fake.at(ts("2026-11-25"))
    s["u2"] = fake.add_subscription(usd)["id"]
    fake.pay_invoice(s["u2"], (ts("2026-11-25"), ts("2026-12-25")))
    fake.at(ts("2026-11-28"))
    fake.pay_out(500000, "sar")
    fake.at(ts("2026-12-01", 9))
    fake.cancel_subscription(s["g2"])  # December: neither churn nor MRR of November
    fake.pay_invoice(s["g3"], (ts("2026-12-05"), ts("2027-01-05")))
    return s


def test_mrr_churn_received_and_margin_of_a_month(
        webnova: Run, bank: str, stripe_fake: StripeFake, tmp_path: Path) -> None:
    month_scenario(stripe_fake)
    usage = tmp_path / "usage.csv"
    usage.write_text("resource,quantity,period_start,provider,platform,environment,tenant,sku\n"
                     "ai.tokens.input,1000000,2026-11-05T10:00:00Z,anthropic,bank,,,"
                     "claude-sonnet-4-5\n", encoding="utf-8")
    assert webnova("usage", "import", str(usage)).code == 0
    with open_ws() as ws:
        ws.revenue.clock = lambda: datetime(2026, 12, 2, tzinfo=UTC)
        ws.revenue.read_now("bank")
        result = ws.revenue.report("bank", date(2026, 11, 1), date(2026, 12, 1))
    got = result.to_json()
    growth, corporate = got["tiers"][1], got["tiers"][0]
    assert [t["tier"] for t in got["tiers"]] == ["corporate", "sme-growth"]
    # growth at the end: g2, g3, g4 at 199 SAR, u1 and u2 at 50 USD × 3.80 (rate of 30 Nov)
    assert growth["mrr"] == "977.00"
    assert corporate["mrr"] == "1241.67"  # 14900 SAR a year / 12
    assert got["mrr"] == "2218.67"
    # paying on 1 Nov: g1, g2, g3, u1 (g4 was on trial); g1 cancelled within November
    assert (growth["subscriptions_at_start"], growth["cancelled"], growth["churn"]) == (
        4, 1, "0.2500")
    assert (growth["subscriptions_at_end"], corporate["subscriptions_at_end"]) == (5, 1)
    assert got["churn"] == "0.2000"  # 1 of the 5 paying at the start
    # 3 × 199 + 199 SAR, 50 USD × 3.75 (3 Nov) + 50 USD × 3.80 (25 Nov)
    assert growth["received_by_currency"] == {"SAR": "796.00", "USD": "100.00"}
    assert growth["received"] == "1173.50" and corporate["received"] == "0.00"
    assert got["payouts"] == {"SAR": "5000.00"}
    # one million Claude input tokens: 3 USD × 3.75 SAR
    assert (got["cost"], got["margin"]) == ("11.25", "1162.25")


def test_the_revenue_command(webnova: Run, bank: str, stripe_fake: StripeFake) -> None:
    month_scenario(stripe_fake)
    shown = webnova("billing", "revenue", "--period", "2026-11", "--platform", "bank", "--json")
    assert shown.code == 0, shown.err
    (bank_json,) = shown.json()
    assert bank_json["read"]["recorded"] == 19 and bank_json["received"] == "1173.50"
    assert bank_json["margin"] == "1173.50" and bank_json["cost"] == "0.00"
    again = webnova("billing", "revenue", "--period", "2026-11")
    assert again.code == 0, again.err
    assert "platform 'bank', 2026-11-01 .. 2026-11-30 (SAR); 0 new Stripe events read" in again.out
    assert "sme-growth" in again.out and "25.0%" in again.out
    assert "paid out to the bank: SAR" in again.out
    offline = webnova("billing", "revenue", "--period", "2026-11", "--offline", "--json")
    assert offline.json()[0]["read"] is None
    assert offline.json()[0]["received"] == "1173.50"
    bad = webnova("billing", "revenue", "--period", "2026-13")
    assert bad.code == 2 and "--period" in bad.error
    unknown = webnova("billing", "revenue", "--platform", "nope", "--offline")
    assert unknown.code == 1 and "nope" in unknown.error
    assert Decimal(bank_json["mrr"]) > 0


def test_revenue_without_a_connected_platform_says_how(webnova: Run, stripe_fake: StripeFake) -> None:
    made = webnova("blueprint", "new", "--template", "financial", "--key", "shop")
    assert made.code == 0, made.err
    refused = webnova("billing", "revenue", "--period", "2026-11")
    assert refused.code == 1
    assert "webnova billing connect --platform KEY" in refused.error


def test_the_costs_report_by_platform_shows_what_stripe_received(
        webnova: Run, bank: str, stripe_fake: StripeFake, tmp_path: Path) -> None:
    before = webnova("costs", "report", "--period", "2026-11", "--by", "platform", "--json")
    assert "received_stripe" not in before.json()  # no Stripe events read: nothing to show
    month_scenario(stripe_fake)
    usage = tmp_path / "usage.csv"
    usage.write_text("resource,quantity,period_start,provider,platform,environment,tenant,sku\n"
                     "ai.tokens.input,1000000,2026-11-05T10:00:00Z,anthropic,bank,,,"
                     "claude-sonnet-4-5\n"
                     "ai.tokens.input,2000000,2026-11-06T10:00:00Z,anthropic,hub,,,"
                     "claude-sonnet-4-5\n", encoding="utf-8")
    assert webnova("usage", "import", str(usage)).code == 0
    assert webnova("billing", "revenue", "--period", "2026-11", "--json").code == 0
    shown = webnova("costs", "report", "--period", "2026-11", "--by", "platform", "--json")
    data = shown.json()
    groups = {g["platform"]: g for g in data["groups"]}
    assert groups["bank"]["cost"] == "11.25" and groups["bank"]["received_stripe"] == "1173.50"
    assert groups["hub"]["received_stripe"] is None
    assert data["received_stripe"] == {"bank": "1173.50"}
    table = webnova("costs", "report", "--period", "2026-11", "--by", "platform")
    header = table.out.splitlines()[1]
    assert header.split()[-2:] == ["RECEIVED", "(STRIPE)"]
    bank_row = next(line for line in table.out.splitlines() if line.startswith("bank"))
    assert bank_row.rstrip().endswith("SAR1,173.50")
    rows = webnova("costs", "report", "--period", "2026-11", "--by", "platform", "--csv").out
    lines = rows.splitlines()
    assert lines[0].endswith(",received_stripe")
    assert lines[-1].startswith("TOTAL,") and lines[-1].endswith(",1173.50")
    by_tenant = webnova("costs", "report", "--period", "2026-11", "--by", "tenant", "--json")
    assert "received_stripe" not in by_tenant.json()
