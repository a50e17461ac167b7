"""Hetzner's shapes (SDK objects and ``/pricing``) in the words of the cloud port."""

from __future__ import annotations

import ipaddress
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from app.services.cloud_ports import CloudResource, LocationPrices, Price, ResourceKind


def _name(value: Any) -> str | None:
    return getattr(value, "name", None) if value is not None else None


def _protected(obj: Any) -> bool:
    protection = getattr(obj, "protection", None) or {}
    return bool(protection.get("delete")) if isinstance(protection, dict) else False


def _rule(rule: Any) -> dict[str, Any]:
    addresses = rule.source_ips if rule.direction == "in" else rule.destination_ips
    return {"direction": rule.direction, "protocol": rule.protocol, "port": rule.port,
            "addresses": list(addresses or [])}


def _server_ipv6(public: Any) -> str | None:
    """A server's public IPv6 address: Hetzner gives it a /64 and configures its first
    address (``<prefix>::1``) on the server."""
    ipv6 = public.ipv6 if public is not None else None
    if ipv6 is None or not ipv6.ip:
        return None
    network = ipaddress.ip_network(str(ipv6.ip), strict=False)
    return str(network.network_address + 1) if network.prefixlen < 128 else str(network.network_address)


def resource(kind: ResourceKind, obj: Any) -> CloudResource:
    """A bound SDK object as a CloudResource of ``kind``."""
    attributes: dict[str, Any] = {"protected": _protected(obj)}
    location = _name(getattr(obj, "location", None))
    if kind is ResourceKind.SSH_KEY:
        attributes.update(public_key=obj.public_key, fingerprint=obj.fingerprint)
    elif kind is ResourceKind.NETWORK:
        attributes.update(ip_range=obj.ip_range, subnets=[
            {"ip_range": s.ip_range, "zone": s.network_zone} for s in obj.subnets or []])
    elif kind is ResourceKind.FIREWALL:
        attributes.update(rules=[_rule(r) for r in obj.rules or []],
                          applied_to=[a.server.id for a in obj.applied_to or [] if a.server is not None])
    elif kind is ResourceKind.SERVER:
        ipv4 = obj.public_net.ipv4 if obj.public_net is not None else None
        attributes.update(server_type=_name(obj.server_type), image=_name(obj.image),
                          status=obj.status, address=ipv4.ip if ipv4 is not None else None,
                          address_v6=_server_ipv6(obj.public_net),
                          networks=[str(p.network.id) for p in obj.private_net or []],
                          private_addresses={str(p.network.id): p.ip for p in obj.private_net or []},
                          volumes=[str(v.id) for v in obj.volumes or []],
                          backups=obj.backup_window is not None,
                          # bytes since the billing period began (None: not reported)
                          outgoing_traffic=obj.outgoing_traffic,
                          ingoing_traffic=obj.ingoing_traffic)
    elif kind is ResourceKind.VOLUME:
        attributes.update(size_gb=obj.size, status=obj.status, format=obj.format,
                          server=str(obj.server.id) if obj.server is not None else None)
    elif kind is ResourceKind.PRIMARY_IP:
        attributes.update(ip_type=obj.type, address=obj.ip, auto_delete=obj.auto_delete,
                          assignee=str(obj.assignee_id) if obj.assignee_id is not None else None)
    elif kind is ResourceKind.LOAD_BALANCER:
        public = obj.public_net
        attributes.update(type=_name(obj.load_balancer_type),
                          algorithm=obj.algorithm.type if obj.algorithm is not None else None,
                          address=public.ipv4.ip if public is not None and public.ipv4 else None,
                          address_v6=public.ipv6.ip if public is not None and public.ipv6 else None,
                          targets=next((t.label_selector.selector for t in obj.targets or []
                                        if t.type == "label_selector" and t.label_selector), None),
                          services=[{"protocol": s.protocol, "listen_port": s.listen_port,
                                     "destination_port": s.destination_port}
                                    for s in obj.services or []])
    return CloudResource(kind, str(obj.id), obj.name, dict(obj.labels or {}), location, attributes)


def _money(currency: str, entry: Mapping[str, Any], hourly: bool = True) -> Price:
    monthly = entry["price_monthly"]
    per_hour = entry.get("price_hourly") if hourly else None
    return Price(currency, Decimal(monthly["net"]), Decimal(monthly["gross"]),
                 Decimal(per_hour["net"]) if per_hour else None,
                 Decimal(per_hour["gross"]) if per_hour else None)


def _at(prices: list[Mapping[str, Any]], location: str) -> Mapping[str, Any] | None:
    return next((p for p in prices if p.get("location") == location), None)


def location_prices(pricing: Mapping[str, Any], location: str) -> LocationPrices:
    """``GET /pricing`` narrowed to one location (types not sold there are left out)."""
    currency = str(pricing["currency"])

    def per_type(entries: list[Mapping[str, Any]]) -> dict[str, Price]:
        found = {}
        for entry in entries:
            here = _at(entry["prices"], location)
            if here is not None:
                found[str(entry["name"])] = _money(currency, here)
        return found

    ipv4 = next(e for e in pricing["primary_ips"] if e["type"] == "ipv4")
    ip_here = _at(ipv4["prices"], location)
    if ip_here is None:
        raise KeyError(location)
    volume = pricing["volume"]["price_per_gb_month"]
    return LocationPrices(
        location=location, currency=currency, vat_rate=Decimal(pricing["vat_rate"]),
        server_types=per_type(pricing["server_types"]),
        load_balancer_types=per_type(pricing["load_balancer_types"]),
        primary_ipv4=_money(currency, ip_here),
        volume_per_gb=Price(currency, Decimal(volume["net"]), Decimal(volume["gross"])),
        backup_percentage=Decimal(pricing["server_backup"]["percentage"]),
    )
