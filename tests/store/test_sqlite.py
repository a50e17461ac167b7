"""The event-store contract on a SQLite file, plus what only SQLite has."""

from __future__ import annotations

from collections.abc import Iterator
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


class TestSqliteEventStore(EventStoreContract):
    pass


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
