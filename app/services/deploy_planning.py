"""Planning an environment against the owner's cloud: the desired resources from the
blueprint and the owner's settings, the actual ones read by label selector through the
provider port, the plan between them and its price from the provider's list.

The provider reports resources with its own references (ids) and attribute names; they are
read back here into the provider-neutral resources of :mod:`app.domain.cloud` (names for
references), so the plan compares like with like. Planning reads only: it never calls a
mutating method of the provider.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from app.domain.cloud.model import EnvironmentSpec, Kind, Resource, desired_state, rule_key
from app.domain.cloud.plan import Plan, make_plan
from app.domain.cloud.pricing import HOURS_PER_MONTH, PlanCost, Price, PriceBook, Rate, plan_cost
from app.services.cloud_ports import CloudProvider, CloudResource, LocationPrices, ResourceKind

NEW_KEY = "(a new key, made when the plan is applied)"


def actual_state(provider: CloudProvider, spec: EnvironmentSpec) -> list[Resource]:
    """Every resource of every kind carrying the environment's labels, read back."""
    found: list[CloudResource] = []
    for kind in ResourceKind:
        found.extend(provider.list_by_labels(kind, spec.labels()))
    names = {(r.kind, r.id): r.name for r in found}
    return [read_back(r, names) for r in found]


def read_back(resource: CloudResource, names: Mapping[tuple[ResourceKind, str], str]) -> Resource:
    a = resource.attributes
    kind = Kind(resource.kind.value)
    spec: dict[str, Any]
    if kind is Kind.ssh_key:
        spec = {"public_key": a.get("public_key")}
    elif kind is Kind.network:
        subnet = (a.get("subnets") or [{}])[0]
        spec = {"ip_range": a.get("ip_range"), "subnet": subnet.get("ip_range"),
                "zone": subnet.get("zone")}
    elif kind is Kind.firewall:
        rules = [{"direction": r.get("direction"), "protocol": r.get("protocol"),
                  "port": r.get("port"), "source_ips": sorted(r.get("addresses") or [])}
                 for r in a.get("rules") or []]
        spec = {"rules": sorted(rules, key=rule_key)}
    elif kind is Kind.primary_ip:
        spec = {"type": a.get("ip_type"), "location": resource.location}
    elif kind is Kind.server:
        spec = {"server_type": a.get("server_type"), "location": resource.location,
                "image": a.get("image"), "backups": bool(a.get("backups"))}
    elif kind is Kind.volume:
        server = a.get("server")
        spec = {"size": a.get("size_gb"), "location": resource.location, "format": a.get("format"),
                "server": names.get((ResourceKind.SERVER, str(server))) if server else None}
    else:
        spec = {"type": a.get("type"), "location": resource.location}
    return Resource(kind, resource.name, dict(resource.labels), spec, id=resource.id,
                    protected=bool(a.get("protected")))


def price_book(prices: LocationPrices) -> PriceBook:
    """The provider's prices for one location as the domain's price book."""

    def rate(p: Any) -> Rate:
        monthly = Price(p.monthly_net, p.monthly_gross)
        if p.hourly_net is None or p.hourly_gross is None:
            return Rate(Price(monthly.net / HOURS_PER_MONTH, monthly.gross / HOURS_PER_MONTH), monthly)
        return Rate(Price(p.hourly_net, p.hourly_gross), monthly)

    where = prices.location
    return PriceBook(
        currency=prices.currency,
        server_types={(name, where): rate(p) for name, p in prices.server_types.items()},
        load_balancer_types={(name, where): rate(p) for name, p in prices.load_balancer_types.items()},
        primary_ipv4={where: rate(prices.primary_ipv4)},
        volume_gb_month=Price(prices.volume_per_gb.monthly_net, prices.volume_per_gb.monthly_gross),
        backup_percentage=prices.backup_percentage,
    )


@dataclass(frozen=True)
class PricedPlan:
    spec: EnvironmentSpec
    plan: Plan
    cost: PlanCost

    def to_json(self) -> dict[str, Any]:
        def money(p: Price) -> dict[str, str]:
            return {"net": str(p.rounded().net), "gross": str(p.rounded().gross)}

        cost = self.cost
        return {**self.plan.to_json(),
                "environment": {"platform": self.spec.platform, "environment": self.spec.environment,
                                "account": self.spec.account, "location": self.spec.location},
                "cost": {"currency": cost.currency,
                         "monthly": {"before": money(cost.before.monthly),
                                     "after": money(cost.after.monthly),
                                     "delta": money(cost.monthly_delta)},
                         "hourly": {"before": money(cost.before.hourly),
                                    "after": money(cost.after.hourly)}}}


def plan_environment(provider: CloudProvider, spec: EnvironmentSpec) -> PricedPlan:
    """Read what exists, plan towards ``spec`` and price it (read-only)."""
    if not spec.ssh_public_key:
        spec = replace(spec, ssh_public_key=NEW_KEY)
    desired = desired_state(spec)
    actual = actual_state(provider, spec)
    plan = make_plan(desired, actual)
    return PricedPlan(spec, plan, plan_cost(plan, price_book(provider.prices(spec.location))))
