"""What regeneration does with one file, given three versions of it: the previous
generation (the base), the new generation, and what is on disk now (the owner's).

An owner's edit is never overwritten silently: unchanged regions of the owner's file take
the new generation, edited regions stay, and where both changed the same lines the
owner's file is left as it is and a ``.conflict`` file beside it shows both sides."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from enum import StrEnum

from merge3 import Merge3

from app.domain.codegen.manifest import CONFLICT_SUFFIX


class ChangeKind(StrEnum):
    added = "added"
    changed = "changed"
    unchanged = "unchanged"
    removed = "removed"
    merged = "merged"
    conflict = "conflict"


@dataclass(frozen=True)
class FileDecision:
    path: str
    kind: ChangeKind
    write: str | None = None  # new content for the file on disk (None: leave it)
    delete: bool = False
    conflict_text: str | None = None  # content of ``path + .conflict``
    owner_edited: bool = False
    reason: str = ""

    @property
    def conflict_path(self) -> str | None:
        return self.path + CONFLICT_SUFFIX if self.conflict_text is not None else None


def unified_diff(path: str, before: str | None, after: str | None) -> str:
    if before == after:
        return ""
    lines = difflib.unified_diff(
        (before or "").splitlines(keepends=True),
        (after or "").splitlines(keepends=True),
        fromfile=f"a/{path}" if before is not None else "/dev/null",
        tofile=f"b/{path}" if after is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n"
                   for line in lines)


def three_way(base: str, mine: str, theirs: str) -> tuple[str, bool]:
    """Merge the owner's text (``mine``) and the new generation (``theirs``) from their
    common ``base``. Returns the merged text and whether it has conflicts (then the text
    carries conflict markers)."""
    merger = Merge3(base.splitlines(keepends=True), mine.splitlines(keepends=True),
                    theirs.splitlines(keepends=True))
    conflicted = any(region[0] == "conflict" for region in merger.merge_regions())
    lines = merger.merge_lines(
        name_a="yours", name_b="generated", name_base="previous generation",
        start_marker="<<<<<<<", mid_marker="=======", end_marker=">>>>>>>", base_marker="|||||||",
    )
    return "".join(lines), conflicted


def decide(path: str, base: str | None, new: str | None, current: str | None,
           recorded_hash_matches: bool = False, unresolved: bool = False) -> FileDecision:
    """The decision for one file. ``base`` is the previous generation's content (None if
    the file was not generated before or its copy is lost), ``new`` the new generation's
    (None if no longer generated), ``current`` the file on disk (None if absent).
    ``recorded_hash_matches`` says the disk content still has the hash the manifest
    recorded (used when the base copy is lost). ``unresolved`` says a ``.conflict`` file
    from an earlier generation is still there."""
    untouched = current is not None and (current == base or (base is None and recorded_hash_matches))
    if new is None:
        if current is None:
            return FileDecision(path, ChangeKind.removed, reason="no longer generated")
        if untouched:
            return FileDecision(path, ChangeKind.removed, delete=True, reason="no longer generated")
        return FileDecision(path, ChangeKind.conflict, owner_edited=True,
                            reason="no longer generated, but you edited it; your copy is kept")
    if current is None:
        if base is None:
            return FileDecision(path, ChangeKind.added, write=new)
        return FileDecision(path, ChangeKind.added, write=new, reason="was missing; restored")
    if current == new:
        if unresolved:
            return FileDecision(path, ChangeKind.unchanged, owner_edited=base != new,
                                reason="matches the generation; the old .conflict file can go")
        return FileDecision(path, ChangeKind.unchanged, owner_edited=base is not None and base != new)
    if untouched:
        return FileDecision(path, ChangeKind.changed, write=new)
    if base is None:
        text, _ = three_way("", current, new)
        return FileDecision(path, ChangeKind.conflict, conflict_text=text, owner_edited=True,
                            reason="a file you made has the path of a generated file")
    if new == base:
        if unresolved:
            return FileDecision(path, ChangeKind.conflict, owner_edited=True,
                                reason="an earlier conflict is not resolved yet")
        return FileDecision(path, ChangeKind.unchanged, owner_edited=True,
                            reason="your edits are kept; the generator's output did not change")
    merged, conflicted = three_way(base, current, new)
    if conflicted:
        return FileDecision(path, ChangeKind.conflict, conflict_text=merged, owner_edited=True,
                            reason="your edits and the new generation change the same lines")
    return FileDecision(path, ChangeKind.merged, write=merged, owner_edited=True,
                        reason="your edits merged with the new generation")
