"""What regeneration decides for each file, and the manifest that remembers a generation."""

from __future__ import annotations

import pytest

from app.domain.codegen.manifest import BlueprintRef, Manifest, sha256_text
from app.domain.codegen.merge import ChangeKind, decide, three_way
from app.domain.codegen.schema import Schema

BASE = "one\ntwo\nthree\nfour\nfive\n"


def test_new_and_unchanged_files() -> None:
    assert decide("a.py", None, BASE, None).kind is ChangeKind.added
    assert decide("a.py", BASE, BASE, BASE).kind is ChangeKind.unchanged
    restored = decide("a.py", BASE, BASE, None)
    assert restored.kind is ChangeKind.added
    assert restored.write == BASE


def test_untouched_file_takes_the_new_generation() -> None:
    new = BASE.replace("two", "TWO")
    decision = decide("a.py", BASE, new, BASE)
    assert decision.kind is ChangeKind.changed
    assert decision.write == new


def test_owner_edits_are_kept_when_the_generation_did_not_change() -> None:
    mine = BASE.replace("four", "four (mine)")
    decision = decide("a.py", BASE, BASE, mine)
    assert decision.kind is ChangeKind.unchanged
    assert decision.owner_edited
    assert decision.write is None


def test_owner_edits_merge_with_a_changed_generation() -> None:
    mine = BASE.replace("five", "five (mine)")
    new = BASE.replace("one", "ONE")
    decision = decide("a.py", BASE, new, mine)
    assert decision.kind is ChangeKind.merged
    assert decision.write == "ONE\ntwo\nthree\nfour\nfive (mine)\n"


def test_overlapping_edits_are_a_conflict_and_the_owner_file_is_left_alone() -> None:
    mine = BASE.replace("three", "three (mine)")
    new = BASE.replace("three", "THREE")
    decision = decide("a.py", BASE, new, mine)
    assert decision.kind is ChangeKind.conflict
    assert decision.write is None
    assert not decision.delete
    assert decision.conflict_path == "a.py.conflict"
    assert decision.conflict_text is not None
    assert "<<<<<<< yours\nthree (mine)\n" in decision.conflict_text
    assert "=======\nTHREE\n>>>>>>> generated\n" in decision.conflict_text


def test_files_no_longer_generated() -> None:
    assert decide("a.py", BASE, None, BASE).delete
    kept = decide("a.py", BASE, None, BASE + "mine\n")
    assert kept.kind is ChangeKind.conflict
    assert not kept.delete
    assert decide("a.py", BASE, None, None).kind is ChangeKind.removed


def test_a_file_of_yours_at_a_generated_path_is_not_overwritten() -> None:
    decision = decide("a.py", None, BASE, "my own file\n")
    assert decision.kind is ChangeKind.conflict
    assert decision.write is None


def test_lost_base_copy_falls_back_on_the_recorded_hash() -> None:
    new = BASE.replace("one", "ONE")
    assert decide("a.py", None, new, BASE, recorded_hash_matches=True).kind is ChangeKind.changed


def test_an_unresolved_conflict_stays_reported() -> None:
    mine = BASE.replace("three", "three (mine)")
    assert decide("a.py", BASE, BASE, mine, unresolved=True).kind is ChangeKind.conflict


def test_three_way_merge_of_identical_changes_is_clean() -> None:
    same = BASE.replace("two", "2")
    merged, conflicted = three_way(BASE, same, same)
    assert merged == same
    assert not conflicted


def test_manifest_round_trip_is_byte_stable() -> None:
    manifest = Manifest(BlueprintRef("clinic", 3, "ab" * 32), "clinic_api",
                        {"b.py": sha256_text("b"), "a.py": sha256_text("a")}, Schema(),
                        ("migrations/versions/0001_initial.py",), ("a.py",))
    text = manifest.to_text()
    again = Manifest.from_text(text)
    assert again == manifest
    assert again.to_text() == text
    assert text.index('"a.py"') < text.index('"b.py"')


@pytest.mark.parametrize("text", ["", "not json", "[]", '{"format": 99}', '{"format": 1, "files": 3}'])
def test_damaged_manifests_are_refused_with_a_reason(text: str) -> None:
    with pytest.raises(ValueError, match="manifest"):
        Manifest.from_text(text)
