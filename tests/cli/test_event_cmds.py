"""``webnova events append|tail`` on SQLite workspaces."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, event

BatchFile = Callable[[list[Any]], Path]


def test_append_then_tail(webnova: Run, batch_file: BatchFile) -> None:
    path = batch_file(
        [
            event(1, metadata={"actor": "alice"}),
            event(2, stream="order-2"),
            event(3),
        ]
    )
    result = webnova("events", "append", str(path))
    assert result.code == 0, result.err
    assert result.out.strip() == "appended 3 events to workspace 'local' (positions 1-3)"
    assert "upgraded from schema none" in result.err  # a fresh local file gets its schema

    table = webnova("events", "tail").out.splitlines()
    assert table[0].split() == ["POSITION", "TIME", "(UTC)", "TYPE", "STREAM", "TENANT", "ACTOR"]
    rows = [line.split() for line in table[1:]]
    # Grouped per stream in one transaction: order-1's events first, then order-2.
    assert [(r[0], r[4], r[6]) for r in rows] == [
        ("1", "order-1", "alice"),
        ("2", "order-1", "-"),
        ("3", "order-2", "-"),
    ]

    events = webnova("events", "tail", "--json").json()
    assert [(e["position"], e["stream_id"], e["version"], e["data"]) for e in events] == [
        (1, "order-1", 1, {"n": 1}),
        (2, "order-1", 2, {"n": 3}),
        (3, "order-2", 1, {"n": 2}),
    ]
    assert events[0]["metadata"] == {"actor": "alice", "correlation_id": None, "causation_id": None}
    assert set(events[0]) == {
        "position", "stream_id", "version", "tenant_id", "type", "schema_version", "data",
        "metadata", "recorded_at",
    }  # fmt: skip


def test_append_json_returns_the_recorded_events(webnova: Run, batch_file: BatchFile) -> None:
    webnova("events", "append", str(batch_file([event(0)])))
    result = webnova("events", "append", str(batch_file([event(1), event(2)])), "--json")
    assert result.code == 0
    recorded = result.json()
    assert [(e["position"], e["version"]) for e in recorded] == [(2, 2), (3, 3)]
    assert recorded == webnova("events", "tail", "--json", "--limit", "2").json()
    single = webnova("events", "append", str(batch_file([event(4)])))
    assert single.out.strip() == "appended 1 event to workspace 'local' (position 4)"


def test_append_from_standard_input(webnova: Run) -> None:
    payload = json.dumps([event(7, tenant="t2")])
    result = webnova("events", "append", "-", stdin=payload)
    assert result.code == 0, result.err
    (only,) = webnova("events", "tail", "--json").json()
    assert only["tenant_id"] == "t2"


def test_unicode_and_a_byte_order_mark(webnova: Run, tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    items = [{"stream_id": "طلب-1", "type": "تم", "tenant_id": "t", "data": {"ar": "مرحبا"}}]
    path.write_bytes(b"\xef\xbb\xbf" + json.dumps(items, ensure_ascii=False).encode("utf-8"))
    assert webnova("events", "append", str(path)).code == 0
    (only,) = webnova("events", "tail", "--json").json()
    assert only["stream_id"] == "طلب-1"
    assert only["data"] == {"ar": "مرحبا"}


def test_an_invalid_element_writes_nothing(webnova: Run, batch_file: BatchFile) -> None:
    webnova("events", "append", str(batch_file([event(0)])))
    bad = [event(1), event(2), event(3), {"stream_id": "s", "type": "T", "data": {}}]
    result = webnova("events", "append", str(batch_file(bad)))
    assert result.code == 1
    assert result.error.endswith("[3].tenant_id: is required; nothing was written")
    assert result.out == ""
    assert len(webnova("events", "tail", "--json").json()) == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('[{"stream_id": ', "line 1, column 16: not valid JSON"),
        ("{}", "expected a JSON array of event objects"),
        ("[]", "the array is empty"),
        ('[{"stream_id":"s","type":"t","tenant_id":"x","data":{"v":NaN}}]', "NaN"),
        ('[{"stream_id":"s","type":"t","tenant_id":"x","data":{"v":"a\\u0000"}}]', "[0].data"),
        ('[{"stream_id":"s","type":"t","tenant_id":"x","data":{},"color":1}]', "[0].color"),
    ],
)
def test_invalid_input_is_refused_before_anything_is_opened(
    webnova: Run, tmp_path: Path, local_db: Path, content: str, message: str
) -> None:
    path = tmp_path / "in.json"
    path.write_text(content, encoding="utf-8")
    result = webnova("events", "append", str(path))
    assert result.code == 1
    assert message in result.error
    assert result.error.endswith("nothing was written")
    assert not local_db.exists()


def test_unreadable_input(webnova: Run, tmp_path: Path) -> None:
    missing = webnova("events", "append", str(tmp_path / "missing.json"))
    assert missing.code == 1
    assert (
        missing.error
        == f"error: cannot read {tmp_path / 'missing.json'}: No such file or directory"
    )
    latin1 = tmp_path / "latin1.json"
    latin1.write_bytes(b'[{"stream_id": "caf\xe9"}]')
    result = webnova("events", "append", str(latin1))
    assert result.code == 1
    assert "is not UTF-8 text (at byte offset 19)" in result.error
    stdin = webnova("events", "append", "-", stdin=b"\xff\xfe")
    assert stdin.code == 1
    assert "standard input is not UTF-8" in stdin.error


def test_tail_limit_and_order(webnova: Run, batch_file: BatchFile) -> None:
    webnova("events", "append", str(batch_file([event(n, stream=f"s{n}") for n in range(30)])))
    assert len(webnova("events", "tail", "--json").json()) == 20  # the default
    last = webnova("events", "tail", "--limit", "3", "--json").json()
    assert [e["position"] for e in last] == [28, 29, 30]
    assert len(webnova("events", "tail", "--limit", "100", "--json").json()) == 30


@pytest.mark.parametrize("limit", ["0", "-1", "abc", "10001"])
def test_tail_limit_is_checked(webnova: Run, limit: str) -> None:
    result = webnova("events", "tail", "--limit", limit)
    assert result.code == 2
    assert "argument --limit" in result.error


def test_tail_of_an_empty_workspace(webnova: Run) -> None:
    assert webnova("events", "tail").out.strip() == "no events in workspace 'local'"
    assert webnova("events", "tail", "--json").json() == []


def test_long_values_are_shortened_in_the_table_only(webnova: Run, batch_file: BatchFile) -> None:
    long_type = "T" + "x" * 120
    webnova("events", "append", str(batch_file([event(1) | {"type": long_type}])))
    table = webnova("events", "tail").out
    assert long_type not in table
    assert "…" in table
    assert webnova("events", "tail", "--json").json()[0]["type"] == long_type


def test_events_go_to_the_chosen_workspace(
    webnova: Run, batch_file: BatchFile, tmp_path: Path
) -> None:
    assert webnova("workspace", "add", "other", f"sqlite:///{tmp_path}/other.db").code == 0
    path = batch_file([event(1, stream="elsewhere")])
    assert webnova("events", "append", str(path), "--workspace", "other").code == 0
    assert webnova("events", "tail", "--json").json() == []
    (only,) = webnova("events", "tail", "--json", "--workspace", "other").json()
    assert only["stream_id"] == "elsewhere"
    unknown = webnova("events", "tail", "--workspace", "nope")
    assert unknown.code == 1
    assert unknown.error == "error: no workspace named 'nope'"
