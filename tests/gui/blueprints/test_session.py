"""The editor's state without Qt: edits, undo and redo, raw text, validation, drafts."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.blueprint.document import dump_document, parse_document
from app.domain.blueprint.validation import validate_document
from app.gui.blueprints.drafts import DraftStore
from app.gui.blueprints.session import REMOVE, EditorSession, assign, resolve
from app.paths import data_dir
from tests.services.blueprint_docs import clinic

LABEL = "/entities/0/fields/0/label/en"


def session(**changes: Any) -> EditorSession:
    return EditorSession("clinic", clinic(**changes), 3, validator=validate_document)


# ---------------------------------------------------------------------- edits and undo
def test_a_form_edit_changes_the_document_and_the_raw_text() -> None:
    editor = session()
    assert not editor.dirty
    assert not editor.can_undo
    assert editor.edit(LABEL, "Patient's full name")
    assert editor.value(LABEL) == "Patient's full name"
    assert "en: Patient's full name" in editor.text
    assert parse_document(editor.text, "yaml").data == editor.document
    assert editor.dirty
    assert editor.can_undo


def test_typing_in_one_field_is_one_undo_step() -> None:
    editor = session()
    for typed in ("F", "Fu", "Ful", "Full"):
        editor.edit(LABEL, typed)
    editor.edit("/owner", "Another owner")
    assert editor.undo()
    assert editor.value("/owner") == "Riyadh Care Group"
    assert editor.value(LABEL) == "Full"
    assert editor.undo()
    assert editor.value(LABEL) == "Full name"
    assert not editor.can_undo
    assert not editor.dirty


def test_undo_and_redo_cover_form_and_raw_edits() -> None:
    editor = session()
    original = editor.text
    editor.edit("/owner", "Clinic owner")
    after_form = editor.text
    typed = after_form.replace("tenancy: shared_schema", "tenancy: single_tenant")
    assert editor.replace_text(typed)
    assert editor.value("/tenancy") == "single_tenant"

    assert editor.undo()
    assert editor.text == after_form
    assert editor.value("/tenancy") == "shared_schema"
    assert editor.undo()
    assert editor.text == original
    assert not editor.undo()
    assert editor.redo()
    assert editor.text == after_form
    assert editor.redo()
    assert editor.text == typed
    assert not editor.redo()
    # A new edit after undoing drops what could have been redone.
    editor.undo()
    editor.edit("/owner", "Someone else")
    assert not editor.can_redo


def test_an_edit_after_undo_starts_a_new_step_even_for_the_same_field() -> None:
    editor = session()
    editor.edit("/owner", "A")
    editor.undo()
    editor.edit("/owner", "B")
    editor.edit("/owner", "BC")
    assert editor.undo()
    assert editor.value("/owner") == "Riyadh Care Group"


def test_removing_optional_values_and_items() -> None:
    editor = session(description={"en": "Bookings", "ar": "حجوزات"})
    assert editor.edit("/description", REMOVE)
    assert "description" not in editor.document
    assert editor.remove_item("/entities/1")
    assert [e["name"] for e in editor.document["entities"]] == ["patient"]
    path = editor.add_item("/roles", {"name": "doctor", "label": {"en": "Doctor", "ar": "طبيب"}})
    assert path == "/roles/1"
    assert editor.value("/roles/1/name") == "doctor"
    assert editor.add_item("/tiers", {"key": "basic"}) == "/tiers/0"
    editor.undo()
    assert "tiers" not in editor.document


def test_history_is_bounded() -> None:
    editor = EditorSession("clinic", clinic(), 1, history_limit=5)
    for number in range(10):
        editor.edit("/owner", f"owner {number}", merge=False)
    steps = 0
    while editor.undo():
        steps += 1
    assert steps == 5


# ---------------------------------------------------------------------- raw text
def test_unreadable_text_keeps_the_last_good_document_and_says_where() -> None:
    editor = session()
    good = editor.document
    lines = editor.text.splitlines()
    line = next(i for i, text in enumerate(lines) if text.startswith("tenancy:")) + 1
    lines[line - 1] = "tenancy: shared_schema: broken"
    broken = "\n".join(lines) + "\n"

    assert not editor.replace_text(broken)
    assert not editor.readable
    assert editor.dirty
    assert editor.text == broken
    assert editor.document == good
    findings = editor.validate()
    assert len(findings) == 1
    assert findings[0].finding.source == "parse"
    assert findings[0].line == line
    assert findings[0].column is not None

    # Fixing the text makes it the document again; undo returns to the broken text.
    fixed = broken.replace("shared_schema: broken", "single_tenant")
    assert editor.replace_text(fixed)
    assert editor.readable
    assert editor.value("/tenancy") == "single_tenant"
    editor.undo()
    assert editor.text == broken
    assert not editor.readable


def test_switching_formats_keeps_the_document() -> None:
    editor = session()
    assert editor.set_format("json")
    assert editor.fmt == "json"
    assert editor.text.lstrip().startswith("{")
    assert parse_document(editor.text, "json").data == clinic()
    assert not editor.dirty
    editor.replace_text(editor.text.replace('"owner": "Riyadh Care Group"', '"owner": "X"'))
    assert editor.value("/owner") == "X"
    editor.replace_text("{ not json")
    assert not editor.set_format("yaml")  # unreadable text is not converted
    editor.undo()
    assert editor.set_format("yaml")
    assert editor.value("/owner") == "X"


def test_validation_findings_carry_their_line_and_column() -> None:
    editor = session()
    editor.edit("/environments/0/region", "moon-1")
    editor.edit("/entities/0/fields/1/type", "colour")
    findings = editor.validate()
    assert findings
    assert all(f.line is not None for f in findings)
    by_path = {f.finding.path: f for f in findings}
    wrong_type = by_path["/entities/0/fields/1/type"]
    line_text = editor.text.splitlines()[wrong_type.line - 1]
    assert "type: colour" in line_text
    assert wrong_type.column == line_text.index("colour") + 1


def test_validation_of_a_valid_document_is_quiet() -> None:
    assert session().validate() == []


def test_a_save_makes_the_document_the_new_base() -> None:
    editor = session()
    editor.edit("/owner", "New owner")
    saved = editor.document
    editor.mark_saved(4, saved)
    assert editor.base_version == 4
    assert not editor.dirty
    assert editor.can_undo  # the history survives a save
    editor.undo()
    assert editor.dirty


def test_reload_is_undoable() -> None:
    editor = session()
    editor.edit("/owner", "Mine")
    editor.reload(clinic(owner="Theirs"), 7)
    assert editor.base_version == 7
    assert not editor.dirty
    assert editor.value("/owner") == "Theirs"
    editor.undo()
    assert editor.value("/owner") == "Mine"
    assert editor.dirty


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_any_typed_text_gives_a_document_or_findings_never_an_error(text: str) -> None:
    editor = session()
    readable = editor.replace_text(text)
    assert readable == editor.readable
    assert isinstance(editor.document, dict)
    if not readable:
        assert editor.validate()
        assert editor.document == clinic()


# ---------------------------------------------------------------------- JSON Pointer
def test_pointer_helpers() -> None:
    document: dict[str, Any] = {"a": [{"b": 1}], "c~d": {"e/f": 2}}
    assert resolve(document, "/a/0/b") == 1
    assert resolve(document, "/c~0d/e~1f") == 2
    assert resolve(document, "/a/5", "none") == "none"
    assert assign(document, "/x/y", 3)
    assert document["x"] == {"y": 3}
    assert assign(document, "/a/0/b", REMOVE)
    assert document["a"] == [{}]
    assert assign(document, "/gone/deeper", REMOVE)  # nothing to remove is fine
    assert assign(document, "/a/0/b/c", 1)
    assert document["a"][0] == {"b": {"c": 1}}
    assert not assign(document, "/a/9/b", 1)
    assert not assign(document, "", 1)


# ---------------------------------------------------------------------- drafts
def test_drafts_are_written_read_and_removed(tmp_path: Path) -> None:
    store = DraftStore("local")
    assert store.folder == data_dir() / "drafts" / "local"
    assert store.read("clinic") is None
    text = dump_document(clinic(owner="Draft owner"), "yaml")
    written = store.write("clinic", text, "yaml", 3)
    assert store.text_path("clinic") == data_dir() / "drafts" / "local" / "clinic.yaml"
    assert store.text_path("clinic").read_text(encoding="utf-8") == text
    read = store.read("clinic")
    assert read is not None
    assert (read.text, read.fmt, read.base_version) == (text, "yaml", 3)
    assert read.saved_at == written.saved_at
    # Nothing is left half-written beside it.
    assert sorted(p.name for p in store.folder.iterdir()) == ["clinic.draft.json", "clinic.yaml"]
    store.remove("clinic")
    assert store.read("clinic") is None
    store.remove("clinic")  # removing twice is fine
    del tmp_path


def test_a_draft_is_offered_only_when_newer_and_different() -> None:
    store = DraftStore("local")
    saved_at = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    saved = clinic()
    store.write(
        "clinic",
        dump_document(clinic(owner="Edited"), "yaml"),
        "yaml",
        1,
        now=saved_at + timedelta(seconds=5),
    )
    offered = store.recoverable("clinic", saved_at, saved)
    assert offered is not None
    assert "Edited" in offered.text
    # Older than the saved version: a later save superseded it.
    assert store.recoverable("clinic", saved_at + timedelta(minutes=1), saved) is None
    # The same content as the saved version: nothing to recover.
    store.write("clinic", dump_document(saved, "json"), "json", 1, now=saved_at + timedelta(1))
    assert store.recoverable("clinic", saved_at, saved) is None
    # Unreadable text is still work worth offering.
    store.write("clinic", "entities: [", "yaml", 1, now=saved_at + timedelta(1))
    offered = store.recoverable("clinic", saved_at, saved)
    assert offered is not None
    assert offered.text == "entities: ["


def test_workspace_names_become_safe_folder_names() -> None:
    store = DraftStore("../bank/hq")
    assert store.folder.parent == data_dir() / "drafts"
    assert "/" not in store.folder.name
    assert store.folder.name not in ("..", ".")


def test_a_draft_restores_into_the_session() -> None:
    editor = session()
    draft_text = dump_document(clinic(owner="Recovered"), "json")
    assert editor.restore(draft_text, "json", 2)
    assert editor.fmt == "json"
    assert editor.base_version == 2
    assert editor.value("/owner") == "Recovered"
    assert editor.dirty
    editor.undo()
    assert editor.value("/owner") == "Riyadh Care Group"


@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_unknown_formats_are_refused(fmt: str) -> None:
    editor = session()
    with pytest.raises(ValueError, match="format"):
        editor.set_format("toml")
    assert editor.set_format(fmt)
