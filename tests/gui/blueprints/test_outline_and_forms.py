"""The section tree and the form descriptions, without Qt."""

from __future__ import annotations

from typing import Any

import pytest

from app.domain.blueprint.validation import validate_document
from app.gui.blueprints.form_spec import NODE_MODELS, form_fields, new_item, relevant
from app.gui.blueprints.outline import build_outline, find_node, node_for_path, shape
from app.gui.blueprints.session import REMOVE
from app.store.resource_files import load_template
from tests.services.blueprint_docs import clinic


def fields_of(kind: str) -> dict[str, Any]:
    return {f.attr: f for f in form_fields(kind)}


def test_the_outline_lists_sections_items_and_fields() -> None:
    outline = build_outline(clinic())
    assert [n.kind for n in outline] == [
        "identity",
        "compliance",
        "entities",
        "roles",
        "pages",
        "tiers",
        "integrations",
        "environments",
        "locales",
    ]
    entities = outline[2]
    assert [e.name for e in entities.children] == ["patient", "appointment"]
    patient = entities.children[0]
    assert patient.path == "/entities/0"
    assert patient.label("ar") == "مريض"
    assert [f.name for f in patient.children] == ["full_name", "phone"]
    assert patient.children[1].node_id == "field:/entities/0/fields/1"
    assert find_node(outline, "role:/roles/0") is not None


def test_a_finding_path_leads_to_the_node_that_edits_it() -> None:
    outline = build_outline(clinic())
    assert node_for_path(outline, "/entities/1/fields/2/enum_values/0").node_id == (
        "field:/entities/1/fields/2"
    )
    assert node_for_path(outline, "/entities/1/label").node_id == "entity:/entities/1"
    assert node_for_path(outline, "/roles/0/permissions/1/entity").node_id == "role:/roles/0"
    assert node_for_path(outline, "/owner").kind == "identity"
    assert node_for_path(outline, "/data_residency/0").kind == "compliance"
    assert node_for_path(outline, "/default_direction").kind == "locales"
    assert node_for_path(outline, "/navigation/0/page").kind == "pages"
    assert node_for_path(outline, "/tiers").kind == "tiers"
    assert node_for_path(outline, "").kind == "identity"


def test_odd_shapes_are_left_out_of_the_tree() -> None:
    outline = build_outline({"entities": [1, {"name": "x", "fields": "nope"}], "roles": "no"})
    entities = next(n for n in outline if n.kind == "entities")
    assert [e.name for e in entities.children] == ["x"]
    assert entities.children[0].children == ()
    assert shape(outline) == shape(build_outline({"entities": [2, {"name": "y"}], "roles": 3}))


def test_every_node_kind_has_a_form_from_its_model() -> None:
    for kind in NODE_MODELS:
        assert form_fields(kind), kind
    field = fields_of("field")
    assert field["label"].kind == "localized"
    assert field["label"].required
    assert field["type"].kind == "choice"
    assert "money" in field["type"].choices
    assert field["required"].kind == "boolean"
    assert field["max_length"].kind == "integer"
    assert field["max_length"].minimum == 1
    assert field["reference"].kind == "entity"
    assert field["on_delete"].optional_choice
    environment = fields_of("environment")
    assert environment["replicas"].default == 1
    assert environment["replicas"].maximum == 100
    assert fields_of("identity")["key"].read_only
    assert fields_of("role")["permissions"].kind == "permissions"
    assert fields_of("tier")["limits"].kind == "mapping"
    assert "fields" not in fields_of("entity")


def test_form_values_go_to_the_document_and_back() -> None:
    field = fields_of("field")
    assert field["label"].shown({"en": "Phone", "ar": "الهاتف"}) == ("Phone", "الهاتف")
    assert field["label"].stored(("Phone", "")) == {"en": "Phone", "ar": ""}
    entity = fields_of("entity")
    assert entity["plural_label"].stored(("", "")) is REMOVE
    assert field["required"].stored(False) is REMOVE
    assert field["required"].stored(True) is True
    assert field["classification"].shown(None) == "internal"
    assert field["classification"].stored("internal") is REMOVE
    assert field["classification"].stored("personal") == "personal"
    assert field["max_length"].stored(None) is REMOVE
    assert field["max_length"].stored(80) == 80
    assert field["enum_values"].stored("booked, done  cancelled") == ["booked", "done", "cancelled"]
    assert field["enum_values"].shown(["a", "b"]) == "a, b"
    assert field["minimum"].stored("10") == 10
    assert field["minimum"].stored("2.50") == "2.50"
    assert field["default"].stored("true") is True
    assert field["default"].stored("x") == "x"
    assert field["description"].stored("") is REMOVE
    environment = fields_of("environment")
    assert environment["replicas"].stored(1) is REMOVE
    assert environment["replicas"].stored(3) == 3
    assert environment["region"].stored("  ") == ""  # required: left for validation to name
    tier = fields_of("tier")
    assert tier["limits"].stored("users=10, storage_gb=x") == {"users": 10, "storage_gb": "x"}
    assert tier["limits"].shown({"users": 10}) == "users=10"
    features = [{"en": "Online booking", "ar": "الحجز عبر الإنترنت"}, {"en": "SSO", "ar": "دخول موحد"}]
    assert tier["features"].kind == "localized_lines"
    assert tier["features"].shown(features) == "Online booking | الحجز عبر الإنترنت\nSSO | دخول موحد"
    assert tier["features"].stored(tier["features"].shown(features)) == features
    assert tier["features"].stored("Reminders\n\n") == [{"en": "Reminders"}]  # Arabic missing
    assert tier["features"].stored("") is REMOVE
    assert tier["entity_limits"].stored("invoice=1000") == {"invoice": 1000}
    assert tier["trial_days"].stored(0) is REMOVE and tier["trial_days"].stored(14) == 14
    locales = fields_of("locales")
    assert locales["locales"].stored(["ar"]) == ["ar"]
    assert fields_of("compliance")["compliance"].stored([]) is REMOVE


def test_a_fields_constraints_follow_its_type() -> None:
    assert relevant("field", "max_length", {"type": "string"})
    assert not relevant("field", "max_length", {"type": "date"})
    assert relevant("field", "max_length", {"type": "date", "max_length": 3})  # set: shown
    assert relevant("field", "currency", {"type": "money"})
    assert relevant("entity", "retention_days", {})


@pytest.mark.parametrize("kind", ["entity", "role", "page", "tier", "integration", "environment"])
def test_new_items_keep_the_blueprint_valid(kind: str) -> None:
    document = clinic()
    section = {
        "entity": "entities",
        "role": "roles",
        "page": "pages",
        "tier": "tiers",
        "integration": "integrations",
        "environment": "environments",
    }[kind]
    document.setdefault(section, []).append(new_item(kind, document))
    blueprint, report = validate_document(document)
    assert blueprint is not None, report.to_json()
    assert not report.errors, report.to_json()


def test_new_fields_and_relations_get_free_names() -> None:
    document = clinic()
    entity = document["entities"][0]
    first = new_item("field", document, entity)
    entity["fields"].append(first)
    second = new_item("field", document, entity)
    assert first["name"] == "new_field"
    assert second["name"] == "new_field_2"
    relation = new_item("relation", document, entity)
    assert relation["target"] == "patient"


def test_templates_open_as_outlines() -> None:
    document = load_template("healthcare")
    outline = build_outline(document)
    entities = next(n for n in outline if n.kind == "entities")
    assert len(entities.children) == len(document["entities"])
