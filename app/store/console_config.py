"""The console's own settings file: known workspaces (URLs without passwords) and
preferences. Written atomically, so a crash never leaves half a file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from app.atomic_files import write_json_atomically
from app.domain.errors import WebNovaError
from app.domain.workspace import (
    LANGUAGES,
    LOCAL_WORKSPACE,
    THEMES,
    ConsoleConfig,
    WorkspaceEntry,
)
from app.paths import config_dir, default_workspace_path


class ConfigFileError(WebNovaError):
    pass


def default_local_entry() -> WorkspaceEntry:
    return WorkspaceEntry(name=LOCAL_WORKSPACE, url=f"sqlite:///{default_workspace_path()}")


class JsonConfigRepository:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or (config_dir() / "console.json")

    def load(self) -> ConsoleConfig:
        raw: dict[str, Any] = {}
        if self.path.exists():
            try:
                raw = json.loads(self.path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as exc:
                raise ConfigFileError(f"cannot read settings file {self.path}: {exc}") from None
            if not isinstance(raw, dict):
                raise ConfigFileError(f"settings file {self.path} does not hold a JSON object")
        entries = [default_local_entry()]
        for item in raw.get("workspaces", []):
            try:
                entry = WorkspaceEntry(
                    name=str(item["name"]),
                    url=str(item["url"]),
                    tenant_id=str(item.get("tenant_id", "default")),
                    keeps_password=_flag(item.get("keeps_password")),
                )
            except (KeyError, TypeError):
                raise ConfigFileError(
                    f"settings file {self.path}: a workspace entry lacks name or url"
                ) from None
            if entry.name == LOCAL_WORKSPACE:
                entries[0] = entry
            else:
                entries.append(entry)
        language = raw.get("language", "en")
        theme = raw.get("theme", "system")
        current = str(raw.get("current", LOCAL_WORKSPACE))
        if current not in {e.name for e in entries}:
            current = LOCAL_WORKSPACE
        return ConsoleConfig(
            workspaces=tuple(entries),
            current=current,
            language=language if language in LANGUAGES else "en",
            theme=theme if theme in THEMES else "system",
        )

    def save(self, config: ConsoleConfig) -> None:
        payload = {
            "current": config.current,
            "language": config.language,
            "theme": config.theme,
            "workspaces": [
                {"name": w.name, "url": w.url, "tenant_id": w.tenant_id,
                 **({} if w.keeps_password is None else {"keeps_password": w.keeps_password})}
                for w in config.workspaces
            ],
        }
        write_json_atomically(self.path, payload, indent=2)


def _flag(value: object) -> bool | None:
    return value if isinstance(value, bool) else None
