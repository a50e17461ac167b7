"""Every cross-field rule: a blueprint that trips it (exact code and path) and one that passes."""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest

from app.domain.blueprint.findings import Severity
from app.domain.blueprint.validation import validate_document
from tests.services.blueprint_docs import clinic

Doc = dict[str, Any]


def field(doc: Doc, entity: int, index: int) -> dict[str, Any]:
    result: dict[str, Any] = doc["entities"][entity]["fields"][index]
    return result


def add_field(doc: Doc, entity: int, **attrs: Any) -> None:
    doc["entities"][entity]["fields"].append({"label": {"en": "X", "ar": "س"}, **attrs})


def set_(path: list[Any], value: Any) -> Callable[[Doc], None]:
    def mutate(doc: Doc) -> None:
        target: Any = doc
        for part in path[:-1]:
            target = target[part]
        target[path[-1]] = value

    return mutate


# (code, path of the finding, mutation that trips it, mutation that is fine)
CASES: list[tuple[str, str, Callable[[Doc], None], Callable[[Doc], None]]] = [
    ("transfer.country_not_in_residency", "/transfers/0/country",
     set_(["transfers"], [{"country": "DE", "mechanism": "adequacy_decision", "reference": "EU 2026/1", "recorded_on": "2026-01-05"}]),
     lambda d: d.update(data_residency=["SA", "DE"], transfers=[{"country": "DE", "mechanism": "adequacy_decision", "reference": "EU 2026/1", "recorded_on": "2026-01-05"}])),
    ("name.duplicate", "/entities/1/name",
     set_(["entities", 1, "name"], "patient"), set_(["entities", 1, "name"], "visit")),
    ("name.duplicate", "/entities/0/fields/1/name",
     set_(["entities", 0, "fields", 1, "name"], "full_name"), set_(["entities", 0, "fields", 1, "name"], "mobile")),
    ("name.duplicate", "/roles/1/name",
     lambda d: d["roles"].append(copy.deepcopy(d["roles"][0])),
     lambda d: d["roles"].append({**copy.deepcopy(d["roles"][0]), "name": "manager"})),
    ("name.duplicate", "/pages/1/key",
     lambda d: d.update(pages=[{"key": "home", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/"},
                               {"key": "home", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/b"}]),
     lambda d: d.update(pages=[{"key": "home", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/"},
                               {"key": "other", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/b"}])),
    ("name.duplicate", "/pages/1/path",
     lambda d: d.update(pages=[{"key": "a", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/x"},
                               {"key": "b", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/x"}]),
     lambda d: d.update(pages=[{"key": "a", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/x"},
                               {"key": "b", "title": {"en": "H", "ar": "ر"}, "kind": "dashboard", "path": "/y"}])),
    ("name.duplicate", "/tiers/1/key",
     lambda d: d.update(tiers=[{"key": "basic", "name": {"en": "B", "ar": "أ"}, "price": "10", "currency": "SAR", "interval": "month"}] * 2),
     lambda d: d.update(tiers=[{"key": "basic", "name": {"en": "B", "ar": "أ"}, "price": "10", "currency": "SAR", "interval": "month"}])),
    ("name.duplicate", "/environments/1/name",
     lambda d: d["environments"].append(copy.deepcopy(d["environments"][0])),
     lambda d: d["environments"].append({**copy.deepcopy(d["environments"][0]), "name": "staging"})),
    ("name.duplicate", "/entities/0/relations/1/name",
     set_(["entities", 0, "relations"], [{"name": "visits", "kind": "one_to_many", "target": "appointment"}] * 2),
     set_(["entities", 0, "relations"], [{"name": "visits", "kind": "one_to_many", "target": "appointment"}])),
    ("compliance.duplicate", "/compliance",
     set_(["compliance"], ["gdpr", "gdpr"]), set_(["compliance"], [])),
    ("reference.unknown_entity", "/entities/1/fields/0/reference",
     set_(["entities", 1, "fields", 0, "reference"], "doctor"), set_(["entities", 1, "fields", 0, "reference"], "patient")),
    ("reference.missing", "/entities/1/fields/0/reference",
     lambda d: field(d, 1, 0).pop("reference"), lambda d: None),
    ("reference.set_null_required", "/entities/1/fields/0/on_delete",
     set_(["entities", 1, "fields", 0, "on_delete"], "set_null"), set_(["entities", 1, "fields", 0, "on_delete"], "cascade")),
    ("reference.unknown_entity", "/entities/0/relations/0/target",
     set_(["entities", 0, "relations"], [{"name": "visits", "kind": "one_to_many", "target": "visit"}]),
     set_(["entities", 0, "relations"], [{"name": "visits", "kind": "one_to_many", "target": "appointment"}])),
    ("name.clash", "/entities/0/relations/0/name",
     set_(["entities", 0, "relations"], [{"name": "phone", "kind": "one_to_many", "target": "appointment"}]),
     set_(["entities", 0, "relations"], [{"name": "phones", "kind": "one_to_many", "target": "appointment"}])),
    ("reference.unknown_entity", "/roles/0/permissions/0/entity",
     set_(["roles", 0, "permissions", 0, "entity"], "invoice"), set_(["roles", 0, "permissions", 0, "entity"], "patient")),
    ("permission.duplicate_action", "/roles/0/permissions/0/actions",
     set_(["roles", 0, "permissions", 0, "actions"], ["read", "read"]), set_(["roles", 0, "permissions", 0, "actions"], ["read"])),
    ("reference.unknown_entity", "/pages/0/entity",
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "list", "entity": "visit", "path": "/p"}]),
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "list", "entity": "patient", "path": "/p"}])),
    ("page.entity_required", "/pages/0/entity",
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "form", "path": "/p"}]),
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "content", "path": "/p"}])),
    ("reference.unknown_role", "/pages/0/roles/0",
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "content", "path": "/p", "roles": ["nurse"]}]),
     set_(["pages"], [{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "content", "path": "/p", "roles": ["receptionist"]}])),
    ("reference.unknown_page", "/navigation/0/children/0/page",
     lambda d: d.update(pages=[{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "content", "path": "/p"}],
                        navigation=[{"page": "p", "children": [{"page": "q"}]}]),
     lambda d: d.update(pages=[{"key": "p", "title": {"en": "P", "ar": "ص"}, "kind": "content", "path": "/p"}],
                        navigation=[{"page": "p", "children": [{"page": "p"}]}])),
    ("tier.negative_limit", "/tiers/0/limits",
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "limits": {"users": -1}}]),
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "limits": {"users": 5}}])),
    ("tier.negative_limit", "/tiers/0/entity_limits",
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "entity_limits": {"patient": -1}}]),
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "entity_limits": {"patient": 5}}])),
    ("reference.unknown_entity", "/tiers/0/entity_limits/invoice",
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "entity_limits": {"invoice": 5}}]),
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "1", "currency": "SAR", "interval": "year", "entity_limits": {"appointment": 5}}])),
    ("tier.trial_on_free_tier", "/tiers/0/trial_days",
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "0", "currency": "SAR", "interval": "month", "trial_days": 14}]),
     set_(["tiers"], [{"key": "b", "name": {"en": "B", "ar": "أ"}, "price": "9", "currency": "SAR", "interval": "month", "trial_days": 14}])),
    ("locale.not_offered", "/default_locale",
     set_(["locales"], ["en"]), set_(["locales"], ["ar"])),
    ("locale.direction_mismatch", "/default_direction",
     set_(["default_direction"], "ltr"), set_(["default_direction"], "rtl")),
    ("environment.unknown_region", "/environments/0/region",
     set_(["environments", 0, "region"], "riyadh1"), set_(["environments", 0, "region"], "hel1")),
    ("environment.country_required", "/environments/0/country",
     set_(["environments", 0, "provider"], "on_premises"),
     lambda d: d["environments"][0].update(provider="on_premises", region="riyadh-dc1", country="SA")),
    ("environment.retention_without_backups", "/environments/0/backup_retention_days",
     set_(["environments", 0, "backup_retention_days"], 30),
     lambda d: d["environments"][0].update(backups=True, backup_retention_days=30)),
    ("field.attribute_not_applicable", "/entities/0/fields/0/currency",
     set_(["entities", 0, "fields", 0, "currency"], "SAR"), lambda d: None),
    ("field.attribute_not_applicable", "/entities/1/fields/1/max_length",
     set_(["entities", 1, "fields", 1, "max_length"], 5), lambda d: None),
    ("enum.empty", "/entities/1/fields/2/enum_values",
     set_(["entities", 1, "fields", 2, "enum_values"], []), set_(["entities", 1, "fields", 2, "enum_values"], ["one"])),
    ("enum.duplicate", "/entities/1/fields/2/enum_values",
     set_(["entities", 1, "fields", 2, "enum_values"], ["a", "a"]), set_(["entities", 1, "fields", 2, "enum_values"], ["a", "b"])),
    ("enum.default_unknown", "/entities/1/fields/2/default",
     set_(["entities", 1, "fields", 2, "default"], "lost"), set_(["entities", 1, "fields", 2, "default"], "booked")),
    ("money.currency_missing", "/entities/1/fields/3/currency",
     lambda d: add_field(d, 1, name="fee", type="money"),
     lambda d: add_field(d, 1, name="fee", type="money", currency="SAR")),
    ("range.inverted", "/entities/0/fields/0/min_length",
     set_(["entities", 0, "fields", 0, "min_length"], 500), set_(["entities", 0, "fields", 0, "min_length"], 2)),
    ("range.inverted", "/entities/1/fields/3/minimum",
     lambda d: add_field(d, 1, name="age", type="integer", minimum=10, maximum=1),
     lambda d: add_field(d, 1, name="age", type="integer", minimum=1, maximum=10)),
    ("decimal.scale_exceeds_precision", "/entities/1/fields/3/scale",
     lambda d: add_field(d, 1, name="dose", type="decimal", precision=4, scale=6),
     lambda d: add_field(d, 1, name="dose", type="decimal", precision=6, scale=4)),
    ("pattern.invalid", "/entities/0/fields/1/pattern",
     set_(["entities", 0, "fields", 1, "pattern"], "([0-9]"), set_(["entities", 0, "fields", 1, "pattern"], "^[0-9+]{6,15}$")),
]


