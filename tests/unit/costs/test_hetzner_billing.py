"""Hetzner's billing rule as a table: a started hour is a whole hour, a month never costs
more than the monthly price, per resource type; read from the shape of ``GET /pricing``."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from app.domain.costs.hetzner import HetznerKind, HetznerPriceError, parse_pricing
from app.domain.costs.money import Money

D = Decimal


def amounts(net: str, vat: str = "1.19") -> dict[str, str]:
    return {"net": net, "gross": str(D(net) * D(vat))}


def per_location(location: str, hourly: str, monthly: str, traffic: bool = True) -> dict[str, Any]:
    entry: dict[str, Any] = {"location": location, "price_hourly": amounts(hourly),
                             "price_monthly": amounts(monthly)}
    if traffic:
        entry |= {"included_traffic": 20 * 1024**4, "price_per_tb_traffic": amounts("1.00")}
    return entry


# The shape of Hetzner's published ``/pricing`` response (the OpenAPI description), with
# round numbers so the table below can be checked by hand.
PRICING: dict[str, Any] = {
    "currency": "EUR",
    "vat_rate": "19.00",
    "image": {"price_per_gb_month": amounts("0.0119")},
    "volume": {"price_per_gb_month": amounts("0.0440")},
    "server_backup": {"percentage": "20.00"},
    "floating_ip": {"price_monthly": amounts("3.00")},
    "floating_ips": [{"type": "ipv4", "prices": [{"location": "fsn1",
                                                  "price_monthly": amounts("3.00")}]}],
    "primary_ips": [
        {"type": "ipv4", "prices": [per_location("fsn1", "0.0008", "0.50", traffic=False)]},
        {"type": "ipv6", "prices": [per_location("fsn1", "0.0000", "0.00", traffic=False)]},
    ],
    "server_types": [
        {"id": 1, "name": "cx22", "prices": [per_location("fsn1", "0.0060", "3.79"),
                                             per_location("nbg1", "0.0060", "3.79")]},
        {"id": 2, "name": "ccx13", "prices": [per_location("ash", "0.0238", "14.99")]},
    ],
    "load_balancer_types": [
        {"id": 1, "name": "lb11", "prices": [per_location("fsn1", "0.0090", "5.39")]},
    ],
}
PRICES = parse_pricing(PRICING)


@pytest.mark.parametrize(("kind", "name", "location", "size", "hours", "expected"), [
    (HetznerKind.SERVER, "cx22", "fsn1", 0, 0, "0"),
    (HetznerKind.SERVER, "cx22", "fsn1", 0, 1, "0.0060"),
    (HetznerKind.SERVER, "cx22", "fsn1", 0, D("0.01"), "0.0060"),  # a started hour is whole
    (HetznerKind.SERVER, "cx22", "fsn1", 0, D("1.5"), "0.0120"),  # 1.5 h -> 2 h
    (HetznerKind.SERVER, "cx22", "fsn1", 0, 631, "3.7860"),
    (HetznerKind.SERVER, "cx22", "fsn1", 0, 632, "3.79"),  # 3.792 capped at the month
    (HetznerKind.SERVER, "cx22", "fsn1", 0, 800, "3.79"),  # 800 h -> the monthly price
    (HetznerKind.SERVER, "ccx13", "ash", 0, 24, "0.5712"),
    (HetznerKind.LOAD_BALANCER, "lb11", "fsn1", 0, D("10.2"), "0.0990"),
    (HetznerKind.LOAD_BALANCER, "lb11", "fsn1", 0, 744, "5.39"),
    (HetznerKind.PRIMARY_IP, "ipv4", "fsn1", 0, 100, "0.0800"),
    (HetznerKind.PRIMARY_IP, "ipv4", "fsn1", 0, 700, "0.50"),
    (HetznerKind.PRIMARY_IP, "ipv6", "fsn1", 0, 700, "0.0000"),
    # volumes: per GB and month, the hour being a 730th of it
    (HetznerKind.VOLUME, "", "", 100, 730, "4.4000"),
    (HetznerKind.VOLUME, "", "", 100, 800, "4.4000"),
    (HetznerKind.VOLUME, "", "", 10, D("72.5"), str(D("0.440") / 730 * 73)),
    # traffic over the included, per TB, pro rata
    (HetznerKind.TRAFFIC, "cx22", "fsn1", 0, D("2.5"), "2.500"),
    (HetznerKind.TRAFFIC, "lb11", "fsn1", 0, 0, "0"),
])
def test_hetzner_bills_started_hours_capped_at_the_month(
        kind: HetznerKind, name: str, location: str, size: int, hours: Decimal | int,
        expected: str) -> None:
    charged = PRICES.charge(kind, hours, name, location, size_gb=size)
    assert charged == Money(D(expected), "EUR")


def test_gross_uses_the_price_list_gross_amounts() -> None:
    assert PRICES.charge(HetznerKind.SERVER, 800, "cx22", "fsn1", gross=True) == \
        Money(D("3.79") * D("1.19"), "EUR")
    assert PRICES.vat_rate == D("19.00")


@pytest.mark.parametrize(("call", "message"), [
    (lambda: PRICES.charge(HetznerKind.SERVER, 1, "cx99", "fsn1"),
     "no server type 'cx99' in 'fsn1'"),
    (lambda: PRICES.charge(HetznerKind.SERVER, 1, "ccx13", "fsn1"),
     "no server type 'ccx13' in 'fsn1'"),
    (lambda: PRICES.charge(HetznerKind.LOAD_BALANCER, 1, "lb11", "hel1"),
     "no load balancer type 'lb11' in 'hel1'"),
    (lambda: PRICES.charge(HetznerKind.PRIMARY_IP, 1, "ipv5", "fsn1"), "no primary IP 'ipv5'"),
    (lambda: PRICES.charge(HetznerKind.VOLUME, 1), "a volume needs a size above zero"),
    (lambda: PRICES.charge(HetznerKind.SERVER, -1, "cx22", "fsn1"), "hours: -1 is below zero"),
    (lambda: PRICES.charge(HetznerKind.TRAFFIC, D(-1), "cx22", "fsn1"), "below zero"),
])
def test_what_the_list_lacks_is_named(call: Any, message: str) -> None:
    with pytest.raises(HetznerPriceError) as caught:
        call()
    assert message in str(caught.value)


@pytest.mark.parametrize(("path", "message"), [
    (("currency",), "pricing.currency is missing"),
    (("volume", "price_per_gb_month", "gross"), "pricing.volume.price_per_gb_month.gross is missing"),
    (("server_types", 0, "prices", 1, "price_hourly"),
     "pricing.server_types[0].prices[1].price_hourly is missing"),
    (("load_balancer_types", 0, "prices", 0, "price_per_tb_traffic"),
     "pricing.load_balancer_types[0].prices[0].price_per_tb_traffic is missing"),
])
def test_a_damaged_price_list_names_the_missing_field(path: tuple[Any, ...], message: str) -> None:
    body = copy.deepcopy(PRICING)
    holder = body
    for step in path[:-1]:
        holder = holder[step]
    del holder[path[-1]]
    with pytest.raises(HetznerPriceError) as caught:
        parse_pricing(body)
    assert message in str(caught.value)


def test_the_simulator_price_list_reads_whole() -> None:
    from app.integrations.hetzner_sim import catalog

    prices = parse_pricing(catalog.pricing())
    assert ("cx22", "fsn1") in prices.server_types
    assert ("cpx11", "sin") in prices.server_types
    monthly = prices.rate(HetznerKind.SERVER, "cx22", "fsn1").monthly
    assert prices.charge(HetznerKind.SERVER, 800, "cx22", "fsn1") == monthly
