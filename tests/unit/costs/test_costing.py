"""The costing engine as tables: each kind of usage priced on its own day by the books in
force that day, converted to the owner's currency; Hetzner's cap per server and month;
revenue from the owner's price models; unpriced rows with their reason."""

from __future__ import annotations

import copy
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from app.domain.costs.anthropic import ModelPrices
from app.domain.costs.books import PriceBooks
from app.domain.costs.costing import (
    COST,
    REVENUE,
    drivers,
    forecast_month,
    parse_cloud_sku,
    price_rows,
    summarize,
)
from app.domain.costs.hetzner import parse_pricing
from app.domain.costs.money import ExchangeRate, ExchangeRates, MissingRateError, Money
from app.domain.costs.pricing import parse_models
from app.domain.costs.usage import DIMENSIONS, UsageSum
from tests.unit.costs.test_books import SHIPPED
from tests.unit.costs.test_hetzner_billing import PRICING, per_location

D = Decimal
NOV = date(2026, 11, 1)
RATES = ExchangeRates([ExchangeRate("EUR", "SAR", D("4"), date(2026, 1, 1)),
                       ExchangeRate("USD", "SAR", D("3.75"), date(2026, 1, 1)),
                       ExchangeRate("EUR", "SAR", D("5"), date(2026, 11, 16))])
OWNER = parse_models({"models": [
    {"name": "platform.requests", "rule": "tiered", "unit": "request", "prices": [
        {"currency": "SAR", "tiers": [{"up_to": "1000", "unit_price": "0.01"},
                                      {"unit_price": "0.005"}]}]},
    {"name": "hub/platform.active_users", "rule": "flat", "unit": "user",
     "prices": [{"currency": "SAR", "amount": "300"}]},
    {"name": "platform.storage_gb", "rule": "per_unit", "unit": "GB-month",
     "prices": [{"currency": "SAR", "unit_price": "1"}]},
]})


def pricing(hourly: str, monthly: str) -> dict[str, Any]:
    body = copy.deepcopy(PRICING)
    body["server_types"][0]["prices"] = [per_location("fsn1", hourly, monthly),
                                         per_location("nbg1", hourly, monthly)]
    return body


def books(*hetzner: tuple[date, dict[str, Any]], rates: ExchangeRates = RATES) -> PriceBooks:
    lists = hetzner or ((NOV, PRICING),)
    return PriceBooks(hetzner=[(d, parse_pricing(b)) for d, b in lists],
                      anthropic=ModelPrices(SHIPPED),
                      owner=[(date(2026, 1, 1), {m.name: m for m in OWNER})], rates=rates)


BOOKS = books()


def row(day: int, resource: str, quantity: str, sku: str = "", provider: str = "hetzner",
        category: str = "cloud", unit: str = "hour", platform: str = "hub", tenant: str = "",
        month: int = 11) -> UsageSum:
    dims = dict.fromkeys(DIMENSIONS, "") | {
        "platform": platform, "environment": "production", "tenant": tenant,
        "category": category, "provider": provider, "resource": resource, "sku": sku,
        "unit": unit}
    return UsageSum(dims, D(quantity), 1, f"2026-{month:02d}-{day:02d}")


def server(day: int, hours: int, name: str = "wn-hub-app-1", sku: str | None = None) -> UsageSum:
    return row(day, "cloud.server_hours", str(hours), sku or f"cx22@fsn1/{name}")


def amounts(rows: list[UsageSum], on: PriceBooks = BOOKS, currency: str = "SAR") -> list[Decimal]:
    costing = price_rows(rows, on, currency)
    assert not costing.unpriced, costing.unpriced
    return [line.amount.amount for line in costing.lines]


@pytest.mark.parametrize(("usage", "expected"), [
    # Claude tokens by model and kind, in USD, at 3.75 SAR
    (row(3, "ai.tokens.input", "1000000", "claude-sonnet-4-5", "anthropic", "ai", "token"),
     D("3") * D("3.75")),
    (row(3, "ai.tokens.output", "2000", "claude-sonnet-4-5", "anthropic", "ai", "token"),
     D("0.03") * D("3.75")),
    (row(3, "ai.tokens.cache_read", "10000", "claude-sonnet-4-5", "anthropic", "ai", "token"),
     D("0.003") * D("3.75")),
    (row(3, "ai.tokens.cache_write", "10000", "claude-sonnet-4-5", "anthropic", "ai", "token"),
     D("0.0375") * D("3.75")),
    # server-hours by type and location, EUR at 4 SAR (before the 16th)
    (server(3, 10), D("0.0600") * 4),
    # a location-less sku: cx22 costs the same in fsn1 and nbg1
    (server(3, 10, sku="cx22"), D("0.0600") * 4),
    # volume GB-months
    (row(3, "cloud.volume_gb_months", "10", "volume", unit="GB-month"), D("0.44") * 4),
    # traffic: 20 TB included per server and month, 1 EUR per TB over
    (row(3, "cloud.traffic_gb", str(21 * 1024), "cx22@fsn1/wn-hub-app-1", unit="GB"), D("4")),
    (row(3, "cloud.traffic_gb", str(19 * 1024), "cx22@fsn1/wn-hub-app-1", unit="GB"), D("0")),
])
def test_each_kind_of_usage_is_priced_in_the_owner_s_currency(usage: UsageSum,
                                                              expected: Decimal) -> None:
    assert amounts([usage]) == [expected]


