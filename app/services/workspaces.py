"""The catalogue of workspaces: add, remove, choose. Passwords go to the keyring only."""

from __future__ import annotations

from dataclasses import replace
from urllib.parse import parse_qs, urlsplit

from app.domain.errors import InvalidWorkspaceUrlError, WorkspaceError
from app.domain.workspace import (
    LOCAL_WORKSPACE,
    ConsoleConfig,
    WorkspaceEntry,
    check_workspace_name,
)
from app.services.ports import ConsoleConfigRepository, SecretStore


class WorkspaceCatalog:
    def __init__(self, config: ConsoleConfigRepository, secrets: SecretStore) -> None:
        self.config_repo = config
        self.secrets = secrets

    def load(self) -> ConsoleConfig:
        return self.config_repo.load()

    def list(self) -> list[WorkspaceEntry]:
        return list(self.load().workspaces)

    def current(self) -> WorkspaceEntry:
        config = self.load()
        entry = config.get(config.current)
        assert entry is not None  # load() always includes the local workspace
        return entry

    def get(self, name: str) -> WorkspaceEntry:
        entry = self.load().get(name)
        if entry is None:
            raise WorkspaceError(f"no workspace named {name!r}")
        return entry

    def add(
        self, name: str, url_without_password: str, password: str | None, tenant_id: str
    ) -> WorkspaceEntry:
        """Remember a workspace. The caller has already split the password off the URL."""
        check_workspace_name(name)
        if name == LOCAL_WORKSPACE:
            raise WorkspaceError("'local' is the built-in workspace; choose another name")
        if _has_password(url_without_password):
            raise InvalidWorkspaceUrlError("the URL to remember must not contain a password")
        if not tenant_id.strip():
            raise WorkspaceError("the tenant must not be empty")
        entry = WorkspaceEntry(name=name, url=url_without_password, tenant_id=tenant_id)
        if entry.kind == "postgresql":
            entry = replace(entry, keeps_password=bool(password))
        if password:
            self.secrets.set(entry.password_secret, password)
        self.config_repo.save(self.load().with_workspace(entry))
        return entry

    def remove(self, name: str) -> None:
        entry = self.get(name)
        if name == LOCAL_WORKSPACE:
            raise WorkspaceError("the local workspace cannot be removed")
        if entry.kind == "postgresql" and entry.keeps_password is not False:
            self.secrets.delete(entry.password_secret)  # only these may have one in the keyring
        config = self.load().without_workspace(name)
        if config.current == name:
            config = replace(config, current=LOCAL_WORKSPACE)
        self.config_repo.save(config)

    def use(self, name: str) -> WorkspaceEntry:
        entry = self.get(name)
        self.config_repo.save(replace(self.load(), current=name))
        return entry

    def password(self, entry: WorkspaceEntry) -> str | None:
        """The stored password; a workspace added without one never asks the keyring."""
        if entry.kind != "postgresql" or entry.keeps_password is False:
            return None
        return self.secrets.get(entry.password_secret)

    def set_preferences(self, language: str | None = None, theme: str | None = None) -> None:
        config = self.load()
        if language is not None:
            config = replace(config, language=language)
        if theme is not None:
            config = replace(config, theme=theme)
        self.config_repo.save(config)


def _has_password(url: str) -> bool:
    """Does the URL carry a password (``scheme://user:password@host`` or ``?password=``)?
    A colon elsewhere, as in a port or a Windows path (``sqlite:///C:/...``), is not one."""
    try:
        parts = urlsplit(url)
        return parts.password is not None or "password" in parse_qs(parts.query)
    except ValueError:  # unreadable host part; refuse rather than risk storing a secret
        return True

