"""Price models: how a quantity of something is charged, in the owner's own price books
(what the owner charges tenants) and in the providers' (what the owner is charged).

Four rules:

- ``flat``: one amount for the period, whatever the quantity;
- ``per_unit``: the quantity times a unit price;
- ``tiered`` (graduated): each tier's units at that tier's price, like income tax bands —
  150 units over tiers "up to 100 at 1.00, then 0.50" cost 100 × 1.00 + 50 × 0.50;
- ``volume``: every unit at the price of the tier the quantity reaches — the same 150
  units cost 150 × 0.50.

A tier may add a flat fee when it is entered. Tiers must start at zero, follow each other
without a gap (each ``up_to`` above the last), and the last one must be open-ended
(``up_to`` empty), so every quantity has a price.

A model has one price per region: an entry without a country is the default, entries with
a country (ISO 3166 alpha-2) override it there, each in its own currency.

:func:`parse_models` reads the owner's document (YAML or JSON, already parsed) and names
the field of the first thing wrong, as ``models[1].prices[0].tiers[2].up_to: ...``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.costs.money import Money, MoneyError, currency_code, decimal_of


class PriceModelError(MoneyError):
    """A price model that cannot be used, or a quantity it cannot price."""


class Rule(StrEnum):
    FLAT = "flat"
    PER_UNIT = "per_unit"
    TIERED = "tiered"
    VOLUME = "volume"


@dataclass(frozen=True)
class Tier:
    up_to: Decimal | None  # None: open-ended (the last tier)
    unit_price: Decimal
    flat_fee: Decimal = Decimal(0)


@dataclass(frozen=True)
class RegionalPrice:
    """The model's price in one region (``country`` None: everywhere else)."""

    currency: str
    country: str | None = None
    amount: Decimal = Decimal(0)  # flat
    unit_price: Decimal = Decimal(0)  # per unit
    tiers: tuple[Tier, ...] = ()  # tiered and volume


@dataclass(frozen=True)
class PriceModel:
    name: str
    rule: Rule
    unit: str
    prices: tuple[RegionalPrice, ...] = field(default_factory=tuple)

    def regional(self, country: str | None = None) -> RegionalPrice:
        """The price for ``country``: its own entry, else the default one."""
        wanted = country.upper() if country else None
        default = None
        for price in self.prices:
            if price.country == wanted and wanted is not None:
                return price
            if price.country is None:
                default = price
        if default is None:
            where = f"in {wanted}" if wanted else "without a country"
            raise PriceModelError(f"price model {self.name!r} has no price {where} and no default "
                                  "price (an entry without a country)")
        return default

    def charge(self, quantity: Decimal | int, country: str | None = None) -> Money:
        """What ``quantity`` units cost (exact; round when shown or recorded)."""
        amount = decimal_of(quantity, f"quantity of {self.name}")
        if amount < 0:
            raise PriceModelError(f"quantity of {self.name}: {quantity} is below zero")
        price = self.regional(country)
        return Money(charge(self.rule, price, amount), price.currency)


def charge(rule: Rule, price: RegionalPrice, quantity: Decimal) -> Decimal:
    if rule is Rule.FLAT:
        return price.amount
    if rule is Rule.PER_UNIT:
        return price.unit_price * quantity
    if rule is Rule.VOLUME:
        if quantity == 0:
            return Decimal(0)
        for tier in price.tiers:
            if tier.up_to is None or quantity <= tier.up_to:
                return tier.unit_price * quantity + tier.flat_fee
        raise PriceModelError("the last tier must be open-ended")  # parse_models prevents it
    total, start = Decimal(0), Decimal(0)
    for tier in price.tiers:
        if quantity <= start:
            break
        end = quantity if tier.up_to is None else min(quantity, tier.up_to)
        total += (end - start) * tier.unit_price + tier.flat_fee
        if tier.up_to is None:
            break
        start = tier.up_to
    return total


# ---------------------------------------------------------------- reading the owner's document


def _need(data: Mapping[str, Any], key: str, where: str) -> Any:
    if key not in data or data[key] is None or data[key] == "":
        raise PriceModelError(f"{where}.{key}: missing")
    return data[key]


