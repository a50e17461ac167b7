"""Events as the event store records them.

A :class:`NewEvent` is what a caller hands to the store; a :class:`RecordedEvent` is what
comes back, with its place in the stream (``version``) and in the whole workspace
(``position``, gapless and increasing).
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, NamedTuple

JsonObject = dict[str, Any]

# Metadata keys every event carries (values may be None when unknown).
ACTOR = "actor"
CORRELATION_ID = "correlation_id"
CAUSATION_ID = "causation_id"

MAX_IDENTIFIER_LENGTH = 200
_CONTROL = re.compile(r"[\x00-\x1f]")


class EventValidationError(ValueError):
    """An event the store must refuse; ``where`` names the offending field."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


def new_event_id() -> str:
    return str(uuid.uuid4())


def _check_identifier(where: str, value: object) -> str:
    if not isinstance(value, str):
        raise EventValidationError(where, f"must be a string, not {type(value).__name__}")
    if not value.strip():
        raise EventValidationError(where, "must not be empty")
    if len(value) > MAX_IDENTIFIER_LENGTH:
        raise EventValidationError(where, f"must be at most {MAX_IDENTIFIER_LENGTH} characters")
    if _CONTROL.search(value):
        raise EventValidationError(where, "must not contain control characters")
    return value


def normalise_metadata(metadata: Mapping[str, Any] | None) -> JsonObject:
    """Metadata with the three well-known keys always present."""
    result: JsonObject = dict(metadata or {})
    result.setdefault(ACTOR, None)
    result.setdefault(CORRELATION_ID, None)
    result.setdefault(CAUSATION_ID, None)
    return result


@dataclass(frozen=True, slots=True)
class NewEvent:
    """An event to append. ``schema_version`` is the version of this event type's data shape."""

    type: str
    tenant_id: str
    data: JsonObject = field(default_factory=dict)
    metadata: JsonObject = field(default_factory=dict)
    schema_version: int = 1

    def __post_init__(self) -> None:
        _check_identifier("type", self.type)
        _check_identifier("tenant_id", self.tenant_id)
        if not isinstance(self.data, dict):
            raise EventValidationError("data", "must be a JSON object")
        if not isinstance(self.metadata, dict):
            raise EventValidationError("metadata", "must be a JSON object")
        if isinstance(self.schema_version, bool) or not isinstance(self.schema_version, int):
            raise EventValidationError("schema_version", "must be an integer")
        if self.schema_version < 1:
            raise EventValidationError("schema_version", "must be at least 1")
        object.__setattr__(self, "metadata", normalise_metadata(self.metadata))


class RecordedEvent(NamedTuple):
    """An event as stored: immutable, never rewritten.

    A NamedTuple rather than a dataclass: reading 100k events builds 100k of these, and
    tuple construction is several times cheaper than a frozen dataclass.
    """

    position: int
    stream_id: str
    version: int
    tenant_id: str
    type: str
    schema_version: int
    data: JsonObject
    metadata: JsonObject
    recorded_at: datetime

    @property
    def actor(self) -> str | None:
        value = self.metadata.get(ACTOR)
        return value if isinstance(value, str) else None

    @property
    def correlation_id(self) -> str | None:
        value = self.metadata.get(CORRELATION_ID)
        return value if isinstance(value, str) else None

    @property
    def causation_id(self) -> str | None:
        value = self.metadata.get(CAUSATION_ID)
        return value if isinstance(value, str) else None

    def to_json(self) -> JsonObject:
        return {
            "position": self.position,
            "stream_id": self.stream_id,
            "version": self.version,
            "tenant_id": self.tenant_id,
            "type": self.type,
            "schema_version": self.schema_version,
            "data": self.data,
            "metadata": self.metadata,
            "recorded_at": self.recorded_at.isoformat(),
        }


def check_stream_id(stream_id: object) -> str:
    return _check_identifier("stream_id", stream_id)
