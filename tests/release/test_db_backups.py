"""Database backups with real parts: the throwaway sshd and account of
``test_release_deploy.py`` (``open_site``), the session's throwaway PostgreSQL holding a
platform database made by the real roles SQL (owned by the migrating login, a deployed
release's tables under row-level security) and Caddy in front of the deployed app.

``sudo`` on the "server" is a shim that runs the drill hook (the real script) as the
account, with ``psql`` as the throwaway server's superuser standing in for ``postgres``.
The daily dump script is run for real against the same PostgreSQL (systemd cannot run
here), its dates faked through the dumps' names."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import subprocess
import tempfile
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

import psycopg
import pytest

from app.bootstrap import Console
from app.domain.governance.users import Role
from app.domain.release import server_files as files
from app.domain.release import server_scripts
from app.integrations.ssh_remote import SshRemoteHost
from app.services.approvals import ApprovalRequest
from app.services.db_backups import (
    DatabaseBackupError,
    drill_backup,
    restore_backup,
    server_backups,
    take_backup,
)
from app.services.environment_backups import (
    RESTORED,
    EnvironmentBackupError,
    EnvironmentBackups,
)
from app.services.release_deploy import DEPLOYED, DatabaseServer, Release, ReleaseDeployer
from app.services.release_targets import Targets
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from tests.release.test_release_deploy import SERVER, SPEC, Site, built, health, open_site
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer

__all__ = ["built"]  # the module's release, built once
NAMES = replace(files.database_names("hub"), database="hub_backups")
PASSWORDS = {NAMES.migrator: "migrator-pass-for-backups", NAMES.login: "login-pass-for-backups"}
DB = "wn-hub-staging-db-1"
T = TypeVar("T")


@dataclass
class World:
    site: Site
    pg: PgServer

    @property
    def backup_dir(self) -> str:
        return f"{self.site.account.home}/backups/hub"

    def db(self, host: SshRemoteHost) -> DatabaseServer:
        return DatabaseServer(DB, host, self.backup_dir, f"{self.backup_dir}.env", NAMES.database)

    def on_server(self, work: Callable[[DatabaseServer], Awaitable[T]]) -> T:
        async def go() -> T:
            host = self.site.host()
            try:
                return await work(self.db(host))
            finally:
                await host.close()
        return asyncio.run(go())

    def connect(self, user: str = SUPERUSER) -> psycopg.Connection[Any]:
        password = PASSWORD if user == SUPERUSER else PASSWORDS[user]
        return psycopg.connect(self.pg.url(NAMES.database, user, password), autocommit=True)

    def url(self, user: str) -> str:
        return self.pg.url(NAMES.database, user, PASSWORDS[user]).replace(
            "postgresql://", "postgresql+psycopg://")


def psql(pg: PgServer, sql: str, database: str = "postgres") -> None:
    done = subprocess.run([str(pg.bin_dir / "psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h",
                           "127.0.0.1", "-p", str(pg.port), "-U", SUPERUSER, "-d", database],
                          input=sql, text=True, env={**os.environ, "PGPASSWORD": PASSWORD},
                          capture_output=True, check=False)
    assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def world(pg_server: PgServer, built: Release) -> Iterator[World]:
    work = Path(tempfile.mkdtemp(prefix="webnova-backups-"))
    work.chmod(0o755)  # the account reaches the shims here
    shims = work / "shims"
    shims.mkdir(mode=0o755)
    hook = shims / "webnova-db-drill"
    hook.write_text(server_scripts.DB_DRILL, encoding="utf-8")
    sudo = shims / "sudo"
    sudo.write_text(
        "#!/bin/sh\n# stands in for sudo: runs the command as this account\n"
        '[ "$1" = "-n" ] && shift\n'
        f'if [ "$1" = {server_scripts.DRILL_HOOK} ]; then shift; set -- {hook} "$@"; fi\n'
        f"export WEBNOVA_PG_AS= PGHOST=127.0.0.1 PGPORT={pg_server.port} PGUSER={SUPERUSER} "
        f'PGPASSWORD="{PASSWORD}"\nexec "$@"\n', encoding="utf-8")
    for path in (hook, sudo):
        path.chmod(0o755)
    (work / "caddy").mkdir()
    path = f"SetEnv PATH={shims}:/usr/local/bin:/usr/bin:/bin"
    with open_site(pg_server, work / "caddy", NAMES.database, [path]) as site:
        # the platform's database as cloud-init makes it: owned by the migrating login
        pg_server.drop_database(NAMES.database)
        psql(pg_server, files.database_roles_sql(NAMES))
        psql(pg_server, "".join(f"ALTER ROLE \"{r}\" PASSWORD '{p}';" for r, p in PASSWORDS.items()))
        found = World(site, pg_server)
        env = (f"PGHOST=127.0.0.1\nPGPORT={pg_server.port}\nPGUSER={NAMES.migrator}\n"
               f"PGPASSWORD='{PASSWORDS[NAMES.migrator]}'\nPGDATABASE={NAMES.database}\n")
        Path(found.backup_dir).parent.mkdir(mode=0o700)
        Path(f"{found.backup_dir}.env").write_text(env, encoding="utf-8")
        shutil.chown(Path(found.backup_dir).parent, site.account.uid, site.account.gid)
        shutil.chown(f"{found.backup_dir}.env", site.account.uid, site.account.gid)
        try:
            yield found
        finally:
            shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def deployed(world: World, built: Release, tmp_path_factory: pytest.TempPathFactory) -> ReleaseDeployer:
    """The release deployed once (migrated as the migrating login), and a table of our own
    beside the platform's, under row-level security like them, with rows of two tenants."""
    folder = tmp_path_factory.mktemp("deployed")
    engine = create_workspace_engine(f"sqlite:///{folder / 'console.sqlite3'}")
    upgrade(engine)
    deployer = ReleaseDeployer(SqliteEventStore(engine), "t1", "owner")
    settings = {**world.site.settings(), "DATABASE_URL": world.url(NAMES.login)}
    migrate = {**settings, "DATABASE_URL": world.url(NAMES.migrator)}

    async def go(database: DatabaseServer) -> Any:
        return await deployer.deploy("hub", "staging", built, [world.site.app(database.host)],
                                     database, settings, migrate, health_seconds=60)

    result = world.on_server(go)
    assert result.outcome == DEPLOYED, result.reason
    with world.connect(NAMES.migrator) as conn:
        conn.execute(f"""
            CREATE TABLE ledger (id int PRIMARY KEY, tenant_id text NOT NULL, amount int);
            ALTER TABLE ledger ENABLE ROW LEVEL SECURITY;
            ALTER TABLE ledger FORCE ROW LEVEL SECURITY;
            CREATE POLICY tenant_isolation ON ledger
                USING (tenant_id = current_setting('hub_api.tenant_id', true));
            CREATE POLICY schema_maintenance ON ledger TO {NAMES.owner_role} USING (true);
            GRANT SELECT, INSERT ON ledger TO {NAMES.app_role};
            INSERT INTO ledger VALUES (1, 'a', 10), (2, 'a', 20), (3, 'b', 30);""")
    return deployer


