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
