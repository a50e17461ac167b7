"""The contract every CloudProvider adapter passes (as tests/store/contract.py is for the
event store). A provider's test module subclasses :class:`ProviderContract` and supplies a
``harness`` fixture: the adapter pointed at that provider's loopback simulator, the names of
a location, server type, image and load balancer type it sells, and hooks that make the
simulator fail on purpose. Nothing here knows which provider runs."""

from __future__ import annotations

import ipaddress
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
    CloudResource,
    CloudUnavailableError,
    CloudUnsupportedError,
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
    bigger_server_type: str  # same architecture and disk kind, a larger disk
    bigger_load_balancer_type: str
    protectable: frozenset[ResourceKind]  # kinds the provider can protect against deletion
    mutations: Callable[[], int]  # mutating requests the simulator has answered so far
    fail_next_step: Callable[[str], None]  # step: power_off, change_type, power_on
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


def made(h: ProviderHarness, spec: ResourceSpec) -> CloudResource:
    created = h.provider.create(spec)
    h.provider.wait(created.actions, timeout=30)
    found = h.provider.get(spec.kind, created.resource.id)
    assert found is not None
    return found


def fresh(h: ProviderHarness, found: CloudResource) -> CloudResource:
    now = h.provider.get(found.kind, found.id)
    assert now is not None
    return now


def changed(h: ProviderHarness, found: CloudResource, setting: str, value: object) -> CloudResource:
    h.provider.wait(h.provider.change(found.kind, found.id, setting, value), timeout=30)
    return fresh(h, found)


def unchanged_again(h: ProviderHarness, found: CloudResource, setting: str, value: object) -> None:
    """Asking for what is already so starts nothing and sends no mutating request."""
    before = h.mutations()
    assert h.provider.change(found.kind, found.id, setting, value) == ()
    assert h.mutations() == before


