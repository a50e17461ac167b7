"""Where a release deploy stands, from the environment's journal and its lease, on SQLite and
on a real PostgreSQL: a journal left open is "running" while another console process holds
the environment's lease and "interrupted" once that process is gone (killed by SIGKILL), and
the release the servers run is said only where the journal knows it."""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.domain.events import NewEvent
from app.services.release_deploy import (
    DEPLOYED,
    FINISHED,
    STARTED,
    STEP,
    SWITCHED_BACK,
    ReleaseDeployer,
    release_deploy_stream,
)
from app.store.engine import create_workspace_engine
from app.store.event_store import PostgresEventStore, SqlEventStore, SqliteEventStore
from app.store.migrations import upgrade

ROOT = Path(__file__).resolve().parents[2]
STREAM = release_deploy_stream("t1", "hub", "staging")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[SqlEventStore]:
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'console.sqlite3'}"
    else:
        url = request.getfixturevalue("pg_url")
    engine = create_workspace_engine(url)
    upgrade(engine)
    try:
        yield (SqliteEventStore if request.param == "sqlite" else PostgresEventStore)(engine)
    finally:
        engine.dispose()


def journal(store: SqlEventStore, *events: tuple[str, dict[str, object]]) -> None:
    for kind, data in events:
        store.append(STREAM, [NewEvent(kind, "t1", data, {"actor": "owner"})],
                     store.stream_version(STREAM))


def deployed(number: int, previous: int | None) -> list[tuple[str, dict[str, object]]]:
    return [(STARTED, {"release": number, "sha256": "ab" * 32, "previous": previous,
                       "servers": ["app-1"]}),
            *[(STEP, {"step": s}) for s in ("upload:app-1", "install:app-1", "settings:app-1",
                                            "migrate", "switch:app-1", "restart:app-1",
                                            "health:app-1")],
            (FINISHED, {"outcome": DEPLOYED, "reason": ""})]


class LeaseHolder:
    """Another console process holding the environment's lease until it is killed."""

    def __init__(self, store: SqlEventStore) -> None:
        url = store.engine.url.render_as_string(hide_password=False)
        script = ("import time\n"
                  "from sqlalchemy import create_engine\n"
                  f"from app.store.event_store import {type(store).__name__} as Store\n"
                  f"with Store(create_engine({url!r})).lease({STREAM!r}):\n"
                  "    print('held', flush=True)\n"
                  "    time.sleep(120)\n")
        self.process = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, cwd=ROOT)
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        assert line == "held", self.process.stderr.read() if self.process.stderr else line

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.communicate(timeout=30)


def settle_lease(store: SqlEventStore) -> None:
    """A killed holder's lease is gone once the database notices (at once on both)."""
    import time

    deadline = time.monotonic() + 10
    while not store.lease_free(STREAM):
        assert time.monotonic() < deadline, "the killed console's lease was never released"
        time.sleep(0.05)


def test_an_open_journal_is_running_with_a_live_console_and_interrupted_without(
        store: SqlEventStore) -> None:
    deployer = ReleaseDeployer(store, "t1", "owner")
    assert deployer.status("hub", "staging") == {
        "platform": "hub", "environment": "staging", "state": "never", "current": None,
        "candidates": [], "last": None}
    journal(store, *deployed(1, None))
    status = deployer.status("hub", "staging")
    assert (status["state"], status["current"], status["candidates"]) == (DEPLOYED, 1, [1])

    # Release 2 is being deployed by another console: uploaded and installed, not switched.
    journal(store, (STARTED, {"release": 2, "sha256": "cd" * 32, "previous": 1,
                              "servers": ["app-1"]}),
            (STEP, {"step": "upload:app-1"}), (STEP, {"step": "install:app-1"}))
    holder = LeaseHolder(store)
    try:
        status = deployer.status("hub", "staging")
        assert (status["state"], status["current"]) == ("running", 1)
        assert status["last"]["release"] == 2 and status["last"]["outcome"] is None
        assert [h["state"] for h in deployer.history("hub", "staging")] == [DEPLOYED, "running"]
    finally:
        holder.kill()
    settle_lease(store)
    status = deployer.status("hub", "staging")
    assert (status["state"], status["current"], status["candidates"]) == ("interrupted", 1, [1])
    assert [h["state"] for h in deployer.history("hub", "staging")] == [DEPLOYED, "interrupted"]

    # Stopped once the migration ran: the switch may have run too; the journal cannot say.
    journal(store, (STEP, {"step": "settings:app-1"}), (STEP, {"step": "migrate"}))
    status = deployer.status("hub", "staging")
    assert (status["state"], status["current"], status["candidates"]) == ("interrupted", None,
                                                                          [1, 2])
    journal(store, (STEP, {"step": "switch:app-1"}))  # switched; the restart is next
    status = deployer.status("hub", "staging")
    assert (status["current"], status["candidates"]) == (2, [2])
    journal(store, (STEP, {"step": "restart:app-1"}))  # a failed health check may switch back
    assert deployer.status("hub", "staging")["candidates"] == [1, 2]
    # Settled by the next deploy: switched back, release 1 is current again.
    journal(store, (FINISHED, {"outcome": SWITCHED_BACK, "reason": "not healthy"}))
    status = deployer.status("hub", "staging")
    assert (status["state"], status["current"]) == (SWITCHED_BACK, 1)
    assert status["last"]["reason"] == "not healthy"