def test_base_document_is_clean() -> None:
    blueprint, report = validate_document(clinic())
    assert blueprint is not None
    assert report.findings == ()


@pytest.mark.parametrize(("code", "path", "trip", "fine"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_rule_trips_and_passes(
    code: str, path: str, trip: Callable[[Doc], None], fine: Callable[[Doc], None]
) -> None:
    bad = clinic()
    trip(bad)
    blueprint, report = validate_document(bad)
    assert blueprint is not None, [f.message_en for f in report.findings]
    matching = [f for f in report.findings if f.code == code and f.path == path]
    assert matching, [(f.code, f.path) for f in report.findings]
    finding = matching[0]
    assert finding.message_en
    assert finding.message_ar
    assert any("\u0600" <= ch <= "\u06ff" for ch in finding.message_ar)

    good = clinic()
    fine(good)
    blueprint, report = validate_document(good)
    assert blueprint is not None
    assert [(f.code, f.path) for f in report.findings if f.code == code] == []


def test_every_rule_code_has_a_case() -> None:
    import re
    from pathlib import Path

    import app.domain.blueprint.rules as rules

    source = Path(rules.__file__).read_text(encoding="utf-8")
    codes = set(re.findall(r'"([a-z_]+\.[a-z_]+)"', source))
    assert codes - {c[0] for c in CASES} == set()


def test_schema_errors_carry_paths_and_arabic() -> None:
    doc = clinic()
    doc["entities"][0]["fields"][0]["type"] = "strng"
    doc["roles"][0]["label"] = {"en": "Receptionist"}
    doc["surprise"] = 1
    blueprint, report = validate_document(doc)
    assert blueprint is None
    paths = {f.path: f for f in report.findings}
    assert set(paths) == {"/entities/0/fields/0/type", "/roles/0/label/ar", "/surprise"}
    assert all(f.severity is Severity.error and f.source == "schema" for f in report.findings)
    assert paths["/roles/0/label/ar"].message_ar.endswith("مطلوب")
    assert paths["/roles/0/label/ar"].message_en == "/roles/0/label/ar: is required"


def test_a_transfer_basis_names_a_country_of_the_residency_once() -> None:
    from tests.unit.blueprint.compliance_builders import blueprint, transfer

    doc = blueprint(data_residency=["SA"], transfers=[transfer("SA"), transfer("SA"), transfer("DE")])
    report = validate_document(doc)[1]
    found = {(f.code, f.path) for f in report.errors}
    assert ("name.duplicate", "/transfers/1/country") in found
    assert ("transfer.country_not_in_residency", "/transfers/2/country") in found
    assert not report.valid
