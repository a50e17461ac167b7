"""Hetzner's whole price list read through the official SDK over HTTP from the simulator,
and read by the domain's billing rules (retries and errors as for every other request)."""

from __future__ import annotations

from decimal import Decimal

import httpx
import pytest

from app.domain.costs.hetzner import HetznerKind, parse_pricing
from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import CloudAuthError
from tests.cloud.conftest import TOKEN


def test_the_price_list_agrees_with_the_per_location_prices() -> None:
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        cloud = HetznerCloud(TOKEN, sim.url, sleep=lambda _s: None)
        prices = parse_pricing(cloud.price_list())
        here = cloud.prices("nbg1")
    assert prices.currency == here.currency == "EUR"
    assert prices.vat_rate == here.vat_rate
    for name, price in here.server_types.items():
        rate = prices.rate(HetznerKind.SERVER, name, "nbg1")
        assert (rate.hourly.amount, rate.monthly.amount) == (price.hourly_net, price.monthly_net)
        # a month of use costs the monthly price, never more
        assert prices.charge(HetznerKind.SERVER, 744, name, "nbg1").amount == price.monthly_net
    assert prices.volume_gb_month[0].amount == here.volume_per_gb.monthly_net
    ipv4 = prices.rate(HetznerKind.PRIMARY_IP, "ipv4", "nbg1")
    assert ipv4.monthly.amount == here.primary_ipv4.monthly_net
    assert prices.charge(HetznerKind.SERVER, Decimal("1.5"), "cx22", "nbg1").amount == \
        2 * here.server_types["cx22"].hourly_net  # type: ignore[operator]


def test_a_passing_outage_is_retried() -> None:
    waits: list[float] = []
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        cloud = HetznerCloud(TOKEN, sim.url, sleep=waits.append, max_retries=3)
        sim.faults.fail_next(2, 503)
        listed = cloud.price_list()
    assert listed["currency"] == "EUR" and len(waits) == 2


def test_a_refused_token_is_named_and_never_shown() -> None:
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        cloud = HetznerCloud("hz-wrong-token-0123456789abcdef", sim.url, sleep=lambda _s: None)
        with pytest.raises(CloudAuthError, match="Hetzner refused the token") as caught:
            cloud.price_list()
    assert "hz-wrong-token" not in str(caught.value)


# Required fields of ``list_prices_response`` in Hetzner's published API description.
REQUIRED = {"currency", "floating_ip", "floating_ips", "image", "load_balancer_types",
            "primary_ips", "server_backup", "server_types", "vat_rate", "volume"}
PER_TIME = {"included_traffic", "location", "price_hourly", "price_monthly", "price_per_tb_traffic"}


def _money(value: dict[str, str]) -> None:
    assert set(value) == {"net", "gross"}
    assert Decimal(value["gross"]) >= Decimal(value["net"]) >= 0


def test_the_simulator_serves_pricing_in_hetzner_s_shape() -> None:
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        answer = httpx.get(sim.url + "/pricing", headers={"Authorization": f"Bearer {TOKEN}"},
                           timeout=10)
        refused = httpx.get(sim.url + "/pricing", headers={"Authorization": "Bearer wrong"},
                            timeout=10)
    assert answer.status_code == 200 and "RateLimit-Remaining" in answer.headers
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "unauthorized"
    body = answer.json()["pricing"]
    assert set(body) >= REQUIRED
    for group in ("server_types", "load_balancer_types"):
        for entry in body[group]:
            assert {"id", "name", "prices"} <= set(entry)
            for price in entry["prices"]:
                assert set(price) >= PER_TIME
                for name in ("price_hourly", "price_monthly", "price_per_tb_traffic"):
                    _money(price[name])
    for entry in body["primary_ips"]:
        assert entry["type"] in ("ipv4", "ipv6")
        for price in entry["prices"]:
            assert {"location", "price_hourly", "price_monthly"} <= set(price)
    for name in ("image", "volume"):
        _money(body[name]["price_per_gb_month"])
    Decimal(body["vat_rate"])
    Decimal(body["server_backup"]["percentage"])
