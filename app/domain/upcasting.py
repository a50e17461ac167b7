"""Upcasters turn the data of an old event schema version into the current shape on read.

Stored events are never rewritten; an upcaster runs every time an old event is read.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from app.domain.events import JsonObject, RecordedEvent

UpcastFunction = Callable[[JsonObject], JsonObject]


@dataclass
class UpcasterChain:
    """Per event type, functions that lift data from version n to n + 1."""

    _steps: dict[tuple[str, int], UpcastFunction] = field(default_factory=dict)
    _current: dict[str, int] = field(default_factory=dict)

    def register(self, event_type: str, from_version: int, step: UpcastFunction) -> None:
        key = (event_type, from_version)
        if key in self._steps:
            raise ValueError(f"an upcaster for {event_type} v{from_version} is already registered")
        self._steps[key] = step
        self._current[event_type] = max(self._current.get(event_type, 1), from_version + 1)

    def current_version(self, event_type: str) -> int:
        return self._current.get(event_type, 1)

    def __bool__(self) -> bool:
        return bool(self._steps)

    def upcast(self, event: RecordedEvent) -> RecordedEvent:
        target = self._current.get(event.type)
        if target is None or event.schema_version >= target:
            return event
        data = event.data
        version = event.schema_version
        while version < target:
            step = self._steps.get((event.type, version))
            if step is None:
                raise LookupError(
                    f"no upcaster for {event.type} v{version} (event at position {event.position})"
                )
            data = step(dict(data))
            version += 1
        return event._replace(data=data, schema_version=version)
