"""A platform's metering answer read as usage records: what each resource becomes, and a
malformed answer named by its field."""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest

from app.domain.costs.platform_usage import PlatformUsageError, read_page


def answer(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {"platform": "hub", "cursor": "12", "more": False, "records": [
        {"id": "10", "tenant": "acme", "resource": "requests", "quantity": 42, "unit": "request",
         "period_start": "2026-11-03T10:00:00Z", "period_end": "2026-11-03T11:00:00Z"},
        {"id": "11", "tenant": "acme", "resource": "active_users", "quantity": 3, "unit": "user",
         "period_start": "2026-11-03T00:00:00Z", "period_end": "2026-11-04T00:00:00Z"},
        {"id": "12", "tenant": "globex", "resource": "storage", "quantity": 1_234_567_891,
         "unit": "byte", "period_start": "2026-11-03T00:00:00Z",
         "period_end": "2026-11-04T00:00:00Z"},
    ]}
    base.update(changes)
    return base


def test_each_resource_becomes_a_platform_record_of_the_environment() -> None:
    page = read_page(answer(), "hub", "production", "9")
    assert page.cursor == "12" and page.more is False
    ids = [row_id for row_id, _ in page.records]
    assert ids == ["10", "11", "12"]
    got = [(r.resource, r.quantity, r.unit, r.tenant) for _, r in page.records]
    assert got == [("platform.requests", Decimal(42), "request", "acme"),
                   ("platform.active_users", Decimal(3), "user", "acme"),
                   ("platform.storage_gb", Decimal("1.234568"), "GB", "globex")]
    first = page.records[0][1]
    assert (first.platform, first.environment, first.source, first.category, first.provider) == (
        "hub", "production", "platform", "platform", "owner")


def test_an_empty_answer_at_the_cursor_is_nothing_new() -> None:
    page = read_page(answer(records=[], cursor="9"), "hub", "production", "9")
    assert page.records == () and page.cursor == "9"


def broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    data = copy.deepcopy(answer())
    target: Any = data
    for key in path[:-1]:
        target = target[key]
    if value is KeyError:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return data


@pytest.mark.parametrize(("path", "value", "field"), [
    (("records",), KeyError, "records"),
    (("cursor",), KeyError, "cursor"),
    (("more",), "yes", "more"),
    (("records",), {"a": 1}, "records"),
    (("cursor",), "abc", "cursor"),
    (("cursor",), "5", "cursor"),  # before the cursor asked after
    (("platform",), "shop", "platform"),
    (("records", 1), "text", "records[1]"),
    (("records", 1, "quantity"), -1, "records[1].quantity"),
    (("records", 1, "quantity"), 1.5, "records[1].quantity"),
    (("records", 1, "quantity"), True, "records[1].quantity"),
    (("records", 2, "resource"), "cpu", "records[2].resource"),
    (("records", 2, "unit"), "GB", "records[2].unit"),
    (("records", 0, "tenant"), "", "records[0].tenant"),
    (("records", 0, "id"), "9", "records[0].id"),  # not after the cursor asked after
    (("records", 1, "id"), "10", "records[1].id"),  # not after the row before
    (("records", 2, "id"), "13", "records[2].id"),  # beyond the answer's cursor
    (("records", 0, "period_start"), "yesterday", "records[0].period_start"),
    (("records", 0, "period_end"), "2026-11-03T09:00:00Z", "records[0].period_end"),
    (("records", 0, "period_start"), "2026-11-03T10:00:00", "records[0].period_start"),
    (("records", 2, "period_end"), KeyError, "records[2].period_end"),
])
def test_a_malformed_answer_names_its_field(path: tuple[Any, ...], value: Any, field: str) -> None:
    with pytest.raises(PlatformUsageError) as caught:
        read_page(broken(path, value), "hub", "production", "9")
    assert caught.value.field == field, str(caught.value)


def test_more_without_progress_is_refused() -> None:
    with pytest.raises(PlatformUsageError) as caught:
        read_page(answer(records=[], cursor="9", more=True), "hub", "production", "9")
    assert caught.value.field == "more"


def test_an_answer_that_is_not_an_object_is_named() -> None:
    with pytest.raises(PlatformUsageError) as caught:
        read_page(["records"], "hub", "production", "")
    assert caught.value.field == "answer"