def test_the_owner_s_models_earn_revenue_with_monthly_tiers_and_flat_fees() -> None:
    usage = [row(d, "platform.requests", "600", "", "owner", "platform", "request", tenant="acme")
             for d in (1, 2)]
    usage += [row(d, "platform.active_users", "5", "", "owner", "platform", "user", tenant="acme")
              for d in (1, 2)]
    costing = price_rows(usage, BOOKS, "SAR")
    assert {line.kind for line in costing.lines} == {REVENUE}
    by_day = {(x.day, x.dimensions["resource"]): x.amount.amount for x in costing.lines}
    # 1,200 requests in the month: 1,000 at 0.01 and 200 at 0.005, the tier crossed on day 2
    assert by_day[("2026-11-01", "platform.requests")] == D("6.00")
    assert by_day[("2026-11-02", "platform.requests")] == D("5.00")
    # the flat fee once a month (hub's own model), not once a day
    assert by_day[("2026-11-01", "platform.active_users")] == D("300")
    assert by_day[("2026-11-02", "platform.active_users")] == D("0")


def test_a_platform_without_its_own_model_uses_the_general_one_or_is_unpriced() -> None:
    costing = price_rows([row(1, "platform.active_users", "5", "", "owner", "platform", "user",
                              platform="shop", tenant="acme")], BOOKS, "SAR")
    assert not costing.lines
    assert "'shop/platform.active_users' or 'platform.active_users'" in costing.unpriced[0].reason


def test_hetzner_hours_are_capped_at_the_monthly_price_per_server_and_month() -> None:
    # two servers of the same type, 31 days x 24 h = 744 h each: each capped at 3.79 EUR
    usage = [server(d, 24, name) for d in range(1, 31) for name in ("a", "b")]
    costing = price_rows(usage, BOOKS, "EUR")
    per_server = summarize(costing, ["sku"])
    assert [s.cost for s in per_server] == [Money(D("3.79"), "EUR")] * 2
    # 631 hours cost 631 x 0.006 = 3.786 (under the cap); the 632nd hour is capped
    assert sum(amounts([server(d, 24) for d in range(1, 27)] + [server(27, 7)], currency="EUR")) \
        == D("3.786")
    # a new month starts a new cap
    december = [server(d, 24) for d in range(1, 31)] + [
        row(1, "cloud.server_hours", "24", "cx22@fsn1/wn-hub-app-1", month=12)]
    assert amounts(december, currency="EUR")[-1] == D("0.144")


def test_server_hours_without_a_server_name_are_priced_day_by_day() -> None:
    # the cap cannot be told apart per server: never priced too low
    usage = [server(d, 48, sku="cx22@fsn1/") for d in range(1, 31)]
    assert sum(amounts(usage, currency="EUR")) == 30 * 48 * D("0.0060")


def test_dated_books_switch_mid_month_and_each_day_is_priced_by_its_own() -> None:
    dear = pricing("0.0120", "7.00")
    two = books((date(2026, 1, 1), PRICING), (date(2026, 11, 10), dear))
    usage = [server(9, 10), server(10, 10)]
    # day 9: the old list, 4 SAR; day 10: the new list; day 16 on, a new rate (5 SAR)
    assert amounts(usage, two) == [D("0.06") * 4, D("0.12") * 4]
    assert amounts([server(16, 10)], two) == [D("0.12") * 5]
    # the cap follows the list in force: the first 216 h at the old hourly price (1.296);
    # from the 10th on, the new list's monthly 7.00 less what its own hourly price makes
    # of those 216 h (2.592) -- 5.704 in all, not 7.00 nor 744 h at either hourly price
    capped = [server(d, 24) for d in range(10, 31)] + [server(d, 24) for d in range(1, 10)]
    month = price_rows(capped, two, "EUR")
    assert summarize(month)[0].cost == Money(D("5.704"), "EUR")


