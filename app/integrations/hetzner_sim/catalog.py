"""What the simulated Hetzner Cloud sells: locations, data centres, server types with a price
per location, load balancer types, images and the price list of ``GET /pricing``.

The shapes follow the public API description (the community OpenAPI transform of Hetzner's
published spec, MIT, see NOTICE.md beside this file); the first two locations are those of
the official Python client's test fixtures (MIT). The prices are sample values in the range
Hetzner publishes, in EUR, net, VAT 19 % — a simulator's price list, not a quote.
"""

from __future__ import annotations

from decimal import ROUND_UP, Decimal
from typing import Any

CURRENCY = "EUR"
VAT_RATE = Decimal("19.00")
EU_TRAFFIC = 20 * 1024**4  # bytes included a month
US_TRAFFIC = 1 * 1024**4

# name, description, city, country, latitude, longitude, network zone
LOCATIONS: list[tuple[str, str, str, str, float, float, str]] = [
    ("fsn1", "Falkenstein DC Park 1", "Falkenstein", "DE", 50.47612, 12.370071, "eu-central"),
    ("nbg1", "Nuremberg DC Park 1", "Nuremberg", "DE", 49.452102, 11.076665, "eu-central"),
    ("hel1", "Helsinki DC Park 1", "Helsinki", "FI", 60.169855, 24.938379, "eu-central"),
    ("ash", "Ashburn, VA", "Ashburn, VA", "US", 39.043757, -77.487442, "us-east"),
    ("hil", "Hillsboro, OR", "Hillsboro, OR", "US", 45.54222, -122.95133, "us-west"),
    ("sin", "Singapore", "Singapore", "SG", 1.283333, 103.833333, "ap-southeast"),
]
EU = ("fsn1", "nbg1", "hel1")
EVERYWHERE = tuple(loc[0] for loc in LOCATIONS)
# Outside the EU a server costs more and includes less traffic.
SURCHARGE = {"ash": Decimal("1.20"), "hil": Decimal("1.20"), "sin": Decimal("1.35")}

# name, cores, memory GB, disk GB, cpu type, architecture, category, monthly net EUR, where sold
SERVER_TYPES: list[tuple[str, int, float, int, str, str, str, str, tuple[str, ...]]] = [
    ("cx22", 2, 4.0, 40, "shared", "x86", "Shared vCPU", "3.79", EU),
    ("cx32", 4, 8.0, 80, "shared", "x86", "Shared vCPU", "6.80", EU),
    ("cx42", 8, 16.0, 160, "shared", "x86", "Shared vCPU", "16.40", EU),
    ("cpx11", 2, 2.0, 40, "shared", "x86", "Shared vCPU", "4.35", EVERYWHERE),
    ("cpx21", 3, 4.0, 80, "shared", "x86", "Shared vCPU", "7.55", EVERYWHERE),
    ("cpx31", 4, 8.0, 160, "shared", "x86", "Shared vCPU", "13.60", EVERYWHERE),
    ("cax11", 2, 4.0, 40, "shared", "arm", "Shared vCPU", "3.79", EU),
    ("ccx13", 2, 8.0, 80, "dedicated", "x86", "Dedicated vCPU", "12.49", EVERYWHERE),
]
# name, services, targets, connections, monthly net EUR
LOAD_BALANCER_TYPES: list[tuple[str, int, int, int, str]] = [
    ("lb11", 5, 25, 10_000, "5.39"),
    ("lb21", 15, 75, 20_000, "16.40"),
    ("lb31", 30, 150, 40_000, "32.90"),
]
# id, name, description, os flavor, os version, architecture
IMAGES: list[tuple[int, str, str, str, str, str]] = [
    (161547269, "ubuntu-24.04", "Ubuntu 24.04", "ubuntu", "24.04", "x86"),
    (161547270, "ubuntu-24.04", "Ubuntu 24.04", "ubuntu", "24.04", "arm"),
    (114690387, "debian-12", "Debian 12", "debian", "12", "x86"),
    (114690389, "debian-12", "Debian 12", "debian", "12", "arm"),
]
PRIMARY_IPV4_MONTHLY = Decimal("0.50")
VOLUME_GB_MONTHLY = Decimal("0.0440")
IMAGE_GB_MONTHLY = Decimal("0.0119")
FLOATING_IPV4_MONTHLY = Decimal("3.00")
TRAFFIC_TB = Decimal("1.00")
BACKUP_PERCENTAGE = "20.00"
HOURS_TO_CAP = 631  # a month's price is reached after this many started hours


def _money(net: Decimal) -> dict[str, str]:
    gross = net * (1 + VAT_RATE / 100)
    return {"net": f"{net:.10f}", "gross": f"{gross:.16f}"}


