"""Parsing a batch of events from JSON: good batches group by stream, bad ones name the
element and field, and no input produces anything but an EventBatchError."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.services.event_log import (
    MAX_BATCH,
    EventBatchError,
    events_from_json,
    parse_event_batch,
)
from app.services.ports import StreamAppend


def event(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "stream_id": "order-1",
        "type": "OrderPlaced",
        "tenant_id": "t1",
        "data": {"total": 3},
    }
    base.update(overrides)
    return {k: v for k, v in base.items() if v is not ...}


def error_of(payload: Any) -> EventBatchError:
    text = payload if isinstance(payload, str) else json.dumps(payload)
    with pytest.raises(EventBatchError) as info:
        parse_event_batch(text)
    return info.value


# --------------------------------------------------------------------- good batches
def test_events_are_grouped_by_stream_in_array_order() -> None:
    appends = parse_event_batch(
        json.dumps(
            [
                event(stream_id="a", type="One"),
                event(stream_id="b", type="Two"),
                event(stream_id="a", type="Three", metadata={"actor": "alice"}, schema_version=2),
            ]
        )
    )
    assert [(a.stream_id, [e.type for e in a.events]) for a in appends] == [
        ("a", ["One", "Three"]),
        ("b", ["Two"]),
    ]
    assert all(a.expected_version is None for a in appends)
    third = appends[0].events[1]
    assert third.metadata == {"actor": "alice", "correlation_id": None, "causation_id": None}
    assert third.schema_version == 2
    assert appends[1].events[0].metadata["actor"] is None


def test_null_metadata_means_none_given() -> None:
    (append,) = parse_event_batch(json.dumps([event(metadata=None)]))
    assert append.events[0].metadata["actor"] is None


def test_unicode_text_round_trips() -> None:
    (append,) = parse_event_batch(
        json.dumps([event(data={"name": "مرحبا 😀"})], ensure_ascii=False)
    )
    assert append.events[0].data == {"name": "مرحبا 😀"}


def test_escaped_surrogate_pairs_are_ordinary_characters() -> None:
    (append,) = parse_event_batch(
        '[{"stream_id":"s","type":"\\ud83d\\ude00","tenant_id":"t","data":{}}]'
    )
    assert append.events[0].type == "😀"


# --------------------------------------------------------------------- bad batches
@pytest.mark.parametrize(
    ("payload", "where", "message"),
    [
        ({"not": "a list"}, "", "expected a JSON array"),
        ([], "", "empty"),
        ([event(), 3], "[1]", "must be an object"),
        ([event(), event(), event(), event(tenant_id=...)], "[3].tenant_id", "is required"),
        ([event(stream_id=...)], "[0].stream_id", "is required"),
        ([event(data=...)], "[0].data", "is required"),
        ([event(extra=1)], "[0].extra", "is not a known field"),
        ([event(stream_id=7)], "[0].stream_id", "must be a string"),
        ([event(type="")], "[0].type", "must not be empty"),
        ([event(type="x" * 201)], "[0].type", "at most 200"),
        ([event(tenant_id="a\nb")], "[0].tenant_id", "control characters"),
        ([event(data=[1])], "[0].data", "JSON object"),
        ([event(metadata="x")], "[0].metadata", "JSON object"),
        ([event(metadata=[])], "[0].metadata", "JSON object"),
        ([event(metadata=False)], "[0].metadata", "JSON object"),
        ([event(schema_version=True)], "[0].schema_version", "integer"),
        ([event(schema_version=1.0)], "[0].schema_version", "integer"),
        ([event(schema_version=0)], "[0].schema_version", "at least 1"),
        ([event(schema_version=2**40)], "[0].schema_version", "too large"),
    ],
)
def test_errors_name_the_element_and_field(payload: Any, where: str, message: str) -> None:
    error = error_of(payload)
    assert error.where == where
    assert message in str(error)
    if where:
        assert str(error).startswith(f"{where}: ")


def test_the_first_bad_element_is_named() -> None:
    error = error_of([event(), event(type=1), event(tenant_id=2)])
    assert error.where == "[1].type"


def test_too_many_events() -> None:
    with pytest.raises(EventBatchError, match=f"at most {MAX_BATCH}"):
        events_from_json([event()] * (MAX_BATCH + 1))


@pytest.mark.parametrize(
    ("text", "where", "message"),
    [
        ('[{"stream_id": "a",', "line 1, column 20", "not valid JSON"),
        ("[\n  {}\n  {}\n]", "line 3, column 3", "not valid JSON"),
        ("", "line 1, column 1", "not valid JSON"),
        ("[NaN]", "", "NaN is not a JSON number"),
        ("[-Infinity]", "", "Infinity is not a JSON number"),
        ("[1e400]", "", "too large"),
        ("[" + "1" * 5000 + "]", "", "digits"),
        ("[" * 100_000 + "]" * 100_000, "", "nested too deeply"),
    ],
)
def test_text_that_is_not_a_storable_json_batch(text: str, where: str, message: str) -> None:
    error = error_of(text)
    assert error.where == where
    assert message in str(error)


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ('[{"stream_id":"s","type":"t","tenant_id":"x","data":{"a":"nul\\u0000"}}]', "[0].data"),
        ('[{"stream_id":"s","type":"t","tenant_id":"x","data":{"k\\u0000":1}}]', "[0].data"),
        ('[{"stream_id":"s","type":"\\ud800","tenant_id":"x","data":{}}]', "[0].type"),
        (
            '[{"stream_id":"s","type":"t","tenant_id":"x","data":{},"metadata":{"a":["\\udfff"]}}]',
            "[0].metadata",
        ),
    ],
)
def test_text_no_database_can_store_is_refused(text: str, where: str) -> None:
    error = error_of(text)
    assert error.where == where
    assert "cannot be stored" in str(error)


# --------------------------------------------------------------------- properties
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
field_values = st.one_of(
    json_values,
    st.text(min_size=1, max_size=12),
    st.dictionaries(st.text(max_size=6), json_values, max_size=3),
    st.integers(min_value=-2, max_value=3),
)
event_like = st.dictionaries(
    st.sampled_from(
        ["stream_id", "type", "tenant_id", "data", "metadata", "schema_version", "other"]
    ),
    field_values,
    max_size=7,
)


def outcome(text: str) -> list[StreamAppend] | EventBatchError:
    """What parsing gives; any exception other than EventBatchError fails the test."""
    try:
        return parse_event_batch(text)
    except EventBatchError as exc:
        return exc


def check_outcome(text: str) -> list[StreamAppend] | EventBatchError:
    result = outcome(text)
    if isinstance(result, EventBatchError):
        assert isinstance(result.where, str)
        assert str(result)
    else:
        assert result
        assert all(isinstance(a, StreamAppend) and a.events for a in result)
    return result


@settings(max_examples=300, deadline=None, database=None)
@given(json_values)
def test_any_json_gives_appends_or_a_batch_error(value: Any) -> None:
    check_outcome(json.dumps(value))


@settings(
    max_examples=300, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)
@given(st.lists(event_like | json_values, min_size=1, max_size=6))
def test_any_array_of_event_like_objects_gives_appends_or_a_batch_error(items: list[Any]) -> None:
    result = check_outcome(json.dumps(items))
    if isinstance(result, EventBatchError):
        assert result.where == "" or result.where.startswith("[")
    else:
        assert sum(len(a.events) for a in result) == len(items)


@settings(max_examples=300, deadline=None, database=None)
@given(st.text())
def test_any_text_gives_appends_or_a_batch_error(text: str) -> None:
    check_outcome(text)


@settings(max_examples=200, deadline=None, database=None)
@given(st.lists(event_like, min_size=1, max_size=4))
def test_any_json_text_of_event_like_objects_unescaped(items: list[Any]) -> None:
    check_outcome(json.dumps(items, ensure_ascii=False))
