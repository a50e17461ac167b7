"""Writing a file so that a reader sees the old content or the new, never half of either."""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO


@contextmanager
def atomic_text_file(path: Path, *, private: bool = False) -> Iterator[TextIO]:
    """A file that appears complete at ``path`` when the block ends (flushed to disk), or
    not at all. ``private``: readable by its owner only (0600) from the first byte."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        if private:
            os.fchmod(fd, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_json_atomically(path: Path, payload: Any, *, private: bool = False, indent: int | None = None) -> None:
    """``payload`` as JSON at ``path`` (its folder made if need be), written through
    :func:`atomic_text_file`."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with atomic_text_file(path, private=private) as handle:
        json.dump(payload, handle, ensure_ascii=False, indent=indent)
