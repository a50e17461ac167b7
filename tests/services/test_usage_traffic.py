"""Cloud traffic metered from the servers' own counters, through the Hetzner adapter and
the official SDK against the simulator: what each server sent since the last metering,
once, across a new billing period, and carried over when the account cannot be read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest

from app.domain.cloud.model import EnvironmentSpec
from app.domain.costs.traffic_meter import TrafficReading, traffic_records
from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import CloudAuthError, CloudProvider, ResourceKind, ResourceSpec
from app.services.cloud_traffic import CloudTrafficReader
from app.services.usage_ledger import UsageLedgerService
from app.store.event_store import SqliteEventStore
from app.store.usage_rollup import SqlUsageRollup
from tests.services.test_usage_ledger import Clock, deploy, step, store  # noqa: F401

TOKEN = "hz-traffic-token-" + "5" * 48
H = timedelta(hours=1)
SPEC = EnvironmentSpec("local", "hub", "production", "main", "nbg1", "cx22")
DAYS = (date(2000, 1, 1), date(2100, 1, 1))

G = 1024**3  # bytes in a GB as Hetzner counts traffic


class Account:
    """The cloud account as the console connects to it; ``broken`` makes it refuse."""

    def __init__(self, cloud: HetznerCloud) -> None:
        self.cloud = cloud
        self.broken = False

    @contextmanager
    def connect(self, name: str) -> Iterator[CloudProvider]:
        assert name == "main"
        if self.broken:
            raise CloudAuthError("the Hetzner token was refused", "unauthorized")
        yield self.cloud


class Specs:
    def last_spec(self, platform: str, environment: str) -> EnvironmentSpec:
        assert (platform, environment) == ("hub", "production")
        return SPEC


@pytest.fixture
def sim() -> Iterator[HetznerSimulator]:
    with HetznerSimulator(TOKEN) as simulator:
        yield simulator


def server(cloud: HetznerCloud, name: str) -> int:
    made = cloud.create(ResourceSpec(ResourceKind.SERVER, name, SPEC.labels(), "nbg1",
                                     {"server_type": "cx22", "image": "ubuntu-24.04"}))
    cloud.wait(made.actions, timeout=30)
    return int(made.resource.id)


def next_month(moment: datetime) -> datetime:
    return (moment.replace(day=28) + timedelta(days=4)).replace(day=1, hour=0, minute=0, second=0,
                                                                microsecond=0)


def traffic(usage: UsageLedgerService) -> Decimal:
    usage.rollup.catch_up()
    sums = usage.rollup.totals(*DAYS, by=["resource", "platform", "environment", "sku"],
                               where={"resource": "cloud.traffic_gb"})
    # each server's traffic is priced by its type and location (the cost engine reads the sku)
    assert {s.dimensions["sku"] for s in sums} <= {"cx22@nbg1/wn-hub-production-app-1",
                                                   "cx22@nbg1/wn-hub-production-app-2"}
    assert all((s.dimensions["platform"], s.dimensions["environment"]) == ("hub", "production")
               for s in sums)
    return sum((s.quantity for s in sums), Decimal(0))


def test_each_servers_outgoing_traffic_is_metered_once(
        sim: HetznerSimulator, store: SqliteEventStore, tmp_path: Path) -> None:  # noqa: F811
    cloud = HetznerCloud(TOKEN, sim.url, poll_interval=0.001)
    app_1, app_2 = server(cloud, "wn-hub-production-app-1"), server(cloud, "wn-hub-production-app-2")
    made = deploy(store, step("create", "server", "wn-hub-production-app-1", server_type="cx22"),
                  step("create", "server", "wn-hub-production-app-2", server_type="cx22"))
    account, clock = Account(cloud), Clock()
    usage = UsageLedgerService(store, SqlUsageRollup(store, "t1"), "t1", clock,
                               traffic=CloudTrafficReader(Specs(), account.connect).read)
    sim.state.add_traffic(app_1, outgoing=5 * G // 2, ingoing=9 * G)
    sim.state.add_traffic(app_2, outgoing=G)
    # the meterings below stay in one calendar month (the billing period), whatever today is
    base = next_month(made) + H
    clock.now = base
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("3.5")  # outgoing only: incoming traffic is not billed

    clock.now = base + H
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("3.5")  # nothing sent since: nothing recorded

    sim.state.add_traffic(app_1, outgoing=G + 600)  # 600 bytes (< a micro-GB) wait for the next one
    clock.now = base + 2 * H
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("4.5")
    sim.state.add_traffic(app_1, outgoing=600)
    clock.now = base + 3 * H
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("4.500001")

    # A new billing period (the calendar month): the counters start again from zero, and
    # one already past its last reading is still all new.
    sim.state.new_billing_period()
    sim.state.add_traffic(app_2, outgoing=3 * G)
    month = next_month(base)
    clock.now = month + H
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("7.500001")

    account.broken = True  # traffic sent while the account cannot be read is not lost
    sim.state.add_traffic(app_2, outgoing=2 * G)
    clock.now = month + 2 * H
    missed = usage.meter_cloud("owner")
    assert missed.traffic_missed == ("hub production: the Hetzner token was refused",)
    assert missed.to_json()["traffic_missed"] == list(missed.traffic_missed)
    assert missed.records == 2  # the hour's server-hours still, one record per server
    assert traffic(usage) == Decimal("7.500001")
    account.broken = False
    clock.now = month + 3 * H
    usage.meter_cloud("owner")
    assert traffic(usage) == Decimal("9.500001")


def test_a_counter_lower_than_its_last_reading_started_again() -> None:
    start = datetime(2026, 11, 3, 10, tzinfo=UTC)
    reading = TrafficReading("hub", "production", "app-1", "7", G // 2, "cx22", "fsn1")
    records, kept = traffic_records([reading], {"7": [G, "2026-11"]}, start,
                                    start + H, None)
    assert [(r.quantity, r.period_start, r.period_end) for r in records] == [
        (Decimal("0.5"), start, start + H)]
    assert kept == {"7": [G // 2, "2026-11"]}
    assert records[0].sku == "cx22@fsn1/app-1"  # what the cost engine prices traffic by
