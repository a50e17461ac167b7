"""Arabic normalisation, intent kinds, patch checking and the retry policy."""

from __future__ import annotations

import pytest

from app.domain.assist.intents import IntentKind, analyse
from app.domain.assist.patching import FIXED_PATHS, apply_operations
from app.domain.assist.pricing import cost, price_for
from app.domain.assist.retry import RetryPolicy, parse_retry_after
from app.domain.assist.text import Message, Phrase, normalise


def test_arabic_spellings_meet() -> None:
    assert normalise("أَطِبَّاء") == normalise("اطباء")
    assert normalise("مستشفـــى") == normalise("مستشفي")
    assert normalise("عيادة") == normalise("عياده")
    assert normalise("إدارة") == normalise("ادارة")
    assert normalise("٢٠٢٦") == "2026"


def test_prefixes_and_plurals() -> None:
    assert Message("والمواعيد متاحة").has(Phrase.of("مواعيد"))
    assert Message("للمرضى").has(Phrase.of("مرضى"))
    assert Message("add prescriptions").has(Phrase.of("prescription"))
    assert Message("two pharmacies").has(Phrase.of("pharmacy"))
    assert not Message("discourse").has(Phrase.of("course"))


@pytest.mark.parametrize(("text", "has_blueprint", "kind"), [
    ("deploy it to production", True, IntentKind.deploy),
    ("انشر المنصة على الإنتاج", True, IntentKind.deploy),
    ("how much will this cost per month?", True, IntentKind.cost),
    ("كم تكلفة تشغيل المنصة؟", True, IntentKind.cost),
    ("is this blueprint HIPAA compliant?", True, IntentKind.compliance),
    ("هل المخطط متوافق مع نظام حماية البيانات الشخصية؟", True, IntentKind.compliance),
    ("explain the patient entity", True, IntentKind.explain),
    ("اشرح كيان المريض", True, IntentKind.explain),
    ("add pharmacists and medications", True, IntentKind.modify),
    ("أضف الصيادلة والأدوية", True, IntentKind.modify),
    ("move the servers to Helsinki", True, IntentKind.modify),
    ("create a new school platform in Riyadh", True, IntentKind.create),
    ("clinic booking platform in Riyadh", False, IntentKind.create),
    ("hello", False, IntentKind.unknown),
])
def test_intent_kinds(text: str, has_blueprint: bool, kind: IntentKind) -> None:
    assert analyse(text, has_blueprint).kind is kind


def test_language_and_handoff() -> None:
    intent = analyse("build a clinic platform in Riyadh and deploy it", False)
    assert intent.kind is IntentKind.create
    assert intent.handoff == "deployment"
    assert analyse("منصة عيادة", False).language == "ar"
    assert analyse("clinic platform", False).language == "en"


def test_patch_problems_are_reported_per_operation() -> None:
    doc = {"key": "a", "items": [1]}
    assert apply_operations(doc, "nope").problems[0].describe() == "the operations must be a JSON array"
    bad = apply_operations(doc, [{"op": "add", "path": "/x", "value": 1}, {"op": "fly", "path": "/"}])
    assert bad.problems[0].describe().startswith("operation 1: unknown op 'fly'")
    assert "cannot change" in apply_operations(doc, [{"op": "replace", "path": "/key", "value": "b"}],
                                               FIXED_PATHS).problems[0].message
    missing = apply_operations(doc, [{"op": "remove", "path": "/items/5"}])
    assert missing.document is None
    assert "operation 0" in missing.problems[0].describe()
    good = apply_operations(doc, [{"op": "add", "path": "/items/-", "value": 2}])
    assert good.document == {"key": "a", "items": [1, 2]}
    assert doc == {"key": "a", "items": [1]}


def test_retry_policy_honours_retry_after() -> None:
    policy = RetryPolicy(max_retries=3)
    assert policy.delay(0, 2.0) == 2.0
    assert policy.delay(0, None) == 0.5
    assert policy.delay(2, None) == 2.0
    assert policy.delay(3, 1.0) is None
    assert policy.delay(0, 120.0) == 0.5  # beyond a minute: the backoff
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert parse_retry_after({"Retry-After": "3"}) == 3.0
    assert parse_retry_after({}) is None


def test_prices() -> None:
    assert price_for("claude-sonnet-4-6") is not None
    assert str(cost("claude-sonnet-4-6", 1_000_000, 1_000_000)) == "18.000000"
    assert cost("claude-unknown-1", 10, 10) is None


def test_edits_are_read_clause_by_clause() -> None:
    intent = analyse("add a mobile phone field to vendors, and only registrars may delete enrolments", True)
    assert intent.kind is IntentKind.modify
    assert [e.op for e in intent.edits] == ["add_field", "only"]
    assert intent.edits[0].field.norm == "mobile phone"
    assert intent.edits[1].actions == ("delete",)
    tier = analyse("add a Pro tier for 99.50 SAR per year", True).edits[0]
    assert (tier.op, tier.name.norm, tier.price, tier.currency, tier.interval) == (
        "add_tier", "pro", "99.50", "SAR", "year")
    assert analyse("أضف كيان pharmacy", True).language == "ar"
    assert analyse("who can delete appointments?", True).edits == ()
    assert analyse("add a flux capacitor", True).unread == ("add a flux capacitor",)
    assert analyse("hello", True).kind is IntentKind.unknown
