"""The official ``hcloud`` SDK works against the simulator: create, list by label, get,
update labels, delete, poll actions and read prices."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hcloud import APIException, Client
from hcloud.firewalls import FirewallRule
from hcloud.images import Image
from hcloud.locations import Location
from hcloud.networks import NetworkSubnet
from hcloud.server_types import ServerType

from app.integrations.hetzner_sim import HetznerSimulator
from tests.cloud.conftest import TOKEN

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"
LABELS = {"webnova.workspace": "local", "webnova.environment": "staging"}


def test_servers_through_the_sdk(client: Client) -> None:
    key = client.ssh_keys.create("deploy", public_key=KEY, labels=LABELS)
    made = client.servers.create("app-1", server_type=ServerType(name="cpx21"),
                                 image=Image(name="ubuntu-24.04"), location=Location(name="hel1"),
                                 ssh_keys=[key], labels=LABELS, user_data="#cloud-config\n")
    made.action.wait_until_finished()
    assert made.root_password is None  # an SSH key was given
    client.servers.create("other", server_type=ServerType(name="cx22"), image=Image(name="debian-12"),
                          labels={"webnova.environment": "production"})
    found = client.servers.get_all(label_selector="webnova.environment=staging")
    assert [s.name for s in found] == ["app-1"]
    server = client.servers.get_by_id(made.server.id)
    assert (server.status, server.location.name, server.server_type.name) == ("running", "hel1", "cpx21")
    assert server.public_net.ipv4.ip.startswith("203.0.113.")
    server.update(labels={**LABELS, "role": "app"})
    assert client.servers.get_by_name("app-1").labels["role"] == "app"
    deleted = client.servers.delete(server)
    deleted.wait_until_finished()
    assert deleted.status == "success"
    assert client.servers.get_by_name("app-1") is None
    assert client.primary_ips.get_all() == [] or all(
        ip.assignee_id != made.server.id for ip in client.primary_ips.get_all())


def test_networks_firewalls_volumes_keys_primary_ips_and_load_balancers(client: Client) -> None:
    net = client.networks.create("private", ip_range="10.10.0.0/16", labels=LABELS, subnets=[
        NetworkSubnet(type="cloud", ip_range="10.10.1.0/24", network_zone="eu-central")])
    assert client.networks.get_by_id(net.id).subnets[0].gateway == "10.10.1.1"
    rules = [FirewallRule(direction="in", protocol="tcp", port="443", source_ips=["0.0.0.0/0", "::/0"])]
    firewall = client.firewalls.create("edge", rules=rules, labels=LABELS).firewall
    set_rules = firewall.set_rules([*rules, FirewallRule(direction="in", protocol="tcp", port="80",
                                                         source_ips=["0.0.0.0/0"])])
    for action in set_rules:
        action.wait_until_finished()
    assert [r.port for r in client.firewalls.get_by_id(firewall.id).rules] == ["443", "80"]
    volume = client.volumes.create(20, "db-data", location=Location(name="fsn1"), labels=LABELS)
    volume.action.wait_until_finished()
    assert client.volumes.get_by_id(volume.volume.id).status == "available"
    key = client.ssh_keys.create("k", public_key=KEY, labels=LABELS)
    ip = client.primary_ips.create(type="ipv4", name="db-ip", location=Location(name="fsn1"),
                                   labels=LABELS).primary_ip
    lb = client.load_balancers.create("lb", load_balancer_type=client.load_balancer_types.get_by_name("lb11"),
                                      location=Location(name="fsn1"), labels=LABELS)
    lb.action.wait_until_finished()
    selector = "webnova.environment=staging"
    assert [n.name for n in client.networks.get_all(label_selector=selector)] == ["private"]
    assert [f.name for f in client.firewalls.get_all(label_selector=selector)] == ["edge"]
    assert [v.name for v in client.volumes.get_all(label_selector=selector)] == ["db-data"]
    assert [k.name for k in client.ssh_keys.get_all(label_selector=selector)] == ["k"]
    assert [i.name for i in client.primary_ips.get_all(label_selector=selector)] == ["db-ip"]
    assert [b.name for b in client.load_balancers.get_all(label_selector=selector)] == ["lb"]
    for item in (net, firewall, key):
        item.update(labels={})
    for deleted in (net.delete(), firewall.delete(), key.delete(), ip.delete(),
                    volume.volume.delete()):
        assert deleted is True
    lb.load_balancer.delete().action.wait_until_finished()
    assert client.networks.get_all() == [] and client.volumes.get_all() == []
    assert client.load_balancers.get_all() == []


def test_prices_per_location_through_the_sdk(client: Client) -> None:
    cx22 = client.server_types.get_by_name("cx22")
    prices = {p["location"]: p for p in cx22.prices}
    assert set(prices) == {"fsn1", "nbg1", "hel1"}
    monthly = Decimal(prices["fsn1"]["price_monthly"]["net"])
    hourly = Decimal(prices["fsn1"]["price_hourly"]["net"])
    assert hourly * 631 >= monthly  # a month of started hours is capped at the monthly price
    assert Decimal(prices["fsn1"]["price_monthly"]["gross"]) == monthly * Decimal("1.19")
    cpx11 = {p["location"]: p for p in client.server_types.get_by_name("cpx11").prices}
    assert Decimal(cpx11["sin"]["price_monthly"]["net"]) > Decimal(cpx11["fsn1"]["price_monthly"]["net"])
    pricing = client.request("GET", "/pricing")["pricing"]
    assert pricing["currency"] == "EUR"
    assert Decimal(pricing["volume"]["price_per_gb_month"]["net"]) > 0
    assert {lb["name"] for lb in pricing["load_balancer_types"]} == {"lb11", "lb21", "lb31"}


def test_a_failed_action_and_errors_reach_the_sdk(sim: HetznerSimulator, client: Client) -> None:
    sim.faults.fail_actions(1)
    made = client.volumes.create(10, "v", location=Location(name="nbg1"))
    with pytest.raises(Exception, match="Action failed"):
        made.action.wait_until_finished()
    with pytest.raises(APIException) as duplicate:
        client.volumes.create(10, "v", location=Location(name="nbg1"))
    assert duplicate.value.code == "uniqueness_error"
    wrong = Client("wrong-token", api_endpoint=sim.url)
    with pytest.raises(APIException) as refused:
        wrong.locations.get_all()
    assert refused.value.code == "unauthorized"
    assert TOKEN not in str(refused.value)
