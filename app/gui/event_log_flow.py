"""What the Event Log shows and which load is the latest (Qt-free).

The pane asks this browser for a :class:`PageRequest` whenever the owner filters or
pages, runs it in the background, and hands the result back. Results of requests that
were overtaken by a newer one are dropped, so quick clicks never show an old page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain.events import RecordedEvent
from app.services.ports import EventFilter, EventPage

PAGE_SIZE = 100


@dataclass(frozen=True)
class PageRequest:
    generation: int
    event_filter: EventFilter
    offset: int
    limit: int


@dataclass
class EventLogBrowser:
    page_size: int = PAGE_SIZE
    event_filter: EventFilter = field(default_factory=EventFilter)
    offset: int = 0
    total: int = 0
    events: list[RecordedEvent] = field(default_factory=list)
    loading: bool = False
    seen_head: int = -1  # head position when the shown page was loaded; -1: never loaded
    newer_available: bool = False
    _generation: int = 0
    _pending: PageRequest | None = None

    # ------------------------------------------------------------------ requests
    def _request(self, offset: int) -> PageRequest:
        self._generation += 1
        request = PageRequest(self._generation, self.event_filter, max(offset, 0), self.page_size)
        self._pending = request
        self.loading = True
        return request

    def reload(self) -> PageRequest:
        return self._request(self.offset)

    def set_filter(
        self,
        text: str | None = None,
        event_type: str | None = None,
        tenant_id: str | None = None,
    ) -> PageRequest | None:
        """A new filter starts at the first page; None when nothing changed."""
        current = self.event_filter
        updated = replace(
            current,
            text=current.text if text is None else text.strip(),
            event_type=current.event_type if event_type is None else event_type,
            tenant_id=current.tenant_id if tenant_id is None else tenant_id,
        )
        if updated == self.event_filter:
            return None
        self.event_filter = updated
        self.offset = 0
        return self._request(0)

    def clear_filter(self) -> PageRequest | None:
        if self.event_filter == EventFilter():
            return None
        self.event_filter = EventFilter()
        self.offset = 0
        return self._request(0)

    def first(self) -> PageRequest | None:
        return self._request(0) if self.can_previous else None

    def previous(self) -> PageRequest | None:
        if not self.can_previous:
            return None
        return self._request(self.offset - self.page_size)

    def next(self) -> PageRequest | None:
        if not self.can_next:
            return None
        return self._request(self.offset + self.page_size)

    def last(self) -> PageRequest | None:
        target = self.last_offset
        return self._request(target) if self.can_next and target != self.offset else None

    # ------------------------------------------------------------------ results
    def is_current(self, request: PageRequest) -> bool:
        return self._pending is not None and request.generation == self._pending.generation

    def accept(self, request: PageRequest, page: EventPage, head: int) -> bool:
        """Take a loaded page; False (and nothing changes) when a newer request overtook it."""
        if not self.is_current(request):
            return False
        self._pending = None
        self.loading = False
        self.offset = request.offset
        self.total = page.total
        self.events = list(page.events)
        self.seen_head = head
        self.newer_available = False
        return True

    def fail(self, request: PageRequest) -> bool:
        """A load failed; True when it was the latest request (the pane should say so)."""
        if not self.is_current(request):
            return False
        self._pending = None
        self.loading = False
        return True

    def clamp(self) -> PageRequest | None:
        """After events disappeared behind the shown page (a narrower filter elsewhere),
        move to the last page that exists."""
        if self.offset > 0 and self.offset >= self.total:
            return self._request(self.last_offset)
        return None

    def head_moved(self, head: int) -> PageRequest | None:
        """New events were appended. The first page follows them at once; on later pages
        the owner is told and chooses when to jump (the rows would shift under them)."""
        if self.seen_head < 0 or head == self.seen_head or self.loading:
            return None
        if self.offset == 0:
            return self._request(0)
        self.newer_available = True
        return None

    # ------------------------------------------------------------------ state
    @property
    def last_offset(self) -> int:
        if self.total <= 0:
            return 0
        return ((self.total - 1) // self.page_size) * self.page_size

    @property
    def can_previous(self) -> bool:
        return self.offset > 0

    @property
    def can_next(self) -> bool:
        return self.offset + self.page_size < self.total

    @property
    def page_number(self) -> int:
        return self.offset // self.page_size + 1

    @property
    def page_count(self) -> int:
        return max(1, (self.total + self.page_size - 1) // self.page_size)

    @property
    def shown_range(self) -> tuple[int, int, int]:
        """(first, last, total) of the shown rows, 1-based; (0, 0, 0) when empty."""
        if not self.events:
            return 0, 0, self.total
        return self.offset + 1, self.offset + len(self.events), self.total
