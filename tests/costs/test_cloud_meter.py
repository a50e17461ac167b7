"""Cloud usage from deployment journals: whole clock hours, each metered exactly once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

import pytest

from app.domain.costs.cloud_meter import Lifetime, hours_in, lifetimes, meter

T = datetime(2026, 11, 30, 22, 15, tzinfo=UTC)  # a server made at 22:15 on the last of November
H = timedelta(hours=1)


def step(action: str, kind: str, name: str, **spec: Any) -> dict[str, Any]:
    desired = None if action == "delete" else {"kind": kind, "name": name, "labels": {}, "spec": spec}
    return {"action": action, "kind": kind, "name": name, "desired": desired}


def started(*steps: dict[str, Any]) -> tuple[str, dict[str, Any], datetime, str]:
    return ("DeploymentStarted", {"detail": list(steps),
                                  "spec": {"platform": "hub", "environment": "production"}},
            T, "owner")


def ok(s: dict[str, Any], at: datetime) -> tuple[str, dict[str, Any], datetime, str]:
    return ("StepSucceeded", {"step": f"{s['action']}:{s['kind']}:{s['name']}"}, at, "owner")


def test_journal_folds_into_lifetimes_with_types_sizes_and_ends() -> None:
    app1 = step("create", "server", "wn-hub-app-1", server_type="cx22")
    vol = step("create", "volume", "wn-hub-db-data", size=20)
    net = step("create", "network", "wn-hub-net")
    bigger = step("update", "volume", "wn-hub-db-data", size=50)
    gone = step("delete", "server", "wn-hub-app-1")
    events = [started(app1, vol, net), ("StepStarted", {"step": "x"}, T, "owner"),
              ok(app1, T), ok(vol, T + 2 * H), ok(net, T + 2 * H),
              ("DeploymentFinished", {"outcome": "applied"}, T + 2 * H, "owner"),
              started(bigger, gone), ok(bigger, T + 5 * H), ok(gone, T + 6 * H)]
    spans = lifetimes(events, "", "")
    assert sorted((s.kind, s.sku, s.size_gb, s.start, s.end) for s in spans) == [
        ("server", "cx22", 0, T, T + 6 * H),
        ("volume", "", 20, T + 2 * H, T + 5 * H),
        ("volume", "", 50, T + 5 * H, None),
    ]
    assert {(s.platform, s.environment) for s in spans} == {("hub", "production")}


def life(start: datetime, end: datetime | None, kind: str = "server", size: int = 0) -> Lifetime:
    return Lifetime("hub", "production", kind, "wn-hub-app-1", "cx22" if kind == "server" else "",
                    size, start, end, "owner")


@pytest.mark.parametrize(("start", "end", "hours"), [
    (T, T + timedelta(minutes=5), 1),  # 22:15-22:20: one started hour
    (T, T.replace(minute=0) + 2 * H, 2),  # ends exactly on 24:00: hours 22 and 23
    (T, T.replace(minute=0) + 2 * H + timedelta(seconds=1), 3),
    (T, T, 0),  # made and deleted at once
])
def test_every_clock_hour_touched_counts_whole(start: datetime, end: datetime, hours: int) -> None:
    window = (T.replace(minute=0), T.replace(minute=0) + 10 * H)
    assert len(hours_in(life(start, end), *window)) == hours


def test_windows_one_after_another_count_each_hour_once_split_by_day() -> None:
    running = life(T, None)
    base = T.replace(minute=0)
    one_go = meter([running], base, base + 5 * H)
    pieces = [r for k in range(5) for r in meter([running], base + k * H, base + (k + 1) * H)]
    assert sum(r.quantity for r in one_go) == sum(r.quantity for r in pieces) == 5
    # 22:00-24:00 on 30 November, 00:00-03:00 on 1 December: one record per day
    assert [(r.day, r.quantity, r.unit, r.sku) for r in one_go] == [
        ("2026-11-30", 2, "hour", "cx22@/wn-hub-app-1"), ("2026-12-01", 3, "hour", "cx22@/wn-hub-app-1")]
    assert one_go[0].period_start == base and one_go[0].period_end == base + 2 * H


def test_volumes_are_gb_months_of_their_month() -> None:
    base = T.replace(minute=0)
    records = meter([life(T, None, "volume", 30)], base, base + 4 * H)
    november, december = records
    assert november.quantity == (Decimal(30 * 2) / (30 * 24)).quantize(Decimal("0.000001"))
    assert december.quantity == (Decimal(30 * 2) / (31 * 24)).quantize(Decimal("0.000001"))
    assert {r.resource for r in records} == {"cloud.volume_gb_months"}


def test_a_window_off_the_hour_is_refused() -> None:
    with pytest.raises(ValueError, match="whole hours"):
        meter([], T, T + H)
