"""The owner's price models as table tests: flat, per unit, tiered (graduated), volume,
regional prices, and the document that defines them (a wrong field is named)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.costs.money import Money
from app.domain.costs.pricing import PriceModelError, model_json, parse_models

D = Decimal
TIERS = [{"up_to": 100, "unit_price": "1.00"}, {"up_to": 1000, "unit_price": "0.50"},
         {"up_to": None, "unit_price": "0.25"}]


def model(rule: str, **price: Any) -> dict[str, Any]:
    return {"name": "storage", "rule": rule, "unit": "GB", "prices": [{"currency": "EUR", **price}]}


def one(rule: str, **price: Any) -> Any:
    return parse_models({"models": [model(rule, **price)]})[0]


@pytest.mark.parametrize(("rule", "price", "quantity", "expected"), [
    ("flat", {"amount": "49.00"}, 0, "49.00"),
    ("flat", {"amount": "49.00"}, 12345, "49.00"),
    ("per_unit", {"unit_price": "0.12"}, 0, "0"),
    ("per_unit", {"unit_price": "0.12"}, 250, "30.00"),
    ("per_unit", {"unit_price": "0.12"}, D("2.5"), "0.300"),
    # graduated: each tier's units at its own price
    ("tiered", {"tiers": TIERS}, 0, "0"),
    ("tiered", {"tiers": TIERS}, 50, "50.00"),
    ("tiered", {"tiers": TIERS}, 100, "100.00"),
    ("tiered", {"tiers": TIERS}, 101, "100.50"),
    ("tiered", {"tiers": TIERS}, 150, "125.00"),
    ("tiered", {"tiers": TIERS}, 1000, "550.00"),
    ("tiered", {"tiers": TIERS}, 1200, "600.00"),
    # volume: every unit at the tier the quantity reaches
    ("volume", {"tiers": TIERS}, 0, "0"),
    ("volume", {"tiers": TIERS}, 100, "100.00"),
    ("volume", {"tiers": TIERS}, 101, "50.50"),
    ("volume", {"tiers": TIERS}, 150, "75.00"),
    ("volume", {"tiers": TIERS}, 1200, "300.00"),
    # a flat fee for entering a tier
    ("tiered", {"tiers": [{"up_to": 10, "unit_price": "0", "flat_fee": "5"},
                          {"up_to": None, "unit_price": "1", "flat_fee": "2"}]}, 5, "5"),
    ("tiered", {"tiers": [{"up_to": 10, "unit_price": "0", "flat_fee": "5"},
                          {"up_to": None, "unit_price": "1", "flat_fee": "2"}]}, 12, "9"),
    ("volume", {"tiers": [{"up_to": 10, "unit_price": "1", "flat_fee": "5"},
                          {"up_to": None, "unit_price": "0.5", "flat_fee": "2"}]}, 12, "8.0"),
])
def test_each_rule_prices_a_quantity(rule: str, price: dict[str, Any], quantity: Decimal | int,
                                     expected: str) -> None:
    assert one(rule, **price).charge(quantity) == Money(D(expected), "EUR")


REGIONAL = {"models": [{"name": "seat", "rule": "per_unit", "unit": "user", "prices": [
    {"currency": "EUR", "unit_price": "8"},
    {"country": "sa", "currency": "SAR", "unit_price": "30"},
    {"country": "EG", "currency": "EGP", "unit_price": "150"},
]}]}


@pytest.mark.parametrize(("country", "expected"), [
    (None, Money(D(80), "EUR")),
    ("DE", Money(D(80), "EUR")),  # no entry of its own: the default
    ("SA", Money(D(300), "SAR")),
    ("sa", Money(D(300), "SAR")),
    ("EG", Money(D(1500), "EGP")),
])
def test_regional_prices_per_country_and_currency(country: str | None, expected: Money) -> None:
    assert parse_models(REGIONAL)[0].charge(10, country) == expected


def test_a_negative_quantity_is_refused() -> None:
    with pytest.raises(PriceModelError, match="quantity of storage: -1 is below zero"):
        one("per_unit", unit_price="1").charge(-1)


@pytest.mark.parametrize(("document", "message"), [
    ({"models": []}, "models: expected a non-empty list"),
    ({"modles": []}, "document.modles: not a field here"),
    ({"models": [model("linear", unit_price="1")]}, "models[0].rule: 'linear' is not a rule"),
    ({"models": [model("per_unit")]}, "models[0].prices[0].unit_price: missing"),
    ({"models": [model("per_unit", unit_price="-1")]},
     "models[0].prices[0].unit_price: -1 is below zero"),
    ({"models": [model("per_unit", unit_price=0.1)]},
     "models[0].prices[0].unit_price: 0.1 is not exact"),
    ({"models": [model("per_unit", unit_price="ten")]},
     "models[0].prices[0].unit_price: 'ten' is not a numbe"),
    ({"models": [model("flat", amount="1", unit_price="2")]},
     "models[0].prices[0].unit_price: not a field here"),
    ({"models": [{**model("flat", amount="1"), "prices": [{"currency": "EURO", "amount": "1"}]}]},
     "models[0].prices[0].currency: 'EURO' is not an ISO 4217"),
    ({"models": [{**model("flat", amount="1"),
                  "prices": [{"currency": "EUR", "amount": "1", "country": "SAU"}]}]},
     "models[0].prices[0].country: 'SAU' is not a two-letter country code"),
    ({"models": [{**model("flat", amount="1"),
                  "prices": [{"currency": "SAR", "amount": "1", "country": "SA"}]}]},
     "models[0].prices: needs a default price"),
    ({"models": [{**model("flat", amount="1"),
                  "prices": [{"currency": "EUR", "amount": "1"}, {"currency": "USD", "amount": "1"}]}]},
     "models[0].prices[1].country: the default region has a price already"),
    ({"models": [model("flat", amount="1"), model("flat", amount="2")]},
     "models[1].name: 'storage' is defined twice"),
    ({"models": [model("tiered", tiers=[{"up_to": 100, "unit_price": "1"},
                                        {"up_to": 50, "unit_price": "1"},
                                        {"up_to": None, "unit_price": "1"}])]},
     "tiers[1].up_to: 50 must be above the previous tier's end (100)"),
    ({"models": [model("tiered", tiers=[{"up_to": 100, "unit_price": "1"},
                                        {"up_to": 100, "unit_price": "1"},
                                        {"up_to": None, "unit_price": "1"}])]},
     "tiers[1].up_to: 100 must be above"),
    ({"models": [model("volume", tiers=[{"up_to": 100, "unit_price": "1"}])]},
     "tiers[0].up_to: the last tier must be open-ended"),
    ({"models": [model("volume", tiers=[{"up_to": None, "unit_price": "1"},
                                        {"up_to": None, "unit_price": "2"}])]},
     "tiers[0].up_to: only the last tier may be open-ended"),
    ({"models": [model("tiered", tiers=[{"up_to": 0, "unit_price": "1"},
                                        {"up_to": None, "unit_price": "1"}])]},
     "tiers[0].up_to: 0 must be above the previous tier's end (0)"),
    ({"models": [model("tiered", tiers=[{"up_to": 10, "price": "1"},
                                        {"up_to": None, "unit_price": "1"}])]},
     "tiers[0].price: not a field here"),
    ({"models": [model("tiered", tiers=[])]}, "prices[0].tiers: expected a non-empty list"),
])
def test_a_bad_document_names_the_field(document: Any, message: str) -> None:
    with pytest.raises(PriceModelError) as caught:
        parse_models(document)
    assert message in str(caught.value)


def test_a_model_reads_back_as_written() -> None:
    models = parse_models({"models": [model("tiered", tiers=TIERS), REGIONAL["models"][0]]})
    assert parse_models({"models": [model_json(m) for m in models]}) == models


tiers = st.lists(st.integers(min_value=1, max_value=500), min_size=1, max_size=4, unique=True)


@given(tiers, st.integers(min_value=0, max_value=3000))
def test_tiered_never_charges_more_than_the_first_price_nor_less_than_the_last(
        bounds: list[int], quantity: int) -> None:
    ends = sorted(bounds)
    prices = [D(len(ends) + 1 - i) for i in range(len(ends) + 1)]  # falling prices
    document = model("tiered", tiers=[{"up_to": e, "unit_price": str(p)} for e, p in
                                      zip([*ends, None], prices, strict=True)])
    cost = one("tiered", **document["prices"][0]).charge(quantity).amount
    assert prices[-1] * quantity <= cost <= prices[0] * quantity
    volume = one("volume", **document["prices"][0]).charge(quantity).amount
    assert volume <= cost  # with falling prices, volume pricing never costs more
