"""Rolling back to an earlier release, with real parts (the throwaway sshd, Caddy and
PostgreSQL of ``test_release_deploy``): two releases of one platform whose migrations
differ — B's blueprint has one more entity, so B has one more migration — deployed in
turn; going back from B to A needs a choice (downgrade, or the backup taken before B
restored), each leaves the database as it says; going back where no migration ran is a
plain switch, and no request through Caddy fails while it happens."""

from __future__ import annotations

import asyncio
import hashlib
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import psycopg
import pytest

from app.domain.release.rollback import DOWNGRADE, RESTORE, SWITCH
from app.services.release_deploy import (
    DEPLOYED,
    FAILED,
    SWITCHED_BACK,
    Release,
    ReleaseDeployer,
    ReleaseDeployError,
    Report,
)
from app.services.release_rollback import ReleaseRollback, RollbackChoiceNeededError, RollbackResult
from tests.release import test_release_deploy as deploy_tests
from tests.release.test_release_cli import Console
from tests.release.test_release_deploy import Site, deploy, health
from tests.support.pgserver import PgServer

pytestmark = pytest.mark.timeout(600)  # two release builds, then deploys and rollbacks

site = deploy_tests.site  # this module's own throwaway server, account and Caddy
deployer = deploy_tests.deployer

TAG = {"name": "asset_tag", "label": {"en": "Asset tag", "ar": "بطاقة أصل"},
       "plural_label": {"en": "Asset tags", "ar": "بطاقات الأصول"},
       "fields": [{"name": "code", "label": {"en": "Code", "ar": "الرمز"}, "type": "string",
                   "required": True, "max_length": 40}]}


def _release(console: Console, home: Path) -> Release:
    console.ok("generate", "hub", "--out", str(home / "hub"))
    made = json.loads(console.ok("release", "build", "hub", "--json"))
    path = Path(made["file"])
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return Release(int(made["release"]), path, digest, "hub-platform")


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> tuple[Release, Release]:
    """A, then B: the blueprint with one entity more, generated over A (one more migration)."""
    home = tmp_path_factory.mktemp("rollback-home")
    console = Console(home)
    console.ok("blueprint", "new", "--template", "enterprise", "--key", "hub")
    first = _release(console, home)
    blueprint = json.loads(console.ok("blueprint", "export", "hub", "--format", "json"))
    blueprint["entities"].append(TAG)
    (home / "hub-v2.json").write_text(json.dumps(blueprint, ensure_ascii=False), encoding="utf-8")
    console.ok("blueprint", "import", str(home / "hub-v2.json"))
    second = _release(console, home)
    assert len(list((home / "hub" / "migrations" / "versions").glob("0*.py"))) == 2
    return first, second


@pytest.fixture
def own(site: Site, pg_server: PgServer) -> Iterator[Site]:
    """The site with a database of this test's own."""
    name = f"hub_{uuid.uuid4().hex[:10]}"
    pg_server.create_database(name)
    try:
        yield replace(site, database=name)
    finally:
        pg_server.drop_database(name)


def rollback(deployer: ReleaseDeployer, site: Site, to: int | None = None,
             choice: str | None = None, progress: Callable[[Report], None] | None = None,
             health_seconds: float = 60) -> RollbackResult:
    async def go() -> RollbackResult:
        host = site.host()
        try:
            return await ReleaseRollback(deployer).rollback(
                "hub", "staging", [site.app(host)], site.db(host), to, choice,
                health_seconds=health_seconds, progress=progress)
        finally:
            await host.close()

    return asyncio.run(go())


def sql(site: Site, query: str, *args: object) -> list[tuple[object, ...]]:
    with psycopg.connect(site.pg.url(site.database).replace("postgresql+psycopg", "postgresql"),
                         autocommit=True) as conn:
        cursor = conn.execute(query, args)
        return cursor.fetchall() if cursor.description else []


def revision(site: Site) -> object:
    return sql(site, "SELECT version_num FROM alembic_version")[0][0]


