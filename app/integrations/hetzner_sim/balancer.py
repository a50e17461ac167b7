"""Load balancers of the simulated account: services, targets (servers, label selectors,
addresses) and type changes, answered in the full shape the API gives and the SDK reads."""

from __future__ import annotations

from typing import Any

from app.integrations.hetzner_sim.common import (
    LB_TYPES,
    LOCATIONS,
    by_name_or_id,
    fake_ip,
    labels_of,
    location_of,
    name_of,
)
from app.integrations.hetzner_sim.labels import SelectorError, parse_selector
from app.integrations.hetzner_sim.state import SimError, SimState, invalid

Payload = dict[str, Any]
SERVICE_PROTOCOLS = ("tcp", "http", "https")


def _port(raw: Any, where: str, default: int | None = None) -> int:
    value = default if raw is None else raw
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 65535:
        raise invalid(where, "must be a port from 1 to 65535")
    return value


def _health_check(raw: Any, protocol: str, port: int, where: str) -> Payload:
    given = raw if isinstance(raw, dict) else {}
    if raw is not None and not isinstance(raw, dict):
        raise invalid(where, "must be an object")
    kind = given.get("protocol", "tcp" if protocol == "tcp" else "http")
    if kind not in ("tcp", "http"):
        raise invalid(f"{where}.protocol", "must be tcp or http")
    check: Payload = {"protocol": kind, "port": _port(given.get("port"), f"{where}.port", port),
                      "interval": given.get("interval", 15), "timeout": given.get("timeout", 10),
                      "retries": given.get("retries", 3)}
    if kind == "http":
        http = given.get("http") or {}
        check["http"] = {"domain": http.get("domain"), "path": http.get("path", "/"),
                         "response": http.get("response", ""),
                         "status_codes": http.get("status_codes", ["2??", "3??"]),
                         "tls": bool(http.get("tls", False))}
    return check


def service_of(raw: Any, where: str) -> Payload:
    """A service as the API keeps it (defaults filled in); bad input names the field."""
    if not isinstance(raw, dict):
        raise invalid(where, "must be an object")
    protocol = raw.get("protocol")
    if protocol not in SERVICE_PROTOCOLS:
        raise invalid(f"{where}.protocol", "must be tcp, http or https")
    default_listen = {"http": 80, "https": 443}.get(protocol)
    if protocol == "tcp" and raw.get("listen_port") is None:
        raise invalid(f"{where}.listen_port", "is required for tcp")
    listen = _port(raw.get("listen_port"), f"{where}.listen_port", default_listen)
    destination = _port(raw.get("destination_port"), f"{where}.destination_port",
                        None if protocol == "tcp" else 80)
    service: Payload = {"protocol": protocol, "listen_port": listen, "destination_port": destination,
                        "proxyprotocol": bool(raw.get("proxyprotocol", False)),
                        "health_check": _health_check(raw.get("health_check"), protocol,
                                                      destination, f"{where}.health_check")}
    if protocol != "tcp":
        http = raw.get("http") or {}
        if protocol == "https" and not http.get("certificates"):
            raise invalid(f"{where}.http.certificates", "https needs at least one certificate")
        service["http"] = {"cookie_name": http.get("cookie_name", "HCLBSTICKY"),
                           "cookie_lifetime": http.get("cookie_lifetime", 300),
                           "certificates": list(http.get("certificates") or []),
                           "redirect_http": bool(http.get("redirect_http", False)),
                           "sticky_sessions": bool(http.get("sticky_sessions", False)),
                           "timeout_idle": http.get("timeout_idle", 86400)}
    return service


def _add_service(lb: Payload, service: Payload) -> None:
    if any(s["listen_port"] == service["listen_port"] for s in lb["services"]):
        raise SimError(422, "source_port_already_used",
                       f"port {service['listen_port']} is already used by another service")
    if len(lb["services"]) >= lb["load_balancer_type"]["max_services"]:
        raise SimError(422, "invalid_input", "the load balancer type allows no more services")
    lb["services"].append(service)


def _in_network(lb: Payload, server: Payload) -> bool:
    networks = {p["network"] for p in lb["private_net"]}
    return any(p["network"] in networks for p in server["private_net"])


def target_of(state: SimState, lb: Payload, raw: Any, where: str) -> Payload:
    """A target as the API keeps it; a private target needs the balancer in a network."""
    if not isinstance(raw, dict) or raw.get("type") not in ("server", "label_selector", "ip"):
        raise invalid(f"{where}.type", "must be server, label_selector or ip")
    kind = raw["type"]
    private = raw.get("use_private_ip", False)
    if not isinstance(private, bool):
        raise invalid(f"{where}.use_private_ip", "must be true or false")
    if private and not lb["private_net"]:
        raise SimError(422, "load_balancer_not_attached_to_network",
                       "the load balancer is not attached to a network")
    if kind == "ip":
        address = (raw.get("ip") or {}).get("ip")
        if not isinstance(address, str) or not address:
            raise invalid(f"{where}.ip.ip", "is required")
        return {"type": "ip", "ip": {"ip": address}, "health_status": []}
    if kind == "server":
        server = state.get("servers", (raw.get("server") or {}).get("id"))
        if private and not _in_network(lb, server):
            raise SimError(422, "server_not_attached_to_network", "the server is not attached "
                           "to the load balancer's network")
        if not private and server["public_net"]["ipv4"] is None:
            raise SimError(422, "missing_ipv4", "the server has no public IPv4 address")
        return {"type": "server", "server": {"id": server["id"]}, "use_private_ip": private,
                "health_status": []}
    selector = (raw.get("label_selector") or {}).get("selector")
    if not isinstance(selector, str) or not selector:
        raise invalid(f"{where}.label_selector.selector", "is required")
    try:
        parse_selector(selector)
    except SelectorError as exc:
        raise invalid(f"{where}.label_selector.selector", str(exc)) from None
    return {"type": "label_selector", "label_selector": {"selector": selector},
            "use_private_ip": private, "targets": []}


