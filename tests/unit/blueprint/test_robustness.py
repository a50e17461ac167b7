"""Bad input can only ever produce findings with a place, never an exception or a hang."""

from __future__ import annotations

import copy
import json
import time
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.blueprint.document import MAX_BYTES, dump_document, parse_document
from app.domain.blueprint.findings import Finding
from app.domain.blueprint.validation import validate_document
from tests.services.blueprint_docs import clinic

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=5) | st.dictionaries(st.text(max_size=10), children, max_size=5),
    max_leaves=30,
)


def assert_located(findings: tuple[Finding, ...] | list[Finding]) -> None:
    assert findings
    for finding in findings:
        assert isinstance(finding.path, str)
        assert finding.path == "" or finding.path.startswith("/")
        assert finding.message_en
        assert finding.message_ar
        if finding.source == "parse":
            assert finding.path == ""
        elif finding.path == "":
            raise AssertionError(f"finding without a place: {finding}")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_text_never_raises(text: str) -> None:
    for fmt in (None, "yaml", "json"):
        parsed = parse_document(text, fmt)
        if parsed.data is None:
            assert parsed.findings
            assert all(f.source == "parse" for f in parsed.findings)
        else:
            _, report = validate_document(parsed.data)
            if report.findings:
                assert_located(report.findings)


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_arbitrary_json_documents_yield_located_findings(value: Any) -> None:
    text = json.dumps(value)
    parsed = parse_document(text, "json")
    if parsed.data is None:
        assert parsed.findings
        return
    blueprint, report = validate_document(parsed.data)
    assert blueprint is None or report.valid or report.errors
    if blueprint is None:
        assert_located(report.findings)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*prefix, index))
    return found


ALL_PATHS = [p for p in _paths(clinic()) if p]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.tuples(st.sampled_from(ALL_PATHS), st.sampled_from(["delete", "replace"]), json_values),
        min_size=1,
        max_size=4,
    )
)
def test_mutated_valid_blueprints_yield_located_findings(mutations: list[tuple[tuple[Any, ...], str, Any]]) -> None:
    doc = clinic()
    for path, op, value in mutations:
        parent: Any = doc
        try:
            for part in path[:-1]:
                parent = parent[part]
            if op == "delete":
                del parent[path[-1]]
            else:
                parent[path[-1]] = copy.deepcopy(value)
        except (KeyError, IndexError, TypeError):
            continue
    blueprint, report = validate_document(doc)
    if blueprint is None:
        assert_located(report.findings)
    for finding in report.findings:
        assert finding.path == "" or finding.path.startswith("/")
    # Whatever survived validation also survives a round trip through both formats.
    if blueprint is not None:
        for fmt in ("yaml", "json"):
            reparsed = parse_document(dump_document(doc, fmt), fmt)
            assert reparsed.data is not None
            again, _ = validate_document(reparsed.data)
            assert again == blueprint


def test_ten_megabyte_file_is_refused_quickly() -> None:
    big = b"key: " + b"x" * (10 * 1024 * 1024)
    started = time.monotonic()
    parsed = parse_document(big)
    assert time.monotonic() - started < 1
    assert parsed.data is None
    assert f"limited to {MAX_BYTES // (1024 * 1024)} MB" in parsed.findings[0].message_en


def test_deep_nesting_is_refused_with_a_message() -> None:
    for text in ("[" * 50_000 + "]" * 50_000, "a:\n" + "".join("  " * i + "- \n" for i in range(200)),
                 '{"a":' * 5000 + "1" + "}" * 5000, "a: " + "[" * 60 + "]" * 60):
        started = time.monotonic()
        parsed = parse_document(text)
        assert time.monotonic() - started < 2
        assert parsed.data is None
        assert parsed.findings[0].source == "parse"


def test_yaml_bombs_and_tricks_are_refused() -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n"
    parsed = parse_document(bomb)
    assert parsed.data is None
    assert "anchors" in parsed.findings[0].message_en
    assert parsed.findings[0].extra["line"] == 1
    parsed = parse_document("!!python/object/apply:os.system ['true']")
    assert parsed.data is None
    parsed = parse_document("country: NO\nwhen: 2026-01-01\nflag: yes\n")
    assert parsed.data == {"country": "NO", "when": "2026-01-01", "flag": "yes"}


def test_positions_point_at_the_offending_line() -> None:
    text = yaml.safe_dump(clinic(), allow_unicode=True, sort_keys=False)
    parsed = parse_document(text)
    line, _column = parsed.positions["/entities/1/fields/0/reference"]
    assert text.splitlines()[line - 1].strip() == "reference: patient"
    assert parsed.position("/entities/1/fields/0/nothing_here") == parsed.positions["/entities/1/fields/0"]
