"""A release deployed to a real server: a throwaway OpenSSH server on loopback (the console's
host key pinned, its access key to log in), a real PostgreSQL, and the real Caddy in front
of the app. The deploy uploads the release, installs it from its own wheels, backs up the
database, migrates, switches and restarts, and the test calls the platform over HTTP
through Caddy. An unhealthy release is switched back; a redeploy of the same file uploads
nothing; a client hammering the health endpoint through the deploys sees no failed
request."""

from __future__ import annotations

import asyncio
import base64
import json
import os
import shutil
import subprocess
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psycopg
import pytest

from app.domain.cloud.model import EnvironmentSpec
from app.integrations.deploy_keys import DeployKeys
from app.integrations.keyring_store import KeyringSecretStore, MemoryKeyring
from app.integrations.ssh_remote import RetryPolicy, SshRemoteHost, server_host
from app.services.release_deploy import (
    DEPLOYED,
    FAILED,
    SWITCHED_BACK,
    AppServer,
    DatabaseServer,
    Release,
    ReleaseDeployer,
    Report,
)
from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from tests.release.test_release_cli import Console
from tests.support.pgserver import PASSWORD, SUPERUSER, PgServer
from tests.support.sshd import Account, SshServer, free_port, start_sshd, throwaway_account

SPEC = EnvironmentSpec(workspace="local", platform="hub", environment="staging",
                       account="main", location="nbg1", app_server_type="cx32")
SERVER = "wn-hub-staging-app-1"
FAST = RetryPolicy(attempts=4, first_delay=0.05, max_delay=0.2, connect_timeout=5)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Release:
    home = tmp_path_factory.mktemp("deploy-home")
    console = Console(home)
    console.ok("blueprint", "new", "--template", "enterprise", "--key", "hub")
    console.ok("generate", "hub", "--out", str(home / "hub"))
    made = json.loads(console.ok("release", "build", "hub", "--json"))
    path = Path(made["file"])
    digest = subprocess.run(["sha256sum", str(path)], capture_output=True, text=True,
                            check=True).stdout.split()[0]
    return Release(int(made["release"]), path, digest, "hub-platform")


@dataclass
class Site:
    keys: DeployKeys
    sshd: SshServer
    account: Account
    caddy: subprocess.Popen[bytes]
    proxy_port: int
    app_port: int
    database: str
    pg: PgServer

    def host(self) -> SshRemoteHost:
        return server_host(self.keys, SPEC, SERVER, self.sshd.host, user=self.sshd.user,
                           port=self.sshd.port, retry=FAST)

    @property
    def root(self) -> str:
        return f"{self.account.home}/srv/hub"

    def app(self, host: SshRemoteHost) -> AppServer:
        return AppServer(SERVER, host, self.root, f"http://127.0.0.1:{self.proxy_port}/health",
                         "webnova-hub.service", self.app_port, "hub_api")

    def db(self, host: SshRemoteHost) -> DatabaseServer:
        return DatabaseServer("wn-hub-staging-db-1", host, f"{self.account.home}/backups",
                              f"{self.root}/pg.env", self.database)

    def settings(self) -> dict[str, str]:
        return {"DATABASE_URL": self.pg.url(self.database).replace("postgresql://",
                                                                   "postgresql+psycopg://"),
                "JWT_SECRET": "j" * 40, "FIELD_INDEX_KEY": "i" * 40,
                "FIELD_ENCRYPTION_KEYS": base64.urlsafe_b64encode(b"k" * 32).decode()}


