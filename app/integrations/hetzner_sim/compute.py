"""Servers, volumes and primary IPs of the simulated account."""

from __future__ import annotations

import secrets
from typing import Any

from app.integrations.hetzner_sim.common import (
    SERVER_TYPES,
    by_name_or_id,
    datacenter_for,
    fake_ip,
    ids_of,
    image_for,
    int_in,
    labels_of,
    location_of,
    name_of,
)
from app.integrations.hetzner_sim.state import SimError, SimState, invalid

Payload = dict[str, Any]
BACKUP_WINDOW = "22-02"  # UTC hours the daily backup runs in, as the API reports it


def _primary_ip(state: SimState, name: str | None, ip_type: str, location: dict[str, Any],
                labels: dict[str, str], server_id: int | None, auto_delete: bool) -> Payload:
    ident = state.new_id()
    ip = {"id": ident, "name": name or f"primary_ip-{ident}", "type": ip_type,
          "ip": fake_ip(ident) if ip_type == "ipv4" else f"2001:db8:{ident:x}::/64",
          "dns_ptr": [], "blocked": False, "auto_delete": auto_delete, "labels": labels,
          "assignee_id": server_id, "assignee_type": "server", "created": state.now_text(),
          "datacenter": datacenter_for(location), "location": location,
          "protection": {"delete": False}}
    state.resources["primary_ips"][ident] = ip
    return ip


