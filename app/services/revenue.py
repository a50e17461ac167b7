"""What the platforms' tiers earn at Stripe, beside what they cost: MRR, churn, money received
and margin per platform and tier (the figures: app/domain/billing/revenue.py).

Reading. Stripe's events list (``/v1/events``, the last 30 days) is read for the event types
the figures need and recorded in the stream ``stripe-events:<tenant>:<platform>``: one
``StripeEventRecorded`` per Stripe event, oldest first, and with each page a
``StripeEventsCursor`` naming the newest event recorded, **in the same append**. The list is
newest first, so:

- with a cursor, ``ending_before=<cursor>`` answers the events just after it (oldest of the
  newer ones); each page is appended with its newest event as the new cursor, until
  ``has_more`` is false;
- without one (the first read), the whole list is walked back with ``starting_after``, then
  appended oldest first, a page at a time, each with its cursor.

A read stopped at any point (killed, a network error) has appended whole pages and their
cursor or nothing: run again, it asks for exactly what is missing and records nothing twice.
Two reads at once cannot both append a page: the append expects the stream's version.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from app.domain.billing.revenue import EVENT_TYPES, PlatformRevenue, figures
from app.domain.costs.books import PriceBooks
from app.domain.events import NewEvent
from app.services.billing import BillingService
from app.services.billing_ports import BillingError, StripeAccount
from app.services.ports import EventStore

RECORDED = "StripeEventRecorded"
CURSOR = "StripeEventsCursor"
PAGE_SIZE = 100


def stripe_events_stream(tenant_id: str, platform: str) -> str:
    return f"stripe-events:{tenant_id}:{platform}"


class PlatformCosts(Protocol):
    """What a platform cost over ``[start, end)`` (CostsService)."""

    def report(self, start: date, end: date, by: Sequence[str] = (),
               where: dict[str, str] | None = None) -> Any: ...


@dataclass(frozen=True)
class ReadReport:
    platform: str
    recorded: int  # Stripe events recorded by this read
    pages: int
    cursor: str | None

    def to_json(self) -> dict[str, Any]:
        return {"platform": self.platform, "recorded": self.recorded, "pages": self.pages,
                "cursor": self.cursor}


class RevenueService:
    def __init__(self, store: EventStore, billing: BillingService, costs: PlatformCosts,
                 books: Callable[[], PriceBooks], currency: Callable[[], str],
                 clock: Callable[[], datetime] | None = None, page_size: int = PAGE_SIZE) -> None:
        self.store = store
        self.billing = billing
        self.costs = costs
        self.books = books
        self.currency = currency
        self.clock = clock or (lambda: datetime.now(UTC))
        self.page_size = page_size

    @property
    def tenant_id(self) -> str:
        return self.billing.tenant_id

    def connected(self) -> list[str]:
        """The platforms with a Stripe key on this machine or events recorded."""
        keys = [b.key for b in self.billing.blueprints.list_now()]
        return [k for k in keys if self.billing.secrets.get(self.billing.key_secret(k))
                or self.store.stream_version(stripe_events_stream(self.tenant_id, k))]

    def recorded(self, platform: str) -> tuple[list[dict[str, Any]], str | None]:
        """The recorded Stripe events, oldest first, and the cursor."""
        events: list[dict[str, Any]] = []
        cursor = None
        for e in self.store.read_stream(stripe_events_stream(self.tenant_id, platform)):
            if e.type == RECORDED:
                events.append(dict(e.data))
            elif e.type == CURSOR:
                cursor = str(e.data["cursor"])
        return events, cursor

    # ------------------------------------------------------------ reading Stripe
    def read_now(self, platform: str) -> ReadReport:
        stripe = self.billing.account(platform)
        stream = stripe_events_stream(self.tenant_id, platform)
        _, cursor = self.recorded(platform)
        version = self.store.stream_version(stream)
        recorded = pages = 0
        if cursor is None:
            newest_first: list[dict[str, Any]] = []
            after: str | None = None
            while True:
                page = stripe.events_page(EVENT_TYPES, self.page_size, starting_after=after)
                newest_first.extend(page.events)
                if not page.has_more or not page.events:
                    break
                after = page.events[-1]["id"]
            oldest_first = newest_first[::-1]
            for i in range(0, len(oldest_first), self.page_size):
                chunk = oldest_first[i:i + self.page_size]
                version = self._append(stream, chunk, version)
                cursor, recorded, pages = chunk[-1]["id"], recorded + len(chunk), pages + 1
            return ReadReport(platform, recorded, pages, cursor)
        while True:
            page = self._newer(stripe, platform, cursor)
            if page.events:
                version = self._append(stream, page.events[::-1], version)
                cursor, recorded, pages = (page.events[0]["id"], recorded + len(page.events),
                                           pages + 1)
            if not page.has_more or not page.events:
                return ReadReport(platform, recorded, pages, cursor)

    def _newer(self, stripe: StripeAccount, platform: str, cursor: str) -> Any:
        try:
            return stripe.events_page(EVENT_TYPES, self.page_size, ending_before=cursor)
        except BillingError as exc:
            if "No such event" in str(exc):
                raise BillingError(
                    f"Stripe no longer lists event {cursor}, the last one read for platform "
                    f"{platform!r} (its events list keeps 30 days): what happened since cannot "
                    "all be read from it") from None
            raise

    def _append(self, stream: str, events: list[dict[str, Any]], version: int) -> int:
        """A page's events, oldest first, and the new cursor: one append."""
        new = [NewEvent(RECORDED, self.tenant_id, e, {"stripe_event": e["id"]}) for e in events]
        new.append(NewEvent(CURSOR, self.tenant_id, {"cursor": events[-1]["id"],
                                                     "events": len(events)}))
        self.store.append(stream, new, version)
        return version + len(new)

    # ------------------------------------------------------------ figures
    def report(self, platform: str, start: date, end: date,
               with_cost: bool = True) -> PlatformRevenue:
        """The figures of ``[start, end)`` from what is recorded (no request to Stripe)."""
        events, _ = self.recorded(platform)
        result = figures(platform, events, start, end, self.currency(), self.books().rates,
                         self.clock())
        if with_cost:
            cost = self.costs.report(start, end, where={"platform": platform}).total.cost
            result.cost = cost
        return result

    def received(self, start: date, end: date,
                 with_cost: bool = False) -> dict[str, PlatformRevenue]:
        """Per platform with Stripe events recorded, the figures of ``[start, end)`` (and
        the cost and margin, ``with_cost``)."""
        keys = [b.key for b in self.billing.blueprints.list_now()]
        return {p: self.report(p, start, end, with_cost) for p in keys
                if self.store.stream_version(stripe_events_stream(self.tenant_id, p))}
