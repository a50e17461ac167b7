"""A generated platform's tenants' usage, pulled into the console's ledger end to end: the
healthcare template installed from its own lock into a bare virtual environment, migrated
on a real PostgreSQL (row-level security on), run with the metering token the console
keeps in its keyring, signed in to and called as two tenants; then ``webnova usage pull``
records exactly what the platform counted (``webnova usage list`` shows it per tenant),
a second pull records nothing, a pull that stops after a page is finished by the next one
with nothing twice, and a wrong token or an unreachable platform says what to do."""

from __future__ import annotations

import asyncio
import os
import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import httpx
import pytest

from app.cli.context import open_console, opened_workspace
from app.domain.codegen.spec import build_spec
from app.integrations.keyring_store import KeyringSecretStore
from app.integrations.usage_feed_http import HttpUsageFeed
from app.services.codegen import CodegenService
from app.services.platform_usage import platform_usage_stream
from app.services.release_targets import PlatformSecrets
from tests.cli.conftest import Run, webnova  # noqa: F401  (the fixture)
from tests.codegen.conftest import blueprint_of, template_document
from tests.codegen.test_end_to_end import fresh_environment, install_from_lock, run
from tests.support.pgserver import PgServer, free_port

PASSWORD = "correct horse battery staple"
ENV = "staging"


@dataclass
class Running:
    key: str
    url: str
    token_name: str
    users: dict[str, dict[str, str]]  # email -> sign-in headers
    log: Path

    def sign_in(self, tenant: str, email: str) -> None:
        answer = httpx.post(f"{self.url}/api/v1/auth/token", timeout=10,
                            json={"tenant": tenant, "email": email, "password": PASSWORD})
        assert answer.status_code == 200, answer.text
        self.users[email] = {"Authorization": f"Bearer {answer.json()['access_token']}"}

    def call(self, email: str, times: int) -> None:
        for _ in range(times):
            assert httpx.get(f"{self.url}/api/v1/auth/me", headers=self.users[email],
                             timeout=10).status_code == 200

    def counted(self, token: str) -> Counter[tuple[str, str]]:
        """Everything the platform's log holds, by (tenant, resource)."""
        totals: Counter[tuple[str, str]] = Counter()
        cursor, more = "", True
        while more:
            page = httpx.get(f"{self.url}/_webnova/usage", params={"cursor": cursor, "limit": 5000},
                             headers={"Authorization": f"Bearer {token}"}, timeout=10).json()
            for r in page["records"]:
                totals[(r["tenant"], r["resource"])] += r["quantity"]
            cursor, more = page["cursor"], page["more"]
        return totals

    def wait_for(self, token: str, expected: dict[tuple[str, str], int]) -> Counter[tuple[str, str]]:
        deadline = time.monotonic() + 30
        while True:
            totals = self.counted(token)
            if all(totals[k] == v for k, v in expected.items()):
                return totals
            assert time.monotonic() < deadline, f"the platform counted {dict(totals)}"
            time.sleep(0.3)


