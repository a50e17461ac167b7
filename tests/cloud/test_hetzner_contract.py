"""The Hetzner adapter (official SDK) passes the provider contract against the simulator."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import ResourceKind
from tests.cloud.conftest import TOKEN
from tests.cloud.provider_contract import ProviderContract, ProviderHarness

STATUS = {"rate_limit": 429, "unavailable": 503, "locked": 423}
STEPS = {"power_off": "poweroff_server", "change_type": "change_server_type",
         "power_on": "start_server"}


@pytest.fixture
def harness() -> Iterator[ProviderHarness]:
    waits: list[float] = []
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:  # exact counts, however slow
        def adapter(token: str) -> HetznerCloud:
            return HetznerCloud(token, sim.url, poll_interval=0.001, sleep=waits.append,
                                max_retries=4)

        yield ProviderHarness(
            provider=adapter(TOKEN), token=TOKEN, with_token=adapter,
            fail_next_requests=lambda n, kind: sim.faults.fail_next(n, STATUS[kind]),
            fail_next_action=lambda: sim.faults.fail_actions(1),
            clear_faults=sim.faults.http.clear,
            location="nbg1", server_type="cx22", image="ubuntu-24.04", load_balancer_type="lb11",
            zone="eu-central", bigger_server_type="cx32", bigger_load_balancer_type="lb21",
            protectable=frozenset({ResourceKind.SERVER, ResourceKind.VOLUME, ResourceKind.PRIMARY_IP,
                                   ResourceKind.NETWORK, ResourceKind.LOAD_BALANCER}),
            mutations=sim.mutations, fail_next_step=lambda step: sim.faults.fail_next_action_of(
                STEPS[step]), waits=waits)


class TestHetznerCloud(ProviderContract):
    pass


def test_a_429_waits_no_longer_than_the_rate_limit_reset() -> None:
    waits: list[float] = []
    with HetznerSimulator(TOKEN, rate_limit=2, refill_per_second=1) as sim:
        cloud = HetznerCloud(TOKEN, sim.url, sleep=waits.append, backoff=30, max_wait=60,
                             max_retries=1)
        cloud.check()
        cloud.check()
        with pytest.raises(Exception, match="rate limit"):
            cloud.check()
    assert len(waits) == 1 and waits[0] <= 3  # the bucket is full again within 2 s, not 30


def test_an_unreachable_endpoint_is_named() -> None:
    cloud = HetznerCloud(TOKEN, "http://127.0.0.1:9/v1", sleep=lambda _s: None, max_retries=1,
                         timeout=2)
    with pytest.raises(Exception, match=r"cannot be reached at http://127\.0\.0\.1:9/v1"):
        cloud.check()
