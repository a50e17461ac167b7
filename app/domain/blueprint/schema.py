"""The blueprint JSON Schema, generated from the models (resources/schemas/ holds a copy)."""

from __future__ import annotations

import json
from typing import Any

from app.domain.blueprint.model import Blueprint

SCHEMA_ID = "https://webnova.console/schemas/blueprint-2.schema.json"  # 2: tiers that sell (see upcast.py)


def blueprint_json_schema() -> dict[str, Any]:
    schema = Blueprint.model_json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        **schema,
    }


def blueprint_json_schema_text() -> str:
    return json.dumps(blueprint_json_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
