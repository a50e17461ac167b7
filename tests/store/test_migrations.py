"""One Alembic chain for SQLite and PostgreSQL; upgrades from old workspaces keep data."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text

from app.bootstrap import Console
from app.domain.errors import SchemaOutdatedError, SchemaTooNewError
from app.domain.events import NewEvent
from app.domain.workspace import WorkspaceEntry
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqliteEventStore
from app.store.migrations import schema_status, script_directory, upgrade
from app.store.tables import metadata
from tests.support.pgserver import PgServer

DATA = Path(__file__).resolve().parents[1] / "data"
HEAD = "0006_usage_rollup"


def test_chain_is_linear_with_one_head() -> None:
    scripts = script_directory()
    assert scripts.get_heads() == [HEAD]
    assert [r.revision for r in scripts.walk_revisions()][-1] == "0001_event_store"


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_tables_match_the_head_revision(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> None:
    url = f"sqlite:///{tmp_path / 'w.sqlite3'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_workspace_engine(url)
    try:
        upgrade(engine)
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
        assert diffs == []
    finally:
        engine.dispose()


def test_sqlite_workspace_from_first_revision_upgrades_with_a_copy_aside(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "workspace-rev0001.sqlite3", path)
    engine = create_workspace_engine(f"sqlite:///{path}")
    try:
        status = schema_status(engine)
        assert (status.state, status.current) == ("outdated", "0001_event_store")
        assert status.pending() == [
            "0002_tenant_isolation", "0003_blueprint_index", "0004_audit_log",
            "0005_single_event_append", HEAD,
        ]
        result = upgrade(engine)
        assert (result.before, result.after) == ("0001_event_store", HEAD)
        assert result.backup is not None
        assert result.backup.exists()
        with sqlite3.connect(result.backup) as copy:
            assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001_event_store",)
            assert copy.execute("SELECT count(*) FROM events").fetchone() == (9,)
        store = SqliteEventStore(engine)
        old = list(store.read_all())
        assert [e.position for e in old] == list(range(1, 10))
        assert old[0].data == {"n": 1, "ar": "قديم"}
        assert old[0].actor == "owner"
        assert store.append("legacy-0", [NewEvent("New", "default", {})], 3)[0].position == 10
        assert schema_status(engine).state == "current"
    finally:
        engine.dispose()


def test_console_upgrades_local_workspace_on_open(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    shutil.copy(DATA / "workspace-rev0001.sqlite3", path)
    console = Console()
    workspace = console.open_workspace(WorkspaceEntry("old", f"sqlite:///{path}"))
    try:
        assert workspace.upgraded is not None
        assert workspace.upgraded.backup is not None
        assert workspace.status.state == "current"
        assert workspace.store.count() == 9
    finally:
        workspace.close()
    assert len(list(tmp_path.glob("old.sqlite3.0001_event_store.*.bak"))) == 1


def test_postgres_workspace_from_first_revision_upgrades(pg_url: str) -> None:
    engine = create_workspace_engine(pg_url)
    try:
        upgrade(engine, target="0001_event_store")
        PostgresEventStore(engine).append("legacy", [NewEvent("Old", "default", {"v": 1})] * 2, 0)
        assert schema_status(engine).state == "outdated"
        result = upgrade(engine)
        assert (result.before, result.after, result.backup) == ("0001_event_store", HEAD, None)
        store = PostgresEventStore(engine)
        assert [e.version for e in store.read_stream("legacy")] == [1, 2]
        with engine.connect() as conn:
            assert conn.execute(text(
                "SELECT relrowsecurity FROM pg_class WHERE relname = 'events'"
            )).scalar_one() is True
    finally:
        engine.dispose()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "future.sqlite3"
    engine = create_workspace_engine(f"sqlite:///{path}")
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099_from_the_future'"))
    assert schema_status(engine).state == "newer"
    with pytest.raises(SchemaTooNewError, match="0099_from_the_future"):
        upgrade(engine)
    engine.dispose()
    with pytest.raises(SchemaTooNewError, match="update WebNova Console"):
        Console().open_workspace(WorkspaceEntry("future", f"sqlite:///{path}"))
    assert list(tmp_path.glob("*.bak")) == []


def test_outdated_postgres_workspace_is_not_opened(pg_server: PgServer, pg_database: str) -> None:
    console = Console()
    entry = console.catalog.add("pg", pg_server.url(pg_database, password=None), "throwaway-test-password", "default")
    with pytest.raises(SchemaOutdatedError, match="webnova db upgrade --workspace pg"):
        console.open_workspace(entry)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_usage_rollup_migration_goes_down_and_up_again(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
) -> None:
    from alembic import command

    from app.store.engine import WRITE
    from app.store.migrations import alembic_config

    url = f"sqlite:///{tmp_path / 'w.sqlite3'}" if backend == "sqlite" else request.getfixturevalue("pg_url")
    engine = create_workspace_engine(url)
    try:
        upgrade(engine)
        with engine.connect().execution_options(**{WRITE: True}) as conn:
            conn.execute(text("INSERT INTO projection_checkpoints VALUES ('usage_rollup', 't1', 5)"))
            conn.commit()
            config = alembic_config()
            config.attributes["connection"] = conn
            command.downgrade(config, "0005_single_event_append")
            conn.commit()
        with engine.connect() as conn:
            tables = set(sa_inspect(conn).get_table_names())
            left = conn.execute(text("SELECT count(*) FROM projection_checkpoints")).scalar_one()
        assert "usage_rollup" not in tables
        assert left == 0  # a later upgrade rebuilds the rollup from the first event
        assert upgrade(engine).after == HEAD
        with engine.connect() as conn:
            assert "usage_rollup" in set(sa_inspect(conn).get_table_names())
    finally:
        engine.dispose()
