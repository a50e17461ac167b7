"""A proposal's changes as an owner reads them, in English and in Arabic: no Python data,
values isolated for direction, permissions as actions granted and taken away."""

from __future__ import annotations

import pytest

from app.domain.blueprint.diff import AttributeChange, Change, semantic_diff

ISOLATES = ("\u2066", "\u2067", "\u2068", "\u2069")


def plain(text: str) -> str:
    for mark in ISOLATES:
        text = text.replace(mark, "")
    return text


def test_permissions_read_as_actions_granted_and_taken_away() -> None:
    change = Change("changed", "roles", "patient", (AttributeChange(
        "permissions",
        [{"entity": "lab_result", "actions": ["list", "read", "export"]}],
        [{"entity": "lab_result", "actions": ["list", "read"], "own_records_only": True},
         {"entity": "invoice", "actions": ["read"]}]),))
    assert plain(change.describe()) == (
        "role patient changed (permissions: invoice: +read; lab_result: −export, +own records)")
    arabic = plain(change.describe("ar"))
    assert arabic == "تغيّر دور patient (الصلاحيات: invoice: +read؛ lab_result: −export, +سجلاته فقط)"


@pytest.mark.parametrize("language", ["en", "ar"])
def test_no_change_ever_shows_python_data(language: str) -> None:
    old = {"navigation": [{"page": "dashboard"}], "locales": ["ar"],
           "roles": [{"name": "patient", "label": {"en": "Patient", "ar": "مريض"}, "permissions": []}]}
    new = {"navigation": [{"page": "dashboard"}, {"page": "patients"}], "locales": ["ar", "en"],
           "roles": [{"name": "patient", "label": {"en": "Patient", "ar": "المريض"},
                      "permissions": [{"entity": "visit", "actions": ["read"]}]}]}
    for change in semantic_diff(old, new).changes:
        text = change.describe(language)
        for python in ("{'", "'}", "['", "']", "True", "False", "None"):
            assert python not in text, text


def test_values_are_isolated_and_words_are_arabic() -> None:
    change = Change("changed", "fields", "patient.phone",
                    (AttributeChange("type", "string", "text"), AttributeChange("required", False, True)))
    text = change.describe("ar")
    assert "\u2068string\u2069 → \u2068text\u2069" in text
    assert "إلزامي: \u2068لا\u2069 → \u2068نعم\u2069" in text
    assert "required" not in text


def _attributes_of_the_blueprint() -> set[str]:
    """Every attribute name a blueprint (and anything inside it) can have."""
    import typing

    from pydantic import BaseModel

    from app.domain.blueprint.model import Blueprint

    seen: set[type] = set()
    names: set[str] = set()

    def walk(model: type[BaseModel]) -> None:
        if model in seen:
            return
        seen.add(model)
        for name, spec in model.model_fields.items():
            names.add(name)
            pending: list[object] = [spec.annotation]
            while pending:
                kind = pending.pop()
                pending.extend(typing.get_args(kind))
                if isinstance(kind, type) and issubclass(kind, BaseModel):
                    walk(kind)

    walk(Blueprint)
    return names


def test_every_attribute_of_a_blueprint_has_an_arabic_name() -> None:
    """A diff in Arabic names each changed attribute in Arabic: none stays English."""
    from app.domain.blueprint.diff import ATTRIBUTE_NAMES, ENTITY_COLLECTIONS, NAMED_SECTIONS

    sections = set(NAMED_SECTIONS) | set(ENTITY_COLLECTIONS)
    localized_text = {"en", "ar"}  # the two halves of a bilingual text, shown as its value
    unnamed = _attributes_of_the_blueprint() - set(ATTRIBUTE_NAMES) - sections - localized_text
    assert unnamed == set()
    for english, arabic in ATTRIBUTE_NAMES.values():
        assert english and any("\u0600" <= c <= "\u06ff" for c in arabic), (english, arabic)


def test_an_attribute_changed_in_arabic_is_named_in_arabic() -> None:
    change = Change("changed", "fields", "patient.fee",
                    (AttributeChange("scale", 2, 3), AttributeChange("max_size_mb", 5, 10)))
    arabic = plain(change.describe("ar"))
    assert "scale" not in arabic and "max_size_mb" not in arabic
    assert "المنازل العشرية: ٢ → ٣" in arabic
