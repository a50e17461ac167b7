"""Hetzner Cloud's price list (the body of ``GET /pricing``) and how Hetzner bills it.

Servers, load balancers and primary IPs are billed by the hour: a started hour counts whole
(1.5 hours are two), and a month never costs more than its monthly price (800 hours of a
server cost the monthly price). Volumes are priced per GB and month and billed the same
way, their hourly price being the monthly one spread over the 730 hours of an average month.
Traffic beyond what a server or load balancer includes is billed per TB, pro rata. Amounts
are net unless ``gross`` is asked for (with the VAT rate of the account's price list).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.costs.money import Money, MoneyError, currency_code, decimal_of

HOURS_PER_MONTH = Decimal(730)
TB = 1024**4


class HetznerPriceError(MoneyError):
    """The price list has no such price, or its shape is not Hetzner's."""


class TypeNotListedError(HetznerPriceError):
    def __init__(self, what: str, name: str, location: str) -> None:
        super().__init__(f"Hetzner's price list has no {what} {name!r} in {location!r}")
        self.what, self.name, self.location = what, name, location


class HetznerKind(StrEnum):
    SERVER = "server"  # name: the server type (cx22), quantity: hours
    LOAD_BALANCER = "load_balancer"  # name: the type (lb11), quantity: hours
    PRIMARY_IP = "primary_ip"  # name: ipv4 or ipv6, quantity: hours
    VOLUME = "volume"  # size_gb, quantity: hours
    TRAFFIC = "traffic"  # name: the server or load balancer type, quantity: TB over the included


@dataclass(frozen=True)
class HourlyRate:
    hourly: Money
    monthly: Money

    def bill(self, hours: Decimal | int) -> Money:
        """``hours`` of use in one month: started hours whole, capped at the monthly price."""
        amount = decimal_of(hours, "hours")
        if amount < 0:
            raise HetznerPriceError(f"hours: {hours} is below zero")
        used = self.hourly.times(math.ceil(amount))
        return used if used <= self.monthly else self.monthly


@dataclass(frozen=True)
class TypePrice:
    net: HourlyRate
    gross: HourlyRate
    included_traffic: int  # bytes a month
    per_tb_net: Money
    per_tb_gross: Money


@dataclass(frozen=True)
class HetznerPrices:
    currency: str
    vat_rate: Decimal
    server_types: Mapping[tuple[str, str], TypePrice]  # (type, location)
    load_balancer_types: Mapping[tuple[str, str], TypePrice]
    primary_ips: Mapping[tuple[str, str], tuple[HourlyRate, HourlyRate]]  # (ipv4|ipv6, location)
    volume_gb_month: tuple[Money, Money]  # net, gross
    backup_percentage: Decimal

    def _type(self, kind: HetznerKind, name: str, location: str) -> TypePrice:
        table = self.server_types if kind is HetznerKind.SERVER else self.load_balancer_types
        found = table.get((name, location))
        if found is None:
            what = "server type" if kind is HetznerKind.SERVER else "load balancer type"
            raise TypeNotListedError(what, name, location)
        return found

    def type_price(self, name: str, location: str) -> TypePrice:
        """A server type's price, else a load balancer type's (for traffic)."""
        if (name, location) in self.server_types:
            return self.server_types[(name, location)]
        if (name, location) in self.load_balancer_types:
            return self.load_balancer_types[(name, location)]
        raise TypeNotListedError("server or load balancer type", name, location)

    def rate(self, kind: HetznerKind, name: str = "", location: str = "", size_gb: int = 0,
             gross: bool = False) -> HourlyRate:
        if kind in (HetznerKind.SERVER, HetznerKind.LOAD_BALANCER):
            price = self._type(kind, name, location)
            return price.gross if gross else price.net
        if kind is HetznerKind.PRIMARY_IP:
            found = self.primary_ips.get((name, location))
            if found is None:
                raise HetznerPriceError(f"Hetzner's price list has no primary IP {name!r} in "
                                        f"{location!r} (ipv4 or ipv6)")
            return found[1] if gross else found[0]
        if kind is HetznerKind.VOLUME:
            if size_gb <= 0:
                raise HetznerPriceError(f"size_gb: a volume needs a size above zero, not {size_gb}")
            monthly = self.volume_gb_month[1 if gross else 0].times(size_gb)
            return HourlyRate(Money(monthly.amount / HOURS_PER_MONTH, monthly.currency), monthly)
        raise HetznerPriceError(f"{kind.value} is not billed by the hour")

    def charge(self, kind: HetznerKind, quantity: Decimal | int, name: str = "",
               location: str = "", size_gb: int = 0, gross: bool = False) -> Money:
        """What ``quantity`` (hours, or TB of traffic over the included) costs in one month."""
        if kind is HetznerKind.TRAFFIC:
            amount = decimal_of(quantity, "traffic (TB)")
            if amount < 0:
                raise HetznerPriceError(f"traffic (TB): {quantity} is below zero")
            price = self.type_price(name, location)
            return (price.per_tb_gross if gross else price.per_tb_net).times(amount)
        return self.rate(kind, name, location, size_gb, gross).bill(quantity)


