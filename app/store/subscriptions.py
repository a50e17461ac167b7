"""Catch-up subscriptions: stored events after a position, then live ones as they commit.

PostgreSQL delivers live events through LISTEN/NOTIFY (``webnova_append`` notifies on
commit); SQLite has no notifications, so the subscription polls.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any

from app.domain.events import RecordedEvent

if TYPE_CHECKING:
    from app.store.event_store import SqlEventStore

CHANNEL = "webnova_events"
BATCH = 1000


class PollingSubscription:
    def __init__(self, store: SqlEventStore, after: int, poll_interval: float) -> None:
        self._store = store
        self._position = after
        self._interval = poll_interval
        self._closed = False

    @property
    def position(self) -> int:
        return self._position

    def _fetch(self) -> list[RecordedEvent]:
        events = list(self._store.read_all(after=self._position, limit=BATCH))
        if events:
            self._position = events[-1].position
        return events

    def _wait(self, seconds: float) -> None:
        time.sleep(seconds)

    def poll(self, timeout: float) -> list[RecordedEvent]:
        if self._closed:
            raise RuntimeError("subscription is closed")
        deadline = time.monotonic() + max(timeout, 0.0)
        while True:
            events = self._fetch()
            remaining = deadline - time.monotonic()
            if events or remaining <= 0:
                return events
            self._wait(min(self._interval, remaining))

    def close(self) -> None:
        self._closed = True


class ListenSubscription(PollingSubscription):
    """Waits on a dedicated LISTEN connection instead of sleeping."""

    def __init__(self, store: SqlEventStore, after: int, poll_interval: float) -> None:
        super().__init__(store, after, poll_interval)
        # A connection of its own, held for the subscription's life and given back to the
        # pool (no longer listening) on close.
        self._raw: Any = store.engine.raw_connection()
        listener = self._raw.driver_connection
        assert listener is not None
        listener.autocommit = True
        listener.execute(f"LISTEN {CHANNEL}")
        self._listener: Any = listener

    def _wait(self, seconds: float) -> None:
        # Returns on the first notification or after ``seconds``; notifications that
        # arrived since the last read are queued on the connection, so none is missed.
        for _ in self._listener.notifies(timeout=seconds, stop_after=1):
            pass

    def poll(self, timeout: float) -> list[RecordedEvent]:
        return super().poll(timeout)

    def close(self) -> None:
        if not self._closed:
            try:
                self._listener.execute(f"UNLISTEN {CHANNEL}")
                self._listener.autocommit = False
            finally:
                self._raw.close()
        super().close()


def open_subscription(store: SqlEventStore, after: int, poll_interval: float) -> PollingSubscription:
    if store.dialect == "postgresql":
        return ListenSubscription(store, after, poll_interval)
    return PollingSubscription(store, after, poll_interval)