def test_a_missing_rate_is_an_error_naming_the_pair_and_the_day() -> None:
    no_usd = ExchangeRates([ExchangeRate("EUR", "SAR", D("4"), date(2026, 1, 1))])
    usage = [row(3, "ai.tokens.input", "1000", "claude-sonnet-4-5", "anthropic", "ai", "token")]
    with pytest.raises(MissingRateError, match="from USD to SAR is in force on 2026-11-03"):
        price_rows(usage, books(rates=no_usd), "SAR")


@pytest.mark.parametrize(("usage", "reason"), [
    (row(3, "ai.tokens.input", "10", "", "anthropic", "ai", "token"), "does not name the model"),
    (row(3, "ai.tokens.input", "10", "gpt-4", "anthropic", "ai", "token"), "'gpt-4'"),
    (server(3, 5, sku="cx99@fsn1/a"), "no server type 'cx99' in 'fsn1'"),
    (server(3, 5, sku="ccx13@fsn1/a"), "no server type 'ccx13' in 'fsn1'"),
    (row(3, "cloud.traffic_gb", "5", "cx22", unit="GB"), "does not say both"),
    (row(3, "stripe.fees", "5", "", "stripe", "provider", "EUR"), "no price book prices stripe.fees"),
    (row(3, "platform.requests", "5", "", "owner", "platform", "call"),
     "charges per 'request', the usage is counted in 'call'"),
    (row(3, "cloud.server_hours", "5", "cx22@fsn1/a", month=1), "no Hetzner price list is in force"),
])
def test_rows_that_cannot_be_priced_come_back_with_their_reason(usage: UsageSum,
                                                                reason: str) -> None:
    costing = price_rows([usage], BOOKS, "SAR")
    assert not costing.lines
    assert [u.quantity for u in costing.unpriced] == [usage.quantity]
    assert reason in costing.unpriced[0].reason


def test_a_location_less_sku_is_unpriced_when_the_type_s_price_differs_by_location() -> None:
    body = copy.deepcopy(PRICING)
    body["server_types"][0]["prices"][1] = per_location("nbg1", "0.0070", "4.00")
    costing = price_rows([server(3, 5, sku="cx22")], books((NOV, body)), "EUR")
    assert "differ by location (fsn1, nbg1)" in costing.unpriced[0].reason


def test_revenue_cost_and_margin_by_tenant_and_the_top_drivers() -> None:
    usage = [row(1, "platform.requests", "1000", "", "owner", "platform", "request", tenant="acme"),
             row(1, "platform.storage_gb", "3", "", "owner", "platform", "GB-month", tenant="acme"),
             row(1, "ai.tokens.output", "100000", "claude-sonnet-4-5", "anthropic", "ai", "token",
                 tenant="acme"),
             server(1, 24)]
    costing = price_rows(usage, BOOKS, "SAR")
    groups = {g.dimensions["tenant"]: g for g in summarize(costing, ["tenant"])}
    assert groups["acme"].revenue == Money(D("13"), "SAR")  # 10 + 3
    assert groups["acme"].cost == Money(D("1.5") * D("3.75"), "SAR")
    assert groups["acme"].margin == Money(D("13") - D("5.625"), "SAR")
    assert groups[""].cost == Money(D("0.144") * 4, "SAR") and groups[""].revenue.amount == 0
    top = drivers(costing, ["resource"], 5)
    assert [d.dimensions["resource"] for d in top] == ["ai.tokens.output", "cloud.server_hours"]
    assert all(line.kind == COST for line in costing.lines
               if line.dimensions["category"] != "platform")
    assert summarize(costing)[0].to_json()["cost"] == str((D("5.625") + D("0.576")).quantize(D("0.01")))


def test_the_month_end_forecast_runs_at_the_month_s_pace() -> None:
    spent = Money(D("100"), "EUR")
    assert forecast_month(NOV, spent, date(2026, 11, 10)).forecast == Money(D("300"), "EUR")
    assert forecast_month(NOV, spent, date(2026, 12, 5)).forecast == spent  # a past month
    before = forecast_month(NOV, Money.zero("EUR"), date(2026, 10, 5))
    assert (before.forecast.amount, before.through, before.days_elapsed) == (0, None, 0)


def test_cloud_skus_read_type_location_and_name() -> None:
    assert parse_cloud_sku("cx22@fsn1/wn-hub-app-1") == ("cx22", "fsn1", "wn-hub-app-1")
    assert parse_cloud_sku("cx22") == ("cx22", "", "")
    assert parse_cloud_sku("cx22@/a") == ("cx22", "", "a")
