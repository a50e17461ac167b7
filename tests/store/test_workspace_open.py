"""Opening workspaces: clear errors, nothing left open, passwords never shown."""

from __future__ import annotations

import pytest

from app.bootstrap import Console
from app.domain.errors import WorkspaceAuthError, WorkspaceUnreachableError
from app.domain.workspace import WorkspaceEntry
from app.store.engine import create_workspace_engine
from app.store.migrations import upgrade
from tests.support.pgserver import PgServer, free_port


def test_default_local_workspace_is_created_on_first_open(console_home) -> None:  # type: ignore[no-untyped-def]
    workspace = Console().open_current()
    try:
        assert workspace.name == "local"
        assert workspace.status.state == "current"
        assert (console_home / "data" / "workspaces" / "local.sqlite3").exists()
        assert workspace.probe() == (True, "")
    finally:
        workspace.close()


def test_wrong_password_is_named_and_not_shown(pg_server: PgServer, pg_database: str) -> None:
    console = Console()
    entry = console.catalog.add(
        "pg", pg_server.url(pg_database, password=None), "not-the-password-123", "default"
    )
    with pytest.raises(WorkspaceAuthError) as info:
        console.open_workspace(entry)
    assert "refused the password for user 'webnova_test'" in str(info.value)
    assert "not-the-password-123" not in str(info.value)


def test_unreachable_host_is_named(pg_server: PgServer) -> None:
    port = free_port()
    entry = WorkspaceEntry("gone", f"postgresql://someone@127.0.0.1:{port}/db")
    with pytest.raises(WorkspaceUnreachableError, match=f"127.0.0.1:{port}"):
        Console().open_workspace(entry, connect_timeout=2)


def test_missing_database_is_named(pg_server: PgServer) -> None:
    console = Console()
    entry = console.catalog.add(
        "nodb", pg_server.url("no_such_db", password=None), "throwaway-test-password", "default"
    )
    with pytest.raises(WorkspaceUnreachableError, match="'no_such_db' does not exist"):
        console.open_workspace(entry)


def test_upgraded_postgres_workspace_opens_with_its_tenant(pg_server: PgServer, pg_url: str, pg_database: str) -> None:
    engine = create_workspace_engine(pg_url)
    upgrade(engine)
    engine.dispose()
    console = Console()
    entry = console.catalog.add(
        "pg", pg_server.url(pg_database, password=None), "throwaway-test-password", "acme"
    )
    workspace = console.open_workspace(entry)
    try:
        assert workspace.location.startswith("postgresql://webnova_test@127.0.0.1:")
        assert "throwaway" not in workspace.location
        with workspace.engine.connect() as conn:
            from sqlalchemy import text

            assert conn.execute(text("SELECT current_setting('webnova.tenant_id')")).scalar() == "acme"
    finally:
        workspace.close()
