"""The offline planner on tier requests, in English and Arabic: the exact tier patch for a
monthly and a yearly price, a free trial read as days (never as the price), and a refusal
that says what is missing when the price or the currency is not named."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.blueprint.model import Tier
from app.domain.blueprint.validation import validate_document
from tests.assist.test_edit_table import plan_for

PRO_EN = {"en": "Pro", "ar": "الاحترافية"}
PRO_AR = {"en": "Pro", "ar": "احترافية"}


def tier(name: dict[str, str], price: int, interval: str, **extra: Any) -> list[dict[str, Any]]:
    return [{"op": "add", "path": "/tiers/-", "value": {
        "key": "pro", "name": name, "price": price, "currency": "SAR", "interval": interval,
        "limits": {}, **extra}}]


@pytest.mark.parametrize(("text", "ops"), [
    ("add a Pro tier for 99 SAR a month", tier(PRO_EN, 99, "month")),
    ("أضف باقة احترافية بسعر 99 ريال شهريا", tier(PRO_AR, 99, "month")),
    ("add a Pro tier for 990 SAR a year", tier(PRO_EN, 990, "year")),
    ("أضف باقة احترافية بسعر 990 ريال سنويا", tier(PRO_AR, 990, "year")),
    ("add a Pro tier with a 14 day trial for 99 SAR a month", tier(PRO_EN, 99, "month", trial_days=14)),
    ("add a Pro tier for 99 SAR a month with a 14-day free trial",
     tier(PRO_EN, 99, "month", trial_days=14)),
    ("أضف باقة احترافية بسعر 99 ريال شهريا مع تجربة مجانية 14 يوما",
     tier(PRO_AR, 99, "month", trial_days=14)),
])
def test_a_tier_request_becomes_the_tier_patch(text: str, ops: list[dict[str, Any]]) -> None:
    _, plan, _ = plan_for(text, "financial")
    assert plan.ops == ops
    assert plan.problems_en == []
    blueprint, report = validate_document(plan.document)
    assert blueprint is not None and report.errors == []
    added = next(t for t in blueprint.tiers if t.key == "pro")
    assert isinstance(added, Tier) and added.grace_days == 7


@pytest.mark.parametrize(("text", "english", "arabic"), [
    ("add a Pro tier for 99 a month",
     "«add a Pro tier for 99 a month»: name the tier's currency (for example: for 99 SAR a month).",
     "«add a Pro tier for 99 a month»: اذكر عملة الباقة (مثلًا: بسعر 99 ريالًا شهريًا)."),
    ("أضف باقة احترافية بسعر 99 شهريا",
     "«أضف باقة احترافية بسعر 99 شهريا»: name the tier's currency (for example: for 99 SAR a month).",
     "«أضف باقة احترافية بسعر 99 شهريا»: اذكر عملة الباقة (مثلًا: بسعر 99 ريالًا شهريًا)."),
    ("add a Pro tier in SAR a month",
     "«add a Pro tier in SAR a month»: the tier needs a price (for example: for 99 SAR a month).",
     "«add a Pro tier in SAR a month»: الباقة تحتاج سعرًا (مثلًا: بسعر 99 ريالًا شهريًا)."),
    ("أضف باقة احترافية",
     "«أضف باقة احترافية»: the tier needs a price (for example: for 99 SAR a month).",
     "«أضف باقة احترافية»: الباقة تحتاج سعرًا (مثلًا: بسعر 99 ريالًا شهريًا)."),
])
def test_a_tier_without_price_or_currency_is_refused(text: str, english: str, arabic: str) -> None:
    base, plan, _ = plan_for(text, "financial")
    assert plan.ops == [] and plan.document == base
    assert plan.problems_en == [english] and plan.problems_ar == [arabic]


def test_an_existing_tier_keeps_its_currency_and_interval() -> None:
    _, plan, _ = plan_for("add a sme growth tier for 250", "financial")
    assert plan.ops == [{"op": "replace", "path": "/tiers/1/price", "value": 250}]
