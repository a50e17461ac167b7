"""The usage ledger: recording usage records, importing them from files, metering cloud
resources, and reading the daily rollup.

Where each kind of usage is booked, once:

* imports: ``UsageRecorded`` events written here, one per record, all of one import in one
  append (one transaction: every record or none);
* platform reports: :meth:`UsageLedgerService.pull_platform` pulls what a generated
  platform counted for its tenants, each page with its cursor in one append;
* AI: the assistant's own ``AiUsageRecorded`` events (app/services/ai_usage.py). The rollup
  reads them directly as token records by model; nothing is written a second time;
* cloud: :meth:`UsageLedgerService.meter_cloud` reads the deployment journals and writes
  ``UsageRecorded`` events for the whole hours that ended since the last metering, with a
  ``CloudUsageMetered`` marker in the same append, so each hour is metered exactly once
  (a concurrent metering loses on the stream's version and writes nothing). With a traffic
  source, the same metering reads the live servers' outgoing traffic counters and records
  what each sent since the last reading (``cloud.traffic_gb``,
  :mod:`app.domain.costs.traffic_meter`); the readings go in the marker;
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any, Protocol

from app.domain.cloud import journal
from app.domain.costs.cloud_meter import Lifetime, floor_hour, lifetimes, meter
from app.domain.costs.traffic_meter import traffic_records
from app.domain.costs.usage import (
    DIMENSIONS,
    USAGE_RECORDED,
    UsageRecord,
    UsageSum,
    month_range,
)
from app.domain.costs.usage_import import parse_usage
from app.domain.events import NewEvent, RecordedEvent
from app.services.cloud_traffic import TrafficRead
from app.services.platform_usage import PAGE as PLATFORM_PAGE
from app.services.platform_usage import PlatformUsagePuller, Pulled, UsageFeed
from app.services.ports import EventFilter, EventStore, StreamAppend

CLOUD_METERED = "CloudUsageMetered"
Clock = Callable[[], datetime]
TrafficSource = Callable[[Sequence[tuple[str, str]]], TrafficRead]
"""The outgoing traffic counters of the servers of some (platform, environment)s."""
PAGE = 500


class UsageRollup(Protocol):
    """The daily rollup of one tenant (app/store/usage_rollup.py)."""

    def catch_up(self, batch: int = ...) -> int: ...

    def totals(self, start: date, end: date, by: Sequence[str] = (),
               where: Mapping[str, str] | None = None) -> list[UsageSum]: ...

    def daily(self, start: date, end: date, by: Sequence[str] = (),
              where: Mapping[str, str] | None = None) -> list[UsageSum]: ...


@dataclass(frozen=True)
class Recorded:
    count: int
    stream_id: str
    first_position: int = 0
    last_position: int = 0

    def to_json(self) -> dict[str, Any]:
        return {"records": self.count, "stream_id": self.stream_id,
                "first_position": self.first_position, "last_position": self.last_position}


@dataclass(frozen=True)
class Metered:
    records: int
    start: datetime | None  # the window metered, whole hours; None when nothing was due
    end: datetime | None
    traffic_missed: tuple[str, ...] = ()  # environments whose traffic could not be read

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"records": self.records,
                                "from": None if self.start is None else self.start.isoformat(),
                                "until": None if self.end is None else self.end.isoformat()}
        if self.traffic_missed:
            body["traffic_missed"] = list(self.traffic_missed)
        return body


def cloud_stream(tenant_id: str) -> str:
    return f"usage-cloud:{tenant_id}"


class UsageLedgerService:
    def __init__(self, store: EventStore, rollup: UsageRollup, tenant_id: str,
                 clock: Clock | None = None, traffic: TrafficSource | None = None) -> None:
        self.store = store
        self.rollup = rollup
        self.tenant_id = tenant_id
        self.clock = clock or (lambda: datetime.now(UTC))
        self.traffic = traffic

    # ------------------------------------------------------------ recording
    def _events(self, records: Sequence[UsageRecord], actor: str | None) -> list[NewEvent]:
        return [NewEvent(USAGE_RECORDED, self.tenant_id, r.to_json(), {"actor": r.actor or actor})
                for r in records]

    def record(self, records: Sequence[UsageRecord], actor: str | None) -> Recorded:
        """Every record in one append to a new stream: all are kept, or none."""
        stream = f"usage:{self.tenant_id}:{uuid.uuid4()}"
        if not records:
            return Recorded(0, stream)
        written = self.store.append_batch([StreamAppend(stream, self._events(records, actor), 0)])
        return Recorded(len(written), stream, written[0].position, written[-1].position)

    def import_text(self, text: str, kind: str, actor: str | None) -> Recorded:
        """Records from a CSV or JSON text; a bad row raises UsageImportError (its line or
        index and field) before anything is written."""
        return self.record(parse_usage(text, kind), actor)

    # ------------------------------------------------------------ cloud metering
    def _deployment_streams(self) -> list[str]:
        streams: set[str] = set()
        offset = 0
        while True:
            page = self.store.query(EventFilter(event_type=journal.STARTED,
                                                tenant_id=self.tenant_id), offset, PAGE)
            streams.update(e.stream_id for e in page.events)
            offset += len(page.events)
            if not page.events or offset >= page.total:
                return sorted(streams)

    def cloud_lifetimes(self) -> list[Lifetime]:
        spans: list[Lifetime] = []
        for stream in self._deployment_streams():
            # deployment:<tenant>:<platform>:<environment>; the journal's spec says it too
            parts = stream.rsplit(":", 2)
            platform, environment = (parts[1], parts[2]) if len(parts) == 3 else ("", "")
            events = self.store.read_stream(stream)
            spans.extend(lifetimes(((e.type, e.data, e.recorded_at, e.actor) for e in events),
                                   platform, environment))
        return spans

    def meter_cloud(self, actor: str | None) -> Metered:
        """Record server-hours and volume GB-months for the whole hours that ended since
        the last metering (from the first resource's first hour the first time)."""
        stream = cloud_stream(self.tenant_id)
        version = self.store.stream_version(stream)
        last: RecordedEvent | None = None
        if version:
            last = self.store.read_stream(stream, version - 1)[-1]
        spans = self.cloud_lifetimes()
        until = floor_hour(self.clock().astimezone(UTC))
        if last is not None and last.type == CLOUD_METERED:
            start = datetime.fromisoformat(str(last.data["until"]))
        elif spans:
            start = floor_hour(min(s.start for s in spans))
        else:
            return Metered(0, None, None)
        if start >= until:
            return Metered(0, None, None)
        records = meter(spans, start, until)
        data: dict[str, Any] = {"from": start.isoformat(), "until": until.isoformat()}
        missed: tuple[str, ...] = ()
        if self.traffic is not None:
            before = dict(last.data.get("traffic") or {}) if last is not None else {}
            live = {(s.platform, s.environment) for s in spans if s.kind == "server"
                    and (s.end is None or s.end > start)}
            read = self.traffic(sorted(live))
            sent, data["traffic"] = traffic_records(read.readings, before, start, until, actor)
            records, missed = [*records, *sent], tuple(read.missed)
        data["records"] = len(records)
        marker = NewEvent(CLOUD_METERED, self.tenant_id, data, {"actor": actor})
        self.store.append_batch([StreamAppend(stream, [*self._events(records, actor), marker],
                                              version)])
        return Metered(len(records), start, until, missed)

    # ------------------------------------------------------------ platform reports
    async def pull_platform(self, platform: str, environment: str, feed: UsageFeed,
                            actor: str | None, limit: int = PLATFORM_PAGE) -> Pulled:
        """The usage the platform reported for its tenants since the last pull
        (:mod:`app.services.platform_usage`: each page kept with its cursor, once)."""
        return await PlatformUsagePuller(self.store, self.tenant_id).pull(
            platform, environment, feed, actor, limit)

    # ------------------------------------------------------------ reading
    def month(self, period: str | None = None, platform: str | None = None) -> list[UsageSum]:
        """Daily rows of one month (default: this one) by every dimension, after bringing
        the rollup up to date."""
        start, end = month_range(period or self.clock().astimezone(UTC).strftime("%Y-%m"))
        self.rollup.catch_up()
        where = {"platform": platform} if platform else None
        return self.rollup.daily(start, end, DIMENSIONS, where)