def _mapping(value: Any, where: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise PriceModelError(f"{where}: expected a mapping of fields, got {type(value).__name__}")
    return value


def _list(value: Any, where: str) -> Sequence[Any]:
    if not isinstance(value, list) or not value:
        raise PriceModelError(f"{where}: expected a non-empty list")
    return value


def _price(value: Any, where: str) -> Decimal:
    try:
        number = decimal_of(value, where)
    except MoneyError as exc:
        raise PriceModelError(str(exc)) from None
    if number < 0:
        raise PriceModelError(f"{where}: {value} is below zero")
    return number


def _unknown(data: Mapping[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(map(str, data)) - allowed)
    if extra:
        raise PriceModelError(f"{where}.{extra[0]}: not a field here (fields: "
                              f"{', '.join(sorted(allowed))})")


def parse_tiers(value: Any, where: str) -> tuple[Tier, ...]:
    tiers: list[Tier] = []
    items = _list(value, where)
    for i, raw in enumerate(items):
        here = f"{where}[{i}]"
        data = _mapping(raw, here)
        _unknown(data, {"up_to", "unit_price", "flat_fee"}, here)
        last = i == len(items) - 1
        up_to_raw = data.get("up_to")
        if up_to_raw is None:
            if not last:
                raise PriceModelError(f"{here}.up_to: only the last tier may be open-ended")
            up_to = None
        else:
            if last:
                raise PriceModelError(f"{here}.up_to: the last tier must be open-ended (leave "
                                      "up_to empty), so every quantity has a price")
            up_to = _price(up_to_raw, f"{here}.up_to")
            previous = tiers[-1].up_to if tiers else Decimal(0)
            if previous is not None and up_to <= previous:
                raise PriceModelError(f"{here}.up_to: {up_to} must be above the previous tier's "
                                      f"end ({previous})")
        tiers.append(Tier(up_to, _price(_need(data, "unit_price", here), f"{here}.unit_price"),
                          _price(data.get("flat_fee", 0), f"{here}.flat_fee")))
    return tuple(tiers)


_RULE_FIELDS = {Rule.FLAT: "amount", Rule.PER_UNIT: "unit_price", Rule.TIERED: "tiers",
                Rule.VOLUME: "tiers"}


def parse_regional(value: Any, rule: Rule, where: str) -> RegionalPrice:
    data = _mapping(value, where)
    wanted = _RULE_FIELDS[rule]
    _unknown(data, {"country", "currency", wanted}, where)
    try:
        currency = currency_code(_need(data, "currency", where), f"{where}.currency")
    except MoneyError as exc:
        raise PriceModelError(str(exc)) from None
    country_raw = data.get("country")
    country = None
    if country_raw is not None:
        country = str(country_raw).strip().upper()
        if len(country) != 2 or not country.isalpha():
            raise PriceModelError(f"{where}.country: {country_raw!r} is not a two-letter "
                                  "country code (ISO 3166, e.g. SA, DE)")
    given = _need(data, wanted, where)
    if wanted == "tiers":
        return RegionalPrice(currency, country, tiers=parse_tiers(given, f"{where}.tiers"))
    number = _price(given, f"{where}.{wanted}")
    if wanted == "amount":
        return RegionalPrice(currency, country, amount=number)
    return RegionalPrice(currency, country, unit_price=number)


def parse_model(value: Any, where: str) -> PriceModel:
    data = _mapping(value, where)
    _unknown(data, {"name", "rule", "unit", "prices"}, where)
    name = str(_need(data, "name", where)).strip()
    rule_raw = _need(data, "rule", where)
    try:
        rule = Rule(str(rule_raw))
    except ValueError:
        raise PriceModelError(f"{where}.rule: {rule_raw!r} is not a rule (flat, per_unit, tiered, "
                              "volume)") from None
    unit = str(data.get("unit") or "unit")
    prices = tuple(parse_regional(p, rule, f"{where}.prices[{i}]")
                   for i, p in enumerate(_list(data.get("prices"), f"{where}.prices")))
    seen: set[str | None] = set()
    for i, price in enumerate(prices):
        if price.country in seen:
            region = price.country or "the default region"
            raise PriceModelError(f"{where}.prices[{i}].country: {region} has a price already")
        seen.add(price.country)
    if None not in seen:
        raise PriceModelError(f"{where}.prices: needs a default price (an entry without a country)")
    return PriceModel(name, rule, unit, prices)


def parse_models(document: Any) -> tuple[PriceModel, ...]:
    """The owner's price models from ``{"models": [...]}``."""
    data = _mapping(document, "document")
    _unknown(data, {"models"}, "document")
    models = tuple(parse_model(m, f"models[{i}]")
                   for i, m in enumerate(_list(data.get("models"), "models")))
    names: set[str] = set()
    for i, model in enumerate(models):
        if model.name in names:
            raise PriceModelError(f"models[{i}].name: {model.name!r} is defined twice")
        names.add(model.name)
    return models


def model_json(model: PriceModel) -> dict[str, Any]:
    """A model as the document that :func:`parse_models` reads back."""
    def regional(price: RegionalPrice) -> dict[str, Any]:
        entry: dict[str, Any] = {"currency": price.currency}
        if price.country:
            entry["country"] = price.country
        if model.rule is Rule.FLAT:
            entry["amount"] = str(price.amount)
        elif model.rule is Rule.PER_UNIT:
            entry["unit_price"] = str(price.unit_price)
        else:
            entry["tiers"] = [{"up_to": None if t.up_to is None else str(t.up_to),
                               "unit_price": str(t.unit_price),
                               **({"flat_fee": str(t.flat_fee)} if t.flat_fee else {})}
                              for t in price.tiers]
        return entry

    return {"name": model.name, "rule": model.rule.value, "unit": model.unit,
            "prices": [regional(p) for p in model.prices]}
