"""Ports: what the services need from storage and the outside world.

Adapters in ``app.store`` and ``app.integrations`` implement these protocols; the
services and the GUI depend only on them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol, TypeVar

from app.domain.events import NewEvent, RecordedEvent
from app.domain.workspace import ConsoleConfig

T = TypeVar("T")


@dataclass(frozen=True)
class StreamAppend:
    """One stream's part of a batch append. ``expected_version`` None means "at the end"."""

    stream_id: str
    events: Sequence[NewEvent]
    expected_version: int | None = None


@dataclass(frozen=True)
class EventFilter:
    """What the Event Log shows. Empty fields do not filter."""

    text: str = ""  # matched against type, stream id and actor, case-insensitively
    event_type: str = ""
    stream_id: str = ""
    tenant_id: str = ""
    actor: str = ""
    since: datetime | None = None
    until: datetime | None = None


@dataclass(frozen=True)
class EventPage:
    """A page of events, newest first, with the number of events the filter matches."""

    events: list[RecordedEvent]
    total: int
    offset: int
    limit: int = field(default=100)


class Subscription(Protocol):
    """A catch-up subscription: first every stored event after ``position``, then live ones."""

    @property
    def position(self) -> int: ...

    def poll(self, timeout: float) -> list[RecordedEvent]:
        """Events after the last delivered one; waits up to ``timeout`` seconds for new ones."""
        ...

    def close(self) -> None: ...


class EventStore(Protocol):
    def append(
        self, stream_id: str, events: Sequence[NewEvent], expected_version: int | None
    ) -> list[RecordedEvent]:
        """Append atomically. ``expected_version`` is the stream's current version (0: new
        stream) or None for "wherever it is". A stale version raises ConcurrencyError."""
        ...

    def append_batch(self, appends: Sequence[StreamAppend]) -> list[RecordedEvent]:
        """Append to many streams in one transaction: all or nothing."""
        ...

    def read_stream(self, stream_id: str, after_version: int = 0) -> list[RecordedEvent]: ...

    def read_all(self, after: int = 0, limit: int | None = None) -> Iterator[RecordedEvent]:
        """Events by global position, strictly after ``after``."""
        ...

    def stream_version(self, stream_id: str) -> int: ...

    def head_position(self) -> int: ...

    def query(self, event_filter: EventFilter, offset: int, limit: int) -> EventPage: ...

    def subscribe(self, after: int = 0, poll_interval: float = 0.2) -> Subscription: ...


class SecretStore(Protocol):
    """Secrets live only in the OS keyring. Names are like ``workspace/bank/db-password``."""

    def get(self, name: str) -> str | None: ...

    def set(self, name: str, value: str) -> None: ...

    def delete(self, name: str) -> None: ...


class DatabaseRunner(Protocol):
    """Runs blocking database work off the event loop, one call at a time per workspace."""

    async def run(self, fn: Callable[[], T]) -> T: ...


class ConsoleConfigRepository(Protocol):
    """Where the list of workspaces and the console's preferences are kept."""

    def load(self) -> ConsoleConfig: ...

    def save(self, config: ConsoleConfig) -> None: ...


@dataclass(frozen=True)
class BlueprintSummary:
    key: str
    version: int
    name_en: str
    name_ar: str
    domain: str
    updated_at: datetime
    updated_by: str | None


class BlueprintIndex(Protocol):
    """The read model listing the workspace's blueprints (kept current from events)."""

    def list_blueprints(self) -> list[BlueprintSummary]: ...


class TemplateSource(Protocol):
    def list_templates(self) -> list[str]: ...

    def load_template(self, name: str) -> dict[str, Any]: ...
