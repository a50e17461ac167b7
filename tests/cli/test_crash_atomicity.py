"""``webnova events append`` killed with SIGKILL inside its transaction: the workspace holds
all of the batch or none of it, and stays usable with gapless positions."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from contextlib import closing
from pathlib import Path

import psycopg
import pytest

from app.services.event_log import MAX_BATCH
from tests.cli.conftest import Run, event
from tests.support.pgserver import PASSWORD, PgServer

ROOT = Path(__file__).resolve().parents[2]
STREAMS = 50
APPLICATION_NAME = "webnova-console"  # what the console's PostgreSQL connections call themselves


@pytest.fixture(scope="module")
def big_batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The largest batch the CLI takes, over many streams (one transaction, many statements)."""
    path = tmp_path_factory.mktemp("batch") / "big.json"
    items = [
        {
            "stream_id": f"crash-{i % STREAMS}",
            "type": "Bulk",
            "tenant_id": "t1",
            "data": {"i": i, "pad": "x" * 150},
            "metadata": {"actor": "loader"},
        }
        for i in range(MAX_BATCH)
    ]
    path.write_text(json.dumps(items), encoding="utf-8")
    return path


def child_env(console_home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "WEBNOVA_"))}
    # The memory keyring of the child is empty; libpq then takes the password from PGPASSWORD.
    env.update(WEBNOVA_HOME=str(console_home), WEBNOVA_KEYRING="memory", PGPASSWORD=PASSWORD)
    return env


def kill_inside_transaction(
    args: list[str], env: dict[str, str], in_transaction: Callable[[], bool]
) -> None:
    """Start ``python -m app <args>``; SIGKILL it as soon as ``in_transaction()`` is true."""
    child = subprocess.Popen(
        [sys.executable, "-m", "app", *args],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 180
        while not in_transaction():
            if child.poll() is not None:
                out, err = child.communicate()
                pytest.fail(
                    f"the append ended (exit {child.returncode}) before it could be killed "
                    f"inside its transaction: {out} {err}"
                )
            if time.monotonic() > deadline:
                pytest.fail("the append never started its transaction")
            time.sleep(0.002)
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=60)
        assert child.returncode == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
        child.communicate()


def assert_all_or_nothing(count: int, head: int, before: int) -> None:
    assert count in (0, MAX_BATCH), f"{count} of {MAX_BATCH} events survived: half a batch"
    assert head == before + count  # the position counter moved with the events, or not at all
    assert count == 0, "killed inside the transaction, yet the batch was committed"


# ----------------------------------------------------------------------- SQLite
def write_locked(conn: sqlite3.Connection) -> Callable[[], bool]:
    """True while another connection holds the workspace's write lock; the console takes it
    (BEGIN IMMEDIATE) only for the append's transaction."""

    def probe() -> bool:
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                return True
            raise
        conn.execute("ROLLBACK")
        return False

    return probe


def test_sigkill_during_a_sqlite_append(
    webnova: Run, console_home: Path, local_db: Path, big_batch: Path
) -> None:
    # Opening the workspace once records its root owner; then the append's transaction is
    # the only write.
    assert webnova("events", "tail").code == 0
    with closing(sqlite3.connect(local_db)) as conn:
        before = conn.execute("SELECT count(*) FROM events").fetchone()[0]
    with closing(sqlite3.connect(local_db, timeout=0, isolation_level=None)) as conn:
        kill_inside_transaction(
            ["events", "append", str(big_batch)], child_env(console_home), write_locked(conn)
        )

    with closing(sqlite3.connect(local_db)) as conn:
        count = conn.execute("SELECT count(*) FROM events WHERE type = 'Bulk'").fetchone()[0]
        head = conn.execute("SELECT position FROM event_position").fetchone()[0]
    assert_all_or_nothing(count, head, before)

    after = webnova("events", "append", "-", "--json", stdin=json.dumps([event(1)]))
    assert after.code == 0, after.err
    assert [e["position"] for e in after.json()] == [before + count + 1]


# ------------------------------------------------------------------- PostgreSQL
@pytest.mark.postgres
def test_sigkill_during_a_postgres_append(
    webnova: Run, console_home: Path, pg_server: PgServer, pg_database: str, pg_url: str,
    big_batch: Path,
) -> None:  # fmt: skip
    assert webnova("workspace", "add", "pg", pg_url).code == 0
    assert webnova("db", "upgrade", "--workspace", "pg").code == 0
    assert webnova("events", "tail", "--workspace", "pg").code == 0  # records the root owner
    conninfo = pg_server.admin_conninfo.replace("dbname=postgres", f"dbname={pg_database}")
    with psycopg.connect(conninfo, autocommit=True) as admin:
        before_row = admin.execute("SELECT count(*) FROM events").fetchone()
    assert before_row is not None
    before = int(before_row[0])

    with psycopg.connect(conninfo, autocommit=True) as admin:

        def console_backends(writing_only: bool) -> int:
            row = admin.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = %s "
                "AND application_name = %s AND (NOT %s OR backend_xid IS NOT NULL)",
                (pg_database, APPLICATION_NAME, writing_only),
            ).fetchone()
            assert row is not None
            return int(row[0])

        kill_inside_transaction(
            ["events", "append", str(big_batch), "--workspace", "pg"],
            child_env(console_home),
            lambda: console_backends(writing_only=True) > 0,
        )
        # The server ends the killed client's session (rolling back what it had begun)
        # when it finds the connection gone; count only after that.
        deadline = time.monotonic() + 60
        while console_backends(writing_only=False) > 0:
            assert time.monotonic() < deadline, "the killed client's session never ended"
            time.sleep(0.05)
        count_row = admin.execute("SELECT count(*) FROM events WHERE type = 'Bulk'").fetchone()
        head_row = admin.execute("SELECT position FROM event_position").fetchone()
    assert count_row is not None
    assert head_row is not None
    assert_all_or_nothing(int(count_row[0]), int(head_row[0]), before)

    after = webnova("events", "append", "-", "--workspace", "pg", "--json",
                    stdin=json.dumps([event(1)]))  # fmt: skip
    assert after.code == 0, after.err
    assert [e["position"] for e in after.json()] == [int(head_row[0]) + 1]
