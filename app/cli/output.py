"""How the CLI speaks: tables and lines for people, JSON for scripts, one-line errors.

Everything that reaches stderr passes through the redactor, so an error can never carry a
password or an API key even when a driver echoes one.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from app.domain.redaction import redactor

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2
EXIT_NEEDS_APPROVAL = 3  # the action waits for an owner's approval


class CliError(Exception):
    """The command could not do its work; the message is shown as ``error: ...``."""

    exit_code = EXIT_FAILED


class UsageError(CliError):
    """The command line itself is wrong (unknown option, malformed URL, ...)."""

    exit_code = EXIT_USAGE


def one_line(text: str) -> str:
    """The first non-empty line of ``text``; driver messages often carry detail lines."""
    for line in str(text).splitlines():
        if line.strip():
            return line.strip()
    return ""


def report_error(message: str) -> None:
    print(f"error: {redactor.redact(one_line(message))}", file=sys.stderr, flush=True)


def note(message: str) -> None:
    """Advice beside the result (stderr, so ``--json`` output stays parseable)."""
    print(f"note: {redactor.redact(message)}", file=sys.stderr, flush=True)


def emit(text: str = "") -> None:
    print(text)


def emit_json(value: Any) -> None:
    json.dump(value, sys.stdout, ensure_ascii=False, indent=2, default=str)
    sys.stdout.write("\n")
    sys.stdout.flush()


def _cell(value: object, max_width: int | None) -> str:
    text = "-" if value is None else str(value)
    text = " ".join(text.split())  # no line breaks or tabs inside a table cell
    if max_width is not None and len(text) > max_width:
        text = text[: max_width - 1] + "…"
    return text


def emit_table(
    headers: Sequence[str], rows: Sequence[Sequence[object]], max_width: int | None = None
) -> None:
    """Left-aligned columns; ``None`` shows as ``-``; cells longer than ``max_width`` are
    shortened (use ``--json`` for the full values)."""
    cells = [[_cell(v, max_width) for v in row] for row in rows]
    widths = [len(h) for h in headers]
    for row in cells:
        widths = [max(w, len(c)) for w, c in zip(widths, row, strict=True)]
    for row in [list(headers), *cells]:
        print("  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def emit_fields(fields: Sequence[tuple[str, object]]) -> None:
    """``name  value`` lines, names aligned."""
    width = max(len(name) for name, _ in fields)
    for name, value in fields:
        print(f"{name.ljust(width)}  {_cell(value, None)}")
