"""What the Audit pane shows: filter, page, and the latest verification (Qt-free).

Loads run in the background; a result of a load overtaken by a newer one is dropped, so
quick clicks never show an old page.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from app.domain.governance.audit import AuditEntry, VerificationResult
from app.services.ports import AuditFilter, AuditPage

PAGE_SIZE = 100


@dataclass(frozen=True)
class AuditRequest:
    generation: int
    audit_filter: AuditFilter
    offset: int
    limit: int


@dataclass
class AuditBrowser:
    page_size: int = PAGE_SIZE
    audit_filter: AuditFilter = field(default_factory=AuditFilter)
    offset: int = 0
    total: int = 0
    entries: list[AuditEntry] = field(default_factory=list)
    loading: bool = False
    _generation: int = 0
    _pending: AuditRequest | None = None

    def _request(self, offset: int) -> AuditRequest:
        self._generation += 1
        request = AuditRequest(self._generation, self.audit_filter, max(offset, 0), self.page_size)
        self._pending = request
        self.loading = True
        return request

    def reload(self) -> AuditRequest:
        return self._request(self.offset)

    def set_filter(self, actor: str | None = None, action: str | None = None,
                   outcome: str | None = None, subject: str | None = None) -> AuditRequest | None:
        current = self.audit_filter
        updated = replace(
            current,
            actor=current.actor if actor is None else actor.strip(),
            action=current.action if action is None else action.strip(),
            outcome=current.outcome if outcome is None else outcome.strip(),
            subject=current.subject if subject is None else subject.strip(),
        )
        if updated == self.audit_filter:
            return None
        self.audit_filter = updated
        self.offset = 0
        return self._request(0)

    def previous(self) -> AuditRequest | None:
        return self._request(self.offset - self.page_size) if self.can_previous else None

    def next(self) -> AuditRequest | None:
        return self._request(self.offset + self.page_size) if self.can_next else None

    def accept(self, request: AuditRequest, page: AuditPage) -> bool:
        """Take a loaded page; False when a newer request overtook it."""
        if request != self._pending:
            return False
        self._pending = None
        self.loading = False
        self.offset = request.offset
        self.total = page.total
        self.entries = list(page.entries)
        return True

    def fail(self, request: AuditRequest) -> bool:
        if request != self._pending:
            return False
        self._pending = None
        self.loading = False
        return True

    def clamp(self) -> AuditRequest | None:
        """After entries vanished from a filter's view, go back to the last page."""
        if self.offset and self.offset >= self.total:
            last = max(self.total - 1, 0) // self.page_size * self.page_size
            return self._request(last)
        return None

    @property
    def can_previous(self) -> bool:
        return self.offset > 0

    @property
    def can_next(self) -> bool:
        return self.offset + self.page_size < self.total

    @property
    def shown_range(self) -> tuple[int, int, int]:
        if not self.entries:
            return 0, 0, self.total
        return self.offset + 1, self.offset + len(self.entries), self.total


@dataclass
class ChainCheck:
    """The latest "Verify chain": running, its result, or why it could not run."""

    running: bool = False
    result: VerificationResult | None = None
    error: BaseException | None = None

    def start(self) -> bool:
        if self.running:
            return False
        self.running = True
        self.error = None
        return True

    def done(self, result: VerificationResult) -> None:
        self.running = False
        self.result = result

    def failed(self, error: BaseException) -> None:
        self.running = False
        self.result = None
        self.error = error
