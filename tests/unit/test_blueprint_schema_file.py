"""The checked-in JSON Schema is the one the models generate."""

from __future__ import annotations

import jsonschema

from app.domain.blueprint.schema import blueprint_json_schema, blueprint_json_schema_text
from app.paths import resources_dir
from tests.services.blueprint_docs import clinic


def test_schema_file_is_current() -> None:
    path = resources_dir() / "schemas" / "blueprint.schema.json"
    assert path.read_text(encoding="utf-8") == blueprint_json_schema_text(), (
        "resources/schemas/blueprint.schema.json is stale: run `webnova blueprint schema --write`"
    )


def test_schema_accepts_a_valid_blueprint_and_refuses_a_broken_one() -> None:
    validator = jsonschema.Draft202012Validator(blueprint_json_schema())
    assert list(validator.iter_errors(clinic())) == []
    broken = clinic()
    broken["entities"][0]["fields"][0]["type"] = "strin"
    assert [e.json_path for e in validator.iter_errors(broken)] == ["$.entities[0].fields[0].type"]