SHAPE = {
    "tables": "SELECT c.relname, c.relowner::regrole::text, c.relrowsecurity, "
              "c.relforcerowsecurity, coalesce(c.relacl::text, '') FROM pg_class c "
              "WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'S', 'v')",
    "policies": "SELECT tablename, policyname, roles::text, coalesce(qual, '') FROM pg_policies",
    "functions": "SELECT proname, proowner::regrole::text, prosecdef, coalesce(proacl::text, '') "
                 "FROM pg_proc WHERE pronamespace = 'public'::regnamespace",
    "schema": "SELECT nspowner::regrole::text, nspacl::text FROM pg_namespace "
              "WHERE nspname = 'public'",
    "revision": "SELECT version_num FROM alembic_version",
}


def shape(world: World) -> dict[str, list[tuple[Any, ...]]]:
    """Everything a restore must bring back beside the rows: owners, row-level security,
    policies, grants, functions, the schema's grants, the migration revision."""
    with world.connect() as conn:
        return {k: sorted(conn.execute(q).fetchall()) for k, q in SHAPE.items()}


def ledger(world: World) -> list[tuple[Any, ...]]:
    with world.connect() as conn:
        return conn.execute("SELECT id, tenant_id, amount FROM ledger ORDER BY id").fetchall()


def drill_databases(world: World) -> list[str]:
    with psycopg.connect(world.pg.admin_conninfo) as conn:
        return [r[0] for r in conn.execute(
            "SELECT datname FROM pg_database WHERE datname LIKE 'webnova_drill_%'")]


