"""Usage records and their import: every bad value is an error naming its field (and, in
a file, its line or index); good ones round-trip exactly."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.costs.usage import (
    FIELDS,
    UsageRecord,
    UsageRecordError,
    month_range,
    records_from_ai_usage,
    records_of_event,
    rollup_entry,
)
from app.domain.costs.usage_import import UsageImportError, parse_usage

T0 = datetime(2026, 11, 3, 10, 0, tzinfo=UTC)


def good(**changes: Any) -> dict[str, Any]:
    return {"resource": "platform.requests", "quantity": "1200", "period_start": "2026-11-03T10:00:00Z",
            "period_end": "2026-11-03T11:00:00Z", "provider": "owner", "source": "platform",
            "platform": "hub", "environment": "production", "tenant": "acme", **changes}


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"quantity": "-1"}, "quantity", "must not be negative"),
    ({"quantity": "1.0000001"}, "quantity", "at most 6 decimal places"),
    ({"quantity": "NaN"}, "quantity", "finite"),
    ({"quantity": "lots"}, "quantity", "'lots' is not a decimal number"),
    ({"quantity": True}, "quantity", "not bool"),
    ({"quantity": "1e12"}, "quantity", "less than"),
    ({"resource": "requests"}, "resource", "not a dotted resource name"),
    ({"resource": ""}, "resource", "is missing"),
    ({"unit": "hour"}, "unit", "platform.requests is counted in 'request', not 'hour'"),
    ({"resource": "platform.things", "unit": None}, "unit", "is missing"),
    ({"source": "guess"}, "source", "is not one of ai, cloud, platform, import"),
    ({"category": "fun"}, "category", "is not one of ai, cloud, provider, platform"),
    ({"provider": "aws"}, "provider", "is not one of anthropic, hetzner, stripe, owner"),
    ({"provider": None}, "provider", "is missing"),
    ({"period_start": "2026-11-03T10:00:00"}, "period_start", "must include a UTC offset"),
    ({"period_start": "yesterday"}, "period_start", "not an ISO 8601 time"),
    ({"period_end": "2026-11-03T09:00:00Z"}, "period_end", "is before period_start"),
    ({"platform": "h\x07ub"}, "platform", "control characters"),
    ({"tenant": " acme"}, "tenant", "spaces"),
    ({"tenant": 7}, "tenant", "must be a text, not int"),
    ({"colour": "red"}, "colour", "is not a field of a usage record"),
])
def test_a_bad_value_names_its_field(changes: dict[str, Any], field: str, words: str) -> None:
    data = {k: v for k, v in good(**changes).items() if v is not None}
    with pytest.raises(UsageRecordError) as caught:
        UsageRecord.from_json(data)
    assert caught.value.field == field
    assert words in str(caught.value)


def test_a_good_record_round_trips_in_utc_with_defaults_from_its_resource() -> None:
    record = UsageRecord.from_json(good(period_start="2026-11-03T12:00:00+02:00",
                                        period_end=None, quantity="12.500"))
    assert record.period_start == T0 == record.period_end
    assert (record.unit, record.category, record.quantity) == ("request", "platform", Decimal("12.5"))
    assert record.micro_units == 12_500_000
    assert UsageRecord.from_json(record.to_json()) == record
    assert record.day == "2026-11-03"
    assert str(UsageRecord.from_json(good(quantity="100")).quantity) == "100"


def test_ai_usage_events_are_read_as_token_records_by_model() -> None:
    data = {"model": "claude-sonnet-4-5", "input_tokens": 900, "output_tokens": 120,
            "cache_creation_input_tokens": 0, "cache_read_input_tokens": 4000}
    records = records_from_ai_usage(data, T0, "owner")
    assert [(r.resource, r.quantity, r.sku, r.provider) for r in records] == [
        ("ai.tokens.input", 900, "claude-sonnet-4-5", "anthropic"),
        ("ai.tokens.output", 120, "claude-sonnet-4-5", "anthropic"),
        ("ai.tokens.cache_read", 4000, "claude-sonnet-4-5", "anthropic"),
    ]
    assert records_of_event("AiUsageRecorded", data, T0, "owner") == records
    assert records_of_event("BlueprintRevised", data, T0, "owner") == []


def test_a_month_is_its_days() -> None:
    assert [d.isoformat() for d in month_range("2026-12")] == ["2026-12-01", "2027-01-01"]
    for bad in ("2026-13", "2026-1", "November", ""):
        with pytest.raises(UsageRecordError, match="period"):
            month_range(bad)


CSV_HEADER = "resource,quantity,period_start,provider,platform,tenant\n"


def test_a_bad_csv_row_names_its_line_and_field() -> None:
    text = (CSV_HEADER + "platform.requests,10,2026-11-03T10:00:00Z,owner,hub,acme\n\n"
            "platform.requests,10,2026-11-03T10:00:00Z,nobody,hub,acme\n")
    with pytest.raises(UsageImportError) as caught:
        parse_usage(text, "csv")
    assert str(caught.value).startswith("line 4, provider: 'nobody' is not one of")
    with pytest.raises(UsageImportError, match=r"^line 2: has 3 values; the header has 6$"):
        parse_usage(CSV_HEADER + "a,b,c\n", "csv")
    with pytest.raises(UsageImportError, match=r"^line 1, price: is not a field"):
        parse_usage("resource,price\n", "csv")
    with pytest.raises(UsageImportError, match=r"^line 1: the header line is missing"):
        parse_usage("", "csv")


def test_a_bad_json_item_names_its_index_and_field() -> None:
    items = [good(), good(quantity=-3)]
    with pytest.raises(UsageImportError, match=r"^\[1\], quantity: must not be negative$"):
        parse_usage(json.dumps(items), "json")
    with pytest.raises(UsageImportError, match=r"^\[0\]: must be an object$"):
        parse_usage("[1]", "json")
    with pytest.raises(UsageImportError, match=r"^line 1: is not valid JSON"):
        parse_usage("[", "json")
    assert len(parse_usage(json.dumps({"records": items[:1]}), "json")) == 1


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["csv", "json"]))
def test_any_text_gives_records_or_a_clear_error(text: str, kind: str) -> None:
    failure: UsageImportError | None = None
    try:
        parse_usage(text, kind)
    except UsageImportError as exc:
        failure = exc
    assert failure is None or (failure.where and str(failure))


@settings(max_examples=200, deadline=None)
@given(st.decimals(min_value=0, max_value=Decimal("999999999"), places=6, allow_nan=False),
       st.integers(min_value=-12, max_value=12),
       st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)))
def test_valid_records_survive_csv_and_json_exactly(quantity: Decimal, offset: int,
                                                    moment: datetime) -> None:
    start = moment.replace(tzinfo=timezone(timedelta(hours=offset)))
    record = UsageRecord("platform.storage_gb", quantity, "GB", start, start, "import",
                         "platform", "owner", "hub", "prod", "acme")
    data = record.to_json()
    assert parse_usage(json.dumps([data]), "json") == [record]
    names = list(data)
    row = ",".join("" if data[n] is None else str(data[n]) for n in names)
    assert parse_usage(",".join(names) + "\n" + row + "\n", "csv") == [record]


field_values = st.one_of(st.none(), st.integers(-5, 5), st.sampled_from([
    "", " hub", "hub", "platform.requests", "ai.tokens.input", "request", "token", "owner",
    "import", "platform", "ai", "2026-11-03T10:00:00Z", "2026-11-03T09:00:00+00:00",
    "2026-11-03T10:00:00", "1.5", "-1", "0.0000001", "x\x01"]))


@settings(max_examples=400, deadline=None)
@given(st.fixed_dictionaries({}, optional=dict.fromkeys(FIELDS, field_values)))
def test_the_rollups_reading_agrees_with_the_full_reading(data: dict[str, Any]) -> None:
    """The rollup's fast reading of an event (text fields checked once per combination)
    accepts and rejects exactly what UsageRecord.from_json does, with the same values."""
    try:
        record = UsageRecord.from_json(data)
    except UsageRecordError:
        with pytest.raises(UsageRecordError):
            rollup_entry(data)
        return
    assert rollup_entry(data) == (record.day, record.dimensions(), record.micro_units)


COMPLETE = UsageRecord.from_json(good(actor="owner", sku="x", unit="request",
                                      category="platform")).to_json()


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(FIELDS), field_values, max_size=3))
def test_complete_records_read_the_same_on_the_fast_path(changes: dict[str, Any]) -> None:
    data = {**COMPLETE, **changes}
    try:
        record = UsageRecord.from_json(data)
    except UsageRecordError:
        with pytest.raises(UsageRecordError):
            rollup_entry(data)
        return
    assert rollup_entry(data) == (record.day, record.dimensions(), record.micro_units)
