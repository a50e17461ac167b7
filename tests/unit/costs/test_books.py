"""Anthropic's dated model prices (shipped and the owner's), and the price books answering
"what does this quantity of this resource cost on this day, in this currency"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
import yaml

from app.domain.assist import pricing as assist_pricing
from app.domain.costs.anthropic import (
    ModelPriceError,
    ModelPrices,
    TokenKind,
    model_price,
    parse_shipped,
)
from app.domain.costs.books import PriceBookError, PriceBooks, Resource
from app.domain.costs.hetzner import parse_pricing
from app.domain.costs.money import ExchangeRate, ExchangeRates, MissingRateError, Money
from app.domain.costs.pricing import parse_models
from app.paths import resources_dir
from tests.unit.costs.test_hetzner_billing import PRICING

D = Decimal
SHIPPED = parse_shipped(yaml.safe_load(
    (resources_dir() / "prices" / "anthropic.yaml").read_text(encoding="utf-8")))


def test_the_shipped_list_prices_every_model_the_console_offers() -> None:
    from app.gui.assist.settings_panel import MODELS

    prices = ModelPrices(SHIPPED)
    for model in (*MODELS, assist_pricing.DEFAULT_MODEL, "claude-sonnet-4-5-20250929"):
        assert prices.in_force(model, date(2026, 1, 1)).input > 0


def test_the_shipped_list_agrees_with_the_assistant_s_price_table() -> None:
    for entry in SHIPPED:
        old = assist_pricing.PRICES[entry.model]
        assert (entry.input, entry.output) == (old.input, old.output)
        # Anthropic publishes the cache prices rounded to the cent (Haiku 3: 0.30, 0.03).
        assert abs(entry.cache_write - old.input * assist_pricing.CACHE_WRITE) <= D("0.0125")
        assert abs(entry.cache_read - old.input * assist_pricing.CACHE_READ) <= D("0.005")
    assert {e.model for e in SHIPPED} == set(assist_pricing.PRICES)


OVERRIDE = model_price("claude-sonnet-4", date(2026, 6, 1),
                       {"input": "2.5", "output": "12", "cache_write": "3", "cache_read": "0.25"},
                       "override", source="owner")
SAME_DAY = model_price("claude-haiku-4-5", date(2025, 11, 24),
                       {"input": "0.9", "output": "5", "cache_write": "1.25", "cache_read": "0.1"},
                       "override", source="owner")
MODELS = ModelPrices([*SHIPPED, OVERRIDE, SAME_DAY])


@pytest.mark.parametrize(("model", "kind", "tokens", "on", "expected"), [
    ("claude-sonnet-4-6", TokenKind.INPUT, 1_000_000, date(2026, 5, 31), "3"),
    ("claude-sonnet-4-6", TokenKind.INPUT, 1_000_000, date(2026, 6, 1), "2.5"),  # the owner's
    ("claude-sonnet-4-6", TokenKind.OUTPUT, 2000, date(2026, 1, 1), "0.03"),
    ("claude-sonnet-4-6", TokenKind.CACHE_WRITE, 10_000, date(2026, 1, 1), "0.0375"),
    ("claude-sonnet-4-6", TokenKind.CACHE_READ, 10_000, date(2026, 1, 1), "0.003"),
    ("claude-opus-4-5-20251101", TokenKind.OUTPUT, 1000, date(2026, 1, 1), "0.025"),
    ("claude-haiku-4-5", TokenKind.INPUT, 1_000_000, date(2025, 11, 24), "0.9"),  # tie: owner
])
def test_model_prices_on_a_day(model: str, kind: TokenKind, tokens: int, on: date,
                               expected: str) -> None:
    assert MODELS.charge(model, kind, tokens, on) == Money(D(expected), "USD")


def test_no_model_price_before_the_list_or_for_an_unknown_model() -> None:
    with pytest.raises(ModelPriceError, match="'claude-sonnet-4-6' is in force on 2025-01-01"):
        MODELS.in_force("claude-sonnet-4-6", date(2025, 1, 1))
    with pytest.raises(ModelPriceError, match="'gpt-4'"):
        MODELS.in_force("gpt-4", date(2026, 1, 1))


@pytest.mark.parametrize(("fields", "message"), [
    ({"input": "1", "output": "1", "cache_write": "1"}, "x.cache_read: missing"),
    ({"input": "1", "output": "-1", "cache_write": "1", "cache_read": "1"},
     "x.output: -1 is below zero"),
    ({"input": "1", "output": "1", "cache_write": "1", "cache_read": "1", "batch": "1"},
     "x.batch: not a field"),
    ({"input": "1", "output": "1", "cache_write": "1", "cache_read": "1", "effective": "1st May"},
     "x.effective: '1st May' is not a date"),
])
def test_a_bad_model_price_names_its_field(fields: dict[str, str], message: str) -> None:
    with pytest.raises(ModelPriceError) as caught:
        model_price("m", date(2026, 1, 1), fields, "x")
    assert message in str(caught.value)


OWNER = parse_models({"models": [{"name": "storage", "rule": "tiered", "unit": "GB", "prices": [
    {"currency": "EUR", "tiers": [{"up_to": 100, "unit_price": "0.10"},
                                  {"up_to": None, "unit_price": "0.05"}]},
    {"country": "SA", "currency": "SAR", "tiers": [{"up_to": 100, "unit_price": "0.40"},
                                                   {"up_to": None, "unit_price": "0.20"}]}]}]})
BOOKS = PriceBooks(
    hetzner=[(date(2026, 11, 1), parse_pricing(PRICING))],
    anthropic=MODELS,
    owner=[(date(2026, 11, 1), {m.name: m for m in OWNER})],
    rates=ExchangeRates([ExchangeRate("EUR", "SAR", D("4.10"), date(2026, 11, 1)),
                         ExchangeRate("USD", "EUR", D("0.90"), date(2026, 11, 1))]))
NOV = date(2026, 11, 20)


@pytest.mark.parametrize(("resource", "quantity", "currency", "expected"), [
    (Resource("hetzner", "server", "cx22", "fsn1"), D("1.5"), "EUR", "0.01"),
    (Resource("hetzner", "server", "cx22", "fsn1"), 800, "EUR", "3.79"),
    (Resource("hetzner", "server", "cx22", "fsn1"), 800, "SAR", "15.54"),  # 3.79 × 4.10
    (Resource("hetzner", "volume", size_gb=50), 730, "EUR", "2.20"),
    (Resource("anthropic", "output", "claude-sonnet-4-6"), 1_000_000, "EUR", "10.80"),  # 12 × 0.90
    (Resource("anthropic", "input", "claude-sonnet-4-6"), 1_000_000, "USD", "2.50"),  # the owner's
    (Resource("anthropic", "cache_read", "claude-haiku-4-5"), 1_000_000, "USD", "0.10"),
    (Resource("owner", name="storage"), 150, "EUR", "12.50"),
    (Resource("owner", name="storage", country="SA"), 150, "SAR", "50.00"),
    (Resource("owner", name="storage", country="SA"), 150, "EUR", "12.20"),  # 50 / 4.10
])
def test_a_quantity_of_a_resource_priced_on_a_day_in_a_currency(
        resource: Resource, quantity: Decimal | int, currency: str, expected: str) -> None:
    assert BOOKS.price(resource, quantity, NOV, currency) == Money(D(expected), currency)


def test_missing_books_and_rates_are_named() -> None:
    with pytest.raises(PriceBookError, match="no Hetzner price list is in force on 2026-10-31 "
                                             r"\(the first is from 2026-11-01\)"):
        BOOKS.price(Resource("hetzner", "server", "cx22", "fsn1"), 1, date(2026, 10, 31), "EUR")
    with pytest.raises(MissingRateError, match="from EUR to JPY is in force on 2026-11-20"):
        BOOKS.price(Resource("hetzner", "server", "cx22", "fsn1"), 1, NOV, "JPY")
    with pytest.raises(PriceBookError, match=r"no price model 'seats'.*known: storage"):
        BOOKS.price(Resource("owner", name="seats"), 1, NOV, "EUR")
    with pytest.raises(PriceBookError, match="'disk' is not a Hetzner resource kind"):
        BOOKS.price(Resource("hetzner", "disk"), 1, NOV, "EUR")
    with pytest.raises(PriceBookError, match="'aws' is not one of hetzner, anthropic, owner"):
        BOOKS.price(Resource("aws"), 1, NOV, "EUR")


def test_the_resources_folder_is_shipped() -> None:
    assert Path(resources_dir() / "prices" / "anthropic.yaml").is_file()
