"""Schema errors are said in words, in English and Arabic, with the pointer kept: never
pydantic's own phrasing ("String should match pattern '^[a-z]…'")."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from app.domain.blueprint.validation import validate_document
from tests.services.blueprint_docs import clinic

PYDANTIC = ("should", "Input", "Field required", "Extra inputs", "pattern '", "errors", "^[")


def _set(path: list[Any], value: Any) -> Callable[[dict[str, Any]], None]:
    def mutate(doc: dict[str, Any]) -> None:
        node: Any = doc
        for part in path[:-1]:
            node = node[part]
        node[path[-1]] = value
    return mutate


CASES = [
    (_set(["entities", 0, "name"], "Patient X"), "/entities/0/name", "lower_snake_case"),
    (_set(["key"], "Clinic!"), "/key", "lower-case letters, digits and '-'"),
    (_set(["entities", 0, "fields", 0, "max_length"], 0), "/entities/0/fields/0/max_length", "at least 1"),
    (_set(["entities", 0, "fields", 0, "type"], "colour"), "/entities/0/fields/0/type", "must be one of: string"),
    (_set(["entities", 0, "fields", 0, "colour"], "red"), "/entities/0/fields/0/colour", "not an attribute"),
    (_set(["entities", 0, "fields", 0, "required"], "perhaps"), "/entities/0/fields/0/required", "true or false"),
    (_set(["environments", 0, "region"], "X"), "/environments/0/region", "lower-case letters, digits and '-'"),
    (lambda d: d.pop("owner"), "/owner", "is required"),
    (_set(["entities"], []), "/entities", "at least 1 item"),
]


@pytest.mark.parametrize(("mutate", "path", "words"), CASES)
def test_schema_errors_in_words(mutate: Callable[[dict[str, Any]], None], path: str, words: str) -> None:
    doc = clinic()
    mutate(doc)
    blueprint, report = validate_document(doc)
    assert blueprint is None
    (finding,) = [f for f in report.findings if f.path == path]
    assert finding.message_en == f"{path}: {finding.message_en.split(': ', 1)[1]}"
    assert words in finding.message_en
    for phrase in PYDANTIC:
        assert phrase not in finding.message_en
    assert any("\u0600" <= ch <= "\u06ff" for ch in finding.message_ar)
    assert f"\u2066{path}\u2069" in finding.message_ar


def test_counted_limits_agree_with_their_number_in_arabic() -> None:
    doc = clinic()
    doc["entities"] = []
    _blueprint, report = validate_document(doc)
    (finding,) = [f for f in report.findings if f.path == "/entities"]
    assert "needs at least 1 item" in finding.message_en  # not "1 items"
    assert "يحتاج إلى عنصر واحد على الأقل" in finding.message_ar  # not «1 عنصرًا»
