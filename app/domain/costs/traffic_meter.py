"""Cloud traffic from the servers' own counters: ``cloud.traffic_gb`` per server.

Hetzner reports each server's ``outgoing_traffic`` (the traffic it bills beyond the
included amount) in bytes since the billing period began. Each metering reads the
counters and records what each server sent since the reading before (kept in the
metering marker), for the metering window — so every byte is counted in exactly one
window. The billing period is the calendar month (UTC): a reading in another month than
the last, or lower than it, is of a counter that started again, so all of it is new (what a
server sent between the last reading and the month's end is not seen: meter at least hourly,
as ``webnova usage meter`` on a timer does, to keep that small). A server seen for the first time counts from zero (it is the environment's:
the console made it). Whole micro-GB (GB of 2**30 bytes, as Hetzner counts) are counted (quantities have six
decimal places); the rest is carried to the next metering. Servers whose counter could not be read keep their last reading, so
their traffic is counted by the next metering that reads them.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

from app.domain.costs.usage import STEP, UsageRecord

BYTES_PER_GB = 1024**3  # GB as Hetzner counts it (its included 20 TB are 20 TiB)


@dataclass(frozen=True)
class TrafficReading:
    platform: str
    environment: str
    server: str  # its name
    server_id: str
    outgoing: int  # bytes since the billing period began
    server_type: str = ""
    location: str = ""

    @property
    def sku(self) -> str:
        """What the traffic's price depends on, as the cost engine reads it
        (``cx22@fsn1/wn-hub-app-1``, like a server-hour's)."""
        return f"{self.server_type}@{self.location}/{self.server}"


def traffic_records(readings: Iterable[TrafficReading], last: Mapping[str, Sequence[Any]],
                    start: datetime, end: datetime,
                    actor: str | None) -> tuple[list[UsageRecord], dict[str, list[Any]]]:
    """The records of traffic sent in ``[start, end)`` and the readings to keep for the
    next metering: by server id, ``[bytes counted, "YYYY-MM" they were counted in]``."""
    kept = {k: list(v) for k, v in last.items()}
    month = end.strftime("%Y-%m")  # the readings are taken as the window ends
    records = []
    for reading in sorted(readings, key=lambda r: r.server_id):
        before, counted_in = kept.get(reading.server_id, (0, month))
        if reading.outgoing < int(before) or counted_in != month:  # the counter started again
            before = 0
        # whole micro-GB (about 1,074 bytes) are counted; the rest waits for the next metering
        quantity = (Decimal(reading.outgoing - int(before)) / BYTES_PER_GB).quantize(STEP, ROUND_DOWN)
        kept[reading.server_id] = [int(before) + int(quantity * BYTES_PER_GB), month]
        if quantity <= 0:
            continue
        records.append(UsageRecord("cloud.traffic_gb", quantity, "GB", start, end, "cloud",
                                   "cloud", "hetzner", reading.platform, reading.environment,
                                   sku=reading.sku, actor=actor))
    return records, kept
