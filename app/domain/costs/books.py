"""The workspace's price books on a day, and the one question the usage ledger, budgets and
the Costs pane ask of them: what does this quantity of this resource cost on this day, in
this currency?

Books are dated: a Hetzner price list is in force from the day it was synced until the next
sync, the owner's price models from the day they were defined; Anthropic's prices and the
exchange rates carry their own dates. A day before every book is an error naming it, never
a guess.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TypeVar

from app.domain.costs.anthropic import ModelPrices, TokenKind
from app.domain.costs.hetzner import HetznerKind, HetznerPrices
from app.domain.costs.money import ExchangeRates, Money, MoneyError, currency_code, decimal_of
from app.domain.costs.pricing import PriceModel

PROVIDERS = ("hetzner", "anthropic", "owner")
T = TypeVar("T")


class PriceBookError(MoneyError):
    pass


class NotInForceError(PriceBookError):
    """No book of a kind is in force on a day (``first``: the first one's day, if any)."""

    def __init__(self, what: str, on: date, first: date | None) -> None:
        since = f" (the first is from {first.isoformat()})" if first else " (there are none yet)"
        super().__init__(f"no {what} is in force on {on.isoformat()}{since}")
        self.what, self.on, self.first = what, on, first


@dataclass(frozen=True)
class Resource:
    """What is priced:

    - ``hetzner``: ``kind`` a :class:`HetznerKind` (quantity in hours, traffic in TB over the
      included), ``name`` the server / load balancer type or ipv4 / ipv6, ``location``, and
      ``size_gb`` for a volume;
    - ``anthropic``: ``kind`` a :class:`TokenKind` (quantity in tokens), ``name`` the model;
    - ``owner``: ``name`` the owner's price model, ``country`` the tenant's (quantity in the
      model's unit).
    """

    provider: str
    kind: str = ""
    name: str = ""
    location: str = ""
    size_gb: int = 0
    country: str | None = None


def in_force(dated: Sequence[tuple[date, T]], on: date, what: str) -> T:
    """The latest item dated on or before ``on``."""
    best: tuple[date, T] | None = None
    for effective, item in dated:
        if effective <= on and (best is None or effective >= best[0]):
            best = (effective, item)
    if best is None:
        raise NotInForceError(what, on, min((d for d, _ in dated), default=None))
    return best[1]


@dataclass(frozen=True)
class PriceBooks:
    hetzner: Sequence[tuple[date, HetznerPrices]]
    anthropic: ModelPrices
    owner: Sequence[tuple[date, Mapping[str, PriceModel]]]
    rates: ExchangeRates

    def hetzner_on(self, on: date) -> HetznerPrices:
        return in_force(self.hetzner, on, "Hetzner price list")

    def owner_on(self, on: date) -> Mapping[str, PriceModel]:
        return in_force(self.owner, on, "set of the owner's price models")

    def native(self, resource: Resource, quantity: Decimal | int, on: date,
               gross: bool = False) -> Money:
        """The cost in the price book's own currency, exact."""
        quantity = decimal_of(quantity, "quantity")
        if quantity < 0:
            raise PriceBookError(f"quantity: {quantity} is below zero")
        if resource.provider == "hetzner":
            try:
                kind = HetznerKind(resource.kind)
            except ValueError:
                raise PriceBookError(f"kind: {resource.kind!r} is not a Hetzner resource kind "
                                     f"({', '.join(k.value for k in HetznerKind)})") from None
            return self.hetzner_on(on).charge(kind, quantity, resource.name, resource.location,
                                              resource.size_gb, gross)
        if resource.provider == "anthropic":
            try:
                tokens = TokenKind(resource.kind)
            except ValueError:
                raise PriceBookError(f"kind: {resource.kind!r} is not a token kind "
                                     f"({', '.join(k.value for k in TokenKind)})") from None
            return self.anthropic.charge(resource.name, tokens, quantity, on)
        if resource.provider == "owner":
            models = self.owner_on(on)
            if resource.name not in models:
                raise PriceBookError(f"the owner has no price model {resource.name!r} in force on "
                                     f"{on.isoformat()} (known: {', '.join(sorted(models)) or 'none'})")
            return models[resource.name].charge(quantity, resource.country)
        raise PriceBookError(f"provider: {resource.provider!r} is not one of {', '.join(PROVIDERS)}")

    def price(self, resource: Resource, quantity: Decimal | int, on: date, currency: str,
              gross: bool = False) -> Money:
        """What ``quantity`` of ``resource`` costs on ``on``, in ``currency`` at the owner's
        rate of that day, rounded to the currency's minor units."""
        target = currency_code(currency)
        return self.rates.convert(self.native(resource, quantity, on, gross), target, on).rounded()
