"""The offline planner on change requests: every row of the table must come out exactly as
its checks say (no pass rate), every proposal must validate, and no proposal may drop a
compliance framework or widen where personal data may be kept."""

from __future__ import annotations

from decimal import Decimal
from functools import cache
from typing import Any

import pytest

from app.domain.assist.intents import IntentKind, analyse
from app.domain.assist.planner import Plan, plan_change
from app.domain.blueprint.model import HETZNER_REGIONS
from app.domain.blueprint.validation import validate_document
from app.store.resource_files import load_builtin_packs, load_template
from tests.assist.edit_table import EDITS, Check
from tests.assist.test_planner_table import TABLE


@cache
def _packs() -> Any:
    return load_builtin_packs()


def _arabic(text: str) -> bool:
    return sum("\u0600" <= c <= "\u06ff" for c in text) > sum(c.isascii() and c.isalpha() for c in text)


def test_table_is_large_half_arabic_and_a_third_edits() -> None:
    texts = [row[0] for row in TABLE] + [row[0] for row in EDITS]
    assert len(texts) >= 120
    assert sum(map(_arabic, texts)) * 2 >= len(texts)
    assert len(EDITS) * 3 >= len(texts)
    assert len({(r[0], r[1]) for r in EDITS}) == len(EDITS), "a row is repeated"


def plan_for(text: str, template: str) -> tuple[dict[str, Any], Plan, str]:
    base = load_template(template)
    intent = analyse(text, has_blueprint=True)
    assert intent.kind is IntentKind.modify, intent
    return base, plan_change(intent, base, new=False, owner="Owner"), intent.language


def _entity(doc: dict[str, Any], name: str) -> dict[str, Any] | None:
    return next((e for e in doc["entities"] if e["name"] == name), None)


def _field(doc: dict[str, Any], entity: str, name: str) -> dict[str, Any] | None:
    found = _entity(doc, entity)
    assert found is not None, f"no entity {entity}"
    return next((f for f in found["fields"] if f["name"] == name), None)


def _actions(doc: dict[str, Any], role: str, entity: str) -> set[str]:
    found = next(r for r in doc["roles"] if r["name"] == role)
    return {a for p in found.get("permissions", []) if p["entity"] == entity for a in p["actions"]}


def _country(env: dict[str, Any]) -> str:
    return str(env.get("country") or HETZNER_REGIONS[env["region"]])


def check(doc: dict[str, Any], plan: Plan, reply: str, item: Check) -> None:
    kind, *args = item
    if kind == "field":
        entity, name, type_ = args
        fld = _field(doc, str(entity), str(name))
        assert fld is not None and fld["type"] == type_, (item, fld)
    elif kind == "attr":
        entity, name, key, value = args
        fld = _field(doc, str(entity), str(name))
        assert fld is not None and fld.get(str(key)) == value, (item, fld)
    elif kind == "no_field":
        assert _field(doc, str(args[0]), str(args[1])) is None, item
    elif kind == "entity":
        assert _entity(doc, str(args[0])) is not None, item
    elif kind == "no_entity":
        assert _entity(doc, str(args[0])) is None, item
        assert all(p["entity"] != args[0] for r in doc["roles"] for p in r.get("permissions", []))
        assert all(f.get("reference") != args[0] for e in doc["entities"] for f in e["fields"])
        assert all(p.get("entity") != args[0] for p in doc.get("pages", []))
    elif kind == "role":
        assert any(r["name"] == args[0] for r in doc["roles"]), item
    elif kind == "no_role":
        assert all(r["name"] != args[0] for r in doc["roles"]), item
    elif kind == "can":
        assert args[2] in _actions(doc, str(args[0]), str(args[1])), item
    elif kind == "cannot":
        assert args[2] not in _actions(doc, str(args[0]), str(args[1])), item
    elif kind == "tier":
        key, price, currency, interval = args
        tier = next((t for t in doc.get("tiers", []) if t["key"] == key), None)
        assert tier is not None, item
        assert (Decimal(str(tier["price"])), tier["currency"], tier["interval"]) == (
            Decimal(str(price)), currency, interval), (item, tier)
    elif kind == "no_tier":
        assert all(t["key"] != args[0] for t in doc.get("tiers", [])), item
    elif kind == "region":
        provider, region, country = args
        assert {(e["provider"], e["region"], _country(e)) for e in doc["environments"]} == {
            (provider, region, country)}, item
    elif kind == "unchanged":
        assert plan.ops == [], plan.ops
    elif kind == "says":
        assert str(args[0]) in reply, (item, reply)
    else:  # pragma: no cover - a typo in the table
        raise AssertionError(f"unknown check {kind}")


@pytest.mark.parametrize(("text", "template", "checks"), EDITS, ids=[f"{i:03d}" for i in range(len(EDITS))])
def test_edit(text: str, template: str, checks: list[Check]) -> None:
    base, plan, language = plan_for(text, template)
    reply = plan.reply(language)
    for item in checks:
        check(plan.document, plan, reply, item)
    if plan.ops:
        blueprint, report = validate_document(plan.document, _packs())
        assert blueprint is not None
        assert report.errors == [], [f.code + " " + f.path for f in report.errors]
    else:
        assert plan.document == base
        assert "nothing to change" not in reply or plan.satisfied_en, reply
    # the property: nothing dropped, nothing widened
    assert set(base["compliance"]) <= set(plan.document["compliance"])
    if base["data_residency"]:
        assert set(plan.document["data_residency"]) <= set(base["data_residency"])
        assert {_country(e) for e in plan.document["environments"]} <= set(base["data_residency"])


def test_the_reply_is_in_the_request_language() -> None:
    _, plan, language = plan_for("انقل الخوادم إلى ألمانيا", "healthcare")
    assert language == "ar"
    assert plan.reply("ar").startswith("لم يتغير شيء")
    _, plan, language = plan_for("move the servers to Germany", "healthcare")
    assert plan.reply(language).startswith("Nothing was changed")


def test_nothing_to_change_only_when_satisfied() -> None:
    _, plan, _ = plan_for("add a patient entity", "healthcare")
    assert plan.ops == []
    assert plan.reply("en").startswith("The blueprint already does what was asked")
    assert "patient" in plan.reply("en")
    _, plan, _ = plan_for("add a patient entity and a flux capacitor", "healthcare")
    assert "nothing to change" not in plan.reply("en")


def test_part_not_understood_is_named_in_a_proposal() -> None:
    _, plan, _ = plan_for("add a Pro tier for 99 SAR a month, and paint it blue", "healthcare")
    assert plan.ops
    assert "I did not understand «and paint it blue»" in "\n".join(plan.rationale_en) or \
        "I did not understand «paint it blue»" in "\n".join(plan.rationale_en)
