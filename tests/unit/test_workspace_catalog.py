"""The workspace catalogue: URLs in the settings file, passwords in the keyring only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from keyring.backends import fail

from app.domain.errors import InvalidWorkspaceUrlError, SecretStoreError, WorkspaceError
from app.domain.workspace import LOCAL_WORKSPACE, WorkspaceNameError
from app.integrations.keyring_store import SERVICE, KeyringSecretStore, MemoryKeyring
from app.services.workspaces import WorkspaceCatalog
from app.store.console_config import JsonConfigRepository

PG = "postgresql://bank@db.example:5432/ledger"


@pytest.fixture
def settings_file(tmp_path: Path) -> Path:
    return tmp_path / "config" / "console.json"


@pytest.fixture
def backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def catalog(settings_file: Path, backend: MemoryKeyring) -> WorkspaceCatalog:
    return WorkspaceCatalog(JsonConfigRepository(settings_file), KeyringSecretStore(backend))


def test_a_fresh_catalogue_holds_the_local_workspace(catalog: WorkspaceCatalog) -> None:
    entries = catalog.list()
    assert [e.name for e in entries] == [LOCAL_WORKSPACE]
    assert entries[0].kind == "sqlite"
    assert catalog.current().name == LOCAL_WORKSPACE


def test_add_keeps_the_password_out_of_the_settings_file(
    catalog: WorkspaceCatalog, settings_file: Path, backend: MemoryKeyring
) -> None:
    entry = catalog.add("bank", PG, "correct-horse-battery", "tenant-a")
    assert entry.kind == "postgresql"
    assert entry.url == PG
    raw = settings_file.read_text(encoding="utf-8")
    assert "correct-horse-battery" not in raw
    saved = json.loads(raw)
    assert {"name": "bank", "url": PG, "tenant_id": "tenant-a", "keeps_password": True} in saved["workspaces"]
    assert backend.get_password(SERVICE, "workspace/bank/db-password") == "correct-horse-battery"
    assert catalog.password(catalog.get("bank")) == "correct-horse-battery"


def test_add_without_password_stores_no_secret(
    catalog: WorkspaceCatalog, backend: MemoryKeyring
) -> None:
    entry = catalog.add("trust", PG, None, "default")
    assert catalog.password(entry) is None
    assert backend.get_password(SERVICE, entry.password_secret) is None


def test_the_catalogue_survives_a_restart(settings_file: Path, backend: MemoryKeyring) -> None:
    first = WorkspaceCatalog(JsonConfigRepository(settings_file), KeyringSecretStore(backend))
    first.add("bank", PG, "pw-123456", "t1")
    first.use("bank")
    again = WorkspaceCatalog(JsonConfigRepository(settings_file), KeyringSecretStore(backend))
    assert again.current().name == "bank"
    assert again.password(again.current()) == "pw-123456"


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bank:hunter2@db.example:5432/ledger",
        "postgresql://bank:@db.example/ledger",
        "postgresql://bank@db.example/ledger?password=hunter2",
    ],
)
def test_add_refuses_a_url_that_carries_a_password(catalog: WorkspaceCatalog, url: str) -> None:
    with pytest.raises(InvalidWorkspaceUrlError, match="must not contain a password"):
        catalog.add("bank", url, None, "default")
    assert catalog.load().get("bank") is None


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bank@db.example:5432/ledger",
        "postgresql://bank@[::1]:5432/ledger",
        "sqlite:///C:/Users/owner/WebNova/bank.sqlite3",  # a Windows path has a colon
        "sqlite:////srv/data/time-12:00.sqlite3",
    ],
)
def test_add_accepts_colons_that_are_not_passwords(catalog: WorkspaceCatalog, url: str) -> None:
    entry = catalog.add("ws", url, None, "default")
    assert catalog.get("ws").url == url == entry.url


@pytest.mark.parametrize("name", ["", "-starts-with-dash", "has space", "x" * 41, "ü-name"])
def test_add_refuses_invalid_names(catalog: WorkspaceCatalog, name: str) -> None:
    with pytest.raises(WorkspaceNameError, match="is not valid"):
        catalog.add(name, PG, None, "default")


def test_local_is_reserved(catalog: WorkspaceCatalog) -> None:
    with pytest.raises(WorkspaceError, match="built-in"):
        catalog.add(LOCAL_WORKSPACE, PG, None, "default")
    with pytest.raises(WorkspaceError, match="cannot be removed"):
        catalog.remove(LOCAL_WORKSPACE)


def test_the_tenant_must_not_be_empty(catalog: WorkspaceCatalog) -> None:
    with pytest.raises(WorkspaceError, match="tenant"):
        catalog.add("bank", PG, None, "  ")


def test_use_and_unknown_names(catalog: WorkspaceCatalog) -> None:
    catalog.add("bank", PG, None, "default")
    assert catalog.use("bank").name == "bank"
    assert catalog.current().name == "bank"
    with pytest.raises(WorkspaceError, match="no workspace named 'nope'"):
        catalog.use("nope")
    with pytest.raises(WorkspaceError, match="no workspace named"):
        catalog.remove("nope")
    assert catalog.current().name == "bank"


def test_remove_forgets_the_entry_and_its_password(
    catalog: WorkspaceCatalog, backend: MemoryKeyring
) -> None:
    catalog.add("bank", PG, "pw-to-forget", "default")
    catalog.use("bank")
    catalog.remove("bank")
    assert catalog.load().get("bank") is None
    assert backend.get_password(SERVICE, "workspace/bank/db-password") is None
    assert catalog.current().name == LOCAL_WORKSPACE


def test_removing_another_workspace_keeps_the_current_one(catalog: WorkspaceCatalog) -> None:
    catalog.add("a", PG, None, "default")
    catalog.add("b", PG, None, "default")
    catalog.use("a")
    catalog.remove("b")
    assert catalog.current().name == "a"


def test_without_a_keyring_nothing_is_half_added(settings_file: Path) -> None:
    catalog = WorkspaceCatalog(
        JsonConfigRepository(settings_file), KeyringSecretStore(fail.Keyring())
    )
    with pytest.raises(SecretStoreError):
        catalog.add("bank", PG, "pw-nowhere-to-go", "default")
    assert catalog.load().get("bank") is None
    assert not settings_file.exists() or "pw-nowhere-to-go" not in settings_file.read_text()


def test_a_sqlite_workspace_is_removed_even_without_a_keyring(settings_file: Path) -> None:
    # A SQLite workspace never has a password, so a missing keyring must not block removing it.
    catalog = WorkspaceCatalog(
        JsonConfigRepository(settings_file), KeyringSecretStore(fail.Keyring())
    )
    catalog.add("files", "sqlite:////srv/ws.sqlite3", None, "default")
    catalog.remove("files")
    assert catalog.load().get("files") is None


def test_preferences_are_kept(catalog: WorkspaceCatalog) -> None:
    catalog.set_preferences(language="ar", theme="dark")
    config = catalog.load()
    assert (config.language, config.theme) == ("ar", "dark")
    catalog.set_preferences(language="en")
    assert catalog.load().theme == "dark"