def test_a_restore_brings_back_the_rows_and_everything_around_them(
        world: World, deployed: ReleaseDeployer) -> None:
    before_deploy = deployed.backups("hub", "staging")
    assert len(before_deploy) == 1 and before_deploy[0]["id"].endswith("-before-release-1")
    before, rows = shape(world), ledger(world)
    assert any(t[2] and t[3] for t in before["tables"])  # the platform's tables are under RLS
    taken = world.on_server(lambda db: take_backup(db, "manual", deployed.clock))
    assert taken["path"] == f"{world.backup_dir}/{taken['id']}.dump"
    counts = json.loads(Path(taken["path"] + ".counts.json").read_text(encoding="utf-8"))
    assert counts["public.ledger"] == 3 and taken["rows"] == sum(counts.values())

    with world.connect(NAMES.migrator) as conn:  # written after the backup: lost by the restore
        conn.execute("INSERT INTO ledger VALUES (4, 'a', 40); DELETE FROM ledger WHERE id = 1; "
                     "CREATE TABLE added_later (id int); DROP POLICY tenant_isolation ON ledger")
    world.on_server(lambda db: restore_backup(db, taken["path"]))

    assert ledger(world) == rows
    assert shape(world) == before  # added_later is gone, the policy is back
    with world.connect(NAMES.login) as conn:  # row-level security holds the app's login again
        conn.execute("SET hub_api.tenant_id = 'b'")
        assert conn.execute("SELECT id FROM ledger").fetchall() == [(3,)]
    assert health(world.site)["status"] == "ok"


