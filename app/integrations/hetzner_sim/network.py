"""Networks, firewalls and SSH keys of the simulated account."""

from __future__ import annotations

import base64
import binascii
import hashlib
import ipaddress
from typing import Any

from app.integrations.hetzner_sim.common import LOCATIONS, labels_of, name_of, network_range
from app.integrations.hetzner_sim.state import SimError, SimState, invalid

Payload = dict[str, Any]
PROTOCOLS = ("tcp", "udp", "icmp", "esp", "gre")


def create_network(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    ip_range = network_range(body.get("ip_range"), "ip_range")
    subnets = [_subnet(s, ip_range, f"subnets[{i}]") for i, s in enumerate(body.get("subnets") or [])]
    assert name is not None
    state.check_unique_name("networks", name)
    ident = state.new_id()
    network = {"id": ident, "name": name, "ip_range": ip_range, "subnets": subnets,
               "routes": list(body.get("routes") or []), "servers": [], "load_balancers": [],
               "protection": {"delete": False}, "labels": labels_of(body) or {},
               "created": state.now_text(),
               "expose_routes_to_vswitch": bool(body.get("expose_routes_to_vswitch", False))}
    state.resources["networks"][ident] = network
    return 201, {"network": network}


def _subnet(raw: Any, ip_range: str, where: str) -> Payload:
    if not isinstance(raw, dict) or raw.get("type") not in ("cloud", "server", "vswitch"):
        raise invalid(f"{where}.type", "must be cloud, server or vswitch")
    subnet = network_range(raw.get("ip_range"), f"{where}.ip_range")
    if not ipaddress.ip_network(subnet).subnet_of(ipaddress.ip_network(ip_range)):  # type: ignore[arg-type]
        raise invalid(f"{where}.ip_range", f"{subnet} is not inside the network's {ip_range}")
    zone = raw.get("network_zone")
    if zone not in {loc["network_zone"] for loc in LOCATIONS.values()}:
        raise invalid(f"{where}.network_zone", f"{zone!r} is not a network zone")
    base = ipaddress.ip_network(subnet)
    return {"type": raw["type"], "ip_range": subnet, "network_zone": zone,
            "gateway": str(base.network_address + 1), "vswitch_id": raw.get("vswitch_id")}


def network_action(state: SimState, network: Payload, command: str, body: Payload) -> Payload:
    if command == "add_subnet":
        network["subnets"].append(_subnet(body, network["ip_range"], "subnet"))
        return {"action": state.start_action("add_subnet", [("networks", network["id"])])}
    raise SimError(404, "not_found", f"network action {command!r} not found")


def _rules(raw: Any) -> list[Payload]:
    if not isinstance(raw, list):
        raise invalid("rules", "must be a list")
    rules = []
    for i, rule in enumerate(raw):
        where = f"rules[{i}]"
        if not isinstance(rule, dict) or rule.get("direction") not in ("in", "out"):
            raise invalid(f"{where}.direction", "must be in or out")
        if rule.get("protocol") not in PROTOCOLS:
            raise invalid(f"{where}.protocol", f"must be one of {', '.join(PROTOCOLS)}")
        port = rule.get("port")
        if rule["protocol"] in ("tcp", "udp"):
            if not isinstance(port, str) or not _port_ok(port):
                raise invalid(f"{where}.port", "tcp and udp rules need a port or a range like 80-85")
        elif port is not None:
            raise invalid(f"{where}.port", f"{rule['protocol']} rules take no port")
        ips_key = "source_ips" if rule["direction"] == "in" else "destination_ips"
        ips = rule.get(ips_key)
        if not isinstance(ips, list) or not ips:
            raise invalid(f"{where}.{ips_key}", "needs at least one address or network")
        for ip in ips:
            try:
                ipaddress.ip_network(ip, strict=True)
            except (TypeError, ValueError):
                raise invalid(f"{where}.{ips_key}", f"{ip!r} is not a network in CIDR notation") from None
        rules.append({"direction": rule["direction"], "protocol": rule["protocol"], "port": port,
                      "source_ips": ips if ips_key == "source_ips" else [],
                      "destination_ips": ips if ips_key == "destination_ips" else [],
                      "description": rule.get("description")})
    return rules


def _port_ok(port: str) -> bool:
    parts = port.split("-")
    return len(parts) <= 2 and all(p.isdigit() and 1 <= int(p) <= 65535 for p in parts)


def _apply_to(state: SimState, firewall: Payload, raw: Any) -> list[Payload]:
    if not isinstance(raw, list):
        raise invalid("apply_to", "must be a list")
    actions = []
    for i, target in enumerate(raw):
        if not isinstance(target, dict) or target.get("type") not in ("server", "label_selector"):
            raise invalid(f"apply_to[{i}].type", "must be server or label_selector")
        if target["type"] == "server":
            server = state.get("servers", (target.get("server") or {}).get("id"))
            firewall["applied_to"].append({"type": "server", "server": {"id": server["id"]}})
            server["public_net"]["firewalls"].append({"id": firewall["id"], "status": "applied"})
            actions.append(state.start_action("apply_firewall", [("firewalls", firewall["id"]),
                                                                 ("servers", server["id"])]))
        else:
            selector = (target.get("label_selector") or {}).get("selector")
            if not isinstance(selector, str) or not selector:
                raise invalid(f"apply_to[{i}].label_selector.selector", "is required")
            firewall["applied_to"].append({"type": "label_selector",
                                           "label_selector": {"selector": selector}})
            actions.append(state.start_action("apply_firewall", [("firewalls", firewall["id"])]))
    return actions


def create_firewall(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    rules = _rules(body.get("rules") or [])
    assert name is not None
    state.check_unique_name("firewalls", name)
    ident = state.new_id()
    firewall = {"id": ident, "name": name, "labels": labels_of(body) or {}, "rules": rules,
                "applied_to": [], "created": state.now_text()}
    state.resources["firewalls"][ident] = firewall
    actions = _apply_to(state, firewall, body.get("apply_to") or [])
    return 201, {"firewall": firewall, "actions": actions}


def firewall_action(state: SimState, firewall: Payload, command: str, body: Payload) -> Payload:
    ident = firewall["id"]
    if command == "set_rules":
        rules = _rules(body.get("rules"))
        return {"actions": [state.start_action("set_firewall_rules", [("firewalls", ident)],
                                               [("firewalls", ident, "rules", rules)])]}
    if command == "apply_to_resources":
        return {"actions": _apply_to(state, firewall, body.get("apply_to"))}
    if command == "remove_from_resources":
        removed = body.get("remove_from")
        if not isinstance(removed, list):
            raise invalid("remove_from", "must be a list")
        firewall["applied_to"] = [a for a in firewall["applied_to"] if a not in removed]
        for server in state.resources["servers"].values():
            if {"type": "server", "server": {"id": server["id"]}} in removed:
                server["public_net"]["firewalls"] = [
                    f for f in server["public_net"]["firewalls"] if f["id"] != ident]
        return {"actions": [state.start_action("remove_firewall", [("firewalls", ident)])]}
    raise SimError(404, "not_found", f"firewall action {command!r} not found")


def fingerprint(public_key: str) -> str:
    parts = public_key.split()
    if len(parts) < 2 or parts[0] not in ("ssh-ed25519", "ssh-rsa", "ecdsa-sha2-nistp256",
                                          "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521"):
        raise invalid("public_key", "is not an OpenSSH public key")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise invalid("public_key", "is not an OpenSSH public key") from None
    digest = hashlib.md5(blob, usedforsecurity=False).hexdigest()
    return ":".join(digest[i:i + 2] for i in range(0, 32, 2))


def create_ssh_key(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    public_key = body.get("public_key")
    if not isinstance(public_key, str):
        raise invalid("public_key", "is required")
    print_ = fingerprint(public_key)
    assert name is not None
    state.check_unique_name("ssh_keys", name)
    if any(k["fingerprint"] == print_ for k in state.resources["ssh_keys"].values()):
        raise SimError(409, "uniqueness_error", "SSH key with the same fingerprint already exists",
                       {"fields": [{"name": "public_key", "messages": ["is already used"]}]})
    ident = state.new_id()
    key = {"id": ident, "name": name, "fingerprint": print_, "public_key": public_key.strip(),
           "labels": labels_of(body) or {}, "created": state.now_text()}
    state.resources["ssh_keys"][ident] = key
    return 201, {"ssh_key": key}
