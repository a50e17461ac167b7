"""The event-store contract on a SQLite file, plus what only SQLite has."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import pytest

from app.store.engine import create_workspace_engine
from app.store.event_store import SqliteEventStore
from app.store.migrations import upgrade
from tests.store.contract import EventStoreContract
from tests.store.killing import PER_STREAM, STREAMS, kill_midway


@pytest.fixture
def store(tmp_path: Path) -> Iterator[SqliteEventStore]:
    engine = create_workspace_engine(f"sqlite:///{tmp_path / 'workspace.sqlite3'}")
    upgrade(engine)
    try:
        yield SqliteEventStore(engine)
    finally:
        engine.dispose()


@pytest.fixture
def impatient_store(store: SqliteEventStore) -> SqliteEventStore:
    return SqliteEventStore(store.engine, busy_timeout=0.5)


@pytest.fixture
def hold_writer(store: SqliteEventStore) -> Callable[[], AbstractContextManager[None]]:
    @contextmanager
    def holding() -> Iterator[None]:
        other = sqlite3.connect(str(store.engine.url.database), isolation_level=None)
        try:
            other.execute("BEGIN IMMEDIATE")  # the write lock, held and never committed
            yield
        finally:
            other.rollback()
            other.close()

    return holding


class TestSqliteEventStore(EventStoreContract):
    pass


def test_a_failed_commit_is_rolled_back_and_the_store_goes_on(store: SqliteEventStore) -> None:
    """COMMIT itself fails (a deferred foreign key, checked at commit, is violated) and
    leaves SQLite's transaction open: the store must roll it back, or every later append
    fails and other processes wait on the write lock."""
    path = str(store.engine.url.database)
    setup = sqlite3.connect(path, isolation_level=None)
    setup.executescript(
        "CREATE TABLE missing_parent (id INTEGER PRIMARY KEY);"
        "CREATE TABLE commit_guard (ref INTEGER REFERENCES missing_parent(id)"
        " DEFERRABLE INITIALLY DEFERRED);"
        "CREATE TRIGGER break_commit AFTER INSERT ON events WHEN NEW.stream_id = 'doomed'"
        " BEGIN INSERT INTO commit_guard VALUES (42); END;"
    )
    setup.close()
    with pytest.raises(sqlite3.IntegrityError, match="FOREIGN KEY"):
        store.append("doomed", [store_event()], 0)
    assert store.head_position() == 0
    assert store.append("fine", [store_event()], 0)[0].position == 1
    other = sqlite3.connect(path, isolation_level=None, timeout=1)
    try:
        other.execute("BEGIN IMMEDIATE")  # no write lock was left behind
        other.execute("ROLLBACK")
    finally:
        other.close()


def test_sigkill_in_the_middle_of_a_batch_leaves_all_or_nothing(tmp_path: Path) -> None:
    path = tmp_path / "killed.sqlite3"
    url = f"sqlite:///{path}"
    engine = create_workspace_engine(url)
    upgrade(engine)
    engine.dispose()
    wal = Path(f"{path}-wal")
    start_size = wal.stat().st_size if wal.exists() else 0

    def writing() -> bool:  # pages of the open transaction spill into the WAL
        return wal.exists() and wal.stat().st_size > start_size + 4_000_000

    outcome = kill_midway(url, writing)
    engine = create_workspace_engine(url)
    try:
        store = SqliteEventStore(engine)
        count = store.count()
        assert count in (0, STREAMS * PER_STREAM)
        assert outcome == "killed"  # it died inside the transaction
        assert count == 0
        assert store.head_position() == count
        store.append("after", [store_event()], 0)  # the store is usable and positions gapless
        assert store.head_position() == count + 1
    finally:
        engine.dispose()


def store_event():  # type: ignore[no-untyped-def]
    from app.domain.events import NewEvent

    return NewEvent("After", "t1", {})