# ---------------------------------------------------------------- reading GET /pricing


def _field(data: Any, key: str, where: str) -> Any:
    if not isinstance(data, Mapping) or key not in data:
        raise HetznerPriceError(f"Hetzner's price list: {where}.{key} is missing")
    return data[key]


def _amounts(data: Any, currency: str, where: str) -> tuple[Money, Money]:
    try:
        return (Money(decimal_of(_field(data, "net", where), f"{where}.net"), currency),
                Money(decimal_of(_field(data, "gross", where), f"{where}.gross"), currency))
    except MoneyError as exc:
        raise HetznerPriceError(f"Hetzner's price list: {exc}") from None


def _hourly(entry: Any, currency: str, where: str) -> tuple[HourlyRate, HourlyRate]:
    h_net, h_gross = _amounts(_field(entry, "price_hourly", where), currency, f"{where}.price_hourly")
    m_net, m_gross = _amounts(_field(entry, "price_monthly", where), currency,
                              f"{where}.price_monthly")
    return HourlyRate(h_net, m_net), HourlyRate(h_gross, m_gross)


def _types(entries: Any, currency: str, where: str) -> dict[tuple[str, str], TypePrice]:
    table: dict[tuple[str, str], TypePrice] = {}
    for i, entry in enumerate(entries or []):
        name = str(_field(entry, "name", f"{where}[{i}]"))
        for j, price in enumerate(_field(entry, "prices", f"{where}[{i}]")):
            here = f"{where}[{i}].prices[{j}]"
            net, gross = _hourly(price, currency, here)
            tb_net, tb_gross = _amounts(_field(price, "price_per_tb_traffic", here), currency,
                                        f"{here}.price_per_tb_traffic")
            table[(name, str(_field(price, "location", here)))] = TypePrice(
                net, gross, int(_field(price, "included_traffic", here) or 0), tb_net, tb_gross)
    return table


def parse_pricing(body: Mapping[str, Any]) -> HetznerPrices:
    """The ``pricing`` object of ``GET /pricing``; a missing field is named."""
    try:
        currency = currency_code(_field(body, "currency", "pricing"), "pricing.currency")
        vat = decimal_of(_field(body, "vat_rate", "pricing"), "pricing.vat_rate")
        backup = decimal_of(_field(_field(body, "server_backup", "pricing"), "percentage",
                                   "pricing.server_backup"), "pricing.server_backup.percentage")
    except MoneyError as exc:
        raise HetznerPriceError(f"Hetzner's price list: {exc}") from None
    ips: dict[tuple[str, str], tuple[HourlyRate, HourlyRate]] = {}
    for i, entry in enumerate(_field(body, "primary_ips", "pricing")):
        kind = str(_field(entry, "type", f"pricing.primary_ips[{i}]"))
        for j, price in enumerate(_field(entry, "prices", f"pricing.primary_ips[{i}]")):
            here = f"pricing.primary_ips[{i}].prices[{j}]"
            ips[(kind, str(_field(price, "location", here)))] = _hourly(price, currency, here)
    volume = _amounts(_field(_field(body, "volume", "pricing"), "price_per_gb_month",
                             "pricing.volume"), currency, "pricing.volume.price_per_gb_month")
    return HetznerPrices(
        currency, vat,
        _types(_field(body, "server_types", "pricing"), currency, "pricing.server_types"),
        _types(_field(body, "load_balancer_types", "pricing"), currency,
               "pricing.load_balancer_types"),
        ips, volume, backup)
