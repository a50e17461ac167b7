"""What a generation reports: per file its change kind and diff, the file tree, counts,
and progress while it runs. Plain data for the CLI (``--json``) and the GUI."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from app.domain.codegen.lock import LockChange
from app.domain.codegen.merge import ChangeKind, unified_diff
from app.domain.codegen.spec import CodegenError


class GenerationCancelledError(CodegenError):
    def __init__(self) -> None:
        super().__init__("generation cancelled; nothing was written",
                         "أُلغي التوليد؛ لم يُكتب أي شيء")


@dataclass(frozen=True)
class GenerationProgress:
    phase: str  # "render", "compare", "write", "commit"
    done: int
    total: int
    current: str  # the file being worked on ("" between phases)

    @property
    def fraction(self) -> float:
        return self.done / self.total if self.total else 1.0


@dataclass(frozen=True)
class FileChange:
    path: str
    kind: ChangeKind
    before: str | None = None  # the file on disk before, when it changed
    after: str | None = None  # the file on disk after (or the generated text for a conflict)
    owner_edited: bool = False
    conflict_file: str | None = None
    reason: str = ""

    @property
    def diff(self) -> str:
        """Unified diff of the change on disk; for a conflict, from your file to the
        generated one."""
        if self.kind is ChangeKind.unchanged:
            return ""
        return unified_diff(self.path, self.before, self.after)

    @property
    def touched(self) -> bool:
        """Whether regeneration wrote or deleted something for this file."""
        if self.conflict_file is not None:
            return True
        written = (ChangeKind.added, ChangeKind.changed, ChangeKind.merged, ChangeKind.removed)
        return self.kind in written and self.before != self.after

    def to_json(self, with_diff: bool = False) -> dict[str, Any]:
        data: dict[str, Any] = {"path": self.path, "kind": self.kind.value,
                                "owner_edited": self.owner_edited}
        if self.conflict_file:
            data["conflict_file"] = self.conflict_file
        if self.reason:
            data["reason"] = self.reason
        if with_diff:
            data["diff"] = self.diff
        return data


@dataclass(frozen=True)
class FileTreeNode:
    name: str
    path: str
    kind: ChangeKind | None = None  # None for folders
    children: tuple[FileTreeNode, ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "path": self.path}
        if self.kind is not None:
            data["kind"] = self.kind.value
        if self.children:
            data["children"] = [c.to_json() for c in self.children]
        return data


def file_tree(changes: tuple[FileChange, ...]) -> FileTreeNode:
    """The changed files as a folder tree (folders first, then files, by name)."""
    root: dict[str, Any] = {}
    kinds = {}
    for change in changes:
        node = root
        parts = change.path.split("/")
        for part in parts[:-1]:
            node = node.setdefault(part + "/", {})
        node[parts[-1]] = None
        kinds[change.path] = change.kind

    def build(name: str, path: str, tree: dict[str, Any]) -> FileTreeNode:
        folders = sorted(k for k in tree if k.endswith("/"))
        files = sorted(k for k in tree if not k.endswith("/"))
        children = [build(k[:-1], f"{path}{k}", tree[k]) for k in folders]
        children += [FileTreeNode(k, f"{path}{k}", kinds[f"{path}{k}"]) for k in files]
        return FileTreeNode(name, path.rstrip("/"), None, tuple(children))

    return build("", "", root)


@dataclass(frozen=True)
class GenerationResult:
    key: str
    version: int | None
    root: Path
    package: str
    files: tuple[FileChange, ...]
    commit: str | None
    seconds: float
    dry_run: bool = False
    warnings: tuple[str, ...] = field(default=())
    lock_changes: tuple[LockChange, ...] = field(default=())  # packages an upgrade moved

    def counts(self) -> dict[str, int]:
        result = {kind.value: 0 for kind in ChangeKind}
        for change in self.files:
            result[change.kind.value] += 1
        return result

    @property
    def conflicts(self) -> tuple[FileChange, ...]:
        return tuple(c for c in self.files if c.kind is ChangeKind.conflict)

    @property
    def touched(self) -> tuple[FileChange, ...]:
        return tuple(c for c in self.files if c.touched)

    def tree(self) -> FileTreeNode:
        return file_tree(self.files)

    def to_json(self, with_diffs: bool = False) -> dict[str, Any]:
        return {
            "blueprint": self.key,
            "version": self.version,
            "out": str(self.root),
            "package": self.package,
            "commit": self.commit,
            "dry_run": self.dry_run,
            "seconds": round(self.seconds, 3),
            "counts": self.counts(),
            "touched": [c.path for c in self.touched],
            "conflicts": [c.to_json() for c in self.conflicts],
            "warnings": list(self.warnings),
            "lock_changes": [{"package": c.name, "from": c.old, "to": c.new} for c in self.lock_changes],
            "files": [c.to_json(with_diffs) for c in self.files],
        }


@dataclass(frozen=True)
class GenerationCommit:
    id: str
    time: datetime
    author: str
    summary: str
    blueprint: str | None
    version: int | None

    def to_json(self) -> dict[str, Any]:
        return {"commit": self.id, "time": self.time.isoformat(), "author": self.author,
                "summary": self.summary, "blueprint": self.blueprint, "version": self.version}