@contextmanager
def open_site(pg_server: PgServer, folder: Path, database: str,
              sshd_extra: Sequence[str] = ()) -> Iterator[Site]:
    """A throwaway sshd and account, a fresh ``database`` and Caddy in front of the app."""
    keys = DeployKeys(KeyringSecretStore(MemoryKeyring()))
    access = keys.access_key(SPEC, create=True)
    made = keys.host_key(SPEC, SERVER, create=True)
    assert access is not None and made is not None
    account = throwaway_account()
    sshd = start_sshd(made[1], [access.openssh], account, list(sshd_extra))
    pg_server.drop_database(database)
    pg_server.create_database(database)
    proxy_port, app_port = free_port(), free_port()
    (folder / "Caddyfile").write_text(
        "{\n\tadmin off\n\tauto_https off\n}\n"
        f"http://127.0.0.1:{proxy_port} {{\n"
        f"\treverse_proxy 127.0.0.1:{app_port} {{\n"
        "\t\tlb_try_duration 30s\n\t\tlb_try_interval 250ms\n\t}\n}\n", encoding="utf-8")
    caddy = subprocess.Popen(
        [shutil.which("caddy") or "caddy", "run", "--config", str(folder / "Caddyfile"),
         "--adapter", "caddyfile"], cwd=folder, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL, env={**os.environ, "HOME": str(folder),
                                        "XDG_DATA_HOME": str(folder), "XDG_CONFIG_HOME": str(folder)})
    found = Site(keys, sshd, account, caddy, proxy_port, app_port, database, pg_server)
    try:
        yield found
    finally:
        caddy.terminate()
        caddy.wait(timeout=30)
        sshd.stop()
        account.remove()
        pg_server.drop_database(database)


@pytest.fixture(scope="module")
def site(pg_server: PgServer, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    with open_site(pg_server, tmp_path_factory.mktemp("caddy"), "hub_release") as found:
        yield found


@pytest.fixture
def deployer(tmp_path: Path) -> ReleaseDeployer:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'console.sqlite3'}")
    upgrade(engine)
    return ReleaseDeployer(SqliteEventStore(engine), "t1", "owner")


def deploy(deployer: ReleaseDeployer, site: Site, release: Release,
           settings: dict[str, str] | None = None, health_seconds: float = 60,
           migrate: dict[str, str] | None = None) -> object:
    async def go() -> object:
        host = site.host()
        try:
            await host.run(f"mkdir -p {site.root} && cat > {site.root}/pg.env", check=True,
                           input=f"PGHOST=127.0.0.1\nPGPORT={site.pg.port}\nPGUSER={SUPERUSER}\n"
                                 f"PGPASSWORD={PASSWORD}\n")
            return await deployer.deploy(
                "hub", "staging", release, [site.app(host)], site.db(host),
                settings or site.settings(), migrate or site.settings(),
                health_seconds=health_seconds)
        finally:
            await host.close()

    return asyncio.run(go())


def health(site: Site) -> dict[str, object]:
    with urllib.request.urlopen(f"http://127.0.0.1:{site.proxy_port}/health", timeout=10) as answer:
        body: dict[str, object] = json.loads(answer.read())
        return body


def test_a_release_is_installed_migrated_switched_and_answers_through_the_proxy(
        deployer: ReleaseDeployer, site: Site, built: Release) -> None:
    first = deploy(deployer, site, built)
    assert first.outcome == DEPLOYED, first.reason  # type: ignore[attr-defined]
    assert first.uploaded > 0  # type: ignore[attr-defined]
    answer = health(site)
    assert (answer["status"], answer["platform"], answer["database"]) == ("ok", "hub", "ok")
    backups = deployer.backups("hub", "staging")
    assert len(backups) == 1 and backups[0]["size"] > 0
    assert Path(backups[0]["path"]).is_file()  # on the database server's disk
    with psycopg.connect(site.pg.url(site.database).replace("postgresql+psycopg", "postgresql")) as conn:
        assert conn.execute("SELECT count(*) FROM alembic_version").fetchone() == (1,)

    # The same file again: nothing is uploaded, the install is found, and it still answers.
    again = deploy(deployer, site, replace(built, number=built.number + 1))
    assert again.outcome == DEPLOYED, again.reason  # type: ignore[attr-defined]
    assert again.uploaded == 0  # type: ignore[attr-defined]
    history = deployer.history("hub", "staging")
    assert [(h["release"], h["previous"], h["outcome"]) for h in history] == [
        (built.number, None, DEPLOYED), (built.number + 1, built.number, DEPLOYED)]


