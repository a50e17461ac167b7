"""Cloud usage from deployment journals: server-hours and volume GB-months.

A deployment journal (``app.domain.cloud.journal``) says when each server and volume was
made, changed and deleted: a ``StepSucceeded`` of a ``create``/``replace``/``update`` step
starts (or restarts, with its new type or size) a resource's meter, a ``delete`` step stops
it. :func:`lifetimes` folds a journal into those spans; :func:`meter` turns the spans into
usage records for the clock hours in a window ``[start, end)``.

Hours are counted as Hetzner bills them: every clock hour a resource existed in, even for
a minute, counts whole. The window is always whole hours, so metering one window after the
other counts each hour exactly once. Records are one per resource and UTC day.

A server's record says in its ``sku`` what its price depends on — type, location and which
server (``cx22@fsn1/wn-hub-app-1``, read by :mod:`app.domain.costs.costing`), so the
costing engine can cap each server's month at its monthly price.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from app.domain.costs.usage import STEP, UsageRecord

HOUR = timedelta(hours=1)
METERED = ("server", "volume")
STARTED = "DeploymentStarted"
SUCCEEDED = "StepSucceeded"


@dataclass(frozen=True)
class Lifetime:
    """One resource with one type (server) or size (volume) from ``start`` until ``end``
    (None: still there)."""

    platform: str
    environment: str
    kind: str  # "server" or "volume"
    name: str
    sku: str  # server type; "" for a volume
    size_gb: int  # volume size; 0 for a server
    start: datetime
    end: datetime | None
    actor: str | None
    location: str = ""  # the Hetzner location ("" when the journal does not say)


def floor_hour(moment: datetime) -> datetime:
    return moment.replace(minute=0, second=0, microsecond=0)


def lifetimes(events: Iterable[tuple[str, Mapping[str, Any], datetime, str | None]],
              platform: str, environment: str) -> list[Lifetime]:
    """The metered resources' spans in one deployment journal, from its events as
    ``(type, data, recorded_at, actor)`` in stream order."""
    steps: dict[str, Mapping[str, Any]] = {}
    running: dict[tuple[str, str], Lifetime] = {}
    done: list[Lifetime] = []
    for kind, data, at, actor in events:
        if kind == STARTED:
            details = data.get("detail") or []
            steps = {f"{d['action']}:{d['kind']}:{d['name']}": d for d in details
                     if isinstance(d, Mapping) and d.get("kind") in METERED}
            spec = data.get("spec") or {}
            platform = str(spec.get("platform") or platform)
            environment = str(spec.get("environment") or environment)
            continue
        if kind != SUCCEEDED:
            continue
        step = steps.get(str(data.get("step", "")))
        if step is None:
            continue
        key = (str(step["kind"]), str(step["name"]))
        previous = running.pop(key, None)
        if previous is not None:
            done.append(_stopped(previous, at))
        desired = step.get("desired")
        if step["action"] == "delete" or not isinstance(desired, Mapping):
            continue
        spec = desired.get("spec") or {}
        if key[0] == "server":
            sku, size = str(spec.get("server_type", "")), 0
        else:
            sku, size = "", int(spec.get("size") or 0)
        running[key] = Lifetime(platform, environment, key[0], key[1], sku, size, at, None, actor,
                                str(spec.get("location") or ""))
    return done + list(running.values())


def _stopped(life: Lifetime, at: datetime) -> Lifetime:
    return Lifetime(life.platform, life.environment, life.kind, life.name, life.sku,
                    life.size_gb, life.start, at, life.actor, life.location)


def hours_in(life: Lifetime, start: datetime, end: datetime) -> list[datetime]:
    """The clock hours in ``[start, end)`` that ``life`` touched (each hour's start)."""
    first = max(floor_hour(life.start), start)
    last = end if life.end is None else min(end, floor_hour(life.end - timedelta.resolution) + HOUR)
    if life.end is not None and life.end <= life.start:
        return []
    hours = []
    hour = first
    while hour < last:
        hours.append(hour)
        hour += HOUR
    return hours


def server_sku(life: Lifetime) -> str:
    """``type@location/name`` (the location empty when the journal does not say it)."""
    return f"{life.sku}@{life.location}/{life.name}"


def meter(spans: Iterable[Lifetime], start: datetime, end: datetime) -> list[UsageRecord]:
    """Usage records for the whole hours in ``[start, end)``: server-hours by server type,
    volume GB-months (size × hours ÷ the month's hours), one record per resource and day."""
    if start != floor_hour(start) or end != floor_hour(end):
        raise ValueError("the metering window must start and end on whole hours")
    records: list[UsageRecord] = []
    for life in spans:
        by_day: dict[str, list[datetime]] = {}
        for hour in hours_in(life, start, end):
            by_day.setdefault(hour.strftime("%Y-%m-%d"), []).append(hour)
        for hours in by_day.values():
            first, last = hours[0], hours[-1] + HOUR
            if life.kind == "server":
                records.append(UsageRecord(
                    "cloud.server_hours", Decimal(len(hours)), "hour", first, last, "cloud",
                    "cloud", "hetzner", life.platform, life.environment,
                    sku=server_sku(life), actor=life.actor))
            else:
                month_hours = calendar.monthrange(first.year, first.month)[1] * 24
                quantity = (Decimal(life.size_gb * len(hours)) / month_hours).quantize(STEP)
                records.append(UsageRecord(
                    "cloud.volume_gb_months", quantity, "GB-month", first, last, "cloud",
                    "cloud", "hetzner", life.platform, life.environment, sku="volume",
                    actor=life.actor))
    return records
