"""Where each blueprint's platform was last generated on this machine
(``<data dir>/platforms.json``), so ``webnova runtime up KEY`` finds its folder."""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from pathlib import Path

from app.paths import data_dir


class JsonPlatformRegistry:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or data_dir() / "platforms.json"

    def known(self) -> dict[str, Path]:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (FileNotFoundError, json.JSONDecodeError, UnicodeDecodeError):
            return {}
        if not isinstance(data, dict):
            return {}
        return {str(k): Path(v) for k, v in sorted(data.items()) if isinstance(v, str)}

    def lookup(self, key: str) -> Path | None:
        return self.known().get(key)

    def remember(self, key: str, root: Path) -> None:
        entries = {k: str(v) for k, v in self.known().items()}
        if entries.get(key) == str(root):
            return
        entries[key] = str(root)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=self.path.parent, prefix=".platforms.", suffix=".tmp")
        try:
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                json.dump(entries, stream, ensure_ascii=False, indent=2, sort_keys=True)
                stream.write("\n")
            os.replace(temporary, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
            raise