class ChangeContract:
    """In-place changes (``CloudProvider.change``), creation attributes that need a second
    step, and deleting what is protected."""

    def test_delete_protection_on_every_kind(self, harness: ProviderHarness) -> None:
        for spec in specs(harness, OURS, "a"):
            found = made(harness, spec)
            assert found.attributes["protected"] is False, spec.kind
            if spec.kind not in harness.protectable:
                with pytest.raises(CloudUnsupportedError, match=spec.kind.value):
                    harness.provider.change(spec.kind, found.id, "protected", True)
                unchanged_again(harness, found, "protected", False)
                harness.provider.wait(harness.provider.delete(spec.kind, found.id), timeout=30)
                continue
            assert changed(harness, found, "protected", True).attributes["protected"] is True
            unchanged_again(harness, found, "protected", True)
            with pytest.raises(CloudConflictError, match="protected") as refused:
                harness.provider.delete(spec.kind, found.id)
            assert found.id in str(refused.value) and spec.kind.value in str(refused.value)
            assert harness.provider.get(spec.kind, found.id) is not None, spec.kind
            assert changed(harness, found, "protected", False).attributes["protected"] is False
            harness.provider.wait(harness.provider.delete(spec.kind, found.id), timeout=30)
            assert harness.provider.get(spec.kind, found.id) is None, spec.kind

    def test_protection_is_a_yes_or_no(self, harness: ProviderHarness) -> None:
        volume = made(harness, specs(harness, OURS, "a")[3])
        with pytest.raises(CloudInvalidInputError, match="protected"):
            harness.provider.change(volume.kind, volume.id, "protected", "yes")

    def test_created_with_protection(self, harness: ProviderHarness) -> None:
        protected = made(harness, ResourceSpec(ResourceKind.VOLUME, "kept", OURS, harness.location,
                                               {"size_gb": 10, "protected": True}))
        assert protected.attributes["protected"] is True
        with pytest.raises(CloudConflictError, match="protected"):
            harness.provider.delete(ResourceKind.VOLUME, protected.id)
        unprotectable = [k for k in ResourceKind if k not in harness.protectable]
        for spec in specs(harness, OURS, "b"):
            if spec.kind in unprotectable:
                wanted = ResourceSpec(spec.kind, spec.name, spec.labels, spec.location,
                                      {**spec.attributes, "protected": True})
                with pytest.raises(CloudUnsupportedError, match=spec.kind.value):
                    harness.provider.create(wanted)
                assert harness.provider.list_by_labels(spec.kind, OURS) == []  # nothing made

    def test_server_backups_at_creation_and_in_place(self, harness: ProviderHarness) -> None:
        plain = made(harness, specs(harness, OURS, "a")[-1])
        assert plain.attributes["backups"] is False
        backed = made(harness, ResourceSpec(ResourceKind.SERVER, "db", OURS, harness.location, {
            "server_type": harness.server_type, "image": harness.image, "backups": True,
            "protected": True}))
        assert (backed.attributes["backups"], backed.attributes["protected"]) == (True, True)
        assert changed(harness, plain, "backups", True).attributes["backups"] is True
        unchanged_again(harness, plain, "backups", True)
        assert changed(harness, plain, "backups", False).attributes["backups"] is False
        unchanged_again(harness, plain, "backups", False)

    def test_what_is_in_use_is_let_go_before_it_is_deleted(self, harness: ProviderHarness) -> None:
        """A volume attached to a server and a firewall applied to one can be deleted while
        the server stays (the adapter detaches them first)."""
        key, _net, fw_spec, *_rest, server_spec = specs(harness, OURS, "a")
        key_id = made(harness, key).id
        firewall = made(harness, fw_spec)
        server = made(harness, ResourceSpec(ResourceKind.SERVER, server_spec.name, OURS,
                                            harness.location, {**server_spec.attributes,
                                                               "ssh_keys": [key_id],
                                                               "firewalls": [firewall.id]}))
        volume = made(harness, ResourceSpec(ResourceKind.VOLUME, "data", OURS, harness.location,
                                            {"size_gb": 10, "server": server.id}))
        assert volume.attributes["server"] == server.id
        for gone in (volume, firewall):
            harness.provider.wait(harness.provider.delete(gone.kind, gone.id), timeout=30)
            assert harness.provider.get(gone.kind, gone.id) is None
        assert harness.provider.get(ResourceKind.SERVER, server.id) is not None

    def test_server_type_changes_keeping_the_disk_and_running(self, harness: ProviderHarness) -> None:
        server = made(harness, specs(harness, OURS, "a")[-1])
        bigger = changed(harness, server, "server_type", harness.bigger_server_type)
        assert (bigger.attributes["server_type"], bigger.attributes["status"]) == (
            harness.bigger_server_type, "running")
        unchanged_again(harness, server, "server_type", harness.bigger_server_type)
        back = changed(harness, server, "server_type", harness.server_type)  # the disk was kept
        assert (back.attributes["server_type"], back.attributes["status"]) == (
            harness.server_type, "running")
        with pytest.raises(CloudInvalidInputError, match="no-such-type"):
            harness.provider.change(server.kind, server.id, "server_type", "no-such-type")
        assert fresh(harness, server).attributes["status"] == "running"

    @pytest.mark.parametrize("step", ["power_off", "change_type", "power_on"])
    def test_a_server_type_change_cut_short_is_finished_by_asking_again(
            self, harness: ProviderHarness, step: str) -> None:
        server = made(harness, specs(harness, OURS, "a")[-1])
        harness.fail_next_step(step)
        with pytest.raises(CloudActionFailedError):
            harness.provider.wait(harness.provider.change(server.kind, server.id, "server_type",
                                                          harness.bigger_server_type), timeout=30)
        again = changed(harness, server, "server_type", harness.bigger_server_type)
        assert (again.attributes["server_type"], again.attributes["status"]) == (
            harness.bigger_server_type, "running")

    def test_firewall_rules_are_replaced(self, harness: ProviderHarness) -> None:
        firewall = made(harness, specs(harness, OURS, "a")[2])
        rules = [{"direction": "in", "protocol": "tcp", "port": "80", "addresses": ["0.0.0.0/0"]},
                 {"direction": "in", "protocol": "tcp", "port": "443", "addresses": ["0.0.0.0/0"]}]
        now = changed(harness, firewall, "rules", rules)
        assert now.attributes["rules"] == rules
        assert changed(harness, firewall, "rules", rules).attributes["rules"] == rules
        with pytest.raises(CloudInvalidInputError, match=r"rules\[0\]"):
            harness.provider.change(firewall.kind, firewall.id, "rules", [{"direction": "up"}])

    def test_a_volume_grows_and_never_shrinks(self, harness: ProviderHarness) -> None:
        volume = made(harness, specs(harness, OURS, "a")[3])
        assert changed(harness, volume, "size_gb", 20).attributes["size_gb"] == 20
        unchanged_again(harness, volume, "size_gb", 20)
        with pytest.raises(CloudInvalidInputError, match=r"vol-a.*20 GB.*10 GB"):
            harness.provider.change(volume.kind, volume.id, "size_gb", 10)
        assert fresh(harness, volume).attributes["size_gb"] == 20

    def test_a_load_balancer_changes_type(self, harness: ProviderHarness) -> None:
        balancer = made(harness, specs(harness, OURS, "a")[5])
        now = changed(harness, balancer, "type", harness.bigger_load_balancer_type)
        assert now.attributes["type"] == harness.bigger_load_balancer_type
        unchanged_again(harness, balancer, "type", harness.bigger_load_balancer_type)

    def test_a_load_balancer_with_targets_and_services(self, harness: ProviderHarness) -> None:
        network = made(harness, specs(harness, OURS, "a")[1])
        services = [{"protocol": "tcp", "listen_port": 443, "destination_port": 8443},
                    {"protocol": "tcp", "listen_port": 80, "destination_port": 8080}]
        balancer = made(harness, ResourceSpec(
            ResourceKind.LOAD_BALANCER, "edge", OURS, harness.location,
            {"type": harness.load_balancer_type, "network": network.id,
             "targets": "webnova.role=app", "services": services}))
        assert balancer.attributes["targets"] == "webnova.role=app"
        assert balancer.attributes["services"] == services
        bare = made(harness, specs(harness, OURS, "a")[5])
        assert (bare.attributes["targets"], bare.attributes["services"]) == (None, [])
        with pytest.raises(CloudInvalidInputError, match=r"services\[0\]\.listen_port"):
            harness.provider.create(ResourceSpec(
                ResourceKind.LOAD_BALANCER, "broken", OURS, harness.location,
                {"type": harness.load_balancer_type, "services": [{"protocol": "tcp"}]}))
        assert [r.name for r in harness.provider.list_by_labels(ResourceKind.LOAD_BALANCER, OURS)
                ] == ["edge", "lb-a"]

    def test_a_server_reports_its_private_address_in_each_network(
            self, harness: ProviderHarness) -> None:
        network = made(harness, specs(harness, OURS, "a")[1])
        server = made(harness, ResourceSpec(
            ResourceKind.SERVER, "db-a", OURS, harness.location,
            {"server_type": harness.server_type, "image": harness.image, "networks": [network.id]}))
        assert server.attributes["networks"] == [network.id]
        (address,) = server.attributes["private_addresses"].values()
        assert list(server.attributes["private_addresses"]) == [network.id]
        assert ipaddress.ip_address(address) in ipaddress.ip_network("10.0.0.0/16")
        bare = made(harness, specs(harness, OURS, "b")[6])
        assert bare.attributes["private_addresses"] == {}

    def test_servers_and_load_balancers_report_their_public_addresses(
            self, harness: ProviderHarness) -> None:
        server = made(harness, ResourceSpec(
            ResourceKind.SERVER, "app-v6", OURS, harness.location,
            {"server_type": harness.server_type, "image": harness.image}))
        balancer = made(harness, specs(harness, OURS, "v6")[5])
        for found in (server, balancer):
            assert ipaddress.ip_address(found.attributes["address"]).version == 4
            v6 = ipaddress.ip_address(found.attributes["address_v6"])
            assert v6.version == 6 and v6 != ipaddress.ip_network(f"{v6}/64", strict=False).network_address

    def test_unsupported_settings_are_named(self, harness: ProviderHarness) -> None:
        server = made(harness, specs(harness, OURS, "a")[-1])
        network = made(harness, specs(harness, OURS, "a")[1])
        for kind, ident, setting in [(ResourceKind.SERVER, server.id, "image"),
                                     (ResourceKind.NETWORK, network.id, "ip_range"),
                                     (ResourceKind.SERVER, server.id, "size_gb")]:
            with pytest.raises(CloudUnsupportedError) as refused:
                harness.provider.change(kind, ident, setting, "x")
            assert kind.value in str(refused.value) and setting in str(refused.value)


class ProviderContract(ChangeContract):
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

    def test_the_whole_price_list(self, harness: ProviderHarness) -> None:
        listed = harness.provider.price_list()
        assert listed and listed.get("currency") == harness.provider.prices(harness.location).currency

    def test_locations_carry_their_country(self, harness: ProviderHarness) -> None:
        found = {loc.name: loc for loc in harness.provider.locations()}
        assert harness.location in found
        assert len(found[harness.location].country) == 2
