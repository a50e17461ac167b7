"""Planning an environment against a cloud account (the Hetzner simulator through the
real adapter): what exists is read back by label, compared and priced, and planning
never makes a mutating call."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from app.domain.cloud.model import EnvironmentSpec, desired_state
from app.domain.cloud.plan import Action
from app.integrations.hetzner_cloud import HetznerCloud
from app.integrations.hetzner_sim import HetznerSimulator
from app.services.cloud_ports import ResourceKind, ResourceSpec
from app.services.deploy_planning import NEW_KEY, plan_environment

TOKEN = "hz-plan-token-6f1c0a9e4b7d2c8e5a3f1b0d9c7e6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f"
SPEC = EnvironmentSpec(workspace="bank", platform="hub", environment="production",
                       account="main", location="fsn1", app_server_type="cx22", app_servers=2,
                       db_server_type="cx32", volume_gb=20, ssh_from=("203.0.113.0/24",))


@pytest.fixture
def cloud() -> Iterator[tuple[HetznerSimulator, HetznerCloud]]:
    with HetznerSimulator(TOKEN, refill_per_second=0) as sim:
        yield sim, HetznerCloud(TOKEN, sim.url, poll_interval=0.001, sleep=lambda _s: None)


def test_an_empty_account_plans_everything_and_changes_nothing(
        cloud: tuple[HetznerSimulator, HetznerCloud]) -> None:
    sim, provider = cloud
    priced = plan_environment(provider, SPEC)
    assert [s.action for s in priced.plan.steps] == [Action.CREATE] * len(desired_state(SPEC))
    key = next(s for s in priced.plan.steps if s.name == "wn-hub-production-key")
    assert key.desired is not None and key.desired.spec["public_key"] == NEW_KEY
    assert priced.cost.before.monthly.net == 0
    assert priced.cost.after.monthly.net > 0
    assert priced.cost.currency == "EUR"
    assert sim.mutations() == 0  # planning only reads
    body = priced.to_json()
    assert body["summary"]["create"] == len(desired_state(SPEC))
    assert body["environment"]["location"] == "fsn1"


def test_what_exists_is_read_back_and_compared(cloud: tuple[HetznerSimulator, HetznerCloud]) -> None:
    sim, provider = cloud
    labels = SPEC.labels()
    provider.create(ResourceSpec(ResourceKind.NETWORK, "wn-hub-production-net", labels, attributes={
        "ip_range": "10.0.0.0/16", "subnets": [{"ip_range": "10.0.1.0/24", "zone": "eu-central"}]}))
    provider.create(ResourceSpec(ResourceKind.FIREWALL, "wn-hub-production-fw", labels, attributes={
        "rules": [{"direction": "in", "protocol": "tcp", "port": port, "addresses": addresses}
                  for port, addresses in (("80", ["0.0.0.0/0", "::/0"]), ("443", ["0.0.0.0/0", "::/0"]),
                                          ("22", ["203.0.113.0/24"]), ("5432", ["0.0.0.0/0"]))]}))
    provider.create(ResourceSpec(ResourceKind.VOLUME, "wn-hub-production-old-data", labels, "fsn1",
                                 {"size_gb": 10}))
    provider.create(ResourceSpec(ResourceKind.NETWORK, "someone-elses-net", {"team": "web"},
                                 attributes={"ip_range": "10.1.0.0/16", "subnets": []}))
    made = sim.mutations()
    priced = plan_environment(provider, SPEC)
    assert sim.mutations() == made
    steps = {s.name: s for s in priced.plan.steps}
    assert "wn-hub-production-net" in priced.plan.unchanged  # as desired: no step
    firewall = steps["wn-hub-production-fw"]
    assert (firewall.action, firewall.reason) == (Action.UPDATE, "rules changed")  # 5432 opened
    stray = steps["wn-hub-production-old-data"]
    assert stray.action is Action.DELETE and stray.destroys_data
    assert "someone-elses-net" not in steps  # not labelled for this environment
    again = plan_environment(provider, SPEC)
    assert again.plan.hash == priced.plan.hash  # nothing moved: the same plan
    provider.create(ResourceSpec(ResourceKind.SSH_KEY, "wn-hub-production-key", labels, attributes={
        "public_key": "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"}))
    moved = plan_environment(provider, SPEC)
    assert moved.plan.hash != priced.plan.hash
    # a key the console did not make (it has no private half for it) is replaced
    assert {s.name: s.action for s in moved.plan.steps}["wn-hub-production-key"] is Action.REPLACE
