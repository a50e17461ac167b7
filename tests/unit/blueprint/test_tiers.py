"""Tiers that can be sold (blueprint format 2): trial, features, entity limits, grace period;
blueprints of format 1 read in format 2; the rules and the diff of tiers."""

from __future__ import annotations

import copy
from typing import Any

from app.domain.blueprint.diff import semantic_diff
from app.domain.blueprint.model import SCHEMA_VERSION
from app.domain.blueprint.upcast import replay, upcast
from app.domain.blueprint.validation import validate_document
from app.paths import resources_dir
from app.store.resource_files import load_template
from tests.services.blueprint_docs import clinic

PRO: dict[str, Any] = {
    "key": "pro", "name": {"en": "Pro", "ar": "احترافية"}, "price": "99.00", "currency": "SAR",
    "interval": "month", "limits": {"users": 25, "storage_gb": 50},
    "entity_limits": {"appointment": 1000}, "trial_days": 14, "grace_days": 5,
    "features": [{"en": "Online booking", "ar": "الحجز عبر الإنترنت"}]}


def with_tiers(*tiers: dict[str, Any], version: int = SCHEMA_VERSION) -> dict[str, Any]:
    doc = clinic()
    doc["schema_version"] = version
    doc["tiers"] = [copy.deepcopy(t) for t in tiers]
    return doc


def test_a_tier_sells_with_trial_features_entity_limits_and_grace() -> None:
    blueprint, report = validate_document(with_tiers(PRO))
    assert blueprint is not None and not report.errors, report.errors
    tier = blueprint.tiers[0]
    assert (tier.trial_days, tier.grace_days, tier.entity_limits) == (14, 5, {"appointment": 1000})
    assert tier.features[0].ar == "الحجز عبر الإنترنت"
    assert dict(tier.limits) == {"users": 25, "storage_gb": 50}


def test_a_format_1_blueprint_is_read_in_format_2() -> None:
    old = with_tiers({"key": "basic", "name": {"en": "Basic", "ar": "أساسية"}, "price": "10",
                      "currency": "SAR", "interval": "month",
                      "limits": {"users": 5, "patients": 100, "appointment": 50,
                                 "storage_gb": 1}}, version=1)
    lifted = upcast(old)
    assert old["schema_version"] == 1 and "entity_limits" not in old["tiers"][0]  # untouched
    tier = lifted["tiers"][0]
    assert lifted["schema_version"] == 2
    assert tier["limits"] == {"users": 5, "storage_gb": 1}  # quotas stay
    assert tier["entity_limits"] == {"patient": 100, "appointment": 50}  # records move
    blueprint, report = validate_document(old)
    assert blueprint is not None and blueprint.schema_version == 2 and not report.errors
    assert blueprint.tiers[0].grace_days == 7 and blueprint.tiers[0].trial_days == 0


def test_every_bundled_template_of_format_1_still_validates() -> None:
    names = sorted(p.stem for p in (resources_dir() / "templates").glob("*.yaml"))
    assert names
    for name in names:
        document = load_template(name)
        blueprint, report = validate_document(document)
        assert blueprint is not None, (name, report.errors)
        assert not [f for f in report.errors if f.source in ("schema", "rule")], name
    education = validate_document(load_template("education"))[0]
    assert education is not None
    first = education.tiers[0]
    assert "users" in first.limits and "students" not in first.limits
    assert first.entity_limits.get("student") == 400


def test_revisions_made_against_format_1_replay_before_those_made_against_format_2() -> None:
    created = with_tiers({"key": "basic", "name": {"en": "Basic", "ar": "أساسية"},
                          "price": "10", "currency": "SAR", "interval": "month",
                          "limits": {"patients": 100}}, version=1)
    v1_patch = [{"op": "replace", "path": "/tiers/0/limits/patients", "value": 200}]
    v2_patch = [{"op": "replace", "path": "/tiers/0/entity_limits/patient", "value": 300},
                {"op": "add", "path": "/tiers/0/trial_days", "value": 7}]
    document = replay(created, [(1, v1_patch), (2, v2_patch)])
    assert document["tiers"][0]["entity_limits"] == {"patient": 300}
    assert document["tiers"][0]["trial_days"] == 7 and document["schema_version"] == 2


def findings(doc: dict[str, Any]) -> dict[str, tuple[str, str, str]]:
    _blueprint, report = validate_document(doc)
    return {f.path: (f.code, f.message_en, f.message_ar) for f in report.findings}


def test_a_trial_below_zero_is_named_in_both_languages() -> None:
    found = findings(with_tiers({**PRO, "trial_days": -3}))
    code, en, ar = found["/tiers/0/trial_days"]
    assert code == "schema.greater_than_equal"
    assert en == "/tiers/0/trial_days: must be at least 0"
    assert "يجب ألا يقل عن" in ar and "/tiers/0/trial_days" in ar


def test_a_limit_on_an_unknown_entity_is_named_in_both_languages() -> None:
    found = findings(with_tiers({**PRO, "entity_limits": {"invoice": 10}}))
    code, en, ar = found["/tiers/0/entity_limits/invoice"]
    assert code == "reference.unknown_entity"
    assert en == "tier 'pro' limits the records of entity 'invoice', which does not exist"
    assert ar == "الباقة «pro» تحدّ سجلات الكيان «invoice» وهو غير موجود"
    negative = findings(with_tiers({**PRO, "entity_limits": {"patient": -1}}))
    assert negative["/tiers/0/entity_limits"][0] == "tier.negative_limit"


def test_the_diff_says_how_a_tier_changed() -> None:
    new = copy.deepcopy(PRO)
    new.update(price="129.00", trial_days=30, entity_limits={"appointment": 5000},
               features=[*PRO["features"], {"en": "Reminders", "ar": "التذكيرات"}])
    diff = semantic_diff(with_tiers(PRO), with_tiers(new))
    (change,) = diff.changes
    plain = change.describe("en").replace("\u2068", "").replace("\u2069", "")  # isolation marks
    assert plain == (
        "tier pro changed (records per entity: appointment: 1,000 → appointment: 5,000; "
        "features: Online booking → Online booking, Reminders; price: 99.00 → 129.00; "
        "trial (days): 14 → 30)")
    arabic = change.describe("ar")
    assert "المزايا: \u2068الحجز عبر الإنترنت\u2069 → \u2068الحجز عبر الإنترنت, التذكيرات" in arabic
    assert "الفترة التجريبية (بالأيام): \u2068١٤\u2069 → \u2068٣٠\u2069" in arabic