def create_server(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    assert name is not None
    if body.get("server_type") is None:
        raise invalid("server_type", "is required")
    if body.get("image") is None:
        raise invalid("image", "is required")
    server_type = by_name_or_id(SERVER_TYPES, body["server_type"], "server_type")
    location = location_of(body) or location_of({"location": "fsn1"})
    assert location is not None
    if location["name"] not in [loc["name"] for loc in server_type["locations"]]:
        raise SimError(422, "invalid_input", f"server type {server_type['name']} is not "
                       f"available in location {location['name']}",
                       {"fields": [{"name": "server_type", "messages": ["unavailable here"]}]})
    image = image_for(body["image"], server_type["architecture"])
    labels = labels_of(body) or {}
    user_data = body.get("user_data")
    if user_data is not None and (not isinstance(user_data, str) or len(user_data) > 32 * 1024):
        raise invalid("user_data", "must be text of at most 32 KiB")
    ssh_keys = ids_of(body, "ssh_keys", state, "ssh_keys")
    volumes = ids_of(body, "volumes", state, "volumes")
    networks = ids_of(body, "networks", state, "networks")
    firewalls: list[int] = []
    for entry in body.get("firewalls") or []:
        fw = entry.get("firewall") if isinstance(entry, dict) else None
        if not isinstance(fw, int) or fw not in state.resources["firewalls"]:
            raise invalid("firewalls", f"firewall {fw!r} does not exist")
        firewalls.append(fw)
    for vol in volumes:
        if state.resources["volumes"][vol]["server"] is not None:
            raise invalid("volumes", f"volume {vol} is attached to another server")
        if state.resources["volumes"][vol]["location"]["name"] != location["name"]:
            raise invalid("volumes", f"volume {vol} is in another location")
    state.check_unique_name("servers", name)
    public = body.get("public_net") or {}
    ident = state.new_id()
    ipv4 = None
    if public.get("ipv4") is not None:
        ipv4 = state.get("primary_ips", int(public["ipv4"])) if str(public["ipv4"]).isdigit() else None
        if ipv4 is None or ipv4["assignee_id"] is not None:
            raise invalid("public_net.ipv4", "must be the id of an unassigned primary IP")
        ipv4["assignee_id"] = ident
    elif public.get("enable_ipv4", True):
        ipv4 = _primary_ip(state, None, "ipv4", location, {}, ident, True)
    ipv6 = _primary_ip(state, None, "ipv6", location, {}, ident, True) if public.get(
        "enable_ipv6", True) else None
    server = {
        "id": ident, "name": name, "status": "initializing", "created": state.now_text(),
        "public_net": {
            "ipv4": {"id": ipv4["id"], "ip": ipv4["ip"], "blocked": False, "dns_ptr": ""} if ipv4 else None,
            "ipv6": {"id": ipv6["id"], "ip": ipv6["ip"], "blocked": False, "dns_ptr": []} if ipv6 else None,
            "floating_ips": [], "firewalls": [{"id": fw, "status": "applied"} for fw in firewalls]},
        "private_net": [], "server_type": server_type, "datacenter": datacenter_for(location),
        "location": location, "image": image, "iso": None, "rescue_enabled": False,
        "locked": False, "backup_window": None, "outgoing_traffic": 0, "ingoing_traffic": 0,
        "included_traffic": server_type["included_traffic"],
        "protection": {"delete": False, "rebuild": False}, "labels": labels, "volumes": volumes,
        "load_balancers": [], "primary_disk_size": server_type["disk"], "placement_group": None,
        # Kept for tests of the console (host keys arrive through cloud-init); never answered.
        "_user_data": user_data, "_ssh_keys": ssh_keys,
    }
    state.resources["servers"][ident] = server
    for vol in volumes:
        state.resources["volumes"][vol]["server"] = ident
    for net in networks:
        attach_network(state, server, net)
    for fw in firewalls:
        state.resources["firewalls"][fw]["applied_to"].append({"type": "server", "server": {"id": ident}})
    action = state.start_action("create_server", [("servers", ident)],
                                [("servers", ident, "status", "running")])
    start = state.start_action("start_server", [("servers", ident)])
    return 201, {"server": server, "action": action, "next_actions": [start],
                 "root_password": None if ssh_keys else secrets.token_urlsafe(12)}


def attach_network(state: SimState, server: Payload, network_id: int) -> None:
    network = state.get("networks", network_id)
    if any(p["network"] == network_id for p in server["private_net"]):
        raise SimError(422, "server_already_attached", "server is already attached to this network")
    host = len(network["servers"]) + 2
    base = network["ip_range"].split("/")[0].rsplit(".", 1)[0]
    server["private_net"].append({"network": network_id, "ip": f"{base}.{host}", "alias_ips": [],
                                  "mac_address": f"86:00:00:{network_id % 256:02x}:00:{host:02x}"})
    network["servers"].append(server["id"])


def delete_server(state: SimState, server: Payload) -> Payload:
    ident = server["id"]
    for ip in list(state.resources["primary_ips"].values()):
        if ip["assignee_id"] == ident:
            if ip["auto_delete"]:
                del state.resources["primary_ips"][ip["id"]]
            else:
                ip["assignee_id"] = None
    for vol in state.resources["volumes"].values():
        if vol["server"] == ident:
            vol["server"] = None
    for net in state.resources["networks"].values():
        net["servers"] = [s for s in net["servers"] if s != ident]
    for fw in state.resources["firewalls"].values():
        fw["applied_to"] = [a for a in fw["applied_to"] if a.get("server", {}).get("id") != ident]
    action = state.start_action("delete_server", [("servers", ident)])
    del state.resources["servers"][ident]
    return {"action": action}


def create_volume(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    assert name is not None
    size = int_in(body, "size", 10, 10240)
    server = state.get("servers", body["server"]) if body.get("server") is not None else None
    location = server["location"] if server else location_of(body)
    if location is None:
        raise invalid("location", "give a location or a server")
    if body.get("format") not in (None, "ext4", "xfs"):
        raise invalid("format", "must be ext4 or xfs")
    state.check_unique_name("volumes", name)
    ident = state.new_id()
    volume = {"id": ident, "name": name, "size": size, "server": server["id"] if server else None,
              "location": location, "linux_device": f"/dev/disk/by-id/scsi-0HC_Volume_{ident}",
              "protection": {"delete": False}, "labels": labels_of(body) or {},
              "status": "creating", "created": state.now_text(), "format": body.get("format")}
    state.resources["volumes"][ident] = volume
    if server:
        server["volumes"].append(ident)
    action = state.start_action("create_volume", [("volumes", ident)],
                                [("volumes", ident, "status", "available")])
    follow = [state.start_action("attach_volume", [("volumes", ident), ("servers", server["id"])])] if server else []
    return 201, {"volume": volume, "action": action, "next_actions": follow}


def create_primary_ip(state: SimState, body: Payload) -> tuple[int, Payload]:
    name = name_of(body)
    if body.get("type") not in ("ipv4", "ipv6"):
        raise invalid("type", "must be ipv4 or ipv6")
    if body.get("assignee_type", "server") != "server":
        raise invalid("assignee_type", "must be server")
    server = state.get("servers", body["assignee_id"]) if body.get("assignee_id") is not None else None
    location = server["location"] if server else location_of(body)
    if location is None:
        raise invalid("location", "give a location (or an assignee)")
    assert name is not None
    state.check_unique_name("primary_ips", name)
    ip = _primary_ip(state, name, body["type"], location, labels_of(body) or {},
                     server["id"] if server else None, bool(body.get("auto_delete", False)))
    action = state.start_action("assign_primary_ip", [("primary_ips", ip["id"]), ("servers", server["id"])]) if server else None
    return 201, {"primary_ip": ip, "action": action}


def server_action(state: SimState, server: Payload, command: str, body: Payload) -> Payload:
    ident = server["id"]
    status = {"poweron": "running", "poweroff": "off", "shutdown": "off", "reboot": "running",
              "reset": "running"}
    if command in status:
        return {"action": state.start_action(f"{command}_server" if command != "poweron" else "start_server",
                                             [("servers", ident)],
                                             [("servers", ident, "status", status[command])])}
    if command == "change_type":
        return {"action": _change_type(state, server, body)}
    if command in ("enable_backup", "disable_backup"):
        window = BACKUP_WINDOW if command == "enable_backup" else None
        return {"action": state.start_action(command, [("servers", ident)],
                                             [("servers", ident, "backup_window", window)])}
    if command == "attach_to_network":
        attach_network(state, server, int(body.get("network", 0)))
        return {"action": state.start_action("attach_to_network", [("servers", ident),
                                                                   ("networks", int(body["network"]))])}
    if command == "detach_from_network":
        net = state.get("networks", int(body.get("network", 0)))
        server["private_net"] = [p for p in server["private_net"] if p["network"] != net["id"]]
        net["servers"] = [s for s in net["servers"] if s != ident]
        return {"action": state.start_action("detach_from_network", [("servers", ident), ("networks", net["id"])])}
    raise SimError(404, "not_found", f"server action {command!r} not found")


def _change_type(state: SimState, server: Payload, body: Payload) -> dict[str, Any]:
    new_type = by_name_or_id(SERVER_TYPES, body.get("server_type"), "server_type")
    upgrade = body.get("upgrade_disk")
    if not isinstance(upgrade, bool):
        raise invalid("upgrade_disk", "must be true or false")
    if server["status"] != "off":
        raise SimError(422, "server_not_stopped", "the server must be powered off to change its type")
    old_type = server["server_type"]
    if (new_type["architecture"], new_type["storage_type"]) != (old_type["architecture"],
                                                                old_type["storage_type"]) \
            or new_type["disk"] < server["primary_disk_size"]:
        raise SimError(422, "invalid_server_type", f"server type {new_type['name']} does not fit "
                       f"server {server['id']} (its disk is {server['primary_disk_size']} GB)")
    effects: list[tuple[str, int, str, Any]] = [("servers", server["id"], "server_type", new_type)]
    if upgrade:
        effects.append(("servers", server["id"], "primary_disk_size", new_type["disk"]))
    return state.start_action("change_server_type", [("servers", server["id"])], effects)


def volume_action(state: SimState, volume: Payload, command: str, body: Payload) -> Payload:
    ident = volume["id"]
    if command == "attach":
        server = state.get("servers", body.get("server"))
        if volume["server"] is not None:
            raise SimError(422, "volume_already_attached", "volume is already attached")
        volume["server"] = server["id"]
        server["volumes"].append(ident)
        return {"action": state.start_action("attach_volume", [("volumes", ident), ("servers", server["id"])])}
    if command == "detach":
        for server in state.resources["servers"].values():
            server["volumes"] = [v for v in server["volumes"] if v != ident]
        volume["server"] = None
        return {"action": state.start_action("detach_volume", [("volumes", ident)])}
    if command == "resize":
        size = int_in(body, "size", volume["size"], 10240)
        return {"action": state.start_action("resize_volume", [("volumes", ident)],
                                             [("volumes", ident, "size", size)])}
    raise SimError(404, "not_found", f"volume action {command!r} not found")


def primary_ip_action(state: SimState, ip: Payload, command: str, body: Payload) -> Payload:
    if command == "assign":
        server = state.get("servers", body.get("assignee_id"))
        if ip["assignee_id"] is not None:
            raise SimError(422, "primary_ip_already_assigned", "primary IP is already assigned")
        ip["assignee_id"] = server["id"]
        return {"action": state.start_action("assign_primary_ip", [("primary_ips", ip["id"]), ("servers", server["id"])])}
    if command == "unassign":
        ip["assignee_id"] = None
        return {"action": state.start_action("unassign_primary_ip", [("primary_ips", ip["id"])])}
    raise SimError(404, "not_found", f"primary IP action {command!r} not found")
