"""Reading request bodies and the catalogue the way the API does: every problem is a 422
``invalid_input`` naming the field."""

from __future__ import annotations

import ipaddress
import re
from typing import Any

from app.integrations.hetzner_sim import catalog
from app.integrations.hetzner_sim.labels import label_problem
from app.integrations.hetzner_sim.state import SimError, SimState, invalid

_NAME = re.compile(r"^[a-zA-Z0-9]([a-zA-Z0-9._-]{0,61}[a-zA-Z0-9])?$")
LOCATIONS = {loc["name"]: loc for loc in catalog.locations()}
DATACENTERS = {dc["name"]: dc for dc in catalog.datacenters()}
SERVER_TYPES = {st["name"]: st for st in catalog.server_types()}
LB_TYPES = {lb["name"]: lb for lb in catalog.load_balancer_types()}
IMAGES = catalog.images()


def body_object(body: Any) -> dict[str, Any]:
    if not isinstance(body, dict):
        raise SimError(400, "json_error", "the request body must be a JSON object")
    return body


def name_of(body: dict[str, Any], required: bool = True) -> str | None:
    name = body.get("name")
    if name is None and not required:
        return None
    if not isinstance(name, str) or not name:
        raise invalid("name", "is required" if name is None else "must be a string")
    if not _NAME.match(name):
        raise invalid("name", "may hold letters, digits, '.', '_' and '-' (at most 63)")
    return name


def labels_of(body: dict[str, Any]) -> dict[str, str] | None:
    if "labels" not in body or body["labels"] is None:
        return None
    problem = label_problem(body["labels"])
    if problem:
        raise invalid("labels", problem)
    return dict(body["labels"])


def by_name_or_id(table: dict[str, dict[str, Any]], value: Any, field_name: str) -> dict[str, Any]:
    for item in table.values():
        if value in (item["name"], item["id"]) or (isinstance(value, str) and value == str(item["id"])):
            return item
    raise invalid(field_name, f"{value!r} does not exist")


def location_of(body: dict[str, Any], required: bool = False) -> dict[str, Any] | None:
    if body.get("location") is not None:
        return by_name_or_id(LOCATIONS, body["location"], "location")
    if body.get("datacenter") is not None:
        return dict(by_name_or_id(DATACENTERS, body["datacenter"], "datacenter")["location"])
    if required:
        raise invalid("location", "is required")
    return None


def datacenter_for(location: dict[str, Any]) -> dict[str, Any]:
    return next(dc for dc in DATACENTERS.values() if dc["location"]["name"] == location["name"])


def image_for(value: Any, architecture: str) -> dict[str, Any]:
    for image in IMAGES:
        if value == image["id"] or (value == image["name"] and image["architecture"] == architecture):
            return image
    raise invalid("image", f"{value!r} does not exist for architecture {architecture}")


def ids_of(body: dict[str, Any], field_name: str, state: SimState, kind: str) -> list[int]:
    values = body.get(field_name) or []
    if not isinstance(values, list):
        raise invalid(field_name, "must be a list")
    result = []
    for value in values:
        found = next((r for r in state.resources[kind].values()
                      if value in (r["id"], r.get("name"))), None)
        if found is None:
            raise invalid(field_name, f"{value!r} does not exist")
        result.append(found["id"])
    return result


def int_in(body: dict[str, Any], field_name: str, low: int, high: int, required: bool = True) -> int | None:
    value = body.get(field_name)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not low <= value <= high:
        raise invalid(field_name, f"must be a whole number from {low} to {high}")
    return value


def network_range(value: Any, field_name: str) -> str:
    try:
        network = ipaddress.ip_network(value, strict=True)
    except (TypeError, ValueError):
        raise invalid(field_name, f"{value!r} is not a network in CIDR notation") from None
    if not network.is_private or network.version != 4:
        raise invalid(field_name, "must be a private IPv4 range (RFC 1918)")
    return str(network)


def fake_ip(ident: int) -> str:
    """A documentation address (TEST-NET-3) per resource id: never a real host."""
    return f"203.0.113.{ident % 250 + 1}"


def protection_of(body: dict[str, Any], keys: tuple[str, ...]) -> dict[str, bool]:
    result = {}
    for key in keys:
        if key in body:
            if not isinstance(body[key], bool):
                raise invalid(key, "must be true or false")
            result[key] = body[key]
    if not result:
        raise invalid(keys[0], "is required")
    return result
