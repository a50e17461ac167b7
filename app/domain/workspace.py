"""Workspaces and console preferences as the console remembers them (no secrets here)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

LOCAL_WORKSPACE = "local"
DEFAULT_TENANT = "default"
LANGUAGES = ("en", "ar")
THEMES = ("system", "light", "dark")
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")


class WorkspaceNameError(ValueError):
    pass


def check_workspace_name(name: str) -> str:
    if not _NAME.match(name or ""):
        raise WorkspaceNameError(
            f"workspace name {name!r} is not valid: use 1-40 letters, digits, '.', '_' or '-', "
            "starting with a letter or digit"
        )
    return name


@dataclass(frozen=True)
class WorkspaceEntry:
    """A workspace the console knows. ``url`` never carries a password."""

    name: str
    url: str
    tenant_id: str = DEFAULT_TENANT
    # Whether a password for it is in the keyring: False for trust, peer, .pgpass or client
    # certificates, which need no keyring at all; None for entries from before it was noted.
    keeps_password: bool | None = None

    @property
    def kind(self) -> str:
        return "postgresql" if self.url.startswith("postgresql") else "sqlite"

    @property
    def password_secret(self) -> str:
        return f"workspace/{self.name}/db-password"


@dataclass(frozen=True)
class ConsoleConfig:
    workspaces: tuple[WorkspaceEntry, ...] = ()
    current: str = LOCAL_WORKSPACE
    language: str = "en"
    theme: str = "system"
    extra: dict[str, object] = field(default_factory=dict)

    def get(self, name: str) -> WorkspaceEntry | None:
        return next((w for w in self.workspaces if w.name == name), None)

    def with_workspace(self, entry: WorkspaceEntry) -> ConsoleConfig:
        others = tuple(w for w in self.workspaces if w.name != entry.name)
        return replace(self, workspaces=(*others, entry))

    def without_workspace(self, name: str) -> ConsoleConfig:
        return replace(self, workspaces=tuple(w for w in self.workspaces if w.name != name))
