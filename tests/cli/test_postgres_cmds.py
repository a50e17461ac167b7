"""The CLI against a real PostgreSQL server: adding, upgrading, appending, reading, failing."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.integrations.keyring_store import SERVICE, MemoryKeyring
from app.store.migrations import script_directory
from tests.cli.conftest import Run, event
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer, free_port

pytestmark = pytest.mark.postgres
BatchFile = Callable[[list[Any]], Path]
HEAD = script_directory().get_current_head()


def count_rows(pg_server: PgServer, database: str, query: str) -> int:
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={database}")
    with psycopg.connect(conninfo) as conn:
        row = conn.execute(query).fetchone()
    assert row is not None
    return int(row[0])


def count_events(pg_server: PgServer, database: str) -> int:
    return count_rows(pg_server, database, "SELECT count(*) FROM events")


def test_add_upgrade_append_tail(
    webnova: Run,
    pg_server: PgServer,
    pg_database: str,
    pg_url: str,
    config_file: Path,
    memory_keyring: MemoryKeyring,
    batch_file: BatchFile,
) -> None:
    assert PASSWORD in pg_url
    added = webnova("workspace", "add", "pg", pg_url, "--tenant", "t1", "--check")
    assert added.code == 0, added.err
    assert "check: ok, schema empty" in added.out
    assert "run 'webnova db upgrade --workspace pg'" in added.err
    assert PASSWORD not in added.out + added.err

    settings = config_file.read_text(encoding="utf-8")
    assert PASSWORD not in settings
    (entry,) = [w for w in json.loads(settings)["workspaces"] if w["name"] == "pg"]
    assert entry == {
        "name": "pg",
        "url": f"postgresql://{SUPERUSER}@127.0.0.1:{pg_server.port}/{pg_database}",
        "tenant_id": "t1",
        "keeps_password": True,
    }
    assert memory_keyring.get_password(SERVICE, "workspace/pg/db-password") == PASSWORD

    status = webnova("db", "status", "--workspace", "pg", "--json").json()
    assert (status["kind"], status["state"], status["current"]) == ("postgresql", "empty", None)
    assert PASSWORD not in status["location"]

    path = batch_file([event(1), event(2, stream="order-2"), event(3)])
    early = webnova("events", "append", str(path), "--workspace", "pg")
    assert early.code == 1
    assert "Run 'webnova db upgrade --workspace pg'" in early.error

    upgraded = webnova("db", "upgrade", "--workspace", "pg", "--json")
    assert upgraded.code == 0, upgraded.err
    assert upgraded.json() == {
        "workspace": "pg",
        "before": None,
        "after": HEAD,
        "changed": True,
        "backup": None,
    }

    appended = webnova("events", "append", str(path), "--workspace", "pg", "--json")
    assert appended.code == 0, appended.err
    recorded = appended.json()
    assert [e["position"] for e in recorded] == [1, 2, 3]

    tail = webnova("events", "tail", "--json", "--workspace", "pg")
    assert tail.code == 0, tail.err
    assert tail.json() == recorded
    assert [(e["stream_id"], e["version"], e["data"]) for e in tail.json()] == [
        ("order-1", 1, {"n": 1}),
        ("order-1", 2, {"n": 3}),
        ("order-2", 1, {"n": 2}),
    ]
    assert count_events(pg_server, pg_database) == 3

    listed = {w["name"]: w for w in webnova("workspace", "list", "--check", "--json").json()}
    assert listed["pg"]["reachable"] is True
    assert listed["pg"]["schema"] == "current"


def test_an_invalid_element_writes_nothing(
    webnova: Run, pg_server: PgServer, pg_database: str, pg_url: str, batch_file: BatchFile
) -> None:
    assert webnova("workspace", "add", "pg", pg_url).code == 0
    assert webnova("db", "upgrade", "--workspace", "pg").code == 0
    bad = [event(n, stream=f"s{n}") for n in range(5)] + [event(5, tenant="")]
    result = webnova("events", "append", str(batch_file(bad)), "--workspace", "pg")
    assert result.code == 1
    assert "[5].tenant_id: must not be empty; nothing was written" in result.error
    assert count_events(pg_server, pg_database) == 0


def test_password_from_stdin_and_the_check(
    webnova: Run, pg_server: PgServer, pg_database: str, memory_keyring: MemoryKeyring
) -> None:
    url = pg_server.url(pg_database, password=None)
    result = webnova(
        "workspace", "add", "pg", url, "--password-stdin", "--check", stdin=PASSWORD + "\n"
    )
    assert result.code == 0, result.err
    assert memory_keyring.get_password(SERVICE, "workspace/pg/db-password") == PASSWORD


def test_a_wrong_password_is_refused_and_nothing_is_added(
    webnova: Run,
    pg_server: PgServer,
    pg_database: str,
    config_file: Path,
    memory_keyring: MemoryKeyring,
) -> None:
    url = pg_server.url(pg_database, password="Wrong-Pass-4711")
    result = webnova("workspace", "add", "pg", url, "--check")
    assert result.code == 1
    assert result.error == (
        f"error: PostgreSQL at 127.0.0.1:{pg_server.port} refused the password for user "
        f"'{SUPERUSER}'; workspace 'pg' was not added"
    )
    assert "Wrong-Pass-4711" not in result.out + result.err
    assert not config_file.exists() or '"pg"' not in config_file.read_text(encoding="utf-8")
    assert memory_keyring.get_password(SERVICE, "workspace/pg/db-password") is None


def test_a_wrong_stored_password_is_reported_by_every_command(
    webnova: Run, pg_server: PgServer, pg_database: str
) -> None:
    url = pg_server.url(pg_database, password="Stale-Pass-0815")
    assert webnova("workspace", "add", "pg", url).code == 0  # no --check: remembered as given
    for args in (["db", "status"], ["db", "upgrade"], ["events", "tail"]):
        result = webnova(*args, "--workspace", "pg")
        assert result.code == 1
        assert "refused the password" in result.error
        assert "Stale-Pass-0815" not in result.err


def test_a_closed_port(webnova: Run) -> None:
    port = free_port()
    url = f"postgresql://someone:Closed-Port-pw@127.0.0.1:{port}/db"
    result = webnova("workspace", "add", "gone", url, "--check", "--timeout", "3")
    assert result.code == 1
    assert result.error == (
        f"error: nothing is listening at 127.0.0.1:{port} (connection refused); "
        "workspace 'gone' was not added"
    )
    assert "Closed-Port-pw" not in result.err


def test_a_database_that_does_not_exist(webnova: Run, pg_server: PgServer) -> None:
    result = webnova("workspace", "add", "x", pg_server.url("no_such_db"), "--check")
    assert result.code == 1
    assert "database 'no_such_db' does not exist" in result.error


def test_a_schema_newer_than_the_console(
    webnova: Run, pg_server: PgServer, pg_database: str, pg_url: str
) -> None:
    assert webnova("workspace", "add", "pg", pg_url).code == 0
    assert webnova("db", "upgrade", "--workspace", "pg").code == 0
    pg_server.execute(
        "UPDATE alembic_version SET version_num = '9999_from_the_future'", pg_database
    )

    status = webnova("db", "status", "--workspace", "pg", "--json")
    assert status.json()["state"] == "newer"
    upgrade = webnova("db", "upgrade", "--workspace", "pg")
    assert upgrade.code == 1
    assert "newer than this console knows" in upgrade.error

    webnova("workspace", "remove", "pg")
    again = webnova("workspace", "add", "pg", pg_url, "--check")
    assert again.code == 1
    assert "schema newer than this console knows" in again.error
    assert "not added" in again.error


def test_a_workspace_without_a_password_needs_no_keyring(
    webnova: Run, pg_server: PgServer, pg_database: str, config_file: Path, tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch, batch_file: BatchFile,
) -> None:
    """A URL with no password (the password in ~/.pgpass here; trust, peer and client
    certificates alike) works on a machine with no keyring at all."""
    import keyring
    from keyring.backends.fail import Keyring as NoKeyring

    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"127.0.0.1:{pg_server.port}:*:{SUPERUSER}:{PASSWORD}\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    keyring.set_keyring(NoKeyring())
    url = f"postgresql://{SUPERUSER}@127.0.0.1:{pg_server.port}/{pg_database}"

    added = webnova("workspace", "add", "trusted", url, "--tenant", "t1", "--check")
    assert added.code == 0, added.err
    assert "no password stored" in added.out
    (entry,) = [w for w in json.loads(config_file.read_text())["workspaces"] if w["name"] == "trusted"]
    assert entry["keeps_password"] is False
    upgraded = webnova("db", "upgrade", "--workspace", "trusted")
    assert upgraded.code == 0, upgraded.err
    appended = webnova("events", "append", str(batch_file([event(1)])), "--workspace", "trusted")
    assert appended.code == 0, appended.err
    assert webnova("events", "tail", "--workspace", "trusted", "--json").json()[0]["position"] == 1
    assert "keyring" not in (added.err + upgraded.err + appended.err).lower()
    removed = webnova("workspace", "remove", "trusted")
    assert removed.code == 0, removed.err


def test_db_upgrade_names_the_missing_privilege_and_the_grant(
    webnova: Run, pg_server: PgServer, pg_database: str, memory_keyring: MemoryKeyring,
) -> None:
    role = f"lacking_{pg_database}"
    pg_server.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'pw-{role}'")
    conninfo = pg_server.admin_conninfo
    with psycopg.connect(conninfo) as conn:
        roles_exist = conn.execute("SELECT count(*) FROM pg_roles WHERE rolname IN "
                                   "('webnova_owner', 'webnova_app')").fetchone() == (2,)
    url = pg_server.url(pg_database, user=role, password=f"pw-{role}")
    assert webnova("workspace", "add", "weak", url).code == 0
    refused = webnova("db", "upgrade", "--workspace", "weak")
    assert refused.code == 1
    assert f"cannot be upgraded by role {role!r}" in refused.error
    assert f"GRANT CREATE ON SCHEMA public TO {role}" in refused.error
    assert f"ALTER DATABASE {pg_database} OWNER TO {role}" in refused.error
    assert (f"ALTER ROLE {role} CREATEROLE" in refused.error) is not roles_exist
    assert "Nothing was changed" in refused.error
    assert count_tables(pg_server, pg_database) == 0


def count_tables(pg_server: PgServer, database: str) -> int:
    return count_rows(pg_server, database, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
