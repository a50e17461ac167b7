"""Creating each kind of resource through the SDK from a port-level ResourceSpec.

A retried create cannot make a twin: names are unique per kind in a Hetzner project, so a
create that did go through before a 5xx answers ``uniqueness_error`` the second time.
"""

from __future__ import annotations

from typing import Any

from hcloud import Client
from hcloud.firewalls import Firewall, FirewallRule
from hcloud.images import Image
from hcloud.load_balancer_types import LoadBalancerType
from hcloud.load_balancers import (
    LoadBalancerAlgorithm,
    LoadBalancerService,
    LoadBalancerTarget,
    LoadBalancerTargetLabelSelector,
)
from hcloud.locations import Location
from hcloud.networks import Network, NetworkSubnet
from hcloud.primary_ips import PrimaryIP
from hcloud.server_types import ServerType
from hcloud.servers import Server, ServerCreatePublicNetwork
from hcloud.ssh_keys import SSHKey

from app.services.cloud_ports import (
    CloudInvalidInputError,
    CloudUnsupportedError,
    ResourceKind,
    ResourceSpec,
)

# Kinds Hetzner can protect against deletion; SSH keys and firewalls have no protection.
PROTECTABLE = frozenset({ResourceKind.SERVER, ResourceKind.VOLUME, ResourceKind.PRIMARY_IP,
                         ResourceKind.NETWORK, ResourceKind.LOAD_BALANCER})


def _need(spec: ResourceSpec, name: str) -> Any:
    value = spec.attributes.get(name)
    if value is None or value == "":
        raise CloudInvalidInputError(
            f"{spec.kind.value} {spec.name!r}: the attribute {name!r} is required", "invalid_input")
    return value


def _location(spec: ResourceSpec) -> Location | None:
    return Location(name=spec.location) if spec.location else None


def _ids(spec: ResourceSpec, name: str) -> list[int]:
    values = spec.attributes.get(name) or []
    try:
        return [int(v) for v in values]
    except (TypeError, ValueError):
        raise CloudInvalidInputError(f"{spec.kind.value} {spec.name!r}: {name!r} must list "
                                     "resource ids", "invalid_input") from None


def firewall_rule(where: str, index: int, rule: Any) -> FirewallRule:
    """A port-level rule as the SDK's; ``where`` names the firewall in errors."""
    if not isinstance(rule, dict) or rule.get("direction") not in ("in", "out"):
        raise CloudInvalidInputError(f"{where}: rules[{index}].direction must be in or out",
                                     "invalid_input")
    addresses = list(rule.get("addresses") or [])
    return FirewallRule(direction=rule["direction"], protocol=str(rule.get("protocol", "")),
                        port=rule.get("port"), description=rule.get("description"),
                        source_ips=addresses if rule["direction"] == "in" else [],
                        destination_ips=addresses if rule["direction"] == "out" else [])