def test_a_restore_that_fails_leaves_the_database_as_it_was(
        world: World, deployed: ReleaseDeployer) -> None:
    taken = world.on_server(lambda db: take_backup(db, "manual", deployed.clock))
    same_second = datetime.fromisoformat(taken["at"])
    again = world.on_server(lambda db: take_backup(db, "manual", lambda: same_second))
    # (an earlier test may have taken a manual dump in this same second: "-2" is then taken)
    assert again["id"].startswith(f"{taken['id'].split('-')[0]}-manual-")  # nothing overwritten
    assert again["id"] != taken["id"] and again["kind"] == "manual"
    assert Path(taken["path"]).is_file() and Path(again["path"]).is_file()
    whole = Path(taken["path"]).read_bytes()
    cut = Path(taken["path"]).with_name("20250101T000000Z-manual.dump")
    cut.write_bytes(whole[: len(whole) * 3 // 4])  # truncated: its last tables' rows are gone
    shutil.chown(cut, world.site.account.uid, world.site.account.gid)
    with world.connect(NAMES.migrator) as conn:
        conn.execute("INSERT INTO ledger VALUES (50, 'b', 500)")
    before, rows = shape(world), ledger(world)

    with pytest.raises(DatabaseBackupError) as failed:
        world.on_server(lambda db: restore_backup(db, str(cut)))
    assert "the database was left as it was" in str(failed.value)
    assert f"the backup {cut} could not be read whole" in str(failed.value)
    assert ledger(world) == rows and shape(world) == before

    with pytest.raises(DatabaseBackupError, match=r"there is no backup file .*/nowhere\.dump"):
        world.on_server(lambda db: restore_backup(db, f"{world.backup_dir}/nowhere.dump"))
    assert ledger(world) == rows


def test_a_drill_restores_into_a_scratch_database_and_compares_the_rows(
        world: World, deployed: ReleaseDeployer) -> None:
    taken = world.on_server(lambda db: take_backup(db, "manual", deployed.clock))
    report = world.on_server(lambda db: drill_backup(db, taken["path"]))
    assert report.ok and report.scratch.startswith("webnova_drill_")
    by_table = {t.table: (t.expected, t.restored) for t in report.tables}
    assert by_table["public.ledger"] == (len(ledger(world)),) * 2
    assert by_table["public.alembic_version"] == (1, 1)
    assert drill_databases(world) == []  # dropped

    counts = Path(taken["path"] + ".counts.json")  # counts that do not match the dump
    recorded = json.loads(counts.read_text(encoding="utf-8"))
    counts.write_text(json.dumps({**recorded, "public.ledger": 999}), encoding="utf-8")
    wrong = world.on_server(lambda db: drill_backup(db, taken["path"]))
    assert not wrong.ok and [t.table for t in wrong.tables if not t.ok] == ["public.ledger"]

    cut = Path(taken["path"]).with_name("20250101T000001Z-manual.dump")
    whole = Path(taken["path"]).read_bytes()
    cut.write_bytes(whole[: len(whole) * 3 // 4])
    shutil.chown(cut, world.site.account.uid, world.site.account.gid)
    with pytest.raises(DatabaseBackupError) as failed:
        world.on_server(lambda db: drill_backup(db, str(cut)))
    assert "the dump could not be restored into webnova_drill_" in str(failed.value)
    assert "was dropped" in str(failed.value)
    assert drill_databases(world) == []


class _Killed(BaseException):
    """The console stopping dead in the middle of a restore."""


class FixedTargets:
    """The environment's servers as the cloud would name them: here, the one test server."""

    def __init__(self, world: World) -> None:
        self.world = world

    def open(self, platform: str, environment: str, reach: object) -> Targets:
        host = self.world.site.host()
        return Targets(SPEC, [self.world.site.app(host)], self.world.db(host), {}, {}, [host])

    async def prepare_database(self, targets: Targets) -> None:
        """The environment file is written by the fixture (release_targets' own is tested
        through the CLI)."""


def test_the_environment_lists_restores_with_approval_and_names_unknown_backups(
        world: World, deployed: ReleaseDeployer, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WEBNOVA_USER", "owner")
    ws = Console().open_current()
    try:
        ws.governance.ensure_owner_now()
        ws.users.add("op", "Omar", Role.OPERATOR, by="owner")
        backups = EnvironmentBackups(ws.store, FixedTargets(world),  # type: ignore[arg-type]
                                     ReleaseDeployer(ws.store, ws.entry.tenant_id, "op"),
                                     ws.governance, ws.entry.tenant_id, "op")
        taken = asyncio.run(backups.create("hub", "production", {}))
        scheduled = Path(world.backup_dir) / "20250102T023000Z-scheduled.dump"
        shutil.copyfile(taken["path"], scheduled)
        gone = asyncio.run(backups.create("hub", "production", {}))
        Path(gone["path"]).unlink()
        listed = {e.id: e for e in asyncio.run(backups.list_backups("hub", "production", {}))}
        assert (listed[taken["id"]].kind, listed[taken["id"]].recorded) == ("manual", True)
        assert (listed[scheduled.stem].kind, listed[scheduled.stem].recorded) == ("scheduled", False)
        assert listed[gone["id"]].present is False and listed[gone["id"]].size is None
        before = asyncio.run(server_backups_of(world))
        assert taken["id"] in before and gone["id"] not in before

        with pytest.raises(EnvironmentBackupError, match="has no backup 'nope'"):
            asyncio.run(backups.restore("hub", "production", "nope", {}, "op"))
        with pytest.raises(EnvironmentBackupError, match=f"backup {gone['id']} is missing"):
            asyncio.run(backups.restore("hub", "production", gone["id"], {}, "op"))

        rows = ledger(world)
        with world.connect(NAMES.migrator) as conn:
            conn.execute("INSERT INTO ledger VALUES (70, 'a', 700)")
        waiting = asyncio.run(backups.restore("hub", "production", taken["id"], {}, "op"))
        assert isinstance(waiting, ApprovalRequest)
        context = waiting.action.context
        assert (waiting.action.kind, context["plan_kind"], context["backup"],
                context["destroys_data"]) == ("deploy.apply", "restore", taken["id"], True)
        assert "every change written after" in waiting.attachments["consequences"]
        assert "كل تغيير كُتب بعد" in waiting.attachments["consequences_ar"]
        assert ledger(world) != rows  # nothing was restored yet
        ws.governance.decide_now(waiting.id, "owner", True, "roll the data back")

        steps: list[str] = []
        done = asyncio.run(backups.restore(
            "hub", "production", taken["id"], {}, "op", health_seconds=60,
            progress=lambda r: steps.append(f"{r.step} {r.state}") if r.state != "started" else None))
        assert not isinstance(done, ApprovalRequest)
        assert done.outcome == RESTORED, done.reason
        assert steps == [f"stop:{SERVER} done", "restore done", f"restart:{SERVER} done",
                         f"health:{SERVER} done"]
        assert ledger(world) == rows
        assert health(world.site)["status"] == "ok"
        assert [e["event"] for e in backups.journal("hub", "production")] == [
            "DatabaseRestoreStarted", "DatabaseRestoreFinished"]

        def die(report: Any) -> None:  # the console stops dead once the app is stopped
            if report.step == "restore" and report.state == "started":
                raise _Killed
        with pytest.raises(_Killed):
            asyncio.run(backups.restore("hub", "production", taken["id"], {}, "op", progress=die))
        assert backups.journal("hub", "production")[-1]["event"] == "DatabaseRestoreStarted"
        again = asyncio.run(backups.restore("hub", "production", taken["id"], {}, "op",
                                            health_seconds=60))
        assert not isinstance(again, ApprovalRequest) and again.outcome == RESTORED
        settled = [e for e in backups.journal("hub", "production")
                   if e["event"] == "DatabaseRestoreFinished"][-2]
        assert settled["outcome"] == "interrupted"
        assert "the console stopped during the restore" in settled["reason"]
        assert health(world.site)["status"] == "ok"
    finally:
        ws.close()


async def server_backups_of(world: World) -> list[str]:
    host = world.site.host()
    try:
        return [b.id for b in await server_backups(world.db(host))]
    finally:
        await host.close()


def test_the_daily_script_dumps_each_platform_and_keeps_the_newest_scheduled_ones(
        world: World, deployed: ReleaseDeployer, tmp_path: Path) -> None:
    folder = tmp_path / "backups"
    (folder / "hub").mkdir(parents=True)
    shutil.copyfile(f"{world.backup_dir}.env", folder / "hub.env")
    old = [f"2025{m:02d}01T023000Z-scheduled.dump" for m in range(1, 10)]
    kept = ["20200101T000000Z-before-release-1.dump", "20200102T000000Z-manual.dump"]
    for name in old + kept:
        (folder / "hub" / name).write_bytes(b"an older dump")
        (folder / "hub" / f"{name}.counts.json").write_text("{}", encoding="utf-8")
    # a second platform whose database refuses the login: its dumps stay, the run says so
    (folder / "other").mkdir()
    (folder / "other.env").write_text(
        (folder / "hub.env").read_text(encoding="utf-8").replace(
            PASSWORDS[NAMES.migrator], "wrong-password"), encoding="utf-8")
    for name in old:
        (folder / "other" / name).write_bytes(b"an older dump")
    script = tmp_path / "webnova-db-backup"
    script.write_text(server_scripts.SCHEDULED_BACKUP, encoding="utf-8")
    script.chmod(0o755)

    done = subprocess.run([str(script), str(folder), "5"], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PATH": f"{world.pg.bin_dir}:/usr/bin:/bin"})
    assert done.returncode == 1, done.stdout + done.stderr
    assert "other: the dump failed; no older dump was deleted" in done.stderr
    names = sorted(p.name for p in (folder / "hub").iterdir())
    fresh = [n for n in names if n.endswith("-scheduled.dump") and n not in old]
    assert len(fresh) == 1
    assert [n for n in names if n.endswith("-scheduled.dump")] == [*old[-4:], *fresh]
    assert set(kept) <= set(names)  # before a deploy or by hand: never deleted here
    assert f"{old[0]}.counts.json" not in names and f"{old[-1]}.counts.json" in names
    counts = json.loads((folder / "hub" / f"{fresh[0]}.counts.json").read_text(encoding="utf-8"))
    assert counts["public.ledger"] == len(ledger(world))
    assert sorted(p.name for p in (folder / "other").iterdir()) == old
    # the scheduled dump is a real one: it restores
    fresh_dump = Path(world.backup_dir) / fresh[0]
    shutil.copyfile(folder / "hub" / fresh[0], fresh_dump)
    shutil.copyfile(folder / "hub" / f"{fresh[0]}.counts.json", f"{fresh_dump}.counts.json")
    for path in (fresh_dump, Path(f"{fresh_dump}.counts.json")):
        shutil.chown(path, world.site.account.uid, world.site.account.gid)
    assert world.on_server(lambda db: drill_backup(db, str(fresh_dump))).ok


def test_the_backup_before_a_deploy_dumps_tables_under_row_level_security(
        world: World, deployed: ReleaseDeployer, built: Release) -> None:
    """The migrating login is held by the platform's forced row-level security: its dump
    must ask for the policies (``--enable-row-security``), or pg_dump refuses."""
    settings = {**world.site.settings(), "DATABASE_URL": world.url(NAMES.login)}
    migrate = {**settings, "DATABASE_URL": world.url(NAMES.migrator)}

    async def go(database: DatabaseServer) -> Any:
        return await deployed.deploy("hub", "staging", replace(built, number=2),
                                     [world.site.app(database.host)], database, settings,
                                     migrate, health_seconds=60)

    result = world.on_server(go)
    assert result.outcome == DEPLOYED, result.reason
    backup = deployed.backups("hub", "staging")[-1]
    assert backup["id"].endswith("-before-release-2") and backup["release"] == 2
    counts = json.loads(Path(backup["path"] + ".counts.json").read_text(encoding="utf-8"))
    assert counts["public.ledger"] == len(ledger(world)) and backup["rows"] == sum(counts.values())
