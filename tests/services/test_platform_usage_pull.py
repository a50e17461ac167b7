"""Pulling a platform's usage over a real SQLite store, the platform's answers given as it
would send them: each page kept with its cursor once, a malformed page named and kept out,
and a concurrent pull keeping nothing of its own."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from app.domain.events import NewEvent
from app.services.platform_usage import (
    PULLED,
    PlatformUsagePuller,
    UsagePullError,
    decode_answer,
    platform_usage_stream,
)
from app.store.event_store import SqliteEventStore
from tests.services.test_usage_ledger import store  # noqa: F401

STREAM = platform_usage_stream("t1", "hub", "production")


def row(n: int, quantity: Any = 5) -> dict[str, Any]:
    return {"id": str(n), "tenant": "acme", "resource": "requests", "quantity": quantity,
            "unit": "request", "period_start": "2026-11-03T10:00:00Z",
            "period_end": "2026-11-03T11:00:00Z"}


class Platform:
    """The platform's log as its endpoint pages it."""

    def __init__(self, rows: list[dict[str, Any]]) -> None:
        self.rows = rows
        self.asked: list[str] = []
        self.where = "hub production"

    async def page(self, cursor: str, limit: int) -> object:
        self.asked.append(cursor)
        after = [r for r in self.rows if int(r["id"]) > int(cursor or 0)]
        page = after[:limit]
        return {"platform": "hub", "records": page, "more": len(after) > limit,
                "cursor": page[-1]["id"] if page else (cursor or "0")}


def pull(store: SqliteEventStore, feed: Any, limit: int = 2) -> Any:  # noqa: F811
    return asyncio.run(PlatformUsagePuller(store, "t1").pull("hub", "production", feed, "owner", limit))


def test_pages_are_kept_with_their_cursor_and_pulled_once(store: SqliteEventStore) -> None:  # noqa: F811
    platform = Platform([row(n) for n in range(1, 6)])
    done = pull(store, platform)
    assert (done.records, done.pages, done.cursor) == (5, 3, "5")
    events = store.read_stream(STREAM)
    assert [e.type for e in events].count(PULLED) == 3
    assert [e.metadata.get("usage_id") for e in events if e.type != PULLED] == [
        f"hub/production/{n}" for n in range(1, 6)]
    again = pull(store, platform)
    assert (again.records, again.cursor_from) == (0, "5")
    platform.rows.append(row(6))
    assert pull(store, platform).records == 1


def test_a_malformed_page_is_named_and_the_pages_before_it_are_kept(store: SqliteEventStore) -> None:  # noqa: F811
    platform = Platform([row(1), row(2), row(3), row(4, quantity="many")])
    with pytest.raises(UsagePullError) as caught:
        pull(store, platform)
    assert "records[1].quantity: must be a whole number" in str(caught.value)
    assert "nothing of that answer was recorded, 2 records before it were" in str(caught.value)
    assert PlatformUsagePuller(store, "t1").cursor("hub", "production")[1] == "2"


def test_a_concurrent_pull_keeps_nothing_of_its_own(store: SqliteEventStore) -> None:  # noqa: F811
    platform = Platform([row(1), row(2)])
    original = store.append_batch

    def raced(appends: Any) -> Any:  # another console kept a page just before
        store.append_batch = original  # type: ignore[method-assign]
        store.append(STREAM, [NewEvent(PULLED, "t1", {"from": "", "cursor": "2", "records": 0})],
                      None)
        return original(appends)

    store.append_batch = raced  # type: ignore[method-assign]
    with pytest.raises(UsagePullError, match="another pull of hub production usage"):
        pull(store, platform)
    assert [e.type for e in store.read_stream(STREAM)] == [PULLED]


@pytest.mark.parametrize(("status", "body", "says"), [
    (0, "Connection refused", "hub does not answer (Connection refused)"),
    (401, "{}", "refused the environment's metering token (401)"),
    (404, "{}", "has no usage endpoint (404)"),
    (502, "Bad Gateway", "answered HTTP 502 to the usage request: Bad Gateway"),
    (200, "<html>", "answer: is not JSON"),
])
def test_each_failure_says_what_it_was(status: int, body: str, says: str) -> None:
    with pytest.raises(UsagePullError) as caught:
        decode_answer("hub", status, body)
    assert says in str(caught.value)
