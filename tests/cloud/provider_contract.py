"""The contract every CloudProvider adapter passes (as tests/store/contract.py is for the
event store). A provider's test module subclasses :class:`ProviderContract` and supplies a
``harness`` fixture: the adapter pointed at that provider's loopback simulator, the names of
a location, server type, image and load balancer type it sells, and hooks that make the
simulator fail on purpose. Nothing here knows which provider runs."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from app.services.cloud_ports import (
    CloudActionFailedError,
    CloudAuthError,
    CloudConflictError,
    CloudInvalidInputError,
    CloudProvider,
    CloudRateLimitedError,
    CloudUnavailableError,
    ResourceKind,
    ResourceSpec,
)

ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"
OURS = {"webnova.workspace": "contract", "webnova.environment": "staging"}
THEIRS = {"webnova.workspace": "contract", "webnova.environment": "production"}


@dataclass
class ProviderHarness:
    provider: CloudProvider
    token: str
    with_token: Callable[[str], CloudProvider]
    fail_next_requests: Callable[[int, str], None]  # kind: rate_limit, unavailable, locked
    fail_next_action: Callable[[], None]
    clear_faults: Callable[[], None]
    location: str
    server_type: str
    image: str
    load_balancer_type: str
    zone: str
    waits: list[float] = field(default_factory=list)  # what the adapter slept, in seconds


def specs(h: ProviderHarness, labels: dict[str, str], suffix: str) -> list[ResourceSpec]:
    """One resource of every kind that needs no other."""
    return [
        ResourceSpec(ResourceKind.SSH_KEY, f"key-{suffix}", labels,
                     attributes={"public_key": ED25519 if suffix == "a" else ED25519[:-4] + "AAAA"}),
        ResourceSpec(ResourceKind.NETWORK, f"net-{suffix}", labels, attributes={
            "ip_range": "10.0.0.0/16", "subnets": [{"ip_range": "10.0.1.0/24", "zone": h.zone}]}),
        ResourceSpec(ResourceKind.FIREWALL, f"fw-{suffix}", labels, attributes={"rules": [
            {"direction": "in", "protocol": "tcp", "port": "443", "addresses": ["0.0.0.0/0", "::/0"]},
            {"direction": "in", "protocol": "tcp", "port": "22", "addresses": ["198.51.100.7/32"]}]}),
        ResourceSpec(ResourceKind.VOLUME, f"vol-{suffix}", labels, h.location, {"size_gb": 10}),
        ResourceSpec(ResourceKind.PRIMARY_IP, f"ip-{suffix}", labels, h.location, {"ip_type": "ipv4"}),
        ResourceSpec(ResourceKind.LOAD_BALANCER, f"lb-{suffix}", labels, h.location,
                     {"type": h.load_balancer_type}),
        ResourceSpec(ResourceKind.SERVER, f"app-{suffix}", labels, h.location,
                     {"server_type": h.server_type, "image": h.image}),
    ]


class ProviderContract:
    def test_the_token_check_reports_the_rate_limit_left(self, harness: ProviderHarness) -> None:
        check = harness.provider.check()
        assert check.remaining is not None and check.rate_limit is not None
        assert 0 <= check.remaining <= check.rate_limit
        assert harness.provider.check().remaining == check.remaining - 1

    def test_a_wrong_token_is_a_clear_error_without_the_token(self, harness: ProviderHarness) -> None:
        with pytest.raises(CloudAuthError) as refused:
            harness.with_token("wrong-" + harness.token[::-1]).check()
        assert "token" in str(refused.value)
        assert harness.token[::-1] not in str(refused.value)

    def test_create_list_by_labels_update_and_delete_every_kind(self, harness: ProviderHarness) -> None:
        cloud = harness.provider
        made = {}
        for spec in specs(harness, OURS, "a") + specs(harness, THEIRS, "b"):
            created = cloud.create(spec)
            cloud.wait(created.actions, timeout=30)
            assert (created.resource.name, dict(created.resource.labels)) == (spec.name, spec.labels)
            made[(spec.kind, spec.name)] = created.resource
        for kind in ResourceKind:
            ours = cloud.list_by_labels(kind, OURS)
            assert [r.name for r in ours] == [n for k, n in made if k is kind and n.endswith("-a")], kind
            assert all(r.id for r in ours)
        server = cloud.list_by_labels(ResourceKind.SERVER, OURS)[0]
        assert server.attributes["server_type"] == harness.server_type
        assert server.location == harness.location
        firewall = cloud.list_by_labels(ResourceKind.FIREWALL, OURS)[0]
        assert {r["port"] for r in firewall.attributes["rules"]} == {"443", "22"}
        network = made[(ResourceKind.NETWORK, "net-a")]
        changed = cloud.update(ResourceKind.NETWORK, network.id, labels={**OURS, "role": "private"})
        assert changed.labels["role"] == "private"
        assert cloud.list_by_labels(ResourceKind.NETWORK, {"role": "private"})[0].id == network.id
        renamed = cloud.update(ResourceKind.VOLUME, made[(ResourceKind.VOLUME, "vol-a")].id, name="vol-a2")
        assert renamed.name == "vol-a2"
        for kind in [ResourceKind.SERVER, ResourceKind.LOAD_BALANCER, ResourceKind.VOLUME,
                     ResourceKind.PRIMARY_IP, ResourceKind.FIREWALL, ResourceKind.NETWORK,
                     ResourceKind.SSH_KEY]:
            for found in cloud.list_by_labels(kind, OURS):
                cloud.wait(cloud.delete(kind, found.id), timeout=30)
                assert cloud.get(kind, found.id) is None
            assert cloud.list_by_labels(kind, OURS) == []
            assert len(cloud.list_by_labels(kind, THEIRS)) == 1  # the others' are untouched

    def test_lists_return_every_page(self, harness: ProviderHarness) -> None:
        for i in range(57):
            harness.provider.create(ResourceSpec(ResourceKind.NETWORK, f"n{i:02}", OURS,
                                                 attributes={"ip_range": "10.1.0.0/16"}))
        found = harness.provider.list_by_labels(ResourceKind.NETWORK, OURS)
        assert [r.name for r in found] == [f"n{i:02}" for i in range(57)]

    def test_a_duplicate_name_is_a_conflict(self, harness: ProviderHarness) -> None:
        spec = ResourceSpec(ResourceKind.NETWORK, "only-once", OURS, attributes={"ip_range": "10.2.0.0/16"})
        harness.provider.create(spec)
        with pytest.raises(CloudConflictError, match="name"):
            harness.provider.create(spec)

    def test_bad_input_names_the_field(self, harness: ProviderHarness) -> None:
        with pytest.raises(CloudInvalidInputError, match="ip_range"):
            harness.provider.create(ResourceSpec(ResourceKind.NETWORK, "public", OURS,
                                                 attributes={"ip_range": "8.8.8.0/24"}))
        with pytest.raises(CloudInvalidInputError, match="server_type"):
            harness.provider.create(ResourceSpec(ResourceKind.SERVER, "s", OURS, harness.location,
                                                 {"image": harness.image}))

    def test_throttling_and_outages_are_retried(self, harness: ProviderHarness) -> None:
        harness.fail_next_requests(2, "rate_limit")
        harness.fail_next_requests(1, "unavailable")
        harness.fail_next_requests(1, "locked")
        assert harness.provider.list_by_labels(ResourceKind.SERVER, OURS) == []
        assert len(harness.waits) == 4

    def test_retries_end_with_a_clear_error(self, harness: ProviderHarness) -> None:
        harness.fail_next_requests(50, "rate_limit")
        with pytest.raises(CloudRateLimitedError, match="rate limit"):
            harness.provider.list_by_labels(ResourceKind.SERVER, OURS)
        harness.clear_faults()
        harness.fail_next_requests(50, "unavailable")
        with pytest.raises(CloudUnavailableError):
            harness.provider.list_by_labels(ResourceKind.SERVER, OURS)

    def test_a_failed_action_names_the_action(self, harness: ProviderHarness) -> None:
        harness.fail_next_action()
        created = harness.provider.create(ResourceSpec(ResourceKind.VOLUME, "broken", OURS,
                                                       harness.location, {"size_gb": 10}))
        with pytest.raises(CloudActionFailedError) as failed:
            harness.provider.wait(created.actions, timeout=30)
        assert created.actions[0].command in str(failed.value)

    def test_prices_for_a_location(self, harness: ProviderHarness) -> None:
        prices = harness.provider.prices(harness.location)
        server = prices.server_types[harness.server_type]
        assert server.currency == prices.currency
        assert server.hourly_net is not None and Decimal(0) < server.hourly_net < server.monthly_net
        assert server.monthly_gross >= server.monthly_net
        assert prices.primary_ipv4.monthly_net > 0 and prices.volume_per_gb.monthly_net > 0
        assert harness.load_balancer_type in prices.load_balancer_types
        with pytest.raises(CloudInvalidInputError, match="nowhere"):
            harness.provider.prices("nowhere")

    def test_locations_carry_their_country(self, harness: ProviderHarness) -> None:
        found = {loc.name: loc for loc in harness.provider.locations()}
        assert harness.location in found
        assert len(found[harness.location].country) == 2
