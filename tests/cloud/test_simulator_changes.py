"""In-place changes answered as Hetzner's API does: delete protection per kind, backups,
server type changes, volume resizes, load balancer targets and services — over HTTP for the
status codes, and through the official SDK for the shapes it reads."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from hcloud import Client
from hcloud.load_balancer_types import LoadBalancerType
from hcloud.load_balancers import (
    LoadBalancerService,
    LoadBalancerTarget,
    LoadBalancerTargetLabelSelector,
)
from hcloud.locations import Location
from hcloud.networks import Network

from app.integrations.hetzner_sim import HetznerSimulator
from tests.cloud.conftest import TOKEN

KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJ3w6E2y0m8n7m3o8Kq7Yl3uYxQy8V0A8b7c6d5e4f3g"


def call(sim: HetznerSimulator, method: str, path: str, body: Any = None) -> httpx.Response:
    return httpx.request(method, sim.url + path, json=body, timeout=10,
                         headers={"Authorization": f"Bearer {TOKEN}"})


def server(sim: HetznerSimulator, name: str = "web", server_type: str = "cx22") -> dict[str, Any]:
    made = call(sim, "POST", "/servers", {"name": name, "server_type": server_type,
                                          "image": "debian-12", "labels": {"role": "app"}})
    assert made.status_code == 201, made.text
    return dict(made.json()["server"])


def test_protection_exists_for_the_kinds_hetzner_protects(sim: HetznerSimulator) -> None:
    key = call(sim, "POST", "/ssh_keys", {"name": "k", "public_key": KEY}).json()["ssh_key"]
    firewall = call(sim, "POST", "/firewalls", {"name": "fw"}).json()["firewall"]
    for path in (f"/ssh_keys/{key['id']}", f"/firewalls/{firewall['id']}"):
        refused = call(sim, "POST", path + "/actions/change_protection", {"delete": True})
        assert (refused.status_code, refused.json()["error"]["code"]) == (404, "not_found")
    volume = call(sim, "POST", "/volumes", {"name": "v", "size": 10, "location": "fsn1"}).json()
    ip = call(sim, "POST", "/primary_ips", {"name": "ip", "type": "ipv4", "location": "fsn1"}).json()
    balancer = call(sim, "POST", "/load_balancers", {"name": "lb", "load_balancer_type": "lb11",
                                                     "location": "fsn1"}).json()
    for path in (f"/volumes/{volume['volume']['id']}", f"/primary_ips/{ip['primary_ip']['id']}",
                 f"/load_balancers/{balancer['load_balancer']['id']}"):
        assert call(sim, "POST", path + "/actions/change_protection",
                    {"delete": True}).status_code == 201
        refused = call(sim, "DELETE", path)
        assert (refused.status_code, refused.json()["error"]["code"]) == (423, "protected")


def test_a_servers_delete_and_rebuild_protection_stay_equal(sim: HetznerSimulator) -> None:
    web = server(sim)
    path = f"/servers/{web['id']}/actions/change_protection"
    differ = call(sim, "POST", path, {"delete": True, "rebuild": False})
    assert differ.status_code == 422 and differ.json()["error"]["details"]["fields"][0]["name"] == "rebuild"
    assert call(sim, "POST", path, {"delete": True}).status_code == 201
    assert call(sim, "GET", f"/servers/{web['id']}").json()["server"]["protection"] == {
        "delete": True, "rebuild": True}


def test_backups_set_and_clear_the_backup_window(sim: HetznerSimulator) -> None:
    web = server(sim)
    assert web["backup_window"] is None
    on = call(sim, "POST", f"/servers/{web['id']}/actions/enable_backup", {})
    assert on.json()["action"]["command"] == "enable_backup"
    assert call(sim, "GET", f"/servers/{web['id']}").json()["server"]["backup_window"] == "22-02"
    call(sim, "POST", f"/servers/{web['id']}/actions/disable_backup", {})
    assert call(sim, "GET", f"/servers/{web['id']}").json()["server"]["backup_window"] is None


def test_a_server_type_changes_only_when_off_and_only_to_a_type_that_fits(sim: HetznerSimulator) -> None:
    web = server(sim)
    path = f"/servers/{web['id']}/actions/change_type"
    running = call(sim, "POST", path, {"server_type": "cx32", "upgrade_disk": False})
    assert (running.status_code, running.json()["error"]["code"]) == (422, "server_not_stopped")
    call(sim, "POST", f"/servers/{web['id']}/actions/poweroff", {})
    no_flag = call(sim, "POST", path, {"server_type": "cx32"})
    assert no_flag.json()["error"]["details"]["fields"][0]["name"] == "upgrade_disk"
    arm = call(sim, "POST", path, {"server_type": "cax11", "upgrade_disk": False})
    assert arm.json()["error"]["code"] == "invalid_server_type"
    assert call(sim, "POST", path, {"server_type": "cx32", "upgrade_disk": True}).status_code == 201
    grown = call(sim, "GET", f"/servers/{web['id']}").json()["server"]
    assert (grown["server_type"]["name"], grown["primary_disk_size"]) == ("cx32", 80)
    smaller = call(sim, "POST", path, {"server_type": "cx22", "upgrade_disk": False})
    assert smaller.json()["error"]["code"] == "invalid_server_type"  # 40 GB cannot hold 80


def test_a_volume_never_shrinks(sim: HetznerSimulator) -> None:
    volume = call(sim, "POST", "/volumes", {"name": "v", "size": 20, "location": "fsn1"}).json()["volume"]
    shrink = call(sim, "POST", f"/volumes/{volume['id']}/actions/resize", {"size": 10})
    assert shrink.status_code == 422
    assert shrink.json()["error"]["details"]["fields"][0]["name"] == "size"


def test_load_balancer_targets_and_services_as_the_sdk_reads_them(
        sim: HetznerSimulator, client: Client) -> None:
    net = client.networks.create("private", ip_range="10.20.0.0/16")
    app_server = server(sim, "app-1")
    server(sim, "app-2")
    call(sim, "POST", f"/servers/{app_server['id']}/actions/attach_to_network", {"network": net.id})
    made = client.load_balancers.create(
        "edge", load_balancer_type=LoadBalancerType(name="lb11"), location=Location(name="fsn1"),
        network=Network(id=net.id),
        services=[LoadBalancerService(protocol="tcp", listen_port=443, destination_port=8443)],
        targets=[LoadBalancerTarget(type="label_selector", use_private_ip=True,
                                    label_selector=LoadBalancerTargetLabelSelector("role=app"))])
    lb = client.load_balancers.get_by_id(made.load_balancer.id)
    (service,) = lb.services
    assert (service.protocol, service.listen_port, service.destination_port) == ("tcp", 443, 8443)
    assert (service.health_check.protocol, service.health_check.port) == ("tcp", 8443)
    (target,) = lb.targets
    assert (target.label_selector.selector, target.use_private_ip) == ("role=app", True)
    assert [t.server.id for t in target.targets] == [app_server["id"]]  # the one in the network
    lb.add_service(LoadBalancerService(protocol="http", listen_port=80, destination_port=8080))
    assert [s.listen_port for s in client.load_balancers.get_by_id(lb.id).services] == [443, 80]
    path = f"/load_balancers/{lb.id}/actions"
    used = call(sim, "POST", path + "/add_service", {"protocol": "tcp", "listen_port": 443,
                                                     "destination_port": 1})
    assert used.json()["error"]["code"] == "source_port_already_used"
    twice = call(sim, "POST", path + "/add_target", {"type": "label_selector",
                                                     "label_selector": {"selector": "role=app"}})
    assert twice.json()["error"]["code"] == "target_already_defined"


@pytest.mark.parametrize(("body", "field_or_code"), [
    ({"targets": [{"type": "label_selector", "use_private_ip": True,
                   "label_selector": {"selector": "role=app"}}]}, "load_balancer_not_attached_to_network"),
    ({"targets": [{"type": "label_selector", "label_selector": {"selector": "role in (a"}}]},
     "targets[0].label_selector.selector"),
    ({"services": [{"protocol": "tcp", "destination_port": 80}]}, "services[0].listen_port"),
    ({"services": [{"protocol": "udp", "listen_port": 53}]}, "services[0].protocol"),
    ({"services": [{"protocol": "https"}]}, "services[0].http.certificates"),
])
def test_a_bad_load_balancer_is_refused_whole(sim: HetznerSimulator, body: dict[str, Any],
                                              field_or_code: str) -> None:
    answer = call(sim, "POST", "/load_balancers", {"name": "lb", "load_balancer_type": "lb11",
                                                   "location": "fsn1", **body})
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert field_or_code in (error["code"], *(f["name"] for f in (error["details"] or {}).get("fields", [])))
    assert call(sim, "GET", "/load_balancers").json()["load_balancers"] == []