def _hourly(monthly: Decimal) -> Decimal:
    return (monthly / HOURS_TO_CAP).quantize(Decimal("0.0001"), rounding=ROUND_UP)


def price_per_time(location: str, monthly_net: Decimal, traffic: bool = True) -> dict[str, Any]:
    monthly = monthly_net * SURCHARGE.get(location, Decimal(1))
    price: dict[str, Any] = {"location": location, "price_hourly": _money(_hourly(monthly)),
                             "price_monthly": _money(monthly)}
    if traffic:
        price["included_traffic"] = EU_TRAFFIC if location in EU else US_TRAFFIC
        price["price_per_tb_traffic"] = _money(TRAFFIC_TB)
    return price


def locations() -> list[dict[str, Any]]:
    return [{"id": i, "name": n, "description": d, "city": c, "country": cc, "latitude": lat,
             "longitude": lon, "network_zone": z}
            for i, (n, d, c, cc, lat, lon, z) in enumerate(LOCATIONS, start=1)]


def datacenters() -> list[dict[str, Any]]:
    type_ids = {st[0]: i for i, st in enumerate(SERVER_TYPES, start=1)}
    result = []
    for loc in locations():
        here = [type_ids[st[0]] for st in SERVER_TYPES if loc["name"] in st[8]]
        result.append({"id": loc["id"], "name": f"{loc['name']}-dc{loc['id'] + 7}",
                       "description": f"{loc['city']} DC {loc['id'] + 7}", "location": loc,
                       "server_types": {"available": here, "available_for_migration": here,
                                        "supported": here}})
    return result


def server_types() -> list[dict[str, Any]]:
    ids = {loc["name"]: loc["id"] for loc in locations()}
    result = []
    for i, (name, cores, memory, disk, cpu, arch, category, monthly, where) in enumerate(
            SERVER_TYPES, start=1):
        result.append({
            "id": i, "name": name, "description": name.upper(), "category": category,
            "cores": cores, "memory": memory, "disk": disk, "storage_type": "local",
            "cpu_type": cpu, "architecture": arch, "deprecated": False, "deprecation": None,
            "included_traffic": EU_TRAFFIC,
            "prices": [price_per_time(loc, Decimal(monthly)) for loc in where],
            "locations": [{"id": ids[loc], "name": loc, "deprecation": None, "available": True,
                           "recommended": loc == where[0]} for loc in where],
        })
    return result


def load_balancer_types() -> list[dict[str, Any]]:
    return [{"id": i, "name": name, "description": name.upper(), "max_services": services,
             "max_targets": targets, "max_connections": connections, "max_assigned_certificates": 10,
             "deprecated": None,
             "prices": [price_per_time(loc, Decimal(monthly)) for loc in EVERYWHERE]}
            for i, (name, services, targets, connections, monthly) in enumerate(
                LOAD_BALANCER_TYPES, start=1)]


def images() -> list[dict[str, Any]]:
    return [{"id": i, "type": "system", "status": "available", "name": name,
             "description": description, "image_size": None, "disk_size": 5,
             "created": "2024-04-25T00:00:00+00:00", "created_from": None, "bound_to": None,
             "os_flavor": flavor, "os_version": version, "architecture": arch,
             "rapid_deploy": True, "protection": {"delete": False}, "deprecated": None,
             "deleted": None, "labels": {}}
            for i, name, description, flavor, version, arch in IMAGES]


def pricing() -> dict[str, Any]:
    """The body of ``GET /pricing``."""
    return {
        "currency": CURRENCY,
        "vat_rate": f"{VAT_RATE:.2f}",
        "image": {"price_per_gb_month": _money(IMAGE_GB_MONTHLY)},
        "volume": {"price_per_gb_month": _money(VOLUME_GB_MONTHLY)},
        "server_backup": {"percentage": BACKUP_PERCENTAGE},
        "floating_ip": {"price_monthly": _money(FLOATING_IPV4_MONTHLY)},
        "floating_ips": [{"type": "ipv4", "prices": [
            {"location": loc, "price_monthly": _money(FLOATING_IPV4_MONTHLY)} for loc in EVERYWHERE]}],
        "primary_ips": [
            {"type": "ipv4", "prices": [price_per_time(loc, PRIMARY_IPV4_MONTHLY, traffic=False)
                                        for loc in EVERYWHERE]},
            {"type": "ipv6", "prices": [price_per_time(loc, Decimal(0), traffic=False)
                                        for loc in EVERYWHERE]},
        ],
        "server_types": [{"id": st["id"], "name": st["name"], "prices": st["prices"]}
                         for st in server_types()],
        "load_balancer_types": [{"id": lb["id"], "name": lb["name"], "prices": lb["prices"]}
                                for lb in load_balancer_types()],
    }