def _key(target: Payload) -> Any:
    return target["type"], repr(target.get(target["type"]))


def _add_target(lb: Payload, target: Payload) -> None:
    if any(_key(t) == _key(target) for t in lb["targets"]):
        raise SimError(422, "target_already_defined", "the target is already defined")
    if len(lb["targets"]) >= lb["load_balancer_type"]["max_targets"]:
        raise SimError(422, "invalid_input", "the load balancer type allows no more targets")
    lb["targets"].append(target)


def refresh_targets(state: SimState) -> None:
    """Label selector targets list the servers they select now, with their health."""
    for lb in state.resources["load_balancers"].values():
        for target in lb["targets"]:
            if target["type"] == "server":
                target["health_status"] = _health(lb, state.resources["servers"].get(
                    target["server"]["id"]))
            if target["type"] != "label_selector":
                continue
            matches = parse_selector(target["label_selector"]["selector"])
            target["targets"] = [
                {"type": "server", "server": {"id": s["id"]}, "use_private_ip": target["use_private_ip"],
                 "health_status": _health(lb, s)}
                for s in sorted(state.resources["servers"].values(), key=lambda s: s["id"])
                if matches(s.get("labels") or {})
                and (not target["use_private_ip"] or _in_network(lb, s))]


def _health(lb: Payload, server: Payload | None) -> list[Payload]:
    up = server is not None and server["status"] == "running"
    return [{"listen_port": s["listen_port"], "status": "healthy" if up else "unhealthy"}
            for s in lb["services"]]


def create_load_balancer(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    if body.get("load_balancer_type") is None:
        raise invalid("load_balancer_type", "is required")
    lb_type = by_name_or_id(LB_TYPES, body["load_balancer_type"], "load_balancer_type")
    location = location_of(body)
    if location is None:
        zone = body.get("network_zone")
        location = next((loc for loc in LOCATIONS.values() if loc["network_zone"] == zone), None)
        if location is None:
            raise invalid("location", "give a location or a network zone")
    algorithm = body.get("algorithm") or {"type": "round_robin"}
    if not isinstance(algorithm, dict):
        raise invalid("algorithm", "must be an object")
    if algorithm.get("type") not in ("round_robin", "least_connections"):
        raise invalid("algorithm.type", "must be round_robin or least_connections")
    for field in ("services", "targets"):
        if not isinstance(body.get(field) or [], list):
            raise invalid(field, "must be a list")
    assert name is not None
    state.check_unique_name("load_balancers", name)
    ident = state.new_id()
    lb: Payload = {
        "id": ident, "name": name, "load_balancer_type": lb_type, "location": location,
        "algorithm": {"type": algorithm["type"]}, "labels": labels_of(body) or {},
        "public_net": {"enabled": body.get("public_interface", True),
                       "ipv4": {"ip": fake_ip(ident), "dns_ptr": None},
                       "ipv6": {"ip": f"2001:db8:{ident:x}::1", "dns_ptr": None}},
        "private_net": [], "protection": {"delete": False}, "services": [], "targets": [],
        "outgoing_traffic": 0, "ingoing_traffic": 0, "included_traffic": 20 * 1024**4,
        "created": state.now_text()}
    if body.get("network") is not None:
        network = state.get("networks", body["network"])
        network["load_balancers"].append(ident)
        lb["private_net"].append({"network": network["id"],
                                  "ip": network["ip_range"].split("/")[0][:-1] + "250"})
    for i, raw in enumerate(body.get("services") or []):
        _add_service(lb, service_of(raw, f"services[{i}]"))
    for i, raw in enumerate(body.get("targets") or []):
        _add_target(lb, target_of(state, lb, raw, f"targets[{i}]"))
    state.resources["load_balancers"][ident] = lb
    refresh_targets(state)
    return 201, {"load_balancer": lb, "action": state.start_action("create_load_balancer",
                                                                   [("load_balancers", ident)])}


def load_balancer_action(state: SimState, lb: Payload, command: str, body: Payload) -> Payload:
    ident = lb["id"]
    if command == "add_target":
        _add_target(lb, target_of(state, lb, body, "target"))
        refresh_targets(state)
        return {"action": state.start_action("add_target", [("load_balancers", ident)])}
    if command == "remove_target":
        lb["targets"] = [t for t in lb["targets"] if t.get(t["type"]) != body.get(body.get("type", ""))]
        return {"action": state.start_action("remove_target", [("load_balancers", ident)])}
    if command == "add_service":
        _add_service(lb, service_of(body, "service"))
        return {"action": state.start_action("add_service", [("load_balancers", ident)])}
    if command == "change_type":
        new_type = by_name_or_id(LB_TYPES, body.get("load_balancer_type"), "load_balancer_type")
        if len(lb["services"]) > new_type["max_services"] or len(lb["targets"]) > new_type["max_targets"]:
            raise SimError(422, "invalid_load_balancer_type", f"{new_type['name']} allows fewer "
                           "services or targets than the load balancer has")
        return {"action": state.start_action("change_load_balancer_type", [("load_balancers", ident)],
                                             [("load_balancers", ident, "load_balancer_type", new_type)])}
    raise SimError(404, "not_found", f"load balancer action {command!r} not found")