@pytest.fixture
def platform(codegen: CodegenService, tmp_path: Path, locked_wheels: Path,
             pg_server: PgServer, console_home: Path) -> Iterator[Running]:
    blueprint = blueprint_of(template_document("healthcare"))
    spec = build_spec(blueprint)
    root = tmp_path / spec.key
    codegen.generate_now(blueprint, root, version=1)
    python = fresh_environment(tmp_path / "venv")
    install_from_lock(python, root, locked_wheels)

    owner, database = f"owner_{uuid.uuid4().hex[:8]}", f"usage_{uuid.uuid4().hex[:8]}"
    pg_server.execute(f"CREATE ROLE {owner} LOGIN CREATEROLE PASSWORD 'owner-password'")
    pg_server.execute(f'CREATE DATABASE "{database}" OWNER {owner}')
    # The token the console keeps for this environment (a release deploy ships this one).
    name = PlatformSecrets.name("local", spec.key, ENV, "METERING_TOKEN")
    token = PlatformSecrets(KeyringSecretStore()).get_named(name, "METERING_TOKEN")
    port = free_port()
    env = {**os.environ, "MIGRATION_DATABASE_URL": pg_server.url(database, owner, "owner-password"),
           "DATABASE_URL": pg_server.url(database, f"{spec.package}_login_{uuid.uuid4().hex[:6]}",
                                         "login-password"),
           "JWT_SECRET": "j" * 48, "FIELD_ENCRYPTION_KEYS": "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=",
           "FIELD_INDEX_KEY": "i" * 48, "METERING_TOKEN": token, "USAGE_FLUSH_SECONDS": "1",
           "PLATFORM_USER_PASSWORD": PASSWORD}
    migrated = run([str(python), "-m", f"{spec.package}.manage", "migrate"], root, env)
    assert migrated.returncode == 0, migrated.stderr
    for tenant, email in (("tenant-a", "a1@a.example"), ("tenant-a", "a2@a.example"),
                          ("tenant-b", "b1@b.example")):
        made = run([str(python), "-m", f"{spec.package}.manage", "create-user", "--tenant", tenant,
                    "--email", email, "--role", "doctor"], root, env)
        assert made.returncode == 0, made.stderr
    log = tmp_path / "platform.log"
    with log.open("wb") as output:
        server = subprocess.Popen(
            [str(python), "-m", "uvicorn", "--factory", f"{spec.package}.main:create_app",
             "--host", "127.0.0.1", "--port", str(port)], cwd=root, env=env,
            stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, log.read_text()
            time.sleep(0.2)
        yield Running(spec.key, url, name, {}, log)
        assert token not in log.read_text()  # refused pulls are logged without the token
    finally:
        server.terminate()
        server.wait(timeout=30)
        pg_server.drop_database(database)
        pg_server.execute(f"DROP ROLE IF EXISTS {owner}")


def ledger(webnova: Run, key: str) -> Counter[tuple[str, str]]:  # noqa: F811
    rows = webnova("usage", "list", "--platform", key, "--json")
    assert rows.code == 0, rows.err
    totals: Counter[tuple[str, str]] = Counter()
    for row in rows.json():
        assert (row["environment"], row["category"], row["provider"]) == (ENV, "platform", "owner")
        totals[(row["tenant"], row["resource"])] += Decimal(row["quantity"])
    return totals


def as_ledger(counted: Counter[tuple[str, str]]) -> Counter[tuple[str, str]]:
    names = {"requests": "platform.requests", "active_users": "platform.active_users",
             "storage": "platform.storage_gb"}
    converted: Counter[tuple[str, str]] = Counter()
    for (tenant, resource), quantity in counted.items():
        value = Decimal(quantity) / 10**9 if resource == "storage" else Decimal(quantity)
        converted[(tenant, names[resource])] += value.quantize(Decimal("0.000001"))
    return converted


class StopsAfter:
    """A pull that stops (as a killed console would) after ``pages`` pages were kept."""

    def __init__(self, feed: HttpUsageFeed, pages: int) -> None:
        self.feed, self.pages, self.asked = feed, pages, 0

    @property
    def where(self) -> str:
        return self.feed.where

    async def page(self, cursor: str, limit: int) -> object:
        self.asked += 1
        if self.asked > self.pages:
            raise KeyboardInterrupt
        return await self.feed.page(cursor, limit)


def test_usage_pulled_from_a_running_platform_per_tenant_exactly_once(
        platform: Running, webnova: Run, memory_keyring: object) -> None:  # noqa: F811
    token = KeyringSecretStore().get(platform.token_name) or ""
    platform.sign_in("tenant-a", "a1@a.example")
    platform.sign_in("tenant-a", "a2@a.example")
    platform.sign_in("tenant-b", "b1@b.example")
    platform.call("a1@a.example", 4)
    platform.call("a2@a.example", 2)
    platform.call("b1@b.example", 3)
    # a sign-in is a request of its tenant too
    counted = platform.wait_for(token, {("tenant-a", "requests"): 8, ("tenant-b", "requests"): 4,
                                        ("tenant-a", "active_users"): 2,
                                        ("tenant-b", "active_users"): 1})
    assert counted[("tenant-a", "storage")] > 0 and counted[("tenant-b", "storage")] > 0

    pulled = webnova("usage", "pull", platform.key, "--env", ENV, "--url", platform.url,
                     "--page", "2", "--json")
    assert pulled.code == 0, pulled.err
    assert pulled.json()["pages"] >= 2
    seen = ledger(webnova, platform.key)
    assert seen[("tenant-a", "platform.requests")] == 8
    assert seen[("tenant-b", "platform.requests")] == 4
    assert seen[("tenant-a", "platform.active_users")] == 2
    assert seen[("tenant-b", "platform.active_users")] == 1
    assert seen == as_ledger(counted)

    again = webnova("usage", "pull", platform.key, "--env", ENV, "--url", platform.url)
    assert again.code == 0, again.err
    assert again.out.strip() == f"no new usage from {platform.key} {ENV} since the last pull"
    assert ledger(webnova, platform.key) == seen

    # More use, then a pull that stops after one page; the next pull finishes it exactly.
    platform.call("a1@a.example", 5)
    platform.call("b1@b.example", 1)
    platform.sign_in("tenant-b", "b1@b.example")  # already active today: not counted again
    counted = platform.wait_for(token, {("tenant-a", "requests"): 13, ("tenant-b", "requests"): 6})
    console = open_console()
    with opened_workspace(console, console.catalog.current()) as workspace:
        stream = platform_usage_stream(workspace.entry.tenant_id, platform.key, ENV)
        before = workspace.store.stream_version(stream)
        stopping = StopsAfter(HttpUsageFeed(platform.url, token), pages=1)
        with pytest.raises(KeyboardInterrupt):
            asyncio.run(workspace.usage.pull_platform(platform.key, ENV, stopping, None, limit=1))
        kept = workspace.store.read_stream(stream, before)
        assert [e.type for e in kept] == ["UsageRecorded", "PlatformUsagePulled"]
    middle = ledger(webnova, platform.key)
    assert middle != as_ledger(counted)
    finished = webnova("usage", "pull", platform.key, "--env", ENV, "--url", platform.url)
    assert finished.code == 0, finished.err
    assert ledger(webnova, platform.key) == as_ledger(counted)
    assert ledger(webnova, platform.key)[("tenant-b", "platform.active_users")] == 1


def test_a_wrong_token_or_no_platform_says_what_to_do(
        platform: Running, webnova: Run) -> None:  # noqa: F811
    store = KeyringSecretStore()
    right = store.get(platform.token_name) or ""
    store.set(platform.token_name, "another-token-" + "z" * 40)
    refused = webnova("usage", "pull", platform.key, "--env", ENV, "--url", platform.url)
    assert refused.code == 1
    assert "refused the environment's metering token (401)" in refused.error
    assert "webnova release deploy" in refused.error
    assert "z" * 40 not in refused.err and right not in refused.err
    store.set(platform.token_name, right)
    assert "usage pull from 127.0.0.1 refused: a wrong metering token" in platform.log.read_text()
    absent = webnova("usage", "pull", platform.key, "--env", ENV, "--url", f"http://127.0.0.1:{free_port()}")
    assert absent.code == 1
    assert "does not answer" in absent.error
    events = webnova("events", "tail", "--json", "--limit", "1000").json()
    assert not [e for e in events if e["type"] in ("UsageRecorded", "PlatformUsagePulled")]
