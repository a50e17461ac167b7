"""Drafts: the editor's working text on disk, so a crash loses seconds, not work (Qt-free).

A draft is ``<data>/drafts/<workspace>/<key>.yaml`` (the raw text, YAML or JSON, exactly
as typed) and ``<key>.draft.json`` beside it (the format, the version it was based on and
when it was written). Both are written to a temporary file first and moved into place,
so a draft is either the previous one or the new one, never half of each.
"""

from __future__ import annotations

import contextlib
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.domain.blueprint.document import parse_document
from app.gui.blueprints.files import write_atomically
from app.paths import data_dir

AUTOSAVE_INTERVAL_MS = 2000


@dataclass(frozen=True)
class Draft:
    key: str
    text: str
    fmt: str
    base_version: int | None
    saved_at: datetime


def _safe_name(name: str) -> str:
    """A file name made of ``name`` (workspace names may hold characters a file may not)."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]", "_", name).strip(".")
    return cleaned or "_"


class DraftStore:
    def __init__(self, workspace: str, root: Path | None = None) -> None:
        self.folder = (root or data_dir() / "drafts") / _safe_name(workspace)

    def text_path(self, key: str) -> Path:
        return self.folder / f"{_safe_name(key)}.yaml"

    def meta_path(self, key: str) -> Path:
        return self.folder / f"{_safe_name(key)}.draft.json"

    def write(self, key: str, text: str, fmt: str, base_version: int | None,
              now: datetime | None = None) -> Draft:
        saved_at = now or datetime.now(UTC)
        meta = {"key": key, "format": fmt, "base_version": base_version,
                "saved_at": saved_at.isoformat()}
        write_atomically(self.text_path(key), text)
        write_atomically(self.meta_path(key), json.dumps(meta, indent=2) + "\n")
        return Draft(key, text, fmt, base_version, saved_at)

    def read(self, key: str) -> Draft | None:
        path = self.text_path(key)
        try:
            text = path.read_text(encoding="utf-8")
            modified = datetime.fromtimestamp(path.stat().st_mtime, UTC)
        except (OSError, UnicodeDecodeError):
            return None
        meta = self._meta(key)
        fmt = meta.get("format")
        if fmt not in ("yaml", "json"):
            fmt = "json" if text.lstrip().startswith("{") else "yaml"
        base = meta.get("base_version")
        saved_at = modified
        if isinstance(meta.get("saved_at"), str):
            with contextlib.suppress(ValueError):
                saved_at = datetime.fromisoformat(meta["saved_at"])
        return Draft(key, text, fmt, base if isinstance(base, int) else None, saved_at)

    def _meta(self, key: str) -> dict[str, Any]:
        try:
            meta = json.loads(self.meta_path(key).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        return meta if isinstance(meta, dict) else {}

    def remove(self, key: str) -> None:
        for path in (self.meta_path(key), self.text_path(key)):
            with contextlib.suppress(FileNotFoundError):
                path.unlink()

    def recoverable(self, key: str, saved_at: datetime,
                    saved_document: dict[str, Any]) -> Draft | None:
        """The draft of ``key`` when it is newer than the saved version and says
        something that version does not."""
        draft = self.read(key)
        if draft is None:
            return None
        when = saved_at if saved_at.tzinfo else saved_at.replace(tzinfo=UTC)
        draft_time = draft.saved_at if draft.saved_at.tzinfo else draft.saved_at.replace(tzinfo=UTC)
        if draft_time <= when:
            return None
        parsed = parse_document(draft.text, draft.fmt)
        if parsed.data is not None and parsed.data == saved_document:
            return None
        return draft
