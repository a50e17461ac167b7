"""Blueprint files on disk, and who is editing (Qt-free)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path

SUFFIXES = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def format_for_path(path: Path) -> str | None:
    """"yaml" or "json" by the file's suffix; None lets the reader tell by content."""
    return SUFFIXES.get(path.suffix.lower())


def path_with_format(path: Path, fmt: str) -> Path:
    """``path`` with a suffix matching ``fmt`` when it has none of ours."""
    if path.suffix.lower() in SUFFIXES:
        return path
    return path.with_name(path.name + (".json" if fmt == "json" else ".yaml"))


def write_atomically(path: Path, text: str) -> None:
    """Write to a temporary file beside ``path`` and move it into place: readers see the
    old content or the new, never half of it."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


def current_actor() -> str:
    """The person at this console, as recorded on the versions they save."""
    from app.bootstrap import console_user  # the database layer is loaded by now

    return console_user()