def create_resource(sdk: Client, spec: ResourceSpec) -> tuple[Any, list[Any]]:
    """The created SDK object and the actions it started."""
    labels = dict(spec.labels)
    kind = spec.kind
    if kind is ResourceKind.SSH_KEY:
        return sdk.ssh_keys.create(spec.name, _need(spec, "public_key"), labels=labels), []
    if kind is ResourceKind.NETWORK:
        subnets = [NetworkSubnet(type="cloud", ip_range=s["ip_range"], network_zone=s["zone"])
                   for s in spec.attributes.get("subnets") or []]
        return sdk.networks.create(spec.name, _need(spec, "ip_range"), subnets=subnets or None,
                                   labels=labels), []
    if kind is ResourceKind.FIREWALL:
        rules = [firewall_rule(f"firewall {spec.name!r}", i, r)
                 for i, r in enumerate(spec.attributes.get("rules") or [])]
        # The SDK annotates these labels as str; the API (and the SDK's code) take an object.
        fw = sdk.firewalls.create(spec.name, rules=rules, labels=labels)  # type: ignore[arg-type]
        return fw.firewall, list(fw.actions or [])
    if kind is ResourceKind.SERVER:
        primary = spec.attributes.get("primary_ipv4")
        public = ServerCreatePublicNetwork(ipv4=PrimaryIP(id=int(primary))) if primary else None
        made = sdk.servers.create(
            spec.name, server_type=ServerType(name=_need(spec, "server_type")),
            image=Image(name=_need(spec, "image")), location=_location(spec), labels=labels,
            ssh_keys=[SSHKey(id=i) for i in _ids(spec, "ssh_keys")] or None,
            networks=[Network(id=i) for i in _ids(spec, "networks")] or None,
            firewalls=[Firewall(id=i) for i in _ids(spec, "firewalls")] or None,
            user_data=spec.attributes.get("user_data"), public_net=public)
        return made.server, [made.action, *(made.next_actions or [])]
    if kind is ResourceKind.VOLUME:
        server = spec.attributes.get("server")
        vol = sdk.volumes.create(
            int(_need(spec, "size_gb")), spec.name, labels=labels,  # type: ignore[arg-type]
            location=None if server else _location(spec),
            server=Server(id=int(server)) if server else None, format=spec.attributes.get("format"))
        return vol.volume, [vol.action, *(vol.next_actions or [])]
    if kind is ResourceKind.PRIMARY_IP:
        ip = sdk.primary_ips.create(str(spec.attributes.get("ip_type", "ipv4")), spec.name,
                                    location=_location(spec), assignee_type="server",
                                    auto_delete=bool(spec.attributes.get("auto_delete", False)),
                                    labels=labels)
        return ip.primary_ip, [ip.action] if ip.action is not None else []
    network = spec.attributes.get("network")
    lb = sdk.load_balancers.create(
        spec.name, load_balancer_type=LoadBalancerType(name=_need(spec, "type")),
        algorithm=LoadBalancerAlgorithm(type=spec.attributes.get("algorithm", "round_robin")),
        location=_location(spec), network=Network(id=int(network)) if network else None,
        labels=labels, services=_services(spec) or None,
        targets=_targets(spec, private=bool(network)) or None)
    return lb.load_balancer, [lb.action]


def _targets(spec: ResourceSpec, private: bool) -> list[LoadBalancerTarget]:
    """The servers behind a load balancer, chosen by label selector (through the private
    network when the balancer has one)."""
    selector = spec.attributes.get("targets")
    if selector is None:
        return []
    if not isinstance(selector, str) or not selector.strip():
        raise CloudInvalidInputError(f"load_balancer {spec.name!r}: 'targets' must be a label "
                                     "selector such as 'role=app'", "invalid_input")
    return [LoadBalancerTarget(type="label_selector", use_private_ip=private,
                               label_selector=LoadBalancerTargetLabelSelector(selector=selector))]


def _services(spec: ResourceSpec) -> list[LoadBalancerService]:
    raw = spec.attributes.get("services") or []
    if not isinstance(raw, list):
        raise CloudInvalidInputError(f"load_balancer {spec.name!r}: 'services' must be a list",
                                     "invalid_input")
    services = []
    for i, service in enumerate(raw):
        where = f"load_balancer {spec.name!r}: services[{i}]"
        if not isinstance(service, dict):
            raise CloudInvalidInputError(f"{where} must be an object", "invalid_input")
        for name in ("listen_port", "destination_port"):
            port = service.get(name)
            if not isinstance(port, int) or isinstance(port, bool) or not 1 <= port <= 65535:
                raise CloudInvalidInputError(f"{where}.{name} must be a port from 1 to 65535",
                                             "invalid_input")
        services.append(LoadBalancerService(protocol=str(service.get("protocol", "tcp")),
                                            listen_port=service["listen_port"],
                                            destination_port=service["destination_port"]))
    return services


def check_follow_ups(spec: ResourceSpec) -> None:
    """What ``create`` sets after creating (protection, backups), checked before anything is made."""
    for name in ("protected", "backups"):
        value = spec.attributes.get(name)
        if value is not None and not isinstance(value, bool):
            raise CloudInvalidInputError(f"{spec.kind.value} {spec.name!r}: {name!r} must be true "
                                         f"or false, not {value!r}", "invalid_input")
    if spec.attributes.get("protected") and spec.kind not in PROTECTABLE:
        raise CloudUnsupportedError(f"Hetzner has no delete protection for a {spec.kind.value} "
                                    f"({spec.name!r})", "unsupported")