def test_an_unhealthy_release_is_switched_back_and_says_why(
        deployer: ReleaseDeployer, site: Site, built: Release) -> None:
    good = deploy(deployer, site, replace(built, number=10))
    assert good.outcome == DEPLOYED, good.reason  # type: ignore[attr-defined]
    broken = {**site.settings(), "JWT_SECRET": "short"}  # the app refuses to start
    bad = deploy(deployer, site, replace(built, number=11), broken, health_seconds=10)
    assert bad.outcome == SWITCHED_BACK  # type: ignore[attr-defined]
    assert "release 11 is not healthy" in bad.reason  # type: ignore[attr-defined]
    assert "switched back to release 10" in bad.reason  # type: ignore[attr-defined]
    assert health(site)["status"] == "ok"  # release 10 answers again, with its own settings
    fixed = deploy(deployer, site, replace(built, number=12))
    assert fixed.outcome == DEPLOYED  # type: ignore[attr-defined]
    assert health(site)["status"] == "ok"


def test_no_request_fails_while_a_release_is_switched(
        deployer: ReleaseDeployer, site: Site, built: Release) -> None:
    assert deploy(deployer, site, replace(built, number=20)).outcome == DEPLOYED  # type: ignore[attr-defined]
    failures: list[str] = []
    answered = 0
    stop = threading.Event()

    def hammer() -> None:
        nonlocal answered
        while not stop.is_set():
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{site.proxy_port}/health",
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
        result = deploy(deployer, site, replace(built, number=21))
    finally:
        stop.set()
        client.join(timeout=60)
    assert result.outcome == DEPLOYED  # type: ignore[attr-defined]
    assert failures == [] and answered > 10


def test_a_failing_migration_leaves_the_running_release_untouched(
        deployer: ReleaseDeployer, site: Site, built: Release) -> None:
    good = deploy(deployer, site, replace(built, number=30))
    assert good.outcome == DEPLOYED, good.reason  # type: ignore[attr-defined]
    nowhere = {**site.settings(), "DATABASE_URL": site.settings()["DATABASE_URL"].replace(
        f"/{site.database}", "/no_such_database")}
    failed = deploy(deployer, site, replace(built, number=31), migrate=nowhere)
    assert failed.outcome == FAILED  # type: ignore[attr-defined]
    assert "the running release was not touched" in failed.reason  # type: ignore[attr-defined]
    assert "no_such_database" in failed.reason  # type: ignore[attr-defined]
    assert not any(s.startswith("switch") for s in failed.steps)  # type: ignore[attr-defined]
    assert health(site)["status"] == "ok"  # release 30 still answers
    assert deployer.history("hub", "staging")[-1]["outcome"] == FAILED


class _Killed(BaseException):
    """The console stopping dead in the middle of a deploy."""


def test_a_deploy_whose_console_died_is_settled_by_the_next(
        deployer: ReleaseDeployer, site: Site, built: Release) -> None:
    assert deploy(deployer, site, replace(built, number=40)).outcome == DEPLOYED  # type: ignore[attr-defined]

    def die_after(step: str) -> Any:
        def progress(report: Report) -> None:
            if report.step.startswith(step) and report.state == "done":
                raise _Killed
        return progress

    async def killed(number: int, step: str) -> None:
        host = site.host()
        try:
            await deployer.deploy("hub", "staging", replace(built, number=number), [site.app(host)],
                                  None, site.settings(), site.settings(), health_seconds=30,
                                  progress=die_after(step))
        finally:
            await host.close()

    with pytest.raises(_Killed):
        asyncio.run(killed(41, "install"))  # before switching
    assert deployer.history("hub", "staging")[-1]["outcome"] is None  # left open
    assert deploy(deployer, site, replace(built, number=42)).outcome == DEPLOYED  # type: ignore[attr-defined]
    history = deployer.history("hub", "staging")
    assert (history[-2]["release"], history[-2]["outcome"]) == (41, FAILED)
    assert "before switching" in history[-2]["reason"]

    with pytest.raises(_Killed):
        asyncio.run(killed(43, "switch"))  # switched, not yet restarted nor checked
    assert deploy(deployer, site, replace(built, number=44)).outcome == DEPLOYED  # type: ignore[attr-defined]
    history = deployer.history("hub", "staging")
    assert (history[-2]["release"], history[-2]["outcome"]) == (43, DEPLOYED)
    assert "it was switched and is healthy" in history[-2]["reason"]
    assert all(h["outcome"] is not None for h in history)  # nothing stays "in progress"
