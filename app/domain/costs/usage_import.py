"""Reading usage records from a CSV or JSON file, row by row.

CSV: a header line with field names (``resource,quantity,period_start,...``), one record
per line after it. JSON: an array of objects (or ``{"records": [...]}``). Every row is
checked; the first bad one is a :class:`UsageImportError` naming its place (``line 7``
for CSV, ``[6]`` for JSON) and field, and then nothing is imported. A row's ``source``
defaults to ``import``.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from app.domain.costs.usage import FIELDS, UsageRecord, UsageRecordError

MAX_RECORDS = 1_000_000
DEFAULTS = {"source": "import"}


class UsageImportError(ValueError):
    def __init__(self, where: str, field: str, message: str) -> None:
        super().__init__(f"{where}, {field}: {message}" if field else f"{where}: {message}")
        self.where = where
        self.field = field
        self.message = message


def parse_usage(text: str, kind: str) -> list[UsageRecord]:
    """Records from ``text``; ``kind`` is ``csv`` or ``json`` (from the file's extension)."""
    if kind == "csv":
        return parse_csv(text)
    if kind == "json":
        return parse_json(text)
    raise UsageImportError("file", "", f"unknown format {kind!r} (use a .csv or .json file)")


def parse_csv(text: str) -> list[UsageRecord]:
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise UsageImportError("line 1", "", f"is not valid CSV ({exc})") from None
    if header is None or not any(h.strip() for h in header):
        raise UsageImportError("line 1", "", "the header line is missing (field names, "
                               "for example resource,quantity,period_start,provider)")
    names = [h.strip() for h in header]
    for column, name in enumerate(names, start=1):
        if name not in FIELDS:
            raise UsageImportError("line 1", name or f"column {column}",
                                   f"is not a field of a usage record (known: {', '.join(FIELDS)})")
        if names.count(name) > 1:
            raise UsageImportError("line 1", name, "appears twice in the header")
    records: list[UsageRecord] = []
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise UsageImportError(f"line {reader.line_num}", "", f"is not valid CSV ({exc})") from None
        where = f"line {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue  # blank lines are allowed
        if len(row) != len(names):
            raise UsageImportError(where, "", f"has {len(row)} values; the header has {len(names)}")
        values = {n: v.strip() for n, v in zip(names, row, strict=True) if v.strip()}
        records.append(_record(values, where))
        _check_size(records, where)
    return records


def parse_json(text: str) -> list[UsageRecord]:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise UsageImportError(f"line {exc.lineno}", "", f"is not valid JSON ({exc.msg})") from None
    if isinstance(data, dict) and set(data) == {"records"}:
        data = data["records"]
    if not isinstance(data, list):
        raise UsageImportError("file", "", 'must hold a JSON array of records (or {"records": [...]})')
    records: list[UsageRecord] = []
    for index, item in enumerate(data):
        where = f"[{index}]"
        if not isinstance(item, dict):
            raise UsageImportError(where, "", "must be an object")
        records.append(_record(item, where))
        _check_size(records, where)
    return records


def _record(values: dict[str, Any], where: str) -> UsageRecord:
    try:
        return UsageRecord.from_json(values, DEFAULTS)
    except UsageRecordError as exc:
        raise UsageImportError(where, exc.field, exc.message) from None


def _check_size(records: list[UsageRecord], where: str) -> None:
    if len(records) > MAX_RECORDS:
        raise UsageImportError(where, "", f"a file may hold at most {MAX_RECORDS:,} records; "
                               "split it")
