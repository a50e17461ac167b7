"""Files a generation left in conflict, and resolving them (Qt-free, blocking file work:
run it off the GUI thread).

A conflict leaves the owner's file as it was and writes ``<file>.conflict`` beside it with
both sides; the generated text is kept in ``.webnova/base/<file>``. Resolving means:

- keep mine: delete the ``.conflict`` file, so the conflict is no longer reported and the
  next generation keeps the owner's file;
- take generated: write the generated text over the owner's file (delete it when the
  generation no longer has that file) and delete the ``.conflict`` file.

The next generation commits what was resolved.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from app.domain.codegen.manifest import CONFLICT_SUFFIX, MANIFEST_PATH, Manifest, base_path
from app.domain.codegen.merge import ChangeKind
from app.domain.codegen.results import GenerationResult


class ConflictFileError(OSError):
    """A path that would leave the platform folder."""


@dataclass(frozen=True)
class OpenConflict:
    path: str
    report: str | None  # the .conflict file (None when there is none)
    generated: str | None  # what the generation has for this file (None: no longer generated)
    reason: str = ""  # the generation's reason (English), when known

    @property
    def conflict_file(self) -> str:
        return self.path + CONFLICT_SUFFIX


def _inside(root: Path, path: str) -> Path:
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or pure.parts[0] == ".git":
        raise ConflictFileError(f"{path!r} leaves the platform folder {root}")
    return root.joinpath(*pure.parts)


def _read(root: Path, path: str) -> str | None:
    try:
        data = _inside(root, path).read_bytes()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    return data.decode("utf-8", errors="replace")


def manifest_conflicts(root: Path) -> tuple[str, ...]:
    """The conflicts the folder's manifest records (resolved or not)."""
    text = _read(root, MANIFEST_PATH)
    if text is None:
        return ()
    try:
        return Manifest.from_text(text).conflicts
    except ValueError:
        return ()


def open_conflicts(root: Path, result: GenerationResult | None = None,
                   dismissed: frozenset[str] = frozenset()) -> list[OpenConflict]:
    """Conflicts not resolved yet: those of ``result`` (the last generation of ``root`` in
    this session) and those the manifest records, while their ``.conflict`` file is there.
    A conflict without a ``.conflict`` file (a file the owner edited that is no longer
    generated) stays listed while the file exists, unless it is in ``dismissed``."""
    reasons: dict[str, str] = {}
    without_report: set[str] = set()
    if result is not None and not result.dry_run and result.root == root:
        for change in result.files:
            if change.kind is ChangeKind.conflict:
                reasons[change.path] = change.reason
                if change.conflict_file is None:
                    without_report.add(change.path)
    paths = sorted(set(reasons) | set(manifest_conflicts(root)))
    found = []
    for path in paths:
        report = _read(root, path + CONFLICT_SUFFIX)
        missing = path not in without_report or path in dismissed or _read(root, path) is None
        if report is None and missing:
            continue
        found.append(OpenConflict(path, report, _read(root, base_path(path)), reasons.get(path, "")))
    return found


def keep_mine(root: Path, conflict: OpenConflict) -> None:
    """Keep the owner's file as it is: the conflict report goes."""
    with contextlib.suppress(FileNotFoundError):
        _inside(root, conflict.conflict_file).unlink()


def take_generated(root: Path, conflict: OpenConflict) -> None:
    """Replace the owner's file with the generated text (or delete it when the generation
    no longer has it); the conflict report goes."""
    target = _inside(root, conflict.path)
    generated = _read(root, base_path(conflict.path))
    if generated is None:
        generated = conflict.generated
    if generated is None:
        with contextlib.suppress(FileNotFoundError):
            target.unlink()
    else:
        _write_atomically(target, generated)
    keep_mine(root, conflict)


def _write_atomically(target: Path, text: str) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