def tables(site: Site) -> set[object]:
    return {r[0] for r in sql(site, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")}


# The running platform writes its own usage meter (requests, storage) whenever it flushes or
# stops, whatever the console does: those tables are not part of what a rollback keeps.
METER_TABLES = frozenset({"usage_log", "usage_active_users"})


def fingerprint(site: Site) -> dict[object, object]:
    """Every table of the platform (but its usage meter) with a digest of its rows."""
    return {t: sql(site, f'SELECT count(*), md5(coalesce(string_agg(x::text, \'|\' ORDER BY '
                         f'x::text), \'\')) FROM "{t}" x')[0]
            for t in sorted(tables(site), key=str) if t not in METER_TABLES}


def add_rows(site: Site, tag: str) -> None:
    at = "2026-01-01T00:00:00+00:00"
    if "asset_tag" in tables(site):
        sql(site, "INSERT INTO asset_tag (id, tenant_id, created_at, updated_at, code) "
                  "VALUES (%s, 't1', %s, %s, %s)", str(uuid.uuid4()), at, at, tag)
    sql(site, "INSERT INTO department (id, tenant_id, created_at, updated_at, name, cost_centre) "
              "VALUES (%s, 't1', %s, %s, %s, %s)", str(uuid.uuid4()), at, at, tag,
        str(1000 + len(sql(site, "SELECT id FROM department"))))


def on_server(site: Site, command: str) -> str:
    async def go() -> str:
        host = site.host()
        try:
            return (await host.run(command, check=True)).stdout.strip()
        finally:
            await host.close()

    return asyncio.run(go())


def current(site: Site) -> str:
    return on_server(site, f"readlink {site.root}/releases/current")


class _Killed(BaseException):
    """The console stopping dead in the middle of a rollback."""


def test_back_from_a_release_with_a_migration_more_by_downgrade_or_by_the_backup(
        deployer: ReleaseDeployer, own: Site, releases: tuple[Release, Release]) -> None:
    a, b = releases
    assert deploy(deployer, own, a).outcome == DEPLOYED  # type: ignore[attr-defined]
    head_a = revision(own)
    assert deploy(deployer, own, b).outcome == DEPLOYED  # type: ignore[attr-defined]
    assert revision(own) != head_a and "asset_tag" in tables(own)
    add_rows(own, "written-under-b")
    journal = len(deployer.history("hub", "staging"))

    # Migrations ran since A: refused until the owner chooses, with both ways and their cost.
    with pytest.raises(RollbackChoiceNeededError) as refused:
        rollback(deployer, own)
    said = str(refused.value)
    assert "--downgrade" in said and "--restore-backup" in said
    assert f"columns and tables added by releases after {a.number} are dropped with their data" in said
    assert "every change written since" in said and "is lost" in said
    assert refused.value.plan.target == a.number and refused.value.plan.target_head == head_a
    assert len(deployer.history("hub", "staging")) == journal  # nothing was started
    with pytest.raises(ReleaseDeployError, match=f"releases it can go back to: {a.number}$"):
        rollback(deployer, own, to=7, choice=DOWNGRADE)

    # A downgrade step that fails (something depends on B's table) changes nothing.
    sql(own, "CREATE VIEW tag_codes AS SELECT code FROM asset_tag")
    stuck = rollback(deployer, own, choice=DOWNGRADE)
    assert (stuck.outcome, stuck.failed_step) == (FAILED, "downgrade"), stuck.reason
    assert "tag_codes" in stuck.reason and "the database is as it was" in stuck.reason
    assert not any(s.startswith("switch") for s in stuck.steps)
    assert current(own) == str(b.number) and revision(own) != head_a
    assert sql(own, "SELECT code FROM tag_codes") == [("written-under-b",)]
    sql(own, "DROP VIEW tag_codes")

    # Downgrade: A runs on A's schema, B's table is gone with its rows.
    down = rollback(deployer, own, choice=DOWNGRADE)
    assert (down.outcome, down.release, down.previous, down.choice) == (
        DEPLOYED, a.number, b.number, DOWNGRADE), down.reason
    assert down.steps.index("backup") < down.steps.index("downgrade")
    assert down.safety_backup is not None and Path(down.safety_backup).is_file()
    assert json.loads(Path(down.safety_backup + ".counts.json").read_text())[
        "public.asset_tag"] == 1  # what the downgrade drops stays in the dump taken first
    assert current(own) == str(a.number) and revision(own) == head_a
    assert "asset_tag" not in tables(own)
    assert health(own)["status"] == "ok"

    # B again (the dump before it is A's database), rows written; restoring loses them all.
    before_b = fingerprint(own)
    assert deploy(deployer, own, b).outcome == DEPLOYED  # type: ignore[attr-defined]
    add_rows(own, "lost-by-the-restore")
    assert fingerprint(own) != before_b
    back = rollback(deployer, own, choice=RESTORE)
    assert (back.outcome, back.release, back.choice) == (DEPLOYED, a.number, RESTORE), back.reason
    dumps = deployer.backups("hub", "staging")
    assert back.backup == dumps[-2]["path"]  # the dump taken before B's deploy
    assert back.safety_backup == dumps[-1]["path"] and "before-rollback-to" in dumps[-1]["path"]
    assert json.loads(Path(dumps[-1]["path"] + ".counts.json").read_text())[
        "public.asset_tag"] == 1  # the rows the restore loses are in the dump taken first
    assert fingerprint(own) == before_b  # B's table too is gone: the database is the dump's
    assert revision(own) == head_a and current(own) == str(a.number)
    assert health(own)["status"] == "ok"
    assert [(h.get("rollback", False), h.get("choice"), h["outcome"])
            for h in deployer.history("hub", "staging")] == [
        (False, None, DEPLOYED), (False, None, DEPLOYED), (True, DOWNGRADE, FAILED),
        (True, DOWNGRADE, DEPLOYED), (False, None, DEPLOYED), (True, RESTORE, DEPLOYED)]


def test_an_unhealthy_target_goes_back_migrated_and_a_killed_rollback_is_settled(
        deployer: ReleaseDeployer, own: Site, releases: tuple[Release, Release]) -> None:
    a, b = releases  # installed on the server by the test above, or installed here
    assert deploy(deployer, own, a).outcome == DEPLOYED  # type: ignore[attr-defined]
    head_a = revision(own)
    assert deploy(deployer, own, b).outcome == DEPLOYED  # type: ignore[attr-defined]
    add_rows(own, "written-under-b")

    # A unhealthy after the downgrade: B's migrations run again and B runs (its rows lost).
    on_server(own, f"cd {own.root}/releases/{a.number} && cp app.env app.env.good && "
                   "sed -i \"s/^JWT_SECRET=.*/JWT_SECRET='short'/\" app.env")
    sick = rollback(deployer, own, choice=DOWNGRADE, health_seconds=10)
    assert sick.outcome == SWITCHED_BACK, sick.reason
    assert f"release {a.number} is not healthy" in sick.reason
    assert f"switched back to release {b.number} and its migrations ran again" in sick.reason
    assert current(own) == str(b.number) and revision(own) != head_a
    assert sql(own, "SELECT count(*) FROM asset_tag") == [(0,)]
    assert health(own)["status"] == "ok"
    on_server(own, f"cd {own.root}/releases/{a.number} && mv app.env.good app.env")

    # Killed after the downgrade, before the switch: the next deploy finishes the rollback.

    def die_after_downgrade(report: Report) -> None:
        if report.step == "downgrade" and report.state == "done":
            raise _Killed

    with pytest.raises(_Killed):
        rollback(deployer, own, choice=DOWNGRADE, progress=die_after_downgrade)
    assert deployer.history("hub", "staging")[-1]["outcome"] is None
    assert current(own) == str(b.number) and revision(own) == head_a
    assert deploy(deployer, own, b).outcome == DEPLOYED  # type: ignore[attr-defined]
    settled = deployer.history("hub", "staging")[-2]
    assert (settled["release"], settled["rollback"], settled["outcome"]) == (a.number, True, DEPLOYED)
    assert f"rollback to release {a.number}; it was switched and is healthy" in settled["reason"]
    assert revision(own) != head_a and "asset_tag" in tables(own)  # B migrated again
    assert [(h.get("rollback", False), h.get("choice"), h["outcome"])
            for h in deployer.history("hub", "staging")] == [
        (False, None, DEPLOYED), (False, None, DEPLOYED), (True, DOWNGRADE, SWITCHED_BACK),
        (True, DOWNGRADE, DEPLOYED), (False, None, DEPLOYED)]


def test_back_where_no_migration_ran_is_a_plain_switch_and_no_request_fails(
        deployer: ReleaseDeployer, own: Site, releases: tuple[Release, Release]) -> None:
    a = releases[0]
    old, new = replace(a, number=60), replace(a, number=61)  # same migrations
    assert deploy(deployer, own, old).outcome == DEPLOYED  # type: ignore[attr-defined]
    assert deploy(deployer, own, new).outcome == DEPLOYED  # type: ignore[attr-defined]
    add_rows(own, "kept")
    kept = fingerprint(own)
    failures: list[str] = []
    answered = 0
    stop = threading.Event()

    def hammer() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{own.proxy_port}/health",
                                            timeout=40) as answer:
                    if answer.status != 200:
                        failures.append(f"HTTP {answer.status}")
                    answered += 1
            except (urllib.error.URLError, OSError) as exc:
                failures.append(str(exc))
            time.sleep(0.01)

    client = threading.Thread(target=hammer)
    client.start()
    try:
        result = rollback(deployer, own)
    finally:
        stop.set()
        client.join(timeout=60)
    assert (result.outcome, result.release, result.previous, result.choice) == (
        DEPLOYED, 60, 61, SWITCH), result.reason
    assert not any(s in ("downgrade", "restore") for s in result.steps)
    assert failures == [] and answered > 10
    assert current(own) == "60" and fingerprint(own) == kept
    with pytest.raises(ReleaseDeployError, match="release 60 is the one running"):
        rollback(deployer, own, to=60)
