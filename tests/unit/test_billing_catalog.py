"""A blueprint's tiers as Stripe sells them: amounts in the currency's smallest unit, the
lookup and idempotency keys, and what counts as a price change."""

from __future__ import annotations

from decimal import Decimal

import pytest

from app.domain.billing.catalog import CatalogError, RemotePrice, amount_text, minor_units, offers
from app.domain.blueprint.model import Blueprint
from tests.services.blueprint_docs import clinic


def test_amounts_are_in_the_currencys_smallest_unit() -> None:
    assert minor_units(Decimal("99.00"), "SAR") == 9900
    assert minor_units(Decimal("1.25"), "KWD") == 1250  # three decimals
    assert minor_units(Decimal("1500"), "JPY") == 1500  # none
    with pytest.raises(CatalogError, match=r"tier 'pro': the price 10\.5 JPY cannot be charged"):
        minor_units(Decimal("10.5"), "JPY", "tier 'pro': ")
    assert amount_text(24900, "sar", "month") == "249.00 SAR a month"
    assert amount_text(24900, "sar", "year", "ar") == "\u2066249.00 SAR\u2069 سنويًا"


def test_each_tier_becomes_an_offer_with_derived_keys() -> None:
    document = clinic()
    document["tiers"] = [{"key": "pro", "name": {"en": "Pro", "ar": "احترافية"}, "price": "99",
                          "currency": "SAR", "interval": "month",
                          "features": [{"en": "Reminders", "ar": "التذكيرات"}]}]
    (offer,) = offers(Blueprint.model_validate(document), 4)
    assert offer.lookup_key == "webnova:clinic:pro"
    assert offer.idempotency_key("price") == "webnova:riyadh-care:clinic:v4:pro:price"
    assert offer.features == ("Reminders",) and offer.unit_amount == 9900
    assert offer.product_metadata()["webnova_blueprint_version"] == "4"
    same = RemotePrice("price_1", "prod_1", 9900, "sar", "month", True, offer.lookup_key)
    assert offer.price_matches(same)
    assert not offer.price_matches(RemotePrice("price_1", "prod_1", 9900, "sar", "year", True, None))
    document["tiers"] = []
    with pytest.raises(CatalogError, match="declares no tiers"):
        offers(Blueprint.model_validate(document), 5)
