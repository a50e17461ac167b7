"""Projections: read models built from events, each with a checkpoint.

A projection's rows and its checkpoint are written in the same transaction, so after a
crash the read model is exactly as of its checkpoint: never ahead, never behind.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy import Engine, text
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from app.domain.events import RecordedEvent
from app.store.engine import WRITE
from app.store.event_store import SqlEventStore


class Projection(Protocol):
    name: str

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        """Write this event's effect on the read model through ``conn``."""
        ...


class CheckpointMovedError(RuntimeError):
    """Another runner (another console) moved the checkpoint while this one worked; this
    one's transaction was rolled back, nothing of it was kept."""


MAX_LOST_RACES = 100


class ProjectionRunner:
    """Catches a projection up with the store for one tenant, batch by batch."""

    def __init__(self, store: SqlEventStore, projection: Projection, tenant_id: str) -> None:
        self.store = store
        self.engine: Engine = store.engine
        self.projection = projection
        self.tenant_id = tenant_id

    def checkpoint(self) -> int:
        with self.engine.connect() as conn:
            value = conn.execute(
                text(
                    "SELECT position FROM projection_checkpoints "
                    "WHERE projection = :p AND tenant_id = :t"
                ),
                {"p": self.projection.name, "t": self.tenant_id},
            ).scalar()
        return int(value or 0)

    def run_once(self, batch: int = 500) -> int:
        """Apply up to ``batch`` new events of this tenant; returns how many were applied."""
        return self._advance(batch)[0]

    def _advance(self, batch: int) -> tuple[int, bool]:
        """(events applied, whether the checkpoint moved)."""
        after = self.checkpoint()
        # read_all includes other tenants' events where no row-level security hides them
        # (SQLite); the checkpoint still moves past them.
        scanned = list(self.store.read_all(after=after, limit=batch))
        events = [e for e in scanned if e.tenant_id == self.tenant_id]
        scanned_to = scanned[-1].position if scanned else after
        if scanned_to == after:
            return 0, False
        # A projection with ``apply_batch`` takes the batch at once (it can fold many events
        # into few writes); the others get one ``apply`` per event.
        apply_batch = getattr(self.projection, "apply_batch", None)
        with self.engine.connect().execution_options(**{WRITE: True}) as conn, conn.begin():
            if apply_batch is not None:
                apply_batch(conn, events)
            else:
                for event in events:
                    self.projection.apply(conn, event)
            updated = conn.execute(
                text(
                    "UPDATE projection_checkpoints SET position = :pos "
                    "WHERE projection = :p AND tenant_id = :t AND position = :old"
                ),
                {"pos": scanned_to, "p": self.projection.name, "t": self.tenant_id, "old": after},
            ).rowcount
            if updated == 0:
                if after != 0:
                    raise CheckpointMovedError(
                        f"projection {self.projection.name} was moved by another runner"
                    )
                try:
                    conn.execute(
                        text(
                            "INSERT INTO projection_checkpoints (projection, tenant_id, "
                            "position) VALUES (:p, :t, :pos)"
                        ),
                        {"pos": scanned_to, "p": self.projection.name, "t": self.tenant_id},
                    )
                except IntegrityError:  # the whole transaction is rolled back
                    raise CheckpointMovedError(
                        f"projection {self.projection.name} was started by another runner"
                    ) from None
        return len(events), True

    def catch_up(self, batch: int = 500) -> int:
        """Apply every new event. Another runner catching up at the same time (another
        console) wins a batch now and then: this one's batch is rolled back and it carries
        on from where the other got to."""
        total = 0
        lost = 0
        while True:
            try:
                applied, moved = self._advance(batch)
            except CheckpointMovedError:
                lost += 1
                if lost > MAX_LOST_RACES:
                    raise
                continue
            total += applied
            if not moved:
                return total


class StreamIndexProjection:
    """``stream_index``: every stream with its version and last event, per tenant."""

    name = "stream_index"

    def apply(self, conn: Connection, event: RecordedEvent) -> None:
        params = {
            "t": event.tenant_id,
            "s": event.stream_id,
            "v": event.version,
            "ty": event.type,
            "pos": event.position,
            "at": event.recorded_at.isoformat(),
        }
        updated = conn.execute(
            text(
                "UPDATE stream_index SET version = :v, last_type = :ty, last_position = :pos, "
                "updated_at = :at WHERE tenant_id = :t AND stream_id = :s"
            ),
            params,
        ).rowcount
        if updated == 0:
            conn.execute(
                text(
                    "INSERT INTO stream_index (tenant_id, stream_id, version, last_type, "
                    "last_position, updated_at) VALUES (:t, :s, :v, :ty, :pos, :at)"
                ),
                params,
            )
