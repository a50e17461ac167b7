"""What an environment costs, from the provider's own price list (Hetzner's ``/pricing``,
read by the provider adapter and handed over as a :class:`PriceBook`).

Rules, as Hetzner bills: a resource is billed by the hour, a started hour counts whole, and
a month never costs more than the monthly price. Backups add a percentage of the server's
price. Volumes are priced per GB and month (their hourly price is the monthly one spread
over the 730 hours of an average month). SSH keys, networks and firewalls cost nothing.
Amounts are Decimals in the price list's currency, net and gross (with the owner's VAT).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.domain.cloud.model import Kind, Resource
from app.domain.cloud.plan import Plan

HOURS_PER_MONTH = Decimal(730)
CENT = Decimal("0.01")


class PricingError(ValueError):
    """A price the list does not have (a server type not sold at a location)."""


@dataclass(frozen=True)
class Price:
    net: Decimal
    gross: Decimal

    def __add__(self, other: Price) -> Price:
        return Price(self.net + other.net, self.gross + other.gross)

    def __sub__(self, other: Price) -> Price:
        return Price(self.net - other.net, self.gross - other.gross)

    def times(self, factor: Decimal | int) -> Price:
        return Price(self.net * factor, self.gross * factor)

    def rounded(self) -> Price:
        return Price(self.net.quantize(CENT, ROUND_HALF_UP), self.gross.quantize(CENT, ROUND_HALF_UP))


ZERO = Price(Decimal(0), Decimal(0))


@dataclass(frozen=True)
class Rate:
    hourly: Price
    monthly: Price


@dataclass(frozen=True)
class PriceBook:
    currency: str
    server_types: Mapping[tuple[str, str], Rate]  # (server type, location)
    load_balancer_types: Mapping[tuple[str, str], Rate]
    primary_ipv4: Mapping[str, Rate]  # location
    volume_gb_month: Price
    backup_percentage: Decimal

    def rate_of(self, resource: Resource) -> Rate | None:
        spec = resource.spec
        if resource.kind is Kind.server:
            key = (str(spec["server_type"]), str(spec["location"]))
            base = self._find(self.server_types, key, "server type")
            if spec.get("backups"):
                factor = 1 + self.backup_percentage / 100
                return Rate(base.hourly.times(factor), base.monthly.times(factor))
            return base
        if resource.kind is Kind.load_balancer:
            return self._find(self.load_balancer_types, (str(spec["type"]), str(spec["location"])),
                              "load balancer type")
        if resource.kind is Kind.primary_ip:
            location = str(spec["location"])
            if location not in self.primary_ipv4:
                raise PricingError(f"no price for a primary IPv4 in {location}")
            return self.primary_ipv4[location]
        if resource.kind is Kind.volume:
            monthly = self.volume_gb_month.times(int(spec["size"]))
            return Rate(Price(monthly.net / HOURS_PER_MONTH, monthly.gross / HOURS_PER_MONTH), monthly)
        return None  # keys, networks and firewalls are free

    @staticmethod
    def _find(table: Mapping[tuple[str, str], Rate], key: tuple[str, str], what: str) -> Rate:
        if key not in table:
            raise PricingError(f"the price list has no {what} {key[0]} in {key[1]}")
        return table[key]


def bill(rate: Rate, hours: float) -> Price:
    """What ``hours`` of use cost: started hours count whole, capped at the monthly price."""
    whole = max(math.ceil(hours), 0)
    used = rate.hourly.times(whole)
    return Price(min(used.net, rate.monthly.net), min(used.gross, rate.monthly.gross))


@dataclass(frozen=True)
class Cost:
    hourly: Price
    monthly: Price


def state_cost(resources: Iterable[Resource], book: PriceBook) -> Cost:
    hourly, monthly = ZERO, ZERO
    for resource in resources:
        rate = book.rate_of(resource)
        if rate is not None:
            hourly, monthly = hourly + rate.hourly, monthly + rate.monthly
    return Cost(hourly, monthly)


@dataclass(frozen=True)
class PlanCost:
    currency: str
    before: Cost
    after: Cost

    @property
    def monthly_delta(self) -> Price:
        return self.after.monthly - self.before.monthly


def plan_cost(plan: Plan, book: PriceBook) -> PlanCost:
    """The environment's cost as it is and as the plan leaves it."""
    return PlanCost(book.currency, state_cost(plan.actual, book), state_cost(plan.desired, book))
