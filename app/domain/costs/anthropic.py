"""Anthropic's model prices: per million tokens of input, output, cache writes and cache
reads, each dated. The console ships Anthropic's published list (resources/prices/
anthropic.yaml); the owner may enter their own (a negotiated price, a change Anthropic made
after this release), dated too. On a day, a model costs what the latest entry on or before
that day says; the owner's entry wins over the shipped one of the same day.

A model id matches the longest family prefix ("claude-sonnet-4-5-20250929" is priced as
"claude-sonnet-4").
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from typing import Any

from app.domain.costs.money import Money, MoneyError, currency_code, decimal_of

PER_MILLION = Decimal(1_000_000)


class ModelPriceError(MoneyError):
    pass


class ModelNotPricedError(ModelPriceError):
    def __init__(self, model: str, on: date) -> None:
        super().__init__(f"no price for the model {model!r} is in force on {on.isoformat()}")
        self.model, self.on = model, on


class TokenKind(StrEnum):
    INPUT = "input"
    OUTPUT = "output"
    CACHE_WRITE = "cache_write"
    CACHE_READ = "cache_read"


@dataclass(frozen=True)
class ModelPrice:
    model: str  # a model id or family prefix
    effective: date
    input: Decimal  # per million tokens
    output: Decimal
    cache_write: Decimal
    cache_read: Decimal
    currency: str = "USD"
    source: str = "shipped"  # or "owner"

    def per_million(self, kind: TokenKind) -> Money:
        return Money(getattr(self, kind.value), self.currency)

    def to_json(self) -> dict[str, Any]:
        return {"model": self.model, "effective": self.effective.isoformat(),
                "input": str(self.input), "output": str(self.output),
                "cache_write": str(self.cache_write), "cache_read": str(self.cache_read),
                "currency": self.currency, "source": self.source}


def parse_date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError:
        raise ModelPriceError(f"{where}: {value!r} is not a date (YYYY-MM-DD)") from None


def model_price(model: str, effective: date, fields: Mapping[str, Any], where: str,
                currency: str = "USD", source: str = "shipped") -> ModelPrice:
    """One entry, its four prices checked (each a number, not below zero)."""
    if not isinstance(fields, Mapping):
        raise ModelPriceError(f"{where}: expected the fields input, output, cache_write, cache_read")
    extra = sorted(set(map(str, fields)) - {k.value for k in TokenKind} - {"effective"})
    if extra:
        raise ModelPriceError(f"{where}.{extra[0]}: not a field (input, output, cache_write, "
                              "cache_read, effective)")
    if not model or not str(model).strip():
        raise ModelPriceError(f"{where}: the model is empty")
    values: dict[str, Decimal] = {}
    for kind in TokenKind:
        if kind.value not in fields:
            raise ModelPriceError(f"{where}.{kind.value}: missing")
        try:
            number = decimal_of(fields[kind.value], f"{where}.{kind.value}")
        except MoneyError as exc:
            raise ModelPriceError(str(exc)) from None
        if number < 0:
            raise ModelPriceError(f"{where}.{kind.value}: {number} is below zero")
        values[kind.value] = number
    when = parse_date(fields["effective"], f"{where}.effective") if "effective" in fields else effective
    return ModelPrice(str(model).strip(), when, values["input"], values["output"],
                      values["cache_write"], values["cache_read"], currency, source)


def parse_shipped(document: Any) -> list[ModelPrice]:
    """The shipped list: ``{currency, effective, models: {family: {input, output, ...}}}``."""
    if not isinstance(document, Mapping):
        raise ModelPriceError("anthropic prices: expected a mapping with currency, effective, models")
    try:
        currency = currency_code(document.get("currency"), "anthropic prices.currency")
    except MoneyError as exc:
        raise ModelPriceError(str(exc)) from None
    effective = parse_date(document.get("effective"), "anthropic prices.effective")
    models = document.get("models")
    if not isinstance(models, Mapping) or not models:
        raise ModelPriceError("anthropic prices.models: expected a mapping of model families")
    return [model_price(str(name), effective, fields, f"anthropic prices.models.{name}", currency)
            for name, fields in models.items()]


class ModelPrices:
    def __init__(self, entries: Iterable[ModelPrice] = ()) -> None:
        self._entries = list(entries)

    def all(self) -> list[ModelPrice]:
        return list(self._entries)

    def current(self, on: date) -> list[ModelPrice]:
        """The entry in force on ``on`` for every family that has one, by family."""
        found: dict[str, ModelPrice] = {}
        for entry in self._entries:
            if entry.effective <= on:
                best = found.get(entry.model)
                if best is None or _rank(entry) >= _rank(best):
                    found[entry.model] = entry
        return [found[k] for k in sorted(found)]

    def in_force(self, model: str, on: date) -> ModelPrice:
        candidates = [e for e in self.current(on) if model.startswith(e.model)]
        if not candidates:
            raise ModelNotPricedError(model, on)
        return max(candidates, key=lambda e: len(e.model))

    def charge(self, model: str, kind: TokenKind, tokens: Decimal | int, on: date) -> Money:
        count = decimal_of(tokens, f"{kind.value} tokens")
        if count < 0:
            raise ModelPriceError(f"{kind.value} tokens: {tokens} is below zero")
        price = self.in_force(model, on).per_million(kind)
        return Money(price.amount * count / PER_MILLION, price.currency)


def _rank(entry: ModelPrice) -> tuple[date, int]:
    return entry.effective, 1 if entry.source == "owner" else 0
